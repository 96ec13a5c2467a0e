//! Indicator outcomes: own values and comparison values (Riket, län, groups).

use sqlx::{Any, Transaction};
use styr_domain::{Comparison, Gender, Outcome, OutcomeStatus, Period};

use crate::schema::OUTCOMES;
use crate::table::{Actor, Changes, Row, StoredRow, Value, select_scope, upsert_rows};
use crate::{Result, Store, corrupt};

fn outcome_row(committee: &str, o: &Outcome) -> Row {
    Row::new(
        vec![
            Value::text(committee),
            Value::text(&o.indicator),
            Value::text(o.period.to_string()),
            Value::text(o.gender.as_str()),
            Value::text(o.comparison.code()),
        ],
        vec![Value::Real(o.value), Value::text(o.status.as_str()), Value::opt_text(o.note.clone())],
    )
}

/// Inserts or replaces each outcome by (indicator, period, gender, comparison); other outcomes stay.
pub async fn save_outcomes(tx: &mut Transaction<'_, Any>, committee: &str, outcomes: &[Outcome], actor: &Actor) -> Result<Changes> {
    let rows = outcomes.iter().map(|o| outcome_row(committee, o)).collect();
    upsert_rows(tx, &OUTCOMES, &[Value::text(committee)], rows, actor).await
}

fn outcome_of(r: &StoredRow) -> Result<Outcome> {
    let period = r.string(&OUTCOMES, "period");
    let gender = r.string(&OUTCOMES, "gender");
    let status = r.string(&OUTCOMES, "status");
    Ok(Outcome {
        indicator: r.string(&OUTCOMES, "indicator_id"),
        period: period.parse::<Period>().map_err(corrupt)?,
        gender: Gender::parse(&gender).ok_or_else(|| corrupt(format!("gender {gender}")))?,
        comparison: Comparison::parse(&r.string(&OUTCOMES, "comparison")).map_err(corrupt)?,
        value: r.real(&OUTCOMES, "value"),
        status: OutcomeStatus::parse(&status).ok_or_else(|| corrupt(format!("status {status}")))?,
        note: r.text(&OUTCOMES, "note"),
    })
}

/// Every outcome of a committee, or of one indicator.
pub async fn load_outcomes(store: &Store, committee: &str, indicator: Option<&str>) -> Result<Vec<Outcome>> {
    let mut scope = vec![Value::text(committee)];
    if let Some(i) = indicator {
        scope.push(Value::text(i));
    }
    select_scope(store.pool(), &OUTCOMES, &scope).await?.iter().map(outcome_of).collect()
}
