//! `styr report` end to end on the demo: Huddinge's verksamhetsberättelse 2023 and Exempelkommun's
//! delårsrapport per 31 August 2024 as HTML. Numbers as published with the characters styr emits:
//! U+202F (narrow no-break space) between groups of thousands and U+2212 (minus sign). Two builds
//! are byte-identical. The HTML passes axe-core (tests/browser, `npm ci --prefix tests/browser`).
//! The diff of two drafts after one changed outcome names exactly that change.

mod common;

use std::path::Path;
use std::process::Command;

use common::{TempDir, demo_file, ok};

const NNBSP: char = '\u{202F}';
const MINUS: char = '\u{2212}';

fn demo(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path("demo.db");
    ok(&db, &["demo"]);
    db
}

fn huddinge(db: &Path, out: &Path, format: &str) -> String {
    ok(db, &["report", "--year", "2023", "--committee", "0126-von", "--format", format, "-o", out.to_str().unwrap()])
}

#[test]
fn huddinge_html_has_the_published_numbers_typeset_and_is_reproducible() {
    let dir = TempDir::new("report-huddinge-html");
    let db = demo(&dir);
    let (a, b) = (dir.path("a.html"), dir.path("b.html"));
    let said = huddinge(&db, &a, "html");
    assert!(said.contains("Verksamhetsberättelse 2023"), "{said}");
    huddinge(&db, &b, "html");
    let html = std::fs::read_to_string(&a).unwrap();
    assert!(html == std::fs::read_to_string(&b).unwrap(), "two builds of the same data differ");
    for n in [format!("{MINUS}3{NNBSP}593"), format!("1{NNBSP}402{NNBSP}123"), "77,45".to_string()] {
        assert!(html.contains(&n), "the HTML lacks {n:?}");
    }
    assert!(!html.contains(">-3 593<"), "a hyphen-minus or a plain space in a number");
    for chapter in ["Samlad måluppfyllelse", "Mål och resultat", "Uppdrag", "Ekonomi", "Personal", "Intern kontroll"] {
        assert!(html.contains(&format!(". {chapter}</h2>")), "no chapter {chapter}");
    }
    assert!(html.contains("Tre av nämndens åtta mål bedöms som i hög grad uppfyllda"), "the generated sentence");
    assert!(html.contains("<td class=\"num\">"), "numeric cells right-aligned");
}

#[test]
fn exempelkommun_html_passes_axe_and_holds_every_part() {
    let dir = TempDir::new("report-exempel-html");
    let db = demo(&dir);
    let out = dir.path("delar.html");
    ok(&db, &["report", "--year", "2024", "--round", "d2", "--committee", "9998-sn", "--format", "html", "-o", out.to_str().unwrap()]);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    assert!(html.contains("<title>Delårsrapport augusti 2024"), "title from the round");
    for part in ["<main>", "<nav aria-label=\"Innehåll\">", "<th scope=\"col\"", "<th scope=\"row\"", "class=\"signal\"", "<svg", "<desc>"]
    {
        assert!(html.contains(part), "no {part}");
    }
    assert!(!html.contains("<script") && !html.contains("<link"), "the HTML must be self-contained");

    let browser = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/browser");
    assert!(browser.join("node_modules/axe-core").exists(), "run `npm ci --prefix tests/browser` first");
    let axe = Command::new("node").arg(browser.join("axe-check.mjs")).arg(&out).output().expect("node");
    let report = String::from_utf8_lossy(&axe.stdout);
    assert!(axe.status.success(), "axe-core found serious or critical violations:\n{report}{}", String::from_utf8_lossy(&axe.stderr));
}

#[test]
fn the_diff_of_two_drafts_names_exactly_the_changed_outcome() {
    let dir = TempDir::new("report-diff");
    let db = demo(&dir);
    let (m1, m2) = (dir.path("v1.json"), dir.path("v2.json"));
    let build = |m: &Path| {
        ok(
            &db,
            &[
                "report",
                "--year",
                "2023",
                "--committee",
                "0126-von",
                "--format",
                "html",
                "-o",
                dir.path("r.html").to_str().unwrap(),
                "--manifest",
                m.to_str().unwrap(),
            ],
        )
    };
    build(&m1);
    assert_eq!(ok(&db, &["report", "diff", m1.to_str().unwrap(), m1.to_str().unwrap()]), "Inga ändringar.\n");

    let csv = std::fs::read_to_string(demo_file("huddinge-2023-outcomes.csv")).unwrap();
    let changed = csv.replace("adekvat-utbildning,2023,T,77.45,", "adekvat-utbildning,2023,T,79.1,");
    assert_ne!(csv, changed);
    let file = dir.path("outcomes.csv");
    std::fs::write(&file, changed).unwrap();
    ok(&db, &["outcomes", "import", file.to_str().unwrap(), "--committee", "0126-von"]);
    build(&m2);

    let diff = ok(&db, &["report", "diff", m1.to_str().unwrap(), m2.to_str().unwrap()]);
    let changes: Vec<&str> =
        diff.lines().filter(|l| l.starts_with("ändrad") || l.starts_with("ny") || l.starts_with("borttagen")).collect();
    let chapters: Vec<&str> = diff.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(chapters, ["## Mål och resultat"], "{diff}");
    // The table cell and the chart's text alternative both print the outcome.
    assert_eq!(changes.len(), 2, "{diff}");
    assert!(changes[0].contains("2023: 77,45 → 79,1"), "{diff}");
    assert!(changes[1].contains("diagram") && changes[1].contains("2023 77,45") && changes[1].contains("2023 79,1"), "{diff}");
}
