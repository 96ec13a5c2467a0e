//! The economics facts file (`format: styr-economics/1`), amounts in the unit the file names.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use styr_domain::economics::{
    ActionFollowUp, CorrectiveAction, EconomicFacts, EconomicLine, Equity, Grant, GrantKind, Investment, LineAmount, LineNote, Measure,
    MoneyUnit, ProviderCount, TargetedFund, Volume,
};
use styr_domain::validation::{FieldPath, ValidationError};
use styr_domain::{Amount, Period};

use crate::yaml::Locator;
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
    /// Åtgärdsplaner.
    #[serde(default)]
    actions: Vec<ActionDoc>,
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ActionDoc {
    id: String,
    year: i32,
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    line: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    goal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    effect_this_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    effect_next_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    followups: Vec<ActionFollowUp>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AmountsDoc {
    line: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    budget: BTreeMap<Period, f64>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    outcome: BTreeMap<Period, f64>,
    /// Deviation per period as published (computed from budget and outcome when left out).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    deviation: BTreeMap<Period, f64>,
    /// Full-year forecast per round id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    forecast: BTreeMap<String, f64>,
    /// Avvikelse prognos/budget per round id as published.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    forecast_deviation: BTreeMap<String, f64>,
    /// Avvikelse prognos/budget in percent per round id as published.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    forecast_deviation_percent: BTreeMap<String, f64>,
    /// Prognosförändring since the previous round, per round id, as published.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    forecast_change: BTreeMap<String, f64>,
    /// The row's comment per round id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    comment: BTreeMap<String, String>,
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

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct InvestmentDoc {
    id: String,
    #[serde(default)]
    number: Option<String>,
    name: String,
    year: i32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    org_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(default)]
    budget: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period_outcome: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    period: Option<Period>,
    #[serde(default)]
    outcome: Option<f64>,
    #[serde(default)]
    forecast: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
}

#[derive(Clone, Serialize, Deserialize)]
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

#[derive(Clone, Serialize, Deserialize)]
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

#[derive(Clone, Serialize, Deserialize)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    previous_outcome: Option<f64>,
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

/// The committee id the file is for, and its facts, checked with the domain's rules
/// ([`styr_domain::validation::economic_facts`]) and the amounts checked here.
pub fn parse(text: &str, file: &str) -> Result<(String, EconomicFacts), FormatError> {
    let d: Doc = yaml::from_str(text, file, FORMAT)?;
    let at = Locator { text, file };
    let u = d.unit;
    check_numbers(&d, &at)?;
    // Every amount passed `check_numbers` above, so the conversions below cannot fail.
    let amt = |v: f64| Amount::try_from_unit(v, u).expect("amount checked by check_numbers");
    let mut facts = EconomicFacts {
        lines: d.lines.clone(),
        amounts: Vec::new(),
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
            .iter()
            .cloned()
            .map(|x| Investment {
                id: x.id,
                number: x.number,
                name: x.name,
                year: x.year,
                org_unit: x.org_unit,
                category: x.category,
                budget: x.budget.map(amt),
                period_outcome: x.period_outcome.map(amt),
                period: x.period,
                outcome: x.outcome.map(amt),
                forecast: x.forecast.map(amt),
                comment: x.comment,
            })
            .collect(),
        grants: d
            .grants
            .iter()
            .cloned()
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
            .iter()
            .cloned()
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
            .iter()
            .cloned()
            .map(|v| Volume {
                id: v.id,
                name: v.name,
                unit: v.unit,
                year: v.year,
                round: v.round.unwrap_or_default(),
                org_unit: v.org_unit,
                group: v.group,
                previous_outcome: v.previous_outcome,
                commitment: v.commitment,
                outcome: v.outcome,
                forecast: v.forecast,
                comment: v.comment,
            })
            .collect(),
        providers: d
            .providers
            .iter()
            .map(|p| ProviderCount { area: p.area.clone(), service: p.service.clone(), date: p.date, private: p.private, own: p.own })
            .collect(),
        notes: Vec::new(),
        actions: d
            .actions
            .iter()
            .cloned()
            .map(|a| CorrectiveAction {
                id: a.id,
                year: a.year,
                title: a.title,
                description: a.description,
                org_unit: a.org_unit,
                line: a.line,
                goal: a.goal,
                effect_this_year: a.effect_this_year.map(amt),
                effect_next_year: a.effect_next_year.map(amt),
                followups: a.followups,
            })
            .collect(),
    };
    at.first(styr_domain::validation::economic_facts(&facts))?;
    (facts.amounts, facts.notes) = amounts(&d, &at)?;
    Ok((d.committee, facts))
}

/// Refuses references to organisation units, rounds and goals that the stored plans do not hold,
/// naming the file, line and field ([`styr_domain::validation::economic_references`]). `text` is
/// the file `facts` were parsed from.
pub fn check_references(text: &str, file: &str, facts: &EconomicFacts, plans: &[&styr_domain::Plan]) -> Result<(), FormatError> {
    let at = Locator { text, file };
    at.first(styr_domain::validation::economic_references(facts, plans))?;
    // Forecast rounds are given per line in the file.
    let d: Doc = yaml::from_str(text, file, FORMAT)?;
    for (i, a) in d.amounts.iter().enumerate() {
        let year = a.forecast_year.or_else(|| a.budget.keys().map(|p| p.year()).max());
        let Some(plan) = year.and_then(|y| plans.iter().find(|p| p.year == y)) else { continue };
        let maps = [
            ("forecast", a.forecast.keys().collect::<Vec<_>>()),
            ("forecast_deviation", a.forecast_deviation.keys().collect()),
            ("forecast_deviation_percent", a.forecast_deviation_percent.keys().collect()),
            ("forecast_change", a.forecast_change.keys().collect()),
            ("comment", a.comment.keys().filter(|r| !r.is_empty()).collect()),
        ];
        for (field, rounds) in maps {
            if let Some(r) = rounds.into_iter().find(|r| plan.round(r).is_none()) {
                let ids: Vec<&str> = plan.rounds.iter().map(|r| r.id.as_str()).collect();
                let path = FieldPath::root().key("amounts").index(i).key(field).key(r);
                return Err(at.at(&path, format!("no round `{r}` in the plan for {}; its rounds are {}", plan.year, ids.join(", "))));
            }
        }
    }
    Ok(())
}

/// The amounts of every line, each line given once (a total line's amounts are its published
/// values), and the lines' published percentages and comments per round.
fn amounts(d: &Doc, at: &Locator) -> Result<(Vec<LineAmount>, Vec<LineNote>), FormatError> {
    let amt = |v: f64| Amount::try_from_unit(v, d.unit).expect("amount checked by check_numbers");
    let root = FieldPath::root();
    let mut seen: BTreeMap<&str, FieldPath> = BTreeMap::new();
    let mut amounts = Vec::new();
    let mut notes = Vec::new();
    for (i, a) in d.amounts.iter().enumerate() {
        let path = root.key("amounts").index(i);
        if !d.lines.iter().any(|l| l.id == a.line) {
            return Err(at.at(&path.key("line"), format!("no line with id `{}` in lines", a.line)));
        }
        if let Some(first) = seen.insert(&a.line, path.key("line")) {
            let e = ValidationError::new(path.key("line"), format!("the amounts of `{}` are given twice; give them in one entry", a.line));
            return Err(at.error(e.with_related(first)));
        }
        for (measure, values) in [(Measure::Budget, &a.budget), (Measure::Outcome, &a.outcome), (Measure::Deviation, &a.deviation)] {
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
        let per_round = [
            ("forecast", Measure::Forecast, &a.forecast),
            ("forecast_deviation", Measure::ForecastDeviation, &a.forecast_deviation),
            ("forecast_change", Measure::ForecastChange, &a.forecast_change),
        ];
        for (field, measure, values) in per_round {
            for (round, v) in values {
                let Some(year) = forecast_year else {
                    return Err(at.at(&path.key(field), format!("`{field}` needs forecast_year or a budget")));
                };
                amounts.push(LineAmount {
                    line: a.line.clone(),
                    measure,
                    period: Period::Year(year),
                    round: round.clone(),
                    amount: amt(*v),
                    comment: None,
                });
            }
        }
        let mut rounds: Vec<&String> = a.forecast_deviation_percent.keys().chain(a.comment.keys()).collect();
        rounds.sort();
        rounds.dedup();
        for round in rounds {
            let Some(year) = forecast_year else {
                let field = if a.comment.contains_key(round) { "comment" } else { "forecast_deviation_percent" };
                return Err(at.at(&path.key(field), format!("`{field}` needs forecast_year or a budget")));
            };
            if let Some(p) = a.forecast_deviation_percent.get(round).filter(|p| !p.is_finite()) {
                return Err(at.at(&path.key("forecast_deviation_percent").key(round), format!("`{p}` is not a number")));
            }
            notes.push(LineNote {
                line: a.line.clone(),
                year,
                round: round.clone(),
                forecast_deviation_percent: a.forecast_deviation_percent.get(round).copied(),
                comment: a.comment.get(round).cloned(),
            });
        }
    }
    Ok((amounts, notes))
}

/// Every amount must be a finite number within what styr accepts; volumes must be finite.
fn check_numbers(d: &Doc, at: &Locator) -> Result<(), FormatError> {
    let money = |v: f64| Amount::try_from_unit(v, d.unit).is_ok();
    let root = FieldPath::root();
    let fail = |path: FieldPath, v: f64| {
        let why = Amount::try_from_unit(v, d.unit).err().map(|e| e.to_string()).unwrap_or_default();
        at.at(&path, why)
    };
    for (i, a) in d.amounts.iter().enumerate() {
        let path = root.key("amounts").index(i);
        let values = a
            .budget
            .iter()
            .map(|(p, v)| (path.key("budget").key(p), *v))
            .chain(a.outcome.iter().map(|(p, v)| (path.key("outcome").key(p), *v)))
            .chain(a.deviation.iter().map(|(p, v)| (path.key("deviation").key(p), *v)))
            .chain(a.forecast.iter().map(|(r, v)| (path.key("forecast").key(r), *v)))
            .chain(a.forecast_deviation.iter().map(|(r, v)| (path.key("forecast_deviation").key(r), *v)))
            .chain(a.forecast_change.iter().map(|(r, v)| (path.key("forecast_change").key(r), *v)));
        for (field, v) in values {
            if !money(v) {
                return Err(fail(field, v));
            }
        }
    }
    for (i, e) in d.equity.iter().enumerate() {
        for (name, v) in [("ib", e.ib), ("withdrawal", e.withdrawal), ("result", e.result), ("transfer", e.transfer), ("ub", e.ub)] {
            if !money(v) {
                return Err(fail(root.key("equity").index(i).key(name), v));
            }
        }
    }
    for (i, x) in d.investments.iter().enumerate() {
        for (name, v) in [("budget", x.budget), ("period_outcome", x.period_outcome), ("outcome", x.outcome), ("forecast", x.forecast)] {
            if let Some(v) = v.filter(|v| !money(*v)) {
                return Err(fail(root.key("investments").index(i).key(name), v));
            }
        }
    }
    for (i, g) in d.grants.iter().enumerate() {
        for (name, v) in [("received", Some(g.received)), ("cost", Some(g.cost)), ("in_budget", g.in_budget)] {
            if let Some(v) = v.filter(|v| !money(*v)) {
                return Err(fail(root.key("grants").index(i).key(name), v));
            }
        }
    }
    for (i, f) in d.targeted_funds.iter().enumerate() {
        for (name, v) in [("budget", Some(f.budget)), ("outcome", f.outcome)] {
            if let Some(v) = v.filter(|v| !money(*v)) {
                return Err(fail(root.key("targeted_funds").index(i).key(name), v));
            }
        }
    }
    for (i, v) in d.volumes.iter().enumerate() {
        for (name, x) in
            [("previous_outcome", v.previous_outcome), ("commitment", v.commitment), ("outcome", v.outcome), ("forecast", v.forecast)]
        {
            if let Some(x) = x.filter(|x| !x.is_finite()) {
                return Err(at.at(&root.key("volumes").index(i).key(name), format!("`{x}` is not a number")));
            }
        }
    }
    for (i, a) in d.actions.iter().enumerate() {
        for (name, v) in [("effect_this_year", a.effect_this_year), ("effect_next_year", a.effect_next_year)] {
            if let Some(v) = v.filter(|v| !money(*v)) {
                return Err(fail(root.key("actions").index(i).key(name), v));
            }
        }
    }
    Ok(())
}
