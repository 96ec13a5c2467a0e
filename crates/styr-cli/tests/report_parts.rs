//! Every report part is printable from the CLI: uppdrag under group headings with dates, intern
//! kontroll with frequencies, results on the scale and figures, prose sections, footnotes,
//! nyckeltal, Agenda 2030 names, personnel as one JSON document and CSV naming the measure.

mod common;

use std::path::{Path, PathBuf};

use common::{TempDir, ok};
use serde_json::Value;

fn fixture(name: &str) -> String {
    let p: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../styr-store/tests/fixtures").join(name);
    p.to_str().unwrap().to_string()
}

/// A database with the coverage plan, its T1 follow-up and the personnel fixture.
fn loaded(dir: &TempDir) -> PathBuf {
    let db = dir.path("d.db");
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    ok(&db, &["followup", "import", &fixture("coverage-followup.yaml")]);
    ok(&db, &["personnel", "import", &fixture("coverage-personnel.yaml")]);
    db
}

/// The text of the cells of a table printed as JSON, row by row.
fn cells(table: &Value) -> Vec<Vec<String>> {
    table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect())
        .collect()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(db, &all)).unwrap()
}

const T1: [&str; 4] = ["--year", "2025", "--round", "t1"];

#[test]
fn uppdrag_print_under_their_group_headings_with_dates_and_status() {
    let dir = TempDir::new("parts-uppdrag");
    let db = loaded(&dir);
    let tables = json(&db, &[&["commissions", "list"][..], &T1].concat());
    let titles: Vec<&str> = tables.as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Särskilda uppdrag – inriktning", "Projekt", "Uppdrag från nämnd"]);
    assert_eq!(
        cells(&tables[0]),
        [["Utred digitala trygghetslarm.", "Kommunfullmäktige", "2025-02-01", "2025-11-30", "Pågår", "Utredningen pågår."]]
    );
    assert_eq!(cells(&tables[1])[0][2..5], ["", "2026-06-30", "Ej påbörjat"]);
    let text = ok(&db, &[&["commissions", "list"][..], &T1].concat());
    assert!(text.starts_with("Särskilda uppdrag – inriktning\n"), "{text}");
}

#[test]
fn internal_control_prints_frequencies_risk_level_figures_and_summary() {
    let dir = TempDir::new("parts-control");
    let db = loaded(&dir);
    let tables = json(&db, &[&["control", "list"][..], &T1].concat());
    let points = &tables[1];
    assert_eq!(points["title"], "Kontrollmoment");
    let row = cells(points).into_iter().find(|r| r[1].starts_with("Handläggningstid")).unwrap();
    assert_eq!((row[2].as_str(), row[3].as_str()), ("delår, årsbokslut", "ja"));
    assert_eq!(row[6], "1", "the risk's number");
    assert_eq!(row[7], "I hög grad uppfyllt");
    assert_eq!(row[9], "Genomsnittlig handläggningstid: 8 dagar; Andel inom 14 dagar: 92,5 %");
    let sol = &cells(points)[0];
    assert_eq!((sol[2].as_str(), sol[7].as_str()), ("delår", "Delvis uppfyllt (Delvis godkänd)"));
    assert_eq!(cells(points)[1][2..4], ["årsbokslut", "nej"], "attest is checked in the årsbokslut only");
    assert_eq!(cells(&tables[0])[0][6], "Ej klart i år");
    assert_eq!(tables[2]["title"], "Samlad bedömning av den interna kontrollen");
    assert!(cells(&tables[2])[0][0].starts_with("Den interna kontrollen visar"));
    // Another round has the plan's control points but no results.
    let t2 = json(&db, &["control", "list", "--year", "2025", "--round", "t2"]);
    assert_eq!(cells(&t2[1])[2][7], "");
    assert_eq!(t2.as_array().unwrap().len(), 2, "no summary table without a summary");
}

#[test]
fn sections_and_footnotes_print_in_order_with_markers() {
    let dir = TempDir::new("parts-sections");
    let db = loaded(&dir);
    let sections = json(&db, &[&["sections", "list"][..], &T1].concat());
    let rows = cells(&sections);
    let titles: Vec<(&str, &str, &str)> = rows.iter().map(|r| (r[2].as_str(), r[3].as_str(), r[5].as_str())).collect();
    assert_eq!(
        titles,
        [("Sammanfattning", "", ""), ("Viktiga händelser", "Äldreomsorg", ""), ("Rekrytering och kompetensförsörjning", "", "*")]
    );
    let text = ok(&db, &[&["sections", "list"][..], &T1].concat());
    assert!(text.contains("## 2. Viktiga händelser – Äldreomsorg\n\nEtt nytt verksamhetssystem har införts."), "{text}");
    let notes = cells(&json(&db, &[&["footnotes", "list"][..], &T1].concat()));
    assert_eq!(notes[0][..3], ["1", "Indikator", "personalkontinuitet"]);
    assert_eq!(notes[1][..4], ["2", "Nyckeltal", "timmar", "Utförda hemtjänsttimmar"], "numbered after the given 1");
    assert_eq!(notes[2][..2], ["*", "Avsnitt"]);
    let csv = ok(&db, &[&["footnotes", "list"][..], &T1, &["--format", "csv"]].concat());
    assert_eq!(csv.lines().next(), Some("Not;Avser;Id;Benämning;Text"));
}

