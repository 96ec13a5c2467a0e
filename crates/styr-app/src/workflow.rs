//! The review workflow of a round: utkast → klar för granskning → godkänd → fastställd, per round
//! and per section (a goal's assessment is the section `goal:<id>`); the checklist that must pass
//! (or be waived with a reason) before a round is klar; the nämnd's decision that locks the round;
//! and assessment edits with their permission, lock and optimistic-concurrency checks.

use serde::Serialize;
use styr_domain::{Assessment, Plan};
use styr_store::workflow::{StoredRoundState, StoredWaiver};
use styr_store::{Actor, Store, StoreError};

use crate::accounts::{Role, User};
use crate::{AppError, Result};

/// A workflow state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Utkast,
    Klar,
    Godkand,
    Faststalld,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Utkast => "utkast",
            State::Klar => "klar",
            State::Godkand => "godkand",
            State::Faststalld => "faststalld",
        }
    }
    pub fn parse(s: &str) -> Option<State> {
        [State::Utkast, State::Klar, State::Godkand, State::Faststalld].into_iter().find(|x| x.as_str() == s)
    }
    pub fn label(self) -> &'static str {
        match self {
            State::Utkast => "Utkast",
            State::Klar => "Klar för granskning",
            State::Godkand => "Godkänd",
            State::Faststalld => "Fastställd",
        }
    }
}

/// The nämnd's decision recorded when a round is fastställd.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    pub meeting_date: String,
    pub paragraph: String,
    pub diarienummer: String,
}

/// A round's workflow status.
#[derive(Debug, Clone, Serialize)]
pub struct RoundStatus {
    pub state: State,
    pub decision: Option<Decision>,
    /// Why it was last reopened, if it was.
    pub reason: Option<String>,
    pub revision: i64,
}

pub async fn round_status(store: &Store, key: &str, year: i32, round: &str) -> Result<RoundStatus> {
    let Some(s) = styr_store::workflow::load_round_state(store, key, year, round).await? else {
        return Ok(RoundStatus { state: State::Utkast, decision: None, reason: None, revision: 0 });
    };
    let state = State::parse(&s.state).ok_or_else(|| AppError::Invalid(format!("stored round state `{}`", s.state)))?;
    let decision = match (s.meeting_date, s.paragraph, s.diarienummer) {
        (Some(meeting_date), Some(paragraph), Some(diarienummer)) if state == State::Faststalld => {
            Some(Decision { meeting_date, paragraph, diarienummer })
        }
        _ => None,
    };
    Ok(RoundStatus { state, decision, reason: s.reason, revision: s.revision })
}

/// Refuses any write to a fastställd round, saying when and by which decision it was locked.
pub async fn ensure_open(store: &Store, key: &str, year: i32, round: &str) -> Result<()> {
    let status = round_status(store, key, year, round).await?;
    if status.state != State::Faststalld {
        return Ok(());
    }
    let d =
        status.decision.map(|d| format!(" av nämnden {} § {} (dnr {})", d.meeting_date, d.paragraph, d.diarienummer)).unwrap_or_default();
    Err(AppError::Locked(format!(
        "Omgången {round} {year} är fastställd{d} och kan inte ändras. En administratör kan öppna den igen med en motivering."
    )))
}

/// One data-quality rule of the checklist with what fails it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckItem {
    pub id: &'static str,
    pub label: &'static str,
    pub problems: Vec<String>,
    pub waiver: Option<Waiver>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Waiver {
    pub reason: String,
    pub by: String,
}

impl CheckItem {
    pub fn passes(&self) -> bool {
        self.problems.is_empty() || self.waiver.is_some()
    }
}

/// The checklist ids, for waivers.
pub const RULES: [&str; 4] = ["assessments", "outcomes", "totals", "forecasts"];

