//! The HTML pages: login, the list of plans, the overview of a nämnd's round, a goal's page with
//! its assessment form and history, and the round's workflow with its checklist.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{Markup, html};
use styr_analysis::TargetStatus;
use styr_app::workflow::{self, Decision, SaveOutcome, State as Flow, Transition};
use styr_domain::{Assessment, Plan};

use crate::auth::{self, Signed, check_csrf};
use crate::layout::{page, round_nav};
use crate::{AppState, WebError};

type Fields = Form<HashMap<String, String>>;

/// The path of a round: committee, year, round.
#[derive(serde::Deserialize)]
pub struct RoundPath {
    pub(crate) committee: String,
    pub(crate) year: i32,
    pub(crate) round: String,
}

#[derive(serde::Deserialize)]
pub struct GoalPath {
    committee: String,
    year: i32,
    round: String,
    goal: String,
}

pub async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "max-age=3600")], include_str!("../static/styr.css"))
        .into_response()
}

fn field<'f>(f: &'f HashMap<String, String>, name: &str) -> &'f str {
    f.get(name).map(String::as_str).unwrap_or("")
}

pub async fn login_form(State(state): State<AppState>) -> Result<Response, WebError> {
    let token = styr_app::accounts::random_token()?;
    Ok(login_page(&state, &token, None, StatusCode::OK))
}

fn login_page(state: &AppState, token: &str, error: Option<&str>, status: StatusCode) -> Response {
    let body = page(
        "Logga in",
        None,
        html! {
            h1 { "Logga in" }
            @if let Some(e) = error { p.error role="alert" { (e) } }
            form.edit method="post" action="/login" {
                input type="hidden" name="csrf" value=(token);
                label for="username" { "Användarnamn" }
                input type="text" id="username" name="username" autocomplete="username" required;
                label for="password" { "Lösenord" }
                input type="password" id="password" name="password" autocomplete="current-password" required;
                div { button type="submit" { "Logga in" } }
            }
        },
    );
    (status, [(header::SET_COOKIE, auth::set_cookie(state, auth::LOGIN_COOKIE, token, None))], body).into_response()
}

pub async fn login(State(state): State<AppState>, headers: HeaderMap, Form(f): Fields) -> Result<Response, WebError> {
    // Login CSRF: the form's token must equal the cookie set with the form (double submit).
    check_csrf(auth::cookie(&headers, auth::LOGIN_COOKIE).unwrap_or(""), &f)?;
    let username = field(&f, "username").trim().to_string();
    if !state.limiter.allowed(&username) {
        let token = styr_app::accounts::random_token()?;
        return Ok(login_page(&state, &token, Some(&WebError::TooManyAttempts.message()), StatusCode::TOO_MANY_REQUESTS));
    }
    let Some(user) = styr_app::accounts::authenticate(&state.store, &username, field(&f, "password")).await? else {
        state.limiter.failed(&username);
        tracing::warn!(user = %username, "failed login");
        let token = styr_app::accounts::random_token()?;
        return Ok(login_page(&state, &token, Some("Fel användarnamn eller lösenord."), StatusCode::UNAUTHORIZED));
    };
    state.limiter.succeeded(&username);
    let previous = auth::cookie(&headers, auth::session_cookie_name(&state));
    let session = styr_app::accounts::start_session(&state.store, &user, previous).await?;
    tracing::info!(user = %user.username, "login");
    let cookie = auth::set_cookie(&state, auth::session_cookie_name(&state), &session.token, None);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/")).into_response())
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap, Form(f): Fields) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    check_csrf(&s.csrf, &f)?;
    styr_app::accounts::end_session(&state.store, &s.token).await?;
    let cookie = auth::set_cookie(&state, auth::session_cookie_name(&state), "", Some(0));
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to("/login")).into_response())
}

pub(crate) fn shell(s: &Signed, title: &str, content: Markup) -> Html<String> {
    page(title, Some((&s.user, &s.csrf)), content)
}

