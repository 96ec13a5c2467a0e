//! Storing and loading what is written in a report round: assessments, uppdrag and risk status,
//! control results and the round's summary.

use sqlx::{Any, Transaction};
use styr_domain::{Assessment, CommissionFollowUp, ControlResult, FollowUp, IndicatorFollowUp, RiskFollowUp, Trend, WorkStatus};

use crate::schema::*;
use crate::table::{Actor, Changes, Row, StoredRow, Value, select_scope, sync_rows, update_checked};
use crate::{Result, Store, corrupt};

fn round_scope(committee: &str, year: i32, round: &str) -> Vec<Value> {
    vec![Value::text(committee), Value::int(year as i64), Value::text(round)]
}

fn keyed(scope: &[Value], id: &str) -> Vec<Value> {
    let mut k = scope.to_vec();
    k.push(Value::text(id));
    k
}

fn assessment_data(a: &Assessment, ordinal: usize) -> Vec<Value> {
    vec![
        Value::opt_text(a.level.clone()),
        Value::text(&a.motivation),
        Value::text(&a.analysis),
        Value::text(&a.work_done),
        Value::int(ordinal as i64),
    ]
}

/// Replaces everything written for one round with `followup` (the committee key is `committee`).
pub async fn save_followup(tx: &mut Transaction<'_, Any>, committee: &str, followup: &FollowUp, actor: &Actor) -> Result<Changes> {
    let scope = round_scope(committee, followup.year, &followup.round);
    let mut changes = Changes::default();
    let summary = followup.summary.iter().map(|s| Row::new(scope.clone(), vec![Value::text(s)])).collect();
    changes += sync_rows(tx, &ROUND_SUMMARIES, &scope, summary, actor).await?;
    let rows = followup.assessments.iter().enumerate().map(|(i, a)| Row::new(keyed(&scope, &a.goal), assessment_data(a, i))).collect();
    changes += sync_rows(tx, &ASSESSMENTS, &scope, rows, actor).await?;
    let rows = followup
        .indicators
        .iter()
        .enumerate()
        .map(|(i, j)| {
            Row::new(
                keyed(&scope, &j.indicator),
                vec![
                    Value::opt_text(j.judgement.clone()),
                    Value::opt_text(j.trend.map(|t| t.as_str().to_string())),
                    Value::opt_text(j.comment.clone()),
                    Value::int(i as i64),
                ],
            )
        })
        .collect();
    changes += sync_rows(tx, &INDICATOR_FOLLOWUPS, &scope, rows, actor).await?;
    let status_rows = |items: Vec<(&str, WorkStatus, &str)>| -> Vec<Row> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, (id, status, comment))| {
                Row::new(keyed(&scope, id), vec![Value::text(status.key()), Value::text(comment), Value::int(i as i64)])
            })
            .collect()
    };
    let commissions = status_rows(followup.commissions.iter().map(|c| (c.id.as_str(), c.status, c.comment.as_str())).collect());
    changes += sync_rows(tx, &COMMISSION_FOLLOWUPS, &scope, commissions, actor).await?;
    let risks = status_rows(followup.risks.iter().map(|r| (r.id.as_str(), r.status, r.comment.as_str())).collect());
    changes += sync_rows(tx, &RISK_FOLLOWUPS, &scope, risks, actor).await?;
    let controls = followup
        .controls
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Row::new(
                keyed(&scope, &c.id),
                vec![Value::text(&c.assessment), Value::text(&c.result), Value::text(&c.action), Value::int(i as i64)],
            )
        })
        .collect();
    changes += sync_rows(tx, &CONTROL_RESULTS, &scope, controls, actor).await?;
    Ok(changes)
}

fn status_of(r: &StoredRow, def: &crate::table::TableDef) -> Result<WorkStatus> {
    let s = r.string(def, "status");
    WorkStatus::parse(&s).ok_or_else(|| corrupt(format!("status {s}")))
}

