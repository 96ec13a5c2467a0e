//! Kolada: values as fetched, KPI metadata, the provenance of outcomes, published values and each
//! committee's comparison group.

use sqlx::{Any, Transaction};

use crate::schema::{KOLADA_KPIS, KOLADA_PROVENANCE, KOLADA_PUBLISHED, KOLADA_SETTINGS, KOLADA_VALUES};
use crate::table::{Actor, Changes, ROWS_PER_STATEMENT, Row, StoredRow, Value, select_scope, upsert_rows, values_tuples};
use crate::{Result, Store};

/// One value as Kolada gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawValue {
    pub kpi: String,
    pub area: String,
    pub period: i32,
    pub gender: String,
    pub value: Option<f64>,
    pub status: Option<String>,
    pub member_count: Option<i64>,
    pub fetched_at: String,
}

/// Inserts or replaces values by (kpi, area, period, gender), many per statement. Not audited: the
/// table is a copy of Kolada; the outcomes made from it are.
pub async fn save_values(tx: &mut Transaction<'_, Any>, values: &[RawValue]) -> Result<()> {
    let cols = "kpi, area, period, gender, value, status, member_count, fetched_at";
    for chunk in values.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO kolada_values ({cols}, revision) VALUES {} ON CONFLICT (kpi, area, period, gender) DO UPDATE SET \
             value = excluded.value, status = excluded.status, member_count = excluded.member_count, \
             fetched_at = excluded.fetched_at, revision = kolada_values.revision + 1",
            values_tuples(tx, chunk.len(), 8, ", 1")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for v in chunk {
            q = q
                .bind(v.kpi.clone())
                .bind(v.area.clone())
                .bind(i64::from(v.period))
                .bind(v.gender.clone())
                .bind(v.value)
                .bind(v.status.clone())
                .bind(v.member_count)
                .bind(v.fetched_at.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The stored values of one KPI.
pub async fn load_values(store: &Store, kpi: &str) -> Result<Vec<RawValue>> {
    let rows = select_scope(store.pool(), &KOLADA_VALUES, &[Value::text(kpi)]).await?;
    Ok(rows
        .iter()
        .map(|r| RawValue {
            kpi: r.string(&KOLADA_VALUES, "kpi"),
            area: r.string(&KOLADA_VALUES, "area"),
            period: r.int(&KOLADA_VALUES, "period").unwrap_or(0) as i32,
            gender: r.string(&KOLADA_VALUES, "gender"),
            value: r.real(&KOLADA_VALUES, "value"),
            status: r.text(&KOLADA_VALUES, "status"),
            member_count: r.int(&KOLADA_VALUES, "member_count"),
            fetched_at: r.string(&KOLADA_VALUES, "fetched_at"),
        })
        .collect())
}

/// The number of stored values.
pub async fn count_values(store: &Store) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM kolada_values").fetch_one(store.pool()).await?)
}

/// KPI metadata as last fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiMeta {
    pub kpi: String,
    pub title: String,
    pub publication_date: Option<String>,
    pub prel_publication_date: Option<String>,
    pub has_ou_data: Option<bool>,
    pub fetched_at: String,
}

pub async fn save_kpis(tx: &mut Transaction<'_, Any>, kpis: &[KpiMeta], actor: &Actor) -> Result<Changes> {
    let mut changes = Changes::default();
    for k in kpis {
        let row = Row::new(
            vec![Value::text(&k.kpi)],
            vec![
                Value::text(&k.title),
                Value::opt_text(k.publication_date.clone()),
                Value::opt_text(k.prel_publication_date.clone()),
                Value::Int(k.has_ou_data.map(i64::from)),
                Value::text(&k.fetched_at),
            ],
        );
        changes += upsert_rows(tx, &KOLADA_KPIS, &[Value::text(&k.kpi)], vec![row], actor).await?;
    }
    Ok(changes)
}

pub async fn load_kpi(store: &Store, kpi: &str) -> Result<Option<KpiMeta>> {
    let rows = select_scope(store.pool(), &KOLADA_KPIS, &[Value::text(kpi)]).await?;
    Ok(rows.first().map(|r| KpiMeta {
        kpi: r.string(&KOLADA_KPIS, "kpi"),
        title: r.string(&KOLADA_KPIS, "title"),
        publication_date: r.text(&KOLADA_KPIS, "publication_date"),
        prel_publication_date: r.text(&KOLADA_KPIS, "prel_publication_date"),
        has_ou_data: r.int(&KOLADA_KPIS, "has_ou_data").map(|i| i != 0),
        fetched_at: r.string(&KOLADA_KPIS, "fetched_at"),
    }))
}

/// Where one outcome came from. `outcome_key` is (indicator, period, gender, comparison, regi) as
/// the `outcomes` table keys it.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    pub indicator: String,
    pub period: String,
    pub gender: String,
    pub comparison: String,
    pub regi: String,
    pub kpi: String,
    pub area: String,
    /// `Kolada API` or the saved file's name.
    pub source: String,
    pub fetched_at: String,
    pub publication_date: Option<String>,
}