pub async fn home(State(state): State<AppState>, headers: HeaderMap) -> Result<Html<String>, WebError> {
    let s = auth::require(&state, &headers).await?;
    let plans = styr_app::listing::plans(&state.store).await?;
    let mut rows = Vec::new();
    for p in &plans {
        let (_, plan) = styr_app::listing::plan(&state.store, p.year, Some(&p.committee)).await?;
        rows.push((p, plan.rounds.clone()));
    }
    Ok(shell(
        &s,
        "Nämnder och omgångar",
        html! {
            h1 { "Nämnder och omgångar" }
            @if rows.is_empty() { p { "Inga planer finns ännu." } }
            ul {
                @for (p, rounds) in &rows {
                    li {
                        (p.name) " " (p.year) ": "
                        @for (i, r) in rounds.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href=(format!("/n/{}/{}/{}", p.committee, p.year, r.id)) { (r.label) }
                        }
                    }
                }
            }
        },
    ))
}

pub(crate) async fn load_plan(state: &AppState, committee: &str, year: i32, round: &str) -> Result<Plan, WebError> {
    let (_, plan) = styr_app::listing::plan(&state.store, year, Some(committee)).await?;
    if plan.round(round).is_none() {
        return Err(WebError::NotFound(format!("omgången {round} i {committee} {year}")));
    }
    Ok(plan)
}

/// A level's coloured signal and label. The colour is an SVG fill (a presentation attribute),
/// since the CSP allows no inline styles.
pub(crate) fn signal(plan: &Plan, key: Option<&str>) -> Markup {
    let level = key.and_then(|k| plan.scale.levels.iter().find(|l| l.key == k));
    html! {
        @match level {
            Some(l) => {
                svg.signal width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false" {
                    circle cx="7" cy="7" r="6" fill=(l.color) stroke="#444" stroke-width="1" {}
                }
                (l.label)
            }
            None => span.muted { "–" }
        }
    }
}

/// A table of `styr_report` as HTML: the first column as row headers, the others right-aligned
/// when they hold numbers; an empty cell is `–`.
pub(crate) fn table(t: &styr_report::table::Table) -> Markup {
    let numeric: Vec<bool> = (0..t.header.len())
        .map(|i| {
            i > 0
                && t.rows.iter().any(|r| r.get(i).is_some_and(|c| !c.text.is_empty()))
                && t.rows.iter().all(|r| {
                    r.get(i).is_none_or(|c| c.text.is_empty() || styr_domain::format_sv::parse_number(&c.text).is_some() || c.text == "–")
                })
        })
        .collect();
    html! {
        div.table-wrap tabindex="0" role="region" aria-label=(t.title) {
            table {
                caption { (t.title) }
                thead { tr { @for (i, h) in t.header.iter().enumerate() {
                    @if h.is_empty() { td {} } @else { th.num[numeric[i]] scope="col" { (h) } }
                } } }
                tbody {
                    @for row in &t.rows {
                        tr { @for (i, c) in row.iter().enumerate() {
                            @if i == 0 && !c.text.is_empty() { th scope="row" { (c.text) } }
                            @else if i == 0 { td {} }
                            @else if numeric.get(i).copied().unwrap_or(false) { td.num { (typeset_number(&c.text)) } }
                            @else { td { @if c.text.is_empty() { "–" } @else { (c.text) } } }
                        } }
                    }
                }
            }
        }
    }
}

/// A number from a table as Swedish typography wants it: a true minus (U+2212), `–` when empty.
fn typeset_number(text: &str) -> String {
    match text {
        "" => "–".into(),
        t => t.strip_prefix('-').map(|rest| format!("\u{2212}{rest}")).unwrap_or_else(|| t.to_string()),
    }
}

pub(crate) fn round_base(p: &RoundPath) -> String {
    format!("/n/{}/{}/{}", p.committee, p.year, p.round)
}

