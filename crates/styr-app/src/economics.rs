//! Economics for any node and round: driftredovisning, per verksamhet, net-cost development and the
//! facts tables; forecast proposals and forecasts set by hand; personnel tables.
//!
//! A committee with a ledger gets its tables computed from it; one without gets its typed figures
//! (as published or typed from the central finance report) for any node and round they hold.

use std::collections::BTreeMap;

use styr_domain::economics::{EconomicLine, Forecast, LedgerAmount, MoneyUnit};
use styr_domain::ledger_mapping::LedgerMapping;
use styr_domain::{Amount, EconomicFacts, FootnoteTarget};
use styr_economics::LedgerView;
use styr_report::Table;
use styr_store::{Actor, Changes, Store};

use crate::select::{Selected, Selection, resolve_committee, select, subtree};
use crate::{AppError, Result};

/// A table with what the reader should be warned about (amounts no mapping takes).
#[derive(Debug, Clone)]
pub struct EconTable {
    pub table: Table,
    pub warnings: Vec<String>,
}

impl From<Table> for EconTable {
    fn from(table: Table) -> EconTable {
        EconTable { table, warnings: Vec::new() }
    }
}

struct Ledger {
    mapping: LedgerMapping,
    amounts: Vec<LedgerAmount>,
}

/// The mapping and four years of ledger, or `None` when the committee has no ledger for the year.
async fn ledger(store: &Store, key: &str, year: i32) -> Result<Option<Ledger>> {
    let Some(mapping) = styr_store::ledger::load_mapping(store, key).await? else { return Ok(None) };
    let mut amounts = Vec::new();
    for y in year - 3..=year {
        amounts.extend(styr_store::ledger::load_ledger_year(store, key, y).await?);
    }
    Ok(amounts.iter().any(|a| a.year == year).then_some(Ledger { mapping, amounts }))
}

/// The forecast of one row of the selected node and round, if one is stored.
fn forecast_for<'a>(all: &'a [Forecast], cx: &Selected, row: &str) -> Option<&'a Forecast> {
    all.iter().find(|f| f.round == cx.round && f.org_unit == cx.unit.id && f.row == row)
}

fn forecasts_of(all: &[Forecast], round: &str, unit: &str) -> BTreeMap<String, Amount> {
    all.iter().filter(|f| f.round == round && f.org_unit == unit).map(|f| (f.row.clone(), f.amount)).collect()
}

/// Outcome amounts of `year` that no mapping row or cost-centre rule takes, in words.
fn unmapped(view: &LedgerView<'_>, year: i32) -> Result<Vec<String>> {
    let tkr = |a: Amount| a.try_neg().map(|a| styr_domain::format_sv::amount(a, MoneyUnit::Tkr, 0));
    let accounts = view
        .unmapped_accounts
        .iter()
        .filter(|((y, _), _)| *y == year)
        .map(|((_, account), a)| Ok(format!("konto {account} saknar rad i kontomappningen ({} tkr utfall {year} ej med)", tkr(*a)?)));
    let centres = view
        .unmapped_cost_centres
        .iter()
        .filter(|((y, _), _)| *y == year)
        .map(|((_, cc), a)| Ok(format!("kostnadsställe {cc} saknar organisationsenhet ({} tkr utfall {year} ej med)", tkr(*a)?)));
    accounts.chain(centres).collect()
}

/// Driftredovisning by cost type for a node and round: budget, outcome, previous year, forecast,
/// deviation and prognosförändring.
pub async fn drift(store: &Store, sel: &Selection) -> Result<EconTable> {
    let cx = select(store, sel).await?;
    let title = format!("Driftredovisning {} – {} ({})", cx.unit.name, cx.round_label(), cx.key);
    match ledger(store, &cx.key, sel.year).await? {
        Some(l) => {
            let view = LedgerView::new(&l.mapping, &cx.plan.organisation, &l.amounts)?;
            let all = styr_store::ledger::load_forecasts(store, &cx.key, sel.year).await?;
            let this = forecasts_of(&all, &cx.round, &cx.unit.id);
            let before = cx.previous_round().map(|r| forecasts_of(&all, &r, &cx.unit.id)).unwrap_or_default();
            let rows = styr_economics::operating_statement(&view, &cx.unit.id, sel.year, cx.month, &this, &before)?;
            let comment = |row: &str| forecast_for(&all, &cx, row).and_then(|f| f.comment.clone());
            let table = styr_report::ledger::operating_statement(&title, &rows, sel.year, cx.month, comment)?;
            Ok(EconTable { table, warnings: unmapped(&view, sel.year)? })
        }
        None => {
            let facts = styr_store::economics::load_economics(store, &cx.key).await?;
            let lines = typed_lines(&facts, &cx, "drift", LineScope::OfNode)?;
            let previous = cx.previous_round();
            let view = round_view(&cx, sel.year, previous.as_deref());
            let mut table = styr_report::economics::typed_statement(&facts, &title, &lines, &view)?;
            attach_line_notes(store, &cx, &mut table, &lines).await?;
            Ok(EconTable { table, warnings: styr_report::economics::total_warnings(&facts, &lines)? })
        }
    }
}

