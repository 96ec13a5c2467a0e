//! Footnotes inside the tables (issue 7): a round's footnotes on an indicator, a nyckeltal row or an
//! economics line put their marker after that row's title and their text under the table, in
//! table, JSON (as data, titles unchanged) and CSV; the report's indicator tables show the round's
//! trend and bedömning columns only where some row has a value.

mod common;

use std::path::{Path, PathBuf};

use common::{TempDir, ok};
use serde_json::{Value, json};

const D2: [&str; 6] = ["--year", "2024", "--round", "d2", "--committee", "9998-sn"];

fn demo(dir: &TempDir) -> PathBuf {
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    db
}

fn run(db: &Path, args: &[&[&str]]) -> String {
    ok(db, &args.concat())
}

fn as_json(db: &Path, args: &[&[&str]]) -> Value {
    let mut all = args.concat();
    all.extend(["--format", "json"]);
    serde_json::from_str(&ok(db, &all)).unwrap()
}

/// The printed line that starts with `start`.
fn line<'a>(text: &'a str, start: &str) -> &'a str {
    text.lines().find(|l| l.starts_with(start)).unwrap_or_else(|| panic!("no line {start:?} in\n{text}"))
}

/// The JSON row (array of cells) whose first cell's text is `title`.
fn json_row<'a>(table: &'a Value, title: &str) -> &'a Value {
    table["rows"].as_array().unwrap().iter().find(|r| r[0]["text"] == title).unwrap_or_else(|| panic!("no row {title} in {table}"))
}

#[test]
fn indicator_listing_marks_the_rows_of_the_rounds_footnotes() {
    let dir = TempDir::new("notes-indicators");
    let db = demo(&dir);
    let text = run(&db, &[&["indicators", "list"], &D2]);
    // Numbered in the order of the round's footnotes: the first two are on indicators.
    assert!(line(&text, "Antal personal som en hemtjänsttagare möter under 14 dagar ¹  15").contains("Nära värde"), "{text}");
    assert!(line(&text, "Genomsnittlig utredningstid för barn och unga, dagar ² ").contains(" 131 "), "{text}");
    assert!(!line(&text, "Andel brukare i hemtjänsten som känner sig trygga, procent").contains('¹'));
    // Both rows are in the table with the columns `2022 | 2023 | jan–aug 2024`: the texts under it.
    assert!(
        text.contains("\n\n¹ Mätt under två veckor i mars 2024.\n² Avser januari–augusti 2024.\n\nIndikator"),
        "the texts under their table:\n{text}"
    );
    assert_eq!(text.matches("Mätt under två veckor").count(), 1);

    let rows = as_json(&db, &[&["indicators", "list"], &D2]);
    let row = |id: &str| rows.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    let kontinuitet = row("personalkontinuitet");
    assert_eq!(kontinuitet["title"], "Antal personal som en hemtjänsttagare möter under 14 dagar", "the title stays as written");
    assert_eq!(kontinuitet["footnotes"], json!([{ "marker": "1", "text": "Mätt under två veckor i mars 2024." }]));
    assert_eq!(row("utredningstid-barn")["footnotes"], json!([{ "marker": "2", "text": "Avser januari–augusti 2024." }]));
    assert_eq!(row("orosanmalningar")["footnotes"], json!([]));

    // Footnotes belong to a round: helår has none written.
    let helar = as_json(&db, &[&["indicators", "list"], &["--year", "2024", "--round", "helar", "--committee", "9998-sn"]]);
    assert!(helar.as_array().unwrap().iter().all(|r| r["footnotes"] == json!([])));
    let text = run(&db, &[&["indicators", "list"], &["--year", "2024", "--round", "helar", "--committee", "9998-sn"]]);
    assert!(!text.contains('¹') && !text.contains("Mätt under"), "{text}");
}

