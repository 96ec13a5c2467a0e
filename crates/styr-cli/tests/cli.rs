//! The `styr` binary end to end, on temporary SQLite databases.

mod common;

use std::process::Command;

use common::{TempDir, ok, styr};

#[test]
fn demo_lists_huddinges_eight_goals_with_published_assessments() {
    let dir = TempDir::new("demo");
    let db = dir.path("d.db");
    let first = ok(&db, &["demo"]);
    assert!(first.contains("Måluppfyllelse"), "{first}");
    assert!(ok(&db, &["demo"]).starts_with(
        "Demodata (Huddinge 2023, Helsingborg 2024, Demo kommun 2025, Exempelkommun 2024): 0 nya, 0 ändrade, 0 borttagna\n\n"
    ));

    let json: serde_json::Value = serde_json::from_str(&ok(&db, &["goals", "list", "--year", "2023", "--format", "json"])).unwrap();
    let goals = json.as_array().unwrap();
    assert_eq!(goals.len(), 8);
    let count = |label: &str| goals.iter().filter(|g| g["assessment"] == label).count();
    assert_eq!((count("I hög grad uppfyllt"), count("Delvis uppfyllt"), count("Ej uppfyllt")), (3, 4, 1));
    assert!(goals.iter().all(|g| g["title"].is_string() && g["kf_goal"].is_string()));
    assert_eq!(goals[5]["kf_goal"], "Minska klimatpåverkan");

    let staff = ok(&db, &["personnel", "list", "--committee", "0126-von"]);
    assert!(staff.contains("totalt  alla              dec 2023  2023-12-31  1 487") && staff.contains("Sjukfrånvaro (%)"), "{staff}");
    let indicators = ok(&db, &["indicators", "list", "--year", "2023"]);
    assert!(indicators.contains("23,15"), "{indicators}");
    assert!(indicators.contains("IU"), "the missing seniorträffar outcome: {indicators}");
    let hbg: serde_json::Value =
        serde_json::from_str(&ok(&db, &["goals", "list", "--year", "2024", "--committee", "1283-von", "--format", "json"])).unwrap();
    let mut levels: Vec<&str> = hbg.as_array().unwrap().iter().filter_map(|g| g["assessment"].as_str()).collect();
    levels.sort_unstable();
    assert_eq!(levels, ["Inte uppnått", "Uppnått"], "Helsingborg's two nämndmål");
}

#[test]
fn exported_plan_reimports_identically_into_an_empty_database() {
    let dir = TempDir::new("roundtrip");
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    ok(&a, &["demo"]);
    for (year, committee) in [("2023", "0126-von"), ("2024", "1283-von"), ("2024", "9998-sn")] {
        let exported = ok(&a, &["plan", "export", "--year", year, "--committee", committee]);
        let file = dir.path(&format!("plan-{year}.yaml"));
        std::fs::write(&file, &exported).unwrap();
        ok(&b, &["plan", "import", file.to_str().unwrap()]);
        assert_eq!(ok(&b, &["plan", "export", "--year", year, "--committee", committee]), exported);
    }
    let followup = ok(&a, &["followup", "export", "--year", "2023", "--round", "helar", "--committee", "0126-von"]);
    let file = dir.path("followup.yaml");
    std::fs::write(&file, &followup).unwrap();
    ok(&b, &["followup", "import", file.to_str().unwrap()]);
    assert_eq!(ok(&b, &["followup", "export", "--year", "2023", "--round", "helar", "--committee", "0126-von"]), followup);
}

