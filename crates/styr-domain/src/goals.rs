//! The goal hierarchy: målområde → KF-mål → nämndmål, with links to Agenda 2030.

use serde::{Deserialize, Serialize};

use crate::indicator::Indicator;
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

/// Målområde, e.g. "En trygg kommun där människor trivs och växer - social hållbarhet".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalArea {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub kf_goals: Vec<KfGoal>,
}

/// A goal set by kommunfullmäktige.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KfGoal {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default)]
    pub goals: Vec<Goal>,
}

/// A nämndmål: the committee's own goal, followed by indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda2030: Vec<Agenda2030Target>,
    #[serde(default)]
    pub indicators: Vec<Indicator>,
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
