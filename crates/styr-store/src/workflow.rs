//! The review workflow of a round (migration 0010): its state and the nämnd's decision, checklist
//! waivers, comments on sections, the unit answering for each goal and each indicator's owner.
//! Every write goes through the audited table layer.

use crate::schema::{CHECKLIST_WAIVERS, COMMENTS, GOAL_UNITS, INDICATOR_OWNERS, ROUND_STATES};
use crate::table::{Actor, Row, Value, select_scope, sync_rows, update_checked, upsert_row};
use crate::{Result, Store};

fn round_key(committee: &str, year: i32, round: &str) -> Vec<Value> {
    vec![Value::text(committee), Value::int(year as i64), Value::text(round)]
}

/// A round's stored workflow row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredRoundState {
    pub state: String,
    pub meeting_date: Option<String>,
    pub paragraph: Option<String>,
    pub diarienummer: Option<String>,
    pub reason: Option<String>,
    /// 0 when no row is stored yet (the round is utkast).
    pub revision: i64,
}

pub async fn load_round_state(store: &Store, committee: &str, year: i32, round: &str) -> Result<Option<StoredRoundState>> {
    let rows = select_scope(store.pool(), &ROUND_STATES, &round_key(committee, year, round)).await?;
    Ok(rows.first().map(|r| {
        let d = &ROUND_STATES;
        StoredRoundState {
            state: r.string(d, "state"),
            meeting_date: r.text(d, "meeting_date"),
            paragraph: r.text(d, "paragraph"),
            diarienummer: r.text(d, "diarienummer"),
            reason: r.text(d, "reason"),
            revision: r.revision,
        }
    }))
}

/// Stores a round's new state, refusing it when the stored row is not at `state.revision` (another
/// transition came first). Returns the new revision.
pub async fn save_round_state(
    store: &Store,
    committee: &str,
    year: i32,
    round: &str,
    state: &StoredRoundState,
    actor: &Actor,
) -> Result<i64> {
    let key = round_key(committee, year, round);
    let data = vec![
        Value::text(&state.state),
        Value::opt_text(state.meeting_date.clone()),
        Value::opt_text(state.paragraph.clone()),
        Value::opt_text(state.diarienummer.clone()),
        Value::opt_text(state.reason.clone()),
    ];
    let mut tx = store.begin().await?;
    let revision = if state.revision == 0 {
        let existing = select_scope(&mut *tx, &ROUND_STATES, &key).await?;
        if !existing.is_empty() {
            return Err(crate::StoreError::StaleRevision { object: format!("round_states {committee}/{year}/{round}"), expected: 0 });
        }
        upsert_row(&mut tx, &ROUND_STATES, Row::new(key, data), actor).await?;
        1
    } else {
        update_checked(&mut tx, &ROUND_STATES, key, state.revision, data, actor).await?
    };
    tx.commit().await?;
    Ok(revision)
}

/// A waived checklist rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredWaiver {
    pub rule: String,
    pub reason: String,
    pub waived_by: String,
}

pub async fn load_waivers(store: &Store, committee: &str, year: i32, round: &str) -> Result<Vec<StoredWaiver>> {
    let rows = select_scope(store.pool(), &CHECKLIST_WAIVERS, &round_key(committee, year, round)).await?;
    let d = &CHECKLIST_WAIVERS;
    Ok(rows
        .iter()
        .map(|r| StoredWaiver { rule: r.string(d, "rule_id"), reason: r.string(d, "reason"), waived_by: r.string(d, "waived_by") })
        .collect())
}

