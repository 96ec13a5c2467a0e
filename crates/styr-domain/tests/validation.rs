//! The domain's rules on plain values, without any file: every error names the path of the value at
//! fault, as a web form needs it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use styr_domain::economics::{EconomicFacts, EconomicLine, Investment, LineKind};
use styr_domain::ledger_mapping::{CodeRange, CostCentreRule, LedgerMapping, MappedRow};
use styr_domain::personnel::{PersonnelFacts, PersonnelStat, Window};
use styr_domain::validation::{self, FieldPath};
use styr_domain::*;

fn indicator(id: &str) -> Indicator {
    Indicator {
        id: id.into(),
        title: format!("Indikator {id}"),
        unit: Unit::Percent,
        direction: Some(Direction::Higher),
        source: Some(IndicatorSource::Own("Förvaltningen".into())),
        decimals: 0,
        targets: Targets { etappmal: BTreeMap::from([(2024, 80.0)]), malvarde: Some(TargetValue { year: 2030, value: Some(90.0) }) },
        note: None,
    }
}

fn goal(id: &str, indicators: Vec<Indicator>) -> Goal {
    Goal { id: id.into(), title: format!("Mål {id}"), indicators, ..Default::default() }
}

fn level(key: &str, evaluated: bool) -> ScaleLevel {
    ScaleLevel { key: key.into(), label: key.to_uppercase(), color: "#1a9641".into(), evaluated }
}

/// A small valid plan: one målområde, one KF-mål, two nämndmål with an indicator each.
fn plan() -> Plan {
    Plan {
        municipality: Municipality { code: MunicipalityCode::try_from("0126".to_string()).unwrap(), name: "Huddinge".into() },
        committee: Committee { id: "von".into(), name: "Vård- och omsorgsnämnden".into() },
        year: 2024,
        scale: SignalScale {
            id: "s".into(),
            name: "Måluppfyllelse".into(),
            levels: vec![level("ej", true), level("delvis", true), level("helt", true), level("ej_utv", false)],
        },
        organisation: vec![OrgUnit {
            id: "von".into(),
            name: "Nämnden".into(),
            kind: "nämnd".into(),
            regi: None,
            kolada_ou: None,
            children: vec![OrgUnit {
                id: "aldre".into(),
                name: "Äldre".into(),
                kind: "verksamhet".into(),
                regi: None,
                kolada_ou: None,
                children: vec![],
            }],
        }],
        rounds: vec![ReportRound {
            id: "helar".into(),
            kind: RoundKind::Annual,
            period_end: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap(),
            label: "Helår".into(),
        }],
        goal_areas: vec![GoalArea {
            id: "social".into(),
            title: "Social hållbarhet".into(),
            kf_goals: vec![KfGoal {
                id: "kf-trygg".into(),
                title: "Trygg kommun".into(),
                goals: vec![goal("trygghet", vec![indicator("trygg-hemtjanst")]), goal("delaktighet", vec![indicator("aktiviteter")])],
                ..Default::default()
            }],
            ..Default::default()
        }],
        goals: vec![],
        indicator_scale: None,
        indicator_columns: vec![],
        commissions: vec![Commission {
            id: "fixare".into(),
            origin: CommissionOrigin::Namnd,
            source: None,
            goal: Some("trygghet".into()),
            text: "Utred en digital fixare".into(),
            group: None,
            start: None,
            end: None,
        }],
        risks: vec![],
        control_points: vec![],
        key_figures: vec![],
        assessment_rule: None,
        require_assessment_rule: false,
    }
}

fn paths(errors: &[ValidationError]) -> Vec<String> {
    errors.iter().map(|e| e.path.to_string()).collect()
}

#[test]
fn a_valid_plan_breaks_no_rule() {
    assert_eq!(validation::plan(&plan()), vec![]);
}

#[test]
fn a_repeated_id_names_the_repeat_and_the_first_use() {
    let mut p = plan();
    p.goal_areas[0].kf_goals[0].goals[1].indicators[0].id = "trygg-hemtjanst".into();
    let errors = validation::plan(&p);
    assert_eq!(paths(&errors), ["goal_areas[0].kf_goals[0].goals[1].indicators[0].id"]);
    assert_eq!(errors[0].message, "indicator id `trygg-hemtjanst` is used twice");
    assert_eq!(errors[0].related, Some(FieldPath::parse("goal_areas[0].kf_goals[0].goals[0].indicators[0].id")));
    assert_eq!(
        errors[0].to_string(),
        "field `goal_areas[0].kf_goals[0].goals[1].indicators[0].id`: indicator id `trygg-hemtjanst` is used twice"
    );
}

