//! Import pipelines: read a file, check all of it, then write it in one transaction.

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Context, Result, bail};
use styr_formats::{economics_file, followup_file, outcomes_csv, personnel_file, plan_file};
use styr_store::{Actor, Changes, Store};

fn read(path: &Path) -> Result<(String, String)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok((text, path.display().to_string()))
}

pub fn report(what: &str, c: Changes) {
    println!("{what}: {} nya, {} ändrade, {} borttagna", c.inserted, c.updated, c.deleted);
}

/// Finds the committee key for what a user or file gave: a key (`0126-von`), a local id (`von`) when
/// only one committee has it, or nothing when only one committee has a plan (for `year`, if given).
pub async fn resolve_committee(store: &Store, given: Option<&str>, year: Option<i32>) -> Result<String> {
    let plans = styr_store::plan::list_plans(store).await?;
    let mut candidates: Vec<&str> = plans
        .iter()
        .filter(|(key, _, y)| {
            year.is_none_or(|year| *y == year)
                && given.is_none_or(|g| key == g || key.split_once('-').is_some_and(|(_, local)| local == g))
        })
        .map(|(key, _, _)| key.as_str())
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    match (candidates.as_slice(), given) {
        ([one], _) => Ok(one.to_string()),
        ([], Some(g)) => bail!("no committee `{g}` has a plan{}", year.map(|y| format!(" for {y}")).unwrap_or_default()),
        ([], None) => bail!("no plan is stored{}; import one with `styr plan import`", year.map(|y| format!(" for {y}")).unwrap_or_default()),
        (many, _) => bail!("several committees match ({}); choose one with --committee", many.join(", ")),
    }
}

pub async fn plan_text(store: &Store, actor: &Actor, text: &str, name: &str) -> Result<(String, i32, Changes)> {
    let plan = plan_file::parse(text, name)?;
    let mut tx = store.begin().await?;
    let changes = styr_store::plan::save_plan(&mut tx, &plan, actor).await?;
    tx.commit().await?;
    Ok((plan.committee_key(), plan.year, changes))
}

pub async fn plan(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    let (key, year, changes) = plan_text(store, actor, &text, &name).await?;
    report(&format!("Plan {key} {year}"), changes);
    Ok(())
}

pub async fn followup_text(store: &Store, actor: &Actor, text: &str, name: &str) -> Result<Changes> {
    let raw = followup_file::parse(text, name)?;
    let key = resolve_committee(store, Some(&raw.committee), Some(raw.year)).await.with_context(|| format!("{name}: field `committee`"))?;
    let plan = styr_store::plan::load_plan(store, &key, raw.year).await?;
    let followup = followup_file::parse_for_plan(text, name, &plan)?;
    let mut tx = store.begin().await?;
    let changes = styr_store::followup::save_followup(&mut tx, &key, &followup, actor).await?;
    tx.commit().await?;
    Ok(changes)
}

pub async fn followup(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    report("Uppföljning", followup_text(store, actor, &text, &name).await?);
    Ok(())
}

/// Indicator ids of every plan of a committee.
async fn indicator_ids(store: &Store, key: &str) -> Result<BTreeSet<String>> {
    let mut ids = BTreeSet::new();
    for (_, _, year) in styr_store::plan::list_plans(store).await?.into_iter().filter(|(k, _, _)| k == key) {
        let plan = styr_store::plan::load_plan(store, key, year).await?;
        ids.extend(plan.indicators().map(|(_, i)| i.id.clone()));
    }
    Ok(ids)
}

pub async fn outcomes_text(store: &Store, actor: &Actor, text: &str, name: &str, committee: Option<&str>) -> Result<Changes> {
    let key = resolve_committee(store, committee, None).await?;
    let known = indicator_ids(store, &key).await?;
    let outcomes = outcomes_csv::parse(text, name, &known)?;
    let mut tx = store.begin().await?;
    let changes = styr_store::outcomes::save_outcomes(&mut tx, &key, &outcomes, actor).await?;
    tx.commit().await?;
    Ok(changes)
}

pub async fn outcomes(store: &Store, actor: &Actor, path: &Path, committee: Option<String>) -> Result<()> {
    let (text, name) = read(path)?;
    report("Utfall", outcomes_text(store, actor, &text, &name, committee.as_deref()).await?);
    Ok(())
}

pub async fn economics_text(store: &Store, actor: &Actor, text: &str, name: &str) -> Result<Changes> {
    let (committee, facts) = economics_file::parse(text, name)?;
    let key = resolve_committee(store, Some(&committee), None).await.with_context(|| format!("{name}: field `committee`"))?;
    let mut tx = store.begin().await?;
    let changes = styr_store::economics::save_economics(&mut tx, &key, &facts, actor).await?;
    tx.commit().await?;
    Ok(changes)
}

pub async fn economics(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    report("Ekonomi", economics_text(store, actor, &text, &name).await?);
    Ok(())
}

pub async fn personnel_text(store: &Store, actor: &Actor, text: &str, name: &str) -> Result<Changes> {
    let (committee, facts) = personnel_file::parse(text, name)?;
    let key = resolve_committee(store, Some(&committee), None).await.with_context(|| format!("{name}: field `committee`"))?;
    let mut tx = store.begin().await?;
    let changes = styr_store::personnel::save_personnel(&mut tx, &key, &facts, actor).await?;
    tx.commit().await?;
    Ok(changes)
}

pub async fn personnel(store: &Store, actor: &Actor, path: &Path) -> Result<()> {
    let (text, name) = read(path)?;
    report("Personal", personnel_text(store, actor, &text, &name).await?);
    Ok(())
}
