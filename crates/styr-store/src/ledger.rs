//! The ledger: chart of accounts, cost centres and monthly amounts per account and cost centre.

use sqlx::{Any, Transaction};
use styr_domain::Amount;
use styr_domain::economics::{Account, CostCentre, Forecast, LedgerAmount, Measure};
use styr_domain::ledger_mapping::{CodeRange, CostCentreRule, LedgerMapping, MappedRow};

use crate::schema::{ACCOUNTS, COST_CENTRES, FORECASTS, LEDGER_AMOUNTS, LEDGER_MAPPING_COST_CENTRES, LEDGER_MAPPING_ROWS, LEDGER_MAPPINGS};
use crate::table::{Actor, Changes, Row, Value, select_scope, sync_rows, upsert_rows};
use crate::{Result, Store, corrupt};

/// Stores accounts (new or renamed); accounts the list lacks stay.
pub async fn save_accounts(tx: &mut Transaction<'_, Any>, committee: &str, accounts: &[Account], actor: &Actor) -> Result<Changes> {
    let rows = accounts
        .iter()
        .map(|a| {
            Row::new(
                vec![Value::text(committee), Value::text(&a.number)],
                vec![Value::text(&a.name), Value::opt_text(a.kind.map(String::from))],
            )
        })
        .collect();
    upsert_rows(tx, &ACCOUNTS, &[Value::text(committee)], rows, actor).await
}

/// Stores cost centres (new or renamed); cost centres the list lacks stay.
pub async fn save_cost_centres(tx: &mut Transaction<'_, Any>, committee: &str, centres: &[CostCentre], actor: &Actor) -> Result<Changes> {
    let rows = centres
        .iter()
        .map(|cc| {
            Row::new(vec![Value::text(committee), Value::text(&cc.code)], vec![Value::text(&cc.name), Value::opt_text(cc.org_unit.clone())])
        })
        .collect();
    upsert_rows(tx, &COST_CENTRES, &[Value::text(committee)], rows, actor).await
}

/// Replaces the ledger amounts of `committee` for `year` of the given `measures` with `amounts`;
/// amounts of other measures stay. Re-importing a year is atomic when the caller commits once.
pub async fn replace_ledger_year(
    tx: &mut Transaction<'_, Any>,
    committee: &str,
    year: i32,
    measures: &[Measure],
    amounts: &[LedgerAmount],
    actor: &Actor,
) -> Result<Changes> {
    let scope = [Value::text(committee), Value::int(year as i64)];
    let kept: Vec<Row> = select_scope(&mut **tx, &LEDGER_AMOUNTS, &scope)
        .await?
        .into_iter()
        .filter(|r| Measure::parse(&r.string(&LEDGER_AMOUNTS, "measure")).is_none_or(|m| !measures.contains(&m)))
        .map(|r| r.row)
        .collect();
    let rows: Vec<Row> = amounts
        .iter()
        .map(|a| {
            Row::new(
                vec![
                    Value::text(committee),
                    Value::int(a.year as i64),
                    Value::int(a.month as i64),
                    Value::text(&a.account),
                    Value::text(&a.cost_centre),
                    Value::text(a.measure.as_str()),
                ],
                vec![Value::int(a.amount.ore())],
            )
        })
        .collect();
    let rows: Vec<Row> = rows.into_iter().chain(kept).collect();
    sync_rows(tx, &LEDGER_AMOUNTS, &scope, rows, actor).await
}

/// How many ledger rows (all measures) are stored for a year.
pub async fn ledger_row_count(tx: &mut Transaction<'_, Any>, committee: &str, year: i32) -> Result<usize> {
    let scope = [Value::text(committee), Value::int(year as i64)];
    Ok(select_scope(&mut **tx, &LEDGER_AMOUNTS, &scope).await?.len())
}

pub async fn load_accounts(store: &Store, committee: &str) -> Result<Vec<Account>> {
    Ok(select_scope(store.pool(), &ACCOUNTS, &[Value::text(committee)])
        .await?
        .iter()
        .map(|r| Account {
            number: r.string(&ACCOUNTS, "number"),
            name: r.string(&ACCOUNTS, "name"),
            kind: r.text(&ACCOUNTS, "kind").and_then(|k| k.chars().next()),
        })
        .collect())
}

pub async fn load_cost_centres(store: &Store, committee: &str) -> Result<Vec<CostCentre>> {
    Ok(select_scope(store.pool(), &COST_CENTRES, &[Value::text(committee)])
        .await?
        .iter()
        .map(|r| CostCentre {
            code: r.string(&COST_CENTRES, "code"),
            name: r.string(&COST_CENTRES, "name"),
            org_unit: r.text(&COST_CENTRES, "org_unit"),
        })
        .collect())
}

pub async fn load_ledger_year(store: &Store, committee: &str, year: i32) -> Result<Vec<LedgerAmount>> {
    let d = &LEDGER_AMOUNTS;
    select_scope(store.pool(), d, &[Value::text(committee), Value::int(year as i64)])
        .await?
        .iter()
        .map(|r| {
            let measure = r.string(d, "measure");
            Ok(LedgerAmount {
                year: r.int(d, "year").unwrap_or_default() as i32,
                month: r.int(d, "month").unwrap_or_default() as u32,
                account: r.string(d, "account"),
                cost_centre: r.string(d, "cost_centre"),
                measure: Measure::parse(&measure).ok_or_else(|| corrupt(format!("measure {measure}")))?,
                amount: Amount::from_ore(r.int(d, "amount").ok_or_else(|| corrupt("ledger_amounts.amount is empty"))?),
            })
        })
        .collect()
}

