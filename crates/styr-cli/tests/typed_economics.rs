//! Economics typed without a ledger (issue 7): published totals printed as published, every column
//! of a delårsrapport's resultaträkning for any node and round, investments in categories,
//! kvantiteter in groups, åtgärdsplaner, missing values blank, and references checked on import.

mod common;

use common::{TempDir, fails, ok};

fn fixture(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../styr-store/tests/fixtures").join(name).to_str().unwrap().to_string()
}

/// The CSV row whose first cell is `label`, split into cells.
fn row(csv: &str, label: &str) -> Vec<String> {
    let line = csv.lines().find(|l| l.split(';').next() == Some(label)).unwrap_or_else(|| panic!("no row {label} in\n{csv}"));
    line.split(';').map(str::to_string).collect()
}

/// The cell of `label`'s row in the column named `column`.
fn cell(csv: &str, label: &str, column: &str) -> String {
    let header: Vec<&str> = csv.lines().next().unwrap().split(';').collect();
    let i = header.iter().position(|h| *h == column).unwrap_or_else(|| panic!("no column {column} in {header:?}"));
    row(csv, label)[i].clone()
}

fn typed_db(dir: &TempDir) -> std::path::PathBuf {
    let db = dir.path("t.db");
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    ok(&db, &["economics", "import-facts", &fixture("typed-delar-economics.yaml")]);
    db
}

#[test]
fn huddinge_prints_its_published_totals_exactly() {
    let dir = TempDir::new("published-totals");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let out = styr_out(&db, &["economics", "drift", "--year", "2023", "--committee", "0126-von"]);
    let costs = out.0.lines().find(|l| l.starts_with("Verksamhetens kostnader")).unwrap();
    let result = out.0.lines().find(|l| l.starts_with("Årets resultat")).unwrap();
    let cells = |l: &str| l.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(str::to_string).collect::<Vec<_>>();
    assert_eq!(cells(costs), ["Verksamhetens kostnader", "-2 370 943", "-2 408 949", "-38 006", "-2 310 211"]);
    assert_eq!(cells(result), ["Årets resultat", "-1 402 123", "-1 405 716", "-3 593", "-1 298 515"]);
    assert!(out.0.contains("Övrigt") && out.0.contains("-7 796"), "the typed deviation as printed: {}", out.0);
    assert!(!out.1.contains("varning"), "the published totals are within the rounding of their parts: {}", out.1);
    let per_activity = ok(&db, &["economics", "verksamhet", "--year", "2023", "--committee", "0126-von", "--format", "csv"]);
    assert_eq!(row(&per_activity, "Summa")[1..4], ["1 402 123", "1 405 716", "-3 593"]);
}