#[test]
fn every_broken_rule_is_reported_with_its_path() {
    let mut p = plan();
    p.year = 24;
    p.scale.levels[1].color = "grön".into();
    p.organisation[0].children[0].id = "Äldre omsorg".into();
    p.rounds[0].period_end = NaiveDate::from_ymd_opt(2023, 12, 31).unwrap();
    let ind = &mut p.goal_areas[0].kf_goals[0].goals[0].indicators[0];
    ind.targets.etappmal.insert(2025, f64::NAN);
    ind.decimals = 9;
    p.commissions[0].goal = Some("okänt-mål".into());
    p.assessment_rule = Some(AssessmentRule {
        method: RuleMethod::ShareReachingEtappmal,
        min_share_with_outcome: 1.5,
        thresholds: vec![Threshold { level: "hog".into(), at_least: Some(0.6), above: None }],
    });
    let errors = validation::plan(&p);
    assert_eq!(
        paths(&errors),
        [
            "year",
            "scale.levels[1].color",
            "organisation[0].children[0].id",
            "rounds[0].period_end",
            "goal_areas[0].kf_goals[0].goals[0].indicators[0].decimals",
            "goal_areas[0].kf_goals[0].goals[0].indicators[0].targets.etappmal.2025",
            "commissions[0].goal",
            "assessment_rule.min_share_with_outcome",
            "assessment_rule.thresholds[0].level",
        ]
    );
    let level = errors.last().unwrap();
    assert_eq!(level.message, "unknown level `hog`, expected one of the scale's evaluated levels `ej`, `delvis`, `helt`");
    assert_eq!(errors[6].message, "no goal with id `okänt-mål` in the plan");
}

#[test]
fn the_organisation_has_one_root() {
    let mut p = plan();
    let second = p.organisation[0].children.remove(0);
    p.organisation.push(second);
    assert_eq!(paths(&validation::plan(&p)), ["organisation[1]"]);
}

#[test]
fn a_followup_is_checked_against_its_plan() {
    let p = plan();
    let assessment = |goal: &str, level: &str| Assessment {
        goal: goal.into(),
        level: Some(level.into()),
        motivation: String::new(),
        analysis: String::new(),
        work_done: String::new(),
    };
    let mut f = FollowUp {
        committee: "0126-von".into(),
        year: 2024,
        round: "helar".into(),
        summary: None,
        assessments: vec![assessment("trygghet", "helt"), assessment("delaktighet", "ej_utv")],
        indicators: vec![],
        commissions: vec![CommissionFollowUp { id: "fixare".into(), status: WorkStatus::Done, comment: String::new() }],
        risks: vec![],
        controls: vec![],
        control_summary: None,
        sections: vec![],
        footnotes: vec![],
    };
    assert_eq!(validation::followup(&f, &p), vec![]);
    f.round = "d3".into();
    f.assessments[1] = assessment("trygghet", "katastrof");
    f.commissions.push(CommissionFollowUp { id: "fixare".into(), status: WorkStatus::InProgress, comment: String::new() });
    f.risks.push(RiskFollowUp { id: "arkiv".into(), status: WorkStatus::Done, comment: String::new() });
    let errors = validation::followup(&f, &p);
    assert_eq!(paths(&errors), ["round", "assessments[1].goal", "assessments[1].level", "commissions[1].id", "risks[0].id"]);
    assert_eq!(errors[0].message, "unknown round `d3`, expected one of the plan's rounds `helar`");
    assert_eq!(errors[2].message, "unknown level `katastrof`, expected one of `ej`, `delvis`, `helt`, `ej_utv`");
    assert_eq!(errors[3].related, Some(FieldPath::parse("commissions[0].id")));
}

#[test]
fn economic_lines_sum_other_lines_of_their_table_without_loops() {
    let line = |id: &str, sum_of: &[&str]| EconomicLine {
        id: id.into(),
        table: "drift".into(),
        label: id.into(),
        kind: LineKind::Signed,
        sum_of: sum_of.iter().map(|s| s.to_string()).collect(),
        org_unit: None,
    };
    let investment = |id: &str, year| Investment {
        id: id.into(),
        number: None,
        name: id.into(),
        year,
        org_unit: None,
        category: None,
        budget: None,
        period_outcome: None,
        period: None,
        outcome: None,
        forecast: None,
        comment: None,
    };
    let mut facts = EconomicFacts {
        lines: vec![line("intakter", &[]), line("kostnader", &[]), line("resultat", &["intakter", "kostnader"])],
        investments: vec![investment("sabo", 2023), investment("sabo", 2024)],
        ..EconomicFacts::default()
    };
    assert_eq!(validation::economic_facts(&facts), vec![]);
    facts.lines[1].sum_of = vec!["resultat".into()];
    facts.lines[2].sum_of.push("saknas".into());
    facts.investments[1].year = 2023;
    let errors = validation::economic_facts(&facts);
    assert_eq!(paths(&errors), ["lines[2].sum_of[2]", "lines[1].sum_of", "investments[1].id"]);
    assert_eq!(errors[2].message, "investment id `sabo` is given twice for the same year");
}

