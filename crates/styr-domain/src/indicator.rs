//! Indicators: what a goal is followed by, with targets and outcomes.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::org::Regi;
use crate::period::Period;
use crate::{DomainError, invalid};

/// Unit of an indicator or key figure.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Unit {
    Percent,
    Count,
    Days,
    Kronor,
    Index,
    Other(String),
}

impl Unit {
    pub fn as_str(&self) -> &str {
        match self {
            Unit::Percent => "procent",
            Unit::Count => "antal",
            Unit::Days => "dagar",
            Unit::Kronor => "kronor",
            Unit::Index => "index",
            Unit::Other(s) => s,
        }
    }
}

impl From<String> for Unit {
    fn from(s: String) -> Unit {
        match s.as_str() {
            "procent" | "%" | "andel" => Unit::Percent,
            "antal" => Unit::Count,
            "dagar" => Unit::Days,
            "kronor" | "kr" => Unit::Kronor,
            "index" => Unit::Index,
            _ => Unit::Other(s),
        }
    }
}

impl From<Unit> for String {
    fn from(u: Unit) -> String {
        u.as_str().to_string()
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Unit::from)
    }
}

/// Whether a higher or a lower value is better (sick leave, staff met per client: lower).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Higher,
    Lower,
    None,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "higher" => Some(Direction::Higher),
            "lower" => Some(Direction::Lower),
            "none" => Some(Direction::None),
            _ => None,
        }
    }
}

/// A Kolada KPI id: a letter and five digits (`U23516`, `N00945`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KpiId(String);

impl KpiId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for KpiId {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, DomainError> {
        let mut chars = s.chars();
        let ok = s.len() == 6 && chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_digit());
        if ok { Ok(Self(s)) } else { Err(invalid("Kolada KPI id", s, "a capital letter and five digits, e.g. U23516")) }
    }
}

impl From<KpiId> for String {
    fn from(k: KpiId) -> String {
        k.0
    }
}

impl fmt::Display for KpiId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Kolada organisational unit (OU) id: `V`, then letters and digits (`V15E012600101`), the unit a
/// plan's organisation node is in Kolada's unit-level data (a särskilt boende, a hemtjänstgrupp).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OuId(String);

impl OuId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OuId {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, DomainError> {
        let ok = s.len() >= 4 && s.len() <= 20 && s.starts_with('V') && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if ok { Ok(Self(s)) } else { Err(invalid("Kolada OU id", s, "V followed by capital letters and digits, e.g. V15E012600101")) }
    }
}

impl From<OuId> for String {
    fn from(k: OuId) -> String {
        k.0
    }
}

impl fmt::Display for OuId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an indicator's outcomes come from. Written `{ kolada: U23516 }`, `{ survey: "…" }` or `{ own: "…" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SourceRepr", into = "SourceRepr")]
pub enum IndicatorSource {
    Kolada(KpiId),
    /// A national or local survey, e.g. "Vad tycker de äldre om äldreomsorgen".
    Survey(String),
    /// The förvaltning's own measurement.
    Own(String),
}

impl IndicatorSource {
    pub fn kind(&self) -> &'static str {
        match self {
            IndicatorSource::Kolada(_) => "kolada",
            IndicatorSource::Survey(_) => "survey",
            IndicatorSource::Own(_) => "own",
        }
    }
    pub fn reference(&self) -> &str {
        match self {
            IndicatorSource::Kolada(k) => k.as_str(),
            IndicatorSource::Survey(s) | IndicatorSource::Own(s) => s,
        }
    }
    pub fn from_parts(kind: &str, reference: String) -> Result<Self, DomainError> {
        match kind {
            "kolada" => Ok(IndicatorSource::Kolada(KpiId::try_from(reference)?)),
            "survey" => Ok(IndicatorSource::Survey(reference)),
            "own" => Ok(IndicatorSource::Own(reference)),
            other => Err(invalid("indicator source", other, "kolada, survey or own")),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceRepr {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kolada: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    survey: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    own: Option<String>,
}

impl TryFrom<SourceRepr> for IndicatorSource {
    type Error = DomainError;
    fn try_from(r: SourceRepr) -> Result<Self, DomainError> {
        match (r.kolada, r.survey, r.own) {
            (Some(k), None, None) => Ok(IndicatorSource::Kolada(KpiId::try_from(k)?)),
            (None, Some(s), None) => Ok(IndicatorSource::Survey(s)),
            (None, None, Some(o)) => Ok(IndicatorSource::Own(o)),
            _ => Err(invalid("indicator source", "", "exactly one of kolada, survey or own")),
        }
    }
}

impl From<IndicatorSource> for SourceRepr {
    fn from(s: IndicatorSource) -> SourceRepr {
        let mut r = SourceRepr { kolada: None, survey: None, own: None };
        match s {
            IndicatorSource::Kolada(k) => r.kolada = Some(k.0),
            IndicatorSource::Survey(x) => r.survey = Some(x),
            IndicatorSource::Own(x) => r.own = Some(x),
        }
        r
    }
}

/// Målvärde: the value to reach by an end year (e.g. 2030). The value may be undecided.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetValue {
    pub year: i32,
    pub value: Option<f64>,
}

/// Etappmål per year and the målvärde.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub etappmal: BTreeMap<i32, f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub malvarde: Option<TargetValue>,
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        self.etappmal.is_empty() && self.malvarde.is_none()
    }
}