pub async fn overview(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Result<Html<String>, WebError> {
    let s = auth::require(&state, &headers).await?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let key = plan.committee_key();
    let analysis = styr_app::assess::assess(&state.store, p.year, Some(&key), Some(&p.round)).await?;
    let status = workflow::round_status(&state.store, &key, p.year, &p.round).await?;
    let sections = workflow::section_states(&state.store, &key, p.year, &p.round).await?;
    let today = chrono::Utc::now().date_naive();
    let fresh = workflow::indicator_freshness(&state.store, &plan, &p.round, &analysis, today).await?;
    let sel = styr_app::select::Selection { committee: Some(key.clone()), year: p.year, round: Some(p.round.clone()), unit: None };
    let drift = styr_app::economics::drift(&state.store, &sel).await;
    let economics = drift.as_ref().ok().cloned();
    let checks = workflow::checklist_of(&state.store, &key, p.year, &p.round, &analysis, drift).await?;
    let round_label = plan.round(&p.round).map(|r| r.label.clone()).unwrap_or_default();
    let base = round_base(&p);
    let title = if round_label.contains(&p.year.to_string()) {
        format!("{} – {round_label}", plan.committee.name)
    } else {
        format!("{} – {round_label} {}", plan.committee.name, p.year)
    };
    let overdue = fresh.iter().filter(|f| f.overdue).count();
    Ok(shell(
        &s,
        &title,
        html! {
            (round_nav(&base, Some("")))
            h1 { (title) }
            p { "Status: " strong { (status.state.label()) } " · " a href=(format!("{base}/arbetsflode")) { "Arbetsflöde och checklista" }
                " · " a href=(format!("{base}/rapport")) { "Förhandsgranska rapporten" } }
            @if let Some(d) = &status.decision {
                p.notice { "Fastställd av nämnden " (d.meeting_date) " § " (d.paragraph) ", dnr " (d.diarienummer) "." }
            }
            h2 { "Samlad måluppfyllelse" }
            p { (analysis.summary.assessed.sentence.clone().unwrap_or_else(|| "Inga mål är bedömda ännu.".into())) }
            h2 { "Mål" }
            div.table-wrap tabindex="0" role="region" aria-label="Mål" { table {
                caption.visually-hidden { "Målen med bedömning, förslag och status" }
                thead { tr { th scope="col" { "Mål" } th scope="col" { "Bedömning" } th scope="col" { "Förslag från indikatorerna" } th scope="col" { "Status" } } }
                tbody { @for g in &analysis.goals {
                    tr {
                        th scope="row" { a href=(format!("{base}/mal/{}", g.id)) { (g.title) } }
                        td { (signal(&plan, g.assessment.as_ref().map(|a| a.level.key.as_str()))) }
                        td { (signal(&plan, g.proposal.level.as_ref().map(|l| l.key.as_str()))) }
                        td { (sections.get(&workflow::section_of_goal(&g.id)).map(|f| f.label()).unwrap_or(Flow::Utkast.label())) }
                    }
                } }
            } }
            h2 { "Ekonomi" }
            @match &economics {
                Some(e) => { (table(&e.table)) @for w in &e.warnings { p.error { (w) } } p { a href=(format!("{base}/ekonomi")) { "Ekonomi per enhet" } } }
                None => p.muted { "Ingen ekonomisk redovisning för omgången." }
            }
            h2 { "Vad saknas" }
            @let failing: Vec<_> = checks.iter().filter(|c| !c.passes()).collect();
            @if failing.is_empty() { p { "Checklistan är uppfylld." } }
            ul.checks { @for c in &failing { li { strong { (c.label) } ": " (c.problems.len()) " brister" } } }
            h2 id="indikatorer" { "Indikatorer: ägare och senaste utfall" }
            @if fresh.is_empty() { p.muted { "Omgången följs inte upp med indikatorer." } }
            @else {
                p { @if overdue == 0 { "Inga indikatorer är försenade." } @else { strong { (overdue) " av " (fresh.len()) " indikatorer är försenade" } ": omgångens period är slut men utfall eller IU-orsak saknas." } }
                div.table-wrap tabindex="0" role="region" aria-label="Indikatorernas ägare" { table {
                    caption.visually-hidden { "Indikatorernas ägare, senaste uppdatering och status" }
                    thead { tr { th scope="col" { "Indikator" } th scope="col" { "Ägare" } th scope="col" { "Senast uppdaterad" } th scope="col" { "Status" } } }
                    tbody { @for f in &fresh { tr {
                        th scope="row" { a href=(format!("{base}/mal/{}", f.goal)) { (f.title) } }
                        td { @match &f.owner { Some(o) => (o), None => span.muted { "ingen ägare" } } }
                        td.nowrap { (f.last_updated.as_deref().map(short_time).unwrap_or_else(|| "–".into())) }
                        td { @if f.overdue { strong.late { "Försenad" } } @else if f.reported { "Inrapporterad" } @else { "Väntar" } }
                    } } }
                } }
            }
        },
    ))
}

/// A stored time (`2026-12-08T00:26:21.579Z`) as a reader wants it: `2026-12-08 00:26`.
pub(crate) fn short_time(at: &str) -> String {
    at.get(..16).map(|t| t.replace('T', " ")).unwrap_or_else(|| at.to_string())
}

fn status_label(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Reached => "Når etappmålet",
        TargetStatus::NotReached => "Når inte etappmålet",
        TargetStatus::NoOutcome => "Utfall saknas",
        TargetStatus::NoTarget => "Etappmål saknas",
        TargetStatus::NoDirection => "Riktning saknas",
    }
}

