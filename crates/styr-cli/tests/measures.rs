//! `styr measures`: generate, compute with the staffing measures printed and written as CSV,
//! store as outcomes; a failed run (a malformed export, an unknown indicator) stores nothing.

mod common;

use common::{TempDir, fails, ok};

#[test]
fn generate_compute_and_store_as_outcomes() {
    let dir = TempDir::new("measures-store");
    let db = dir.path("styr.db");
    ok(&db, &["demo"]);
    let exports = dir.path("exports");
    let out = ok(&db, &["measures", "generate", "--scale", "small", "--out", exports.to_str().unwrap()]);
    assert!(out.contains("anställda") && out.contains("tidrapporter"), "{out}");
    // The small scale covers 1 January – 25 February 2025; store January as a month.
    let results = dir.path("results");
    let out = ok(
        &db,
        &[
            "measures",
            "compute",
            "--input",
            exports.to_str().unwrap(),
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-31",
            "--out",
            results.to_str().unwrap(),
            "--store-as-outcomes",
            "--indicator",
            "sjukfranvaro=sjukfranvaro",
            "--indicator",
            "personalkontinuitet=personalkontinuitet",
            "--year",
            "2024",
            "--committee",
            "9998-sn",
        ],
    );
    assert!(out.contains("Timanställdas andel av arbetad tid") && out.contains("Sjukfrånvaro") && out.contains("hittills i år"), "{out}");
    assert!(out.contains("Sparat som utfall för 9998-sn") && out.contains("4 nya"), "{out}");
    let csv = std::fs::read_to_string(results.join("sjukfranvaro.csv")).unwrap();
    assert!(csv.starts_with("month,span,gender,age_band,hours,sick_hours,"), "{csv}");
    assert!(csv.contains("202501,ytd,all,all,"), "{csv}");
    assert!(results.join("timanstalldas_andel.csv").is_file());
    // Stored again: the same values change nothing.
    let again = ok(
        &db,
        &[
            "measures",
            "compute",
            "--input",
            exports.to_str().unwrap(),
            "--from",
            "2025-01-01",
            "--to",
            "2025-01-31",
            "--store-as-outcomes",
            "--indicator",
            "sjukfranvaro=sjukfranvaro",
            "--year",
            "2024",
            "--committee",
            "9998-sn",
        ],
    );
    assert!(again.contains("0 nya, 0 ändrade"), "{again}");
}

#[test]
fn a_failed_run_stores_nothing() {
    let dir = TempDir::new("measures-fail");
    let db = dir.path("styr.db");
    ok(&db, &["demo"]);
    let before = ok(&db, &["indicators", "list", "--year", "2024", "--committee", "9998-sn", "--format", "json"]);
    let exports = dir.path("exports");
    std::fs::create_dir_all(&exports).unwrap();
    std::fs::write(exports.join("staff.csv"), "staff_id,gender,birth_year,employment\n1,K,1980,monthly\n").unwrap();
    std::fs::write(exports.join("time_reports.csv"), "staff_id,date,kind,hours\n1,2024-03-01,worked,6\n1,2024-03-02,sick,-2\n").unwrap();
    let input = exports.to_str().unwrap();
    let store = ["--store-as-outcomes", "--indicator", "sjukfranvaro=sjukfranvaro", "--committee", "9998-sn"];
    let range = ["--from", "2024-01-01", "--to", "2024-12-31"];
    let err = fails(&db, &[&["measures", "compute", "--input", input][..], &range, &store].concat());
    assert!(err.contains("time_reports.csv, line 3, column hours: negative hours"), "{err}");
    // A good export but an unknown indicator.
    std::fs::write(exports.join("time_reports.csv"), "staff_id,date,kind,hours\n1,2024-03-01,worked,6\n1,2024-03-02,sick,2\n").unwrap();
    let bad = [
        "--store-as-outcomes",
        "--indicator",
        "sjukfranvaro=sjukfranvaro",
        "--indicator",
        "timanstalldas_andel=finns-inte",
        "--committee",
        "9998-sn",
    ];
    let err = fails(&db, &[&["measures", "compute", "--input", input][..], &range, &bad].concat());
    assert!(err.contains("no indicator `finns-inte`"), "{err}");
    // A range that is no period is refused before the exports are read.
    let err = fails(&db, &[&["measures", "compute", "--input", input, "--from", "2024-01-02", "--to", "2024-12-31"][..], &store].concat());
    assert!(err.contains("a year, a year to date or a month"), "{err}");
    assert_eq!(ok(&db, &["indicators", "list", "--year", "2024", "--committee", "9998-sn", "--format", "json"]), before);
    // --indicator without --store-as-outcomes is an argument error.
    let err = fails(&db, &[&["measures", "compute", "--input", input][..], &range, &["--indicator", "sjukfranvaro=sjukfranvaro"]].concat());
    assert!(err.contains("--store-as-outcomes"), "{err}");
}
