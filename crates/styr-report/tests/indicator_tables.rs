//! Indicator tables show the columns the plan configures: years, a year to date, `Prel.` when every
//! outcome of a column is preliminary; a KF-mål's table like a nämndmål's.

use std::collections::BTreeSet;

use styr_formats::{outcomes_csv, plan_file};
use styr_report::goals::{assessment_overview, indicator_table_of};

const PLAN: &str = include_str!("../../../demo/exempelkommun-2024-plan.yaml");
const OUTCOMES: &str = include_str!("../../../demo/exempelkommun-2024-outcomes.csv");

fn texts(row: &[styr_report::Cell]) -> Vec<&str> {
    row.iter().map(|c| c.text.as_str()).collect()
}

#[test]
fn the_columns_of_each_goal_and_their_cells() {
    let plan = plan_file::parse(PLAN, "plan.yaml").unwrap();
    let ids: BTreeSet<String> = plan.indicators().map(|(_, i)| i.id.clone()).collect();
    let outcomes = outcomes_csv::parse(OUTCOMES, "outcomes.csv", &ids).unwrap();
    let table = |goal: &str| {
        let node = plan.goal_node(goal).unwrap();
        indicator_table_of(&plan, node, &outcomes, &styr_report::goals::columns_for(&plan, goal))
    };

    let kf = table("kf-trygg-omsorg");
    assert_eq!(kf.header, ["Indikatorer", "2022", "2023", "Prel. 2024", "Etappmål 2024", "Målvärde"]);
    assert_eq!(
        texts(&kf.rows[1]),
        ["Andel brukare som är ganska eller mycket nöjda med sitt särskilda boende, procent", "82", "83", "86", "85", ""]
    );

    let t = table("trygg-aldreomsorg");
    assert_eq!(t.header, ["Indikatorer", "2022", "2023", "jan–aug 2024", "Etappmål 2024", "Målvärde 2027"]);
    assert_eq!(texts(&t.rows[0])[1..], ["86", "88", "87", "88", "90"], "the total, not a regi's value");
    // A tertial outcome is not a year to date: the jan–aug column stays empty rather than guessed.
    let b = table("barn-unga-stod");
    assert_eq!(texts(&b.rows[0])[1..], ["131", "124", "", "110", ""]);
    assert_eq!(texts(&b.rows[1])[1..], ["", "", "412", "", ""]);

    // The målbedömning lists the nämndmål, also those without KF-mål (an empty KF-mål cell).
    let overview = assessment_overview(&plan, None);
    let arbetsmiljo = overview.rows.iter().find(|r| r[2].text == "Sjukfrånvaron i förvaltningen minskar").unwrap();
    assert_eq!(texts(arbetsmiljo)[..2], ["Exempelkommun är en attraktiv arbetsgivare", ""]);
    assert_eq!(overview.rows.len(), 5);
}
