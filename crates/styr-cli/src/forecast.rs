//! `styr population …`, `styr forecast …` and `styr allocation`: arguments to
//! `styr_app::forecast`, tables printed.

use anyhow::Result;
use clap::{Args, Subcommand};
use styr_app::forecast;

use crate::economics::{TableFormat, print};
use crate::output::say;

#[derive(Args, Clone)]
pub struct Inputs {
    /// The forecast model file (`styr-forecast/1`): series, age bands, unit costs, history, prices.
    #[arg(long)]
    pub model: String,
    /// Population file (CSV `region;år;ålder;kön;antal`, or a spreadsheet), observed years and a
    /// projection; default: the population stored by `styr population import`.
    #[arg(long)]
    pub population: Option<String>,
    /// Output: a table for reading, JSON for programs, CSV (semicolon-separated) for spreadsheets.
    #[arg(long, value_enum, default_value_t)]
    pub format: TableFormat,
}

#[derive(Subcommand)]
pub enum PopulationCommand {
    /// Fetch population (TAB638) or SCB's projection (TAB698) from SCB's PxWebApi v2 into a CSV file.
    #[command(
        after_help = "Exempel:\n  styr population fetch --region 0126 --years 2020-2024 --out huddinge.csv\n  styr population fetch --region 0126 --years 2025-2034 --projection --out huddinge-prognos.csv"
    )]
    Fetch {
        /// Municipality codes, comma-separated (`0126,1283`).
        #[arg(long, value_delimiter = ',', required = true)]
        region: Vec<String>,
        /// Years: `2024`, `2020-2024` or `2020,2022`.
        #[arg(long)]
        years: String,
        /// The regional projection (TAB698) instead of the population 31 december (TAB638).
        #[arg(long)]
        projection: bool,
        /// PxWebApi v2 base URL.
        #[arg(long, env = "STYR_PXWEB_BASE", default_value = styr_population_base())]
        base: String,
        /// The CSV file to write.
        #[arg(long)]
        out: String,
    },
    /// Store a population file (CSV or spreadsheet: SCB's, or a commissioned projection) in the
    /// database; each region and year in the file replaces the stored one, other years stay.
    #[command(
        after_help = "Exempel:\n  styr population import demo/exempelkommun-population.csv\n  styr population import prognos-2025.xlsx --sheet Prognos --dry-run"
    )]
    Import {
        /// The file: `.csv` (`region;år;ålder;kön;antal`) or `.xlsx`/`.xls`/`.ods` with those columns.
        file: String,
        /// The spreadsheet's sheet (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Print what would change and store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check a population CSV (fetched, or a commissioned projection) and print it per age band and year.
    #[command(after_help = "Exempel:\n  styr population summary demo/exempelkommun-population.csv --region 9998")]
    Summary {
        /// The file: CSV (`region;år;ålder;kön;antal`) or a spreadsheet with those columns.
        file: String,
        /// The spreadsheet's sheet (default: the first).
        #[arg(long)]
        sheet: Option<String>,
        /// Municipality code.
        #[arg(long)]
        region: String,
        /// Age bands, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "0-19,20-64,65-79,80-")]
        bands: Vec<String>,
        /// Output: a table for reading, JSON for programs, CSV (semicolon-separated) for spreadsheets.
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
    },
}

const fn styr_population_base() -> &'static str {
    "https://api.scb.se/OV0104/v2beta/api/v2"
}

#[derive(Subcommand)]
pub enum ForecastCommand {
    /// Usage rates per series: volume per 1 000 inhabitants of the age band, per year, base and trend.
    #[command(
        after_help = "Exempel:\n  styr forecast rates --model demo/exempelkommun-forecast.yaml --population demo/exempelkommun-population.csv"
    )]
    Rates(Inputs),
    /// Volume, cost and staff forecast for 1–10 years; scenario constant, trend, target or all.
    #[command(
        after_help = "Exempel:\n  styr forecast project --model demo/exempelkommun-forecast.yaml --population demo/exempelkommun-population.csv --years 6 --scenario all"
    )]
    Project {
        #[command(flatten)]
        inputs: Inputs,
        /// Years ahead of the last history year, 1–10.
        #[arg(long, default_value_t = 5)]
        years: i32,
        /// constant (unchanged rates), trend, target (the model's policy targets) or all.
        #[arg(long, default_value = "constant")]
        scenario: String,
    },
    /// The change in net cost between two years: wage/price, volume and remainder, against demography.
    #[command(
        after_help = "Exempel:\n  styr forecast change --model demo/exempelkommun-forecast.yaml --population demo/exempelkommun-population.csv --from 2023 --to 2024"
    )]
    Change {
        #[command(flatten)]
        inputs: Inputs,
        /// The earlier year.
        #[arg(long)]
        from: i32,
        /// The later year.
        #[arg(long)]
        to: i32,
    },
    /// The volume budget result of a year: budgeted volume × price against the volume delivered.
    #[command(
        after_help = "Exempel:\n  styr forecast volume-budget --model demo/exempelkommun-forecast.yaml --population demo/exempelkommun-population.csv --year 2024"
    )]
    VolumeBudget {
        #[command(flatten)]
        inputs: Inputs,
        /// The budget year.
        #[arg(long)]
        year: i32,
    },
}