fn styr_out(db: &std::path::Path, args: &[&str]) -> (String, String) {
    let out = common::styr(db, args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn delar_figures_typed_without_a_ledger_print_every_column_for_a_round_and_a_node() {
    let dir = TempDir::new("typed-delar");
    let db = typed_db(&dir);
    let sel = ["--year", "2025", "--round", "t2", "--committee", "1489-son", "--format", "csv"];
    let drift = ok(&db, &[&["economics", "drift"][..], &sel].concat());
    let header = drift.lines().next().unwrap();
    assert_eq!(
        header,
        "Resultaträkning (tkr);Budget helår;Budget jan–aug;Utfall jan–aug 2025;Avvikelse jan–aug;Utfall jan–aug 2024;Prognos helår;\
         Avvikelse prognos/budget;Avvikelse prognos/budget (%);Prognosförändring;Kommentar;Åtgärder"
    );
    assert_eq!(
        row(&drift, "Personalkostnader"),
        [
            "Personalkostnader",
            "-60 000",
            "-40 000",
            "-41 500",
            "-1 499",
            "-39 000",
            "-62 000",
            "-2 000",
            "-3,3 %",
            "-1 000",
            "Hög sjukfrånvaro och inhyrd personal",
            "Bemanningsplanering i hemtjänsten"
        ]
    );
    // Computed where not typed: the deviation, the percent, the prognosförändring since t1.
    assert_eq!(row(&drift, "Verksamhetens intäkter")[4], "400");
    assert_eq!(cell(&drift, "Verksamhetens intäkter", "Avvikelse prognos/budget (%)"), "4,2 %");
    assert_eq!(cell(&drift, "Verksamhetens intäkter", "Prognosförändring"), "300");
    // The published total, not the sum of its parts (-68 000).
    assert_eq!(cell(&drift, "Verksamhetens nettokostnad", "Budget helår"), "-68 001");
    assert_eq!(cell(&drift, "Kommunbidrag", "Avvikelse jan–aug"), "0");
    // Missing is not zero: Övriga kostnader has no outcome last year and no t1 forecast.
    assert_eq!(cell(&drift, "Övriga kostnader", "Utfall jan–aug 2024"), "");
    assert_eq!(cell(&drift, "Övriga kostnader", "Prognosförändring"), "");
    // Årets resultat: budget 0 gives no percentage (never 100,0 % or a division by zero).
    assert_eq!(cell(&drift, "Årets resultat", "Budget helår"), "0");
    assert_eq!(cell(&drift, "Årets resultat", "Avvikelse prognos/budget (%)"), "");
    assert!(!drift.contains("100,0 %"), "{drift}");

    let unit = ok(&db, &[&["economics", "drift", "--unit", "ao"][..], &sel].concat());
    assert_eq!(row(&unit, "Nettokostnad")[1..5], ["-41 000", "-27 300", "-27 900", "-600"]);
    assert_eq!(cell(&unit, "Verksamhetens kostnader", "Kommentar"), "Fler beviljade hemtjänsttimmar");
    let earlier = ok(&db, &["economics", "drift", "--year", "2025", "--round", "t1", "--committee", "1489-son", "--format", "csv"]);
    assert_eq!(cell(&earlier, "Personalkostnader", "Prognos helår"), "-61 000", "the round's own forecast");
    assert!(!earlier.contains("Hög sjukfrånvaro"), "t2's comment is not t1's: {earlier}");

    let per_activity = ok(&db, &[&["economics", "verksamhet", "--unit", "ao"][..], &sel].concat());
    assert_eq!(row(&per_activity, "Hemtjänst")[1..6], ["20 000", "13 300", "13 900", "-600", "-4,5 %"]);
    let refused = fails(&db, &[&["economics", "drift", "--unit", "hemtjanst"][..], &sel].concat());
    assert!(refused.contains("typed lines exist for --unit ao"), "{refused}");
}

#[test]
fn investments_volumes_and_actions_print_their_groups_and_status() {
    let dir = TempDir::new("typed-facts");
    let db = typed_db(&dir);
    let sel = ["--year", "2025", "--round", "t2", "--committee", "1489-son", "--format", "csv"];
    let inv = ok(&db, &[&["economics", "investeringar"][..], &sel].concat());
    assert_eq!(
        inv.lines().next().unwrap(),
        "Investeringar, tkr;Budget helår;Utfall jan–aug;Prognos helår;Avvikelse prognos/budget;Kommentar"
    );
    let lines: Vec<&str> = inv.lines().map(|l| l.split(';').next().unwrap()).collect();
    assert_eq!(
        lines[1..],
        [
            "Inventarier",
            "4711 Inventarier särskilt boende",
            "Summa inventarier",
            "Reinvestering",
            "4712 Larm hemtjänst",
            "Summa reinvestering",
            "Nyinvestering",
            "4800 Nytt trygghetsboende",
            "Summa nyinvestering",
            "Summa"
        ]
    );
    assert_eq!(row(&inv, "4711 Inventarier särskilt boende")[1..], ["500", "120", "480", "20", "Leveransförsening"]);
    assert_eq!(row(&inv, "4712 Larm hemtjänst")[1..5], ["300", "0", "", ""], "no forecast: blank, and no deviation");
    assert_eq!(row(&inv, "Summa")[1..5], ["2 800", "970", "", ""], "a sum with a missing part is blank");

    let vol = ok(&db, &[&["economics", "volymer"][..], &sel].concat());
    assert_eq!(vol.lines().next().unwrap(), "Volym;Enhet;Utfall föregående år;Åtagande;Utfall;Prognos;Avvikelse");
    let names: Vec<&str> = vol.lines().skip(1).map(|l| l.split(';').next().unwrap()).collect();
    assert_eq!(names, ["Ordinärt boende", "Hemtjänst", "Dagverksamhet", "Särskilt boende", "Särskilt boende"]);
    assert_eq!(row(&vol, "Hemtjänst")[1..], ["timmar", "250 000", "400 000", "268 500", "400 000", "0"], "a zero deviation prints 0");
    assert_eq!(row(&vol, "Dagverksamhet")[6], "-0,5");

    let actions = ok(&db, &[&["economics", "atgarder"][..], &sel].concat());
    assert_eq!(
        row(&actions, "Bemanningsplanering i hemtjänsten"),
        [
            "Bemanningsplanering i hemtjänsten",
            "Hemtjänst",
            "Personalkostnader",
            "-2 000",
            "800",
            "2 400",
            "Pågår",
            "Nytt schemaverktyg infört i juni"
        ]
    );
    assert_eq!(row(&actions, "Fasta team i hemtjänsten")[2], "Hemtjänsttagare möter få olika personal");
    assert!(!actions.lines().next().unwrap().contains("Bedömning"), "no goal assessed in t2: no column {actions}");
    // In t1 the goal the second åtgärd answers is assessed: its level is printed beside it.
    ok(&db, &["followup", "import", &fixture("coverage-followup.yaml")]);
    let t1 = ok(&db, &["economics", "atgarder", "--year", "2025", "--round", "t1", "--committee", "1489-son", "--format", "csv"]);
    assert_eq!(cell(&t1, "Bemanningsplanering i hemtjänsten", "Status"), "Ej påbörjat");
    assert_eq!(cell(&t1, "Fasta team i hemtjänsten", "Bedömning"), "Ej utvärderad");
    assert_eq!(cell(&t1, "Fasta team i hemtjänsten", "Status"), "", "no status given for t1");
    let json = ok(&db, &["economics", "atgarder", "--year", "2025", "--round", "t2", "--committee", "1489-son", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 2, "{json}");
    let table = ok(&db, &["economics", "atgarder", "--year", "2025", "--round", "t2", "--committee", "1489-son"]);
    assert!(table.starts_with("Åtgärdsplan"), "{table}");
}

#[test]
fn unknown_units_rounds_goals_and_lines_are_refused_on_import_with_line_and_field() {
    let dir = TempDir::new("typed-refs");
    let db = dir.path("r.db");
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    let good = std::fs::read_to_string(fixture("typed-delar-economics.yaml")).unwrap();
    let cases = [
        (
            "org_unit: hemtjanst\n    line: personal",
            "org_unit: saknas\n    line: personal",
            "field `actions[0].org_unit`: no organisation unit `saknas` in the plan for 2025",
        ),
        ("goal: kontinuitet", "goal: okant-mal", "field `actions[1].goal`: no goal `okant-mal` in the plan for 2025"),
        (
            "{ round: t1, status: ej_påbörjat }",
            "{ round: t9, status: ej_påbörjat }",
            "field `actions[0].followups[0].round`: no round `t9` in the plan for 2025; its rounds are t1, t2, ar",
        ),
        (
            "forecast: { t1: 12200, t2: 12500 }",
            "forecast: { t1: 12200, t3: 12500 }",
            "field `amounts[0].forecast.t3`: no round `t3` in the plan for 2025",
        ),
        ("round: t2, org_unit: hemtjanst, previous", "round: d2, org_unit: hemtjanst, previous", "field `volumes[0].round`: no round `d2`"),
        ("    line: personal\n    effect", "    line: okand\n    effect", "field `actions[0].line`: no line with id `okand` in lines"),
    ];
    for (i, (from, to, expected)) in cases.into_iter().enumerate() {
        assert!(good.contains(from), "case {i}: the fixture has no `{from}`");
        let path = dir.path(&format!("bad{i}.yaml"));
        std::fs::write(&path, good.replacen(from, to, 1)).unwrap();
        let err = fails(&db, &["economics", "import-facts", path.to_str().unwrap()]);
        assert!(err.contains(&format!("bad{i}.yaml, line ")), "case {i}: the file and line are named: {err}");
        assert!(err.contains(expected), "case {i}: {err}");
    }
    let listed = fails(&db, &["economics", "drift", "--year", "2025", "--round", "t2", "--committee", "1489-son"]);
    assert!(listed.contains("neither a ledger"), "nothing was stored: {listed}");
}

#[test]
fn a_published_total_beyond_the_rounding_of_its_parts_is_warned_about() {
    let dir = TempDir::new("typed-warn");
    let db = dir.path("w.db");
    ok(&db, &["plan", "import", &fixture("coverage-plan.yaml")]);
    let text = std::fs::read_to_string(fixture("typed-delar-economics.yaml"))
        .unwrap()
        .replace("budget: { \"2025\": -68001 }", "budget: { \"2025\": -68002 }");
    let path = dir.path("warn.yaml");
    std::fs::write(&path, text).unwrap();
    let (_, on_import) = styr_out(&db, &["economics", "import-facts", path.to_str().unwrap()]);
    assert!(
        on_import.contains("varning: ") && on_import.contains("warn.yaml: Verksamhetens nettokostnad: publicerad budget 2025 -68 002 tkr"),
        "{on_import}"
    );
    let (_, stderr) = styr_out(&db, &["economics", "drift", "--year", "2025", "--round", "t2", "--committee", "1489-son"]);
    assert!(
        stderr.contains(
            "varning: Verksamhetens nettokostnad: publicerad budget 2025 -68 002 tkr avviker från summan av delarna -68 000 tkr med -2 tkr"
        ),
        "two tkr off three rows (±1,5 tkr): {stderr}"
    );
}

#[test]
fn exempelkommun_economics_load_beside_its_plan_and_print_the_delarsrapport() {
    let dir = TempDir::new("exempelkommun");
    let db = dir.path("e.db");
    // The demo loads Exempelkommun's plan, follow-up and economics.
    ok(&db, &["demo"]);
    let sel = ["--year", "2024", "--round", "d2", "--committee", "9998-sn", "--format", "csv"];
    let (drift, warnings) = styr_out(&db, &[&["economics", "drift"][..], &sel].concat());
    assert!(!warnings.contains("varning"), "the printed totals are within the rounding of their parts: {warnings}");
    assert_eq!(row(&drift, "Verksamhetens nettokostnad")[1..5], ["-1 100 000", "-729 201", "-748 131", "-18 930"]);
    assert_eq!(row(&drift, "Årets resultat")[3], "-15 096");
    assert_eq!(cell(&drift, "Finansnetto", "Utfall jan–aug 2023"), "", "not printed, so blank");
    assert_eq!(cell(&drift, "Köp av verksamhet", "Prognosförändring"), "-7 000");
    let per_activity = ok(&db, &[&["economics", "verksamhet"][..], &sel].concat());
    assert_eq!(cell(&per_activity, "Äldreomsorg", "Prognosförändring"), "-10 800", "a higher net cost forecast is a worse one");
    assert_eq!(row(&per_activity, "Summa")[1..4], ["1 100 000", "729 200", "748 131"]);
    let units = ok(&db, &[&["economics", "verksamhet", "--unit", "aldre"][..], &sel].concat());
    assert_eq!(row(&units, "Summa")[1..4], ["640 000", "426 700", "441 310"]);
    let inv = ok(&db, &[&["economics", "investeringar"][..], &sel].concat());
    assert_eq!(row(&inv, "Summa reinvestering")[1..5], ["2 000", "735", "1 700", "300"]);
    let vol = ok(&db, &[&["economics", "volymer"][..], &sel].concat());
    assert_eq!(row(&vol, "Hemtjänst privata utförare")[6], "0");
    let actions = ok(&db, &[&["economics", "atgarder"][..], &sel].concat());
    assert_eq!(actions.lines().count(), 4, "header and three åtgärder: {actions}");
    assert_eq!(
        row(&actions, "Återhållsamhet med inköp och vakanser")[2..],
        ["Nämnden har en ekonomi i balans", "", "Ej uppfyllt", "3 000", "", "Klart", "Infört från 1 juli"],
        "the goal's assessment in the round stands beside the åtgärd"
    );
}
