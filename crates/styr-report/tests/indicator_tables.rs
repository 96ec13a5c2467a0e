//! Indicator tables show the columns the plan configures: years, a year to date, `Prel.` when every
//! outcome of a column is preliminary; a KF-mål's table like a nämndmål's.

use std::collections::BTreeSet;

use styr_formats::{outcomes_csv, plan_file};
use styr_report::goals::{assessment_overview, indicator_table_of};

const PLAN: &str = include_str!("../../../demo/exempelkommun-2024-plan.yaml");
const OUTCOMES: &str = include_str!("../../../demo/exempelkommun-2024-outcomes.csv");
const FOLLOWUP: &str = include_str!("../../../demo/exempelkommun-2024-followup.yaml");

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

/// The round's trend and bedömning come from the app layer (computed by `styr-analysis`); the table
/// prints each column only when some row has a value in it, and the round's footnotes mark the rows.
#[test]
fn a_rounds_trend_bedomning_and_footnotes_in_the_indicator_table() {
    use std::collections::BTreeMap;
    use styr_domain::Trend;
    use styr_report::goals::{IndicatorRound, indicator_table_for_round};
    use styr_report::report_parts::RoundNotes;

    let plan = plan_file::parse(PLAN, "plan.yaml").unwrap();
    let ids: BTreeSet<String> = plan.indicators().map(|(_, i)| i.id.clone()).collect();
    let outcomes = outcomes_csv::parse(OUTCOMES, "outcomes.csv", &ids).unwrap();
    let followup = styr_formats::followup_file::parse(FOLLOWUP, "followup.yaml").unwrap();
    let notes = RoundNotes::of(&followup);
    let goal = "barn-unga-stod";
    let table = |round: &BTreeMap<String, IndicatorRound>, notes: &RoundNotes| {
        indicator_table_for_round(
            &plan,
            plan.goal_node(goal).unwrap(),
            &outcomes,
            &styr_report::goals::columns_for(&plan, goal),
            round,
            notes,
        )
    };

    // Nothing for the round: the table as without one, no marker.
    let plain = table(&BTreeMap::new(), &RoundNotes::none());
    assert_eq!(plain.header.last().unwrap(), "Målvärde");
    assert!(plain.footnotes.is_empty() && plain.rows[0][0].footnotes.is_empty());

    // A trend on one row only: a Trend column, no Bedömning column.
    let trend_only = BTreeMap::from([(
        "utredningstid-barn".to_string(),
        IndicatorRound { trend: Some(Trend::Decreased), trend_typed: false, judgement: None },
    )]);
    let t = table(&trend_only, &notes);
    assert_eq!(t.header[t.header.len() - 2..], ["Målvärde", "Trend"]);
    assert_eq!(texts(&t.rows[0]).last(), Some(&"minskad"));
    assert!(t.rows[0].last().unwrap().derived, "a computed trend is a derived cell");
    assert_eq!(texts(&t.rows[1]).last(), Some(&""));

    let both = BTreeMap::from([
        (
            "utredningstid-barn".to_string(),
            IndicatorRound { trend: None, trend_typed: false, judgement: Some("Ej accepterat värde".into()) },
        ),
        (
            "orosanmalningar".to_string(),
            IndicatorRound { trend: Some(Trend::Increased), trend_typed: true, judgement: Some("Inget värde angivet".into()) },
        ),
    ]);
    let t = table(&both, &notes);
    assert_eq!(t.header[t.header.len() - 2..], ["Trend", "Bedömning"]);
    assert_eq!(texts(&t.rows[0])[t.header.len() - 2..], ["", "Ej accepterat värde"]);
    assert_eq!(texts(&t.rows[1])[t.header.len() - 2..], ["ökad", "Inget värde angivet"]);
    assert!(!t.rows[1][t.header.len() - 2].derived, "a typed trend is stored");
    // The demo's second footnote (numbered 2) is on utredningstid-barn; the title stays as written.
    assert_eq!(t.rows[0][0].text, "Genomsnittlig utredningstid för barn och unga, dagar");
    assert_eq!(t.rows[0][0].footnotes, ["2"]);
    assert!(t.rows[1][0].footnotes.is_empty());
    assert_eq!(t.footnotes, [styr_report::TableNote { marker: "2".into(), text: "Avser januari–augusti 2024.".into() }]);
}
