//! `styr economics …` and `styr ledger …`: economic tables for any node and round, and ledger imports.

use std::collections::BTreeMap;

use anyhow::{Context, Result, anyhow, bail};
use clap::{Args, ValueEnum};
use styr_domain::economics::{Forecast, MoneyUnit};
use styr_domain::org::OrgUnit;
use styr_domain::{Amount, Plan};
use styr_economics::LedgerView;
use styr_report::Table;
use styr_store::{Actor, Store};

use crate::output::print_table;

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum TableFormat {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Args, Clone)]
pub struct Selection {
    #[arg(long)]
    pub year: i32,
    /// Report round id (default: the year's helår round, else its last round).
    #[arg(long)]
    pub round: Option<String>,
    /// Organisation node (default: the root, the whole nämnd).
    #[arg(long)]
    pub unit: Option<String>,
    #[arg(long)]
    pub committee: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: TableFormat,
}

pub fn print(t: &Table, format: TableFormat) -> Result<()> {
    match format {
        TableFormat::Json => println!("{}", serde_json::to_string_pretty(t)?),
        TableFormat::Csv => {
            let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(std::io::stdout());
            w.write_record(&t.header)?;
            for r in &t.rows {
                w.write_record(r.iter().map(|c| c.text.as_str()))?;
            }
            w.flush()?;
        }
        TableFormat::Table => {
            println!("{}\n", t.title);
            let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
            let rows: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(|c| c.text.clone()).collect()).collect();
            print_table(&header, &rows, 60);
        }
    }
    Ok(())
}

/// Everything an economics command needs about its selection.
struct Selected {
    key: String,
    plan: Plan,
    round: String,
    month: u32,
    unit: OrgUnit,
}

async fn context(store: &Store, sel: &Selection) -> Result<Selected> {
    let key = styr_import::resolve_committee(store, sel.committee.as_deref(), Some(sel.year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, sel.year).await?;
    let round = match &sel.round {
        Some(r) => plan.round(r).with_context(|| format!("the plan {key} {} has no round `{r}`", sel.year))?,
        None => plan.final_round().with_context(|| format!("the plan {key} {} has no report rounds", sel.year))?,
    };
    let month = round.period().last_month();
    let unit = match &sel.unit {
        None => plan.organisation.first().cloned().context("the plan has no organisation")?,
        Some(id) => OrgUnit::flatten(&plan.organisation)
            .into_iter()
            .find(|(_, u)| &u.id == id)
            .map(|(_, u)| u.clone())
            .with_context(|| format!("no organisation unit `{id}` in the plan"))?,
    };
    Ok(Selected { key, round: round.id.clone(), month, plan, unit })
}

struct Ledger {
    mapping: styr_domain::ledger_mapping::LedgerMapping,
    amounts: Vec<styr_domain::economics::LedgerAmount>,
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

/// The round before `round` in the plan, by period end.
fn previous_round(plan: &Plan, round: &str) -> Option<String> {
    let end = plan.round(round)?.period_end;
    plan.rounds.iter().filter(|r| r.period_end < end).max_by_key(|r| r.period_end).map(|r| r.id.clone())
}

/// Warns about outcome amounts of `year` that no mapping row or cost-centre rule takes.
fn warn_unmapped(view: &LedgerView<'_>, year: i32) -> Result<()> {
    let tkr = |a: Amount| a.try_neg().map(|a| styr_domain::format_sv::amount(a, MoneyUnit::Tkr, 0));
    for ((_, account), a) in view.unmapped_accounts.iter().filter(|((y, _), _)| *y == year) {
        eprintln!("varning: konto {account} saknar rad i kontomappningen ({} tkr utfall {year} ej med)", tkr(*a)?);
    }
    for ((_, cc), a) in view.unmapped_cost_centres.iter().filter(|((y, _), _)| *y == year) {
        eprintln!("varning: kostnadsställe {cc} saknar organisationsenhet ({} tkr utfall {year} ej med)", tkr(*a)?);
    }
    Ok(())
}

pub async fn drift(store: &Store, sel: &Selection) -> Result<()> {
    let cx = context(store, sel).await?;
    let title =
        format!("Driftredovisning {} – {} ({})", cx.unit.name, cx.plan.round(&cx.round).map(|r| r.label.as_str()).unwrap_or(""), cx.key);
    match ledger(store, &cx.key, sel.year).await? {
        Some(l) => {
            let view = LedgerView::new(&l.mapping, &cx.plan.organisation, &l.amounts)?;
            warn_unmapped(&view, sel.year)?;
            let all = styr_store::ledger::load_forecasts(store, &cx.key, sel.year).await?;
            let this = forecasts_of(&all, &cx.round, &cx.unit.id);
            let before = previous_round(&cx.plan, &cx.round).map(|r| forecasts_of(&all, &r, &cx.unit.id)).unwrap_or_default();
            let rows = styr_economics::operating_statement(&view, &cx.unit.id, sel.year, cx.month, &this, &before)?;
            let comment = |row: &str| forecast_for(&all, &cx, row).and_then(|f| f.comment.clone());
            print(&styr_report::ledger::operating_statement(&title, &rows, sel.year, cx.month, comment)?, sel.format)
        }
        None => {
            let facts = published_tables(store, &cx, sel).await?;
            if !facts.lines.iter().any(|l| l.table == "drift") {
                bail!("{} has neither a ledger nor a driftredovisning for {}; import one with `styr ledger import`", cx.key, sel.year);
            }
            print(&styr_report::economics::operating_statement(&facts, "drift", sel.year)?, sel.format)
        }
    }
}

pub async fn per_activity(store: &Store, sel: &Selection) -> Result<()> {
    let cx = context(store, sel).await?;
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
            print(
                &styr_report::ledger::per_activity(&format!("Drift per verksamhet, {}", cx.unit.name), &rows, sel.year, cx.month)?,
                sel.format,
            )
        }
        None => {
            let facts = published_tables(store, &cx, sel).await?;
            print(&styr_report::economics::per_activity(&facts, "verksamhet", sel.year)?, sel.format)
        }
    }
}

