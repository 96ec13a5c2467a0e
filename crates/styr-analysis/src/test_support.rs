//! Builders for plans, outcomes and follow-ups in unit tests.

use chrono::NaiveDate;
use styr_domain::*;

pub fn huddinge_scale() -> SignalScale {
    let l = |key: &str, label: &str, evaluated| ScaleLevel { key: key.into(), label: label.into(), color: "#000".into(), evaluated };
    SignalScale {
        id: "huddinge".into(),
        name: "Måluppfyllelse".into(),
        levels: vec![
            l("ej", "Ej uppfyllt", true),
            l("delvis", "Delvis uppfyllt", true),
            l("hog", "I hög grad uppfyllt", true),
            l("helt", "Helt uppfyllt", true),
            l("ej_utv", "Ej utvärderad", false),
        ],
    }
}

pub fn indicator(id: &str, title: &str, direction: Direction, etappmal: &[(i32, f64)], malvarde: Option<(i32, f64)>) -> Indicator {
    Indicator {
        id: id.into(),
        title: title.into(),
        unit: Unit::Percent,
        direction: Some(direction),
        source: Some(IndicatorSource::Own("test".into())),
        decimals: 1,
        targets: Targets {
            etappmal: etappmal.iter().copied().collect(),
            malvarde: malvarde.map(|(year, v)| TargetValue { year, value: Some(v) }),
        },
        note: None,
    }
}

pub fn goal(id: &str, indicators: Vec<Indicator>) -> Goal {
    Goal { id: id.into(), title: format!("Mål {id}"), indicators, ..Default::default() }
}

fn round(id: &str, kind: RoundKind, (y, m, d): (i32, u32, u32)) -> ReportRound {
    ReportRound { id: id.into(), kind, period_end: NaiveDate::from_ymd_opt(y, m, d).unwrap(), label: id.into() }
}

/// A 2023 plan with rounds `d2` (delår through August) and `helar`.
pub fn plan(goals: Vec<Goal>) -> Plan {
    Plan {
        municipality: Municipality { code: MunicipalityCode::try_from("0126".to_string()).unwrap(), name: "Huddinge".into() },
        committee: Committee { id: "von".into(), name: "Vård- och omsorgsnämnden".into() },
        year: 2023,
        scale: huddinge_scale(),
        organisation: vec![],
        rounds: vec![round("d2", RoundKind::Interim, (2023, 8, 31)), round("helar", RoundKind::Annual, (2023, 12, 31))],
        goal_areas: vec![GoalArea {
            id: "area".into(),
            title: "Område".into(),
            kf_goals: vec![KfGoal { id: "kf".into(), title: "KF-mål".into(), goals, ..Default::default() }],
            ..Default::default()
        }],
        goals: vec![],
        indicator_scale: None,
        indicator_columns: vec![],
        commissions: vec![],
        risks: vec![],
        control_points: vec![],
        key_figures: vec![],
        assessment_rule: None,
        require_assessment_rule: false,
    }
}

pub fn outcome(indicator: &str, period: &str, value: f64) -> Outcome {
    full(indicator, period, Gender::T, "", Some(value))
}

pub fn missing(indicator: &str, period: &str, note: &str) -> Outcome {
    let mut o = full(indicator, period, Gender::T, "", None);
    o.note = Some(note.into());
    o
}

pub fn full(indicator: &str, period: &str, gender: Gender, comparison: &str, value: Option<f64>) -> Outcome {
    Outcome {
        indicator: indicator.into(),
        period: period.parse().unwrap(),
        gender,
        comparison: Comparison::parse(comparison).unwrap(),
        regi: None,
        value,
        status: if value.is_some() { OutcomeStatus::Final } else { OutcomeStatus::Missing },
        note: None,
    }
}

pub fn assessment(goal: &str, level: &str, motivation: &str, analysis: &str) -> Assessment {
    Assessment {
        goal: goal.into(),
        level: Some(level.into()),
        motivation: motivation.into(),
        analysis: analysis.into(),
        work_done: String::new(),
    }
}

pub fn followup(round: &str, assessments: Vec<Assessment>) -> FollowUp {
    FollowUp {
        committee: "0126-von".into(),
        year: 2023,
        round: round.into(),
        summary: None,
        assessments,
        indicators: vec![],
        commissions: vec![],
        risks: vec![],
        controls: vec![],
        control_summary: None,
        sections: vec![],
        footnotes: vec![],
    }
}
