//! Economics: report lines with budget, outcome and forecast amounts; ledger records;
//! equity, investments, grants, targeted funds, volumes and provider counts.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::period::Period;

/// An amount of money in öre. Reports show it in kr, tkr or mnkr; the unit is a presentation choice.
///
/// # Input bound
/// Money that comes from outside (a `--amount` argument, an economics file, a ledger CSV, a SIE file)
/// must be a finite number within **± 10¹² kr** ([`Amount::MAX_INPUT_ORE`] = 10¹⁴ öre, a million
/// mnkr). NaN, infinities and anything larger are refused with an [`AmountError`] that the caller
/// turns into a message naming the field. Why this bound:
/// * it is far above any real figure of a municipal committee: Sweden's whole state budget is about
///   1,3 · 10¹² kr a year, the largest municipality's gross costs about 6 · 10¹⁰ kr, a nämnd's at most
///   about 10¹⁰ kr;
/// * `i64::MAX` öre is about 9,2 · 10¹⁸, so at least 92 233 amounts at the bound add up without
///   overflow, and a real ledger (amounts a million times smaller) can have billions of rows;
/// * 10¹⁴ is below 2⁵³, so every amount within the bound is exact as an `f64` (used for unit
///   conversion and percentages).
///
/// # Checked arithmetic
/// There is no `+`, `-` or `Sum` on amounts: [`Amount::try_add`], [`Amount::try_sub`],
/// [`Amount::try_neg`] and [`Amount::try_sum`] return [`AmountError::Overflow`] when a result does not
/// fit in `i64` öre, so a sum is never wrapped or saturated. Computed values (sums, forecasts) may
/// exceed the input bound; they only have to fit in `i64`.
///
/// Read from serde (a JSON request, say) it is an input: öre within ± [`Amount::MAX_INPUT_ORE`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Amount(i64);

impl TryFrom<i64> for Amount {
    type Error = AmountError;
    fn try_from(ore: i64) -> Result<Self, AmountError> {
        Amount::try_from_ore(ore)
    }
}

impl From<Amount> for i64 {
    fn from(a: Amount) -> i64 {
        a.0
    }
}

/// Why a number is not an amount, or why a sum of amounts cannot be formed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    /// NaN or an infinity (`NaN`, `inf`, `-inf`).
    #[error("{0} is not an amount")]
    NotFinite(String),
    /// A finite input beyond ± [`Amount::MAX_INPUT_ORE`]; the value as given, with its unit.
    #[error("{0} is beyond ±1 000 000 000 000 kr (a million mnkr), the largest amount styr accepts")]
    OutOfRange(String),
    /// Text that is not an amount in kronor.
    #[error("`{0}` is not an amount in kronor (digits with at most two decimals, e.g. -41000.00 or 1 234,5)")]
    Malformed(String),
    /// A sum, difference or computed amount beyond what `i64` öre holds; names what was computed
    /// when the caller said (see [`AmountError::in_computing`]).
    #[error("{} is beyond ±92 233 720 368 547 758,07 kr, more than styr can hold", .0.as_deref().unwrap_or("a sum of amounts"))]
    Overflow(Option<String>),
}

impl AmountError {
    /// Names what was being computed when a sum overflowed (other errors are returned as they are).
    pub fn in_computing(self, what: impl Into<String>) -> AmountError {
        match self {
            AmountError::Overflow(_) => AmountError::Overflow(Some(what.into())),
            other => other,
        }
    }
}

/// `1e300` rather than three hundred digits.
fn show_f64(v: f64) -> String {
    if v.is_finite() && v.abs() >= 1e15 { format!("{v:e}") } else { format!("{v}") }
}

impl Amount {
    pub const ZERO: Amount = Amount(0);

    /// The largest input amount in öre: 10¹² kr (a million mnkr). See the type's documentation.
    pub const MAX_INPUT_ORE: i64 = 100_000_000_000_000;

    /// Any `i64` öre: for stored and computed values. Input goes through [`Self::try_from_ore`].
    pub fn from_ore(ore: i64) -> Self {
        Amount(ore)
    }
    pub fn ore(self) -> i64 {
        self.0
    }

    /// An input amount in öre, refused beyond ± [`Self::MAX_INPUT_ORE`].
    pub fn try_from_ore(ore: i64) -> Result<Self, AmountError> {
        if ore.unsigned_abs() > Self::MAX_INPUT_ORE as u64 {
            return Err(AmountError::OutOfRange(format!("{} kr", Amount(ore).kronor_text())));
        }
        Ok(Amount(ore))
    }

