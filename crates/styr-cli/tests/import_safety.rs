//! Imports that cannot lose data silently: removals need `--prune`, a ledger losing more than a
//! tenth of a year needs `--force`, `--dry-run` writes nothing, and economics and personnel files
//! replace only the years they hold.

mod common;

use common::{TempDir, demo_file, fails, ok};

fn goal_count(db: &std::path::Path) -> usize {
    let json: serde_json::Value =
        serde_json::from_str(&ok(db, &["goals", "list", "--year", "2023", "--committee", "0126-von", "--format", "json"])).unwrap();
    json.as_array().unwrap().len()
}

#[test]
fn a_truncated_plan_removes_nothing_without_prune() {
    let dir = TempDir::new("truncated-plan");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let plan = ok(&db, &["plan", "export", "--year", "2023", "--committee", "0126-von"]);
    // Cut where the second goal area begins: still a valid plan, but most goals are gone.
    let cut = plan.find("\n- id: ekologisk").expect("the export lists the goal area ekologisk");
    let file = dir.path("truncated.yaml");
    std::fs::write(&file, &plan[..cut + 1]).unwrap();
    let file = file.to_str().unwrap();

    let err = fails(&db, &["plan", "import", file]);
    assert!(err.contains("skulle tas bort") && err.contains("goals") && err.contains("--prune"), "{err}");
    assert_eq!(goal_count(&db), 8, "a refused import changed the plan");

    let preview = ok(&db, &["plan", "import", file, "--prune", "--dry-run"]);
    assert!(preview.contains("provkörning, inget sparades"), "{preview}");
    assert!(preview.lines().any(|l| l.trim_start().starts_with("goals: 0 nya, 0 ändrade, ") && !l.ends_with(" 0 borttagna")), "{preview}");
    assert_eq!(goal_count(&db), 8, "a dry run changed the plan");

    ok(&db, &["plan", "import", file, "--prune"]);
    assert!(goal_count(&db) < 8, "--prune did not remove the goals the file lacks");
}

#[test]
fn an_economics_or_personnel_file_replaces_only_its_own_years() {
    let dir = TempDir::new("years");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let drift = ["economics", "drift", "--year", "2023", "--committee", "0126-von", "--format", "csv"];
    let before = ok(&db, &drift);
    let staff_before = ok(&db, &["personnel", "list", "--committee", "0126-von", "--format", "csv"]);

    let economics = dir.path("e2024.yaml");
    std::fs::write(
        &economics,
        "format: styr-economics/1\ncommittee: 0126-von\nunit: tkr\nlines:\n  - { id: intakter, table: drift, label: Verksamhetens intäkter, kind: signed }\namounts:\n  - line: intakter\n    budget: { \"2024\": 1000000 }\n",
    )
    .unwrap();
    let out = ok(&db, &["economics", "import-facts", economics.to_str().unwrap()]);
    assert!(out.starts_with("Ekonomi: 1 nya, 0 ändrade, 0 borttagna"), "{out}");
    assert_eq!(ok(&db, &drift), before, "importing 2024 changed 2023");

    let personnel = dir.path("p2024.yaml");
    std::fs::write(
        &personnel,
        "format: styr-personnel/1\ncommittee: 0126-von\nstats:\n  - { measure: headcount, date: 2024-12-31, value: 1500 }\n",
    )
    .unwrap();
    let out = ok(&db, &["personnel", "import", personnel.to_str().unwrap()]);
    assert!(out.starts_with("Personal: 1 nya, 0 ändrade, 0 borttagna"), "{out}");
    let staff_after = ok(&db, &["personnel", "list", "--committee", "0126-von", "--format", "csv"]);
    for line in staff_before.lines().skip(1) {
        assert!(staff_after.contains(line), "importing 2024 removed `{line}`");
    }
}

#[test]
fn a_truncated_ledger_is_refused_without_force() {
    let dir = TempDir::new("truncated-sie");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let drift = ["economics", "drift", "--year", "2025", "--round", "d2", "--committee", "9999-von", "--format", "csv"];
    let before = ok(&db, &drift);

    // The demo's 2025 ledger cut at a line boundary half-way: every line is well-formed.
    let full = std::fs::read(demo_file("demo-kommun-2025-aug.se")).unwrap();
    let mut cut = full.len() / 2;
    while full[cut - 1] != b'\n' {
        cut -= 1;
    }
    let file = dir.path("cut.se");
    std::fs::write(&file, &full[..cut]).unwrap();
    let file = file.to_str().unwrap();

    let err = fails(&db, &["ledger", "import", file, "--committee", "9999-von"]);
    assert!(err.contains("mer än en tiondel") && err.contains("--force"), "{err}");
    assert_eq!(ok(&db, &drift), before, "a refused ledger import changed the ledger");

    let preview = ok(&db, &["ledger", "import", file, "--committee", "9999-von", "--force", "--dry-run"]);
    assert!(preview.contains("provkörning") && preview.contains("ledger_amounts"), "{preview}");
    assert_eq!(ok(&db, &drift), before, "a dry run changed the ledger");
}

#[test]
fn a_file_larger_than_any_format_allows_is_refused_before_it_is_read() {
    let dir = TempDir::new("huge");
    let db = dir.path("d.db");
    // A sparse file: its length is all the check reads.
    let file = dir.path("huge.yaml");
    std::fs::File::create(&file).unwrap().set_len(65 * 1024 * 1024).unwrap();
    let err = fails(&db, &["plan", "import", file.to_str().unwrap()]);
    assert!(err.contains("huge.yaml") && err.contains("at most 64 MiB"), "{err}");
}

