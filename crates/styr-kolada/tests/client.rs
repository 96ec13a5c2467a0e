//! The client against a fake Kolada server on loopback replaying recorded responses.

use std::time::Duration;

use styr_kolada::fake_server::{FakeKolada, Reply};
use styr_kolada::urls::ValueQuery;
use styr_kolada::{Client, Config, KoladaError};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn client(server: &FakeKolada) -> Client {
    Client::new(Config {
        base_url: server.base_url.clone(),
        timeout: Duration::from_millis(300),
        retries: 2,
        backoff: Duration::from_millis(1),
        max_wait: Duration::from_millis(5),
        min_interval: Duration::ZERO,
        ..Config::default()
    })
}

const SIX: &str = "/kpi/U23516,U28528,U28535,U28663,U23401,U28418";

#[test]
fn follows_next_url_until_absent() {
    let server = FakeKolada::routes(vec![
        (&format!("{SIX}?per_page=5000"), vec![Reply::json(fixture("kpi-paginated-page1.v3.json"))]),
        (&format!("{SIX}?page=2&per_page=2"), vec![Reply::json(fixture("kpi-paginated-page2.v3.json"))]),
        (&format!("{SIX}?page=3&per_page=2"), vec![Reply::json(fixture("kpi-paginated-page3.v3.json"))]),
    ])
    .unwrap();
    let ids: Vec<String> = ["U23516", "U28528", "U28535", "U28663", "U23401", "U28418"].map(String::from).to_vec();
    let kpis = client(&server).kpis(&ids).unwrap();
    assert_eq!(kpis.items.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(), ids);
    assert_eq!(kpis.urls.len(), 3);
    assert_eq!(kpis.items[0].publication_date.as_deref(), Some("2024-06-25"));
    assert_eq!(kpis.items[3].has_ou_data, Some(false));
}

