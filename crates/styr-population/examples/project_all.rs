//! The national forecast benchmark (BENCHMARKS.md, "Demography"): every municipality's usage rates
//! and a 10-year projection under three scenarios, from the files of
//! `scripts/bench/forecast_data.py`, printed as `scripts/bench/forecast_pandas.py` prints them.
//!
//! usage: cargo run --release -p styr-population --example project_all -- DIR

use std::collections::{BTreeMap, HashMap};
use std::time::Instant;

use styr_forecast::projection::{CostIndex, Scenario, UnitCost, project};
use styr_forecast::rates::{VolumeSeries, usage_rate};
use styr_forecast::{AgeBand, Population};

const SERIES: [(&str, &str); 4] = [("sabo", "80-"), ("hemtjanst-80", "80-"), ("hemtjanst-65-79", "65-79"), ("lss", "0-64")];
const BASE_YEARS: usize = 3;
const HORIZON: i32 = 10;
const TARGET_YEAR: i32 = 2030;
const TARGET_FACTOR: f64 = 0.9;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).ok_or("usage: project_all DIR")?);
    let file = dir.join("population.csv");
    let records = styr_population::csvfile::read(std::fs::File::open(&file)?, &file.display().to_string())?;
    let volumes = read_volumes(&dir.join("volumes.csv"))?;

    let started = Instant::now();
    let mut populations: HashMap<&str, Population> = HashMap::new();
    for r in &records {
        populations.entry(r.region.as_str()).or_default().add(r.year, r.sex, r.age, r.persons);
    }
    let mut totals: BTreeMap<(usize, &str, i32), f64> = BTreeMap::new();
    let mut projected = 0usize;
    for ((region, id), history) in &volumes {
        let band = SERIES.iter().find(|(s, _)| s == id).map(|(_, b)| AgeBand::parse(b)).ok_or("unknown series")??;
        let series = VolumeSeries { id: id.clone(), name: id.clone(), unit: String::new(), band, volumes: history.clone() };
        let population = populations.get(region.as_str()).ok_or("a region without population")?;
        let rate = usage_rate(&series, population, BASE_YEARS)?;
        let scenarios = [Scenario::Constant, Scenario::Trend, Scenario::Target { rate: rate.base * TARGET_FACTOR, year: TARGET_YEAR }];
        for (s, scenario) in scenarios.into_iter().enumerate() {
            for y in project(&rate, population, scenario, UnitCost::default(), CostIndex::FIXED, HORIZON)? {
                *totals.entry((s, SERIES.iter().find(|(x, _)| x == id).map(|(x, _)| *x).unwrap_or_default(), y.year)).or_default() +=
                    y.volume;
                projected += 1;
            }
        }
    }
    let elapsed = started.elapsed();
    let names = ["constant", "trend", "target"];
    for ((s, id, year), v) in &totals {
        println!("{};{id};{year};{v:.3}", names[*s]);
    }
    eprintln!("compute: {:.1} ms ({} municipality-service-scenario-years)", elapsed.as_secs_f64() * 1000.0, projected);
    Ok(())
}

type Volumes = BTreeMap<(String, String), BTreeMap<i32, f64>>;

fn read_volumes(path: &std::path::Path) -> Result<Volumes, Box<dyn std::error::Error>> {
    let mut out = Volumes::new();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_path(path)?;
    for row in reader.records() {
        let row = row?;
        let year: i32 = row[2].parse()?;
        let volume: f64 = row[3].parse()?;
        out.entry((row[0].to_string(), row[1].to_string())).or_default().insert(year, volume);
    }
    Ok(out)
}