fn ranges_text(ranges: &[CodeRange]) -> String {
    ranges.iter().map(|r| String::from(r.clone())).collect::<Vec<_>>().join(",")
}

fn ranges_of(text: &str) -> Result<Vec<CodeRange>> {
    text.split(',').filter(|s| !s.is_empty()).map(|s| CodeRange::try_from(s.to_string()).map_err(corrupt)).collect()
}

/// Replaces the committee's ledger mapping.
pub async fn save_mapping(tx: &mut Transaction<'_, Any>, committee: &str, m: &LedgerMapping, actor: &Actor) -> Result<Changes> {
    let c = || Value::text(committee);
    let mut changes =
        sync_rows(tx, &LEDGER_MAPPINGS, &[c()], vec![Row::new(vec![c()], vec![Value::int(m.cost_centre_dimension as i64)])], actor).await?;
    let rows = m
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            Row::new(
                vec![c(), Value::text(&r.id)],
                vec![Value::text(&r.label), Value::text(ranges_text(&r.accounts)), Value::int(i as i64)],
            )
        })
        .collect();
    changes += sync_rows(tx, &LEDGER_MAPPING_ROWS, &[c()], rows, actor).await?;
    let centres = m
        .cost_centres
        .iter()
        .enumerate()
        .map(|(i, cc)| Row::new(vec![c(), Value::int(i as i64)], vec![Value::text(ranges_text(&cc.codes)), Value::text(&cc.org_unit)]))
        .collect();
    changes += sync_rows(tx, &LEDGER_MAPPING_COST_CENTRES, &[c()], centres, actor).await?;
    Ok(changes)
}

/// The committee's ledger mapping, if one is stored.
pub async fn load_mapping(store: &Store, committee: &str) -> Result<Option<LedgerMapping>> {
    let scope = [Value::text(committee)];
    let Some(head) = select_scope(store.pool(), &LEDGER_MAPPINGS, &scope).await?.into_iter().next() else {
        return Ok(None);
    };
    let rows = select_scope(store.pool(), &LEDGER_MAPPING_ROWS, &scope)
        .await?
        .iter()
        .map(|r| {
            let d = &LEDGER_MAPPING_ROWS;
            Ok(MappedRow { id: r.string(d, "row_id"), label: r.string(d, "label"), accounts: ranges_of(&r.string(d, "accounts"))? })
        })
        .collect::<Result<Vec<_>>>()?;
    let cost_centres = select_scope(store.pool(), &LEDGER_MAPPING_COST_CENTRES, &scope)
        .await?
        .iter()
        .map(|r| {
            let d = &LEDGER_MAPPING_COST_CENTRES;
            Ok(CostCentreRule { codes: ranges_of(&r.string(d, "codes"))?, org_unit: r.string(d, "org_unit") })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(LedgerMapping {
        cost_centre_dimension: head.int(&LEDGER_MAPPINGS, "cost_centre_dimension").unwrap_or(1) as u32,
        rows,
        cost_centres,
    }))
}

/// Stores forecasts (one per round, node and row), replacing earlier values for the same keys;
/// other forecasts stay.
pub async fn save_forecasts(tx: &mut Transaction<'_, Any>, committee: &str, forecasts: &[Forecast], actor: &Actor) -> Result<Changes> {
    let mut changes = Changes::default();
    let years: std::collections::BTreeSet<i32> = forecasts.iter().map(|f| f.year).collect();
    for year in years {
        let rows = forecasts
            .iter()
            .filter(|f| f.year == year)
            .map(|f| {
                Row::new(
                    vec![
                        Value::text(committee),
                        Value::int(f.year as i64),
                        Value::text(&f.round),
                        Value::text(&f.org_unit),
                        Value::text(&f.row),
                    ],
                    vec![Value::int(f.amount.ore()), Value::text(&f.method), Value::opt_text(f.comment.clone())],
                )
            })
            .collect();
        changes += upsert_rows(tx, &FORECASTS, &[Value::text(committee), Value::int(year as i64)], rows, actor).await?;
    }
    Ok(changes)
}

/// Every forecast of a year, all rounds.
pub async fn load_forecasts(store: &Store, committee: &str, year: i32) -> Result<Vec<Forecast>> {
    let d = &FORECASTS;
    select_scope(store.pool(), d, &[Value::text(committee), Value::int(year as i64)])
        .await?
        .iter()
        .map(|r| {
            Ok(Forecast {
                year,
                round: r.string(d, "round_id"),
                org_unit: r.string(d, "org_unit"),
                row: r.string(d, "row_id"),
                amount: Amount::from_ore(r.int(d, "amount").ok_or_else(|| corrupt("forecasts.amount is empty"))?),
                method: r.string(d, "method"),
                comment: r.text(d, "comment"),
            })
        })
        .collect()
}