/// The selected round's footnotes on economics lines, attached to the rows of a table of typed
/// lines: row `i` prints `lines[i]` (a computed Summa row after them carries none).
async fn attach_line_notes(store: &Store, cx: &Selected, table: &mut Table, lines: &[&EconomicLine]) -> Result<()> {
    let f = styr_store::followup::load_followup(store, &cx.key, cx.plan.year, &cx.round).await?;
    let targets: Vec<Option<FootnoteTarget>> = lines.iter().map(|l| Some(FootnoteTarget::EconLine(l.id.clone()))).collect();
    styr_report::report_parts::RoundNotes::of(&f).attach(table, &targets);
    Ok(())
}

/// Which typed lines a table shows for the selected node: its own (drift), or its children's
/// (per verksamhet).
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineScope {
    OfNode,
    OfChildren,
}

/// The typed lines of `table` for the selected node: for the whole nämnd the lines without a node
/// (or naming the root), else the lines naming the node; per verksamhet the lines naming one of the
/// node's children, and at the root also those without a node. Refused, naming the nodes that have
/// lines, when there are none.
fn typed_lines<'f>(facts: &'f EconomicFacts, cx: &Selected, table: &str, scope: LineScope) -> Result<Vec<&'f EconomicLine>> {
    let root = cx.is_root();
    let children: Vec<&str> = cx.unit.children.iter().map(|c| c.id.as_str()).collect();
    let lines: Vec<&EconomicLine> = facts
        .lines
        .iter()
        .filter(|l| l.table == table)
        .filter(|l| match (scope, l.org_unit.as_deref()) {
            (LineScope::OfNode, None) => root,
            (LineScope::OfNode, Some(u)) => u == cx.unit.id,
            (LineScope::OfChildren, None) => root,
            (LineScope::OfChildren, Some(u)) => children.contains(&u),
        })
        .collect();
    if lines.is_empty() {
        let mut units: Vec<&str> = facts.lines.iter().filter(|l| l.table == table).filter_map(|l| l.org_unit.as_deref()).collect();
        units.dedup();
        let has = if units.is_empty() { String::new() } else { format!("; typed lines exist for --unit {}", units.join(" | ")) };
        return Err(AppError::NotFound(format!(
            "{} has neither a ledger for {} nor typed `{table}` lines for {}{has}; import a ledger with `styr ledger import` or figures with `styr economics import-facts`",
            cx.key, cx.plan.year, cx.unit.id
        )));
    }
    Ok(lines)
}

/// The year, months and rounds of the selection for tables of typed figures.
fn round_view<'a>(cx: &'a Selected, year: i32, previous: Option<&'a str>) -> styr_report::economics::RoundView<'a> {
    styr_report::economics::RoundView { year, month: cx.month, round: &cx.round, previous_round: previous }
}

/// Net result per verksamhet (the node's children).
pub async fn per_activity(store: &Store, sel: &Selection) -> Result<EconTable> {
    let cx = select(store, sel).await?;
    match ledger(store, &cx.key, sel.year).await? {
        Some(l) => {
            let view = LedgerView::new(&l.mapping, &cx.plan.organisation, &l.amounts)?;
            let all = styr_store::ledger::load_forecasts(store, &cx.key, sel.year).await?;
            let rows_in_mapping = l.mapping.rows.len();
            // A verksamhet's forecast is the sum of its rows, and only when every row has one.
            let rows = styr_economics::per_activity(&view, &cx.unit, sel.year, cx.month, |child| {
                let f = forecasts_of(&all, &cx.round, child);
                (f.len() == rows_in_mapping).then(|| Amount::try_sum(f.values().copied())).transpose()
            })?;
            let title = format!("Drift per verksamhet, {}", cx.unit.name);
            Ok(styr_report::ledger::per_activity(&title, &rows, sel.year, cx.month)?.into())
        }
        None => {
            let facts = styr_store::economics::load_economics(store, &cx.key).await?;
            let lines = typed_lines(&facts, &cx, "verksamhet", LineScope::OfChildren)?;
            let previous = cx.previous_round();
            let view = round_view(&cx, sel.year, previous.as_deref());
            let title =
                if cx.is_root() { "Ekonomi, drift per verksamhet".to_string() } else { format!("Drift per verksamhet, {}", cx.unit.name) };
            let mut table = styr_report::economics::typed_per_activity(&facts, &title, &lines, &view)?;
            attach_line_notes(store, &cx, &mut table, &lines).await?;
            Ok(EconTable { table, warnings: styr_report::economics::total_warnings(&facts, &lines)? })
        }
    }
}

