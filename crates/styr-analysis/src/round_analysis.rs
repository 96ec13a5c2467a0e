//! The analysis of one report round: every goal with its indicators, proposal, published
//! assessment and text claims, the samlad måluppfyllelse, and the consistency flags.

use std::collections::HashMap;

use serde::Serialize;
use styr_domain::{Assessment, AssessmentRule, FollowUp, GoalLevel, IndicatorFollowUp, Outcome, Period, Plan, RoundKind};

use crate::agreement::{Agreement, AssessmentComparison, compare};
use crate::consistency::{Flag, missing_outcome_flags, motivation_flag, target_flags, text_flags, trend_flag};
use crate::error::AnalysisError;
use crate::indicator_status::{IndicatorAnalysis, Judgement, TrendSource, analyse_indicator};
use crate::outcome_index::OutcomeIndex;
use crate::proposal::{Proposal, check_rule, propose};
use crate::round_period::RoundPeriod;
use crate::summary::{ASSESSED, CommitteeSummary, GoalLevelCount, PROPOSED, count_levels_by_goal_level};
use crate::text_claims::{TextClaim, find_claims};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundInfo {
    pub id: String,
    pub kind: RoundKind,
    pub label: String,
    pub year: i32,
    /// The round's own outcome period (`2023`, `2023-08`).
    pub period: Period,
    pub full_year: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalAnalysis {
    pub id: String,
    pub title: String,
    /// Nämndmål, KF-mål or målområde.
    pub level: GoalLevel,
    /// The KF-mål above (for a KF-mål: itself); `None` for a nämndmål without KF-mål.
    pub kf_goal: Option<String>,
    /// The målområde above (for a målområde: itself); `None` for a goal directly under the committee.
    pub goal_area: Option<String>,
    pub indicators: Vec<IndicatorAnalysis>,
    pub proposal: Proposal,
    /// The published assessment compared with the proposal; `None` when the goal is not assessed.
    pub assessment: Option<AssessmentComparison>,
    /// The round has texts for the goal but no level yet.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub texts_without_level: bool,
    /// Claims about etappmål found in the assessment's motivation and analysis.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text_claims: Vec<TextClaim>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundAnalysis {
    /// Committee key, e.g. `0126-von`.
    pub committee: String,
    pub round: RoundInfo,
    /// The rule the proposals use (`None`: no rule, no proposals).
    pub rule: Option<AssessmentRule>,
    pub goals: Vec<GoalAnalysis>,
    pub summary: CommitteeSummary,
    pub flags: Vec<Flag>,
}

/// Analyses a report round of a plan: indicator status, proposals, comparison with the follow-up's
/// assessments (when given), samlad måluppfyllelse and consistency flags.
///
/// `outcomes` may hold outcomes of other committees' indicators; they are ignored.
pub fn analyse_round(
    plan: &Plan,
    outcomes: &[Outcome],
    followup: Option<&FollowUp>,
    round_id: &str,
) -> Result<RoundAnalysis, AnalysisError> {
    analyse_round_indexed(plan, &OutcomeIndex::new(outcomes), followup, round_id)
}

/// [`analyse_round`] with outcomes indexed once, for analysing several rounds of the same data.
pub fn analyse_round_indexed(
    plan: &Plan,
    outcomes: &OutcomeIndex<'_>,
    followup: Option<&FollowUp>,
    round_id: &str,
) -> Result<RoundAnalysis, AnalysisError> {
    let round = plan.round(round_id).ok_or_else(|| AnalysisError::UnknownRound(round_id.to_string()))?;
    if let Some(f) = followup.filter(|f| f.round != round_id) {
        return Err(AnalysisError::FollowUpForOtherRound { followup: f.round.clone(), round: round_id.to_string() });
    }
    let rule = plan.effective_rule();
    if let Some(rule) = &rule {
        check_rule(rule, &plan.scale)?;
    }
    let mut assessments: HashMap<&str, &Assessment> = HashMap::new();
    for a in followup.map(|f| f.assessments.as_slice()).unwrap_or_default() {
        if plan.goal_node(&a.goal).is_none() {
            return Err(AnalysisError::UnknownGoal(a.goal.clone()));
        }
        assessments.insert(a.goal.as_str(), a);
    }

    let mut judged: HashMap<&str, &IndicatorFollowUp> = HashMap::new();
    for j in followup.map(|f| f.indicators.as_slice()).unwrap_or_default() {
        judged.insert(j.indicator.as_str(), j);
    }

    // Every nämndmål, and every KF-mål or målområde that has indicators or is assessed this round.
    let rp = RoundPeriod::of(round);
    let mut goals = Vec::new();
    let mut flags = Vec::new();
    for node in plan.goal_nodes() {
        if node.level != GoalLevel::Goal && node.indicators.is_empty() && !assessments.contains_key(node.id) {
            continue;
        }
        let indicators: Vec<IndicatorAnalysis> = node
            .indicators
            .iter()
            .map(|ind| {
                let mut a = analyse_indicator(ind, outcomes.indicator(&ind.id), &rp);
                if let Some(j) = judged.get(ind.id.as_str()) {
                    apply_followup(&mut a, j, plan);
                }
                a
            })
            .collect();
        let proposal =
            propose(&indicators, &plan.scale, rule.as_ref(), plan.require_assessment_rule && plan.assessment_rule.is_none(), rp.year);
        let assessment = assessments.get(node.id).copied();
        let comparison = match assessment {
            Some(a) => a.level.as_deref().map(|level| compare(a, level, &proposal, &indicators, &plan.scale)).transpose()?,
            None => None,
        };
        let text_claims = assessment.map(|a| find_claims(a, &indicators)).unwrap_or_default();

        flags.extend(node.indicators.iter().flat_map(|ind| target_flags(node.id, ind)));
        flags.extend(indicators.iter().filter_map(|ind| trend_flag(node.id, ind)));
        if assessment.is_some() {
            flags.extend(missing_outcome_flags(node.id, &indicators, rp.year));
        }
        flags.extend(text_flags(node.id, &text_claims, &indicators, &proposal));
        flags.extend(comparison.as_ref().and_then(|c| motivation_flag(node.id, c, &proposal)));

        goals.push(GoalAnalysis {
            id: node.id.to_string(),
            title: node.title.to_string(),
            level: node.level,
            kf_goal: node.kf_goal.map(|k| k.id.clone()),
            goal_area: node.area.map(|a| a.id.clone()),
            indicators,
            proposal,
            assessment: comparison,
            texts_without_level: assessment.is_some_and(|a| a.level.is_none()),
            text_claims,
        });
    }

    let assessed: Vec<(GoalLevel, Option<&str>)> =
        goals.iter().map(|g| (g.level, g.assessment.as_ref().map(|a| a.level.key.as_str()))).collect();
    let proposed: Vec<(GoalLevel, Option<&str>)> =
        goals.iter().map(|g| (g.level, g.proposal.level.as_ref().map(|l| l.key.as_str()))).collect();
    let by_goal_level = [GoalLevel::Goal, GoalLevel::KfGoal, GoalLevel::GoalArea]
        .into_iter()
        .map(|level| GoalLevelCount { level, count: goals.iter().filter(|g| g.level == level).count() })
        .filter(|c| c.count > 0)
        .collect();
    let summary = CommitteeSummary {
        goals: goals.len(),
        by_goal_level,
        assessed: count_levels_by_goal_level(&plan.scale, &assessed, ASSESSED),
        proposed: count_levels_by_goal_level(&plan.scale, &proposed, PROPOSED),
        agreeing: goals.iter().filter(|g| g.assessment.as_ref().is_some_and(|a| a.agreement == Agreement::Agree)).count(),
        differing: goals.iter().filter(|g| g.assessment.as_ref().is_some_and(AssessmentComparison::differs)).count(),
    };
    Ok(RoundAnalysis {
        committee: plan.committee_key(),
        round: RoundInfo {
            id: round.id.clone(),
            kind: round.kind,
            label: round.label.clone(),
            year: rp.year,
            period: rp.period,
            full_year: rp.full_year,
        },
        rule,
        goals,
        summary,
        flags,
    })
}

/// Adds what the follow-up says of an indicator: its judgement on the indicator scale, its comment,
/// and a typed trend, which is used only where the numbers give none (and kept beside a computed
/// trend it contradicts).
fn apply_followup(a: &mut IndicatorAnalysis, j: &IndicatorFollowUp, plan: &Plan) {
    a.judgement = j.judgement.as_deref().and_then(|key| {
        let level = plan.indicator_scale.as_ref()?.level(key)?;
        Some(Judgement { key: level.key.clone(), label: level.label.clone() })
    });
    a.comment = j.comment.clone();
    match (a.trend, j.trend) {
        (None, Some(typed)) => {
            a.trend = Some(typed);
            a.trend_source = Some(TrendSource::Typed);
        }
        (Some(computed), Some(typed)) if computed != typed => a.typed_trend = Some(typed),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use styr_domain::{Direction, Outcome, Plan};

    use super::*;
    use crate::test_support::*;
    use crate::{FlagKind, Severity};

    /// Two goals: `a` (two indicators, both reach) and `b` (lower is better, one of two reaches,
    /// one without outcome).
    fn two_goals() -> (Plan, Vec<Outcome>) {
        let plan = plan(vec![
            goal(
                "a",
                vec![
                    indicator("a1", "Hemtjänst bemötande", Direction::Higher, &[(2023, 90.0)], Some((2030, 95.0))),
                    indicator("a2", "Särskilt boende bemötande", Direction::Higher, &[(2023, 80.0)], Some((2030, 90.0))),
                ],
            ),
            goal(
                "b",
                vec![
                    indicator("b1", "Sjukfrånvaro", Direction::Lower, &[(2023, 9.2)], Some((2030, 8.0))),
                    indicator("b2", "Timanställda", Direction::Lower, &[(2023, 17.0)], Some((2030, 10.0))),
                    indicator("b3", "Adekvat utbildning", Direction::Higher, &[(2023, 82.0)], Some((2030, 90.0))),
                ],
            ),
        ]);
        let outcomes =
            vec![outcome("a1", "2023", 91.0), outcome("a2", "2023", 80.0), outcome("b1", "2023", 8.7), outcome("b2", "2023", 20.0)];
        (plan, outcomes)
    }

    #[test]
    fn a_typed_trend_is_kept_where_the_numbers_give_none_and_flagged_where_they_contradict_it() {
        use styr_domain::{IndicatorFollowUp, Trend};
        let (plan, mut outcomes) = two_goals();
        outcomes.push(outcome("a1", "2022", 95.0));
        let typed = |i: &str, t| IndicatorFollowUp { indicator: i.into(), judgement: None, trend: Some(t), comment: None };
        let mut f = followup("helar", vec![]);
        f.indicators = vec![typed("a1", Trend::Increased), typed("a2", Trend::Unchanged)];
        let r = analyse_round(&plan, &outcomes, Some(&f), "helar").unwrap();
        let a1 = &r.goals[0].indicators[0];
        assert_eq!(
            (a1.trend, a1.trend_source, a1.typed_trend),
            (Some(Trend::Decreased), Some(TrendSource::Computed), Some(Trend::Increased))
        );
        let a2 = &r.goals[0].indicators[1];
        assert_eq!((a2.trend, a2.trend_source), (Some(Trend::Unchanged), Some(TrendSource::Typed)), "no 2022 outcome: the typed trend");
        let flags: Vec<&Flag> = r.flags.iter().filter(|f| f.kind == FlagKind::TrendContradictsNumbers).collect();
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].indicator.as_deref(), Some("a1"));
        assert!(flags[0].message.contains("anges som ökad men utfallet har minskat från 2022 (95 → 91)"), "{}", flags[0].message);
    }

    #[test]
    fn errors() {
        let (plan, outcomes) = two_goals();
        assert_eq!(analyse_round(&plan, &outcomes, None, "x").unwrap_err(), AnalysisError::UnknownRound("x".into()));
        let f = followup("d2", vec![]);
        assert_eq!(
            analyse_round(&plan, &outcomes, Some(&f), "helar").unwrap_err(),
            AnalysisError::FollowUpForOtherRound { followup: "d2".into(), round: "helar".into() }
        );
        let f = followup("helar", vec![assessment("zz", "hog", "", "")]);
        assert_eq!(analyse_round(&plan, &outcomes, Some(&f), "helar").unwrap_err(), AnalysisError::UnknownGoal("zz".into()));
        let f = followup("helar", vec![assessment("a", "grön", "", "")]);
        assert!(matches!(analyse_round(&plan, &outcomes, Some(&f), "helar"), Err(AnalysisError::UnknownAssessmentLevel { .. })));
    }

    #[test]
    fn assessments_against_proposals() {
        let (plan, outcomes) = two_goals();
        let f = followup("helar", vec![assessment("a", "hog", "", ""), assessment("b", "hog", "Vi väger in annat.", "")]);
        let r = analyse_round(&plan, &outcomes, Some(&f), "helar").unwrap();
        let (a, b) = (&r.goals[0], &r.goals[1]);
        assert_eq!(a.proposal.level.as_ref().unwrap().key, "helt");
        let ca = a.assessment.as_ref().unwrap();
        assert_eq!((ca.agreement, ca.rank_difference), (Agreement::HumanLower, Some(-1)));
        assert_eq!(ca.drivers, ["a1", "a2"]);
        assert_eq!(
            ca.explanation,
            "Bedömningen I hög grad uppfyllt är ett steg lägre än förslaget Helt uppfyllt. Når etappmålet: a1 och a2. Motivering saknas."
        );
        // b: 1 of 2 evaluated reach (50 %) -> Delvis; the human says I hög grad.
        assert_eq!(b.proposal.level.as_ref().unwrap().key, "delvis");
        let cb = b.assessment.as_ref().unwrap();
        assert_eq!((cb.agreement, cb.rank_difference), (Agreement::HumanHigher, Some(1)));
        assert_eq!((cb.drivers.as_slice(), cb.without_outcome.as_slice()), (["b2".to_string()].as_slice(), ["b3".to_string()].as_slice()));
        assert_eq!(r.summary.differing, 2);

        let kinds: Vec<(FlagKind, &str, Option<&str>, Severity)> =
            r.flags.iter().map(|f| (f.kind, f.goal.as_str(), f.indicator.as_deref(), f.severity)).collect();
        assert_eq!(
            kinds,
            [
                (FlagKind::DifferenceWithoutMotivation, "a", None, Severity::Warning),
                (FlagKind::MissingOutcome, "b", Some("b3"), Severity::Warning),
            ]
        );
        assert_eq!(r.flags[1].message, "”Adekvat utbildning” saknar utfall för 2023 men målet bedöms.");
    }

    #[test]
    fn unassessed_goals_get_no_outcome_flags() {
        let (plan, outcomes) = two_goals();
        let r = analyse_round(&plan, &outcomes, None, "helar").unwrap();
        assert!(r.flags.is_empty(), "{:?}", r.flags);
        assert!(r.goals.iter().all(|g| g.assessment.is_none() && g.text_claims.is_empty()));
        assert_eq!(r.summary.assessed.missing, 2);
        assert_eq!(r.summary.assessed.sentence.as_deref(), Some("Nämndens båda mål saknar bedömning."));
        assert_eq!(
            r.summary.proposed.sentence.as_deref(),
            Some("Ett av nämndens två mål föreslås bedömas som helt uppfyllt och ett som delvis uppfyllt.")
        );
    }

    #[test]
    fn targets_in_the_wrong_direction() {
        let (mut plan, outcomes) = two_goals();
        let goals = &mut plan.goal_areas[0].kf_goals[0].goals;
        goals[0].indicators[0].targets.etappmal.insert(2024, 88.0); // higher is better, but lower than 2023
        goals[1].indicators[0].targets.malvarde.as_mut().unwrap().value = Some(9.5); // lower is better, worse than 9.2
        goals[1].indicators[1].targets.etappmal.insert(2024, 16.0); // fine: lower
        let r = analyse_round(&plan, &outcomes, None, "helar").unwrap();
        let msgs: Vec<(&str, &str)> = r
            .flags
            .iter()
            .filter(|f| f.kind == FlagKind::TargetsWrongDirection)
            .map(|f| (f.indicator.as_deref().unwrap(), f.message.as_str()))
            .collect();
        assert_eq!(
            msgs,
            [
                ("a1", "Etappmålet för ”Hemtjänst bemötande” är lägre 2024 (88) än 2023 (90) fast högre värden är bättre."),
                ("b1", "Målvärdet för ”Sjukfrånvaro” (9,5 år 2030) är sämre än etappmålet för 2023 (9,2) fast lägre värden är bättre."),
            ]
        );
    }

    #[test]
    fn delar_round_flags_last_years_outcome() {
        let (plan, _) = two_goals();
        let outcomes = vec![outcome("a1", "2022", 91.0), outcome("a2", "2023-08", 80.0)];
        let f = followup("d2", vec![assessment("a", "helt", "", "")]);
        let r = analyse_round(&plan, &outcomes, Some(&f), "d2").unwrap();
        assert_eq!(r.round.period, "2023-08".parse().unwrap());
        assert!(!r.round.full_year);
        assert_eq!(r.goals[0].proposal.level.as_ref().unwrap().key, "helt");
        assert_eq!(r.flags.len(), 1);
        assert_eq!(
            (r.flags[0].severity, r.flags[0].message.as_str()),
            (Severity::Info, "”Hemtjänst bemötande” har inget utfall för 2023 ännu; analysen använder utfallet för 2022.")
        );
    }

    #[test]
    fn output_serialises_to_json() {
        let (plan, outcomes) = two_goals();
        let f = followup("helar", vec![assessment("a", "hog", "", "")]);
        let r = analyse_round(&plan, &outcomes, Some(&f), "helar").unwrap();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["round"]["kind"], "helår");
        assert_eq!(json["goals"][0]["indicators"][0]["status"], "reached");
        assert_eq!(json["goals"][0]["indicators"][0]["period"], "2023");
        assert_eq!(json["goals"][0]["proposal"]["basis"]["kind"], "threshold");
        assert_eq!(json["goals"][0]["assessment"]["agreement"], "human_lower");
        assert_eq!(json["flags"][0]["kind"], "difference_without_motivation");
    }
}