/// The checklist of a round: every goal assessed (or marked with a level outside the scale's
/// order, Ej utvärderad); every indicator with an outcome or an IU reason; published totals that
/// reconcile with their parts; a forecast on every economics row (not in the year's final round).
pub async fn checklist(store: &Store, key: &str, year: i32, round: &str) -> Result<Vec<CheckItem>> {
    let analysis = crate::assess::assess(store, year, Some(key), Some(round)).await?;
    let sel = crate::select::Selection { committee: Some(key.into()), year, round: Some(round.into()), unit: None };
    let drift = crate::economics::drift(store, &sel).await;
    checklist_of(store, key, year, round, &analysis, drift).await
}

/// The checklist from the round's analysis and driftredovisning already computed (as the overview
/// has them), so a page does not compute them twice.
pub async fn checklist_of(
    store: &Store,
    key: &str,
    year: i32,
    round: &str,
    analysis: &styr_analysis::round_analysis::RoundAnalysis,
    drift: Result<crate::economics::EconTable>,
) -> Result<Vec<CheckItem>> {
    let assessed =
        analysis.goals.iter().filter(|g| g.assessment.is_none()).map(|g| format!("{} ({}) saknar bedömning", g.title, g.id)).collect();
    let outcomes = analysis
        .goals
        .iter()
        .flat_map(|g| &g.indicators)
        .filter(|i| i.value.is_none() && i.note.as_deref().is_none_or(str::is_empty))
        .map(|i| format!("{} ({}) saknar utfall och IU-orsak", i.title, i.id))
        .collect();
    let sel = crate::select::Selection { committee: Some(key.into()), year, round: Some(round.into()), unit: None };
    let (totals, forecasts) = match drift {
        Ok(t) => {
            let col = t.table.header.iter().position(|h| h == "Prognos helår");
            let final_round = crate::select::select(store, &sel).await?.is_final_round();
            let missing: Vec<String> = if final_round {
                Vec::new()
            } else {
                match col {
                    None => vec!["driftredovisningen har ingen prognos".into()],
                    Some(c) => t
                        .table
                        .rows
                        .iter()
                        .filter(|r| r[c].text.trim().is_empty())
                        .map(|r| format!("{} saknar prognos", r[0].text))
                        .collect(),
                }
            };
            (t.warnings, missing)
        }
        Err(AppError::NotFound(m)) => (vec![format!("ingen ekonomisk redovisning: {m}")], Vec::new()),
        Err(e) => return Err(e),
    };
    let waivers = styr_store::workflow::load_waivers(store, key, year, round).await?;
    let item = |id: &'static str, label: &'static str, problems: Vec<String>| CheckItem {
        id,
        label,
        problems,
        waiver: waivers.iter().find(|w| w.rule == id).map(|w| Waiver { reason: w.reason.clone(), by: w.waived_by.clone() }),
    };
    Ok(vec![
        item("assessments", "Varje mål är bedömt eller markerat Ej utvärderad", assessed),
        item("outcomes", "Varje indikator har utfall eller IU-orsak", outcomes),
        item("totals", "Publicerade summor stämmer med sina delar", totals),
        item("forecasts", "Varje ekonomirad har prognos", forecasts),
    ])
}

fn require(user: &User, ok: bool, what: &str) -> Result<()> {
    if ok { Ok(()) } else { Err(AppError::Forbidden(format!("{} ({}) får inte {what}", user.display_name, user.role.label()))) }
}

/// Waives a checklist rule with a reason (controller or admin).
pub async fn waive(store: &Store, user: &User, key: &str, year: i32, round: &str, rule: &str, reason: &str) -> Result<()> {
    require(user, user.role.writes_everything(), "undanta en kontroll")?;
    ensure_open(store, key, year, round).await?;
    if !RULES.contains(&rule) {
        return Err(AppError::Invalid(format!("unknown checklist rule `{rule}`; the rules are {}", RULES.join(", "))));
    }
    if reason.trim().is_empty() {
        return Err(AppError::Invalid("Ett undantag kräver en motivering.".into()));
    }
    let w = StoredWaiver { rule: rule.into(), reason: reason.trim().into(), waived_by: user.username.clone() };
    Ok(styr_store::workflow::save_waiver(store, key, year, round, &w, &Actor::new(&user.username)).await?)
}

