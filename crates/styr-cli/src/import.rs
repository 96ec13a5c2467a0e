//! `styr … import` commands: read the file and hand it to the import pipeline.

use std::path::Path;

use anyhow::{Context, Result};
use styr_store::{Actor, Changes, Store};

fn read(path: &Path) -> Result<(String, String)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok((text, path.display().to_string()))
}

pub fn report(what: &str, c: Changes) {
    println!("{what}: {} nya, {} ändrade, {} borttagna", c.inserted, c.updated, c.deleted);
}

pub async fn plan(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    let (key, year, changes) = styr_import::plan(store, actor, &text, &name).await?;
    report(&format!("Plan {key} {year}"), changes);
    Ok(())
}

pub async fn followup(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    report("Uppföljning", styr_import::followup(store, actor, &text, &name).await?);
    Ok(())
}

pub async fn outcomes(store: &Store, actor: &Actor, path: &Path, committee: Option<String>) -> Result<()> {
    let (text, name) = read(path)?;
    report("Utfall", styr_import::outcomes(store, actor, &text, &name, committee.as_deref()).await?);
    Ok(())
}

pub async fn economics(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    report("Ekonomi", styr_import::economics(store, actor, &text, &name).await?);
    Ok(())
}

pub async fn personnel(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    report("Personal", styr_import::personnel(store, actor, &text, &name).await?);
    Ok(())
}

pub async fn ledger_mapping(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    let (key, changes) = styr_import::ledger::mapping(store, actor, &text, &name).await?;
    report(&format!("Kontomappning {key}"), changes);
    Ok(())
}

pub async fn ledger(store: &Store, actor: &Actor, path: &Path, committee: Option<String>) -> Result<()> {
    use std::io::BufRead;
    let name = path.display().to_string();
    let file = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
    let mut input = std::io::BufReader::with_capacity(1 << 16, file);
    let is_sie = styr_import::ledger::looks_like_sie(input.fill_buf().with_context(|| format!("cannot read {name}"))?);
    let result = if is_sie {
        styr_import::ledger::sie(store, actor, input, &name, committee.as_deref()).await?
    } else {
        let text = std::fs::read_to_string(path).with_context(|| format!("{name}: a CSV ledger must be UTF-8 text"))?;
        styr_import::ledger::csv(store, actor, &text, &name, committee.as_deref()).await?
    };
    let years: Vec<String> = result.years.iter().map(|y| y.to_string()).collect();
    report(
        &format!("Huvudbok {} {} ({}, {} rader från {})", result.committee, years.join(", "), name, result.rows, result.source),
        result.changes,
    );
    for (label, count) in &result.skipped_records {
        eprintln!("varning: {count} poster av okänd typ {label} hoppades över");
    }
    Ok(())
}
