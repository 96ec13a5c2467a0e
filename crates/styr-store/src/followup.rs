//! Storing and loading what is written in a report round: assessments, uppdrag and risk status,
//! control results and the round's summary.

use sqlx::{Any, Transaction};
use styr_domain::{
    Assessment, CommissionFollowUp, ControlFigure, ControlResult, FollowUp, Footnote, FootnoteTarget, IndicatorFollowUp, ProseSection,
    RiskFollowUp, Trend, WorkStatus,
};

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
                vec![
                    Value::text(&c.assessment),
                    Value::text(&c.result),
                    Value::text(&c.action),
                    Value::int(i as i64),
                    Value::opt_text(c.level.clone()),
                ],
            )
        })
        .collect();
    changes += sync_rows(tx, &CONTROL_RESULTS, &scope, controls, actor).await?;
    changes += save_report_parts(tx, &scope, followup, actor).await?;
    Ok(changes)
}

/// The figures of control results, the internal-control summary, prose sections and footnotes.
async fn save_report_parts(tx: &mut Transaction<'_, Any>, scope: &[Value], f: &FollowUp, actor: &Actor) -> Result<Changes> {
    let mut changes = Changes::default();
    let figures = f
        .controls
        .iter()
        .flat_map(|c| {
            c.figures.iter().enumerate().map(move |(i, fig)| {
                let mut key = keyed(scope, &c.id);
                key.push(Value::int(i as i64));
                Row::new(key, vec![Value::opt_text(fig.label.clone()), Value::real(fig.value), Value::text(&fig.unit)])
            })
        })
        .collect();
    changes += sync_rows(tx, &CONTROL_RESULT_FIGURES, scope, figures, actor).await?;
    let summary = f.control_summary.iter().map(|s| Row::new(scope.to_vec(), vec![Value::text(s)])).collect();
    changes += sync_rows(tx, &CONTROL_SUMMARIES, scope, summary, actor).await?;
    let sections = f
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Row::new(
                keyed(scope, &s.id),
                vec![Value::text(&s.title), Value::opt_text(s.org_unit.clone()), Value::text(&s.body), Value::int(i as i64)],
            )
        })
        .collect();
    changes += sync_rows(tx, &PROSE_SECTIONS, scope, sections, actor).await?;
    let footnotes = f
        .footnotes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            Row::new(
                keyed(scope, &n.id),
                vec![
                    Value::text(n.on.kind()),
                    Value::text(n.on.id()),
                    Value::opt_text(n.marker.clone()),
                    Value::text(&n.text),
                    Value::int(i as i64),
                ],
            )
        })
        .collect();
    changes += sync_rows(tx, &FOOTNOTES, scope, footnotes, actor).await?;
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
    let mut figures: std::collections::BTreeMap<String, Vec<ControlFigure>> = Default::default();
    for r in select_scope(pool, &CONTROL_RESULT_FIGURES, &scope).await? {
        let d = &CONTROL_RESULT_FIGURES;
        figures.entry(r.string(d, "control_id")).or_default().push(ControlFigure {
            label: r.text(d, "label"),
            value: r.real(d, "value").ok_or_else(|| corrupt("control figure value"))?,
            unit: r.string(d, "unit"),
        });
    }
    let controls = select_scope(pool, &CONTROL_RESULTS, &scope)
        .await?
        .iter()
        .map(|r| {
            let id = r.string(&CONTROL_RESULTS, "control_id");
            ControlResult {
                figures: figures.remove(&id).unwrap_or_default(),
                id,
                level: r.text(&CONTROL_RESULTS, "level_key"),
                assessment: r.string(&CONTROL_RESULTS, "assessment"),
                result: r.string(&CONTROL_RESULTS, "result"),
                action: r.string(&CONTROL_RESULTS, "action"),
            }
        })
        .collect();
    let control_summary = select_scope(pool, &CONTROL_SUMMARIES, &scope).await?.first().and_then(|r| r.text(&CONTROL_SUMMARIES, "summary"));
    let sections = select_scope(pool, &PROSE_SECTIONS, &scope)
        .await?
        .iter()
        .map(|r| ProseSection {
            id: r.string(&PROSE_SECTIONS, "id"),
            title: r.string(&PROSE_SECTIONS, "title"),
            org_unit: r.text(&PROSE_SECTIONS, "org_unit"),
            body: r.string(&PROSE_SECTIONS, "body"),
        })
        .collect();
    let footnotes = select_scope(pool, &FOOTNOTES, &scope)
        .await?
        .iter()
        .map(|r| {
            let kind = r.string(&FOOTNOTES, "target_kind");
            Ok(Footnote {
                id: r.string(&FOOTNOTES, "id"),
                marker: r.text(&FOOTNOTES, "marker"),
                on: FootnoteTarget::from_parts(&kind, r.string(&FOOTNOTES, "target_id"))
                    .ok_or_else(|| corrupt(format!("footnote target {kind}")))?,
                text: r.string(&FOOTNOTES, "body"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
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
        control_summary,
        sections,
        footnotes,
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
