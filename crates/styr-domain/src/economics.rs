//! Economics: report lines with budget, outcome and forecast amounts; ledger records;
//! equity, investments, grants, targeted funds, volumes and provider counts.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::Period;

/// An amount of money in öre. Reports show it in kr, tkr or mnkr; the unit is a presentation choice.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Amount(pub i64);

impl Amount {
    pub const ZERO: Amount = Amount(0);

    pub fn from_ore(ore: i64) -> Self {
        Amount(ore)
    }
    pub fn ore(self) -> i64 {
        self.0
    }
    /// The largest amount styr accepts as input: a million mnkr. Sums of many such amounts stay far
    /// inside `i64` öre.
    pub const MAX_INPUT_KRONOR: f64 = 1e12;

    /// Converts a number given in `unit` to an amount, rounding to whole öre; `None` for a value that
    /// is not finite or is beyond ± [`Self::MAX_INPUT_KRONOR`].
    pub fn try_from_unit(value: f64, unit: MoneyUnit) -> Option<Self> {
        let kronor = value * (unit.ore_per_unit() / 100) as f64;
        (value.is_finite() && kronor.abs() <= Self::MAX_INPUT_KRONOR).then(|| Amount((value * unit.ore_per_unit() as f64).round() as i64))
    }

    /// Like [`Self::try_from_unit`] for values known to be in range (constants, tests); out-of-range
    /// values saturate.
    pub fn from_unit(value: f64, unit: MoneyUnit) -> Self {
        Self::try_from_unit(value, unit).unwrap_or(Amount((value * unit.ore_per_unit() as f64) as i64))
    }
    /// Parses a decimal amount in kronor exactly (`-41000.00`, `1 234,5`), at most two decimals.
    pub fn parse_kronor(text: &str) -> Option<Amount> {
        let t: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).map(|c| if c == ',' { '.' } else { c }).collect();
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(&t)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || frac.len() > 2 {
            return None;
        }
        let int: i64 = if int.is_empty() { 0 } else { int.parse().ok()? };
        let frac: i64 = format!("{frac:0<2}").parse().ok()?;
        let ore = int.checked_mul(100)?.checked_add(frac)?;
        Some(Amount(if neg { -ore } else { ore }))
    }

    /// The amount expressed in `unit`.
    pub fn in_unit(self, unit: MoneyUnit) -> f64 {
        self.0 as f64 / unit.ore_per_unit() as f64
    }
}

impl std::ops::Add for Amount {
    type Output = Amount;
    fn add(self, o: Amount) -> Amount {
        Amount(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Amount {
    type Output = Amount;
    fn sub(self, o: Amount) -> Amount {
        Amount(self.0.saturating_sub(o.0))
    }
}

impl std::ops::Neg for Amount {
    type Output = Amount;
    fn neg(self) -> Amount {
        Amount(self.0.saturating_neg())
    }
}

impl std::iter::Sum for Amount {
    fn sum<I: Iterator<Item = Amount>>(iter: I) -> Amount {
        Amount(iter.fold(0i64, |sum, a| sum.saturating_add(a.0)))
    }
}

/// The money unit a report or file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MoneyUnit {
    Kr,
    Tkr,
    Mnkr,
}

impl MoneyUnit {
    pub fn ore_per_unit(self) -> i64 {
        match self {
            MoneyUnit::Kr => 100,
            MoneyUnit::Tkr => 100_000,
            MoneyUnit::Mnkr => 100_000_000,
        }
    }
}

impl fmt::Display for MoneyUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MoneyUnit::Kr => "kr",
            MoneyUnit::Tkr => "tkr",
            MoneyUnit::Mnkr => "mnkr",
        })
    }
}

/// How a line's amounts are signed, which decides how a deviation is computed so that a
/// positive deviation always means better than budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Revenues positive, costs negative (resultaträkning): deviation = outcome − budget.
    Signed,
    /// Net cost given as a positive number (per verksamhet): deviation = budget − outcome.
    NetCost,
}

impl LineKind {
    pub fn as_str(self) -> &'static str {
        match self {
            LineKind::Signed => "signed",
            LineKind::NetCost => "net_cost",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "signed" => Some(LineKind::Signed),
            "net_cost" => Some(LineKind::NetCost),
            _ => None,
        }
    }
    pub fn deviation(self, budget: Amount, outcome: Amount) -> Amount {
        match self {
            LineKind::Signed => outcome - budget,
            LineKind::NetCost => budget - outcome,
        }
    }
}