fn num(v: Option<f64>, decimals: u8) -> String {
    v.map(|v| styr_domain::format_sv::number(v, decimals as usize)).unwrap_or_else(|| "–".into())
}

/// What the edit page shows besides the stored assessment: a refused save's message, or a conflict.
enum Notice {
    None,
    Error(String),
    Conflict { mine: Assessment },
}

/// What every goal page needs.
struct GoalContext {
    plan: Plan,
    key: String,
    base: String,
    stored: Assessment,
    revision: i64,
    may_write: bool,
    locked: bool,
    section: Flow,
}

async fn goal_context(state: &AppState, s: &Signed, p: &GoalPath) -> Result<GoalContext, WebError> {
    let plan = load_plan(state, &p.committee, p.year, &p.round).await?;
    let key = plan.committee_key();
    if plan.goal_node(&p.goal).is_none() {
        return Err(WebError::NotFound(format!("målet {}", p.goal)));
    }
    let (stored, revision) = workflow::assessment_for_edit(&state.store, &key, p.year, &p.round, &p.goal).await?;
    let may_write = workflow::may_write_goal(&state.store, &s.user, &plan, &p.goal).await?;
    let status = workflow::round_status(&state.store, &key, p.year, &p.round).await?;
    let section = workflow::section_state(&state.store, &key, p.year, &p.round, &workflow::section_of_goal(&p.goal)).await?;
    let base = format!("/n/{}/{}/{}", p.committee, p.year, p.round);
    Ok(GoalContext { plan, key, base, stored, revision, may_write, locked: status.state == Flow::Faststalld, section })
}

#[derive(serde::Deserialize, Default)]
pub struct GoalQuery {
    #[serde(default)]
    sparad: Option<String>,
}