/// What a round transition asks for.
#[derive(Debug, Clone)]
pub enum Transition {
    /// utkast → klar: the checklist must pass.
    MarkReady,
    /// klar → godkänd (controller, admin).
    Approve,
    /// klar or godkänd → utkast (controller, admin).
    SendBack,
    /// godkänd → fastställd with the nämnd's decision (controller, admin).
    Adopt(Decision),
    /// fastställd → utkast (admin only), with a reason.
    Reopen(String),
}

/// Moves a round on in its workflow, refusing what the role or the state does not allow.
pub async fn transition(store: &Store, user: &User, key: &str, year: i32, round: &str, t: Transition) -> Result<RoundStatus> {
    let status = round_status(store, key, year, round).await?;
    let from = status.state;
    let wrong = |to: &str| AppError::Locked(format!("Omgången är {} och kan inte bli {to}.", from.label().to_lowercase()));
    let mut next = StoredRoundState { revision: status.revision, reason: status.reason.clone(), ..StoredRoundState::default() };
    let state = match &t {
        Transition::MarkReady => {
            require(user, user.role != Role::Lasare, "markera omgången klar")?;
            if from != State::Utkast {
                return Err(wrong("klar för granskning"));
            }
            let failing: Vec<String> =
                checklist(store, key, year, round).await?.into_iter().filter(|c| !c.passes()).map(|c| c.label.to_string()).collect();
            if !failing.is_empty() {
                return Err(AppError::Locked(format!(
                    "Checklistan är inte uppfylld: {}. Åtgärda eller undanta med motivering.",
                    failing.join("; ")
                )));
            }
            State::Klar
        }
        Transition::Approve => {
            require(user, user.role.writes_everything(), "godkänna")?;
            if from != State::Klar {
                return Err(wrong("godkänd"));
            }
            State::Godkand
        }
        Transition::SendBack => {
            require(user, user.role.writes_everything(), "skicka tillbaka")?;
            if !matches!(from, State::Klar | State::Godkand) {
                return Err(wrong("utkast"));
            }
            State::Utkast
        }
        Transition::Adopt(d) => {
            require(user, user.role.writes_everything(), "fastställa")?;
            if from != State::Godkand {
                return Err(wrong("fastställd"));
            }
            if [&d.meeting_date, &d.paragraph, &d.diarienummer].iter().any(|v| v.trim().is_empty()) {
                return Err(AppError::Invalid("Fastställande kräver sammanträdesdatum, paragraf och diarienummer.".into()));
            }
            if chrono::NaiveDate::parse_from_str(d.meeting_date.trim(), "%Y-%m-%d").is_err() {
                return Err(AppError::Invalid(format!("sammanträdesdatum `{}`: skriv ÅÅÅÅ-MM-DD", d.meeting_date)));
            }
            next.meeting_date = Some(d.meeting_date.trim().into());
            next.paragraph = Some(d.paragraph.trim().into());
            next.diarienummer = Some(d.diarienummer.trim().into());
            State::Faststalld
        }
        Transition::Reopen(reason) => {
            require(user, user.role == Role::Admin, "öppna en fastställd omgång")?;
            if from != State::Faststalld {
                return Err(wrong("öppnad"));
            }
            if reason.trim().is_empty() {
                return Err(AppError::Invalid("Att öppna en fastställd omgång kräver en motivering.".into()));
            }
            next.reason = Some(reason.trim().into());
            State::Utkast
        }
    };
    next.state = state.as_str().into();
    styr_store::workflow::save_round_state(store, key, year, round, &next, &Actor::new(&user.username)).await.map_err(stale_transition)?;
    round_status(store, key, year, round).await
}

