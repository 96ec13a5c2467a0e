//! A goal's proposed level, computed from its indicators with the plan's assessment rule
//! (`Plan::effective_rule`): the share of evaluated indicators that reach the year's etappmål,
//! checked against the rule's thresholds in order.

use serde::Serialize;
use styr_domain::{AssessmentRule, RuleMethod, SignalScale, Threshold};

use crate::error::AnalysisError;
use crate::indicator_status::{IndicatorAnalysis, TargetStatus};
use crate::swedish::percent;

/// A level of the plan's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelRef {
    pub key: String,
    pub label: String,
    /// Position on the ordinal scale (0 = worst); `None` for a level such as "Ej utvärderad".
    pub rank: Option<usize>,
}

impl LevelRef {
    pub(crate) fn of(scale: &SignalScale, key: &str) -> Option<LevelRef> {
        let level = scale.level(key)?;
        Some(LevelRef { key: level.key.clone(), label: level.label.clone(), rank: scale.rank(key) })
    }
}

/// Why the proposal is what it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProposalBasis {
    /// The share matched `rule.thresholds[threshold]`.
    Threshold { threshold: usize },
    /// Too few indicators have both an outcome and an etappmål (fewer than
    /// `rule.min_share_with_outcome`, or none): the scale's not-evaluated level, or no proposal
    /// when the scale has none.
    TooFewEvaluated { min_share: f64 },
    /// The plan has no rule and its scale has fewer than two evaluated levels.
    NoRule,
    /// The plan requires an explicit rule (`require_assessment_rule`) and states none, so the
    /// default rule is not used.
    RuleRequired,
    /// No threshold of the rule matched the share.
    NoThresholdMatched,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    pub level: Option<LevelRef>,
    pub basis: ProposalBasis,
    /// Indicators with a direction (those that can ever be evaluated).
    pub indicators: usize,
    /// Indicators with an outcome and an etappmål for the year.
    pub evaluated: usize,
    pub reaching: usize,
    /// `reaching / evaluated`.
    pub share_reaching: Option<f64>,
    /// `evaluated / indicators`.
    pub share_evaluated: Option<f64>,
    /// The reasoning in Swedish, for tables and reports.
    pub explanation: String,
}

/// Why no level is proposed when the plan requires a rule and states none.
pub const REQUIRED_RULE_MISSING: &str = "Ingen nivå föreslås: planen kräver en uttrycklig bedömningsregel (assessment_rule i planfilen) men anger ingen, så standardregeln används inte.";

/// Checks that every threshold names an evaluated level of the scale.
pub(crate) fn check_rule(rule: &AssessmentRule, scale: &SignalScale) -> Result<(), AnalysisError> {
    match rule.thresholds.iter().find(|t| scale.rank(&t.level).is_none()) {
        Some(t) => Err(AnalysisError::RuleLevelNotOnScale { level: t.level.clone(), scale: scale.id.clone() }),
        None => Ok(()),
    }
}

/// Proposes a level for a goal from its analysed indicators.
/// `rule_required`: the plan requires an explicit rule, so a missing `rule` is not the default's.
pub(crate) fn propose(
    indicators: &[IndicatorAnalysis],
    scale: &SignalScale,
    rule: Option<&AssessmentRule>,
    rule_required: bool,
    year: i32,
) -> Proposal {
    let directed = indicators.iter().filter(|i| i.direction.is_some_and(|d| d != styr_domain::Direction::None)).count();
    let evaluated = indicators.iter().filter(|i| i.status.is_evaluated()).count();
    let reaching = indicators.iter().filter(|i| i.status == TargetStatus::Reached).count();
    let share_reaching = (evaluated > 0).then(|| reaching as f64 / evaluated as f64);
    let share_evaluated = (directed > 0).then(|| evaluated as f64 / directed as f64);
    let mut proposal = Proposal {
        level: None,
        basis: ProposalBasis::NoRule,
        indicators: directed,
        evaluated,
        reaching,
        share_reaching,
        share_evaluated,
        explanation: String::new(),
    };
    let Some(rule) = rule else {
        if rule_required {
            proposal.basis = ProposalBasis::RuleRequired;
            proposal.explanation = REQUIRED_RULE_MISSING.into();
            return proposal;
        }
        proposal.explanation =
            "Planen har ingen bedömningsregel och skalan har färre än två bedömningsnivåer, så standardregeln kan inte välja någon.".into();
        return proposal;
    };
    // The only method today; a new one fails to compile here until it is implemented.
    let RuleMethod::ShareReachingEtappmal = rule.method;
    let enough = share_evaluated.is_some_and(|s| s >= rule.min_share_with_outcome - 1e-9);
    let (Some(share), true) = (share_reaching, enough) else {
        proposal.basis = ProposalBasis::TooFewEvaluated { min_share: rule.min_share_with_outcome };
        proposal.level = scale.not_evaluated().and_then(|l| LevelRef::of(scale, &l.key));
        let consequence = match &proposal.level {
            Some(l) => format!("förslaget blir {}", l.label),
            None => "skalan har ingen nivå för ej utvärderat, så inget förslag ges".to_string(),
        };
        proposal.explanation = format!(
            "{evaluated} av {directed} indikatorer har utfall och etappmål för {year}; regeln kräver minst {}, så {consequence}.",
            percent(rule.min_share_with_outcome)
        );
        return proposal;
    };
    let counted = format!("{reaching} av {evaluated} indikatorer med utfall och etappmål når etappmålet ({})", percent(share));
    match rule.thresholds.iter().position(|t| t.matches(share)) {
        Some(i) => {
            let t = &rule.thresholds[i];
            proposal.basis = ProposalBasis::Threshold { threshold: i };
            proposal.level = LevelRef::of(scale, &t.level);
            let label = proposal.level.as_ref().map_or(t.level.as_str(), |l| l.label.as_str());
            proposal.explanation = format!("{counted}; {} ger {label}.", condition(t));
        }
        None => {
            proposal.basis = ProposalBasis::NoThresholdMatched;
            proposal.explanation = format!("{counted}; ingen tröskel i regeln passar, så inget förslag ges.");
        }
    }
    proposal
}