/// A goal's page: indicators, the proposal, the assessment, review actions, comments, history.
pub async fn goal(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(p): Path<GoalPath>,
    axum::extract::Query(q): axum::extract::Query<GoalQuery>,
) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    let cx = goal_context(&state, &s, &p).await?;
    let node = cx.plan.goal_node(&p.goal).ok_or_else(|| WebError::NotFound(format!("målet {}", p.goal)))?;
    let analysis = styr_app::assess::assess(&state.store, p.year, Some(&cx.key), Some(&p.round)).await?;
    let ga = analysis.goals.iter().find(|g| g.id == p.goal);
    let charts = trend_charts(&state, &p, &cx.key).await?;
    let section = workflow::section_of_goal(&p.goal);
    let comments = workflow::comments(&state.store, &cx.key, p.year, &p.round, &section).await?;
    let history =
        styr_app::history::history(&state.store, &format!("{}/{}/{}/{}", cx.key, p.year, p.round, p.goal), Some("assessments"), 50).await?;
    let here = format!("{}/mal/{}", cx.base, p.goal);
    let body = shell(
        &s,
        node.title,
        html! {
            (round_nav(&cx.base, None))
            h1 { (node.title) }
            p.muted { (node.level.noun()) " · bedömningens status: " (cx.section.label()) }
            @if q.sparad.is_some() { p.notice role="status" { "Bedömningen är sparad." } }
            @if cx.locked { p.notice { "Omgången är fastställd och kan inte ändras." } }
            h2 { "Indikatorer" }
            @match ga {
                Some(g) if !g.indicators.is_empty() => {
                    div.table-wrap tabindex="0" role="region" aria-label="Indikatorer" { table {
                        caption.visually-hidden { "Målets indikatorer med utfall och etappmål" }
                        thead { tr { th scope="col" { "Indikator" } th.num scope="col" { "Utfall" } th.num scope="col" { "Etappmål" } th scope="col" { "Status" } } }
                        tbody { @for i in &g.indicators { tr {
                            th scope="row" { (i.title) @if !i.unit.is_empty() { " (" (i.unit) ")" } }
                            td.num { (num(i.value, i.decimals)) }
                            td.num { (num(i.etappmal, i.decimals)) }
                            td { (status_label(i.status)) @if let Some(n) = &i.note { " – " (n) } }
                        } } }
                    } }
                }
                _ => p.muted { "Målet följs inte upp med indikatorer." }
            }
            @if !charts.is_empty() {
                h2 { "Utveckling" }
                div.charts { @for c in &charts { figure { (maud::PreEscaped(&c.svg)) figcaption { (c.caption) } } } }
            }
            @if let Some(g) = ga {
                h2 { "Förslag från indikatorerna" }
                p { (signal(&cx.plan, g.proposal.level.as_ref().map(|l| l.key.as_str()))) " – " (g.proposal.explanation) }
            }
            h2 { "Bedömning" }
            (assessment_view(&cx.plan, &cx.stored))
            div.actions {
                @if cx.may_write && !cx.locked {
                    a.button href=(format!("{here}/bedomning")) { @if cx.revision == 0 { "Skriv bedömningen" } @else { "Redigera bedömningen" } }
                    @if cx.section == Flow::Utkast && cx.revision > 0 {
                        form method="post" action=(format!("{here}/status")) {
                            input type="hidden" name="csrf" value=(s.csrf);
                            input type="hidden" name="to" value="klar";
                            button type="submit" { "Lämna till granskning" }
                        }
                    }
                }
                @if cx.section == Flow::Klar && s.user.role.writes_everything() && !cx.locked {
                    form method="post" action=(format!("{here}/status")) {
                        input type="hidden" name="csrf" value=(s.csrf);
                        input type="hidden" name="to" value="godkand";
                        button type="submit" { "Godkänn bedömningen" }
                    }
                    form method="post" action=(format!("{here}/status")) {
                        input type="hidden" name="csrf" value=(s.csrf);
                        input type="hidden" name="to" value="utkast";
                        button.secondary type="submit" { "Skicka tillbaka" }
                    }
                }
            }
            h2 { "Kommentarer" }
            @if comments.is_empty() { p.muted { "Inga kommentarer." } }
            ul.comments { @for c in &comments { li { strong { (c.author) } " " span.muted { (short_time(&c.at)) } p.pre { (c.body) } } } }
            @if s.user.role != styr_app::accounts::Role::Lasare && !cx.locked {
                form.edit method="post" action=(format!("{here}/kommentar")) {
                    input type="hidden" name="csrf" value=(s.csrf);
                    label for="comment" { "Ny kommentar" }
                    textarea id="comment" name="body" required {}
                    div { button type="submit" { "Kommentera" } }
                }
            }
            h2 { "Ändringshistorik" }
            @if history.is_empty() { p.muted { "Inga ändringar." } }
            @else { div.table-wrap tabindex="0" role="region" aria-label="Ändringshistorik" { table {
                caption.visually-hidden { "Ändringar av bedömningen: vem, när, före och efter" }
                thead { tr { th scope="col" { "När" } th scope="col" { "Vem" } th scope="col" { "Fält" } th scope="col" { "Före" } th scope="col" { "Efter" } } }
                tbody { @for e in &history { @for c in styr_app::history::changed_fields(e) {
                    tr { td.nowrap { (short_time(&e.at)) } td { (e.user) } td { (c.field) } td { (c.before) } td { (c.after) } }
                } } }
            } } }
        },
    );
    Ok(body.into_response())
}

/// A trend chart per indicator of the goal with at least two outcomes, with its etappmål and målvärde
/// as reference lines (the same charts as the report's).
async fn trend_charts(state: &AppState, p: &GoalPath, key: &str) -> Result<Vec<styr_render::chart::Chart>, WebError> {
    use styr_render::chart::{Point, Reference, trend};
    let listing = styr_app::listing::indicators(&state.store, p.year, Some(key), Some(&p.round)).await?;
    Ok(listing
        .rows()
        .filter(|r| r.goal == p.goal)
        .filter_map(|row| {
            let points: Vec<Point> = row.outcomes.iter().map(|o| Point { label: o.heading.clone(), value: o.value }).collect();
            if points.iter().filter(|p| p.value.is_some()).count() < 2 {
                return None;
            }
            let mut refs = Vec::new();
            if let Some(e) = row.etappmal {
                refs.push(Reference { label: format!("Etappmål {}", p.year), value: e });
            }
            if let (Some(v), Some(y)) = (row.malvarde, row.malvarde_year) {
                refs.push(Reference { label: format!("Målvärde {y}"), value: v });
            }
            Some(trend(&row.title, &row.unit, &points, &refs, row.decimals as usize))
        })
        .collect())
}