#[derive(Args)]
pub struct AllocationArgs {
    /// The forecast model file with an `allocation` section for the year.
    #[arg(long)]
    pub model: String,
    /// The year whose prices and volumes are used.
    #[arg(long)]
    pub year: i32,
    /// What-if: a new price, `SERVICE=KR` or `SERVICE/LEVEL=KR` (repeatable).
    #[arg(long)]
    pub price: Vec<String>,
    /// What-if: every price of a service changed by a percentage, `SERVICE=+2` (repeatable).
    #[arg(long)]
    pub change: Vec<String>,
    /// Output: a table for reading, JSON for programs, CSV (semicolon-separated) for spreadsheets.
    #[arg(long, value_enum, default_value_t)]
    pub format: TableFormat,
}

fn parse_years(s: &str) -> Result<Vec<i32>> {
    let bad = || anyhow::anyhow!("--years {s}: expected `2024`, `2020-2024` or `2020,2022`");
    if let Some((a, b)) = s.split_once('-') {
        let (a, b): (i32, i32) = (a.trim().parse().map_err(|_| bad())?, b.trim().parse().map_err(|_| bad())?);
        return if a <= b { Ok((a..=b).collect()) } else { Err(bad()) };
    }
    s.split(',').map(|y| y.trim().parse().map_err(|_| bad())).collect()
}

fn print_all(tables: &[styr_report::Table], format: TableFormat) -> Result<()> {
    if let TableFormat::Json = format {
        say!("{}", serde_json::to_string_pretty(tables)?);
        return Ok(());
    }
    if let TableFormat::Csv = format {
        let mut w = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(std::io::stdout());
        for t in tables {
            crate::economics::write_csv(&mut w, t, Some(&t.title))?;
        }
        w.flush()?;
        return Ok(());
    }
    for (i, t) in tables.iter().enumerate() {
        if i > 0 {
            say!();
        }
        print(t, format)?;
    }
    Ok(())
}

pub async fn population(store: &styr_app::Store, command: PopulationCommand) -> Result<()> {
    match command {
        PopulationCommand::Fetch { region, years, projection, base, out } => {
            let records = forecast::fetch_population(&base, projection, region, parse_years(&years)?)?;
            let file = std::fs::File::create(&out).map_err(|e| anyhow::anyhow!("{out}: {e}"))?;
            forecast::write_population(&records, std::io::BufWriter::new(file))?;
            say!("{} rader skrivna till {out}", styr_domain::format_sv::number(records.len() as f64, 0));
            Ok(())
        }
        PopulationCommand::Import { file, sheet, dry_run } => {
            let records = forecast::read_population(&file, sheet.as_deref())?;
            let source = std::path::Path::new(&file).file_name().map_or(file.clone(), |n| n.to_string_lossy().into_owned());
            let changes = forecast::import_population(store, &records, &source, dry_run).await?;
            let n = |v: usize| styr_domain::format_sv::number(v as f64, 0);
            for c in &changes {
                let years = match (c.years.first(), c.years.last()) {
                    (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
                    (Some(a), _) => a.to_string(),
                    _ => String::new(),
                };
                say!(
                    "region {} år {years}: {} nya, {} ändrade, {} oförändrade, {} borttagna rader",
                    c.region,
                    n(c.new),
                    n(c.changed),
                    n(c.unchanged),
                    n(c.removed)
                );
            }
            say!("{}", if dry_run { "torrkörning: inget sparat" } else { "sparat" });
            Ok(())
        }
        PopulationCommand::Summary { file, sheet, region, bands, format } => {
            let bands = bands.iter().map(|b| forecast::AgeBand::parse(b)).collect::<Result<Vec<_>, _>>()?;
            let records = forecast::read_population(&file, sheet.as_deref())?;
            print(&forecast::population_table(&records, &region, &bands)?, format)
        }
    }
}

async fn load(store: &styr_app::Store, i: &Inputs) -> Result<forecast::Inputs> {
    Ok(match &i.population {
        Some(file) => forecast::load(&i.model, file)?,
        None => forecast::load_stored(store, &i.model).await?,
    })
}

pub async fn run(store: &styr_app::Store, command: ForecastCommand) -> Result<()> {
    match command {
        ForecastCommand::Rates(i) => print(&forecast::rates_table(&load(store, &i).await?)?, i.format),
        ForecastCommand::Project { inputs, years, scenario } => {
            let loaded = load(store, &inputs).await?;
            let scenarios: Vec<&str> = if scenario == "all" { vec!["constant", "trend", "target"] } else { vec![scenario.as_str()] };
            let mut tables = Vec::new();
            for s in scenarios {
                tables.extend(forecast::projection_tables(&loaded, s, years)?);
            }
            print_all(&tables, inputs.format)
        }
        ForecastCommand::Change { inputs, from, to } => {
            print(&forecast::change_table(&load(store, &inputs).await?, from, to)?, inputs.format)
        }
        ForecastCommand::VolumeBudget { inputs, year } => {
            print(&forecast::volume_budget_table(&load(store, &inputs).await?, year)?, inputs.format)
        }
    }
}

pub fn allocation(a: AllocationArgs) -> Result<()> {
    let text = std::fs::read_to_string(&a.model).map_err(|e| anyhow::anyhow!("{}: {e}", a.model))?;
    let model = styr_app::formats::forecast_file::parse(&text, &a.model)?;
    let what = forecast::what_if(&a.price, &a.change)?;
    print(&forecast::allocation_table(&model, a.year, &what)?, a.format)
}