/// Loads what is written for a round; empty lists when nothing is.
pub async fn load_followup(store: &Store, committee: &str, year: i32, round: &str) -> Result<FollowUp> {
    let pool = store.pool();
    let scope = round_scope(committee, year, round);
    let summary = select_scope(pool, &ROUND_SUMMARIES, &scope).await?.first().and_then(|r| r.text(&ROUND_SUMMARIES, "summary"));
    let assessments = select_scope(pool, &ASSESSMENTS, &scope).await?.iter().map(assessment_of).collect();
    let indicators = select_scope(pool, &INDICATOR_FOLLOWUPS, &scope)
        .await?
        .iter()
        .map(|r| {
            let d = &INDICATOR_FOLLOWUPS;
            let trend = match r.text(d, "trend") {
                None => None,
                Some(t) => Some(Trend::parse(&t).ok_or_else(|| corrupt(format!("trend {t}")))?),
            };
            Ok(IndicatorFollowUp {
                indicator: r.string(d, "indicator_id"),
                judgement: r.text(d, "judgement"),
                trend,
                comment: r.text(d, "comment"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let commissions = select_scope(pool, &COMMISSION_FOLLOWUPS, &scope)
        .await?
        .iter()
        .map(|r| {
            Ok(CommissionFollowUp {
                id: r.string(&COMMISSION_FOLLOWUPS, "commission_id"),
                status: status_of(r, &COMMISSION_FOLLOWUPS)?,
                comment: r.string(&COMMISSION_FOLLOWUPS, "comment"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let risks = select_scope(pool, &RISK_FOLLOWUPS, &scope)
        .await?
        .iter()
        .map(|r| {
            Ok(RiskFollowUp {
                id: r.string(&RISK_FOLLOWUPS, "risk_id"),
                status: status_of(r, &RISK_FOLLOWUPS)?,
                comment: r.string(&RISK_FOLLOWUPS, "comment"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let controls = select_scope(pool, &CONTROL_RESULTS, &scope)
        .await?
        .iter()
        .map(|r| ControlResult {
            id: r.string(&CONTROL_RESULTS, "control_id"),
            assessment: r.string(&CONTROL_RESULTS, "assessment"),
            result: r.string(&CONTROL_RESULTS, "result"),
            action: r.string(&CONTROL_RESULTS, "action"),
        })
        .collect();
    Ok(FollowUp {
        committee: committee.to_string(),
        year,
        round: round.to_string(),
        summary,
        assessments,
        indicators,
        commissions,
        risks,
        controls,
    })
}

fn assessment_of(r: &StoredRow) -> Assessment {
    Assessment {
        goal: r.string(&ASSESSMENTS, "goal_id"),
        level: r.text(&ASSESSMENTS, "level_key"),
        motivation: r.string(&ASSESSMENTS, "motivation"),
        analysis: r.string(&ASSESSMENTS, "analysis"),
        work_done: r.string(&ASSESSMENTS, "work_done"),
    }
}

/// One assessment with the revision an editor starts from.
pub async fn load_assessment(store: &Store, committee: &str, year: i32, round: &str, goal: &str) -> Result<Option<(Assessment, i64)>> {
    let key = keyed(&round_scope(committee, year, round), goal);
    let rows = select_scope(store.pool(), &ASSESSMENTS, &key).await?;
    Ok(rows.first().map(|r| (assessment_of(r), r.revision)))
}

/// Saves an edited assessment, refusing it with [`crate::StoreError::StaleRevision`] when someone
/// else saved since `expected_revision`. Returns the new revision.
pub async fn update_assessment(
    store: &Store,
    committee: &str,
    year: i32,
    round: &str,
    assessment: &Assessment,
    expected_revision: i64,
    actor: &Actor,
) -> Result<i64> {
    let key = keyed(&round_scope(committee, year, round), &assessment.goal);
    let mut tx = store.begin().await?;
    let current = select_scope(&mut *tx, &ASSESSMENTS, &key).await?;
    let ordinal = current.first().and_then(|r| r.int(&ASSESSMENTS, "ordinal")).unwrap_or_default();
    let revision =
        update_checked(&mut tx, &ASSESSMENTS, key, expected_revision, assessment_data(assessment, ordinal as usize), actor).await?;
    tx.commit().await?;
    Ok(revision)
}
