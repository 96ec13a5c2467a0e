//! Intern kontroll: risks with their measures, and control points.

use serde::{Deserialize, Serialize};

/// An audit (revision) or other external review a risk measure responds to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditReference {
    pub report: String,
    /// Diarienummer, e.g. VON-2022/897.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<String>,
}

/// Whether a risk was identified by the nämnd itself or comes from an audit recommendation.
/// Written `own` or `{ audit: { report, reference, background } }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RiskOrigin {
    Own(OwnMarker),
    Audit { audit: AuditReference },
}

/// The literal word `own`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OwnMarker {
    Own,
}

impl Default for RiskOrigin {
    fn default() -> Self {
        RiskOrigin::Own(OwnMarker::Own)
    }
}

impl RiskOrigin {
    pub fn is_own(&self) -> bool {
        matches!(self, RiskOrigin::Own(_))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Mål / process, e.g. "HR/Personal".
    pub process: String,
    pub risk: String,
    /// Riskåtgärd.
    pub measure: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub responsible: Option<String>,
    #[serde(default, skip_serializing_if = "RiskOrigin::is_own")]
    pub origin: RiskOrigin,
}

/// How often a control point is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    #[serde(rename = "delår")]
    Interim,
    #[serde(rename = "årsbokslut")]
    Annual,
    #[serde(rename = "månad")]
    Monthly,
    #[serde(rename = "kvartal")]
    Quarterly,
    #[serde(rename = "tertial")]
    Tertial,
    #[serde(rename = "år")]
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 6] =
        [Frequency::Interim, Frequency::Annual, Frequency::Monthly, Frequency::Quarterly, Frequency::Tertial, Frequency::Yearly];
    pub fn key(self) -> &'static str {
        match self {
            Frequency::Interim => "delår",
            Frequency::Annual => "årsbokslut",
            Frequency::Monthly => "månad",
            Frequency::Quarterly => "kvartal",
            Frequency::Tertial => "tertial",
            Frequency::Yearly => "år",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// A kontrollmoment: what is controlled, how often and how (e.g. journal review of a 15 % sample).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlPoint {
    pub id: String,
    pub process: String,
    pub what: String,
    pub frequency: Frequency,
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<String>,
}