pub async fn net_cost(store: &Store, sel: &Selection) -> Result<()> {
    let cx = context(store, sel).await?;
    let years = [sel.year - 2, sel.year - 1, sel.year];
    match ledger(store, &cx.key, sel.year).await? {
        Some(l) => {
            let view = LedgerView::new(&l.mapping, &cx.plan.organisation, &l.amounts)?;
            let dev = styr_economics::net_cost_development(&view, &cx.unit.id, &years, cx.month)?;
            print(&styr_report::ledger::net_cost_development("Nettokostnadsutveckling", &cx.unit.name, &dev, cx.month)?, sel.format)
        }
        None => {
            let facts = styr_store::economics::load_economics(store, &cx.key).await?;
            let line = facts.lines.iter().find(|l| l.org_unit.as_deref() == Some(cx.unit.id.as_str())).with_context(|| {
                let units: Vec<&str> = facts.lines.iter().filter_map(|l| l.org_unit.as_deref()).collect();
                format!("{} has no ledger; its published net-cost figures are per verksamhet: choose --unit {}", cx.key, units.join(" | "))
            })?;
            let t = styr_report::economics::net_cost_development(&facts, &line.id, &years).context("no such line")?;
            print(&t, sel.format)
        }
    }
}

/// The published economics tables of a committee without a ledger. They hold the whole nämnd's
/// figures as published for the year, so a node or an interim round cannot be chosen.
async fn published_tables(store: &Store, cx: &Selected, sel: &Selection) -> Result<styr_domain::EconomicFacts> {
    let is_root = cx.plan.organisation.first().is_some_and(|root| root.id == cx.unit.id);
    let is_final = cx.plan.final_round().is_some_and(|r| r.id == cx.round);
    if !is_root || !is_final {
        bail!(
            "{} has no ledger for {}, only the published tables for the whole nämnd and year; leave out --unit and --round",
            cx.key,
            sel.year
        );
    }
    Ok(styr_store::economics::load_economics(store, &cx.key).await?)
}

/// The node and every node under it.
fn subtree(unit: &OrgUnit) -> std::collections::BTreeSet<String> {
    OrgUnit::flatten(std::slice::from_ref(unit)).into_iter().map(|(_, u)| u.id.clone()).collect()
}