fn stale_transition(e: StoreError) -> AppError {
    match e {
        StoreError::StaleRevision { .. } => AppError::Locked("Någon annan ändrade omgångens status samtidigt; ladda om sidan.".into()),
        e => e.into(),
    }
}

/// The unit that answers for a goal, if one is set.
pub async fn goal_unit(store: &Store, key: &str, year: i32, goal: &str) -> Result<Option<String>> {
    Ok(styr_store::workflow::load_goal_units(store, key, year).await?.into_iter().find(|(g, _)| g == goal).map(|(_, u)| u))
}

/// Sets the unit that answers for a goal (admin; the CLI runs as the database's owner).
pub async fn set_goal_unit(store: &Store, actor: &Actor, plan: &Plan, goal: &str, unit: &str) -> Result<()> {
    let key = plan.committee_key();
    if plan.goal_node(goal).is_none() {
        return Err(AppError::NotFound(format!("no goal `{goal}` in the plan {key} {}", plan.year)));
    }
    if !styr_domain::org::OrgUnit::flatten(&plan.organisation).iter().any(|(_, u)| u.id == unit) {
        return Err(AppError::NotFound(format!("no organisation unit `{unit}` in the plan {key} {}", plan.year)));
    }
    Ok(styr_store::workflow::set_goal_unit(store, &key, plan.year, goal, unit, actor).await?)
}

/// A goal's assessment as an editor starts from it: the stored texts (empty when none) and the
/// revision to send back (0 when none is stored).
pub async fn assessment_for_edit(store: &Store, key: &str, year: i32, round: &str, goal: &str) -> Result<(Assessment, i64)> {
    Ok(styr_store::followup::load_assessment(store, key, year, round, goal).await?.unwrap_or_else(|| {
        (Assessment { goal: goal.into(), level: None, motivation: String::new(), analysis: String::new(), work_done: String::new() }, 0)
    }))
}

/// What became of a save.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "result", rename_all = "lowercase")]
pub enum SaveOutcome {
    Saved {
        revision: i64,
    },
    /// Someone saved since the editor's revision: nothing was written; theirs is returned so both
    /// versions can be shown side by side.
    Conflict {
        theirs: Assessment,
        revision: i64,
    },
}

/// Whether `user` may write the assessment of `goal` (its unit is theirs, or they write everything).
pub async fn may_write_goal(store: &Store, user: &User, plan: &Plan, goal: &str) -> Result<bool> {
    let unit = goal_unit(store, &plan.committee_key(), plan.year, goal).await?;
    Ok(user.writes_for(plan, unit.as_deref()))
}

/// Saves an edited assessment. Refused: a läsare or another unit's skribent (Forbidden), a
/// fastställd round (Locked), an unknown goal, round or level. A stale revision is a Conflict.
/// A save sets the goal's section back to utkast.
pub async fn save_assessment(
    store: &Store,
    user: &User,
    plan: &Plan,
    round: &str,
    edit: &Assessment,
    expected_revision: i64,
) -> Result<SaveOutcome> {
    let key = plan.committee_key();
    if plan.round(round).is_none() {
        return Err(AppError::NotFound(format!("the plan {key} {} has no round `{round}`", plan.year)));
    }
    if plan.goal_node(&edit.goal).is_none() {
        return Err(AppError::NotFound(format!("no goal `{}` in the plan {key} {}", edit.goal, plan.year)));
    }
    require(user, may_write_goal(store, user, plan, &edit.goal).await?, &format!("skriva bedömningen av målet {}", edit.goal))?;
    ensure_open(store, &key, plan.year, round).await?;
    if let Some(level) = &edit.level
        && !plan.scale.levels.iter().any(|l| l.key == *level)
    {
        let keys: Vec<&str> = plan.scale.levels.iter().map(|l| l.key.as_str()).collect();
        return Err(AppError::Invalid(format!("level `{level}` is not on the scale; its levels are {}", keys.join(", "))));
    }
    let actor = Actor::new(&user.username);
    let saved = if expected_revision == 0 {
        styr_store::workflow::insert_assessment(store, &key, plan.year, round, edit, &actor).await
    } else {
        styr_store::followup::update_assessment(store, &key, plan.year, round, edit, expected_revision, &actor).await
    };
    match saved {
        Ok(revision) => {
            styr_store::workflow::set_section_state(
                store,
                &key,
                plan.year,
                round,
                &section_of_goal(&edit.goal),
                State::Utkast.as_str(),
                &actor,
            )
            .await?;
            Ok(SaveOutcome::Saved { revision })
        }
        Err(StoreError::StaleRevision { .. }) => {
            let (theirs, revision) = assessment_for_edit(store, &key, plan.year, round, &edit.goal).await?;
            Ok(SaveOutcome::Conflict { theirs, revision })
        }
        Err(e) => Err(e.into()),
    }
}

