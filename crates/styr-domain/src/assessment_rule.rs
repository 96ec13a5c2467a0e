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
    /// The default rule for a scale of `ordinal_keys` (its evaluated levels, worst first), used
    /// when a plan names none. Every indicator reaching its etappmål gives the best level, none
    /// gives the worst, and the levels between share the open range (0, 1) in equal bands, each
    /// band's lower bound exclusive. With four levels that reads: all → best; more than half →
    /// second; some → third; none → worst. With three: all, some, none; with two: all, otherwise;
    /// with five: all, more than ⅔, more than ⅓, some, none.
    ///
    /// Why: no published method prescribes thresholds (the reports assess by judgement), so the
    /// default has no tuning parameter: it is symmetric in the share, treats every scale the same
    /// way, and keeps "the best level" for goals where nothing falls short. A plan that wants
    /// another rule states it (`assessment_rule` in the plan file).
    ///
    /// `None` when the scale has fewer than two evaluated levels: a proposal needs a choice.
    pub fn default_for(ordinal_keys: &[&str]) -> Option<AssessmentRule> {
        let n = ordinal_keys.len();
        if n < 2 {
            return None;
        }
        let t = |level: &str, at_least: Option<f64>, above: Option<f64>| Threshold { level: level.into(), at_least, above };
        let between = n - 2;
        let mut thresholds = vec![t(ordinal_keys[n - 1], Some(1.0), None)];
        thresholds.extend((1..=between).rev().map(|i| t(ordinal_keys[i], None, Some((i - 1) as f64 / between as f64))));
        thresholds.push(t(ordinal_keys[0], Some(0.0), None));
        Some(AssessmentRule { method: RuleMethod::ShareReachingEtappmal, min_share_with_outcome: 0.5, thresholds })
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

    fn level_for(rule: &AssessmentRule, share: f64) -> &str {
        rule.thresholds.iter().find(|t| t.matches(share)).map(|t| t.level.as_str()).unwrap()
    }

    #[test]
    fn the_default_rule_works_for_two_to_five_levels_and_says_no_to_fewer() {
        assert!(AssessmentRule::default_for(&["ej"]).is_none());
        assert!(AssessmentRule::default_for(&[]).is_none());

        let two = AssessmentRule::default_for(&["nej", "ja"]).unwrap();
        assert_eq!([level_for(&two, 1.0), level_for(&two, 0.99), level_for(&two, 0.0)], ["ja", "nej", "nej"]);

        let three = AssessmentRule::default_for(&["ej", "delvis", "helt"]).unwrap();
        assert_eq!([level_for(&three, 1.0), level_for(&three, 0.2), level_for(&three, 0.0)], ["helt", "delvis", "ej"]);

        let four = AssessmentRule::default_for(&["ej", "delvis", "hog", "helt"]).unwrap();
        let shares = [1.0, 0.6, 0.51, 0.5, 0.01, 0.0];
        assert_eq!(shares.map(|s| level_for(&four, s)), ["helt", "hog", "hog", "delvis", "delvis", "ej"]);

        let five = AssessmentRule::default_for(&["1", "2", "3", "4", "5"]).unwrap();
        let shares = [1.0, 0.7, 2.0 / 3.0, 0.34, 1.0 / 3.0, 0.1, 0.0];
        assert_eq!(shares.map(|s| level_for(&five, s)), ["5", "4", "3", "3", "2", "2", "1"]);
        assert!(five.thresholds.iter().all(Threshold::is_well_formed));
    }
}