#[test]
fn key_figures_and_agenda2030_print_with_swedish_names() {
    let dir = TempDir::new("parts-kf");
    let db = loaded(&dir);
    let kf = json(&db, &["key-figures", "list", "--year", "2025"]);
    assert_eq!(cells(&kf[0]), [["Utförda hemtjänsttimmar", "401 000", "412 500"]]);
    let goals = cells(&json(&db, &["agenda2030", "list", "--year", "2025"]));
    assert_eq!(goals.len(), 17);
    assert_eq!(goals[2], ["3", "God hälsa och välbefinnande", "kontinuitet (3)"]);
    assert_eq!(goals[9], ["10", "Minskad ojämlikhet", "kontinuitet (10.2)"]);
    assert_eq!(goals[15][2], "kontinuitet (16.b)");
    let goals = json(&db, &["goals", "list", "--year", "2025"]);
    let names = &goals[0]["agenda2030_names"];
    assert_eq!(names[0], "3 God hälsa och välbefinnande");
    assert_eq!(names[1], "10.2 (mål 10 Minskad ojämlikhet)");
    let reference = cells(&json(&db, &["agenda2030", "list"]));
    assert_eq!(reference[0], ["1", "Ingen fattigdom"]);
}

#[test]
fn personnel_prints_one_json_document_and_csv_naming_the_measure() {
    let dir = TempDir::new("parts-personnel");
    let db = loaded(&dir);
    let doc = json(&db, &["personnel", "list"]);
    let tables = doc.as_array().expect("one JSON array");
    let sick = tables.iter().find(|t| t["title"] == "Sjukfrånvaro (%)").unwrap();
    let periods: Vec<String> = cells(sick).into_iter().filter(|r| r[1] == "totalt").map(|r| format!("{} {}", r[3], r[5])).collect();
    assert_eq!(periods, ["R12 t.o.m. apr 2025 8,1", "jan–apr 2025 8,6", "apr 2025 7,7", "1 jan–31 mar 2025 9,0", "2024 8,8"]);
    let heads = tables.iter().find(|t| t["title"] == "Antal anställda").unwrap();
    let forms: Vec<String> = cells(heads).into_iter().map(|r| format!("{} {}", r[2], r[5])).collect();
    assert_eq!(forms, ["tillsvidareanställda 820", "visstidsanställda 95", "timavlönade 210"]);
    let long = tables.iter().find(|t| t["title"] == "Andel långtidssjukfrånvaro, mer än 59 dagar (%)").unwrap();
    assert_eq!(cells(long)[0][5], "41,2");
    let csv = ok(&db, &["personnel", "list", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("Tabell;Mått;Avser;Anställningsform;Period;Datum;Värde"));
    assert!(lines.clone().all(|l| l.split(';').nth(1).is_some_and(|m| !m.is_empty())), "{csv}");
    assert!(csv.contains("Övriga antal;Antal chefer;totalt;alla;apr 2025;2025-04-30;31"), "{csv}");
    assert!(csv.contains("Antal rekryteringar;Antal rekryteringar;totalt;alla;jan–apr 2025;2025-04-30;57"), "{csv}");
}

#[test]
fn personnel_compare_shows_both_years_and_the_difference() {
    let dir = TempDir::new("parts-compare");
    let db = dir.path("d.db");
    let file = dir.path("p.yaml");
    std::fs::write(
        &file,
        "format: styr-personnel/1\ncommittee: 1489-son\nstats:\n\
         - { measure: sick_leave, date: 2024-08-31, window: ytd, value: 9.1 }\n\
         - { measure: sick_leave, date: 2025-08-31, window: ytd, value: 8.3 }\n\
         - { measure: turnover, date: 2024-12-31, window: year, value: 10.5 }\n\
         - { measure: recruitments, date: 2025-08-31, window: ytd, value: 40 }\n",
    )
    .unwrap();
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    ok(&db, &["personnel", "import", file.to_str().unwrap()]);
    let t = json(&db, &["personnel", "compare", "--year", "2025"]);
    assert_eq!(t["header"].as_array().unwrap()[4..7], ["2024", "2025", "Skillnad"].map(Value::from));
    let rows = cells(&t);
    assert_eq!(rows[0], ["Sjukfrånvaro (%)", "totalt", "alla", "jan–aug", "9,1", "8,3", "-0,8"]);
    assert_eq!(rows[1], ["Antal rekryteringar", "totalt", "alla", "jan–aug", "", "40", ""]);
    assert_eq!(rows[2], ["Personalomsättning (%)", "totalt", "alla", "helår", "10,5", "", ""]);
}

#[test]
fn a_personnel_statistic_of_an_unknown_node_is_refused_with_line_and_field() {
    let dir = TempDir::new("parts-unit");
    let db = dir.path("d.db");
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    let file = dir.path("p.yaml");
    std::fs::write(
        &file,
        "format: styr-personnel/1\ncommittee: 1489-son\nstats:\n\
         - { measure: sick_leave, date: 2025-08-31, org_unit: hemtjanst, value: 8.3 }\n\
         - { measure: sick_leave, date: 2025-08-31, org_unit: okand, value: 9.3 }\n",
    )
    .unwrap();
    let err = common::fails(&db, &["personnel", "import", file.to_str().unwrap()]);
    assert!(err.contains("p.yaml, line 5, "), "{err}");
    assert!(err.contains("field `stats[1].org_unit`: no organisation unit with id `okand` in the committee's plan"), "{err}");
    let out = common::styr(&db, &["personnel", "list"]);
    assert!(!out.status.success(), "nothing was stored");
}

#[test]
fn the_plan_structure_prints_scale_organisation_and_rounds_with_summaries() {
    let dir = TempDir::new("parts-structure");
    let db = loaded(&dir);
    let tables = json(&db, &["structure", "list", "--year", "2025"]);
    let scale = cells(&tables[0]);
    assert_eq!(scale.last().unwrap(), &["ej_utv", "Ej utvärderad", "#bababa", "nej"]);
    let org = cells(&tables[1]);
    assert_eq!(org[0][..2], ["son", "Social- och omsorgsnämnden"]);
    let lov = org.iter().find(|r| r[0] == "ht-lov").unwrap();
    assert_eq!(lov[1..], ["      Hemtjänst LOV-utförare", "enhet", "extern", "hemtjanst"]);
    let rounds = cells(&tables[2]);
    assert_eq!(rounds[0], ["t1", "delår", "2025-04-30", "Delårsrapport T1 2025", "Måluppfyllelsen kan ännu inte bedömas för T1."]);
    assert_eq!(rounds[1][4], "", "no summary written for T2");
}

#[test]
fn a_footnote_on_an_economics_row_needs_that_row() {
    let dir = TempDir::new("parts-econ-note");
    let db = dir.path("d.db");
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    let file = dir.path("f.yaml");
    let followup = |line: &str| {
        format!(
            "format: styr-followup/1\ncommittee: 1489-son\nyear: 2025\nround: t2\nfootnotes:\n\
             - {{ id: not-personal, on: {{ econ_line: {line} }}, text: Inklusive semesterlöneskuld. }}\n"
        )
    };
    std::fs::write(&file, followup("personal")).unwrap();
    let err = common::fails(&db, &["followup", "import", file.to_str().unwrap()]);
    assert!(
        err.contains("f.yaml, line 6, ") && err.contains("field `footnotes[0].on.econ_line`: no economics line with id `personal`"),
        "{err}"
    );
    ok(&db, &["economics", "import-facts", &fixture("coverage-economics.yaml")]);
    ok(&db, &["followup", "import", file.to_str().unwrap()]);
    let notes = cells(&json(&db, &["footnotes", "list", "--year", "2025", "--round", "t2"]));
    assert_eq!(notes, [["1", "Ekonomirad", "personal", "Personalkostnader", "Inklusive semesterlöneskuld."]]);
    // The driftredovisning of that round marks the row and prints the text under the table.
    let drift = json(&db, &["economics", "drift", "--year", "2025", "--round", "t2"]);
    let rows = drift["rows"].as_array().unwrap();
    let marked: Vec<(&str, &Value)> = rows.iter().map(|r| (r[0]["text"].as_str().unwrap(), &r[0]["footnotes"])).collect();
    assert_eq!(marked[1], ("Personalkostnader", &serde_json::json!(["1"])));
    assert!(marked[0].1.is_null() && marked[2].1.is_null(), "{marked:?}");
    assert_eq!(drift["footnotes"], serde_json::json!([{ "marker": "1", "text": "Inklusive semesterlöneskuld." }]));
    let text = ok(&db, &["economics", "drift", "--year", "2025", "--round", "t2"]);
    assert!(text.contains("\nPersonalkostnader ¹ ") && text.ends_with("\n\n¹ Inklusive semesterlöneskuld.\n"), "{text}");
    // T1 has no such footnote.
    let t1 = ok(&db, &["economics", "drift", "--year", "2025", "--round", "t1", "--format", "csv"]);
    assert!(!t1.contains("Fotnot") && !t1.lines().next().unwrap().ends_with(";Not"), "{t1}");
    std::fs::write(&file, followup("okand")).unwrap();
    let err = common::fails(&db, &["followup", "import", file.to_str().unwrap()]);
    assert!(err.contains("no economics line with id `okand`"), "{err}");
}

#[test]
fn exempelkommun_in_the_demo_has_every_report_part() {
    let dir = TempDir::new("parts-demo");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let d2 = ["--year", "2024", "--round", "d2", "--committee", "9998-sn"];
    let uppdrag = json(&db, &[&["commissions", "list"][..], &d2].concat());
    let groups: Vec<&str> = uppdrag.as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap()).collect();
    assert_eq!(groups, ["Särskilda uppdrag – inriktning", "Projekt", "Uppdrag från nämnd"]);
    assert_eq!(cells(&uppdrag[0])[1][2..5], ["2023-09-01", "2025-06-30", "Pågår"]);
    let control = json(&db, &[&["control", "list"][..], &d2].concat());
    let first = &cells(&control[1])[0];
    assert_eq!(first[2..4], ["delår, årsbokslut", "ja"]);
    assert_eq!(first[7], "Delvis uppfyllt");
    assert_eq!(first[9], "Avslutade inom fyra månader: 81 %; Genomsnittligt överskridande: 8 dagar");
    assert!(cells(&control[2])[0][0].starts_with("Den interna kontrollen per augusti"));
    let sections = cells(&json(&db, &[&["sections", "list"][..], &d2].concat()));
    let titles: Vec<&str> = sections.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        titles,
        [
            "Sammanfattning",
            "Viktiga händelser",
            "Viktiga händelser",
            "Förväntad utveckling",
            "Rekrytering och kompetensförsörjning",
            "Ekonomisk analys"
        ]
    );
    assert_eq!(sections[2][3], "Äldreomsorg");
    let notes = cells(&json(&db, &[&["footnotes", "list"][..], &d2].concat()));
    assert_eq!(notes.len(), 6);
    // Without --round: the latest round with anything written, d2 (nothing is written for helår yet).
    let latest = cells(&json(&db, &["footnotes", "list", "--year", "2024", "--committee", "9998-sn"]));
    assert_eq!(latest, notes);
    assert_eq!(notes[3][..3], ["*", "Avsnitt", "rekrytering"]);
    let compare = cells(&json(&db, &["personnel", "compare", "--year", "2024", "--committee", "9998-sn"]));
    let sick = compare.iter().find(|r| r[0] == "Sjukfrånvaro (%)" && r[1] == "totalt" && r[3] == "jan–aug").unwrap();
    assert_eq!(sick[4..], ["9,4", "8,8", "-0,6"]);
    let long = compare.iter().find(|r| r[0].starts_with("Andel långtidssjukfrånvaro")).unwrap();
    assert_eq!(long[4..], ["44,0", "41,3", "-2,7"]);
    let forms: Vec<&str> = compare.iter().filter(|r| r[0] == "Antal anställda").map(|r| r[2].as_str()).collect();
    assert_eq!(forms, ["tillsvidareanställda", "visstidsanställda", "timavlönade"]);
}