/// A row of an economic table (a cost type of the driftredovisning, a verksamhet …).
/// A row with `sum_of` is computed from other rows of the same table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EconomicLine {
    pub id: String,
    /// Which table the line belongs to, e.g. `drift` or `verksamhet`.
    pub table: String,
    pub label: String,
    #[serde(default = "signed")]
    pub kind: LineKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sum_of: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
}

fn signed() -> LineKind {
    LineKind::Signed
}

/// What an amount is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    Budget,
    Outcome,
    /// Full-year forecast made in a report round.
    Forecast,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Budget => "budget",
            Measure::Outcome => "outcome",
            Measure::Forecast => "forecast",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "budget" => Some(Measure::Budget),
            "outcome" => Some(Measure::Outcome),
            "forecast" => Some(Measure::Forecast),
            _ => None,
        }
    }
}

/// One amount of a line: budget or outcome for a period, or the forecast made in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineAmount {
    pub line: String,
    pub measure: Measure,
    pub period: Period,
    /// The round a forecast was made in (empty for budget and outcome).
    #[serde(default)]
    pub round: String,
    pub amount: Amount,
    /// Why a forecast changed or was overridden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Eget kapital for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Equity {
    pub year: i32,
    pub ib: Amount,
    /// Uttag ur eget kapital.
    pub withdrawal: Amount,
    /// Balansresultat / budgetavvikelse.
    pub result: Amount,
    /// Resultatöverföring.
    pub transfer: Amount,
    pub ub: Amount,
}

/// An investment project's figures for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Investment {
    pub id: String,
    pub number: Option<String>,
    pub name: String,
    pub year: i32,
    pub org_unit: Option<String>,
    pub budget: Option<Amount>,
    pub outcome: Option<Amount>,
    pub forecast: Option<Amount>,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GrantKind {
    Riktat,
    Prestationsbaserat,
    Generellt,
    Annat,
}

impl GrantKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GrantKind::Riktat => "riktat",
            GrantKind::Prestationsbaserat => "prestationsbaserat",
            GrantKind::Generellt => "generellt",
            GrantKind::Annat => "annat",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "riktat" => Some(GrantKind::Riktat),
            "prestationsbaserat" => Some(GrantKind::Prestationsbaserat),
            "generellt" => Some(GrantKind::Generellt),
            "annat" => Some(GrantKind::Annat),
            _ => None,
        }
    }
}

/// A state grant or other external funding for a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grant {
    pub id: String,
    pub name: String,
    pub kind: GrantKind,
    pub payer: Option<String>,
    pub year: i32,
    pub received: Amount,
    pub cost: Amount,
    /// "Inräknat i budget": how much of the grant the budget counted on.
    pub in_budget: Option<Amount>,
    /// Linked nämndmål.
    pub goal: Option<String>,
    pub comment: Option<String>,
    /// The organisation node the grant finances (`None`: the nämnd as a whole).
    pub org_unit: Option<String>,
}

impl Grant {
    pub fn net(&self) -> Amount {
        self.received - self.cost
    }
}

/// Särskild satsning: targeted funds with budget and outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetedFund {
    pub id: String,
    pub name: String,
    pub year: i32,
    pub budget: Amount,
    pub outcome: Option<Amount>,
    pub comment: Option<String>,
    pub org_unit: Option<String>,
}

/// A volume (platser, hemtjänsttimmar, dygn): åtagande, utfall, prognos.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Volume {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub year: i32,
    /// The report round the figures are for; empty for the year as a whole.
    pub round: String,
    pub org_unit: Option<String>,
    pub commitment: Option<f64>,
    pub outcome: Option<f64>,
    pub forecast: Option<f64>,
    pub comment: Option<String>,
}

/// Number of providers of a service on a date, private and in own regi.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProviderCount {
    pub area: String,
    pub service: String,
    pub date: NaiveDate,
    pub private: u32,
    pub own: u32,
}

/// An account of the chart of accounts (Kommun-Bas).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub number: String,
    pub name: String,
    /// T (tillgång), S (skuld), K (kostnad), I (intäkt) as in SIE #KTYP.
    pub kind: Option<char>,
}

/// A cost centre (kostnadsställe / ansvar), mapped to a node of the organisation tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CostCentre {
    pub code: String,
    pub name: String,
    pub org_unit: Option<String>,
}

/// A monthly ledger balance or budget per account and cost centre, as imported from SIE or CSV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerAmount {
    pub year: i32,
    pub month: u32,
    pub account: String,
    pub cost_centre: String,
    pub measure: Measure,
    pub amount: Amount,
}

