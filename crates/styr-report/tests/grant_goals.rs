//! The economics grants table names the goal a grant serves, whatever its level.

use styr_domain::economics::{Grant, GrantKind};
use styr_domain::{Amount, EconomicFacts};
use styr_report::economics::{UnitScope, grants};

fn grant(id: &str, goal: Option<&str>) -> Grant {
    Grant {
        id: id.into(),
        name: format!("Bidrag {id}"),
        kind: GrantKind::Riktat,
        payer: None,
        year: 2024,
        received: Amount::from_ore(10_000_000),
        cost: Amount::from_ore(4_000_000),
        in_budget: None,
        goal: goal.map(String::from),
        comment: None,
        org_unit: None,
    }
}

#[test]
fn a_grant_names_its_goal_of_any_level() {
    let (file, text) = styr_demo::EXEMPELKOMMUN_PLAN;
    let plan = styr_formats::plan_file::parse(text, file).unwrap();
    let facts = EconomicFacts {
        grants: vec![
            grant("omrade", Some("livskvalitet")),
            grant("kf", Some("kf-trygg-omsorg")),
            grant("namnd", Some("trygg-aldreomsorg")),
            grant("utan", None),
        ],
        ..Default::default()
    };
    let t = grants(&facts, &plan, 2024, UnitScope::all()).unwrap();
    let goal_col = t.header.len() - 1;
    let goals: Vec<&str> = t.rows.iter().take(4).map(|r| r[goal_col].text.as_str()).collect();
    assert_eq!(
        goals,
        [
            "Invånarna har god livskvalitet hela livet",
            "Invånare som behöver stöd får en trygg och jämlik omsorg",
            "Äldre som har hemtjänst eller bor på särskilt boende känner sig trygga",
            "",
        ]
    );
}