#[test]
fn accepts_the_v2_envelope_next_page_and_old_field_names() {
    let server = FakeKolada::routes(vec![
        ("/kpi/U23516,U28528?per_page=5000", vec![Reply::json(fixture("kpi-paginated-page1.v2-legacy.json"))]),
        (&format!("{SIX}?page=2&per_page=2"), vec![Reply::json(r#"{"values":[],"next_url":""}"#)]),
    ])
    .unwrap();
    let kpis = client(&server).kpis(&["U23516".into(), "U28528".into()]).unwrap();
    assert_eq!(kpis.urls.len(), 2, "next_page was followed");
    assert_eq!(kpis.items[0].auspice.as_deref(), Some("X"));
    assert_eq!(kpis.items[0].is_divided_by_gender, Some(true));
    assert_eq!(kpis.items[1].is_divided_by_gender, Some(false));
}

#[test]
fn retries_429_honouring_retry_after_and_500_then_succeeds() {
    let body = fixture("data-alingsas-2022-2023.v3.json");
    let url = "/data/kpi/U23516/municipality/1489/year/2022,2023?per_page=5000";
    let server = FakeKolada::routes(vec![(
        url,
        vec![Reply::status(429, "slow down").with_header("Retry-After", "7"), Reply::status(500, "oops"), Reply::json(body)],
    )])
    .unwrap();
    let c = client(&server);
    let q = ValueQuery { kpis: vec!["U23516".into()], areas: vec!["1489".into()], years: vec![2022, 2023], ..Default::default() };
    let rows = c.values(&q).unwrap();
    assert_eq!(rows.items.len(), 10);
    let retries = c.retries();
    assert_eq!(retries.len(), 2);
    assert_eq!((retries[0].status, retries[0].retry_after), (429, Some(Duration::from_secs(7))));
    assert_eq!(retries[0].waited, Duration::from_millis(5), "capped by max_wait");
    assert_eq!((retries[1].status, retries[1].retry_after), (500, None));
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn gives_up_after_the_last_retry_naming_url_and_status() {
    let server = FakeKolada::routes(vec![("/kpi/U23516?per_page=5000", vec![Reply::status(503, "down")])]).unwrap();
    let err = client(&server).kpis(&["U23516".into()]).unwrap_err();
    assert!(matches!(err, KoladaError::GaveUp { status: 503, attempts: 3, .. }), "{err}");
    assert!(err.to_string().contains("/kpi/U23516"), "{err}");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let server = FakeKolada::routes(vec![("/kpi/U23516?per_page=5000", vec![Reply::Hang])]).unwrap();
    let err = client(&server).kpis(&["U23516".into()]).unwrap_err();
    assert!(matches!(err, KoladaError::Timeout { attempts: 3, .. }), "{err}");
    assert!(err.to_string().contains("no answer from Kolada"), "{err}");
}

#[test]
fn malformed_json_names_url_line_and_column() {
    let server =
        FakeKolada::routes(vec![("/kpi/U23516?per_page=5000", vec![Reply::json("{\"values\": [\n  {\"id\": \"U23516\",\n")])]).unwrap();
    let err = client(&server).kpis(&["U23516".into()]).unwrap_err();
    match &err {
        KoladaError::Json { url, line, .. } => {
            assert!(url.ends_with("/kpi/U23516?per_page=5000"));
            assert_eq!(*line, 3);
        }
        other => panic!("{other}"),
    }
}

#[test]
fn an_unknown_kpi_is_an_error_not_an_empty_list() {
    let server = FakeKolada::routes(vec![(
        "/kpi/U23516,X99999?per_page=5000",
        vec![Reply::json(r#"{"values":[{"id":"U23516","title":"t"}],"count":1,"next_url":null}"#)],
    )])
    .unwrap();
    let err = client(&server).kpis(&["U23516".into(), "X99999".into()]).unwrap_err();
    assert!(matches!(&err, KoladaError::UnknownKpi { ids } if ids == &["X99999"]), "{err}");
}

#[test]
fn null_values_deleted_rows_groups_and_genders_parse() {
    let server = FakeKolada::routes(vec![(
        "/data/kpi/U28418/municipality/1489/year/2023?per_page=5000",
        vec![Reply::json(fixture("data-missing-and-gender.synthetic.v3.json"))],
    )])
    .unwrap();
    let q = ValueQuery { kpis: vec!["U28418".into()], areas: vec!["1489".into()], years: vec![2023], ..Default::default() };
    let rows = client(&server).values(&q).unwrap().items;
    assert_eq!(rows[0].values[0].value, None, "null stays missing");
    assert_eq!(rows[1].area(), "G99999");
    assert_eq!(
        rows[1].values.iter().map(|v| (v.gender.as_str(), v.value)).collect::<Vec<_>>(),
        [("T", Some(50.0)), ("K", Some(51.0)), ("M", Some(48.5))]
    );
    let deleted: styr_kolada::Page<styr_kolada::DataRow> = serde_json::from_str(
        r#"{"values":[{"kpi":"U1","ou":"V15E1","period":"2023","values":[{"gender":"T","value":null,"is_deleted":1}]}]}"#,
    )
    .unwrap();
    assert!(deleted.values[0].values[0].isdeleted);
    assert_eq!(deleted.values[0].period, 2023);
    assert_eq!(deleted.values[0].area(), "V15E1");
}

#[test]
fn responses_are_cached_with_url_and_fetch_time_and_read_back_offline() {
    let dir = std::env::temp_dir().join(format!("styr-kolada-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = FakeKolada::routes(vec![(
        "/data/kpi/U23516/municipality/1489/year/2022?per_page=5000",
        vec![Reply::json(fixture("data-alingsas-2022-2023.v3.json"))],
    )])
    .unwrap();
    let c = Client::new(Config { cache_dir: Some(dir.clone()), ..client(&server).config().clone() });
    let q = ValueQuery { kpis: vec!["U23516".into()], areas: vec!["1489".into()], years: vec![2022], ..Default::default() };
    c.values(&q).unwrap();
    let files = styr_kolada::saved::json_files(&dir).unwrap();
    assert_eq!(files.len(), 1);
    let saved = styr_kolada::saved::read_file(&files[0]).unwrap();
    assert!(saved.url.unwrap().ends_with("/year/2022?per_page=5000"));
    assert!(matches!(saved.content, styr_kolada::saved::SavedFile::Values(ref v) if v.len() == 10));
    std::fs::remove_dir_all(&dir).unwrap();
}