#[test]
fn a_round_with_a_written_follow_up_cannot_be_removed_from_the_plan() {
    let dir = TempDir::new("parts-round");
    let db = loaded(&dir);
    let plan = std::fs::read_to_string(fixture("coverage-plan.yaml")).unwrap();
    let without_t1: String = plan.lines().filter(|l| !l.contains("id: t1,")).map(|l| format!("{l}\n")).collect();
    let file = dir.path("p.yaml");
    std::fs::write(&file, without_t1).unwrap();
    let err = common::fails(&db, &["plan", "import", file.to_str().unwrap(), "--prune"]);
    assert!(err.contains("omgången `t1` saknas i filen men har uppföljning lagrad (1 bedömningar, 2 uppdragsstatus"), "{err}");
    assert!(err.contains("3 avsnitt, 3 fotnoter"), "{err}");
    assert_eq!(cells(&json(&db, &["sections", "list", "--year", "2025", "--round", "t1"])).len(), 3, "nothing changed");
    // A round without anything written may go.
    let without_t2: String = plan.lines().filter(|l| !l.contains("id: t2,")).map(|l| format!("{l}\n")).collect();
    std::fs::write(&file, without_t2).unwrap();
    ok(&db, &["plan", "import", file.to_str().unwrap(), "--prune"]);
}
