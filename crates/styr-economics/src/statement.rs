//! Driftredovisning per node and round, per verksamhet, and net-cost development.

use std::collections::BTreeMap;

use serde::Serialize;
use styr_domain::economics::Measure;
use styr_domain::org::OrgUnit;
use styr_domain::{Amount, AmountError};

use crate::ledger_view::LedgerView;

/// One row of the driftredovisning for a node and a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementRow {
    pub row_id: String,
    pub label: String,
    /// Budget for the whole year.
    pub budget: Amount,
    /// Outcome January through the round's month.
    pub outcome: Amount,
    /// Outcome for the same months of the previous year.
    pub outcome_previous_year: Amount,
    /// Full-year forecast made in this round, if any.
    pub forecast: Option<Amount>,
    /// Forecast − budget: positive is better than budget.
    pub forecast_deviation: Option<Amount>,
    pub forecast_deviation_percent: Option<f64>,
    /// The forecast of the previous round and the change since (prognosförändring).
    pub previous_forecast: Option<Amount>,
    pub forecast_change: Option<Amount>,
}

impl StatementRow {
    /// Outcome − outcome the same period last year.
    pub fn change_from_previous_year(&self) -> Result<Amount, AmountError> {
        self.outcome.try_sub(self.outcome_previous_year).map_err(|e| e.in_computing(format!("the change from last year of {}", self.label)))
    }
}

fn percent_of(part: Amount, whole: Amount) -> Option<f64> {
    (whole != Amount::ZERO).then(|| part.ore() as f64 / whole.ore().unsigned_abs() as f64 * 100.0)
}

fn row(
    row_id: &str,
    label: &str,
    [budget, outcome, previous]: [Amount; 3],
    forecast: Option<Amount>,
    previous_forecast: Option<Amount>,
) -> Result<StatementRow, AmountError> {
    let in_row = |what: &str| format!("the {what} of {label}");
    let forecast_deviation = forecast.map(|f| f.try_sub(budget)).transpose().map_err(|e| e.in_computing(in_row("forecast deviation")))?;
    let forecast_change =
        forecast.zip(previous_forecast).map(|(f, p)| f.try_sub(p)).transpose().map_err(|e| e.in_computing(in_row("forecast change")))?;
    Ok(StatementRow {
        row_id: row_id.to_string(),
        label: label.to_string(),
        budget,
        outcome,
        outcome_previous_year: previous,
        forecast,
        forecast_deviation,
        forecast_deviation_percent: forecast_deviation.and_then(|d| percent_of(d, budget)),
        previous_forecast,
        forecast_change,
    })
}

/// The driftredovisning of `node` (and everything under it) for `year` through `month`, one row per
/// mapped row plus a final "Nettokostnad" row. `forecasts` and `previous_forecasts` map row ids to
/// the full-year forecast of this round and of the round before. Sums that do not fit in `i64` öre
/// are an [`AmountError::Overflow`] naming the sum.
pub fn operating_statement(
    view: &LedgerView<'_>,
    node: &str,
    year: i32,
    month: u32,
    forecasts: &BTreeMap<String, Amount>,
    previous_forecasts: &BTreeMap<String, Amount>,
) -> Result<Vec<StatementRow>, AmountError> {
    let mut rows = Vec::new();
    let mut totals = [Amount::ZERO; 3];
    let (mut forecast_total, mut previous_total) = (Some(Amount::ZERO), Some(Amount::ZERO));
    let net = |what: &str| format!("the net {what} of node {node}");
    for (i, r) in view.mapping().rows.iter().enumerate() {
        let values = [
            view.sum(year, 12, i, node, Measure::Budget)?,
            view.sum(year, month, i, node, Measure::Outcome)?,
            view.sum(year - 1, month, i, node, Measure::Outcome)?,
        ];
        for (t, v) in totals.iter_mut().zip(values) {
            *t = t.try_add(v).map_err(|e| e.in_computing(net("budget or outcome")))?;
        }
        let forecast = forecasts.get(&r.id).copied();
        let previous = previous_forecasts.get(&r.id).copied();
        forecast_total =
            forecast_total.zip(forecast).map(|(a, b)| a.try_add(b)).transpose().map_err(|e| e.in_computing(net("forecast")))?;
        previous_total =
            previous_total.zip(previous).map(|(a, b)| a.try_add(b)).transpose().map_err(|e| e.in_computing(net("previous forecast")))?;
        rows.push(row(&r.id, &r.label, values, forecast, previous)?);
    }
    rows.push(row("netto", "Nettokostnad", totals, forecast_total, previous_total)?);
    Ok(rows)
}

