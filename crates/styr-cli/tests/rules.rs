//! The rules a committee works by are printable: the plan's assessment rule (or the default for its
//! scale, marked as such), a plan that requires an explicit rule, and the ledger mapping.

mod common;

use std::path::Path;

use common::{TempDir, demo_file, fails, ok};
use serde_json::Value;

/// The text of the cells of a table printed as JSON, row by row.
fn cells(table: &Value) -> Vec<Vec<String>> {
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect())
        .collect()
}

fn tables(db: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str::<Value>(&ok(db, &all)).unwrap().as_array().unwrap().clone()
}

fn rule(db: &Path, year: &str, committee: &str) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let t = tables(db, &["rules", "list", "--year", year, "--committee", committee]);
    assert_eq!(t.len(), 2, "{t:?}");
    (cells(&t[0]), cells(&t[1]))
}

fn value<'a>(about: &'a [Vec<String>], name: &str) -> &'a str {
    about.iter().find(|r| r[0] == name).map(|r| r[1].as_str()).unwrap_or_else(|| panic!("no `{name}` in {about:?}"))
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|s| s.to_string()).collect()
}

/// The Exempelkommun plan with `extra` inserted before its goals.
fn exempelkommun_with(dir: &TempDir, name: &str, extra: &str) -> String {
    let plan = std::fs::read_to_string(demo_file("exempelkommun-2024-plan.yaml")).unwrap();
    let file = dir.path(name);
    std::fs::write(&file, plan.replacen("\ngoal_areas:\n", &format!("\n{extra}goal_areas:\n"), 1)).unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn assessment_rules_print_the_plans_rule_or_the_default_for_its_scale() {
    let dir = TempDir::new("rules-list");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);

    // Huddinge 2023: no rule of its own, the default for a four-level scale.
    let (about, thresholds) = rule(&db, "2023", "0126-von");
    assert!(value(&about, "Regel").starts_with("standardregel för skalan"), "{about:?}");
    assert_eq!(value(&about, "Minsta andel med utfall"), "50 % (annars Ej utvärderad)");
    assert_eq!(value(&about, "Skala"), "Måluppfyllelse (huddinge)");
    assert_eq!(
        thresholds,
        [
            row(&["1", "helt", "Helt uppfyllt", "alla"]),
            row(&["2", "hog", "I hög grad uppfyllt", "över 50 %"]),
            row(&["3", "delvis", "Delvis uppfyllt", "över 0 %"]),
            row(&["4", "ej", "Ej uppfyllt", "övriga"]),
        ]
    );

    // Helsingborg 2024: two levels and no "not evaluated" level.
    let (about, thresholds) = rule(&db, "2024", "1283-von");
    assert!(value(&about, "Regel").starts_with("standardregel"), "{about:?}");
    assert_eq!(value(&about, "Minsta andel med utfall"), "50 % (annars inget förslag)");
    assert_eq!(thresholds, [row(&["1", "uppnatt", "Uppnått", "alla"]), row(&["2", "inte", "Inte uppnått", "övriga"])]);

    // Exempelkommun 2024: the default until the plan states a rule, then the plan's own.
    let (about, thresholds) = rule(&db, "2024", "9998-sn");
    assert!(value(&about, "Regel").starts_with("standardregel"), "{about:?}");
    assert_eq!(thresholds[1], row(&["2", "hog", "I hög grad uppfyllt", "över 50 %"]));
    let own = "assessment_rule:\n  method: share_reaching_etappmal\n  min_share_with_outcome: 0.8\n  thresholds:\n    \
               - { level: helt, at_least: 1.0 }\n    - { level: hog, at_least: 0.75 }\n    - { level: delvis, above: 0.0 }\n    \
               - { level: ej, at_least: 0.0 }\n";
    ok(&db, &["plan", "import", &exempelkommun_with(&dir, "own-rule.yaml", own)]);
    let (about, thresholds) = rule(&db, "2024", "9998-sn");
    assert_eq!(value(&about, "Regel"), "planens regel");
    assert_eq!(value(&about, "Metod"), "andel indikatorer som når årets etappmål");
    assert_eq!(value(&about, "Minsta andel med utfall"), "80 % (annars Ej utvärderad)");
    assert_eq!(thresholds[1], row(&["2", "hog", "I hög grad uppfyllt", "minst 75 %"]));
    assert_eq!(thresholds.len(), 4);

    // Table and CSV print the same cells.
    let table = ok(&db, &["rules", "list", "--year", "2023", "--committee", "0126-von"]);
    assert!(table.contains("Trösklar, bästa nivå först") && table.contains("över 50 %"), "{table}");
    let csv = ok(&db, &["rules", "list", "--year", "2023", "--committee", "0126-von", "--format", "csv"]);
    assert!(csv.lines().any(|l| l == "Trösklar, bästa nivå först;2;hog;I hög grad uppfyllt;över 50 %"), "{csv}");
}