/// A full-year forecast made in a report round for one report row of one organisation node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub year: i32,
    pub round: String,
    pub org_unit: String,
    pub row: String,
    pub amount: Amount,
    /// How it was made: `manual`, or the proposal method that produced it.
    pub method: String,
    /// Why: required when a controller overrides a proposal.
    pub comment: Option<String>,
}

/// All economic facts of one committee, as held in an economics file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EconomicFacts {
    pub lines: Vec<EconomicLine>,
    pub amounts: Vec<LineAmount>,
    pub equity: Vec<Equity>,
    pub investments: Vec<Investment>,
    pub grants: Vec<Grant>,
    pub targeted_funds: Vec<TargetedFund>,
    pub volumes: Vec<Volume>,
    pub providers: Vec<ProviderCount>,
}

impl EconomicFacts {
    /// Every year the facts hold a figure for (amount periods, equity, investments, grants,
    /// targeted funds, volumes, provider counts): the years an import of them replaces.
    pub fn years(&self) -> std::collections::BTreeSet<i32> {
        use chrono::Datelike;
        let amounts = self.amounts.iter().map(|a| a.period.year());
        let equity = self.equity.iter().map(|e| e.year);
        let investments = self.investments.iter().map(|i| i.year);
        let grants = self.grants.iter().map(|g| g.year);
        let funds = self.targeted_funds.iter().map(|f| f.year);
        let volumes = self.volumes.iter().map(|v| v.year);
        let providers = self.providers.iter().map(|p| p.date.year());
        amounts.chain(equity).chain(investments).chain(grants).chain(funds).chain(volumes).chain(providers).collect()
    }

    /// Amounts of one line by (measure, period, round).
    pub fn amounts_of(&self, line: &str) -> BTreeMap<(Measure, Period, &str), Amount> {
        self.amounts.iter().filter(|a| a.line == line).map(|a| ((a.measure, a.period, a.round.as_str()), a.amount)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_convert_between_units() {
        let a = Amount::from_unit(1_402_123.0, MoneyUnit::Tkr);
        assert_eq!(a.ore(), 140_212_300_000);
        assert_eq!(a.in_unit(MoneyUnit::Mnkr), 1402.123);
        assert_eq!(Amount::from_unit(53.3, MoneyUnit::Mnkr).in_unit(MoneyUnit::Tkr), 53_300.0);
    }

    #[test]
    fn out_of_range_input_is_refused_and_sums_saturate() {
        assert_eq!(Amount::try_from_unit(f64::NAN, MoneyUnit::Tkr), None);
        assert_eq!(Amount::try_from_unit(f64::INFINITY, MoneyUnit::Kr), None);
        assert_eq!(Amount::try_from_unit(2e9, MoneyUnit::Tkr), None, "two million mnkr");
        assert_eq!(Amount::try_from_unit(-1e9, MoneyUnit::Tkr), Some(Amount(-100_000_000_000_000)));
        assert_eq!(Amount(i64::MAX) + Amount(1), Amount(i64::MAX));
        assert_eq!([Amount(i64::MIN), Amount(-1)].into_iter().sum::<Amount>(), Amount(i64::MIN));
    }

    #[test]
    fn kronor_parse_exactly() {
        assert_eq!(Amount::parse_kronor("-41000.00"), Some(Amount(-4_100_000)));
        assert_eq!(Amount::parse_kronor("1 234,5"), Some(Amount(123_450)));
        assert_eq!(Amount::parse_kronor("0.07"), Some(Amount(7)));
        assert_eq!(Amount::parse_kronor(".5"), Some(Amount(50)));
        assert_eq!(Amount::parse_kronor("1.234"), None);
        assert_eq!(Amount::parse_kronor("12a"), None);
        assert_eq!(Amount::parse_kronor("-"), None);
        assert_eq!(Amount::parse_kronor("99999999999999999999"), None);
    }

    #[test]
    fn deviation_is_positive_when_better_than_budget() {
        let t = |v| Amount::from_unit(v, MoneyUnit::Tkr);
        // Costs are negative in a signed table: spending less than budget is positive.
        assert_eq!(LineKind::Signed.deviation(t(-876_122.0), t(-881_965.0)), t(-5_843.0));
        assert_eq!(LineKind::Signed.deviation(t(968_820.0), t(1_003_233.0)), t(34_413.0));
        // Net costs are positive: spending less is positive.
        assert_eq!(LineKind::NetCost.deviation(t(1_054.0), t(563.0)), t(491.0));
    }
}
