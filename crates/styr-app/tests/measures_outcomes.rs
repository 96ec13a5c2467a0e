//! Measures stored as indicator outcomes of the demo's Exempelkommun plan (2024), with their
//! provenance; unknown measures and indicators, a range that is no period and a measure without
//! its input store nothing.

use std::path::PathBuf;

use styr_app::measures::kernels::continuity::ContinuityOptions;
use styr_app::measures::{MeasureMapping, MeasuresReport, compute, store_as_outcomes};
use styr_app::{Actor, Store};
use styr_domain::{Gender, OutcomeStatus, Period};

struct Db(PathBuf, PathBuf);

impl Db {
    async fn demo(name: &str) -> (Db, Store) {
        let path = std::env::temp_dir().join(format!("styr-app-measures-{}-{name}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let store = Store::open(path.to_str().unwrap()).await.unwrap();
        styr_app::demo::load(&store, &Actor::new("test")).await.unwrap();
        let exports = std::env::temp_dir().join(format!("styr-app-measures-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&exports);
        std::fs::create_dir_all(&exports).unwrap();
        (Db(path, exports), store)
    }
    fn write(&self, name: &str, body: &str) {
        std::fs::write(self.1.join(name), body).unwrap();
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
        }
        let _ = std::fs::remove_dir_all(&self.1);
    }
}

const SN: Option<&str> = Some("9998-sn");

/// Client 1 meets staff 10 and 11 in the first window of 2024; staff 1 (K) works 6 hours and is
/// sick 2, staff 2 (M) works 4.
fn exports(db: &Db) {
    let mut visits = String::from("client_id,unit_id,staff_id,start,end\n");
    for d in 1..=14 {
        visits.push_str(&format!("1,1,{},2024-01-{d:02} 08:00,2024-01-{d:02} 08:30\n", 10 + d % 2));
    }
    db.write("visits.csv", &visits);
    db.write("staff.csv", "staff_id,gender,birth_year,employment\n1,K,1980,monthly\n2,M,1990,hourly\n");
    db.write("time_reports.csv", "staff_id,date,kind,hours\n1,2024-03-01,worked,6\n1,2024-03-02,sick,2\n2,2024-03-01,worked,4\n");
}

fn every_client() -> ContinuityOptions {
    ContinuityOptions { min_days: 0, ..ContinuityOptions::default() }
}

fn day(y: i32, m: u32, d: u32) -> i32 {
    styr_app::measures::time::days_from_civil(y, m, d)
}

fn report(db: &Db, from: i32, to: i32) -> MeasuresReport {
    compute(&db.1, from, to, &every_client(), &mut ()).unwrap()
}

fn map(pairs: &[(&str, &str)]) -> Vec<MeasureMapping> {
    pairs.iter().map(|(m, i)| MeasureMapping { measure: m.to_string(), indicator: i.to_string() }).collect()
}

async fn stored(store: &Store) -> (usize, usize) {
    let outcomes = styr_store::outcomes::load_outcomes(store, "9998-sn", None).await.unwrap().len();
    let provenance = styr_store::measures::load_provenance(store, "9998-sn").await.unwrap().len();
    (outcomes, provenance)
}

#[tokio::test]
async fn measures_become_outcomes_with_their_provenance() {
    let (db, store) = Db::demo("store").await;
    exports(&db);
    let r = report(&db, day(2024, 1, 1), day(2024, 12, 31));
    let mapping = map(&[("personalkontinuitet", "personalkontinuitet"), ("sjukfranvaro", "sjukfranvaro")]);
    let s = store_as_outcomes(&store, &r, &mapping, None, SN, &Actor::new("test")).await.unwrap();
    assert_eq!(s.period, Period::Year(2024));
    assert_eq!(s.outcomes.len(), 4, "continuity in total, sick leave in total, K and M");

    let own = |o: &styr_domain::Outcome| o.period == Period::Year(2024) && o.comparison.code().is_empty();
    let k = styr_store::outcomes::load_outcomes(&store, "9998-sn", Some("personalkontinuitet")).await.unwrap();
    let k: Vec<_> = k.into_iter().filter(own).collect();
    assert_eq!(k.len(), 1);
    assert_eq!((k[0].gender, k[0].value, k[0].status), (Gender::T, Some(2.0), OutcomeStatus::Final));
    let s = styr_store::outcomes::load_outcomes(&store, "9998-sn", Some("sjukfranvaro")).await.unwrap();
    let value = |g: Gender| s.iter().find(|o| own(o) && o.gender == g).unwrap().value.unwrap();
    assert!((value(Gender::T) - 200.0 / 12.0).abs() < 1e-9 && (value(Gender::K) - 25.0).abs() < 1e-9 && value(Gender::M) == 0.0);

    let p = styr_store::measures::load_provenance(&store, "9998-sn").await.unwrap();
    assert_eq!(p.len(), 4);
    let c = p.iter().find(|p| p.indicator == "personalkontinuitet").unwrap();
    assert_eq!(
        (c.measure.as_str(), c.period.as_str(), c.range_from.as_str(), c.range_to.as_str()),
        ("personalkontinuitet", "2024", "2024-01-01", "2024-12-31")
    );
    assert!(c.definition.contains("window 14 days") && c.definition.contains("at least 0 days"), "{}", c.definition);
    assert!(
        c.input_files.contains("visits.csv (") && c.input_files.contains("bytes") && c.input_files.contains("time_reports.csv"),
        "{}",
        c.input_files
    );
}

#[tokio::test]
async fn unknown_measures_and_indicators_store_nothing() {
    let (db, store) = Db::demo("refuse").await;
    exports(&db);
    let before = stored(&store).await;
    let actor = Actor::new("test");
    let r = report(&db, day(2024, 1, 1), day(2024, 12, 31));

    // The first mapping is fine; the second names an indicator the plan lacks: nothing is stored.
    let e = store_as_outcomes(&store, &r, &map(&[("sjukfranvaro", "sjukfranvaro"), ("personalkontinuitet", "nope")]), None, SN, &actor)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("has no indicator `nope`"), "{e}");
    let e = store_as_outcomes(&store, &r, &map(&[("kontinuitet", "personalkontinuitet")]), None, SN, &actor).await.unwrap_err().to_string();
    assert!(e.contains("no measure \"kontinuitet\"") && e.contains("personalkontinuitet_over_15"), "{e}");
    // No decisions file: the lead times were not computed.
    let e =
        store_as_outcomes(&store, &r, &map(&[("utredningstid", "personalkontinuitet")]), None, SN, &actor).await.unwrap_err().to_string();
    assert!(e.contains("utredningstid was not computed: no decisions file"), "{e}");
    let e =
        store_as_outcomes(&store, &r, &map(&[("sjukfranvaro", "sjukfranvaro"), ("timanstalldas_andel", "sjukfranvaro")]), None, SN, &actor)
            .await
            .unwrap_err()
            .to_string();
    assert!(e.contains("more than one measure"), "{e}");
    // 2 January – 31 March is no period an outcome has.
    let odd = report(&db, day(2024, 1, 2), day(2024, 3, 31));
    let e = store_as_outcomes(&store, &odd, &map(&[("sjukfranvaro", "sjukfranvaro")]), None, SN, &actor).await.unwrap_err().to_string();
    assert!(e.contains("a year, a year to date or a month"), "{e}");
    assert_eq!(stored(&store).await, before, "nothing stored");

    // A year to date: January–March.
    let ytd = report(&db, day(2024, 1, 1), day(2024, 3, 31));
    let s = store_as_outcomes(&store, &ytd, &map(&[("timanstalldas_andel", "sjukfranvaro")]), None, SN, &actor).await.unwrap();
    assert_eq!(s.period, Period::YearToDate { year: 2024, month: 3 });
    assert_eq!(s.outcomes[0].value, Some(40.0), "4 of 10 worked hours by hourly staff");
}
