//! A committee's plan for a budget year: the aggregate a plan file describes.

use serde::{Deserialize, Serialize};

use crate::assessment_rule::AssessmentRule;
use crate::commission::Commission;
use crate::control::{ControlPoint, Risk};
use crate::goals::{Goal, GoalArea, KfGoal};
use crate::indicator::Indicator;
use crate::key_figures::KeyFigureTable;
use crate::org::{Committee, Municipality, OrgUnit};
use crate::period::ReportRound;
use crate::scale::SignalScale;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub municipality: Municipality,
    pub committee: Committee,
    pub year: i32,
    pub scale: SignalScale,
    #[serde(default)]
    pub organisation: Vec<OrgUnit>,
    #[serde(default)]
    pub rounds: Vec<ReportRound>,
    #[serde(default)]
    pub goal_areas: Vec<GoalArea>,
    #[serde(default)]
    pub commissions: Vec<Commission>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    #[serde(default)]
    pub control_points: Vec<ControlPoint>,
    #[serde(default)]
    pub key_figures: Vec<KeyFigureTable>,
    /// How goal-level proposals are computed; `None` uses [`AssessmentRule::default_for`] the scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment_rule: Option<AssessmentRule>,
}

/// A nämndmål with the KF-mål and målområde above it.
#[derive(Debug, Clone, Copy)]
pub struct GoalInContext<'a> {
    pub area: &'a GoalArea,
    pub kf_goal: &'a KfGoal,
    pub goal: &'a Goal,
}

impl Plan {
    /// The committee's storage key, e.g. `0126-von`.
    pub fn committee_key(&self) -> String {
        Committee::key(&self.municipality.code, &self.committee.id)
    }

    /// Every nämndmål in plan order, with its parents.
    pub fn goals(&self) -> impl Iterator<Item = GoalInContext<'_>> {
        self.goal_areas.iter().flat_map(|area| {
            area.kf_goals.iter().flat_map(move |kf_goal| kf_goal.goals.iter().map(move |goal| GoalInContext { area, kf_goal, goal }))
        })
    }

    pub fn goal(&self, id: &str) -> Option<GoalInContext<'_>> {
        self.goals().find(|g| g.goal.id == id)
    }

    /// Every indicator with the id of its nämndmål.
    pub fn indicators(&self) -> impl Iterator<Item = (&Goal, &Indicator)> {
        self.goals().flat_map(|g| g.goal.indicators.iter().map(move |i| (g.goal, i)))
    }

    /// The plan's rule, or the default rule for its scale.
    pub fn effective_rule(&self) -> Option<AssessmentRule> {
        self.assessment_rule.clone().or_else(|| {
            let keys: Vec<&str> = self.scale.ordinal_levels().map(|l| l.key.as_str()).collect();
            AssessmentRule::default_for(&keys)
        })
    }

    pub fn round(&self, id: &str) -> Option<&ReportRound> {
        self.rounds.iter().find(|r| r.id == id)
    }

    /// The round that closes the year (helår), else the last round.
    pub fn final_round(&self) -> Option<&ReportRound> {
        self.rounds
            .iter()
            .filter(|r| r.kind == crate::period::RoundKind::Annual)
            .max_by_key(|r| r.period_end)
            .or_else(|| self.rounds.iter().max_by_key(|r| r.period_end))
    }
}