/// Nettokostnadsutveckling over three years with the change in percent.
pub async fn net_cost(store: &Store, sel: &Selection) -> Result<EconTable> {
    let cx = select(store, sel).await?;
    let years = [sel.year - 2, sel.year - 1, sel.year];
    match ledger(store, &cx.key, sel.year).await? {
        Some(l) => {
            let view = LedgerView::new(&l.mapping, &cx.plan.organisation, &l.amounts)?;
            let dev = styr_economics::net_cost_development(&view, &cx.unit.id, &years, cx.month)?;
            Ok(styr_report::ledger::net_cost_development("Nettokostnadsutveckling", &cx.unit.name, &dev, cx.month)?.into())
        }
        None => {
            let facts = styr_store::economics::load_economics(store, &cx.key).await?;
            let line = facts.lines.iter().find(|l| l.org_unit.as_deref() == Some(cx.unit.id.as_str())).ok_or_else(|| {
                let units: Vec<&str> = facts.lines.iter().filter_map(|l| l.org_unit.as_deref()).collect();
                AppError::Invalid(format!(
                    "{} has no ledger; its published net-cost figures are per verksamhet: choose --unit {}",
                    cx.key,
                    units.join(" | ")
                ))
            })?;
            let table = styr_report::economics::net_cost_development(&facts, &line.id, &years)
                .ok_or_else(|| AppError::NotFound(format!("no net-cost figures for the line `{}`", line.id)))?;
            Ok(table.into())
        }
    }
}

/// The economics tables kept as facts rather than computed from the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactsTable {
    Investments,
    Grants,
    Volumes,
    TargetedFunds,
    Equity,
    /// Åtgärdsplaner with their status in the round.
    Actions,
}

/// A facts table for the selected node (and its subtree) and year; volumes for the round.
pub async fn facts_table(store: &Store, sel: &Selection, which: FactsTable) -> Result<Table> {
    use styr_report::economics::UnitScope;
    let cx = select(store, sel).await?;
    let facts = styr_store::economics::load_economics(store, &cx.key).await?;
    let units = subtree(&cx.unit);
    let scope = if cx.is_root() { UnitScope::all() } else { UnitScope::units(&units) };
    Ok(match which {
        FactsTable::Investments => styr_report::economics::investments(&facts, sel.year, scope)?,
        FactsTable::Grants => styr_report::economics::grants(&facts, &cx.plan, sel.year, scope)?,
        FactsTable::Volumes => styr_report::economics::volumes(&facts, sel.year, Some(&cx.round), scope),
        FactsTable::TargetedFunds => styr_report::economics::targeted_funds(&facts, sel.year, scope),
        FactsTable::Equity => styr_report::economics::equity(&facts, sel.year),
        FactsTable::Actions => {
            let previous = cx.previous_round();
            let followup = styr_store::followup::load_followup(store, &cx.key, sel.year, &cx.round).await?;
            let assessment_of = |goal: &str| {
                let a = followup.assessments.iter().find(|a| a.goal == goal)?;
                cx.plan.scale.level(a.level.as_deref()?).map(|l| l.label.clone())
            };
            let view = round_view(&cx, sel.year, previous.as_deref());
            styr_report::economics::actions(&facts, &cx.plan, &view, scope, &assessment_of)?
        }
    })
}

/// Forecast proposals with how each was reached, and what saving them changed.
#[derive(Debug, Clone)]
pub struct ForecastProposals {
    pub table: Table,
    /// Per row: its label and the method with its inputs in words.
    pub explanations: Vec<(String, String)>,
    /// What `save` stored, when asked to.
    pub saved: Option<Changes>,
}

