//! `styr kolada` against a fake Kolada server on loopback: sync fills the demo's Kolada-linked
//! indicators for the municipality, Riket, the county and the group, `styr assess` shows the
//! comparisons, revisions after publication are flagged, and a failing server stores nothing.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::TempDir;
use styr_kolada::fake_server::{FakeKolada, Reply};

/// A value per KPI, area and year, shifted by `bump` (a revision).
fn data_page(target: &str, bump: f64) -> String {
    let path = target.split('?').next().unwrap();
    let parts: Vec<&str> = path.split('/').collect();
    let (kpis, areas, years) = (parts[3], parts[5], parts[7]);
    let area_field = if path.starts_with("/oudata/") { "ou" } else { "municipality" };
    let mut rows = Vec::new();
    for k in kpis.split(',') {
        for (ai, a) in areas.split(',').enumerate() {
            for y in years.split(',') {
                let y: i32 = y.parse().unwrap();
                let v = 70.0 + ai as f64 + f64::from(y - 2020) + bump;
                let value = if a == "0000" && y == 2020 { "null".to_string() } else { v.to_string() };
                rows.push(format!(r#"{{"kpi":"{k}","{area_field}":"{a}","period":{y},"values":[{{"gender":"T","count":1,"status":"","value":{value},"isdeleted":false}}]}}"#));
            }
        }
    }
    format!(r#"{{"values":[{}],"count":{},"next_url":null}}"#, rows.join(","), rows.len())
}

fn kpi_page(target: &str) -> String {
    let ids = target.trim_start_matches("/kpi/").split('?').next().unwrap();
    let items: Vec<String> =
        ids.split(',').map(|id| format!(r#"{{"id":"{id}","title":"KPI {id}","publication_date":"2099-06-25","has_ou_data":1}}"#)).collect();
    format!(r#"{{"values":[{}],"count":{},"next_url":null}}"#, items.join(","), items.len())
}

fn server(bump: f64) -> FakeKolada {
    FakeKolada::start(move |t| {
        if t.starts_with("/kpi/") {
            Reply::json(kpi_page(t))
        } else if t.starts_with("/data/") || t.starts_with("/oudata/") {
            Reply::json(data_page(t, bump))
        } else {
            Reply::status(404, "no route")
        }
    })
    .unwrap()
}

fn styr(db: &Path, base: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_styr"))
        .arg("--database")
        .arg(db)
        .args(args)
        .env_remove("STYR_DATABASE")
        .env("STYR_USER", "kolada-test")
        .env("STYR_KOLADA_URL", base)
        .env("STYR_KOLADA_TIMEOUT", "0.5")
        .env("STYR_KOLADA_BACKOFF_MS", "1")
        .env("STYR_KOLADA_INTERVAL_MS", "0")
        .output()
        .unwrap()
}

fn ok(db: &Path, base: &str, args: &[&str]) -> String {
    let out = styr(db, base, args);
    assert!(out.status.success(), "styr {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

const SN: [&str; 4] = ["--year", "2024", "--committee", "9998-sn"];

#[test]
fn sync_fills_comparisons_assess_shows_them_and_revisions_are_flagged() {
    let dir = TempDir::new("kolada-sync");
    let db = dir.path("styr.db");
    let fake = server(0.0);
    ok(&db, &fake.base_url, &["demo"]);
    ok(&db, &fake.base_url, &["kolada", "group", "G37329", "--year", "2024", "--committee", "9998-sn"]);
    let out = ok(&db, &fake.base_url, &[&["kolada", "sync"][..], &SN].concat());
    assert!(out.contains("9998, 0000, 0099, G37329"), "{out}");
    assert!(out.contains("40 utfall sparade"), "2 KPIs × 4 areas × 5 years: {out}");
    let data_request = fake.requests().into_iter().find(|r| r.starts_with("/data/")).unwrap();
    assert_eq!(data_request, "/data/kpi/U21468,U23471/municipality/9998,0000,0099,G37329/year/2020,2021,2022,2023,2024?per_page=5000");
    // The plan's nodes with a Kolada OU id get their unit-level values too.
    let unit_request = fake.requests().into_iter().find(|r| r.starts_with("/oudata/")).unwrap();
    assert_eq!(unit_request, "/oudata/kpi/U21468,U23471/ou/V15E999800101,V15E999800201/year/2020,2021,2022,2023,2024?per_page=5000");
    let units = ok(&db, &fake.base_url, &[&["kolada", "units"][..], &SN].concat());
    // data_page: 70 + the area's position + (year − 2020): Särskilt boende is the second OU.
    let sabo_2024 = units.lines().find(|l| l.contains("Särskilt boende") && l.contains("U21468") && l.contains("2024")).unwrap_or("");
    assert!(sabo_2024.trim_end().ends_with("75"), "{units}");
    assert_eq!(units.lines().filter(|l| l.contains("V15E999800101")).count(), 10, "2 KPIs × 5 years for the home-care unit: {units}");

    let assess = ok(&db, &fake.base_url, &["assess", "--year", "2024", "--committee", "9998-sn", "--round", "d2", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&assess).unwrap();
    let text = json.to_string();
    for code in ["\"0000\"", "\"0099\"", "\"G37329\""] {
        assert!(text.contains(code), "assess lacks the comparison {code}");
    }

    let status = ok(&db, &fake.base_url, &[&["kolada", "status"][..], &SN].concat());
    assert!(status.contains("2099-06-25") && status.contains("nya värden väntas"), "{status}");

    ok(&db, &fake.base_url, &[&["kolada", "mark-published", "--round", "d2"][..], &SN].concat());
    drop(fake);
    let revised = server(1.5);
    let out = ok(&db, &revised.base_url, &[&["kolada", "sync"][..], &SN].concat());
    assert!(out.contains("REVIDERAT"), "{out}");
    assert!(out.contains("ändrade"), "{out}");
}

#[test]
fn a_failing_server_stores_nothing_and_says_why() {
    let dir = TempDir::new("kolada-fail");
    let db = dir.path("styr.db");
    let fake =
        FakeKolada::start(|t| if t.starts_with("/kpi/") { Reply::json(kpi_page(t)) } else { Reply::json("{\"values\": [ {\"kpi\": ") })
            .unwrap();
    ok(&db, &fake.base_url, &["demo"]);
    let before = ok(&db, &fake.base_url, &["indicators", "list", "--year", "2024", "--committee", "9998-sn", "--format", "json"]);
    let out = styr(&db, &fake.base_url, &[&["kolada", "sync"][..], &SN].concat());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not valid Kolada JSON") && err.contains("line 1"), "{err}");
    let after = ok(&db, &fake.base_url, &["indicators", "list", "--year", "2024", "--committee", "9998-sn", "--format", "json"]);
    assert_eq!(before, after);

    let unknown = FakeKolada::start(|_| Reply::json(r#"{"values":[],"next_url":null}"#)).unwrap();
    let out = styr(&db, &unknown.base_url, &[&["kolada", "sync"][..], &SN].concat());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("does not know the KPI U21468, U23471"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn offline_import_reads_saved_responses_and_names_a_broken_file() {
    let dir = TempDir::new("kolada-import");
    let db = dir.path("styr.db");
    let saved = dir.path("saved");
    std::fs::create_dir_all(&saved).unwrap();
    ok(&db, "http://127.0.0.1:9/v3", &["demo"]);
    let urls = ok(&db, "http://x/v3", &[&["kolada", "export-requests"][..], &SN].concat());
    assert_eq!(urls.lines().count(), 3, "KPI metadata, values, unit-level values: {urls}");
    assert!(urls.lines().any(|u| u.starts_with("http://x/v3/oudata/kpi/U21468,U23471/ou/V15E999800101,V15E999800201/")), "{urls}");
    std::fs::write(saved.join("a-kpi.json"), kpi_page("/kpi/U21468,U23471")).unwrap();
    std::fs::write(saved.join("b-data.json"), data_page("/data/kpi/U21468,U23471/municipality/9998,0000,0099/year/2023,2024", 0.0))
        .unwrap();
    std::fs::write(saved.join("b-oudata.json"), data_page("/oudata/kpi/U21468/ou/V15E999800201/year/2024", 0.0)).unwrap();
    let out = ok(&db, "http://127.0.0.1:9/v3", &[&["kolada", "import", saved.to_str().unwrap()][..], &SN].concat());
    assert!(out.contains("12 utfall sparade"), "2 KPIs × 3 areas × 2 years: {out}");
    let units = ok(&db, "http://127.0.0.1:9/v3", &[&["kolada", "units"][..], &SN].concat());
    assert!(units.contains("Särskilt boende") && units.contains("V15E999800201"), "{units}");
    std::fs::write(saved.join("c-broken.json"), "{\"values\": [\n  {\"kpi\": 1}\n").unwrap();
    let out = styr(&db, "http://127.0.0.1:9/v3", &[&["kolada", "import", saved.to_str().unwrap()][..], &SN].concat());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("c-broken.json: line 2"), "{err}");
}
