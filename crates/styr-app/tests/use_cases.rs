//! The use cases on the demo data, as the CLI and the web app call them.

use styr_app::economics::{FactsTable, facts_table, set_forecast};
use styr_app::select::{Selection, select};
use styr_app::{Actor, AppError, Store};

struct Db(std::path::PathBuf);

impl Db {
    async fn demo(name: &str) -> (Db, Store) {
        let path = std::env::temp_dir().join(format!("styr-app-{}-{name}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let store = Store::open(path.to_str().unwrap()).await.unwrap();
        styr_app::demo::load(&store, &Actor::new("test")).await.unwrap();
        (Db(path), store)
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
    }
}

fn demo_kommun(round: Option<&str>, unit: Option<&str>) -> Selection {
    Selection { committee: Some("9999-von".into()), year: 2025, round: round.map(String::from), unit: unit.map(String::from) }
}

#[tokio::test]
async fn a_selection_resolves_and_unknown_rounds_and_units_are_named_with_the_choices() {
    let (_db, store) = Db::demo("select").await;
    let cx = select(&store, &demo_kommun(Some("d2"), Some("aldre"))).await.unwrap();
    assert_eq!((cx.key.as_str(), cx.round.as_str(), cx.month, cx.unit.id.as_str()), ("9999-von", "d2", 8, "aldre"));
    assert!(!cx.is_root() && !cx.is_final_round());
    assert_eq!(cx.previous_round().as_deref(), Some("d1"));

    let err = select(&store, &demo_kommun(Some("q3"), None)).await.unwrap_err().to_string();
    assert!(err.contains("no round `q3`") && err.contains("d2"), "{err}");
    let err = select(&store, &demo_kommun(None, Some("nowhere"))).await.unwrap_err().to_string();
    assert!(err.contains("no organisation unit `nowhere`") && err.contains("aldre"), "{err}");
}

#[tokio::test]
async fn goals_come_with_the_latest_assessed_round() {
    let (_db, store) = Db::demo("goals").await;
    let listing = styr_app::listing::goals(&store, 2023, Some("0126-von"), None).await.unwrap();
    assert_eq!(listing.rows.len(), 8);
    assert_eq!(listing.round.as_deref(), Some("helar"));
    assert!(listing.rows.iter().all(|r| r.assessment.is_some()));
}

#[tokio::test]
async fn a_forecast_by_hand_needs_a_comment_and_a_known_row() {
    let (_db, store) = Db::demo("forecast").await;
    let actor = Actor::new("test");
    let sel = demo_kommun(Some("d2"), None);
    let amount = styr_domain::Amount::from_ore(-10_000_000);
    let err = set_forecast(&store, &actor, &sel, "personal", amount, "  ").await.unwrap_err();
    assert!(matches!(err, AppError::Invalid(_)), "{err}");
    let err = set_forecast(&store, &actor, &sel, "no-such-row", amount, "skäl").await.unwrap_err().to_string();
    assert!(err.contains("no row `no-such-row`"), "{err}");
    let changes = set_forecast(&store, &actor, &sel, "personal", amount, "skäl").await.unwrap();
    assert_eq!(changes.inserted + changes.updated, 1);
}

#[tokio::test]
async fn facts_tables_follow_the_selected_node() {
    let (_db, store) = Db::demo("facts").await;
    let all = facts_table(&store, &demo_kommun(Some("d2"), None), FactsTable::Volumes).await.unwrap();
    let part = facts_table(&store, &demo_kommun(Some("d2"), Some("hemtjanst")), FactsTable::Volumes).await.unwrap();
    assert!(!part.rows.is_empty() && part.rows.len() < all.rows.len(), "{} of {}", part.rows.len(), all.rows.len());
}

/// The report's indicator tables get the round's trend and bedömning from the analysis the app
/// runs, and the round's footnotes; another round has its own (d1: trends only, no footnotes).
#[tokio::test]
async fn report_indicator_tables_take_the_rounds_analysis_and_footnotes() {
    let (_db, store) = Db::demo("indicator-tables").await;
    let tables = styr_app::listing::indicator_tables(&store, 2024, Some("9998-sn"), Some("d2")).await.unwrap();
    let trygg =
        tables.iter().find(|t| t.title == "Indikatorer: Äldre som har hemtjänst eller bor på särskilt boende känner sig trygga").unwrap();
    assert_eq!(trygg.header[trygg.header.len() - 2..], ["Trend", "Bedömning"]);
    let row: Vec<&str> = trygg.rows[1].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(row[0], "Antal personal som en hemtjänsttagare möter under 14 dagar");
    assert_eq!(row[row.len() - 2..], ["minskad", "Nära värde"]);
    assert_eq!(trygg.rows[1][0].footnotes, ["1"]);
    assert_eq!(trygg.footnotes[0].text, "Mätt under två veckor i mars 2024.");

    let d1 = styr_app::listing::indicator_tables(&store, 2024, Some("9998-sn"), Some("d1")).await.unwrap();
    let trygg =
        d1.iter().find(|t| t.title == "Indikatorer: Äldre som har hemtjänst eller bor på särskilt boende känner sig trygga").unwrap();
    assert_eq!(trygg.header.last().unwrap(), "Trend", "no judgements written for d1");
    assert!(d1.iter().all(|t| t.footnotes.is_empty() && t.rows.iter().all(|r| r[0].footnotes.is_empty())));
}

fn record(region: &str, year: i32, age: u8, sex: styr_forecast::Sex, persons: f64) -> styr_population::Record {
    styr_population::Record { region: region.into(), year, age, sex, persons }
}

#[tokio::test]
async fn a_population_import_replaces_only_its_regions_and_years_and_feeds_the_forecast() {
    use styr_forecast::{AgeBand, Sex};
    let (_db, store) = Db::demo("population").await;
    let band = AgeBand::parse("80-").unwrap();
    // The demo stored Exempelkommun's population, so the demo model forecasts without a file.
    let stored = styr_app::forecast::stored_population(&store, "9998").await.unwrap();
    let before_2024 = stored.band_total(2024, band).unwrap();
    assert!(before_2024 > 0.0);
    let inputs = styr_app::forecast::load_stored(&store, "../../demo/exempelkommun-forecast.yaml").await.unwrap();
    assert_eq!(inputs.population, stored);

    // A file with 2030 only: that year is replaced whole (two rows instead of 202), 2024 stays.
    let file = [record("9998", 2030, 85, Sex::Female, 100.0), record("9998", 2030, 90, Sex::Male, 50.0)];
    let dry = styr_app::forecast::import_population(&store, &file, "ny.csv", true).await.unwrap();
    assert_eq!((dry[0].new, dry[0].changed + dry[0].unchanged, dry[0].removed), (0, 2, 200));
    assert_eq!(styr_app::forecast::stored_population(&store, "9998").await.unwrap(), stored, "a dry run stores nothing");
    styr_app::forecast::import_population(&store, &file, "ny.csv", false).await.unwrap();
    let after = styr_app::forecast::stored_population(&store, "9998").await.unwrap();
    assert_eq!(after.band_total(2030, band), Some(150.0));
    assert_eq!(after.band_total(2024, band), Some(before_2024));

    // The same count twice is refused and nothing is stored.
    let twice = [record("0126", 2024, 80, Sex::Male, 1.0), record("0126", 2024, 80, Sex::Male, 2.0)];
    let err = styr_app::forecast::import_population(&store, &twice, "dubbel.csv", false).await.unwrap_err().to_string();
    assert!(err.contains("dubbel.csv") && err.contains("twice"), "{err}");
    assert!(styr_app::forecast::stored_population(&store, "0126").await.unwrap().is_empty());

    // Without a stored population the forecast says how to get one.
    let model = std::fs::read_to_string("../../demo/exempelkommun-forecast.yaml").unwrap().replace("region: \"9998\"", "region: \"0126\"");
    let path = std::env::temp_dir().join(format!("styr-app-{}-model-0126.yaml", std::process::id()));
    std::fs::write(&path, model).unwrap();
    let err = styr_app::forecast::load_stored(&store, path.to_str().unwrap()).await.err().unwrap().to_string();
    let _ = std::fs::remove_file(&path);
    assert!(err.contains("no population stored for region 0126") && err.contains("styr population import"), "{err}");
}