pub fn section_of_goal(goal: &str) -> String {
    format!("goal:{goal}")
}

/// The state of a goal's section (utkast when none is stored).
pub async fn section_state(store: &Store, key: &str, year: i32, round: &str, section: &str) -> Result<State> {
    let all = styr_store::workflow::load_section_states(store, key, year, round).await?;
    Ok(all.into_iter().find(|(s, _, _)| s == section).and_then(|(_, st, _)| State::parse(&st)).unwrap_or(State::Utkast))
}

/// Submits a goal's assessment for review (its writer) or approves it (controller, admin).
pub async fn set_goal_section(store: &Store, user: &User, plan: &Plan, round: &str, goal: &str, to: State) -> Result<()> {
    let key = plan.committee_key();
    ensure_open(store, &key, plan.year, round).await?;
    let section = section_of_goal(goal);
    let from = section_state(store, &key, plan.year, round, &section).await?;
    match to {
        State::Klar => {
            require(user, may_write_goal(store, user, plan, goal).await?, &format!("lämna bedömningen av målet {goal} till granskning"))?;
            if from != State::Utkast {
                return Err(AppError::Locked(format!("Bedömningen är {}.", from.label().to_lowercase())));
            }
        }
        State::Godkand | State::Utkast => {
            require(user, user.role.writes_everything(), "granska")?;
            if from != State::Klar {
                return Err(AppError::Locked(format!("Bedömningen är {} och inte klar för granskning.", from.label().to_lowercase())));
            }
        }
        State::Faststalld => return Err(AppError::Invalid("a section is fastställd with its round".into())),
    }
    Ok(styr_store::workflow::set_section_state(store, &key, plan.year, round, &section, to.as_str(), &Actor::new(&user.username)).await?)
}

/// The sections waiting for review (klar), as (section, who submitted it).
pub async fn review_queue(store: &Store, key: &str, year: i32, round: &str) -> Result<Vec<(String, String)>> {
    Ok(styr_store::workflow::load_section_states(store, key, year, round)
        .await?
        .into_iter()
        .filter(|(_, st, _)| st == State::Klar.as_str())
        .map(|(s, _, by)| (s, by))
        .collect())
}

/// The workflow state of every section of a round that has one.
pub async fn section_states(store: &Store, key: &str, year: i32, round: &str) -> Result<std::collections::HashMap<String, State>> {
    Ok(styr_store::workflow::load_section_states(store, key, year, round)
        .await?
        .into_iter()
        .filter_map(|(s, st, _)| State::parse(&st).map(|st| (s, st)))
        .collect())
}

/// Who answers for an indicator's outcomes and whether they are in for the round.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorFreshness {
    pub indicator: String,
    pub title: String,
    /// The goal the indicator follows up.
    pub goal: String,
    /// The owner's username; `None` when nobody is named.
    pub owner: Option<String>,
    /// The newest change of any of its outcomes (audit log time), `None` when never entered.
    pub last_updated: Option<String>,
    /// It has an outcome for the round, or a reason (IU) why not.
    pub reported: bool,
    /// The round's period has ended and the indicator is still not reported.
    pub overdue: bool,
}

