//! Read-only commands: listing and exporting. Each asks `styr_app` and prints.

use anyhow::Result;
use styr_app::Store;
use styr_domain::OutcomeStatus;
use styr_domain::format_sv::number_trimmed;

use crate::Format;
use crate::output::{print_table, say, say_raw};

pub async fn plan_export(store: &Store, year: i32, committee: Option<String>) -> Result<()> {
    say_raw!("{}", styr_app::listing::plan_file(store, year, committee.as_deref()).await?);
    Ok(())
}

pub async fn plan_list(store: &Store) -> Result<()> {
    let rows: Vec<Vec<String>> =
        styr_app::listing::plans(store).await?.into_iter().map(|p| vec![p.committee, p.name, p.year.to_string()]).collect();
    print_table(&["Nämnd", "Namn", "År"], &rows, 60);
    Ok(())
}

pub async fn followup_export(store: &Store, year: i32, round: &str, committee: Option<String>) -> Result<()> {
    say_raw!("{}", styr_app::listing::followup_file(store, year, round, committee.as_deref()).await?);
    Ok(())
}

pub async fn goals_list(store: &Store, year: i32, committee: Option<String>, round: Option<String>, format: Format) -> Result<()> {
    let listing = styr_app::listing::goals(store, year, committee.as_deref(), round.as_deref()).await?;
    match format {
        Format::Json => say!("{}", serde_json::to_string_pretty(&listing.rows)?),
        Format::Table => {
            let plan = &listing.plan;
            say!("{} – {} {} ({})\n", plan.municipality.name, plan.committee.name, plan.year, listing.round_label());
            // A column for the level only when some goal is not a nämndmål.
            let levels = listing.has_other_levels();
            let table: Vec<Vec<String>> = listing
                .rows
                .iter()
                .map(|r| {
                    let assessment = match (&r.assessment, r.texts_without_level) {
                        (Some(a), _) => a.clone(),
                        (None, true) => "text, ingen nivå".into(),
                        (None, false) => "–".into(),
                    };
                    // The KF-mål above a nämndmål; a KF-mål or målområde row has none above it here.
                    let kf_goal = r.kf_goal.clone().filter(|_| r.level == styr_domain::GoalLevel::Goal).unwrap_or_else(|| "–".into());
                    let mut row = vec![kf_goal, r.title.clone(), r.indicators.to_string(), assessment];
                    if levels {
                        row.insert(0, capitalise(r.level.noun()));
                    }
                    row
                })
                .collect();
            if levels {
                print_table(&["Nivå", "KF-mål", "Mål", "Ind.", "Måluppfyllelse"], &table, 70);
            } else {
                print_table(&["KF-mål", "Nämndmål", "Ind.", "Måluppfyllelse"], &table, 70);
            }
        }
    }
    Ok(())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

pub async fn indicators_list(store: &Store, year: i32, committee: Option<String>, round: Option<String>, format: Format) -> Result<()> {
    let listing = styr_app::listing::indicators(store, year, committee.as_deref(), round.as_deref()).await?;
    match format {
        Format::Json => say!("{}", serde_json::to_string_pretty(&listing.rows().collect::<Vec<_>>())?),
        Format::Table => {
            let shown = |decimals: u8, v: Option<f64>| v.map(|v| number_trimmed(v, decimals as usize)).unwrap_or_default();
            let regier: Vec<(styr_domain::Regi, String)> = {
                let mut r: Vec<(styr_domain::Regi, String)> =
                    listing.rows().flat_map(|row| row.by_regi.iter().map(|c| (c.regi, c.label.clone()))).collect();
                r.sort();
                r.dedup();
                r
            };
            for (i, section) in listing.sections.iter().enumerate() {
                if i > 0 {
                    say!();
                }
                let mut header: Vec<String> = vec!["Indikator".into()];
                header.extend(section.headings.iter().cloned());
                header.push(format!("Etappmål {year}"));
                header.push(match section.rows.iter().find_map(|r| r.malvarde_year) {
                    Some(y) => format!("Målvärde {y}"),
                    None => "Målvärde".into(),
                });
                header.extend(regier.iter().map(|(_, label)| label.clone()));
                if listing.judged {
                    header.push("Trend".into());
                    header.push("Bedömning".into());
                }
                let table: Vec<Vec<String>> = section
                    .rows
                    .iter()
                    .map(|r| {
                        let markers: Vec<String> = r.footnotes.iter().map(|n| n.marker.clone()).collect();
                        let mut cells = vec![crate::output::with_markers(&r.title, &markers, 60)];
                        cells.extend(r.outcomes.iter().map(|c| match c.status {
                            Some(OutcomeStatus::Missing) => "IU".to_string(),
                            Some(OutcomeStatus::Preliminary) => format!("{} (prel.)", shown(r.decimals, c.value)),
                            _ => shown(r.decimals, c.value),
                        }));
                        cells.push(shown(r.decimals, r.etappmal));
                        cells.push(shown(r.decimals, r.malvarde));
                        cells.extend(
                            regier
                                .iter()
                                .map(|(regi, _)| shown(r.decimals, r.by_regi.iter().find(|c| c.regi == *regi).and_then(|c| c.value))),
                        );
                        if listing.judged {
                            cells.push(r.trend.map(|t| t.as_str().to_string()).unwrap_or_default());
                            cells.push(r.judgement.clone().unwrap_or_default());
                        }
                        cells
                    })
                    .collect();
                let header: Vec<&str> = header.iter().map(String::as_str).collect();
                print_table(&header, &table, 60);
                // The footnotes of the section's rows under it, once each.
                let mut notes: Vec<&styr_report::TableNote> = Vec::new();
                for n in section.rows.iter().flat_map(|r| &r.footnotes) {
                    if !notes.iter().any(|m| m.marker == n.marker) {
                        notes.push(n);
                    }
                }
                if !notes.is_empty() {
                    say!();
                    for n in notes {
                        say!("{} {}", styr_report::TableNote::printed(&n.marker), n.text);
                    }
                }
            }
        }
    }
    Ok(())
}

pub async fn history(store: &Store, key: &str, kind: Option<String>, limit: i64, format: Format) -> Result<()> {
    let entries = styr_app::history::history(store, key, kind.as_deref(), limit).await?;
    match format {
        Format::Json => say!("{}", serde_json::to_string_pretty(&entries)?),
        Format::Table => {
            if entries.is_empty() {
                say!("Ingen historik för {key}.");
            }
            for e in entries {
                say!("{}  {}  {} {} (revision {})  {}", e.at, e.user, e.action, e.object_kind, e.revision, e.object_key);
                for c in styr_app::history::changed_fields(&e) {
                    say!("    {}: {} → {}", c.field, c.before, c.after);
                }
            }
        }
    }
    Ok(())
}
