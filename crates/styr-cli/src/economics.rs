//! `styr economics …` and `styr personnel list`: arguments to `styr_app::economics`, tables printed.

use anyhow::Result;
use clap::{Args, ValueEnum};
use styr_app::economics::{EconTable, FactsTable};
use styr_app::{Actor, Store};
use styr_domain::Amount;
use styr_domain::economics::MoneyUnit;
use styr_report::Table;

use crate::output::{print_table, say, with_markers};

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum TableFormat {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Args, Clone)]
pub struct Selection {
    /// Budget year, e.g. 2025.
    #[arg(long)]
    pub year: i32,
    /// Report round id (default: the year's helår round, else its last round).
    #[arg(long)]
    pub round: Option<String>,
    /// Organisation node (default: the root, the whole nämnd).
    #[arg(long)]
    pub unit: Option<String>,
    /// Committee key such as `9999-von` (municipality code and nämnd id); needed when more than one matches.
    #[arg(long)]
    pub committee: Option<String>,
    /// Output: a table for reading, JSON for programs, CSV (semicolon-separated) for spreadsheets.
    #[arg(long, value_enum, default_value_t)]
    pub format: TableFormat,
}

impl Selection {
    fn app(&self) -> styr_app::select::Selection {
        styr_app::select::Selection {
            committee: self.committee.clone(),
            year: self.year,
            round: self.round.clone(),
            unit: self.unit.clone(),
        }
    }
}

pub fn print(t: &Table, format: TableFormat) -> Result<()> {
    match format {
        TableFormat::Json => say!("{}", serde_json::to_string_pretty(t)?),
        TableFormat::Csv => {
            let mut w = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(std::io::stdout());
            write_csv(&mut w, t, None)?;
            w.flush()?;
        }
        TableFormat::Table if t.header.len() == 1 => {
            // A table of one column holds text (a summary, a comment): printed whole, not cut to a column.
            say!("{}\n", t.title);
            for r in &t.rows {
                say!("{}", r.iter().map(|c| c.text.trim_end()).collect::<Vec<_>>().join(" "));
            }
            print_footnotes(t);
        }
        TableFormat::Table => {
            say!("{}\n", t.title);
            let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
            let rows: Vec<Vec<String>> = t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(i, c)| if i == 0 { with_markers(&c.text, &c.footnotes, 60) } else { c.text.clone() })
                        .collect()
                })
                .collect();
            print_table(&header, &rows, 60);
            print_footnotes(t);
        }
    }
    Ok(())
}

/// The footnote texts under a table printed for reading, after an empty line.
pub fn print_footnotes(t: &Table) {
    if !t.footnotes.is_empty() {
        say!();
        for line in t.footnote_lines() {
            say!("{line}");
        }
    }
}

/// A table as CSV: the header and rows (with a column "Not" holding each row's footnote markers
/// when the table has footnotes; the titles stay as stored), then, under the rows, a header
/// `Not;Fotnot` and one row per footnote. `name` puts the table's title in a first column.
pub fn write_csv<W: std::io::Write>(w: &mut csv::Writer<W>, t: &Table, name: Option<&str>) -> Result<()> {
    let first: Vec<&str> = name.map(|_| "Tabell").into_iter().collect();
    let lead: Vec<&str> = name.into_iter().collect();
    let notes = !t.footnotes.is_empty();
    let mut header: Vec<&str> = first.iter().copied().chain(t.header.iter().map(String::as_str)).collect();
    if notes {
        header.push("Not");
    }
    w.write_record(&header)?;
    for r in &t.rows {
        let mut record: Vec<String> = lead.iter().map(|s| s.to_string()).chain(r.iter().map(|c| c.text.clone())).collect();
        if notes {
            record.push(Table::row_markers(r));
        }
        w.write_record(&record)?;
    }
    if notes {
        w.write_record(first.iter().copied().chain(["Not", "Fotnot"]))?;
        for n in &t.footnotes {
            w.write_record(lead.iter().copied().chain([n.marker.as_str(), n.text.as_str()]))?;
        }
    }
    Ok(())
}

/// Prints a table after its warnings (on stderr).
fn print_with_warnings(t: EconTable, format: TableFormat) -> Result<()> {
    for w in &t.warnings {
        eprintln!("varning: {w}");
    }
    print(&t.table, format)
}

pub async fn drift(store: &Store, sel: &Selection) -> Result<()> {
    print_with_warnings(styr_app::economics::drift(store, &sel.app()).await?, sel.format)
}

pub async fn per_activity(store: &Store, sel: &Selection) -> Result<()> {
    print_with_warnings(styr_app::economics::per_activity(store, &sel.app()).await?, sel.format)
}

pub async fn net_cost(store: &Store, sel: &Selection) -> Result<()> {
    print_with_warnings(styr_app::economics::net_cost(store, &sel.app()).await?, sel.format)
}

pub async fn facts_table(store: &Store, sel: &Selection, which: FactsTable) -> Result<()> {
    print(&styr_app::economics::facts_table(store, &sel.app(), which).await?, sel.format)
}

pub async fn forecast(store: &Store, actor: &Actor, sel: &Selection, save: bool) -> Result<()> {
    let proposals = styr_app::economics::forecast(store, actor, &sel.app(), save).await?;
    if let Some(changes) = proposals.saved {
        crate::import::report("Prognos", changes);
    }
    print(&proposals.table, sel.format)?;
    if matches!(sel.format, TableFormat::Table) {
        say!();
        for (label, explanation) in &proposals.explanations {
            say!("{label}: {explanation}");
        }
    }
    Ok(())
}

pub async fn set_forecast(store: &Store, actor: &Actor, sel: &Selection, row: &str, amount_tkr: f64, comment: &str) -> Result<()> {
    let amount = Amount::try_from_unit(amount_tkr, MoneyUnit::Tkr).map_err(|e| anyhow::anyhow!("--amount: {e}"))?;
    crate::import::report("Prognos", styr_app::economics::set_forecast(store, actor, &sel.app(), row, amount, comment).await?);
    Ok(())
}