/// A measure that follows a goal of any level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub title: String,
    pub unit: Unit,
    /// Whether a higher or a lower value is better; `None` when the report does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// Where the outcomes come from; `None` when the report does not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<IndicatorSource>,
    /// Decimals shown in reports.
    #[serde(default)]
    pub decimals: u8,
    #[serde(default, skip_serializing_if = "Targets::is_empty")]
    pub targets: Targets,
    /// Footnote shown under the indicator table.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A column of an indicator table: the outcome period it shows and, optionally, its heading
/// (default: the period in Swedish, `2023`, `jan–aug 2024`). Written `{ period: 2024-08, label: "jan–aug 2024" }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableColumn {
    pub period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl TableColumn {
    pub fn heading(&self) -> String {
        self.label.clone().unwrap_or_else(|| self.period.label_sv())
    }
}

/// Which trend an indicator shows in a round: ökad, minskad, oförändrad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Trend {
    #[serde(rename = "ökad")]
    Increased,
    #[serde(rename = "minskad")]
    Decreased,
    #[serde(rename = "oförändrad")]
    Unchanged,
}

impl Trend {
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Increased => "ökad",
            Trend::Decreased => "minskad",
            Trend::Unchanged => "oförändrad",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "ökad" => Some(Trend::Increased),
            "minskad" => Some(Trend::Decreased),
            "oförändrad" => Some(Trend::Unchanged),
            _ => None,
        }
    }
    /// The trend of a change, with changes smaller than half the last shown decimal counted as none.
    pub fn of_change(change: f64, decimals: u8) -> Trend {
        let half_unit = 0.5 * 10f64.powi(-i32::from(decimals));
        if change.abs() < half_unit {
            Trend::Unchanged
        } else if change > 0.0 {
            Trend::Increased
        } else {
            Trend::Decreased
        }
    }
}

/// Gender split of an outcome: total, kvinnor, män.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Gender {
    T,
    K,
    M,
}

impl Gender {
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::T => "T",
            Gender::K => "K",
            Gender::M => "M",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "" | "T" | "t" | "Alla" | "alla" => Some(Gender::T),
            "K" | "k" => Some(Gender::K),
            "M" | "m" => Some(Gender::M),
            _ => None,
        }
    }
}

/// Whose outcome a value is: the plan's own municipality or a comparison (Riket `0000`, a län,
/// another municipality, or a named group of similar municipalities).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Comparison {
    Own,
    Other(String),
}

impl Comparison {
    pub fn code(&self) -> &str {
        match self {
            Comparison::Own => "",
            Comparison::Other(c) => c,
        }
    }
    pub fn parse(code: &str) -> Result<Self, DomainError> {
        let code = code.trim();
        if code.is_empty() {
            return Ok(Comparison::Own);
        }
        let ok = code.len() <= 12 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(Comparison::Other(code.to_string()))
        } else {
            Err(invalid("municipality", code, "empty, a 4-digit code such as 0000 (Riket), or a group code"))
        }
    }
}

/// Whether an outcome is final, preliminary, or missing (IU, "inget utfall").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeStatus {
    Final,
    Preliminary,
    Missing,
}

impl OutcomeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeStatus::Final => "final",
            OutcomeStatus::Preliminary => "preliminary",
            OutcomeStatus::Missing => "missing",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "" | "final" => Some(OutcomeStatus::Final),
            "preliminary" | "prel" => Some(OutcomeStatus::Preliminary),
            "missing" | "IU" | "iu" => Some(OutcomeStatus::Missing),
            _ => None,
        }
    }
}

/// One outcome value of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub indicator: String,
    pub period: Period,
    pub gender: Gender,
    pub comparison: Comparison,
    /// Whose operation the outcome covers: egen regi or privata utförare; `None` = all (the total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regi: Option<Regi>,
    /// `None` exactly when `status` is [`OutcomeStatus::Missing`].
    pub value: Option<f64>,
    pub status: OutcomeStatus,
    /// Why the outcome is missing, or a footnote.
    pub note: Option<String>,
}

impl Outcome {
    /// Checks the invariant between value and status.
    pub fn validate(&self) -> Result<(), DomainError> {
        match (self.status, self.value) {
            (OutcomeStatus::Missing, Some(v)) => Err(invalid("outcome", v.to_string(), "no value when the status is missing")),
            (OutcomeStatus::Final | OutcomeStatus::Preliminary, None) => Err(invalid("outcome", "", "a value, or status missing")),
            (_, Some(v)) if !v.is_finite() => Err(invalid("outcome", v.to_string(), "a finite number")),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_round_trips_as_single_key_map() {
        let s: IndicatorSource = serde_json::from_str(r#"{"kolada":"U23516"}"#).unwrap();
        assert_eq!(s, IndicatorSource::Kolada(KpiId::try_from("U23516".to_string()).unwrap()));
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"kolada":"U23516"}"#);
        assert!(serde_json::from_str::<IndicatorSource>(r#"{"kolada":"X1"}"#).is_err());
        assert!(serde_json::from_str::<IndicatorSource>(r#"{"own":"a","survey":"b"}"#).is_err());
    }

    #[test]
    fn outcome_value_and_status_agree() {
        let mut o = Outcome {
            indicator: "i".into(),
            period: Period::Year(2023),
            gender: Gender::K,
            comparison: Comparison::Own,
            regi: None,
            value: None,
            status: OutcomeStatus::Missing,
            note: Some("IU".into()),
        };
        assert!(o.validate().is_ok());
        o.value = Some(3.0);
        assert!(o.validate().is_err());
        o.status = OutcomeStatus::Preliminary;
        assert!(o.validate().is_ok());
    }

    #[test]
    fn units_map_known_words() {
        assert_eq!(Unit::from("procent".to_string()), Unit::Percent);
        assert_eq!(Unit::from("kg CO2e/kg".to_string()).as_str(), "kg CO2e/kg");
    }
}
