//! The provenance of outcomes computed from event exports (`styr measures compute
//! --store-as-outcomes`): which measure, its definition, the range and the input files.

use sqlx::{Any, Transaction};

use crate::schema::MEASURE_PROVENANCE;
use crate::table::{Actor, Changes, Row, Value, select_scope, upsert_rows};
use crate::{Result, Store};

/// Where one outcome came from; (indicator, period, gender, comparison, regi) as `outcomes` keys it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureProvenance {
    pub indicator: String,
    pub period: String,
    pub gender: String,
    pub comparison: String,
    pub regi: String,
    pub measure: String,
    pub definition: String,
    pub range_from: String,
    pub range_to: String,
    /// One line per file: name, bytes and modification time.
    pub input_files: String,
    pub computed_at: String,
}

pub async fn save_provenance(tx: &mut Transaction<'_, Any>, committee: &str, rows: &[MeasureProvenance], actor: &Actor) -> Result<Changes> {
    let rows = rows
        .iter()
        .map(|p| {
            Row::new(
                vec![
                    Value::text(committee),
                    Value::text(&p.indicator),
                    Value::text(&p.period),
                    Value::text(&p.gender),
                    Value::text(&p.comparison),
                    Value::text(&p.regi),
                ],
                vec![
                    Value::text(&p.measure),
                    Value::text(&p.definition),
                    Value::text(&p.range_from),
                    Value::text(&p.range_to),
                    Value::text(&p.input_files),
                    Value::text(&p.computed_at),
                ],
            )
        })
        .collect();
    upsert_rows(tx, &MEASURE_PROVENANCE, &[Value::text(committee)], rows, actor).await
}

pub async fn load_provenance(store: &Store, committee: &str) -> Result<Vec<MeasureProvenance>> {
    let d = &MEASURE_PROVENANCE;
    Ok(select_scope(store.pool(), d, &[Value::text(committee)])
        .await?
        .iter()
        .map(|r| MeasureProvenance {
            indicator: r.string(d, "indicator_id"),
            period: r.string(d, "period"),
            gender: r.string(d, "gender"),
            comparison: r.string(d, "comparison"),
            regi: r.string(d, "regi"),
            measure: r.string(d, "measure"),
            definition: r.string(d, "definition"),
            range_from: r.string(d, "range_from"),
            range_to: r.string(d, "range_to"),
            input_files: r.string(d, "input_files"),
            computed_at: r.string(d, "computed_at"),
        })
        .collect())
}
