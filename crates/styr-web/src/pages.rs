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
use crate::layout::page;
use crate::{AppState, WebError};

type Fields = Form<HashMap<String, String>>;

/// The path of a round: committee, year, round.
#[derive(serde::Deserialize)]
pub struct RoundPath {
    committee: String,
    year: i32,
    round: String,
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

fn shell(s: &Signed, title: &str, content: Markup) -> Html<String> {
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

async fn load_plan(state: &AppState, committee: &str, year: i32, round: &str) -> Result<Plan, WebError> {
    let (_, plan) = styr_app::listing::plan(&state.store, year, Some(committee)).await?;
    if plan.round(round).is_none() {
        return Err(WebError::NotFound(format!("omgången {round} i {committee} {year}")));
    }
    Ok(plan)
}

fn signal(plan: &Plan, key: Option<&str>) -> Markup {
    let level = key.and_then(|k| plan.scale.levels.iter().find(|l| l.key == k));
    html! {
        @match level {
            Some(l) => { span.signal style=(format!("background:{}", l.color)) aria-hidden="true" {} (l.label) }
            None => span.muted { "–" }
        }
    }
}

fn table(t: &styr_report::table::Table) -> Markup {
    html! {
        div.table-wrap {
            table {
                caption { (t.title) }
                thead { tr { @for (i, h) in t.header.iter().enumerate() { th.num[i > 0] scope="col" { (h) } } } }
                tbody {
                    @for row in &t.rows {
                        tr { @for (i, c) in row.iter().enumerate() {
                            @if i == 0 { th scope="row" { (c.text) } } @else { td.num { @if c.text.is_empty() { "–" } @else { (c.text) } } }
                        } }
                    }
                }
            }
        }
    }
}

fn round_base(p: &RoundPath) -> String {
    format!("/n/{}/{}/{}", p.committee, p.year, p.round)
}

pub async fn overview(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<RoundPath>) -> Result<Html<String>, WebError> {
    let s = auth::require(&state, &headers).await?;
    let plan = load_plan(&state, &p.committee, p.year, &p.round).await?;
    let key = plan.committee_key();
    let analysis = styr_app::assess::assess(&state.store, p.year, Some(&key), Some(&p.round)).await?;
    let status = workflow::round_status(&state.store, &key, p.year, &p.round).await?;
    let checks = workflow::checklist(&state.store, &key, p.year, &p.round).await?;
    let sections = workflow::section_states(&state.store, &key, p.year, &p.round).await?;
    let sel = styr_app::select::Selection { committee: Some(key.clone()), year: p.year, round: Some(p.round.clone()), unit: None };
    let economics = styr_app::economics::drift(&state.store, &sel).await.ok();
    let round_label = plan.round(&p.round).map(|r| r.label.clone()).unwrap_or_default();
    let base = round_base(&p);
    let title = format!("{} – {} {}", plan.committee.name, round_label, p.year);
    Ok(shell(
        &s,
        &title,
        html! {
            h1 { (title) }
            p { "Status: " strong { (status.state.label()) } " · " a href=(format!("{base}/arbetsflode")) { "Arbetsflöde och checklista" } }
            @if let Some(d) = &status.decision {
                p.notice { "Fastställd av nämnden " (d.meeting_date) " § " (d.paragraph) ", dnr " (d.diarienummer) "." }
            }
            h2 { "Samlad måluppfyllelse" }
            p { (analysis.summary.assessed.sentence.clone().unwrap_or_else(|| "Inga mål är bedömda ännu.".into())) }
            h2 { "Mål" }
            div.table-wrap { table {
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
                Some(e) => { (table(&e.table)) @for w in &e.warnings { p.error { (w) } } }
                None => p.muted { "Ingen ekonomisk redovisning för omgången." }
            }
            h2 { "Vad saknas" }
            @let failing: Vec<_> = checks.iter().filter(|c| !c.passes()).collect();
            @if failing.is_empty() { p { "Checklistan är uppfylld." } }
            ul.checks { @for c in &failing { li { strong { (c.label) } ": " (c.problems.len()) " brister" } } }
        },
    ))
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

/// What the goal page shows besides the stored assessment: a refused save's message, or a conflict.
enum Notice {
    None,
    Saved,
    Error(String),
    Conflict { mine: Assessment },
}

pub async fn goal(State(state): State<AppState>, headers: HeaderMap, Path(p): Path<GoalPath>) -> Result<Response, WebError> {
    let s = auth::require(&state, &headers).await?;
    render_goal(&state, &s, &p, Notice::None).await
}

async fn render_goal(state: &AppState, s: &Signed, p: &GoalPath, notice: Notice) -> Result<Response, WebError> {
    let plan = load_plan(state, &p.committee, p.year, &p.round).await?;
    let key = plan.committee_key();
    let node = plan.goal_node(&p.goal).ok_or_else(|| WebError::NotFound(format!("målet {}", p.goal)))?;
    let analysis = styr_app::assess::assess(&state.store, p.year, Some(&key), Some(&p.round)).await?;
    let ga = analysis.goals.iter().find(|g| g.id == p.goal);
    let (stored, revision) = workflow::assessment_for_edit(&state.store, &key, p.year, &p.round, &p.goal).await?;
    let may_write = workflow::may_write_goal(&state.store, &s.user, &plan, &p.goal).await?;
    let status = workflow::round_status(&state.store, &key, p.year, &p.round).await?;
    let locked = status.state == Flow::Faststalld;
    let section = workflow::section_state(&state.store, &key, p.year, &p.round, &workflow::section_of_goal(&p.goal)).await?;
    let history =
        styr_app::history::history(&state.store, &format!("{key}/{}/{}/{}", p.year, p.round, p.goal), Some("assessments"), 50).await?;
    let base = format!("/n/{}/{}/{}", p.committee, p.year, p.round);
    let shown = match &notice {
        Notice::Conflict { mine } => mine.clone(),
        _ => stored.clone(),
    };
    let status_code = match &notice {
        Notice::Conflict { .. } => StatusCode::CONFLICT,
        Notice::Error(_) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    let body = shell(
        s,
        node.title,
        html! {
            p { a href=(base) { "← Översikt" } }
            h1 { (node.title) }
            p.muted { (node.level.noun()) " · bedömningens status: " (section.label()) }
            @match &notice {
                Notice::Saved => p.notice role="status" { "Bedömningen är sparad." },
                Notice::Error(m) => p.error role="alert" { (m) },
                Notice::Conflict { mine } => {
                    div.error role="alert" {
                        p { strong { "Någon annan har sparat bedömningen medan du skrev. Ingenting av ditt är sparat." }
                            " Jämför versionerna, för över det du vill behålla till formuläret och spara igen." }
                    }
                    div.sidebyside {
                        section aria-label="Din version" { h2 { "Din version (ej sparad)" } (assessment_view(&plan, mine)) }
                        section aria-label="Sparad version" { h2 { "Sparad version" } (assessment_view(&plan, &stored)) }
                    }
                }
                Notice::None => {}
            }
            @if locked { p.notice { "Omgången är fastställd och kan inte ändras." } }
            h2 { "Indikatorer" }
            @match ga {
                Some(g) if !g.indicators.is_empty() => {
                    div.table-wrap { table {
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
            @if let Some(g) = ga {
                h2 { "Förslag från indikatorerna" }
                p { (signal(&plan, g.proposal.level.as_ref().map(|l| l.key.as_str()))) " – " (g.proposal.explanation) }
            }
            h2 { "Bedömning" }
            @if may_write && !locked {
                form.edit method="post" action=(format!("{base}/mal/{}", p.goal)) {
                    input type="hidden" name="csrf" value=(s.csrf);
                    input type="hidden" name="revision" value=(revision);
                    label for="level" { "Nivå" }
                    select id="level" name="level" {
                        option value="" selected[shown.level.is_none()] { "Ingen nivå ännu" }
                        @for l in &plan.scale.levels { option value=(l.key) selected[shown.level.as_deref() == Some(l.key.as_str())] { (l.label) } }
                    }
                    label for="motivation" { "Motivering" }
                    textarea id="motivation" name="motivation" { (shown.motivation) }
                    label for="analysis" { "Analys" }
                    textarea id="analysis" name="analysis" { (shown.analysis) }
                    label for="work_done" { "Genomfört arbete" }
                    textarea id="work_done" name="work_done" { (shown.work_done) }
                    div { button type="submit" { "Spara" } }
                }
                @if section == Flow::Utkast && revision > 0 {
                    form method="post" action=(format!("{base}/mal/{}/status", p.goal)) {
                        input type="hidden" name="csrf" value=(s.csrf);
                        input type="hidden" name="to" value="klar";
                        button type="submit" { "Lämna till granskning" }
                    }
                }
            } @else {
                (assessment_view(&plan, &stored))
            }
            @if section == Flow::Klar && s.user.role.writes_everything() && !locked {
                form method="post" action=(format!("{base}/mal/{}/status", p.goal)) {
                    input type="hidden" name="csrf" value=(s.csrf);
                    input type="hidden" name="to" value="godkand";
                    button type="submit" { "Godkänn bedömningen" }
                }
            }
            h2 { "Ändringshistorik" }
            @if history.is_empty() { p.muted { "Inga ändringar." } }
            @else { div.table-wrap { table {
                thead { tr { th scope="col" { "När" } th scope="col" { "Vem" } th scope="col" { "Fält" } th scope="col" { "Före" } th scope="col" { "Efter" } } }
                tbody { @for e in &history { @for c in styr_app::history::changed_fields(e) {
                    tr { td { (e.at) } td { (e.user) } td { (c.field) } td { (c.before) } td { (c.after) } }
                } } }
            } } }
        },
    );
    Ok((status_code, body).into_response())
}

fn assessment_view(plan: &Plan, a: &Assessment) -> Markup {
    html! {
        p { strong { "Nivå: " } (signal(plan, a.level.as_deref())) }
        p { strong { "Motivering" } } p.pre { @if a.motivation.is_empty() { "–" } @else { (a.motivation) } }
        p { strong { "Analys" } } p.pre { @if a.analysis.is_empty() { "–" } @else { (a.analysis) } }
        p { strong { "Genomfört arbete" } } p.pre { @if a.work_done.is_empty() { "–" } @else { (a.work_done) } }
    }
}

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
        Ok(SaveOutcome::Saved { .. }) => render_goal(&state, &s, &p, Notice::Saved).await,
        Ok(SaveOutcome::Conflict { .. }) => render_goal(&state, &s, &p, Notice::Conflict { mine: edit }).await,
        Err(styr_app::AppError::Invalid(m)) => render_goal(&state, &s, &p, Notice::Error(m)).await,
        Err(e) => Err(e.into()),
    }
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
            p { a href=(base) { "← Översikt" } }
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