#[test]
fn key_figure_tables_mark_their_rows_in_every_format() {
    let dir = TempDir::new("notes-key-figures");
    let db = demo(&dir);
    let text = run(&db, &[&["key-figures", "list"], &D2]);
    assert_eq!(
        line(&text, "Andel tillsvidareanställda"),
        "Andel tillsvidareanställda av alla anställda (%) ³  71,4 %       72,4 %       74,5 %"
    );
    assert_eq!(
        line(&text, "Antal medarbetare per chef"),
        "Antal medarbetare per chef                          31           29           28"
    );
    assert!(text.ends_with("\n\n³ 2024 avser den 31 augusti.\n"), "{text}");
    // Without --round: the latest round with anything written (d2), as the other round listings.
    assert_eq!(run(&db, &[&["key-figures", "list"], &D2[..2], &D2[4..]]), text);

    let tables = as_json(&db, &[&["key-figures", "list"], &D2]);
    let t = &tables[0];
    assert_eq!(
        json_row(t, "Andel tillsvidareanställda av alla anställda (%)")[0],
        json!({ "text": "Andel tillsvidareanställda av alla anställda (%)", "derived": false, "footnotes": ["3"] })
    );
    assert_eq!(json_row(t, "Antal medarbetare per chef")[0], json!({ "text": "Antal medarbetare per chef", "derived": false }));
    assert_eq!(t["footnotes"], json!([{ "marker": "3", "text": "2024 avser den 31 augusti." }]));

    let csv = run(&db, &[&["key-figures", "list"], &D2, &["--format", "csv"]]);
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "Tabell;Nyckeltal;Utfall 2022;Utfall 2023;Utfall 2024;Not",
            "Medarbetare;Andel tillsvidareanställda av alla anställda (%);71,4 %;72,4 %;74,5 %;3",
            "Medarbetare;Antal medarbetare per chef;31;29;28;",
            "Tabell;Not;Fotnot",
            "Medarbetare;3;2024 avser den 31 augusti.",
        ]
    );

    // Another round's footnotes are not this one's.
    let helar = run(&db, &[&["key-figures", "list"], &["--year", "2024", "--round", "helar", "--committee", "9998-sn"]]);
    assert!(!helar.contains('³') && !helar.contains("avser den 31 augusti"), "{helar}");
    assert!(
        as_json(&db, &[&["key-figures", "list"], &["--year", "2024", "--round", "helar", "--committee", "9998-sn"]])[0]
            .get("footnotes")
            .is_none()
    );
}

#[test]
fn typed_economics_mark_their_lines_in_every_format() {
    let dir = TempDir::new("notes-economics");
    let db = demo(&dir);
    let text = run(&db, &[&["economics", "drift"], &D2]);
    assert!(line(&text, "Köp av verksamhet ⁴ ").contains("-420 000"), "{text}");
    assert!(!line(&text, "Personalkostnader").contains('⁴'));
    assert!(text.ends_with("\n\n⁴ Inklusive köp av hemtjänst från privata utförare.\n"), "{text}");

    let t = as_json(&db, &[&["economics", "drift"], &D2]);
    assert_eq!(json_row(&t, "Köp av verksamhet")[0]["footnotes"], json!(["4"]));
    assert!(json_row(&t, "Personalkostnader")[0].get("footnotes").is_none());
    assert_eq!(t["footnotes"], json!([{ "marker": "4", "text": "Inklusive köp av hemtjänst från privata utförare." }]));

    let csv = run(&db, &[&["economics", "drift"], &D2, &["--format", "csv"]]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("Resultaträkning (tkr);Budget helår;") && lines[0].ends_with(";Not"), "{csv}");
    assert!(line(&csv, "Köp av verksamhet;-420 000;").ends_with(";4"), "{csv}");
    assert!(line(&csv, "Personalkostnader;").ends_with(';'), "{csv}");
    assert_eq!(lines[lines.len() - 2..], ["Not;Fotnot", "4;Inklusive köp av hemtjänst från privata utförare."]);

    // Per verksamhet: a marker given as a letter, printed as written; no marker on Summa.
    let text = run(&db, &[&["economics", "verksamhet"], &D2]);
    line(&text, "Individ- och familjeomsorg a  310 000");
    assert!(text.ends_with("\n\na Placeringar av barn och unga ingår.\n"), "{text}");
    let csv = run(&db, &[&["economics", "verksamhet"], &D2, &["--format", "csv"]]);
    assert!(line(&csv, "Individ- och familjeomsorg;").ends_with(";a"), "{csv}");
    assert!(line(&csv, "Summa;").ends_with(';'), "{csv}");

    // The lines of another node carry no footnote of the nämnd's.
    let aldre = run(&db, &[&["economics", "drift"], &D2, &["--unit", "aldre"]]);
    assert!(!aldre.contains("Fotnot") && !aldre.contains('⁴'), "{aldre}");
}

