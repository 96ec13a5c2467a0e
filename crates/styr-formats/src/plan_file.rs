//! The plan file (`format: styr-plan/1`): one committee's plan for a year.

use serde::{Deserialize, Serialize};
use styr_domain::org::{Committee, Municipality, OrgUnit};
use styr_domain::{
    AssessmentRule, Commission, ControlPoint, Goal, GoalArea, KeyFigureTable, Plan, ReportRound, Risk, SignalScale, TableColumn,
};

use crate::{FormatError, yaml};

pub const FORMAT: &str = "styr-plan/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanDoc {
    format: String,
    municipality: Municipality,
    committee: Committee,
    year: i32,
    scale: SignalScale,
    #[serde(default)]
    organisation: Vec<OrgUnit>,
    #[serde(default)]
    rounds: Vec<ReportRound>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    indicator_scale: Option<SignalScale>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    indicator_columns: Vec<TableColumn>,
    #[serde(default)]
    goal_areas: Vec<GoalArea>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    goals: Vec<Goal>,
    #[serde(default)]
    commissions: Vec<Commission>,
    #[serde(default)]
    risks: Vec<Risk>,
    #[serde(default)]
    control_points: Vec<ControlPoint>,
    #[serde(default)]
    key_figures: Vec<KeyFigureTable>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assessment_rule: Option<AssessmentRule>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    require_assessment_rule: bool,
}

/// Reads a plan file and checks it with the domain's rules ([`styr_domain::validation::plan`]).
/// `file` names the file in error messages.
pub fn parse(text: &str, file: &str) -> Result<Plan, FormatError> {
    let d: PlanDoc = yaml::from_str(text, file, FORMAT)?;
    let plan = Plan {
        municipality: d.municipality,
        committee: d.committee,
        year: d.year,
        scale: d.scale,
        organisation: d.organisation,
        rounds: d.rounds,
        goal_areas: d.goal_areas,
        goals: d.goals,
        indicator_scale: d.indicator_scale,
        indicator_columns: d.indicator_columns,
        commissions: d.commissions,
        risks: d.risks,
        control_points: d.control_points,
        key_figures: d.key_figures,
        assessment_rule: d.assessment_rule,
        require_assessment_rule: d.require_assessment_rule,
    };
    yaml::Locator { text, file }.first(styr_domain::validation::plan(&plan))?;
    Ok(plan)
}

/// Writes a plan file that [`parse`] reads back to the same plan.
pub fn write(plan: &Plan) -> String {
    let p = plan.clone();
    let doc = PlanDoc {
        format: FORMAT.to_string(),
        municipality: p.municipality,
        committee: p.committee,
        year: p.year,
        scale: p.scale,
        organisation: p.organisation,
        rounds: p.rounds,
        indicator_scale: p.indicator_scale,
        indicator_columns: p.indicator_columns,
        goal_areas: p.goal_areas,
        goals: p.goals,
        commissions: p.commissions,
        risks: p.risks,
        control_points: p.control_points,
        key_figures: p.key_figures,
        assessment_rule: p.assessment_rule,
        require_assessment_rule: p.require_assessment_rule,
    };
    format!("# styr plan file, see docs/formats.md\n{}", yaml::to_string(&doc))
}