#[test]
fn a_broken_plan_is_rejected_and_nothing_changes() {
    let dir = TempDir::new("broken");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let before = ok(&db, &["plan", "export", "--year", "2023", "--committee", "0126-von"]);
    let history_before = ok(&db, &["history", "9999-von", "--limit", "20000"]);

    // Change a title (valid) and break a direction further down: the valid change must not be stored.
    let broken = before.replacen("title: Minska klimatpåverkan", "title: Minska klimatpåverkan kraftigt", 1).replacen(
        "direction: lower",
        "direction: neråt",
        1,
    );
    let line = broken.lines().position(|l| l.contains("direction: neråt")).unwrap() + 1;
    let file = dir.path("broken.yaml");
    std::fs::write(&file, &broken).unwrap();
    let out = styr(&db, &["plan", "import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("broken.yaml, line {line}")), "{stderr}");
    assert!(stderr.contains(".direction`"), "{stderr}");
    assert_eq!(ok(&db, &["plan", "export", "--year", "2023", "--committee", "0126-von"]), before);
    assert_eq!(ok(&db, &["history", "9999-von", "--limit", "20000"]), history_before);

    let csv = dir.path("utfall.csv");
    std::fs::write(&csv, "indicator,period,value\nsjukfranvaro,2024,8.1\nfinns-inte,2024,3\n").unwrap();
    let out = styr(&db, &["outcomes", "import", csv.to_str().unwrap(), "--committee", "0126-von"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("utfall.csv, line 3, field `indicator`"), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&ok(&db, &["indicators", "list", "--year", "2023", "--format", "json"])).unwrap();
    assert!(json.as_array().unwrap().iter().all(|i| i["outcomes"].as_array().unwrap().iter().all(|o| o["year"] != 2024)));
}

#[test]
fn a_changed_plan_shows_in_the_history_with_before_and_after() {
    let dir = TempDir::new("history");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let plan = ok(&db, &["plan", "export", "--year", "2023", "--committee", "0126-von"]);
    let at = plan.find("- id: matsvinn").expect("matsvinn in the export");
    let (head, tail) = plan.split_at(at);
    let changed = format!("{head}{}", tail.replacen("2023: 20.0", "2023: 18.5", 1));
    assert_ne!(changed, plan, "the matsvinn etappmål was found in the export");
    let file = dir.path("changed.yaml");
    std::fs::write(&file, changed).unwrap();
    let out = ok(&db, &["--user", "karin", "plan", "import", file.to_str().unwrap()]);
    assert!(out.contains("0 nya, 1 ändrade, 0 borttagna"), "{out}");

    let history = ok(&db, &["history", "0126-von/2023/matsvinn", "--kind", "indicator_targets"]);
    assert!(history.contains("karin  update indicator_targets (revision 2)"), "{history}");
    assert!(history.contains("value: 20.0 → 18.5"), "{history}");
    let json: serde_json::Value = serde_json::from_str(&ok(&db, &["history", "0126-von/2023/matsvinn", "--format", "json"])).unwrap();
    let update = json.as_array().unwrap().iter().find(|e| e["action"] == "update").unwrap();
    assert_eq!((update["before"]["value"].as_f64(), update["after"]["value"].as_f64()), (Some(20.0), Some(18.5)));
}

#[test]
fn an_interrupted_ledger_import_leaves_the_previous_ledger() {
    let dir = TempDir::new("kill");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let args = ["economics", "drift", "--year", "2025", "--round", "d2", "--committee", "9999-von", "--format", "csv"];
    let before = ok(&db, &args);
    assert!(before.contains("Personalkostnader"), "{before}");

    // Another 2025 ledger with other amounts. The test hook stops the import for good once it has
    // written 500 rows inside its transaction and says so on stderr; only then is it killed, so the
    // kill always lands mid-write, however loaded the machine is.
    let other = dir.path("other.se");
    let options = styr_sie::generate::GenerateOptions { cost_centres: 100, months: 12, transactions: 2000, seed: 7, year: 2025 };
    std::fs::write(&other, styr_sie::generate::demo_sie(&options).unwrap()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["--database", db.to_str().unwrap(), "ledger", "import", other.to_str().unwrap(), "--committee", "9999-von"])
        .env(styr_store::test_hook::PAUSE_ENV, "500")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut seen = Vec::new();
    for line in std::io::BufRead::lines(stderr) {
        let line = line.unwrap();
        let paused = line.starts_with(styr_store::test_hook::PAUSE_MARKER);
        seen.push(line);
        if paused {
            break;
        }
    }
    assert!(
        seen.last().is_some_and(|l| l.starts_with(styr_store::test_hook::PAUSE_MARKER)),
        "the import ended before writing 500 rows: {seen:?}"
    );
    assert!(child.try_wait().unwrap().is_none(), "the paused import exited");
    child.kill().unwrap();
    assert!(!child.wait().unwrap().success());
    assert_eq!(ok(&db, &args), before, "the interrupted import changed the stored ledger");

    // Importing it for real does change the figures.
    ok(&db, &["ledger", "import", other.to_str().unwrap(), "--committee", "9999-von", "--force"]);
    assert_ne!(ok(&db, &args), before);
}

#[test]
fn assess_proposes_a_level_for_every_goal_and_flags_the_reports_contradictions() {
    let dir = TempDir::new("assess");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["assess", "--year", "2023", "--committee", "0126-von", "--format", "json"])).unwrap();
    let goals = json["goals"].as_array().unwrap();
    assert_eq!(goals.len(), 8);
    assert!(goals.iter().all(|g| g["proposal"]["level"]["label"].is_string()), "every goal has a proposal");
    let agreeing = goals.iter().filter(|g| g["assessment"]["agreement"] == "agree").count();
    assert_eq!(agreeing, 7);
    let contradictions: Vec<&str> = json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "text_contradicts_numbers")
        .map(|f| f["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(contradictions, ["ht-bemotande", "sabo-trygghet", "timanstallda"]);
    let table = ok(&db, &["assess", "--year", "2023", "--committee", "0126-von"]);
    assert!(
        table.contains("Tre av nämndens åtta mål bedöms som i hög grad uppfyllda, fyra som delvis uppfyllda och ett som ej uppfyllt."),
        "{table}"
    );
}

#[test]
fn forecasts_per_round_show_their_change_and_comment() {
    let dir = TempDir::new("forecast");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let sel = |round: &'static str| ["--year", "2025", "--round", round, "--committee", "9999-von"];
    let proposals = ok(&db, &[&["economics", "prognos", "--save"][..], &sel("d1")].concat());
    assert!(proposals.contains("seasonal_profile"), "{proposals}");
    ok(&db, &[&["economics", "prognos", "--save"][..], &sel("d2")].concat());

    let refused = styr(
        &db,
        &[&["economics", "satt-prognos", "--row", "personal", "--amount", "-3000000", "--comment", " "][..], &sel("d2")].concat(),
    );
    assert!(!refused.status.success(), "a forecast set by hand needs a comment");
    ok(
        &db,
        &[
            &["economics", "satt-prognos", "--row", "personal", "--amount", "-3000000", "--comment", "Fler platser i särskilt boende"][..],
            &sel("d2"),
        ]
        .concat(),
    );

    let csv = ok(&db, &[&["economics", "drift", "--format", "csv"][..], &sel("d2")].concat());
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with("Prognosförändring;Kommentar"), "{header}");
    let personal = csv.lines().find(|l| l.starts_with("Personalkostnader;")).unwrap();
    let cells: Vec<&str> = personal.split(';').collect();
    assert_eq!(cells[5], "-3 000 000", "{personal}");
    assert_eq!(cells[9], "Fler platser i särskilt boende", "{personal}");
    assert!(!cells[8].is_empty(), "prognosförändring since d1: {personal}");

    let history = ok(&db, &["history", "9999-von/2025/d2", "--kind", "forecasts"]);
    assert!(history.contains("method: proposal:seasonal_profile → manual"), "{history}");
}

#[test]
fn economics_tables_follow_the_node_and_the_round() {
    let dir = TempDir::new("units");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let table =
        |args: &[&str]| ok(&db, &[&["economics"][..], args, &["--year", "2025", "--committee", "9999-von", "--format", "csv"]].concat());
    let d1 = table(&["volymer", "--round", "d1", "--unit", "hemtjanst"]);
    let d2 = table(&["volymer", "--round", "d2", "--unit", "hemtjanst"]);
    assert!(d1.contains("Hemtjänst;timmar;410 000;134 200;408 000;-2 000"), "{d1}");
    assert!(d2.contains("Hemtjänst;timmar;410 000;271 900;412 500;2 500"), "{d2}");
    assert!(!d2.contains("Särskilt boende"), "only the node's volumes: {d2}");
    let whole = table(&["volymer", "--round", "d2"]);
    assert_eq!(whole.lines().count(), 4, "header and three volumes: {whole}");

    let sabo = table(&["investeringar", "--unit", "sabo"]);
    assert!(sabo.contains("4101 Sängar och taklyftar;3 500;1 420;3 300;200"), "{sabo}");
    assert!(!sabo.contains("4102"), "{sabo}");
    let all = table(&["investeringar"]);
    assert!(all.contains("Summa;6 100;3 160;6 300;-200"), "{all}");
    let elderly_grants = table(&["bidrag", "--unit", "aldre"]);
    assert!(
        elderly_grants.contains("Äldreomsorgslyftet") && elderly_grants.contains("sjuksköterskor"),
        "sabo is under aldre: {elderly_grants}"
    );
    let refused = styr(&db, &["economics", "drift", "--year", "2023", "--committee", "0126-von", "--unit", "aldre"]);
    assert!(!refused.status.success(), "Huddinge's typed driftredovisning is for the whole nämnd only");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("nor typed `drift` lines for aldre"));
    let disability_grants = table(&["bidrag", "--unit", "funktionsstod"]);
    assert_eq!(disability_grants.lines().count(), 2, "header and Summa only: {disability_grants}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::io::BufRead;
    let dir = TempDir::new("pipe");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    // Demo kommun's ledger history (some 2,6 MB) is far larger than a pipe's buffer, so the program is still
    // writing when the reader below stops after one line.
    let mut child = Command::new(env!("CARGO_BIN_EXE_styr"))
        .args(["--database", db.to_str().unwrap(), "history", "9999-von", "--limit", "20000"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(!first.is_empty());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "exit {:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_forecast_amount_that_is_no_number_or_too_large_is_refused_naming_the_option() {
    let dir = TempDir::new("amount");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let sel = ["--year", "2025", "--round", "d2", "--committee", "9999-von"];
    let drift = || ok(&db, &[&["economics", "drift", "--format", "csv"][..], &sel].concat());
    let before = drift();
    for (amount, message) in [
        ("NaN", "fel: --amount: NaN is not an amount"),
        ("inf", "fel: --amount: inf is not an amount"),
        ("-inf", "fel: --amount: -inf is not an amount"),
        ("1e300", "fel: --amount: 1e300 tkr is beyond ±1 000 000 000 000 kr (a million mnkr), the largest amount styr accepts"),
        ("1000000000.001", "fel: --amount: 1000000000.001 tkr is beyond"),
    ] {
        let out =
            styr(&db, &[&["economics", "satt-prognos", "--row", "personal", "--amount", amount, "--comment", "Test"][..], &sel].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "--amount {amount} was accepted");
        assert!(stderr.starts_with(message), "--amount {amount}: {stderr}");
    }
    assert_eq!(drift(), before, "nothing was stored");
    let history = ok(&db, &["history", "9999-von/2025/d2", "--kind", "forecasts"]);
    assert!(!history.contains("manual"), "{history}");

    // The bound itself, a million mnkr, is an amount.
    ok(&db, &[&["economics", "satt-prognos", "--row", "personal", "--amount", "-1000000000", "--comment", "Gränsen"][..], &sel].concat());
    let personal = drift().lines().find(|l| l.starts_with("Personalkostnader;")).unwrap().to_string();
    assert_eq!(personal.split(';').nth(5), Some("-1 000 000 000"), "{personal}");
}

/// Exempelkommun's delårsrapport: KF-mål assessed directly, a nämndmål without KF-mål, Ej
/// utvärderad and texts without level, indicator judgements and trends, year-to-date, tertial and
/// preliminary columns, values per regi, and the period each assessment used.
#[test]
fn exempelkommun_prints_every_goal_level_and_indicator_judgement() {
    let dir = TempDir::new("exempelkommun");
    let db = dir.path("d.db");
    ok(&db, &["demo"]);
    let sel = ["--year", "2024", "--committee", "9998-sn"];
    let args = |extra: &[&'static str]| -> Vec<&str> { [extra, &sel[..]].concat() };

    let goals: serde_json::Value = serde_json::from_str(&ok(&db, &args(&["goals", "list", "--format", "json"]))).unwrap();
    let goal = |id: &str| goals.as_array().unwrap().iter().find(|g| g["id"] == id).unwrap_or_else(|| panic!("no {id}")).clone();
    assert_eq!(
        (goal("kf-trygg-omsorg")["level"].as_str(), goal("kf-trygg-omsorg")["assessment"].as_str()),
        (Some("kf_goal"), Some("I hög grad uppfyllt"))
    );
    assert_eq!(goal("kf-trygg-omsorg")["indicators"], 2);
    assert_eq!((goal("arbetsmiljo")["kf_goal"].is_null(), goal("arbetsmiljo")["assessment"].as_str()), (true, Some("Ej utvärderad")));
    assert_eq!(goal("arbetsmiljo")["goal_area"], "Exempelkommun är en attraktiv arbetsgivare");
    assert_eq!(
        (goal("digital-tillganglighet")["assessment"].is_null(), goal("digital-tillganglighet")["texts_without_level"].as_bool()),
        (true, Some(true))
    );
    let table = ok(&db, &args(&["goals", "list"]));
    assert!(table.lines().any(|l| l.starts_with("KF-mål ") && l.contains("I hög grad uppfyllt")), "{table}");
    assert!(table.lines().any(|l| l.contains("Invånarna kan ansöka om") && l.trim_end().ends_with("text, ingen nivå")), "{table}");

    let table = ok(&db, &args(&["indicators", "list"]));
    let row = |title: &str| table.lines().find(|l| l.starts_with(title)).unwrap_or_else(|| panic!("no row {title}: {table}")).to_string();
    let cells = |line: String| line.split("  ").map(str::trim).filter(|c| !c.is_empty()).map(String::from).collect::<Vec<_>>();
    assert!(table.lines().any(|l| l.starts_with("Indikator") && l.contains("2022  2023  Prel. 2024  Etappmål 2024")), "{table}");
    assert!(table.lines().any(|l| l.starts_with("Indikator") && l.contains("2023  jan–aug 2024")), "{table}");
    assert_eq!(
        cells(row("Andel brukare i hemtjänsten som känner sig trygga")),
        [
            "Andel brukare i hemtjänsten som känner sig trygga, procent",
            "86",
            "88",
            "87 (prel.)",
            "88",
            "90",
            "90",
            "83",
            "ökad",
            "Nära värde"
        ]
    );
    assert_eq!(
        cells(row("Antal orosanmälningar")),
        ["Antal orosanmälningar som gäller barn och unga", "412", "ökad", "Inget värde angivet"]
    );
    assert_eq!(cells(row("Andel brukare som är ganska eller mycket nöjda med sitt sär"))[3], "86 (prel.)");

    let json: serde_json::Value = serde_json::from_str(&ok(&db, &args(&["indicators", "list", "--format", "json"]))).unwrap();
    let ind = |id: &str| json.as_array().unwrap().iter().find(|i| i["id"] == id).unwrap().clone();
    let oro = ind("orosanmalningar");
    assert!(oro["direction"].is_null() && oro["source"].is_null(), "not stated, not invented: {oro}");
    assert_eq!((oro["trend"].as_str(), oro["trend_source"].as_str()), (Some("ökad"), Some("typed")));
    assert_eq!(ind("utredningstid-barn")["round_period"], "T2 2024 (del av rundans period)");
    assert_eq!(ind("nojdhet-sabo")["round_period"], "2024 (årets mätning)");
    assert_eq!(ind("trygghet-hemtjanst")["outcomes"][2]["heading"], "jan–aug 2024");

    let assess = ok(&db, &args(&["assess", "--round", "d2"]));
    assert!(assess.contains("Bedömningen omfattar fem nämndmål och två KF-mål."), "{assess}");
    assert!(assess.contains("Ett av nämndens två KF-mål bedöms som i hög grad uppfyllt och ett som ej uppfyllt."), "{assess}");
    assert!(assess.contains(": 87 prel. (jan–aug 2024; etappmål 88) når inte"), "{assess}");
    assert!(assess.contains(": 118 (T2 2024, del av rundans period; etappmål 110) når inte"), "{assess}");
    assert!(assess.contains("egen regi 90, privata utförare 83"), "{assess}");
    let json: serde_json::Value = serde_json::from_str(&ok(&db, &args(&["assess", "--round", "d2", "--format", "json"]))).unwrap();
    let levels: Vec<(String, u64)> = json["summary"]["by_goal_level"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["level"].as_str().unwrap().to_string(), l["count"].as_u64().unwrap()))
        .collect();
    assert_eq!(levels, [("goal".to_string(), 5), ("kf_goal".to_string(), 2)]);
}
