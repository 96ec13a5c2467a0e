//! The rule that proposes a goal's level from its indicators, configured per plan.

use serde::{Deserialize, Serialize};

/// How a proposal is computed. Stored with the plan as `assessment_rule:`.
///
/// ```yaml
/// assessment_rule:
///   method: share_reaching_etappmal
///   min_share_with_outcome: 0.5     # below this share of indicators with an outcome: not evaluated
///   thresholds:                      # best level first; the first that matches wins
///     - { level: helt, at_least: 1.0 }
///     - { level: hog, at_least: 0.6 }
///     - { level: delvis, above: 0.0 }
///     - { level: ej, at_least: 0.0 }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssessmentRule {
    pub method: RuleMethod,
    /// Share (0–1) of a goal's indicators that must have an outcome and an etappmål for the goal to
    /// be evaluated; below it the proposal is the scale's "not evaluated" level.
    #[serde(default = "half")]
    pub min_share_with_outcome: f64,
    pub thresholds: Vec<Threshold>,
}

fn half() -> f64 {
    0.5
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleMethod {
    /// The share of evaluated indicators that reach the year's etappmål.
    ShareReachingEtappmal,
}

/// One level's condition on the share: `at_least` (share ≥ x) or `above` (share > x).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    pub level: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Option<f64>,
}

impl Threshold {
    /// Whether a share (0–1) meets this threshold.
    pub fn matches(&self, share: f64) -> bool {
        match (self.at_least, self.above) {
            (Some(min), None) => share >= min - 1e-9,
            (None, Some(min)) => share > min + 1e-9,
            _ => false,
        }
    }
    pub fn is_well_formed(&self) -> bool {
        let ok = |v: f64| (0.0..=1.0).contains(&v);
        matches!((self.at_least, self.above), (Some(v), None) | (None, Some(v)) if ok(v))
    }
}

impl AssessmentRule {
    /// The default rule: all reach → best level; ≥ 60 % → second best; > 0 → third; none → worst.
    /// Needs a scale with at least four evaluated levels, worst first (as `keys`).
    pub fn default_for(ordinal_keys: &[&str]) -> Option<AssessmentRule> {
        let n = ordinal_keys.len();
        if n < 4 {
            return None;
        }
        let t = |level: &str, at_least: Option<f64>, above: Option<f64>| Threshold { level: level.into(), at_least, above };
        Some(AssessmentRule {
            method: RuleMethod::ShareReachingEtappmal,
            min_share_with_outcome: 0.5,
            thresholds: vec![
                t(ordinal_keys[n - 1], Some(1.0), None),
                t(ordinal_keys[n - 2], Some(0.6), None),
                t(ordinal_keys[n - 3], None, Some(0.0)),
                t(ordinal_keys[0], Some(0.0), None),
            ],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_at_the_boundary() {
        let at = Threshold { level: "hog".into(), at_least: Some(0.6), above: None };
        assert!(at.matches(0.6));
        assert!(at.matches(3.0 / 5.0));
        assert!(!at.matches(0.59));
        let above = Threshold { level: "delvis".into(), at_least: None, above: Some(0.0) };
        assert!(!above.matches(0.0));
        assert!(above.matches(0.01));
        assert!(!Threshold { level: "x".into(), at_least: Some(0.1), above: Some(0.1) }.is_well_formed());
    }
}
