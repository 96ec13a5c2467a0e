//! The ledger: chart of accounts, cost centres and monthly amounts per account and cost centre.

use sqlx::{Any, Transaction};
use styr_domain::Amount;
use styr_domain::economics::{Account, CostCentre, LedgerAmount, Measure};

use crate::schema::{ACCOUNTS, COST_CENTRES, LEDGER_AMOUNTS};
use crate::table::{Actor, Changes, Row, Value, select_scope, sync_rows, upsert_row};
use crate::{Result, Store, corrupt};

pub async fn save_accounts(tx: &mut Transaction<'_, Any>, committee: &str, accounts: &[Account], actor: &Actor) -> Result<Changes> {
    let mut changes = Changes::default();
    for a in accounts {
        let row = Row::new(
            vec![Value::text(committee), Value::text(&a.number)],
            vec![Value::text(&a.name), Value::opt_text(a.kind.map(String::from))],
        );
        changes += upsert_row(tx, &ACCOUNTS, row, actor).await?;
    }
    Ok(changes)
}

pub async fn save_cost_centres(
    tx: &mut Transaction<'_, Any>,
    committee: &str,
    centres: &[CostCentre],
    actor: &Actor,
) -> Result<Changes> {
    let mut changes = Changes::default();
    for cc in centres {
        let row = Row::new(
            vec![Value::text(committee), Value::text(&cc.code)],
            vec![Value::text(&cc.name), Value::opt_text(cc.org_unit.clone())],
        );
        changes += upsert_row(tx, &COST_CENTRES, row, actor).await?;
    }
    Ok(changes)
}

/// Replaces every ledger amount of `committee` for `year` with `amounts` (re-importing a year is atomic
/// when the caller commits once).
pub async fn replace_ledger_year(
    tx: &mut Transaction<'_, Any>,
    committee: &str,
    year: i32,
    amounts: &[LedgerAmount],
    actor: &Actor,
) -> Result<Changes> {
    let rows = amounts
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
    sync_rows(tx, &LEDGER_AMOUNTS, &[Value::text(committee), Value::int(year as i64)], rows, actor).await
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
                amount: Amount::from_ore(r.int(d, "amount").unwrap_or_default()),
            })
        })
        .collect()
}