pub async fn save_provenance(tx: &mut Transaction<'_, Any>, committee: &str, rows: &[Provenance], actor: &Actor) -> Result<Changes> {
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
                    Value::text(&p.kpi),
                    Value::text(&p.area),
                    Value::text(&p.source),
                    Value::text(&p.fetched_at),
                    Value::opt_text(p.publication_date.clone()),
                ],
            )
        })
        .collect();
    upsert_rows(tx, &KOLADA_PROVENANCE, &[Value::text(committee)], rows, actor).await
}

pub async fn load_provenance(store: &Store, committee: &str) -> Result<Vec<Provenance>> {
    let rows = select_scope(store.pool(), &KOLADA_PROVENANCE, &[Value::text(committee)]).await?;
    let d = &KOLADA_PROVENANCE;
    Ok(rows
        .iter()
        .map(|r| Provenance {
            indicator: r.string(d, "indicator_id"),
            period: r.string(d, "period"),
            gender: r.string(d, "gender"),
            comparison: r.string(d, "comparison"),
            regi: r.string(d, "regi"),
            kpi: r.string(d, "kpi"),
            area: r.string(d, "area"),
            source: r.string(d, "source"),
            fetched_at: r.string(d, "fetched_at"),
            publication_date: r.text(d, "publication_date"),
        })
        .collect())
}

/// A number that went out in a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Published {
    pub year: i32,
    pub round: String,
    pub indicator: String,
    pub period: String,
    pub gender: String,
    pub comparison: String,
    pub value: Option<f64>,
    pub report: String,
    pub published_at: String,
}

pub async fn save_published(tx: &mut Transaction<'_, Any>, committee: &str, rows: &[Published], actor: &Actor) -> Result<Changes> {
    let rows = rows
        .iter()
        .map(|p| {
            Row::new(
                vec![
                    Value::text(committee),
                    Value::Int(Some(i64::from(p.year))),
                    Value::text(&p.round),
                    Value::text(&p.indicator),
                    Value::text(&p.period),
                    Value::text(&p.gender),
                    Value::text(&p.comparison),
                ],
                vec![Value::Real(p.value), Value::text(&p.report), Value::text(&p.published_at)],
            )
        })
        .collect();
    upsert_rows(tx, &KOLADA_PUBLISHED, &[Value::text(committee)], rows, actor).await
}

pub async fn load_published(store: &Store, committee: &str) -> Result<Vec<Published>> {
    let rows = select_scope(store.pool(), &KOLADA_PUBLISHED, &[Value::text(committee)]).await?;
    let d = &KOLADA_PUBLISHED;
    Ok(rows
        .iter()
        .map(|r: &StoredRow| Published {
            year: r.int(d, "year").unwrap_or(0) as i32,
            round: r.string(d, "round_id"),
            indicator: r.string(d, "indicator_id"),
            period: r.string(d, "period"),
            gender: r.string(d, "gender"),
            comparison: r.string(d, "comparison"),
            value: r.real(d, "value"),
            report: r.string(d, "report"),
            published_at: r.string(d, "published_at"),
        })
        .collect())
}

/// The committee's comparison group, if one is configured.
pub async fn comparison_group(store: &Store, committee: &str) -> Result<Option<String>> {
    let rows = select_scope(store.pool(), &KOLADA_SETTINGS, &[Value::text(committee)]).await?;
    Ok(rows.first().and_then(|r| r.text(&KOLADA_SETTINGS, "comparison_group")))
}

pub async fn set_comparison_group(store: &Store, committee: &str, group: Option<&str>, actor: &Actor) -> Result<Changes> {
    let mut tx = store.begin().await?;
    let row = Row::new(vec![Value::text(committee)], vec![Value::opt_text(group)]);
    let changes = crate::table::upsert_row(&mut tx, &KOLADA_SETTINGS, row, actor).await?;
    tx.commit().await?;
    Ok(changes)
}