#[test]
fn a_plan_that_requires_a_rule_gets_no_proposal_and_says_why() {
    let dir = TempDir::new("rules-required");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let assess = ["assess", "--year", "2024", "--round", "d2", "--committee", "9998-sn"];
    let proposals = |db: &Path| -> Vec<(Value, String)> {
        let mut args = assess.to_vec();
        args.extend(["--format", "json"]);
        let json: Value = serde_json::from_str(&ok(db, &args)).unwrap();
        json["goals"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| (g["proposal"]["level"].clone(), g["proposal"]["basis"]["kind"].as_str().unwrap().to_string()))
            .collect()
    };
    assert!(proposals(&db).iter().any(|(level, _)| !level.is_null()), "the default rule proposes levels");

    ok(&db, &["plan", "import", &exempelkommun_with(&dir, "required.yaml", "require_assessment_rule: true\n")]);
    let after = proposals(&db);
    assert!(!after.is_empty());
    assert!(after.iter().all(|(level, kind)| level.is_null() && kind == "rule_required"), "{after:?}");
    let text = ok(&db, &assess);
    assert!(text.contains("planen kräver en uttrycklig bedömningsregel"), "{text}");

    let (about, thresholds) = rule(&db, "2024", "9998-sn");
    assert!(value(&about, "Regel").contains("planen kräver en uttrycklig bedömningsregel"), "{about:?}");
    assert!(thresholds.is_empty(), "{thresholds:?}");
    let exported = ok(&db, &["plan", "export", "--year", "2024", "--committee", "9998-sn"]);
    assert!(exported.contains("require_assessment_rule: true"), "the plan file keeps it");
}

#[test]
fn the_ledger_mapping_prints_rows_and_cost_centres() {
    let dir = TempDir::new("mapping-list");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let t = tables(&db, &["ledger", "mapping-list", "--committee", "9999-von"]);
    assert_eq!(t.len(), 2);
    assert_eq!(t[0]["title"], "Rader i driftredovisningen");
    let rows = cells(&t[0]);
    assert_eq!(rows[0], row(&["1", "intakter", "Verksamhetens intäkter", "3000-3999"]));
    assert_eq!(rows[4], row(&["5", "ovrigt", "Övriga kostnader", "4100-4999, 6000-6099, 6200-7999"]));
    assert_eq!(rows.len(), 6);
    assert_eq!(t[1]["title"], "Kostnadsställen (SIE-dimension 1)");
    let centres = cells(&t[1]);
    assert_eq!(centres[1], row(&["1101-1199", "hemtjanst", "Hemtjänst"]));
    assert_eq!(centres.len(), 8);

    let csv = ok(&db, &["ledger", "mapping-list", "--committee", "9999-von", "--format", "csv"]);
    assert!(csv.lines().any(|l| l == "Kostnadsställen (SIE-dimension 1);1201-1299;sabo;Särskilt boende"), "{csv}");
    let table = ok(&db, &["ledger", "mapping-list", "--committee", "9999-von"]);
    assert!(table.contains("Personalkostnader") && table.contains("Daglig verksamhet LSS"), "{table}");

    let err = fails(&db, &["ledger", "mapping-list", "--committee", "0126-von"]);
    assert!(err.contains("0126-von har ingen kontomappning"), "{err}");
}