/// The assessment form of a goal: 403 for those who may not write it, 409 in a fastställd round.
pub async fn edit_goal(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<GoalPath>) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    let cx = goal_context(&state, &s, &p).await?;
    render_edit(&state, &s, &p, cx, Notice::None).await
}

async fn render_edit(state: &AppState, s: &Signed, p: &GoalPath, cx: GoalContext, notice: Notice) -> Result<Response, WebError> {
    if !cx.may_write {
        return Err(WebError::Forbidden(format!(
            "{} ({}) får inte skriva bedömningen av målet {}",
            s.user.display_name,
            s.user.role.label(),
            p.goal
        )));
    }
    workflow::ensure_open(&state.store, &cx.key, p.year, &p.round).await?;
    let node = cx.plan.goal_node(&p.goal).ok_or_else(|| WebError::NotFound(format!("målet {}", p.goal)))?;
    let here = format!("{}/mal/{}", cx.base, p.goal);
    let shown = match &notice {
        Notice::Conflict { mine } => mine.clone(),
        _ => cx.stored.clone(),
    };
    let status_code = match &notice {
        Notice::Conflict { .. } => StatusCode::CONFLICT,
        Notice::Error(_) => StatusCode::BAD_REQUEST,
        Notice::None => StatusCode::OK,
    };
    let title = format!("Bedömning: {}", node.title);
    let body = shell(
        s,
        &title,
        html! {
            (round_nav(&cx.base, None))
            p { a href=(here) { "← Tillbaka till målet" } }
            h1 { (title) }
            @match &notice {
                Notice::Error(m) => p.error role="alert" { (m) },
                Notice::Conflict { mine } => {
                    div.error role="alert" {
                        p { strong { "Någon annan har sparat bedömningen medan du skrev. Ingenting av ditt är sparat." }
                            " Jämför versionerna, för över det du vill behålla till formuläret och spara igen." }
                    }
                    div.sidebyside {
                        section aria-labelledby="din-version" { h2 id="din-version" { "Din version (ej sparad)" } (assessment_view(&cx.plan, mine)) }
                        section aria-labelledby="sparad-version" { h2 id="sparad-version" { "Sparad version" } (assessment_view(&cx.plan, &cx.stored)) }
                    }
                }
                Notice::None => {}
            }
            form.edit method="post" action=(format!("{here}/bedomning")) {
                input type="hidden" name="csrf" value=(s.csrf);
                input type="hidden" name="revision" value=(cx.revision);
                label for="level" { "Nivå" }
                select id="level" name="level" {
                    option value="" selected[shown.level.is_none()] { "Ingen nivå ännu" }
                    @for l in &cx.plan.scale.levels { option value=(l.key) selected[shown.level.as_deref() == Some(l.key.as_str())] { (l.label) } }
                }
                label for="motivation" { "Motivering" }
                textarea id="motivation" name="motivation" { (shown.motivation) }
                label for="analysis" { "Analys" }
                textarea id="analysis" name="analysis" { (shown.analysis) }
                label for="work_done" { "Genomfört arbete" }
                textarea id="work_done" name="work_done" { (shown.work_done) }
                div { button type="submit" { "Spara" } }
            }
        },
    );
    Ok((status_code, body).into_response())
}

fn assessment_view(plan: &Plan, a: &Assessment) -> Markup {
    html! {
        dl.assessment {
            dt { "Nivå" } dd { (signal(plan, a.level.as_deref())) }
            dt { "Motivering" } dd.pre { @if a.motivation.is_empty() { "–" } @else { (a.motivation) } }
            dt { "Analys" } dd.pre { @if a.analysis.is_empty() { "–" } @else { (a.analysis) } }
            dt { "Genomfört arbete" } dd.pre { @if a.work_done.is_empty() { "–" } @else { (a.work_done) } }
        }
    }
}

