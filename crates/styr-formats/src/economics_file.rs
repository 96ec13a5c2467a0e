//! The economics facts file (`format: styr-economics/1`), amounts in the unit the file names.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use styr_domain::economics::{
    EconomicFacts, EconomicLine, Equity, Grant, GrantKind, Investment, LineAmount, Measure, MoneyUnit, ProviderCount, TargetedFund, Volume,
};
use styr_domain::{Amount, Period};

use crate::error::line_of_entry;
use crate::{FormatError, yaml};

pub const FORMAT: &str = "styr-economics/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    committee: String,
    unit: MoneyUnit,
    #[serde(default)]
    lines: Vec<EconomicLine>,
    #[serde(default)]
    amounts: Vec<AmountsDoc>,
    #[serde(default)]
    equity: Vec<EquityDoc>,
    #[serde(default)]
    investments: Vec<InvestmentDoc>,
    #[serde(default)]
    grants: Vec<GrantDoc>,
    #[serde(default)]
    targeted_funds: Vec<FundDoc>,
    #[serde(default)]
    volumes: Vec<VolumeDoc>,
    #[serde(default)]
    providers: Vec<ProviderDoc>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AmountsDoc {
    line: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    budget: BTreeMap<Period, f64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    outcome: BTreeMap<Period, f64>,
    /// Full-year forecast per round id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    forecast: BTreeMap<String, f64>,
    /// Forecast year for `forecast` entries (defaults to the latest budget year of the line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    forecast_year: Option<i32>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EquityDoc {
    year: i32,
    ib: f64,
    #[serde(default)]
    withdrawal: f64,
    #[serde(default)]
    result: f64,
    #[serde(default)]
    transfer: f64,
    ub: f64,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct InvestmentDoc {
    id: String,
    #[serde(default)]
    number: Option<String>,
    name: String,
    year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
    #[serde(default)]
    budget: Option<f64>,
    #[serde(default)]
    outcome: Option<f64>,
    #[serde(default)]
    forecast: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GrantDoc {
    id: String,
    name: String,
    kind: GrantKind,
    #[serde(default)]
    payer: Option<String>,
    year: i32,
    received: f64,
    cost: f64,
    #[serde(default)]
    in_budget: Option<f64>,
    #[serde(default)]
    goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FundDoc {
    id: String,
    name: String,
    year: i32,
    budget: f64,
    #[serde(default)]
    outcome: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct VolumeDoc {
    id: String,
    name: String,
    unit: String,
    year: i32,
    /// Report round id; left out for the year as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    round: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
    #[serde(default)]
    commitment: Option<f64>,
    #[serde(default)]
    outcome: Option<f64>,
    #[serde(default)]
    forecast: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderDoc {
    area: String,
    service: String,
    date: NaiveDate,
    private: u32,
    own: u32,
}

/// The committee id the file is for, and its facts.
pub fn parse(text: &str, file: &str) -> Result<(String, EconomicFacts), FormatError> {
    yaml::check_format(text, file, FORMAT)?;
    let d: Doc = yaml::from_str(text, file)?;
    let u = d.unit;
    // Every amount passed `check_numbers` below before it is converted, so this cannot fail.
    let amt = |v: f64| Amount::try_from_unit(v, u).expect("amount checked by check_numbers");
    let fail = |key: &str, value: &str, field: String, msg: String| FormatError::new(file, line_of_entry(text, key, value), field, msg);

    let mut ids = BTreeSet::new();
    for (i, l) in d.lines.iter().enumerate() {
        if !styr_domain::is_valid_id(&l.id) || !ids.insert(l.id.as_str()) {
            return Err(fail("id", &l.id, format!("lines[{i}].id"), format!("`{}` is not a valid, unique line id", l.id)));
        }
    }
    for (i, l) in d.lines.iter().enumerate() {
        for part in &l.sum_of {
            let same_table = d.lines.iter().any(|o| &o.id == part && o.table == l.table && o.id != l.id);
            if !same_table {
                return Err(fail("id", &l.id, format!("lines[{i}].sum_of"), format!("`{part}` is not another line of table {}", l.table)));
            }
        }
    }
    if let Some((i, id)) = first_sum_cycle(&d.lines) {
        return Err(fail("id", id, format!("lines[{i}].sum_of"), format!("`{id}` is computed from itself (a loop of sum_of)")));
    }
    check_numbers(&d, text, file)?;
    check_unique(&d, text, file)?;
    let mut amounts = Vec::new();
    for (i, a) in d.amounts.iter().enumerate() {
        let Some(line) = d.lines.iter().find(|l| l.id == a.line) else {
            return Err(fail("line", &a.line, format!("amounts[{i}].line"), format!("no line with id `{}`", a.line)));
        };
        if !line.sum_of.is_empty() {
            return Err(fail(
                "line",
                &a.line,
                format!("amounts[{i}].line"),
                format!("`{}` is computed from other lines and takes no amounts", a.line),
            ));
        }
        for (measure, values) in [(Measure::Budget, &a.budget), (Measure::Outcome, &a.outcome)] {
            for (period, v) in values {
                amounts.push(LineAmount {
                    line: a.line.clone(),
                    measure,
                    period: *period,
                    round: String::new(),
                    amount: amt(*v),
                    comment: None,
                });
            }
        }
        let forecast_year = a.forecast_year.or_else(|| a.budget.keys().map(|p| p.year()).max());
        for (round, v) in &a.forecast {
            let Some(year) = forecast_year else {
                return Err(fail(
                    "line",
                    &a.line,
                    format!("amounts[{i}].forecast_year"),
                    "a forecast needs forecast_year or a budget".into(),
                ));
            };
            amounts.push(LineAmount {
                line: a.line.clone(),
                measure: Measure::Forecast,
                period: Period::Year(year),
                round: round.clone(),
                amount: amt(*v),
                comment: None,
            });
        }
    }
    let facts = EconomicFacts {
        lines: d.lines,
        amounts,
        equity: d
            .equity
            .iter()
            .map(|e| Equity {
                year: e.year,
                ib: amt(e.ib),
                withdrawal: amt(e.withdrawal),
                result: amt(e.result),
                transfer: amt(e.transfer),
                ub: amt(e.ub),
            })
            .collect(),
        investments: d
            .investments
            .into_iter()
            .map(|x| Investment {
                id: x.id,
                number: x.number,
                name: x.name,
                year: x.year,
                org_unit: x.org_unit,
                budget: x.budget.map(amt),
                outcome: x.outcome.map(amt),
                forecast: x.forecast.map(amt),
                comment: x.comment,
            })
            .collect(),
        grants: d
            .grants
            .into_iter()
            .map(|g| Grant {
                id: g.id,
                name: g.name,
                kind: g.kind,
                payer: g.payer,
                year: g.year,
                received: amt(g.received),
                cost: amt(g.cost),
                in_budget: g.in_budget.map(amt),
                goal: g.goal,
                comment: g.comment,
                org_unit: g.org_unit,
            })
            .collect(),
        targeted_funds: d
            .targeted_funds
            .into_iter()
            .map(|f| TargetedFund {
                id: f.id,
                name: f.name,
                year: f.year,
                budget: amt(f.budget),
                outcome: f.outcome.map(amt),
                comment: f.comment,
                org_unit: f.org_unit,
            })
            .collect(),
        volumes: d
            .volumes
            .into_iter()
            .map(|v| Volume {
                id: v.id,
                name: v.name,
                unit: v.unit,
                year: v.year,
                round: v.round.unwrap_or_default(),
                org_unit: v.org_unit,
                commitment: v.commitment,
                outcome: v.outcome,
                forecast: v.forecast,
                comment: v.comment,
            })
            .collect(),
        providers: d
            .providers
            .into_iter()
            .map(|p| ProviderCount { area: p.area, service: p.service, date: p.date, private: p.private, own: p.own })
            .collect(),
    };
    Ok((d.committee, facts))
}

/// The first line (index and id) whose `sum_of` leads back to itself.
fn first_sum_cycle(lines: &[EconomicLine]) -> Option<(usize, &str)> {
    fn reaches<'a>(lines: &'a [EconomicLine], from: &'a str, target: &str, seen: &mut BTreeSet<&'a str>) -> bool {
        let Some(line) = lines.iter().find(|l| l.id == from) else { return false };
        line.sum_of.iter().any(|part| part == target || (seen.insert(part.as_str()) && reaches(lines, part, target, seen)))
    }
    lines.iter().enumerate().find(|(_, l)| reaches(lines, &l.id, &l.id, &mut BTreeSet::new())).map(|(i, l)| (i, l.id.as_str()))
}

/// Every amount must be a finite number within what styr accepts; volumes must be finite.
fn check_numbers(d: &Doc, text: &str, file: &str) -> Result<(), FormatError> {
    let money = |v: f64| Amount::try_from_unit(v, d.unit).is_ok();
    let fail = |key: &str, id: &str, field: String, v: f64| {
        let why = Amount::try_from_unit(v, d.unit).err().map(|e| e.to_string()).unwrap_or_default();
        FormatError::new(file, line_of_entry(text, key, id), field, why)
    };
    for (i, a) in d.amounts.iter().enumerate() {
        let values = a
            .budget
            .iter()
            .map(|(p, v)| (format!("budget.{p}"), *v))
            .chain(a.outcome.iter().map(|(p, v)| (format!("outcome.{p}"), *v)))
            .chain(a.forecast.iter().map(|(r, v)| (format!("forecast.{r}"), *v)));
        for (field, v) in values {
            if !money(v) {
                return Err(fail("line", &a.line, format!("amounts[{i}].{field}"), v));
            }
        }
    }
    for (i, e) in d.equity.iter().enumerate() {
        for (name, v) in [("ib", e.ib), ("withdrawal", e.withdrawal), ("result", e.result), ("transfer", e.transfer), ("ub", e.ub)] {
            if !money(v) {
                return Err(fail("year", &e.year.to_string(), format!("equity[{i}].{name}"), v));
            }
        }
    }
    for (i, x) in d.investments.iter().enumerate() {
        for (name, v) in [("budget", x.budget), ("outcome", x.outcome), ("forecast", x.forecast)] {
            if let Some(v) = v.filter(|v| !money(*v)) {
                return Err(fail("id", &x.id, format!("investments[{i}].{name}"), v));
            }
        }
    }
    for (i, g) in d.grants.iter().enumerate() {
        for (name, v) in [("received", Some(g.received)), ("cost", Some(g.cost)), ("in_budget", g.in_budget)] {
            if let Some(v) = v.filter(|v| !money(*v)) {
                return Err(fail("id", &g.id, format!("grants[{i}].{name}"), v));
            }
        }
    }
    for (i, f) in d.targeted_funds.iter().enumerate() {
        for (name, v) in [("budget", Some(f.budget)), ("outcome", f.outcome)] {
            if let Some(v) = v.filter(|v| !money(*v)) {
                return Err(fail("id", &f.id, format!("targeted_funds[{i}].{name}"), v));
            }
        }
    }
    for (i, v) in d.volumes.iter().enumerate() {
        for (name, x) in [("commitment", v.commitment), ("outcome", v.outcome), ("forecast", v.forecast)] {
            if let Some(x) = x.filter(|x| !x.is_finite()) {
                return Err(FormatError::new(
                    file,
                    line_of_entry(text, "id", &v.id),
                    format!("volumes[{i}].{name}"),
                    format!("`{x}` is not a number"),
                ));
            }
        }
    }
    Ok(())
}

/// Ids are valid, and nothing is given twice for the same year (and round).
fn check_unique(d: &Doc, text: &str, file: &str) -> Result<(), FormatError> {
    fn unique<K: Ord>(items: impl Iterator<Item = (K, String, String)>, text: &str, file: &str) -> Result<(), FormatError> {
        let mut seen = std::collections::BTreeSet::new();
        for (key, field, id) in items {
            if !styr_domain::is_valid_id(&id) {
                return Err(FormatError::new(file, line_of_entry(text, "id", &id), field, format!("`{id}` is not a valid id")));
            }
            if !seen.insert(key) {
                return Err(FormatError::new(
                    file,
                    crate::error::nth_line_of_entry(text, "id", &id, 2),
                    field,
                    format!("`{id}` is given twice for the same year"),
                ));
            }
        }
        Ok(())
    }
    let lines = d.amounts.iter().enumerate().map(|(i, a)| (a.line.clone(), format!("amounts[{i}].line"), a.line.clone()));
    let mut seen_lines = BTreeSet::new();
    for (key, field, id) in lines {
        if !seen_lines.insert(key) {
            return Err(FormatError::new(
                file,
                crate::error::nth_line_of_entry(text, "line", &id, 2),
                field,
                format!("the amounts of `{id}` are given twice; give them in one entry"),
            ));
        }
    }
    let mut years = BTreeSet::new();
    for (i, e) in d.equity.iter().enumerate() {
        if !years.insert(e.year) {
            return Err(FormatError::new(file, None, format!("equity[{i}].year"), format!("eget kapital for {} is given twice", e.year)));
        }
    }
    unique(
        d.investments.iter().enumerate().map(|(i, x)| ((x.year, x.id.clone()), format!("investments[{i}].id"), x.id.clone())),
        text,
        file,
    )?;
    unique(d.grants.iter().enumerate().map(|(i, x)| ((x.year, x.id.clone()), format!("grants[{i}].id"), x.id.clone())), text, file)?;
    unique(
        d.targeted_funds.iter().enumerate().map(|(i, x)| ((x.year, x.id.clone()), format!("targeted_funds[{i}].id"), x.id.clone())),
        text,
        file,
    )?;
    unique(
        d.volumes.iter().enumerate().map(|(i, x)| ((x.year, x.round.clone(), x.id.clone()), format!("volumes[{i}].id"), x.id.clone())),
        text,
        file,
    )?;
    let mut providers = BTreeSet::new();
    for (i, p) in d.providers.iter().enumerate() {
        if !providers.insert((p.area.as_str(), p.service.as_str(), p.date)) {
            return Err(FormatError::new(
                file,
                None,
                format!("providers[{i}]"),
                format!("{} / {} on {} is given twice", p.area, p.service, p.date),
            ));
        }
    }
    Ok(())
}
