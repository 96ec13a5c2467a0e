//! What the förvaltning writes in a report round: assessments and status reports.

use serde::{Deserialize, Serialize};

use crate::commission::WorkStatus;
use crate::indicator::Trend;
use crate::report_parts::{ControlFigure, Footnote, ProseSection};

/// An assessment of one goal (of any level: nämndmål, KF-mål, målområde) in one round on the
/// municipality's signal scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub goal: String,
    /// A level key of the plan's scale: an evaluated level, or one outside the order such as
    /// "Ej utvärderad" (not assessed this round). `None`: the texts are written but no level is
    /// set yet.
    #[serde(default)]
    pub level: Option<String>,
    /// Motivering (why this level), Markdown.
    #[serde(default)]
    pub motivation: String,
    /// Analys, Markdown.
    #[serde(default)]
    pub analysis: String,
    /// Genomfört arbete, Markdown bullets.
    #[serde(default)]
    pub work_done: String,
}

/// One indicator in one round: its own bedömning on the plan's indicator scale, a trend typed by
/// the förvaltning (kept where the numbers cannot give one), and a comment. Every part is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFollowUp {
    pub indicator: String,
    /// A level key of the plan's `indicator_scale`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommissionFollowUp {
    pub id: String,
    pub status: WorkStatus,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskFollowUp {
    pub id: String,
    pub status: WorkStatus,
    #[serde(default)]
    pub comment: String,
}

/// The result of a control point in a round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlResult {
    pub id: String,
    /// The assessment on the municipality's scale: a level key of the plan's scale; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The assessment as free text (e.g. "Godkänd"), when the report words it so.
    #[serde(default)]
    pub assessment: String,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub action: String,
    /// The figures the control found, e.g. 8 dagar.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<ControlFigure>,
}

/// Everything written for one report round of one committee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    pub committee: String,
    pub year: i32,
    pub round: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    /// Indicator judgements and trends of the round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorFollowUp>,
    #[serde(default)]
    pub commissions: Vec<CommissionFollowUp>,
    #[serde(default)]
    pub risks: Vec<RiskFollowUp>,
    #[serde(default)]
    pub controls: Vec<ControlResult>,
    /// The round's summary of the internal control (samlad bedömning av den interna kontrollen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub control_summary: Option<String>,
    /// Prose chapters in report order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<ProseSection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<Footnote>,
}