#[test]
fn personnel_bands_and_ledger_mappings_name_their_fields() {
    let stat = PersonnelStat {
        measure: PersonnelMeasure::SickLeave,
        date: NaiveDate::from_ymd_opt(2024, 8, 31).unwrap(),
        window: Window::Month,
        from: None,
        label: None,
        org_unit: None,
        gender: Gender::T,
        age_band: Some("49-30".into()),
        length: None,
        employment: None,
        value: f64::INFINITY,
    };
    let errors = validation::personnel_facts(&PersonnelFacts { stats: vec![stat] });
    assert_eq!(paths(&errors), ["stats[0].age_band", "stats[0].value"]);

    let range = |s: &str| CodeRange::try_from(s.to_string()).unwrap();
    let mapping = LedgerMapping {
        cost_centre_dimension: 1,
        rows: vec![
            MappedRow { id: "personal".into(), label: "Personal".into(), accounts: vec![range("5000-5999")] },
            MappedRow { id: "personal".into(), label: "Lokaler".into(), accounts: vec![] },
        ],
        cost_centres: vec![CostCentreRule { codes: vec![range("100-199")], org_unit: "hemtjanst".into() }],
    };
    let errors = validation::ledger_mapping(&mapping, Some(&plan()));
    assert_eq!(paths(&errors), ["rows[1].id", "rows[1].accounts", "cost_centres[0].org_unit"]);
    assert_eq!(paths(&validation::ledger_mapping(&mapping, None)), ["rows[1].id", "rows[1].accounts"]);
}

#[test]
fn goal_ids_are_unique_across_levels_and_renames_name_ids_no_longer_used() {
    let mut p = plan();
    p.goal_areas[0].kf_goals[0].id = "trygghet".into();
    let errors = validation::plan(&p);
    assert_eq!(paths(&errors), ["goal_areas[0].kf_goals[0].goals[0].id"]);
    assert!(errors[0].message.contains("already used by a KF-mål"), "{}", errors[0].message);
    assert_eq!(errors[0].related, Some(FieldPath::parse("goal_areas[0].kf_goals[0].id")));

    let mut p = plan();
    p.goals.push(Goal {
        id: "arbetsmiljo".into(),
        title: "Arbetsmiljö".into(),
        renamed_from: Some("trygghet".into()),
        ..Default::default()
    });
    p.goal_areas[0].goals.push(Goal { id: "ny".into(), title: "Ny".into(), renamed_from: Some("Gammal Id".into()), ..Default::default() });
    let errors = validation::plan(&p);
    assert_eq!(paths(&errors), ["goal_areas[0].goals[0].renamed_from", "goals[0].renamed_from"]);
    assert!(errors[0].message.contains("not a valid goal id"), "{}", errors[0].message);
    assert!(errors[1].message.contains("still a goal of this plan"), "{}", errors[1].message);
}

#[test]
fn ids_are_what_the_docs_say() {
    for ok in ["a", "kf-trygg_2", &"x".repeat(80)] {
        assert!(is_valid_id(ok), "{ok}");
    }
    for bad in ["", "Stor", "ä-mål", "a.b", "a b", "a/b", &"x".repeat(81)] {
        assert!(!is_valid_id(bad), "{bad}");
    }
}

#[test]
fn followups_may_assess_any_level_and_judge_indicators_on_the_indicator_scale() {
    let mut p = plan();
    p.goal_areas[0].kf_goals[0].indicators.push(indicator("kf-ind"));
    let a = |goal: &str, level: Option<&str>| Assessment {
        goal: goal.into(),
        level: level.map(String::from),
        motivation: String::new(),
        analysis: "Text utan nivå".into(),
        work_done: String::new(),
    };
    let judge = |i: &str, j: Option<&str>| IndicatorFollowUp {
        indicator: i.into(),
        judgement: j.map(String::from),
        trend: Some(Trend::Increased),
        comment: None,
    };
    let mut f = FollowUp {
        committee: "0126-von".into(),
        year: 2024,
        round: "helar".into(),
        summary: None,
        assessments: vec![a("kf-trygg", Some("helt")), a("social", Some("delvis")), a("trygghet", None)],
        indicators: vec![judge("kf-ind", None)],
        commissions: vec![],
        risks: vec![],
        controls: vec![],
        control_summary: None,
        sections: vec![],
        footnotes: vec![],
    };
    assert_eq!(validation::followup(&f, &p), vec![]);
    f.indicators = vec![judge("kf-ind", Some("nara")), judge("okand", None), judge("kf-ind", None)];
    let errors = validation::followup(&f, &p);
    assert_eq!(paths(&errors), ["indicators[0].judgement", "indicators[1].indicator", "indicators[2].indicator"]);
    assert!(errors[0].message.contains("no indicator_scale"), "{}", errors[0].message);
    p.indicator_scale = Some(SignalScale { id: "i".into(), name: "Indikator".into(), levels: vec![level("nara", true)] });
    f.indicators = vec![judge("kf-ind", Some("nara")), judge("trygg-hemtjanst", Some("långt"))];
    let errors = validation::followup(&f, &p);
    assert_eq!(paths(&errors), ["indicators[1].judgement"]);
}