pub async fn facts_table(store: &Store, sel: &Selection, which: &str) -> Result<()> {
    use styr_report::economics::UnitScope;
    let cx = context(store, sel).await?;
    let facts = styr_store::economics::load_economics(store, &cx.key).await?;
    let units = subtree(&cx.unit);
    let is_root = cx.plan.organisation.first().is_some_and(|root| root.id == cx.unit.id);
    let scope = if is_root { UnitScope::all() } else { UnitScope::units(&units) };
    let t = match which {
        "investeringar" => styr_report::economics::investments(&facts, sel.year, scope)?,
        "bidrag" => styr_report::economics::grants(&facts, &cx.plan, sel.year, scope)?,
        "volymer" => styr_report::economics::volumes(&facts, sel.year, Some(&cx.round), scope),
        "satsningar" => styr_report::economics::targeted_funds(&facts, sel.year, scope),
        "eget-kapital" => styr_report::economics::equity(&facts, sel.year),
        _ => unreachable!("unknown facts table {which}"),
    };
    print(&t, sel.format)
}

/// Forecast proposals for the round; with `save`, they become the round's forecast for every row
/// that has no forecast set by hand.
pub async fn forecast(store: &Store, actor: &Actor, sel: &Selection, save: bool) -> Result<()> {
    let cx = context(store, sel).await?;
    let l = ledger(store, &cx.key, sel.year).await?.with_context(|| format!("{} has no ledger for {}", cx.key, sel.year))?;
    let view = LedgerView::new(&l.mapping, &cx.plan.organisation, &l.amounts)?;
    let proposals = styr_economics::propose_forecast(&view, &cx.unit.id, sel.year, cx.month, 3)?;
    let mut all = styr_store::ledger::load_forecasts(store, &cx.key, sel.year).await?;
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
        tx.commit().await?;
        crate::import::report("Prognos", changes);
        all.retain(|f| !(f.round == cx.round && f.org_unit == cx.unit.id && new.iter().any(|n| n.row == f.row)));
        all.extend(new);
    }
    let stored = |row: &str| forecast_for(&all, &cx, row).map(|f| (f.amount, f.comment.clone()));
    let title = format!("Prognosförslag {} {} ({})", cx.unit.name, cx.round, styr_report::ledger::period_label(cx.month));
    print(&styr_report::ledger::forecast_proposals(&title, &proposals, stored), sel.format)?;
    if matches!(sel.format, TableFormat::Table) {
        println!();
        for p in &proposals {
            println!("{}: {}", p.label, p.explanation());
        }
    }
    Ok(())
}

/// A controller's forecast for one row; a comment is required.
pub async fn set_forecast(store: &Store, actor: &Actor, sel: &Selection, row: &str, amount_tkr: f64, comment: &str) -> Result<()> {
    let amount = Amount::try_from_unit(amount_tkr, MoneyUnit::Tkr).map_err(|e| anyhow!("--amount: {e}"))?;
    if comment.trim().is_empty() {
        bail!("a forecast set by hand needs --comment explaining it");
    }
    let cx = context(store, sel).await?;
    let mapping =
        styr_store::ledger::load_mapping(store, &cx.key).await?.context("no ledger mapping; import one with `styr ledger mapping`")?;
    if !mapping.rows.iter().any(|r| r.id == row) {
        let ids: Vec<&str> = mapping.rows.iter().map(|r| r.id.as_str()).collect();
        bail!("no row `{row}` in the ledger mapping; rows are {}", ids.join(", "));
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
    tx.commit().await?;
    crate::import::report("Prognos", changes);
    Ok(())
}

/// Every stored personnel measure as its own table.
pub async fn personnel(store: &Store, committee: Option<&str>, format: TableFormat) -> Result<()> {
    use styr_domain::personnel::PersonnelMeasure;
    let key = styr_import::resolve_committee(store, committee, None).await?;
    let facts = styr_store::personnel::load_personnel(store, &key).await?;
    if facts.stats.is_empty() {
        bail!("{key} has no personnel statistics; import them with `styr personnel import`");
    }
    for measure in PersonnelMeasure::ALL.into_iter().filter(|m| facts.stats.iter().any(|s| s.measure == *m)) {
        print(&styr_report::personnel::measure_breakdown(&facts, measure), format)?;
        println!();
    }
    Ok(())
}