/// Saves the form: back to the goal's page when saved, the form again with both versions on a conflict.
pub async fn save_goal(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(p): Path<GoalPath>,
    Form(f): Fields,
) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    check_csrf(&s.csrf, &f)?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let revision: i64 = field(&f, "revision").parse().map_err(|_| WebError::Invalid("revision: ett heltal".into()))?;
    let level = Some(field(&f, "level").to_string()).filter(|l| !l.is_empty());
    let edit = Assessment {
        goal: p.goal.clone(),
        level,
        motivation: field(&f, "motivation").replace("\r\n", "\n"),
        analysis: field(&f, "analysis").replace("\r\n", "\n"),
        work_done: field(&f, "work_done").replace("\r\n", "\n"),
    };
    match workflow::save_assessment(&state.store, &s.user, &plan, &p.round, &edit, revision).await {
        Ok(SaveOutcome::Saved { .. }) => {
            Ok(Redirect::to(&format!("/n/{}/{}/{}/mal/{}?sparad=1", p.committee, p.year, p.round, p.goal)).into_response())
        }
        Ok(SaveOutcome::Conflict { .. }) => {
            let cx = goal_context(&state, &s, &p).await?;
            render_edit(&state, &s, &p, cx, Notice::Conflict { mine: edit }).await
        }
        Err(styr_app::AppError::Invalid(m)) => {
            let cx = goal_context(&state, &s, &p).await?;
            render_edit(&state, &s, &p, cx, Notice::Error(m)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// Adds a comment to a goal's section.
pub async fn comment_goal(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(p): Path<GoalPath>,
    Form(f): Fields,
) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    check_csrf(&s.csrf, &f)?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    if plan.goal_node(&p.goal).is_none() {
        return Err(WebError::NotFound(format!("målet {}", p.goal)));
    }
    let section = workflow::section_of_goal(&p.goal);
    workflow::add_comment(&state.store, &s.user, &plan.committee_key(), p.year, &p.round, &section, field(&f, "body")).await?;
    Ok(Redirect::to(&format!("/n/{}/{}/{}/mal/{}", p.committee, p.year, p.round, p.goal)).into_response())
}

pub async fn goal_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(p): Path<GoalPath>,
    Form(f): Fields,
) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    check_csrf(&s.csrf, &f)?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let to = Flow::parse(field(&f, "to")).ok_or_else(|| WebError::Invalid("to: klar, godkand eller utkast".into()))?;
    workflow::set_goal_section(&state.store, &s.user, &plan, &p.round, &p.goal, to).await?;
    Ok(Redirect::to(&format!("/n/{}/{}/{}/mal/{}", p.committee, p.year, p.round, p.goal)).into_response())
}