/// Per indicator of the round's analysis: its owner, when its outcomes last changed, and whether it
/// is overdue (the round's period ended before `today` and neither an outcome nor an IU reason is in).
pub async fn indicator_freshness(
    store: &Store,
    plan: &Plan,
    round: &str,
    analysis: &styr_analysis::round_analysis::RoundAnalysis,
    today: chrono::NaiveDate,
) -> Result<Vec<IndicatorFreshness>> {
    let key = plan.committee_key();
    let period_end = plan.round(round).map(|r| r.period_end).ok_or_else(|| AppError::NotFound(format!("no round `{round}`")))?;
    let owners = styr_store::workflow::load_indicator_owners(store, &key, plan.year).await?;
    let changed = styr_store::workflow::latest_outcome_changes(store, &key).await?;
    let mut out = Vec::new();
    for g in &analysis.goals {
        for i in &g.indicators {
            if out.iter().any(|f: &IndicatorFreshness| f.indicator == i.id) {
                continue;
            }
            let reported = i.value.is_some() || i.note.as_deref().is_some_and(|n| !n.trim().is_empty());
            out.push(IndicatorFreshness {
                indicator: i.id.clone(),
                title: i.title.clone(),
                goal: g.id.clone(),
                owner: owners.iter().find(|(id, _)| *id == i.id).map(|(_, u)| u.clone()),
                last_updated: changed.iter().find(|(id, _)| *id == i.id).map(|(_, at)| at.clone()),
                reported,
                overdue: !reported && period_end < today,
            });
        }
    }
    Ok(out)
}

/// Names the account that enters an indicator's outcomes (the CLI runs as the database's owner).
pub async fn set_indicator_owner(store: &Store, actor: &Actor, plan: &Plan, indicator: &str, username: &str) -> Result<()> {
    let key = plan.committee_key();
    if !plan.indicators().any(|(_, i)| i.id == indicator) {
        return Err(AppError::NotFound(format!("no indicator `{indicator}` in the plan {key} {}", plan.year)));
    }
    if styr_store::accounts::load_user(store, username).await?.is_none() {
        return Err(AppError::NotFound(format!("no account `{username}`")));
    }
    Ok(styr_store::workflow::set_indicator_owner(store, &key, plan.year, indicator, username, actor).await?)
}

/// A comment on a section of a round.
#[derive(Debug, Clone, Serialize)]
pub struct Comment {
    pub author: String,
    pub at: String,
    pub body: String,
}

/// The comments on a section, oldest first.
pub async fn comments(store: &Store, key: &str, year: i32, round: &str, section: &str) -> Result<Vec<Comment>> {
    Ok(styr_store::workflow::load_comments(store, key, year, round, section)
        .await?
        .into_iter()
        .map(|c| Comment { author: c.author, at: c.at, body: c.body })
        .collect())
}

/// Adds a comment to a section (anyone but a läsare; not in a fastställd round) and returns it.
pub async fn add_comment(store: &Store, user: &User, key: &str, year: i32, round: &str, section: &str, body: &str) -> Result<Comment> {
    require(user, user.role != Role::Lasare, "kommentera")?;
    ensure_open(store, key, year, round).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::Invalid("Kommentaren är tom.".into()));
    }
    if body.chars().count() > 10_000 {
        return Err(AppError::Invalid("Kommentaren är längre än 10 000 tecken.".into()));
    }
    let c = styr_store::workflow::StoredComment {
        id: crate::accounts::random_token()?,
        author: user.username.clone(),
        at: chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        body: body.to_string(),
    };
    styr_store::workflow::add_comment(store, key, year, round, section, &c, &Actor::new(&user.username)).await?;
    Ok(Comment { author: c.author, at: c.at, body: c.body })
}
