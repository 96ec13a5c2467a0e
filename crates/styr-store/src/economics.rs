//! Economic facts: report lines and their amounts, equity, investments, grants, targeted funds,
//! volumes and provider counts.

use chrono::NaiveDate;
use sqlx::{Any, Transaction};
use styr_domain::economics::{
    ActionFollowUp, CorrectiveAction, EconomicFacts, EconomicLine, Equity, Grant, GrantKind, Investment, LineAmount, LineKind, LineNote,
    Measure, ProviderCount, TargetedFund, Volume,
};
use styr_domain::{Amount, WorkStatus};

use crate::schema::*;
use crate::table::{Actor, Changes, Row, StoredRow, TableDef, Value, select_scope, sync_rows_where};
use crate::{Result, Store, corrupt};

fn money(a: Amount) -> Value {
    Value::int(a.ore())
}
fn opt_money(a: Option<Amount>) -> Value {
    Value::Int(a.map(Amount::ore))
}
fn ord(i: usize) -> Value {
    Value::int(i as i64)
}

/// Stores `facts` for `committee`, replacing only the years they contain: rows of those years that
/// the facts lack are removed, rows of other years stay. Line definitions are shared by all years;
/// those the facts lack are removed only when no other year has amounts.
pub async fn save_economics(tx: &mut Transaction<'_, Any>, committee: &str, facts: &EconomicFacts, actor: &Actor) -> Result<Changes> {
    let c = || Value::text(committee);
    let scope = [c()];
    let years = facts.years();
    let of_years = |def: &'static TableDef, column: &'static str| {
        let years = &years;
        move |r: &StoredRow| r.year(def, column).is_some_and(|y| years.contains(&y))
    };
    let year_key = |year: i32, id: &str| vec![c(), Value::int(year as i64), Value::text(id)];
    let mut changes = Changes::default();

    let lines: Vec<Row> = facts
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            Row::new(
                vec![c(), Value::text(&l.id)],
                vec![
                    Value::text(&l.table),
                    Value::text(&l.label),
                    Value::text(l.kind.as_str()),
                    Value::text(l.sum_of.join(",")),
                    Value::opt_text(l.org_unit.clone()),
                    ord(i),
                ],
            )
        })
        .collect();

    let amounts = facts
        .amounts
        .iter()
        .map(|a| {
            Row::new(
                vec![c(), Value::text(&a.line), Value::text(a.measure.as_str()), Value::text(a.period.to_string()), Value::text(&a.round)],
                vec![money(a.amount), Value::opt_text(a.comment.clone())],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &ECON_AMOUNTS, &scope, amounts, actor, of_years(&ECON_AMOUNTS, "period")).await?;

    let equity = facts
        .equity
        .iter()
        .map(|e| {
            Row::new(
                vec![c(), Value::int(e.year as i64)],
                vec![money(e.ib), money(e.withdrawal), money(e.result), money(e.transfer), money(e.ub)],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &EQUITY, &scope, equity, actor, of_years(&EQUITY, "year")).await?;

    let investments = facts
        .investments
        .iter()
        .enumerate()
        .map(|(i, inv)| {
            Row::new(
                year_key(inv.year, &inv.id),
                vec![
                    Value::opt_text(inv.number.clone()),
                    Value::text(&inv.name),
                    Value::opt_text(inv.org_unit.clone()),
                    opt_money(inv.budget),
                    opt_money(inv.outcome),
                    opt_money(inv.forecast),
                    Value::opt_text(inv.comment.clone()),
                    ord(i),
                    Value::opt_text(inv.category.clone()),
                    opt_money(inv.period_outcome),
                    Value::opt_text(inv.period.map(|p| p.to_string())),
                ],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &INVESTMENTS, &scope, investments, actor, of_years(&INVESTMENTS, "year")).await?;

    let grants = facts
        .grants
        .iter()
        .enumerate()
        .map(|(i, g)| {
            Row::new(
                year_key(g.year, &g.id),
                vec![
                    Value::text(&g.name),
                    Value::text(g.kind.as_str()),
                    Value::opt_text(g.payer.clone()),
                    money(g.received),
                    money(g.cost),
                    opt_money(g.in_budget),
                    Value::opt_text(g.goal.clone()),
                    Value::opt_text(g.comment.clone()),
                    ord(i),
                    Value::opt_text(g.org_unit.clone()),
                ],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &GRANTS, &scope, grants, actor, of_years(&GRANTS, "year")).await?;

    let funds = facts
        .targeted_funds
        .iter()
        .enumerate()
        .map(|(i, f)| {
            Row::new(
                year_key(f.year, &f.id),
                vec![
                    Value::text(&f.name),
                    money(f.budget),
                    opt_money(f.outcome),
                    Value::opt_text(f.comment.clone()),
                    ord(i),
                    Value::opt_text(f.org_unit.clone()),
                ],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &TARGETED_FUNDS, &scope, funds, actor, of_years(&TARGETED_FUNDS, "year")).await?;

    let volumes = facts
        .volumes
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Row::new(
                vec![c(), Value::int(v.year as i64), Value::text(&v.round), Value::text(&v.id)],
                vec![
                    Value::text(&v.name),
                    Value::text(&v.unit),
                    Value::opt_text(v.org_unit.clone()),
                    Value::Real(v.commitment),
                    Value::Real(v.outcome),
                    Value::Real(v.forecast),
                    Value::opt_text(v.comment.clone()),
                    ord(i),
                    Value::opt_text(v.group.clone()),
                    Value::Real(v.previous_outcome),
                ],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &VOLUMES, &scope, volumes, actor, of_years(&VOLUMES, "year")).await?;

    let providers = facts
        .providers
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Row::new(
                vec![c(), Value::text(&p.area), Value::text(&p.service), Value::text(p.date.to_string())],
                vec![Value::int(p.private as i64), Value::int(p.own as i64), ord(i)],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &PROVIDER_COUNTS, &scope, providers, actor, of_years(&PROVIDER_COUNTS, "count_date")).await?;

    let notes = facts
        .notes
        .iter()
        .map(|n| {
            Row::new(
                vec![c(), Value::text(&n.line), Value::int(n.year as i64), Value::text(&n.round)],
                vec![Value::Real(n.forecast_deviation_percent), Value::opt_text(n.comment.clone())],
            )
        })
        .collect();
    changes += sync_rows_where(tx, &ECON_LINE_NOTES, &scope, notes, actor, of_years(&ECON_LINE_NOTES, "year")).await?;

    // Åtgärder before their follow-ups (a foreign key), removed only after them.
    let actions: Vec<Row> = facts
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Row::new(
                year_key(a.year, &a.id),
                vec![
                    Value::text(&a.title),
                    Value::opt_text(a.description.clone()),
                    Value::opt_text(a.org_unit.clone()),
                    Value::opt_text(a.line.clone()),
                    Value::opt_text(a.goal.clone()),
                    opt_money(a.effect_this_year),
                    opt_money(a.effect_next_year),
                    ord(i),
                ],
            )
        })
        .collect();
    let action_followups = facts
        .actions
        .iter()
        .flat_map(|a| {
            a.followups.iter().enumerate().map(move |(i, f)| {
                Row::new(
                    vec![c(), Value::int(a.year as i64), Value::text(&a.id), Value::text(&f.round)],
                    vec![Value::opt_text(f.status.map(|s| s.key())), Value::opt_text(f.comment.clone()), ord(i)],
                )
            })
        })
        .collect();
    changes += sync_rows_where(tx, &CORRECTIVE_ACTIONS, &scope, actions.clone(), actor, |_| false).await?;
    changes +=
        sync_rows_where(tx, &CORRECTIVE_ACTION_FOLLOWUPS, &scope, action_followups, actor, of_years(&CORRECTIVE_ACTION_FOLLOWUPS, "year"))
            .await?;
    changes += sync_rows_where(tx, &CORRECTIVE_ACTIONS, &scope, actions, actor, of_years(&CORRECTIVE_ACTIONS, "year")).await?;

    // Lines last. They are shared by all years, so while amounts of years the facts do not hold
    // remain, a line the facts lack (an unused sum line too) may still be printed for those years.
    let other_years = select_scope(&mut **tx, &ECON_AMOUNTS, &scope)
        .await?
        .iter()
        .any(|r| r.year(&ECON_AMOUNTS, "period").is_some_and(|y| !years.contains(&y)));
    changes += sync_rows_where(tx, &ECON_LINES, &scope, lines, actor, |_| !other_years).await?;
    Ok(changes)
}

fn amount(r: &StoredRow, def: &TableDef, col: &str) -> Result<Amount> {
    r.int(def, col).map(Amount::from_ore).ok_or_else(|| corrupt(format!("{}.{col} is empty", def.name)))
}
fn opt_amount(r: &StoredRow, def: &TableDef, col: &str) -> Option<Amount> {
    r.int(def, col).map(Amount::from_ore)
}
fn year(r: &StoredRow, def: &TableDef) -> i32 {
    r.int(def, "year").unwrap_or_default() as i32
}

/// Loads all economic facts of `committee`.
pub async fn load_economics(store: &Store, committee: &str) -> Result<EconomicFacts> {
    let pool = store.pool();
    let scope = [Value::text(committee)];
    let lines = select_scope(pool, &ECON_LINES, &scope)
        .await?
        .iter()
        .map(|r| {
            let kind = r.string(&ECON_LINES, "kind");
            let sum_of = r.string(&ECON_LINES, "sum_of");
            Ok(EconomicLine {
                id: r.string(&ECON_LINES, "id"),
                table: r.string(&ECON_LINES, "table_name"),
                label: r.string(&ECON_LINES, "label"),
                kind: LineKind::parse(&kind).ok_or_else(|| corrupt(format!("line kind {kind}")))?,
                sum_of: sum_of.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
                org_unit: r.text(&ECON_LINES, "org_unit"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let amounts = select_scope(pool, &ECON_AMOUNTS, &scope)
        .await?
        .iter()
        .map(|r| {
            let measure = r.string(&ECON_AMOUNTS, "measure");
            Ok(LineAmount {
                line: r.string(&ECON_AMOUNTS, "line_id"),
                measure: Measure::parse(&measure).ok_or_else(|| corrupt(format!("measure {measure}")))?,
                period: r.string(&ECON_AMOUNTS, "period").parse().map_err(corrupt)?,
                round: r.string(&ECON_AMOUNTS, "round_id"),
                amount: amount(r, &ECON_AMOUNTS, "amount")?,
                comment: r.text(&ECON_AMOUNTS, "comment"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let equity = select_scope(pool, &EQUITY, &scope)
        .await?
        .iter()
        .map(|r| {
            Ok(Equity {
                year: year(r, &EQUITY),
                ib: amount(r, &EQUITY, "ib")?,
                withdrawal: amount(r, &EQUITY, "withdrawal")?,
                result: amount(r, &EQUITY, "result")?,
                transfer: amount(r, &EQUITY, "transfer")?,
                ub: amount(r, &EQUITY, "ub")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let investments = select_scope(pool, &INVESTMENTS, &scope)
        .await?
        .iter()
        .map(|r| Investment {
            id: r.string(&INVESTMENTS, "id"),
            number: r.text(&INVESTMENTS, "number"),
            name: r.string(&INVESTMENTS, "name"),
            year: year(r, &INVESTMENTS),
            org_unit: r.text(&INVESTMENTS, "org_unit"),
            category: r.text(&INVESTMENTS, "category"),
            budget: opt_amount(r, &INVESTMENTS, "budget"),
            period_outcome: opt_amount(r, &INVESTMENTS, "period_outcome"),
            period: r.text(&INVESTMENTS, "outcome_period").and_then(|p| p.parse().ok()),
            outcome: opt_amount(r, &INVESTMENTS, "outcome"),
            forecast: opt_amount(r, &INVESTMENTS, "forecast"),
            comment: r.text(&INVESTMENTS, "comment"),
        })
        .collect();
    let grants = select_scope(pool, &GRANTS, &scope)
        .await?
        .iter()
        .map(|r| {
            let kind = r.string(&GRANTS, "kind");
            Ok(Grant {
                id: r.string(&GRANTS, "id"),
                name: r.string(&GRANTS, "name"),
                kind: GrantKind::parse(&kind).ok_or_else(|| corrupt(format!("grant kind {kind}")))?,
                payer: r.text(&GRANTS, "payer"),
                year: year(r, &GRANTS),
                received: amount(r, &GRANTS, "received")?,
                cost: amount(r, &GRANTS, "cost")?,
                in_budget: opt_amount(r, &GRANTS, "in_budget"),
                goal: r.text(&GRANTS, "goal_id"),
                comment: r.text(&GRANTS, "comment"),
                org_unit: r.text(&GRANTS, "org_unit"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let targeted_funds = select_scope(pool, &TARGETED_FUNDS, &scope)
        .await?
        .iter()
        .map(|r| {
            Ok(TargetedFund {
                id: r.string(&TARGETED_FUNDS, "id"),
                name: r.string(&TARGETED_FUNDS, "name"),
                year: year(r, &TARGETED_FUNDS),
                budget: amount(r, &TARGETED_FUNDS, "budget")?,
                outcome: opt_amount(r, &TARGETED_FUNDS, "outcome"),
                comment: r.text(&TARGETED_FUNDS, "comment"),
                org_unit: r.text(&TARGETED_FUNDS, "org_unit"),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let volumes = select_scope(pool, &VOLUMES, &scope)
        .await?
        .iter()
        .map(|r| Volume {
            id: r.string(&VOLUMES, "id"),
            name: r.string(&VOLUMES, "name"),
            unit: r.string(&VOLUMES, "unit"),
            year: year(r, &VOLUMES),
            round: r.string(&VOLUMES, "round_id"),
            org_unit: r.text(&VOLUMES, "org_unit"),
            group: r.text(&VOLUMES, "group_label"),
            previous_outcome: r.real(&VOLUMES, "previous_outcome"),
            commitment: r.real(&VOLUMES, "commitment"),
            outcome: r.real(&VOLUMES, "outcome"),
            forecast: r.real(&VOLUMES, "forecast"),
            comment: r.text(&VOLUMES, "comment"),
        })
        .collect();
    let providers = select_scope(pool, &PROVIDER_COUNTS, &scope)
        .await?
        .iter()
        .map(|r| {
            let date = r.string(&PROVIDER_COUNTS, "count_date");
            Ok(ProviderCount {
                area: r.string(&PROVIDER_COUNTS, "area"),
                service: r.string(&PROVIDER_COUNTS, "service"),
                date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| corrupt(format!("date {date}")))?,
                private: r.int(&PROVIDER_COUNTS, "private_count").unwrap_or_default() as u32,
                own: r.int(&PROVIDER_COUNTS, "own_count").unwrap_or_default() as u32,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let notes = select_scope(pool, &ECON_LINE_NOTES, &scope)
        .await?
        .iter()
        .map(|r| LineNote {
            line: r.string(&ECON_LINE_NOTES, "line_id"),
            year: year(r, &ECON_LINE_NOTES),
            round: r.string(&ECON_LINE_NOTES, "round_id"),
            forecast_deviation_percent: r.real(&ECON_LINE_NOTES, "forecast_deviation_percent"),
            comment: r.text(&ECON_LINE_NOTES, "comment"),
        })
        .collect();
    let followups = select_scope(pool, &CORRECTIVE_ACTION_FOLLOWUPS, &scope).await?;
    let actions = select_scope(pool, &CORRECTIVE_ACTIONS, &scope)
        .await?
        .iter()
        .map(|r| {
            let id = r.string(&CORRECTIVE_ACTIONS, "id");
            let y = year(r, &CORRECTIVE_ACTIONS);
            let followups = followups
                .iter()
                .filter(|f| f.string(&CORRECTIVE_ACTION_FOLLOWUPS, "action_id") == id && year(f, &CORRECTIVE_ACTION_FOLLOWUPS) == y)
                .map(|f| {
                    let status = f.text(&CORRECTIVE_ACTION_FOLLOWUPS, "status");
                    Ok(ActionFollowUp {
                        round: f.string(&CORRECTIVE_ACTION_FOLLOWUPS, "round_id"),
                        status: status
                            .map(|s| {
                                WorkStatus::ALL.into_iter().find(|w| w.key() == s).ok_or_else(|| corrupt(format!("action status {s}")))
                            })
                            .transpose()?,
                        comment: f.text(&CORRECTIVE_ACTION_FOLLOWUPS, "comment"),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(CorrectiveAction {
                id,
                year: y,
                title: r.string(&CORRECTIVE_ACTIONS, "title"),
                description: r.text(&CORRECTIVE_ACTIONS, "description"),
                org_unit: r.text(&CORRECTIVE_ACTIONS, "org_unit"),
                line: r.text(&CORRECTIVE_ACTIONS, "line_id"),
                goal: r.text(&CORRECTIVE_ACTIONS, "goal_id"),
                effect_this_year: opt_amount(r, &CORRECTIVE_ACTIONS, "effect_this_year"),
                effect_next_year: opt_amount(r, &CORRECTIVE_ACTIONS, "effect_next_year"),
                followups,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(EconomicFacts { lines, amounts, equity, investments, grants, targeted_funds, volumes, providers, notes, actions })
}