    /// Converts an input number given in `unit`, rounding to whole öre; refuses NaN, infinities and
    /// values beyond ± [`Self::MAX_INPUT_ORE`].
    pub fn try_from_unit(value: f64, unit: MoneyUnit) -> Result<Self, AmountError> {
        if !value.is_finite() {
            return Err(AmountError::NotFinite(show_f64(value)));
        }
        let ore = (value * unit.ore_per_unit() as f64).round();
        if ore.abs() > Self::MAX_INPUT_ORE as f64 {
            return Err(AmountError::OutOfRange(format!("{} {unit}", show_f64(value))));
        }
        Ok(Amount(ore as i64))
    }

    /// A computed amount given as a (fractional) number of öre, rounded; refused when it is not
    /// finite or does not fit in `i64` (never saturated).
    pub fn try_from_ore_f64(ore: f64) -> Result<Self, AmountError> {
        if !ore.is_finite() {
            return Err(AmountError::NotFinite(show_f64(ore)));
        }
        let ore = ore.round();
        // i64::MAX as f64 rounds up to 2^63, which does not fit; -2^63 does.
        const TWO_63: f64 = 9_223_372_036_854_775_808.0;
        if !(-TWO_63..TWO_63).contains(&ore) {
            return Err(AmountError::Overflow(None));
        }
        Ok(Amount(ore as i64))
    }

    /// Parses a decimal amount in kronor exactly (`-41000.00`, `1 234,5`), at most two decimals,
    /// within ± [`Self::MAX_INPUT_ORE`].
    pub fn parse_kronor(text: &str) -> Result<Amount, AmountError> {
        let malformed = || AmountError::Malformed(text.trim().to_string());
        let t: String = text.trim().chars().filter(|c| !matches!(c, ' ' | '\u{a0}')).map(|c| if c == ',' { '.' } else { c }).collect();
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(&t)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) || frac.len() > 2 {
            return Err(malformed());
        }
        let too_large = || AmountError::OutOfRange(format!("{} kr", text.trim()));
        let mut ore: i128 = 0;
        for d in int.bytes().chain(format!("{frac:0<2}").bytes()) {
            ore = ore * 10 + i128::from(d - b'0');
            if ore > i128::from(Self::MAX_INPUT_ORE) {
                return Err(too_large());
            }
        }
        let ore = ore as i64; // at most MAX_INPUT_ORE
        Ok(Amount(if neg { -ore } else { ore }))
    }

    /// The amount expressed in `unit`.
    pub fn in_unit(self, unit: MoneyUnit) -> f64 {
        self.0 as f64 / unit.ore_per_unit() as f64
    }

    /// `self + other`, or [`AmountError::Overflow`].
    pub fn try_add(self, other: Amount) -> Result<Amount, AmountError> {
        self.0.checked_add(other.0).map(Amount).ok_or(AmountError::Overflow(None))
    }

    /// `self - other`, or [`AmountError::Overflow`].
    pub fn try_sub(self, other: Amount) -> Result<Amount, AmountError> {
        self.0.checked_sub(other.0).map(Amount).ok_or(AmountError::Overflow(None))
    }

    /// `-self`, or [`AmountError::Overflow`] (only for `i64::MIN` öre).
    pub fn try_neg(self) -> Result<Amount, AmountError> {
        self.0.checked_neg().map(Amount).ok_or(AmountError::Overflow(None))
    }

    /// The sum of `amounts`, or [`AmountError::Overflow`].
    pub fn try_sum<I: IntoIterator<Item = Amount>>(amounts: I) -> Result<Amount, AmountError> {
        amounts.into_iter().try_fold(Amount::ZERO, Amount::try_add)
    }

    /// Kronor with two decimals and a decimal point (`-41000.07`), exact.
    fn kronor_text(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
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
    /// The deviation, positive when better than budget; [`AmountError::Overflow`] when it does not fit.
    pub fn deviation(self, budget: Amount, outcome: Amount) -> Result<Amount, AmountError> {
        match self {
            LineKind::Signed => outcome.try_sub(budget),
            LineKind::NetCost => budget.try_sub(outcome),
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
    /// A deviation for a period as published (typed, not computed), e.g. avvikelse jan–aug.
    Deviation,
    /// Avvikelse prognos/budget as published for a round.
    ForecastDeviation,
    /// Prognosförändring since the previous round as published.
    ForecastChange,
}

impl Measure {
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Budget => "budget",
            Measure::Outcome => "outcome",
            Measure::Forecast => "forecast",
            Measure::Deviation => "deviation",
            Measure::ForecastDeviation => "forecast_deviation",
            Measure::ForecastChange => "forecast_change",
        }
    }
    /// Whether the measure belongs to a report round (forecasts and what is derived from them)
    /// rather than to a period.
    pub fn is_per_round(self) -> bool {
        matches!(self, Measure::Forecast | Measure::ForecastDeviation | Measure::ForecastChange)
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "budget" => Some(Measure::Budget),
            "outcome" => Some(Measure::Outcome),
            "forecast" => Some(Measure::Forecast),
            "deviation" => Some(Measure::Deviation),
            "forecast_deviation" => Some(Measure::ForecastDeviation),
            "forecast_change" => Some(Measure::ForecastChange),
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

/// What a report says about a line in a round beside its amounts: the deviation of the forecast
/// from budget in percent as published, and the row's comment. Both optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LineNote {
    pub line: String,
    pub year: i32,
    /// The round (empty: the year as a whole).
    #[serde(default)]
    pub round: String,
    /// Avvikelse prognos/budget in percent as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast_deviation_percent: Option<f64>,
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
    /// The category the project is listed under (reinvestering, nyinvestering, inventarier …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    pub budget: Option<Amount>,
    /// Utfall for a part of the year (e.g. jan–aug), with `period`; distinct from `outcome`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_outcome: Option<Amount>,
    /// The period `period_outcome` covers (a year to date such as `2024-08`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Utfall for the whole year.
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
    /// Received − cost.
    pub fn net(&self) -> Result<Amount, AmountError> {
        self.received.try_sub(self.cost)
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
    /// A grouping heading (verksamhetsområde); need not be an organisation node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The previous year's utfall for the same period, without a plan for that year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_outcome: Option<f64>,
    pub commitment: Option<f64>,
    pub outcome: Option<f64>,
    pub forecast: Option<f64>,
    pub comment: Option<String>,
}

/// An åtgärd of an åtgärdsplan: a measure the committee adopts where economics or a goal deviates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CorrectiveAction {
    pub id: String,
    pub year: i32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The organisation node responsible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
    /// The economics line whose deviation it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// The goal whose deviation it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Expected effect this year (positive = better result).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect_this_year: Option<Amount>,
    /// Expected effect next year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect_next_year: Option<Amount>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub followups: Vec<ActionFollowUp>,
}

/// An åtgärd's status and comment in a report round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionFollowUp {
    pub round: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<crate::commission::WorkStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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

/// A published total that differs from the sum of its parts by more than their rounding.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalDifference {
    pub line: String,
    pub label: String,
    pub measure: Measure,
    pub period: Period,
    pub round: String,
    pub published: Amount,
    pub sum: Amount,
    /// The number of rounded rows summed.
    pub rows: u32,
}