/// Forecast proposals for the round from the year to date and earlier years' monthly profile; with
/// `save`, they become the round's forecast for every row that has no forecast set by hand.
pub async fn forecast(store: &Store, actor: &Actor, sel: &Selection, save: bool) -> Result<ForecastProposals> {
    let cx = select(store, sel).await?;
    let l =
        ledger(store, &cx.key, sel.year).await?.ok_or_else(|| AppError::NotFound(format!("{} has no ledger for {}", cx.key, sel.year)))?;
    let view = LedgerView::new(&l.mapping, &cx.plan.organisation, &l.amounts)?;
    let proposals = styr_economics::propose_forecast(&view, &cx.unit.id, sel.year, cx.month, 3)?;
    let mut all = styr_store::ledger::load_forecasts(store, &cx.key, sel.year).await?;
    let mut saved = None;
    if save {
        let is_manual = |row: &str| forecast_for(&all, &cx, row).is_some_and(|f| f.method == "manual");
        let new: Vec<Forecast> = proposals
            .iter()
            .filter(|p| !is_manual(&p.row_id))
            .map(|p| Forecast {
                year: sel.year,
                round: cx.round.clone(),
                org_unit: cx.unit.id.clone(),
                row: p.row_id.clone(),
                amount: p.amount,
                method: format!("proposal:{}", p.method),
                comment: Some(p.explanation()),
            })
            .collect();
        let mut tx = store.begin().await?;
        let changes = styr_store::ledger::save_forecasts(&mut tx, &cx.key, &new, actor).await?;
        tx.commit().await.map_err(styr_store::StoreError::from)?;
        saved = Some(changes);
        all.retain(|f| !(f.round == cx.round && f.org_unit == cx.unit.id && new.iter().any(|n| n.row == f.row)));
        all.extend(new);
    }
    let stored = |row: &str| forecast_for(&all, &cx, row).map(|f| (f.amount, f.comment.clone()));
    let title = format!("Prognosförslag {} {} ({})", cx.unit.name, cx.round, styr_report::ledger::period_label(cx.month));
    let table = styr_report::ledger::forecast_proposals(&title, &proposals, stored);
    let explanations = proposals.iter().map(|p| (p.label.clone(), p.explanation())).collect();
    Ok(ForecastProposals { table, explanations, saved })
}

/// A controller's full-year forecast for one row of the ledger mapping; a comment is required.
pub async fn set_forecast(store: &Store, actor: &Actor, sel: &Selection, row: &str, amount: Amount, comment: &str) -> Result<Changes> {
    if comment.trim().is_empty() {
        return Err(AppError::Invalid("a forecast set by hand needs a comment explaining it".into()));
    }
    let cx = select(store, sel).await?;
    let mapping = styr_store::ledger::load_mapping(store, &cx.key)
        .await?
        .ok_or_else(|| AppError::NotFound("no ledger mapping; import one with `styr ledger mapping`".into()))?;
    if !mapping.rows.iter().any(|r| r.id == row) {
        let ids: Vec<&str> = mapping.rows.iter().map(|r| r.id.as_str()).collect();
        return Err(AppError::NotFound(format!("no row `{row}` in the ledger mapping; rows are {}", ids.join(", "))));
    }
    let f = Forecast {
        year: sel.year,
        round: cx.round.clone(),
        org_unit: cx.unit.id.clone(),
        row: row.to_string(),
        amount,
        method: "manual".into(),
        comment: Some(comment.trim().to_string()),
    };
    let mut tx = store.begin().await?;
    let changes = styr_store::ledger::save_forecasts(&mut tx, &cx.key, &[f], actor).await?;
    tx.commit().await.map_err(styr_store::StoreError::from)?;
    Ok(changes)
}

/// Every stored personnel measure of a committee as its own table.
pub async fn personnel_tables(store: &Store, committee: Option<&str>) -> Result<Vec<Table>> {
    use styr_domain::personnel::PersonnelMeasure;
    let key = resolve_committee(store, committee, None).await?;
    let facts = styr_store::personnel::load_personnel(store, &key).await?;
    if facts.stats.is_empty() {
        return Err(AppError::NotFound(format!("{key} has no personnel statistics; import them with `styr personnel import`")));
    }
    Ok(PersonnelMeasure::ALL
        .into_iter()
        .filter(|m| facts.stats.iter().any(|s| s.measure == *m))
        .map(|m| styr_report::personnel::measure_breakdown(&facts, m))
        .collect())
}