/// One verksamhet (a child node) with its net result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActivityRow {
    pub org_unit: String,
    pub name: String,
    pub budget: Amount,
    pub outcome: Amount,
    pub outcome_previous_year: Amount,
    /// Outcome − budget for the period's share of the year is not meaningful mid-year; the deviation
    /// reported is forecast − budget when a forecast exists, else outcome − budget for a full year.
    pub deviation: Option<Amount>,
    pub deviation_percent: Option<f64>,
    pub forecast: Option<Amount>,
}

/// The net result of `unit` for `measure`, months `1..=through` of `year`: the sum of every row.
fn net_of(view: &LedgerView<'_>, unit: &str, year: i32, through: u32, measure: Measure) -> Result<Amount, AmountError> {
    let mut total = Amount::ZERO;
    for i in 0..view.mapping().rows.len() {
        total = total
            .try_add(view.sum(year, through, i, unit, measure)?)
            .map_err(|e| e.in_computing(format!("the net {} of node {unit} for {year}", measure.as_str())))?;
    }
    Ok(total)
}

/// The net result of each child of `node` (the "per verksamhet" table). `forecast_of` gives a
/// child's full-year forecast, if it has one.
pub fn per_activity(
    view: &LedgerView<'_>,
    node: &OrgUnit,
    year: i32,
    month: u32,
    forecast_of: impl Fn(&str) -> Result<Option<Amount>, AmountError>,
) -> Result<Vec<ActivityRow>, AmountError> {
    node.children
        .iter()
        .map(|child| {
            let budget = net_of(view, &child.id, year, 12, Measure::Budget)?;
            let outcome = net_of(view, &child.id, year, month, Measure::Outcome)?;
            let forecast = forecast_of(&child.id)?;
            let deviation = match forecast {
                Some(f) => Some(f.try_sub(budget)),
                None if month == 12 => Some(outcome.try_sub(budget)),
                None => None,
            }
            .transpose()
            .map_err(|e| e.in_computing(format!("the deviation of {}", child.name)))?;
            Ok(ActivityRow {
                org_unit: child.id.clone(),
                name: child.name.clone(),
                budget,
                outcome,
                outcome_previous_year: net_of(view, &child.id, year - 1, month, Measure::Outcome)?,
                deviation,
                deviation_percent: deviation.and_then(|d| percent_of(d, budget)),
                forecast,
            })
        })
        .collect()
}

/// Net outcome of `node` for January through `month` of each year (report sign: a net cost is
/// negative), with the change of the net cost in percent from the year before. Years without any
/// outcome in the ledger are left out.
pub fn net_cost_development(
    view: &LedgerView<'_>,
    node: &str,
    years: &[i32],
    month: u32,
) -> Result<Vec<(i32, Amount, Option<f64>)>, AmountError> {
    let mut out: Vec<(i32, Amount, Option<f64>)> = Vec::new();
    for &y in years.iter().filter(|y| view.has_year(**y)) {
        let net = net_of(view, node, y, month, Measure::Outcome)?;
        let change = match out.last().filter(|(py, _, _)| *py == y - 1) {
            Some((_, prev, _)) => {
                let diff = net.try_sub(*prev).map_err(|e| e.in_computing(format!("the change of the net cost of node {node} in {y}")))?;
                percent_of(diff, *prev).map(|p| -p)
            }
            None => None,
        };
        out.push((y, net, change));
    }
    Ok(out)
}