impl TotalDifference {
    /// The difference in Swedish, in tkr (the unit the tables print), e.g. `Verksamhetens
    /// nettokostnad: publicerad budget 2025 -68 002 tkr avviker från summan av delarna -68 000 tkr med
    /// -2 tkr, mer än avrundningen (en halv tkr per rad, 3 rader)`.
    pub fn describe(&self) -> String {
        let tkr = |a: Amount| crate::format_sv::amount(a, MoneyUnit::Tkr, 0);
        let measure = match self.measure {
            Measure::Budget => "budget",
            Measure::Outcome => "utfall",
            Measure::Forecast => "prognos",
            Measure::Deviation => "avvikelse",
            Measure::ForecastDeviation => "avvikelse prognos/budget",
            Measure::ForecastChange => "prognosförändring",
        };
        let when = if self.round.is_empty() { self.period.to_string() } else { format!("{} {}", self.period, self.round) };
        let diff = self.published.try_sub(self.sum).map(tkr).unwrap_or_default();
        format!(
            "{}: publicerad {measure} {when} {} tkr avviker från summan av delarna {} tkr med {diff} tkr, mer än avrundningen (en halv tkr per rad, {} rader)",
            self.label,
            tkr(self.published),
            tkr(self.sum),
            self.rows
        )
    }
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
    /// Published percentages and comments per line and round.
    #[serde(default)]
    pub notes: Vec<LineNote>,
    /// Åtgärdsplaner.
    #[serde(default)]
    pub actions: Vec<CorrectiveAction>,
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
        let notes = self.notes.iter().map(|n| n.year);
        let actions = self.actions.iter().map(|a| a.year);
        amounts
            .chain(equity)
            .chain(investments)
            .chain(grants)
            .chain(funds)
            .chain(volumes)
            .chain(providers)
            .chain(notes)
            .chain(actions)
            .collect()
    }

    /// A line's value: the amount stored for it (for a total line, its published value), else, for a
    /// total line, the sum of its parts' values. `None` when nothing is stored and a part has no
    /// value: missing is not zero. `round` is empty for budget, outcome and deviation.
    pub fn line_value(&self, line: &str, measure: Measure, period: Period, round: &str) -> Result<Option<Amount>, AmountError> {
        if let Some(a) = self.stored_amount(line, measure, period, round) {
            return Ok(Some(a));
        }
        self.sum_of_parts(line, measure, period, round).map(|s| s.map(|(sum, _)| sum))
    }

    fn stored_amount(&self, line: &str, measure: Measure, period: Period, round: &str) -> Option<Amount> {
        self.amounts.iter().find(|a| a.line == line && a.measure == measure && a.period == period && a.round == round).map(|a| a.amount)
    }

    /// The sum of a total line's parts (each part's value, published or summed) and the number of
    /// rounded rows behind it; `None` for a line without parts or when a part has no value.
    pub fn sum_of_parts(&self, line: &str, measure: Measure, period: Period, round: &str) -> Result<Option<(Amount, u32)>, AmountError> {
        let Some(l) = self.lines.iter().find(|l| l.id == line) else { return Ok(None) };
        if l.sum_of.is_empty() {
            return Ok(None);
        }
        let (mut total, mut rows) = (Amount::ZERO, 0u32);
        for part in &l.sum_of {
            let (value, n) = match self.stored_amount(part, measure, period, round) {
                Some(a) => (a, 1),
                None => match self.sum_of_parts(part, measure, period, round)? {
                    Some(x) => x,
                    None => return Ok(None),
                },
            };
            total = total.try_add(value).map_err(|e| e.in_computing(format!("the {} of {} for {period}", measure.as_str(), l.label)))?;
            rows += n;
        }
        Ok(Some((total, rows)))
    }

    /// Total lines whose published value differs from the sum of their parts by more than the
    /// parts' rounding: half a `unit` (the unit the parts were published in) per summed row.
    pub fn total_differences(&self, unit: MoneyUnit) -> Result<Vec<TotalDifference>, AmountError> {
        let mut out = Vec::new();
        for a in &self.amounts {
            let Some(line) = self.lines.iter().find(|l| l.id == a.line && !l.sum_of.is_empty()) else { continue };
            let Some((sum, rows)) = self.sum_of_parts(&line.id, a.measure, a.period, &a.round)? else { continue };
            let difference = a.amount.try_sub(sum)?;
            let tolerance = i64::from(rows) * unit.ore_per_unit() / 2;
            if difference.ore().unsigned_abs() > tolerance.unsigned_abs() {
                out.push(TotalDifference {
                    line: line.id.clone(),
                    label: line.label.clone(),
                    measure: a.measure,
                    period: a.period,
                    round: a.round.clone(),
                    published: a.amount,
                    sum,
                    rows,
                });
            }
        }
        Ok(out)
    }

    /// Amounts of one line by (measure, period, round).
    pub fn amounts_of(&self, line: &str) -> BTreeMap<(Measure, Period, &str), Amount> {
        self.amounts.iter().filter(|a| a.line == line).map(|a| ((a.measure, a.period, a.round.as_str()), a.amount)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tkr(v: f64) -> Amount {
        Amount::try_from_unit(v, MoneyUnit::Tkr).unwrap()
    }

    #[test]
    fn amounts_convert_between_units() {
        let a = tkr(1_402_123.0);
        assert_eq!(a.ore(), 140_212_300_000);
        assert_eq!(a.in_unit(MoneyUnit::Mnkr), 1402.123);
        assert_eq!(Amount::try_from_unit(53.3, MoneyUnit::Mnkr).unwrap().in_unit(MoneyUnit::Tkr), 53_300.0);
    }

    #[test]
    fn nan_infinities_and_huge_inputs_are_refused() {
        let err = |v: f64, u| Amount::try_from_unit(v, u).unwrap_err().to_string();
        assert_eq!(err(f64::NAN, MoneyUnit::Tkr), "NaN is not an amount");
        assert_eq!(err(f64::INFINITY, MoneyUnit::Kr), "inf is not an amount");
        assert_eq!(err(f64::NEG_INFINITY, MoneyUnit::Kr), "-inf is not an amount");
        assert_eq!(
            err(1e300, MoneyUnit::Tkr),
            "1e300 tkr is beyond ±1 000 000 000 000 kr (a million mnkr), the largest amount styr accepts"
        );
        assert!(err(2e9, MoneyUnit::Tkr).starts_with("2000000000 tkr is beyond"), "two million mnkr");
        // The bound itself is accepted, one öre more is not.
        assert_eq!(Amount::try_from_unit(-1e9, MoneyUnit::Tkr), Ok(Amount(-Amount::MAX_INPUT_ORE)));
        assert_eq!(Amount::try_from_unit(1e6, MoneyUnit::Mnkr), Ok(Amount(Amount::MAX_INPUT_ORE)));
        assert!(Amount::try_from_unit(1_000_000_000_000.01, MoneyUnit::Kr).is_err());
        assert_eq!(Amount::try_from_ore(Amount::MAX_INPUT_ORE), Ok(Amount(Amount::MAX_INPUT_ORE)));
        assert_eq!(Amount::try_from_ore(-Amount::MAX_INPUT_ORE - 1).unwrap_err(), AmountError::OutOfRange("-1000000000000.01 kr".into()));
        assert!(Amount::try_from_ore(i64::MIN).is_err());
    }

    #[test]
    fn sums_are_checked_never_saturated() {
        assert_eq!(Amount(i64::MAX).try_add(Amount(1)), Err(AmountError::Overflow(None)));
        assert_eq!(Amount(i64::MIN).try_sub(Amount(1)), Err(AmountError::Overflow(None)));
        assert_eq!(Amount(i64::MIN).try_neg(), Err(AmountError::Overflow(None)));
        assert_eq!(Amount::try_sum([Amount(i64::MIN), Amount(-1)]), Err(AmountError::Overflow(None)));
        assert_eq!(Amount::try_sum([Amount(i64::MAX), Amount(1), Amount(-1)]), Err(AmountError::Overflow(None)), "no wrap-around");
        assert_eq!(Amount::try_sum([Amount(5), Amount(-7)]), Ok(Amount(-2)));
        assert_eq!(Amount::try_sum([]), Ok(Amount::ZERO));
        // 92 233 amounts at the bound still add up.
        assert!(Amount::try_sum(std::iter::repeat_n(Amount(Amount::MAX_INPUT_ORE), 92_233)).is_ok());
        assert!(Amount::try_sum(std::iter::repeat_n(Amount(Amount::MAX_INPUT_ORE), 92_234)).is_err());
        let e = Amount(i64::MAX).try_add(Amount(1)).unwrap_err();
        assert_eq!(e.to_string(), "a sum of amounts is beyond ±92 233 720 368 547 758,07 kr, more than styr can hold");
        assert_eq!(
            e.in_computing("the budget of row personal").to_string(),
            "the budget of row personal is beyond ±92 233 720 368 547 758,07 kr, more than styr can hold"
        );
        assert_eq!(LineKind::Signed.deviation(Amount(i64::MIN), Amount(1)), Err(AmountError::Overflow(None)));
    }

    #[test]
    fn an_amount_read_from_json_is_an_input_and_bounded() {
        assert_eq!(serde_json::from_str::<Amount>("12345").unwrap(), Amount::from_ore(12345));
        assert!(serde_json::from_str::<Amount>("100000000000001").unwrap_err().to_string().contains("beyond"));
        assert_eq!(serde_json::to_string(&Amount::from_ore(-5)).unwrap(), "-5");
    }

    #[test]
    fn computed_floats_convert_without_saturating() {
        assert_eq!(Amount::try_from_ore_f64(1234.5), Ok(Amount(1235)));
        assert_eq!(Amount::try_from_ore_f64(-9.223372036854775e18), Ok(Amount(-9_223_372_036_854_774_784)));
        assert_eq!(Amount::try_from_ore_f64(9.3e18), Err(AmountError::Overflow(None)));
        assert_eq!(Amount::try_from_ore_f64(i64::MAX as f64), Err(AmountError::Overflow(None)));
        assert_eq!(Amount::try_from_ore_f64(f64::NAN), Err(AmountError::NotFinite("NaN".into())));
    }

    #[test]
    fn kronor_parse_exactly() {
        assert_eq!(Amount::parse_kronor("-41000.00"), Ok(Amount(-4_100_000)));
        assert_eq!(Amount::parse_kronor("1 234,5"), Ok(Amount(123_450)));
        assert_eq!(Amount::parse_kronor("0.07"), Ok(Amount(7)));
        assert_eq!(Amount::parse_kronor(".5"), Ok(Amount(50)));
        assert_eq!(Amount::parse_kronor("1000000000000"), Ok(Amount(Amount::MAX_INPUT_ORE)));
        assert_eq!(Amount::parse_kronor("1.234"), Err(AmountError::Malformed("1.234".into())));
        assert_eq!(Amount::parse_kronor("12a"), Err(AmountError::Malformed("12a".into())));
        assert_eq!(Amount::parse_kronor("-"), Err(AmountError::Malformed("-".into())));
        assert_eq!(Amount::parse_kronor("NaN"), Err(AmountError::Malformed("NaN".into())));
        assert_eq!(Amount::parse_kronor("1000000000000.01"), Err(AmountError::OutOfRange("1000000000000.01 kr".into())));
        assert_eq!(Amount::parse_kronor("99999999999999999999"), Err(AmountError::OutOfRange("99999999999999999999 kr".into())));
        assert_eq!(Amount::parse_kronor("9999999999"), Ok(Amount(999_999_999_900)));
        assert_eq!(
            Amount::parse_kronor(" 12a ").unwrap_err().to_string(),
            "`12a` is not an amount in kronor (digits with at most two decimals, e.g. -41000.00 or 1 234,5)",
        );
    }

    #[test]
    fn deviation_is_positive_when_better_than_budget() {
        // Costs are negative in a signed table: spending less than budget is positive.
        assert_eq!(LineKind::Signed.deviation(tkr(-876_122.0), tkr(-881_965.0)), Ok(tkr(-5_843.0)));
        assert_eq!(LineKind::Signed.deviation(tkr(968_820.0), tkr(1_003_233.0)), Ok(tkr(34_413.0)));
        // Net costs are positive: spending less is positive.
        assert_eq!(LineKind::NetCost.deviation(tkr(1_054.0), tkr(563.0)), Ok(tkr(491.0)));
    }

    fn facts_with_total(published: f64) -> EconomicFacts {
        let line = |id: &str, sum_of: &[&str]| EconomicLine {
            id: id.into(),
            table: "drift".into(),
            label: id.into(),
            kind: LineKind::Signed,
            sum_of: sum_of.iter().map(|s| s.to_string()).collect(),
            org_unit: None,
        };
        let amount = |line: &str, v: f64| LineAmount {
            line: line.into(),
            measure: Measure::Budget,
            period: Period::Year(2025),
            round: String::new(),
            amount: tkr(v),
            comment: None,
        };
        EconomicFacts {
            lines: vec![line("a", &[]), line("b", &[]), line("c", &[]), line("ab", &["a", "b"]), line("total", &["ab", "c"])],
            amounts: vec![amount("a", 10.0), amount("b", 20.0), amount("c", 30.0), amount("total", published)],
            ..EconomicFacts::default()
        }
    }

    #[test]
    fn a_published_total_is_checked_against_its_parts_within_their_rounding() {
        // Three rounded rows (a, b through ab, and c): ±1,5 tkr is rounding.
        let f = facts_with_total(61.5);
        assert_eq!(f.line_value("total", Measure::Budget, Period::Year(2025), ""), Ok(Some(tkr(61.5))), "the published value");
        assert_eq!(f.sum_of_parts("total", Measure::Budget, Period::Year(2025), ""), Ok(Some((tkr(60.0), 3))));
        assert_eq!(f.total_differences(MoneyUnit::Tkr), Ok(vec![]));
        let off = facts_with_total(61.6).total_differences(MoneyUnit::Tkr).unwrap();
        assert_eq!(off.len(), 1);
        assert_eq!((off[0].line.as_str(), off[0].published, off[0].sum, off[0].rows), ("total", tkr(61.6), tkr(60.0), 3));
        // A part without a value: no sum, so nothing to check and no value for an unpublished total.
        let mut f = facts_with_total(60.0);
        f.amounts.retain(|a| a.line != "c");
        assert_eq!(f.sum_of_parts("total", Measure::Budget, Period::Year(2025), ""), Ok(None));
        assert_eq!(f.line_value("ab", Measure::Outcome, Period::Year(2025), ""), Ok(None), "missing is not zero");
        assert_eq!(f.total_differences(MoneyUnit::Tkr), Ok(vec![]));
    }
}
