//! A committee's plan for a budget year: the aggregate a plan file describes.

use serde::{Deserialize, Serialize};

use crate::assessment_rule::AssessmentRule;
use crate::commission::Commission;
use crate::control::{ControlPoint, Risk};
use crate::goals::{Goal, GoalArea, GoalNode, KfGoal};
use crate::indicator::{Indicator, TableColumn};
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
    /// Nämndmål directly under the committee, without målområde or KF-mål.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// The scale of the bedömning given to each indicator per round (e.g. "Nära värde / Ej
    /// accepterat värde / Inget värde angivet"); `None` when the municipality does not judge
    /// indicators one by one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_scale: Option<SignalScale>,
    /// The outcome columns of the indicator tables (e.g. `2022 | 2023 | Prel. 2024`); empty = the
    /// plan year and the two years before it. A goal may give its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicator_columns: Vec<TableColumn>,
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
    /// The plan requires an explicit rule (`require_assessment_rule: true`): without
    /// `assessment_rule`, no level is proposed, instead of falling back to the default rule.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_assessment_rule: bool,
}

/// A nämndmål with the KF-mål and målområde above it (either may be absent).
#[derive(Debug, Clone, Copy)]
pub struct GoalInContext<'a> {
    pub area: Option<&'a GoalArea>,
    pub kf_goal: Option<&'a KfGoal>,
    pub goal: &'a Goal,
}

impl Plan {
    /// The committee's storage key, e.g. `0126-von`.
    pub fn committee_key(&self) -> String {
        Committee::key(&self.municipality.code, &self.committee.id)
    }

    /// Every nämndmål in plan order, with its parents: those under KF-mål, then those directly
    /// under a målområde, per målområde; then those directly under the committee.
    pub fn goals(&self) -> impl Iterator<Item = GoalInContext<'_>> {
        let under_areas = self.goal_areas.iter().flat_map(|area| {
            let under_kf = area
                .kf_goals
                .iter()
                .flat_map(move |kf| kf.goals.iter().map(move |goal| GoalInContext { area: Some(area), kf_goal: Some(kf), goal }));
            under_kf.chain(area.goals.iter().map(move |goal| GoalInContext { area: Some(area), kf_goal: None, goal }))
        });
        under_areas.chain(self.goals.iter().map(|goal| GoalInContext { area: None, kf_goal: None, goal }))
    }

    pub fn goal(&self, id: &str) -> Option<GoalInContext<'_>> {
        self.goals().find(|g| g.goal.id == id)
    }

    /// Every goal of every level in plan order (a målområde, its indicators' KF-mål with their
    /// nämndmål, its nämndmål without KF-mål; last the nämndmål directly under the committee).
    pub fn goal_nodes(&self) -> Vec<GoalNode<'_>> {
        let mut nodes = Vec::new();
        for area in &self.goal_areas {
            nodes.push(GoalNode::area(area));
            for kf in &area.kf_goals {
                nodes.push(GoalNode::kf(area, kf));
                nodes.extend(kf.goals.iter().map(|g| GoalNode::goal(Some(area), Some(kf), g)));
            }
            nodes.extend(area.goals.iter().map(|g| GoalNode::goal(Some(area), None, g)));
        }
        nodes.extend(self.goals.iter().map(|g| GoalNode::goal(None, None, g)));
        nodes
    }

    /// The goal of any level with this id.
    pub fn goal_node(&self, id: &str) -> Option<GoalNode<'_>> {
        self.goal_nodes().into_iter().find(|n| n.id == id)
    }

    /// Every indicator with the goal (of any level) it follows.
    pub fn indicators(&self) -> impl Iterator<Item = (GoalNode<'_>, &Indicator)> {
        self.goal_nodes().into_iter().flat_map(|n| n.indicators.iter().map(move |i| (n, i)))
    }

    pub fn indicator(&self, id: &str) -> Option<(GoalNode<'_>, &Indicator)> {
        self.indicators().find(|(_, i)| i.id == id)
    }

    /// The outcome columns of `goal`'s indicator table: the goal's own, else the plan's.
    pub fn indicator_columns_of(&self, goal: &str) -> &[TableColumn] {
        let own = self.goal_nodes().into_iter().find(|n| n.id == goal).map(|n| n.indicator_columns).unwrap_or_default();
        if own.is_empty() { &self.indicator_columns } else { own }
    }

    /// The plan's rule, or the default rule for its scale; `None` when the plan requires an
    /// explicit rule and states none, or when its scale has fewer than two evaluated levels.
    pub fn effective_rule(&self) -> Option<AssessmentRule> {
        if self.require_assessment_rule {
            return self.assessment_rule.clone();
        }
        self.assessment_rule.clone().or_else(|| self.default_rule())
    }

    /// The rule for the plan's scale when it states none ([`AssessmentRule::default_for`]).
    pub fn default_rule(&self) -> Option<AssessmentRule> {
        let keys: Vec<&str> = self.scale.ordinal_levels().map(|l| l.key.as_str()).collect();
        AssessmentRule::default_for(&keys)
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