/// A threshold in words: "minst 60 %", "över 0 %".
fn condition(t: &Threshold) -> String {
    match (t.at_least, t.above) {
        (Some(v), _) => format!("minst {}", percent(v)),
        (None, Some(v)) => format!("över {}", percent(v)),
        (None, None) => "tröskeln".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use styr_domain::{AssessmentRule, Direction, Outcome, Plan, Threshold};

    use crate::test_support::*;
    use crate::{AnalysisError, ProposalBasis, analyse_round};

    /// A goal of `n` higher-is-better indicators with etappmål 50; `values[i]` is the 2023 outcome
    /// of indicator `i` (`None`: no outcome).
    fn goal_with(values: &[Option<f64>]) -> (Plan, Vec<Outcome>) {
        let inds = (0..values.len())
            .map(|i| indicator(&format!("i{i}"), &format!("Indikator {i}"), Direction::Higher, &[(2023, 50.0)], None))
            .collect();
        let outcomes = values.iter().enumerate().filter_map(|(i, v)| Some(outcome(&format!("i{i}"), "2023", (*v)?))).collect();
        (plan(vec![goal("g", inds)]), outcomes)
    }

    fn proposed(plan: &Plan, outcomes: &[Outcome]) -> super::Proposal {
        analyse_round(plan, outcomes, None, "helar").unwrap().goals.remove(0).proposal
    }

    fn key(p: &super::Proposal) -> Option<&str> {
        p.level.as_ref().map(|l| l.key.as_str())
    }

    #[test]
    fn more_than_half_is_i_hog_grad_and_exactly_half_is_not() {
        let (plan, outcomes) = goal_with(&[Some(60.0), Some(50.0), Some(51.0), Some(40.0), Some(49.9)]);
        let p = proposed(&plan, &outcomes);
        assert_eq!((p.reaching, p.evaluated, p.share_reaching), (3, 5, Some(0.6)));
        assert_eq!(key(&p), Some("hog"));
        assert_eq!(p.basis, ProposalBasis::Threshold { threshold: 1 });
        assert_eq!(p.explanation, "3 av 5 indikatorer med utfall och etappmål når etappmålet (60 %); över 50 % ger I hög grad uppfyllt.");
        let (plan, outcomes) = goal_with(&[Some(60.0), Some(50.0), Some(40.0), Some(49.9)]);
        let p = proposed(&plan, &outcomes);
        assert_eq!((p.share_reaching, key(&p)), (Some(0.5), Some("delvis")));
    }

    #[test]
    fn all_some_and_none_reaching() {
        let (plan, outcomes) = goal_with(&[Some(60.0), Some(50.0)]);
        assert_eq!(key(&proposed(&plan, &outcomes)), Some("helt"));
        let (plan, outcomes) = goal_with(&[Some(60.0), Some(10.0), Some(10.0), Some(10.0), Some(10.0)]);
        assert_eq!(key(&proposed(&plan, &outcomes)), Some("delvis"));
        let (plan, outcomes) = goal_with(&[Some(10.0), Some(10.0)]);
        let p = proposed(&plan, &outcomes);
        assert_eq!((key(&p), p.share_reaching), (Some("ej"), Some(0.0)));
    }

    #[test]
    fn too_few_outcomes_is_not_evaluated() {
        // Half the indicators with outcome is enough (at least 50 %) ...
        let (plan, outcomes) = goal_with(&[Some(60.0), None]);
        assert_eq!(key(&proposed(&plan, &outcomes)), Some("helt"));
        // ... one of three is not.
        let (plan, outcomes) = goal_with(&[Some(60.0), None, None]);
        let p = proposed(&plan, &outcomes);
        assert_eq!(key(&p), Some("ej_utv"));
        assert_eq!(p.basis, ProposalBasis::TooFewEvaluated { min_share: 0.5 });
        assert!(p.explanation.starts_with("1 av 3 indikatorer har utfall och etappmål för 2023"), "{}", p.explanation);
        // No outcome at all, and a scale without a not-evaluated level: no proposal.
        let (mut plan, _) = goal_with(&[None, None]);
        plan.scale.levels.retain(|l| l.evaluated);
        let p = proposed(&plan, &[]);
        assert_eq!(key(&p), None);
        assert!(p.explanation.contains("inget förslag"), "{}", p.explanation);
        // A goal without indicators.
        let plan = plan_without_indicators();
        let p = proposed(&plan, &[]);
        assert_eq!((key(&p), p.indicators, p.share_evaluated), (Some("ej_utv"), 0, None));
    }

    fn plan_without_indicators() -> Plan {
        plan(vec![goal("g", vec![])])
    }

    #[test]
    fn direction_none_indicators_are_not_counted() {
        let (mut plan, outcomes) = goal_with(&[Some(60.0), Some(10.0), Some(10.0)]);
        for ind in &mut plan.goal_areas[0].kf_goals[0].goals[0].indicators[1..] {
            ind.direction = Some(Direction::None);
        }
        let p = proposed(&plan, &outcomes);
        assert_eq!((p.indicators, p.evaluated, key(&p)), (1, 1, Some("helt")));
    }

    #[test]
    fn the_default_rule_on_a_two_level_scale_and_none_on_one_level() {
        let (mut plan, outcomes) = goal_with(&[Some(60.0)]);
        plan.scale.levels = vec![plan.scale.levels[0].clone(), plan.scale.levels[3].clone()];
        assert_eq!(key(&proposed(&plan, &outcomes)), Some("helt"));
        let (mut one, outcomes_one) = goal_with(&[Some(60.0)]);
        one.scale.levels = vec![one.scale.levels[3].clone()];
        let p = proposed(&one, &outcomes_one);
        assert_eq!((p.basis.clone(), key(&p)), (ProposalBasis::NoRule, None));
        assert!(p.explanation.contains("färre än två"), "{}", p.explanation);
        // A configured rule works on any scale.
        plan.assessment_rule = Some(AssessmentRule {
            method: styr_domain::RuleMethod::ShareReachingEtappmal,
            min_share_with_outcome: 1.0,
            thresholds: vec![
                Threshold { level: "helt".into(), at_least: Some(1.0), above: None },
                Threshold { level: "ej".into(), at_least: Some(0.0), above: None },
            ],
        });
        assert_eq!(key(&proposed(&plan, &outcomes)), Some("helt"));
    }

    #[test]
    fn a_plan_that_requires_a_rule_and_states_none_gets_no_proposal() {
        let (mut plan, outcomes) = goal_with(&[Some(60.0), Some(60.0)]);
        assert_eq!(key(&proposed(&plan, &outcomes)), Some("helt"), "the default rule proposes without the requirement");
        plan.require_assessment_rule = true;
        let p = proposed(&plan, &outcomes);
        assert_eq!((p.basis.clone(), key(&p)), (ProposalBasis::RuleRequired, None));
        assert!(p.explanation.contains("planen kräver en uttrycklig bedömningsregel"), "{}", p.explanation);
        assert_eq!((p.evaluated, p.reaching), (2, 2), "the counts are still given");
        // With a rule stated, the requirement is met and the rule is used.
        plan.assessment_rule = Some(AssessmentRule {
            method: styr_domain::RuleMethod::ShareReachingEtappmal,
            min_share_with_outcome: 0.5,
            thresholds: vec![
                Threshold { level: "hog".into(), at_least: Some(1.0), above: None },
                Threshold { level: "ej".into(), at_least: Some(0.0), above: None },
            ],
        });
        assert_eq!(key(&proposed(&plan, &outcomes)), Some("hog"));
    }

    #[test]
    fn require_assessment_rule_is_read_from_a_plan_file_and_written_back() {
        let mut plan = plan_without_indicators();
        plan.require_assessment_rule = true;
        let text = styr_formats::plan_file::write(&plan);
        assert!(text.contains("require_assessment_rule: true"), "{text}");
        let back = styr_formats::plan_file::parse(&text, "plan.yaml").unwrap();
        assert!(back.require_assessment_rule);
        assert_eq!(back.effective_rule(), None);
        plan.require_assessment_rule = false;
        assert!(!styr_formats::plan_file::write(&plan).contains("require_assessment_rule"), "false is not written");
    }

    #[test]
    fn a_rule_naming_an_unknown_level_is_an_error() {
        let (mut plan, outcomes) = goal_with(&[Some(60.0)]);
        plan.assessment_rule = Some(AssessmentRule {
            method: styr_domain::RuleMethod::ShareReachingEtappmal,
            min_share_with_outcome: 0.5,
            thresholds: vec![Threshold { level: "ej_utv".into(), at_least: Some(0.0), above: None }],
        });
        assert_eq!(
            analyse_round(&plan, &outcomes, None, "helar").unwrap_err(),
            AnalysisError::RuleLevelNotOnScale { level: "ej_utv".into(), scale: "huddinge".into() }
        );
    }

    #[test]
    fn no_threshold_matching() {
        let (mut plan, outcomes) = goal_with(&[Some(10.0)]);
        plan.assessment_rule = Some(AssessmentRule {
            method: styr_domain::RuleMethod::ShareReachingEtappmal,
            min_share_with_outcome: 0.5,
            thresholds: vec![Threshold { level: "helt".into(), at_least: Some(1.0), above: None }],
        });
        let p = proposed(&plan, &outcomes);
        assert_eq!((p.basis.clone(), key(&p)), (ProposalBasis::NoThresholdMatched, None));
    }

    /// The rule as a plan file configures it, read by `styr-formats`.
    #[test]
    fn rule_configured_in_a_plan_file() {
        let text = r##"format: styr-plan/1
municipality: { code: "1489", name: Alingsås }
committee: { id: son, name: Social- och omsorgsnämnden }
year: 2023
scale:
  id: fem
  name: Måluppfyllelse
  levels:
    - { key: ej, label: Ej uppfyllt, color: "#d7191c" }
    - { key: delvis, label: Delvis uppfyllt, color: "#fdae61" }
    - { key: hog, label: I hög grad uppfyllt, color: "#a6d96a" }
    - { key: helt, label: Helt uppfyllt, color: "#1a9641" }
    - { key: ej_utv, label: Ej utvärderad, color: "#bababa", evaluated: false }
rounds:
  - { id: helar, kind: helår, period_end: 2023-12-31, label: Årsredovisning 2023 }
assessment_rule:
  method: share_reaching_etappmal
  min_share_with_outcome: 0.8
  thresholds:
    - { level: helt, at_least: 1.0 }
    - { level: hog, at_least: 0.75 }
    - { level: delvis, above: 0.0 }
    - { level: ej, at_least: 0.0 }
goal_areas:
  - id: social
    title: Social hållbarhet
    kf_goals:
      - id: kf
        title: KF-mål
        goals:
          - id: g
            title: Mål
            indicators:
"##;
        let mut text = text.to_string();
        for i in 0..5 {
            text.push_str(&format!(
                "              - {{ id: i{i}, title: Indikator {i}, unit: procent, direction: higher, source: {{ own: Test }}, targets: {{ etappmal: {{ 2023: 50 }} }} }}\n"
            ));
        }
        let plan = styr_formats::plan_file::parse(&text, "plan.yaml").unwrap();
        let outcomes =
            |values: &[f64]| -> Vec<Outcome> { values.iter().enumerate().map(|(i, v)| outcome(&format!("i{i}"), "2023", *v)).collect() };
        // 3 of 5 = 60 %: "I hög grad" under the default rule, "Delvis" under this one.
        let p = proposed(&plan, &outcomes(&[60.0, 60.0, 60.0, 10.0, 10.0]));
        assert_eq!((key(&p), p.basis.clone()), (Some("delvis"), ProposalBasis::Threshold { threshold: 2 }));
        let p = proposed(&plan, &outcomes(&[60.0, 60.0, 60.0, 10.0]));
        assert_eq!(key(&p), Some("hog"));
        // 3 of 5 with an outcome is below the plan's 80 %.
        let p = proposed(&plan, &outcomes(&[60.0, 60.0, 60.0]));
        assert_eq!((key(&p), p.basis.clone()), (Some("ej_utv"), ProposalBasis::TooFewEvaluated { min_share: 0.8 }));
    }
}