pub async fn save_waiver(store: &Store, committee: &str, year: i32, round: &str, waiver: &StoredWaiver, actor: &Actor) -> Result<()> {
    let mut key = round_key(committee, year, round);
    key.push(Value::text(&waiver.rule));
    let mut tx = store.begin().await?;
    upsert_row(&mut tx, &CHECKLIST_WAIVERS, Row::new(key, vec![Value::text(&waiver.reason), Value::text(&waiver.waived_by)]), actor)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A comment on a section of a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredComment {
    pub id: String,
    pub author: String,
    pub at: String,
    pub body: String,
}

pub async fn load_comments(store: &Store, committee: &str, year: i32, round: &str, section: &str) -> Result<Vec<StoredComment>> {
    let mut scope = round_key(committee, year, round);
    scope.push(Value::text(section));
    let d = &COMMENTS;
    let mut rows: Vec<StoredComment> = select_scope(store.pool(), d, &scope)
        .await?
        .iter()
        .map(|r| StoredComment {
            id: r.string(d, "comment_id"),
            author: r.string(d, "author"),
            at: r.string(d, "at"),
            body: r.string(d, "body"),
        })
        .collect();
    rows.sort_by(|a, b| (&a.at, &a.id).cmp(&(&b.at, &b.id)));
    Ok(rows)
}

pub async fn add_comment(
    store: &Store,
    committee: &str,
    year: i32,
    round: &str,
    section: &str,
    c: &StoredComment,
    actor: &Actor,
) -> Result<()> {
    let mut key = round_key(committee, year, round);
    key.push(Value::text(section));
    key.push(Value::text(&c.id));
    let mut tx = store.begin().await?;
    upsert_row(&mut tx, &COMMENTS, Row::new(key, vec![Value::text(&c.author), Value::text(&c.at), Value::text(&c.body)]), actor).await?;
    tx.commit().await?;
    Ok(())
}

/// The unit answering for each goal of a plan, as (goal id, unit id).
pub async fn load_goal_units(store: &Store, committee: &str, year: i32) -> Result<Vec<(String, String)>> {
    let scope = vec![Value::text(committee), Value::int(year as i64)];
    let d = &GOAL_UNITS;
    Ok(select_scope(store.pool(), d, &scope).await?.iter().map(|r| (r.string(d, "goal_id"), r.string(d, "unit_id"))).collect())
}

pub async fn set_goal_unit(store: &Store, committee: &str, year: i32, goal: &str, unit: &str, actor: &Actor) -> Result<()> {
    let key = vec![Value::text(committee), Value::int(year as i64), Value::text(goal)];
    let mut tx = store.begin().await?;
    upsert_row(&mut tx, &GOAL_UNITS, Row::new(key, vec![Value::text(unit)]), actor).await?;
    tx.commit().await?;
    Ok(())
}

/// Each indicator's owner, as (indicator id, username).
pub async fn load_indicator_owners(store: &Store, committee: &str, year: i32) -> Result<Vec<(String, String)>> {
    let scope = vec![Value::text(committee), Value::int(year as i64)];
    let d = &INDICATOR_OWNERS;
    Ok(select_scope(store.pool(), d, &scope).await?.iter().map(|r| (r.string(d, "indicator_id"), r.string(d, "username"))).collect())
}

pub async fn set_indicator_owner(store: &Store, committee: &str, year: i32, indicator: &str, username: &str, actor: &Actor) -> Result<()> {
    let key = vec![Value::text(committee), Value::int(year as i64), Value::text(indicator)];
    let mut tx = store.begin().await?;
    upsert_row(&mut tx, &INDICATOR_OWNERS, Row::new(key, vec![Value::text(username)]), actor).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes every waiver of a round (when it is reopened the checklist is checked afresh).
pub async fn clear_waivers(store: &Store, committee: &str, year: i32, round: &str, actor: &Actor) -> Result<()> {
    let mut tx = store.begin().await?;
    sync_rows(&mut tx, &CHECKLIST_WAIVERS, &round_key(committee, year, round), Vec::new(), actor).await?;
    tx.commit().await?;
    Ok(())
}

/// The workflow state of every section of a round that has one, as (section, state, changed by).
pub async fn load_section_states(store: &Store, committee: &str, year: i32, round: &str) -> Result<Vec<(String, String, String)>> {
    let d = &crate::schema::SECTION_STATES;
    Ok(select_scope(store.pool(), d, &round_key(committee, year, round))
        .await?
        .iter()
        .map(|r| (r.string(d, "section"), r.string(d, "state"), r.string(d, "changed_by")))
        .collect())
}

pub async fn set_section_state(
    store: &Store,
    committee: &str,
    year: i32,
    round: &str,
    section: &str,
    state: &str,
    actor: &Actor,
) -> Result<()> {
    let mut key = round_key(committee, year, round);
    key.push(Value::text(section));
    let mut tx = store.begin().await?;
    upsert_row(&mut tx, &crate::schema::SECTION_STATES, Row::new(key, vec![Value::text(state), Value::text(&actor.user)]), actor).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds the first assessment of a goal in a round (an edit of a stored one goes through
/// [`crate::followup::update_assessment`]); refuses one that exists (someone else saved first).
pub async fn insert_assessment(
    store: &Store,
    committee: &str,
    year: i32,
    round: &str,
    a: &styr_domain::Assessment,
    actor: &Actor,
) -> Result<i64> {
    let d = &crate::schema::ASSESSMENTS;
    let scope = round_key(committee, year, round);
    let mut tx = store.begin().await?;
    let existing = select_scope(&mut *tx, d, &scope).await?;
    if existing.iter().any(|r| r.string(d, "goal_id") == a.goal) {
        return Err(crate::StoreError::StaleRevision { object: format!("assessments {committee}/{year}/{round}/{}", a.goal), expected: 0 });
    }
    let mut key = scope;
    key.push(Value::text(&a.goal));
    let data = vec![
        Value::opt_text(a.level.clone()),
        Value::text(&a.motivation),
        Value::text(&a.analysis),
        Value::text(&a.work_done),
        Value::int(existing.len() as i64),
    ];
    upsert_row(&mut tx, d, Row::new(key, data), actor).await?;
    tx.commit().await?;
    Ok(1)
}

/// When each indicator's outcomes of a committee last changed, from the audit log, as
/// (indicator id, time of the newest change).
pub async fn latest_outcome_changes(store: &Store, committee: &str) -> Result<Vec<(String, String)>> {
    use sqlx::Row as _;
    let prefix = format!("{committee}/");
    let sql = "SELECT object_key, MAX(at) AS at FROM audit_log \
               WHERE object_kind = 'outcomes' AND substr(object_key, 1, CAST($1 AS INTEGER)) = $2 GROUP BY object_key";
    let rows = sqlx::query(sql).bind(prefix.chars().count() as i64).bind(prefix.clone()).fetch_all(store.pool()).await?;
    let mut latest: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    for r in &rows {
        let key: String = r.try_get("object_key")?;
        let at: String = r.try_get("at")?;
        let Some(indicator) = key[prefix.len()..].split('/').next() else { continue };
        let e = latest.entry(indicator.to_string()).or_default();
        if at > *e {
            *e = at;
        }
    }
    Ok(latest.into_iter().collect())
}