pub async fn workflow(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Result<Html<String>, WebError> {
    let s = auth::require(&state, &headers).await?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let key = plan.committee_key();
    let status = workflow::round_status(&state.store, &key, p.year, &p.round).await?;
    let checks = workflow::checklist(&state.store, &key, p.year, &p.round).await?;
    let queue = workflow::review_queue(&state.store, &key, p.year, &p.round).await?;
    let base = round_base(&p);
    let controller = s.user.role.writes_everything();
    let action = |name: &str, label: &str| {
        html! {
            form method="post" action=(format!("{base}/arbetsflode")) {
                input type="hidden" name="csrf" value=(s.csrf);
                input type="hidden" name="action" value=(name);
                button type="submit" { (label) }
            }
        }
    };
    Ok(shell(
        &s,
        "Arbetsflöde",
        html! {
            (round_nav(&base, Some("/arbetsflode")))
            h1 { "Arbetsflöde: " (plan.committee.name) " " (p.year) }
            p { "Omgångens status: " strong { (status.state.label()) } }
            @if let Some(d) = &status.decision { p.notice { "Fastställd av nämnden " (d.meeting_date) " § " (d.paragraph) ", dnr " (d.diarienummer) "." } }
            @if let Some(r) = &status.reason { p.muted { "Senast öppnad igen: " (r) } }
            h2 { "Granskningskö" }
            @if queue.is_empty() { p.muted { "Inget väntar på granskning." } }
            ul { @for (section, by) in &queue {
                @let goal = section.strip_prefix("goal:").unwrap_or(section);
                li { a href=(format!("{base}/mal/{goal}")) { (plan.goal_node(goal).map(|n| n.title).unwrap_or(goal)) } " – inlämnad av " (by) }
            } }
            h2 { "Checklista" }
            ul.checks { @for c in &checks {
                li {
                    strong { (if c.passes() { "✓ " } else { "✗ " }) (c.label) }
                    @if let Some(w) = &c.waiver { " – undantagen av " (w.by) ": " (w.reason) }
                    @if !c.problems.is_empty() && c.waiver.is_none() {
                        ul { @for pr in c.problems.iter().take(20) { li { (pr) } } @if c.problems.len() > 20 { li { "… och " (c.problems.len() - 20) " till" } } }
                        @if controller && status.state != Flow::Faststalld {
                            form method="post" action=(format!("{base}/undantag")) {
                                input type="hidden" name="csrf" value=(s.csrf);
                                input type="hidden" name="rule" value=(c.id);
                                label for=(format!("reason-{}", c.id)) { "Motivering för undantag " }
                                input type="text" id=(format!("reason-{}", c.id)) name="reason" required;
                                " " button.secondary type="submit" { "Undanta" }
                            }
                        }
                    }
                }
            } }
            h2 { "Åtgärder" }
            @match status.state {
                Flow::Utkast => { @if s.user.role != styr_app::accounts::Role::Lasare { (action("klar", "Markera klar för granskning")) } }
                Flow::Klar => { @if controller { (action("godkand", "Godkänn omgången")) (action("utkast", "Skicka tillbaka till utkast")) } }
                Flow::Godkand => { @if controller {
                    form.edit method="post" action=(format!("{base}/arbetsflode")) {
                        input type="hidden" name="csrf" value=(s.csrf);
                        input type="hidden" name="action" value="faststalld";
                        label for="meeting_date" { "Sammanträdesdatum" }
                        input type="date" id="meeting_date" name="meeting_date" required;
                        label for="paragraph" { "Paragraf (§)" }
                        input type="text" id="paragraph" name="paragraph" required;
                        label for="diarienummer" { "Diarienummer" }
                        input type="text" id="diarienummer" name="diarienummer" required;
                        div { button type="submit" { "Fastställ" } }
                    }
                    (action("utkast", "Skicka tillbaka till utkast"))
                } }
                Flow::Faststalld => { @if s.user.role == styr_app::accounts::Role::Admin {
                    form.edit method="post" action=(format!("{base}/arbetsflode")) {
                        input type="hidden" name="csrf" value=(s.csrf);
                        input type="hidden" name="action" value="reopen";
                        label for="reason" { "Motivering för att öppna omgången igen" }
                        input type="text" id="reason" name="reason" required;
                        div { button type="submit" { "Öppna igen" } }
                    }
                } }
            }
        },
    ))
}

pub async fn workflow_transition(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(p): Path<RoundPath>,
    Form(f): Fields,
) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    check_csrf(&s.csrf, &f)?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let t = match field(&f, "action") {
        "klar" => Transition::MarkReady,
        "godkand" => Transition::Approve,
        "utkast" => Transition::SendBack,
        "faststalld" => Transition::Adopt(Decision {
            meeting_date: field(&f, "meeting_date").into(),
            paragraph: field(&f, "paragraph").into(),
            diarienummer: field(&f, "diarienummer").into(),
        }),
        "reopen" => Transition::Reopen(field(&f, "reason").into()),
        other => return Err(WebError::Invalid(format!("okänd åtgärd `{other}`"))),
    };
    workflow::transition(&state.store, &s.user, &plan.committee_key(), p.year, &p.round, t).await?;
    Ok(Redirect::to(&format!("{}/arbetsflode", round_base(&p))).into_response())
}

pub async fn waive(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(p): Path<RoundPath>,
    Form(f): Fields,
) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    check_csrf(&s.csrf, &f)?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    workflow::waive(&state.store, &s.user, &plan.committee_key(), p.year, &p.round, field(&f, "rule"), field(&f, "reason")).await?;
    Ok(Redirect::to(&format!("{}/arbetsflode", round_base(&p))).into_response())
}
