//! The demo data against the reports it was typed from: every table of the fixture
//! `demo/fixtures/published-tables.yaml` (transcribed from the reports independently of the demo
//! files) is rebuilt from the database and compared cell by cell.
//!
//! Stored values must match exactly. Derived cells (deviations, sums, percentages) may differ by the
//! report's own rounding: the reports compute them from unrounded amounts, so e.g. a deviation of
//! 98 tkr is printed where the rounded figures give 99.

use chrono::NaiveDate;
use serde::Deserialize;
use styr_domain::format_sv::parse_number;
use styr_report::{Cell, Table, economics, goals, key_figures, personnel};
use styr_store::{Actor, Store};

#[derive(Deserialize)]
struct Fixture {
    tables: Vec<FixtureTable>,
}

#[derive(Deserialize)]
struct FixtureTable {
    id: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// Tables of the fixture the demo does not hold (Helsingborg's economics are not part of the demo).
const NOT_IN_DEMO: [&str; 2] = ["helsingborg/resultatrakning", "helsingborg/per-verksamhet"];

fn normalise_text(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn cells_match(expected: &str, actual: &Cell) -> bool {
    let (e, a) = (expected.trim(), actual.text.trim());
    match (parse_number(e), parse_number(a)) {
        (Some(x), Some(y)) if actual.derived => {
            let tolerance = if e.ends_with('%') { (x.abs() * 0.01).max(0.15) } else { 3.0 };
            (x - y).abs() <= tolerance
        }
        (Some(_), Some(_)) => e.replace(['\u{a0}', ' '], "") == a.replace(['\u{a0}', ' '], ""),
        _ => normalise_text(e) == normalise_text(a),
    }
}

fn compare(id: &str, expected: &FixtureTable, actual: &Table, columns: &[usize], problems: &mut Vec<String>) {
    if expected.rows.len() != actual.rows.len() {
        problems.push(format!("{id}: {} rows in the report, {} rebuilt", expected.rows.len(), actual.rows.len()));
        return;
    }
    for (r, (erow, arow)) in expected.rows.iter().zip(&actual.rows).enumerate() {
        for (ci, &col) in columns.iter().enumerate() {
            let (Some(e), Some(a)) = (erow.get(ci), arow.get(col)) else {
                problems.push(format!("{id} row {r}: column {ci} missing"));
                continue;
            };
            if !cells_match(e, a) {
                problems.push(format!("{id} row {r} `{}`: report {e:?}, stored {:?}", expected.header[ci], a.text));
            }
        }
    }
}

fn all(t: &Table) -> Vec<usize> {
    (0..t.header.len()).collect()
}

#[tokio::test]
async fn demo_matches_the_published_tables() {
    let path = std::env::temp_dir().join(format!("styr-published-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    styr_demo::load(&store, &Actor::new("test")).await.unwrap();

    let (h, y) = (styr_demo::HUDDINGE, 2023);
    let plan = styr_store::plan::load_plan(&store, h, y).await.unwrap();
    let followup = styr_store::followup::load_followup(&store, h, y, "helar").await.unwrap();
    let outcomes = styr_store::outcomes::load_outcomes(&store, h, None).await.unwrap();
    let facts = styr_store::economics::load_economics(&store, h).await.unwrap();
    let staff = styr_store::personnel::load_personnel(&store, h).await.unwrap();
    let hbg = styr_store::plan::load_plan(&store, styr_demo::HELSINGBORG, 2024).await.unwrap();

    let fixture: Fixture = serde_yaml_ng::from_str(include_str!("../../../demo/fixtures/published-tables.yaml")).unwrap();
    let goals: Vec<_> = plan.goals().collect();
    let mut compared = 0;
    let mut problems = Vec::new();
    for ft in &fixture.tables {
        let id = ft.id.as_str();
        if NOT_IN_DEMO.contains(&id) {
            continue;
        }
        let (table, columns): (Table, Vec<usize>) = match id.split('/').collect::<Vec<_>>().as_slice() {
            ["huddinge", "malbedomning"] => {
                let t = goals::assessment_overview(&plan, Some(&followup));
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "indikatorer", n] => {
                let goal = goals[n.parse::<usize>().unwrap() - 1];
                let t = goals::indicator_table(&plan, goal, &outcomes, &[2021, 2022, 2023]);
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "uppdrag"] => (goals::commissions(&plan, Some(&followup)), vec![0, 1]),
            ["huddinge", "risker"] => (goals::risks(&plan, Some(&followup)), vec![0, 1, 2, 4]),
            ["huddinge", "drift"] => {
                let t = economics::operating_statement(&facts, "drift", y).unwrap();
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "eget-kapital"] => {
                let t = economics::equity(&facts, y);
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "verksamhet"] => {
                let t = economics::per_activity(&facts, "verksamhet", y).unwrap();
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "nettokostnad", n] => {
                let line = ["v-aldre", "v-lss", "v-fn"][n.parse::<usize>().unwrap() - 1];
                let t = economics::net_cost_development(&facts, line, &[2021, 2022, 2023]).unwrap();
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "sarskilda-satsningar"] => {
                let t = economics::targeted_funds(&facts, y, economics::UnitScope::all());
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "extern-finansiering"] => {
                let t = economics::grants(&facts, &plan, y, economics::UnitScope::all()).unwrap();
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "investeringar"] => {
                let t = economics::investments(&facts, y, economics::UnitScope::all()).unwrap();
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "antal-anstallda"] => {
                let d = |y| NaiveDate::from_ymd_opt(y, 12, 31).unwrap();
                let t = personnel::headcount(&staff, d(2022), d(2023));
                let c = all(&t);
                (t, c)
            }
            ["huddinge", "utforare"] => {
                let t = economics::providers(&facts);
                let c = all(&t);
                (t, c)
            }
            ["helsingborg", "nyckeltal", slug] => {
                let index = ["vardboende", "hemvard", "lss", "forebyggande", "ekonomi", "medarbetare", "innovation"]
                    .iter()
                    .position(|s| s == slug)
                    .unwrap_or_else(|| panic!("unknown nyckeltal table {slug}"));
                let t = key_figures::table(&hbg.key_figures[index], &[2020, 2021, 2022, 2023, 2024]);
                let c = all(&t);
                (t, c)
            }
            _ => panic!("the fixture has a table this test does not know: {id}"),
        };
        compare(id, ft, &table, &columns, &mut problems);
        compared += 1;
    }
    drop(store);
    let _ = std::fs::remove_file(&path);
    assert_eq!(compared, fixture.tables.len() - NOT_IN_DEMO.len());
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.join("\n"));
}
