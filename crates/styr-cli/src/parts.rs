//! `styr commissions|control|sections|footnotes|key-figures|agenda2030|rules list`, `styr ledger
//! mapping-list` and the personnel listings: arguments to `styr_app::report_parts` and `styr_app::personnel`, tables printed.
//!
//! A listing of several tables prints as one document in every format: tables one after another
//! (`table`), one JSON array of tables (`json`), one CSV whose first column names the table on
//! every row (`csv`).

use anyhow::Result;
use clap::{Args, Subcommand};
use styr_app::Store;
use styr_report::Table;

use crate::economics::{TableFormat, print, write_csv};
use crate::output::say;

/// Year, round, node, committee and format of a listing.
#[derive(Args, Clone)]
pub struct RoundSelection {
    /// Budget year, e.g. 2024.
    #[arg(long)]
    pub year: i32,
    /// Report round id (default: the latest round with anything written, else the helår round).
    #[arg(long)]
    pub round: Option<String>,
    /// Organisation node (sections only: the whole nämnd's and those of this node and below).
    #[arg(long)]
    pub unit: Option<String>,
    /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
    #[arg(long)]
    pub committee: Option<String>,
    /// Output: tables for reading, one JSON array of tables, or one CSV naming the table on every row.
    #[arg(long, value_enum, default_value_t)]
    pub format: TableFormat,
}

impl RoundSelection {
    fn app(&self) -> styr_app::select::Selection {
        styr_app::select::Selection {
            committee: self.committee.clone(),
            year: self.year,
            round: self.round.clone(),
            unit: self.unit.clone(),
        }
    }
}

#[derive(Subcommand)]
pub enum RoundListing {
    /// List them for a round.
    List(RoundSelection),
}

#[derive(Subcommand)]
pub enum YearListing {
    /// List them for a year.
    List {
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Output: tables for reading, one JSON array of tables, or one CSV naming the table on every row.
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
    },
}

#[derive(Subcommand)]
pub enum KeyFigureListing {
    /// List them for a year, with a round's footnotes on their rows.
    List {
        /// Budget year of the plan, e.g. 2024.
        #[arg(long)]
        year: i32,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Report round whose footnotes are shown (default: the latest round with anything written).
        #[arg(long)]
        round: Option<String>,
        /// Output: tables for reading, one JSON array of tables, or one CSV naming the table on every row.
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
    },
}

#[derive(Subcommand)]
pub enum Agenda2030Listing {
    /// The 17 goals with their Swedish names; with --year, the nämndmål linked to each.
    List {
        /// Budget year of a plan whose nämndmål are shown beside the goals (optional).
        #[arg(long)]
        year: Option<i32>,
        /// Committee key such as `0126-von` (municipality code and nämnd id); needed when more than one matches.
        #[arg(long)]
        committee: Option<String>,
        /// Output: a table for reading, JSON or CSV (`;`-separated).
        #[arg(long, value_enum, default_value_t)]
        format: TableFormat,
    },
}

/// Prints several tables as one document.
pub fn print_tables(tables: &[Table], format: TableFormat) -> Result<()> {
    match format {
        TableFormat::Json => say!("{}", serde_json::to_string_pretty(tables)?),
        TableFormat::Csv => {
            let mut w = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(std::io::stdout());
            let mut last_header: Option<&Vec<String>> = None;
            for t in tables {
                if t.footnotes.is_empty() && last_header == Some(&t.header) {
                    // Same columns as the table before: its rows continue under the same header.
                    for r in &t.rows {
                        w.write_record(std::iter::once(t.title.as_str()).chain(r.iter().map(|c| c.text.as_str())))?;
                    }
                } else {
                    write_csv(&mut w, t, Some(&t.title))?;
                }
                last_header = if t.footnotes.is_empty() { Some(&t.header) } else { None };
            }
            w.flush()?;
        }
        TableFormat::Table => {
            for (i, t) in tables.iter().enumerate() {
                if i > 0 {
                    say!();
                }
                print(t, format)?;
            }
        }
    }
    Ok(())
}

pub async fn commissions(store: &Store, sel: &RoundSelection) -> Result<()> {
    print_tables(&styr_app::report_parts::commissions(store, &sel.app()).await?, sel.format)
}

pub async fn internal_control(store: &Store, sel: &RoundSelection) -> Result<()> {
    print_tables(&styr_app::report_parts::internal_control(store, &sel.app()).await?, sel.format)
}

/// Sections print as text in `table` format: numbered headings, the node, the body, the markers
/// of their footnotes.
pub async fn sections(store: &Store, sel: &RoundSelection) -> Result<()> {
    let t = styr_app::report_parts::sections(store, &sel.app()).await?;
    if !matches!(sel.format, TableFormat::Table) {
        return print(&t, sel.format);
    }
    if t.rows.is_empty() {
        say!("Inga avsnitt i omgången.");
    }
    for r in &t.rows {
        let cell = |name: &str| t.header.iter().position(|h| h == name).map(|i| r[i].text.as_str()).unwrap_or("");
        let unit = cell("Enhet");
        let notes = cell("Fotnoter");
        say!(
            "## {}. {}{}{}",
            cell("Nr"),
            cell("Rubrik"),
            if unit.is_empty() { String::new() } else { format!(" – {unit}") },
            if notes.is_empty() { String::new() } else { format!(" [{notes}]") }
        );
        say!();
        say!("{}", cell("Text"));
        say!();
    }
    Ok(())
}

pub async fn footnotes(store: &Store, sel: &RoundSelection) -> Result<()> {
    print(&styr_app::report_parts::footnotes(store, &sel.app()).await?, sel.format)
}

pub async fn key_figures(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>, format: TableFormat) -> Result<()> {
    print_tables(&styr_app::report_parts::key_figures(store, year, committee, round).await?, format)
}

pub async fn indicator_tables(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>, format: TableFormat) -> Result<()> {
    print_tables(&styr_app::listing::indicator_tables(store, year, committee, round).await?, format)
}

pub async fn agenda2030(store: &Store, year: Option<i32>, committee: Option<&str>, format: TableFormat) -> Result<()> {
    print(&styr_app::report_parts::agenda2030(store, year, committee).await?, format)
}

/// Every personnel measure: as one document in every format (one JSON array; CSV names the table,
/// i.e. the measure, on every row, and every row names the measure in its first column too).
pub async fn personnel(store: &Store, committee: Option<&str>, format: TableFormat) -> Result<()> {
    print_tables(&styr_app::personnel::listing(store, committee).await?, format)
}

pub async fn personnel_compare(store: &Store, committee: Option<&str>, year: i32, format: TableFormat) -> Result<()> {
    print(&styr_app::personnel::year_comparison(store, committee, year).await?, format)
}

pub async fn structure(store: &Store, year: i32, committee: Option<&str>, format: TableFormat) -> Result<()> {
    print_tables(&styr_app::report_parts::structure(store, year, committee).await?, format)
}

pub async fn assessment_rule(store: &Store, year: i32, committee: Option<&str>, format: TableFormat) -> Result<()> {
    print_tables(&styr_app::rules::assessment_rule(store, year, committee).await?, format)
}

pub async fn ledger_mapping(store: &Store, committee: Option<&str>, format: TableFormat) -> Result<()> {
    print_tables(&styr_app::rules::ledger_mapping(store, committee).await?, format)
}
