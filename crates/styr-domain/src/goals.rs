//! The goal hierarchy: målområde → KF-mål → nämndmål, with links to Agenda 2030.

use serde::{Deserialize, Serialize};

use crate::indicator::{Indicator, TableColumn};
use crate::{DomainError, invalid};

/// An Agenda 2030 goal (`"8"`) or delmål (`"11.3"`, `"16.b"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Agenda2030Target(String);

impl Agenda2030Target {
    pub fn goal(&self) -> u8 {
        self.0.split('.').next().and_then(|g| g.parse().ok()).unwrap_or(0)
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Agenda2030Target {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, DomainError> {
        let bad = || invalid("Agenda 2030 target", s.clone(), "a goal 1-17, optionally with a target such as 11.3");
        let (goal, target) = match s.split_once('.') {
            Some((g, t)) => (g, Some(t)),
            None => (s.as_str(), None),
        };
        let goal: u8 = goal.parse().map_err(|_| bad())?;
        let target_ok = target.is_none_or(|t| !t.is_empty() && t.len() <= 2 && t.chars().all(|c| c.is_ascii_alphanumeric()));
        if (1..=17).contains(&goal) && target_ok { Ok(Self(s)) } else { Err(bad()) }
    }
}

impl From<Agenda2030Target> for String {
    fn from(t: Agenda2030Target) -> String {
        t.0
    }
}

/// The levels of the goal hierarchy. Any level may carry indicators and be assessed; goal ids are
/// unique across all levels of a plan, so an assessment or an uppdrag names a goal by id alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalLevel {
    /// Målområde.
    GoalArea,
    /// KF-mål (kommunfullmäktiges mål, KF-verksamhetsmål).
    KfGoal,
    /// Nämndmål.
    Goal,
}

impl GoalLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalLevel::GoalArea => "goal_area",
            GoalLevel::KfGoal => "kf_goal",
            GoalLevel::Goal => "goal",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "goal_area" => Some(GoalLevel::GoalArea),
            "kf_goal" => Some(GoalLevel::KfGoal),
            "goal" => Some(GoalLevel::Goal),
            _ => None,
        }
    }
    /// Singular indefinite: `målområde`, `KF-mål`, `nämndmål`.
    pub fn noun(self) -> &'static str {
        match self {
            GoalLevel::GoalArea => "målområde",
            GoalLevel::KfGoal => "KF-mål",
            GoalLevel::Goal => "nämndmål",
        }
    }
    /// Plural indefinite: `målområden`, `KF-mål`, `nämndmål`.
    pub fn plural(self) -> &'static str {
        match self {
            GoalLevel::GoalArea => "målområden",
            GoalLevel::KfGoal => "KF-mål",
            GoalLevel::Goal => "nämndmål",
        }
    }
    /// Singular definite: `målområdet`, `KF-målet`, `nämndmålet`.
    pub fn definite(self) -> &'static str {
        match self {
            GoalLevel::GoalArea => "målområdet",
            GoalLevel::KfGoal => "KF-målet",
            GoalLevel::Goal => "nämndmålet",
        }
    }
    /// Plural definite: `målområdena`, `KF-målen`, `nämndmålen`.
    pub fn plural_definite(self) -> &'static str {
        match self {
            GoalLevel::GoalArea => "målområdena",
            GoalLevel::KfGoal => "KF-målen",
            GoalLevel::Goal => "nämndmålen",
        }
    }
}

/// Målområde, e.g. "En trygg kommun där människor trivs och växer - social hållbarhet".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalArea {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The id this målområde had before: its stored assessments move to the new id on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// The outcome columns of this goal's indicator table; empty = the plan's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicator_columns: Vec<TableColumn>,
    /// Indicators that follow the målområde itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub kf_goals: Vec<KfGoal>,
    /// Nämndmål directly under the målområde, without a KF-mål.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
}

/// A goal set by kommunfullmäktige. It may be followed by indicators and assessed itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KfGoal {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The id this KF-mål had before: its stored assessments move to the new id on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda2030: Vec<Agenda2030Target>,
    /// The outcome columns of this goal's indicator table; empty = the plan's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicator_columns: Vec<TableColumn>,
    /// Indicators that follow the KF-mål itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
    #[serde(default)]
    pub goals: Vec<Goal>,
}

/// A nämndmål: the committee's own goal, followed by indicators.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The id this nämndmål had before: its stored assessments move to the new id on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda2030: Vec<Agenda2030Target>,
    /// The outcome columns of this goal's indicator table; empty = the plan's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicator_columns: Vec<TableColumn>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

/// A goal of any level with what is above it: the view the analysis, the listings and the
/// reports use.
#[derive(Debug, Clone, Copy)]
pub struct GoalNode<'a> {
    pub level: GoalLevel,
    pub id: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub renamed_from: Option<&'a str>,
    pub agenda2030: &'a [Agenda2030Target],
    pub indicators: &'a [Indicator],
    pub indicator_columns: &'a [TableColumn],
    /// The målområde above (for a målområde: itself).
    pub area: Option<&'a GoalArea>,
    /// The KF-mål above (for a KF-mål: itself).
    pub kf_goal: Option<&'a KfGoal>,
    /// The id of the goal directly above, if any.
    pub parent: Option<&'a str>,
}

impl<'a> GoalNode<'a> {
    pub(crate) fn area(area: &'a GoalArea) -> Self {
        GoalNode {
            level: GoalLevel::GoalArea,
            id: &area.id,
            title: &area.title,
            description: area.description.as_deref(),
            renamed_from: area.renamed_from.as_deref(),
            agenda2030: &[],
            indicators: &area.indicators,
            indicator_columns: &area.indicator_columns,
            area: Some(area),
            kf_goal: None,
            parent: None,
        }
    }
    pub(crate) fn kf(area: &'a GoalArea, kf: &'a KfGoal) -> Self {
        GoalNode {
            level: GoalLevel::KfGoal,
            id: &kf.id,
            title: &kf.title,
            description: kf.description.as_deref(),
            renamed_from: kf.renamed_from.as_deref(),
            agenda2030: &kf.agenda2030,
            indicators: &kf.indicators,
            indicator_columns: &kf.indicator_columns,
            area: Some(area),
            kf_goal: Some(kf),
            parent: Some(&area.id),
        }
    }
    pub(crate) fn goal(area: Option<&'a GoalArea>, kf: Option<&'a KfGoal>, g: &'a Goal) -> Self {
        GoalNode {
            level: GoalLevel::Goal,
            id: &g.id,
            title: &g.title,
            description: g.description.as_deref(),
            renamed_from: g.renamed_from.as_deref(),
            agenda2030: &g.agenda2030,
            indicators: &g.indicators,
            indicator_columns: &g.indicator_columns,
            area,
            kf_goal: kf,
            parent: kf.map(|k| k.id.as_str()).or(area.map(|a| a.id.as_str())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agenda_targets_are_validated() {
        let t = Agenda2030Target::try_from("11.3".to_string()).unwrap();
        assert_eq!(t.goal(), 11);
        assert!(Agenda2030Target::try_from("16.b".to_string()).is_ok());
        assert!(Agenda2030Target::try_from("18".to_string()).is_err());
        assert!(Agenda2030Target::try_from("x".to_string()).is_err());
        assert!(Agenda2030Target::try_from("3.".to_string()).is_err());
    }
}