#[test]
fn a_goal_with_assessments_is_removed_only_when_told_and_a_rename_keeps_them() {
    let dir = TempDir::new("renamed-goal");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let goals = |db: &std::path::Path| -> Vec<(String, Option<String>)> {
        let json: serde_json::Value =
            serde_json::from_str(&ok(db, &["goals", "list", "--year", "2024", "--committee", "9998-sn", "--format", "json"])).unwrap();
        json.as_array()
            .unwrap()
            .iter()
            .map(|g| (g["id"].as_str().unwrap().to_string(), g["assessment"].as_str().map(String::from)))
            .collect()
    };
    let before = goals(&db);
    let plan = std::fs::read_to_string(demo_file("exempelkommun-2024-plan.yaml")).unwrap();

    // The arbetsmiljömål left out: refused, naming the goal and the round of its assessment.
    let start = plan.find("    goals:\n      - id: arbetsmiljo").expect("the demo's arbetsmiljömål");
    let end = plan[start..].find("  - id: ekonomi").unwrap() + start;
    let file = dir.path("without.yaml");
    std::fs::write(&file, format!("{}{}", &plan[..start], &plan[end..])).unwrap();
    let err = fails(&db, &["plan", "import", file.to_str().unwrap()]);
    assert!(err.contains("`arbetsmiljo` (bedömd i d2)") && err.contains("renamed_from") && err.contains("--prune"), "{err}");
    assert_eq!(goals(&db), before, "a refused import changed the goals");

    // Renamed with renamed_from: accepted without --prune, and the assessment follows the goal.
    let file = dir.path("renamed.yaml");
    let renamed =
        plan.replacen("      - id: arbetsmiljo\n", "      - id: arbetsmiljo-sjukfranvaro\n        renamed_from: arbetsmiljo\n", 1);
    std::fs::write(&file, renamed).unwrap();
    ok(&db, &["plan", "import", file.to_str().unwrap()]);
    let after = goals(&db);
    assert!(after.contains(&("arbetsmiljo-sjukfranvaro".to_string(), Some("Ej utvärderad".to_string()))), "{after:?}");
    assert!(!after.iter().any(|(id, _)| id == "arbetsmiljo"));
    let assess = ok(&db, &["assess", "--year", "2024", "--round", "d2", "--committee", "9998-sn"]);
    assert!(assess.contains("Sjukfrånvaron i förvaltningen minskar"), "assess still works: {assess}");
}

#[test]
fn a_malformed_committee_key_is_named_as_such() {
    let dir = TempDir::new("committee-key");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let err = fails(&db, &["goals", "list", "--year", "2023", "--committee", "0126-Von"]);
    assert!(err.contains("`0126-Von` is not a valid committee key") && err.contains("e.g. 0126-von"), "{err}");
    assert!(ok(&db, &["goals", "list", "--year", "2023", "--committee", "von"]).contains("Huddinge"), "a local id still works");
}

#[test]
fn a_goal_linked_from_an_uppdrag_is_removed_only_with_prune_naming_the_uppdrag() {
    let dir = TempDir::new("uppdrag-goal");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let plan = std::fs::read_to_string(demo_file("exempelkommun-2024-plan.yaml")).unwrap();
    // A nämndmål of its own, linked from the uppdrag `heltid-norm`; `hemtjanst-utveckling` moves to
    // the KF-mål above its nämndmål (an uppdrag may link a goal of any level).
    let goal = "  - id: heltid\n    title: Fler arbetar heltid\ncommissions:\n";
    let with = plan
        .replacen("commissions:\n", goal, 1)
        .replacen("  - id: heltid-norm\n", "  - id: heltid-norm\n    goal: heltid\n", 1)
        .replacen("    goal: trygg-aldreomsorg\n", "    goal: kf-trygg-omsorg\n", 1);
    let file = dir.path("with.yaml");
    std::fs::write(&file, &with).unwrap();
    ok(&db, &["plan", "import", file.to_str().unwrap()]);
    let exported = ok(&db, &["plan", "export", "--year", "2024", "--committee", "9998-sn"]);
    assert!(exported.contains("goal: heltid\n") && exported.contains("goal: kf-trygg-omsorg\n"), "{exported}");

    // The goal left out while the uppdrag still names it: refused at the uppdrag's line and field.
    let dangling = with.replacen("  - id: heltid\n    title: Fler arbetar heltid\n", "", 1);
    let file = dir.path("dangling.yaml");
    std::fs::write(&file, &dangling).unwrap();
    let line = dangling[..dangling.find("    goal: heltid\n").unwrap()].lines().count() + 1;
    let err = fails(&db, &["plan", "import", file.to_str().unwrap()]);
    assert!(err.contains(&format!("dangling.yaml, line {line}")) && err.contains("commissions[1].goal"), "{err}");

    // The goal and the link both left out (the demo's own plan): refused, naming the uppdrag ...
    let original = demo_file("exempelkommun-2024-plan.yaml");
    let err = fails(&db, &["plan", "import", original.to_str().unwrap()]);
    assert!(err.contains("`heltid-norm` (kopplat till målet `heltid`)") && err.contains("--prune"), "{err}");
    assert!(ok(&db, &["plan", "export", "--year", "2024", "--committee", "9998-sn"]).contains("goal: heltid\n"), "nothing changed");
    // ... and accepted with --prune.
    ok(&db, &["plan", "import", original.to_str().unwrap(), "--prune"]);
    let exported = ok(&db, &["plan", "export", "--year", "2024", "--committee", "9998-sn"]);
    assert!(!exported.contains("goal: heltid\n") && exported.contains("goal: trygg-aldreomsorg\n"), "{exported}");
}
