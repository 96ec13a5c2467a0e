//! `styr … import` commands: read the file and hand it to the import pipeline.

use crate::output::say;
use std::path::Path;

use anyhow::{Context, Result};
use styr_app::import as styr_import;
use styr_app::{Actor, Changes, ImportOptions, Store};

/// What every import may be told about removals and saving.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct Flags {
    /// Show what would be new, changed and removed, and save nothing.
    #[arg(long)]
    dry_run: bool,
    /// Allow removing stored objects the file no longer holds (without it such an import is refused).
    #[arg(long)]
    prune: bool,
}

impl Flags {
    pub fn options(self) -> ImportOptions {
        ImportOptions { dry_run: self.dry_run, prune: self.prune, force: false }
    }
}

/// Reads a file, refusing one too large for any format before it is held in memory.
fn read(path: &Path) -> Result<(String, String)> {
    let name = path.display().to_string();
    let len = std::fs::metadata(path).with_context(|| format!("cannot read {name}"))?.len();
    styr_app::formats::limits::check_file_size(len, &name)?;
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {name}"))?;
    Ok((text, name))
}

/// Prints the change set: totals, then per kind of object.
pub fn report(what: &str, c: Changes) {
    say!("{what}: {} nya, {} ändrade, {} borttagna", c.inserted, c.updated, c.deleted);
    for (kind, k) in &c.by_kind {
        say!("  {kind}: {} nya, {} ändrade, {} borttagna", k.inserted, k.updated, k.deleted);
    }
}

/// Reports an import's change set, marked as not saved on a dry run.
fn report_import(what: &str, c: Changes, options: ImportOptions) {
    if options.dry_run {
        report(&format!("{what} (provkörning, inget sparades)"), c);
    } else {
        report(what, c);
    }
}

pub async fn plan(store: &Store, actor: &Actor, path: &Path, options: ImportOptions) -> Result<()> {
    let (text, name) = read(path)?;
    let (key, year, changes) = styr_import::plan(store, actor, &text, &name, options).await?;
    report_import(&format!("Plan {key} {year}"), changes, options);
    Ok(())
}

pub async fn followup(store: &Store, actor: &Actor, path: &Path, options: ImportOptions) -> Result<()> {
    let (text, name) = read(path)?;
    report_import("Uppföljning", styr_import::followup(store, actor, &text, &name, options).await?, options);
    Ok(())
}

pub async fn outcomes(store: &Store, actor: &Actor, path: &Path, committee: Option<String>, options: ImportOptions) -> Result<()> {
    let (text, name) = read(path)?;
    report_import("Utfall", styr_import::outcomes(store, actor, &text, &name, committee.as_deref(), options).await?, options);
    Ok(())
}

pub async fn economics(store: &Store, actor: &Actor, path: &Path, options: ImportOptions) -> Result<()> {
    let (text, name) = read(path)?;
    let (changes, warnings) = styr_import::economics_with_warnings(store, actor, &text, &name, options).await?;
    for w in warnings {
        eprintln!("varning: {w}");
    }
    report_import("Ekonomi", changes, options);
    Ok(())
}

pub async fn personnel(store: &Store, actor: &Actor, path: &Path, options: ImportOptions) -> Result<()> {
    let (text, name) = read(path)?;
    report_import("Personal", styr_import::personnel(store, actor, &text, &name, options).await?, options);
    Ok(())
}

pub async fn ledger_mapping(store: &Store, actor: &Actor, path: &Path, options: ImportOptions) -> Result<()> {
    let (text, name) = read(path)?;
    let (key, changes) = styr_import::ledger::mapping(store, actor, &text, &name, options).await?;
    report_import(&format!("Kontomappning {key}"), changes, options);
    Ok(())
}

pub async fn ledger(store: &Store, actor: &Actor, path: &Path, committee: Option<String>, options: ImportOptions) -> Result<()> {
    use std::io::BufRead;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
    let mut input = std::io::BufReader::with_capacity(1 << 16, file);
    let is_sie = styr_import::ledger::looks_like_sie(input.fill_buf().with_context(|| format!("cannot read {name}"))?);
    let result = if is_sie {
        styr_import::ledger::sie(store, actor, input, &name, committee.as_deref(), options).await?
    } else {
        let text = std::fs::read_to_string(path).with_context(|| format!("{name}: a CSV ledger must be UTF-8 text"))?;
        styr_import::ledger::csv(store, actor, &text, &name, committee.as_deref(), options).await?
    };
    let years: Vec<String> = result.years.iter().map(|y| y.to_string()).collect();
    let what = format!("Huvudbok {} {} ({}, {} rader från {})", result.committee, years.join(", "), name, result.rows, result.source);
    report_import(&what, result.changes, options);
    for (label, count) in &result.skipped_records {
        eprintln!("varning: {count} poster av okänd typ {label} hoppades över");
    }
    Ok(())
}
