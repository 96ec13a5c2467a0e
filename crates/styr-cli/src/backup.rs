//! `styr backup` and `styr restore`: arguments in, a line of Swedish out; the work is in
//! `styr_store::backup`.

use std::path::Path;

use anyhow::Result;
use clap::ValueEnum;
use styr_domain::format_sv;
use styr_store::Store;
use styr_store::backup::{self, BackupFormat};

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum Format {
    /// A SQLite file on SQLite, the portable dump on PostgreSQL.
    #[default]
    Auto,
    /// A SQLite database file (only from SQLite); `styr --database FILE` opens it directly.
    Sqlite,
    /// The portable dump (JSON lines), restorable into SQLite and PostgreSQL.
    Dump,
}

fn describe(format: BackupFormat) -> &'static str {
    match format {
        BackupFormat::Sqlite => "SQLite-fil",
        _ => "dumpfil",
    }
}

fn count(n: u64) -> String {
    format_sv::number(n as f64, 0)
}

pub async fn backup(store: &Store, file: &Path, format: Format, force: bool) -> Result<()> {
    let format = match format {
        Format::Auto => BackupFormat::Auto,
        Format::Sqlite => BackupFormat::Sqlite,
        Format::Dump => BackupFormat::Dump,
    };
    let s = backup::backup(store, file, format, force).await?;
    println!(
        "Säkerhetskopia {} ({}, schemaversion {}): {} tabeller, {} rader",
        file.display(),
        describe(s.format),
        s.schema_version,
        s.tables,
        count(s.rows)
    );
    Ok(())
}

pub async fn restore(store: &Store, file: &Path, force: bool) -> Result<()> {
    let s = backup::restore(store, file, force).await?;
    let replaced = if s.replaced_rows > 0 { format!(" (ersatte {} rader)", count(s.replaced_rows)) } else { String::new() };
    println!(
        "Återställt från {} ({}, schemaversion {}): {} tabeller, {} rader{replaced}",
        file.display(),
        describe(s.format),
        s.schema_version,
        s.tables,
        count(s.rows)
    );
    Ok(())
}