#[test]
fn report_indicator_tables_show_trend_bedomning_and_footnotes() {
    let dir = TempDir::new("notes-report-indicators");
    let db = demo(&dir);
    let tables = as_json(&db, &[&["indicators", "tables"], &D2]);
    let table = |goal: &str| {
        tables.as_array().unwrap().iter().find(|t| t["title"] == format!("Indikatorer: {goal}")).unwrap_or_else(|| panic!("{goal}")).clone()
    };
    let cells = |t: &Value, i: usize| -> Vec<String> {
        t["rows"][i].as_array().unwrap().iter().map(|c| c["text"].as_str().unwrap().to_string()).collect()
    };
    let barn = table("Barn och unga får rätt stöd i rätt tid");
    assert_eq!(barn["header"], json!(["Indikatorer", "2022", "2023", "jan–aug 2024", "Etappmål 2024", "Målvärde", "Trend", "Bedömning"]));
    assert_eq!(
        cells(&barn, 0),
        ["Genomsnittlig utredningstid för barn och unga, dagar", "131", "124", "", "110", "", "minskad", "Ej accepterat värde"]
    );
    assert_eq!(barn["rows"][0][6]["derived"], true, "a computed trend");
    // A trend the outcomes cannot give is the typed one, a stored cell.
    assert_eq!(cells(&barn, 1)[6..], ["ökad", "Inget värde angivet"]);
    assert_eq!(barn["rows"][1][6]["derived"], false);
    assert_eq!(barn["rows"][0][0]["footnotes"], json!(["2"]));
    assert_eq!(barn["footnotes"], json!([{ "marker": "2", "text": "Avser januari–augusti 2024." }]));
    // Only the columns some row has a value in.
    let ekonomi = table("Nämnden har en ekonomi i balans");
    assert_eq!(ekonomi["header"].as_array().unwrap().last().unwrap(), "Bedömning");
    assert!(!ekonomi["header"].as_array().unwrap().contains(&json!("Trend")));
    let digital = table("Invånarna kan ansöka om och följa sina insatser digitalt");
    assert_eq!(digital["header"], json!(["Indikatorer", "2022", "2023", "jan–aug 2024", "Etappmål 2024", "Målvärde"]));

    let text = run(&db, &[&["indicators", "tables"], &D2]);
    line(&text, "Antal personal som en hemtjänsttagare möter under 14 dagar ¹  15");
    assert!(text.contains("\n\n¹ Mätt under två veckor i mars 2024.\n"), "{text}");
    let csv = run(&db, &[&["indicators", "tables"], &D2, &["--format", "csv"]]);
    assert!(
        csv.contains("\nTabell;Not;Fotnot\nIndikatorer: Barn och unga får rätt stöd i rätt tid;2;Avser januari–augusti 2024.\n"),
        "{csv}"
    );
}

#[test]
fn coverage_fixture_marks_given_and_numbered_markers() {
    let dir = TempDir::new("notes-coverage");
    let db = dir.path("d.db");
    let fixture = |name: &str| -> String {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../styr-store/tests/fixtures").join(name).to_str().unwrap().to_string()
    };
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    ok(&db, &["followup", "import", &fixture("coverage-followup.yaml")]);
    let t1 = ["--year", "2025", "--round", "t1"];
    // `timmar` has no marker of its own: numbered 2, after the given 1.
    let kf = as_json(&db, &[&["key-figures", "list"], &t1]);
    assert_eq!(kf[0]["rows"][0][0]["footnotes"], json!(["2"]));
    assert_eq!(kf[0]["footnotes"], json!([{ "marker": "2", "text": "2025 års värde är preliminärt." }]));
    let text = run(&db, &[&["key-figures", "list"], &t1]);
    line(&text, "Utförda hemtjänsttimmar ²  401 000");
    let ind = as_json(&db, &[&["indicators", "list"], &t1]);
    let row = ind.as_array().unwrap().iter().find(|r| r["id"] == "personalkontinuitet").unwrap();
    assert_eq!(row["footnotes"], json!([{ "marker": "1", "text": "Mätt under vecka 40." }]));
}
