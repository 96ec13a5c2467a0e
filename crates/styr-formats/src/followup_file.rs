//! The follow-up file (`format: styr-followup/1`): what is written in one report round.

use serde::{Deserialize, Serialize};
use styr_domain::{Assessment, CommissionFollowUp, ControlResult, FollowUp, Footnote, IndicatorFollowUp, Plan, ProseSection, RiskFollowUp};

use crate::{FormatError, yaml};

pub const FORMAT: &str = "styr-followup/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FollowUpDoc {
    format: String,
    committee: String,
    year: i32,
    round: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(default)]
    assessments: Vec<Assessment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    indicators: Vec<IndicatorFollowUp>,
    #[serde(default)]
    commissions: Vec<CommissionFollowUp>,
    #[serde(default)]
    risks: Vec<RiskFollowUp>,
    #[serde(default)]
    controls: Vec<ControlResult>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    control_summary: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sections: Vec<ProseSection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    footnotes: Vec<Footnote>,
}

/// Reads a follow-up file without checking it against a plan; see [`parse_for_plan`].
pub fn parse(text: &str, file: &str) -> Result<FollowUp, FormatError> {
    let d: FollowUpDoc = yaml::from_str(text, file, FORMAT)?;
    Ok(FollowUp {
        committee: d.committee,
        year: d.year,
        round: d.round,
        summary: d.summary,
        assessments: d.assessments,
        indicators: d.indicators,
        commissions: d.commissions,
        risks: d.risks,
        controls: d.controls,
        control_summary: d.control_summary,
        sections: d.sections,
        footnotes: d.footnotes,
    })
}

/// Reads a follow-up file and checks every reference against `plan`
/// ([`styr_domain::validation::followup`]).
pub fn parse_for_plan(text: &str, file: &str, plan: &Plan) -> Result<FollowUp, FormatError> {
    let f = parse(text, file)?;
    yaml::Locator { text, file }.first(styr_domain::validation::followup(&f, plan))?;
    Ok(f)
}

pub fn write(f: &FollowUp) -> String {
    let f = f.clone();
    let doc = FollowUpDoc {
        format: FORMAT.to_string(),
        committee: f.committee,
        year: f.year,
        round: f.round,
        summary: f.summary,
        assessments: f.assessments,
        indicators: f.indicators,
        commissions: f.commissions,
        risks: f.risks,
        controls: f.controls,
        control_summary: f.control_summary,
        sections: f.sections,
        footnotes: f.footnotes,
    };
    yaml::to_string(&doc)
}

/// Checks footnotes on economics rows against the committee's economics line ids, with the line
/// and field of the first unknown one.
pub fn check_econ_lines(text: &str, file: &str, f: &FollowUp, lines: &std::collections::BTreeSet<String>) -> Result<(), FormatError> {
    yaml::Locator { text, file }.first(styr_domain::validation::footnote_econ_lines(f, lines))
}
