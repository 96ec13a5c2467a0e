//! Read-only commands: listing and exporting.

use anyhow::{Result, bail};
use serde::Serialize;
use styr_domain::format_sv::number_trimmed;
use styr_domain::{Indicator, OutcomeStatus, Plan};
use styr_formats::{followup_file, plan_file};
use styr_store::Store;

use crate::Format;
use crate::output::print_table;
use styr_import::resolve_committee;

pub async fn plan_export(store: &Store, year: i32, committee: Option<String>) -> Result<()> {
    let key = resolve_committee(store, committee.as_deref(), Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    print!("{}", plan_file::write(&plan));
    Ok(())
}

pub async fn plan_list(store: &Store) -> Result<()> {
    let rows: Vec<Vec<String>> =
        styr_store::plan::list_plans(store).await?.into_iter().map(|(key, name, year)| vec![key, name, year.to_string()]).collect();
    print_table(&["Nämnd", "Namn", "År"], &rows, 60);
    Ok(())
}

pub async fn followup_export(store: &Store, year: i32, round: &str, committee: Option<String>) -> Result<()> {
    let key = resolve_committee(store, committee.as_deref(), Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    if plan.round(round).is_none() {
        bail!("the plan {key} {year} has no round `{round}`");
    }
    let f = styr_store::followup::load_followup(store, &key, year, round).await?;
    print!("{}", followup_file::write(&f));
    Ok(())
}

/// The round to show: the one asked for, else the latest round of the year that has assessments.
async fn choose_round(store: &Store, plan: &Plan, key: &str, round: Option<String>) -> Result<Option<String>> {
    if let Some(r) = round {
        if plan.round(&r).is_none() {
            bail!("the plan {key} {} has no round `{r}`", plan.year);
        }
        return Ok(Some(r));
    }
    let mut rounds: Vec<_> = plan.rounds.iter().collect();
    rounds.sort_by_key(|r| std::cmp::Reverse(r.period_end));
    for r in rounds {
        let f = styr_store::followup::load_followup(store, key, plan.year, &r.id).await?;
        if !f.assessments.is_empty() {
            return Ok(Some(r.id.clone()));
        }
    }
    Ok(None)
}

#[derive(Serialize)]
struct GoalRow {
    id: String,
    title: String,
    kf_goal: String,
    goal_area: String,
    /// The assessment's level as its Swedish label, e.g. "I hög grad uppfyllt"; null when not assessed.
    assessment: Option<String>,
    assessment_level: Option<String>,
    round: Option<String>,
    agenda2030: Vec<String>,
    indicators: usize,
}

pub async fn goals_list(store: &Store, year: i32, committee: Option<String>, round: Option<String>, format: Format) -> Result<()> {
    let key = resolve_committee(store, committee.as_deref(), Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    let round = choose_round(store, &plan, &key, round).await?;
    let followup = match &round {
        Some(r) => Some(styr_store::followup::load_followup(store, &key, year, r).await?),
        None => None,
    };
    let rows: Vec<GoalRow> = plan
        .goals()
        .map(|g| {
            let a = followup.as_ref().and_then(|f| f.assessments.iter().find(|a| a.goal == g.goal.id));
            GoalRow {
                id: g.goal.id.clone(),
                title: g.goal.title.clone(),
                kf_goal: g.kf_goal.title.clone(),
                goal_area: g.area.title.clone(),
                assessment: a.and_then(|a| plan.scale.level(&a.level)).map(|l| l.label.clone()),
                assessment_level: a.map(|a| a.level.clone()),
                round: a.and(round.clone()),
                agenda2030: g.goal.agenda2030.iter().map(|t| t.as_str().to_string()).collect(),
                indicators: g.goal.indicators.len(),
            }
        })
        .collect();
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        Format::Table => {
            let round_label =
                round.as_deref().and_then(|r| plan.round(r)).map(|r| r.label.clone()).unwrap_or_else(|| "ingen bedömning".into());
            println!("{} – {} {} ({round_label})\n", plan.municipality.name, plan.committee.name, plan.year);
            let table: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![r.kf_goal.clone(), r.title.clone(), r.indicators.to_string(), r.assessment.clone().unwrap_or_else(|| "–".into())]
                })
                .collect();
            print_table(&["KF-mål", "Nämndmål", "Ind.", "Måluppfyllelse"], &table, 70);
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct IndicatorRow {
    id: String,
    goal: String,
    title: String,
    unit: String,
    direction: String,
    source: String,
    outcomes: Vec<OutcomeCell>,
    etappmal: Option<f64>,
    malvarde: Option<f64>,
    malvarde_year: Option<i32>,
}

#[derive(Serialize)]
struct OutcomeCell {
    year: i32,
    value: Option<f64>,
    status: Option<OutcomeStatus>,
}

fn shown(ind: &Indicator, v: Option<f64>) -> String {
    v.map(|v| number_trimmed(v, ind.decimals as usize)).unwrap_or_default()
}

pub async fn indicators_list(store: &Store, year: i32, committee: Option<String>, format: Format) -> Result<()> {
    let key = resolve_committee(store, committee.as_deref(), Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    let outcomes = styr_store::outcomes::load_outcomes(store, &key, None).await?;
    let years: Vec<i32> = (year - 2..=year).collect();
    let rows: Vec<IndicatorRow> = plan
        .indicators()
        .map(|(goal, ind)| {
            let by_year = styr_report::goals::yearly_outcomes(&outcomes, &ind.id);
            let cells = years
                .iter()
                .map(|y| {
                    let o = by_year.get(y);
                    OutcomeCell { year: *y, value: o.and_then(|o| o.value), status: o.map(|o| o.status) }
                })
                .collect();
            IndicatorRow {
                id: ind.id.clone(),
                goal: goal.id.clone(),
                title: ind.title.clone(),
                unit: ind.unit.as_str().to_string(),
                direction: ind.direction.as_str().to_string(),
                source: format!("{}: {}", ind.source.kind(), ind.source.reference()),
                outcomes: cells,
                etappmal: ind.targets.etappmal.get(&year).copied(),
                malvarde: ind.targets.malvarde.and_then(|m| m.value),
                malvarde_year: ind.targets.malvarde.map(|m| m.year),
            }
        })
        .collect();
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        Format::Table => {
            let malvarde_year = rows.iter().find_map(|r| r.malvarde_year).unwrap_or(2030);
            let mut header: Vec<String> = vec!["Indikator".into()];
            header.extend(years.iter().map(|y| y.to_string()));
            header.push(format!("Etappmål {year}"));
            header.push(format!("Målvärde {malvarde_year}"));
            let table: Vec<Vec<String>> = plan
                .indicators()
                .zip(&rows)
                .map(|((_, ind), r)| {
                    let mut cells = vec![r.title.clone()];
                    cells.extend(r.outcomes.iter().map(|c| match c.status {
                        Some(OutcomeStatus::Missing) => "IU".to_string(),
                        Some(OutcomeStatus::Preliminary) => format!("{} (prel.)", shown(ind, c.value)),
                        _ => shown(ind, c.value),
                    }));
                    cells.push(shown(ind, r.etappmal));
                    cells.push(shown(ind, r.malvarde));
                    cells
                })
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            print_table(&header, &table, 60);
        }
    }
    Ok(())
}

pub async fn history(store: &Store, key: &str, kind: Option<String>, limit: i64, format: Format) -> Result<()> {
    let entries = styr_store::history::history(store, kind.as_deref(), key, limit).await?;
    match format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&entries)?),
        Format::Table => {
            if entries.is_empty() {
                println!("Ingen historik för {key}.");
            }
            for e in entries {
                println!("{}  {}  {} {} (revision {})  {}", e.at, e.user, e.action, e.object_kind, e.revision, e.object_key);
                let changed = changed_fields(e.before.as_ref(), e.after.as_ref());
                for (field, before, after) in changed {
                    println!("    {field}: {before} → {after}");
                }
            }
        }
    }
    Ok(())
}

/// The fields that differ between two JSON objects, with their before and after values.
fn changed_fields(before: Option<&serde_json::Value>, after: Option<&serde_json::Value>) -> Vec<(String, String, String)> {
    let empty = serde_json::Map::new();
    let b = before.and_then(|v| v.as_object()).unwrap_or(&empty);
    let a = after.and_then(|v| v.as_object()).unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    let show = |v: Option<&serde_json::Value>| match v {
        None | Some(serde_json::Value::Null) => "–".to_string(),
        Some(serde_json::Value::String(s)) => {
            let one_line = s.trim().replace('\n', " ");
            if one_line.chars().count() > 80 { format!("{}…", one_line.chars().take(79).collect::<String>()) } else { one_line }
        }
        Some(v) => v.to_string(),
    };
    keys.into_iter().filter(|k| b.get(*k) != a.get(*k) && *k != "ordinal").map(|k| (k.clone(), show(b.get(k)), show(a.get(k)))).collect()
}
