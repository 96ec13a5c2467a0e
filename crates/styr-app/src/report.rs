//! The report as a document: gathers what a round holds through the other use cases (assessments,
//! indicator tables, uppdrag, nyckeltal, economics, personnel, intern kontroll, prose) and puts it
//! in the chapters of the template. The renderers in `styr-render` and `styr-pdf` lay it out.

use chrono::Datelike;
use styr_domain::format_sv::parse_number;
use styr_domain::{GoalLevel, RoundKind};
use styr_render::chart::{self, Point, Reference};
use styr_render::doc::{Block, Chapter, ChapterKind, DocCell, DocTable, Document, Signal};
use styr_render::template::Template;
use styr_report::Table;
use styr_store::Store;

use crate::economics::FactsTable;
use crate::select::{Selected, Selection, select};
use crate::{AppError, Result};

const MONTHS: [&str; 12] =
    ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

/// The report of the selected committee, year, round (and node, for the economics) as a document.
pub async fn document(store: &Store, sel: &Selection, template: &Template, logo_svg: Option<String>) -> Result<Document> {
    let cx = select(store, sel).await?;
    let round = cx.plan.round(&cx.round).cloned().ok_or_else(|| AppError::NotFound(format!("no round `{}`", cx.round)))?;
    let title = template.title.clone().unwrap_or_else(|| match round.kind {
        RoundKind::Annual => format!("Verksamhetsberättelse {}", cx.plan.year),
        RoundKind::Interim => format!("Delårsrapport {} {}", MONTHS[round.period_end.month0() as usize], round.period_end.year()),
        RoundKind::Plan => format!("Mål och ekonomi {}", cx.plan.year),
    });
    let subtitle = format!("{}, {}", cx.plan.committee.name, cx.plan.municipality.name);
    let followup = styr_store::followup::load_followup(store, &cx.key, cx.plan.year, &cx.round).await?;
    let mut chapters = Vec::new();
    for kind in template.chapters() {
        let blocks = match kind {
            ChapterKind::Summary => summary(store, sel, &followup).await?,
            ChapterKind::GoalOverview => goal_overview(store, sel, &cx, template).await?,
            ChapterKind::Goals => goals(store, sel, &cx, &followup, template).await?,
            ChapterKind::Commissions => tables(crate::report_parts::commissions(store, sel).await?),
            ChapterKind::KeyFigures => {
                tables(crate::report_parts::key_figures(store, sel.year, sel.committee.as_deref(), sel.round.as_deref()).await?)
            }
            ChapterKind::Economics => economics(store, sel).await?,
            ChapterKind::Personnel => personnel(store, sel).await?,
            ChapterKind::InternalControl => tables(crate::report_parts::internal_control(store, sel).await?),
        };
        if !blocks.is_empty() {
            chapters.push(Chapter { kind, title: template.chapter_title(kind), blocks });
        }
    }
    Ok(Document {
        running_header: title.clone(),
        title,
        subtitle,
        date: round.period_end.format("%Y-%m-%d").to_string(),
        ident: format!("styr:{}:{}:{}:{}", cx.key, cx.plan.year, cx.round, cx.unit.id),
        logo_svg,
        chapters,
    })
}

/// Tables with at least one row, as blocks.
fn tables(ts: Vec<Table>) -> Vec<Block> {
    ts.iter().filter(|t| !t.rows.is_empty()).map(|t| Block::Table(DocTable::from_table(t))).collect()
}

/// A use case's table, or nothing when the committee has no such data (not an error in a report).
fn optional<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(t) => Ok(Some(t)),
        Err(AppError::NotFound(_) | AppError::Invalid(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

async fn summary(store: &Store, sel: &Selection, f: &styr_domain::FollowUp) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    if let Some(s) = f.summary.as_deref().filter(|s| !s.trim().is_empty()) {
        blocks.push(Block::Text { markdown: s.to_string() });
    }
    let sections = crate::report_parts::sections(store, &Selection { round: Some(f.round.clone()), ..sel.clone() }).await?;
    let col = |name: &str| sections.header.iter().position(|h| h == name);
    let (Some(title), Some(text)) = (col("Rubrik"), col("Text")) else { return Ok(blocks) };
    let unit = col("Enhet");
    for r in &sections.rows {
        let unit = unit.map(|u| r[u].text.as_str()).filter(|u| !u.is_empty());
        let heading = match unit {
            Some(u) => format!("{} – {u}", r[title].text),
            None => r[title].text.clone(),
        };
        blocks.push(Block::Heading { level: 2, text: heading });
        blocks.push(Block::Text { markdown: r[text].text.clone() });
    }
    Ok(blocks)
}

fn signal_of(cx: &Selected, template: &Template, key: &str) -> Option<Signal> {
    cx.plan.scale.level(key).map(|l| Signal { label: l.label.clone(), color: template.signal_color(&l.key, &l.color) })
}

async fn goal_overview(store: &Store, sel: &Selection, cx: &Selected, template: &Template) -> Result<Vec<Block>> {
    let listing = crate::listing::goals(store, sel.year, sel.committee.as_deref(), Some(&cx.round)).await?;
    if !listing.rows.iter().any(|r| r.assessment_level.is_some() || r.texts_without_level) {
        return Ok(Vec::new());
    }
    let mut header = vec!["Målområde".to_string(), "KF-mål".to_string(), "Mål".to_string(), "Bedömning".to_string()];
    let levels = listing.has_other_levels();
    if !levels {
        header[2] = "Nämndmål".into();
    }
    let rows = listing
        .rows
        .iter()
        .map(|r| {
            let goal = if levels && r.level != GoalLevel::Goal { format!("{}: {}", r.level.noun(), r.title) } else { r.title.clone() };
            let level = r.assessment_level.as_deref().and_then(|k| signal_of(cx, template, k));
            let mut assessed = DocCell::text(if r.texts_without_level { "Ingen nivå angiven" } else { "–" });
            assessed.signal = level;
            vec![
                DocCell::text(r.goal_area.clone().unwrap_or_default()),
                DocCell::text(r.kf_goal.clone().unwrap_or_default()),
                DocCell::text(goal),
                assessed,
            ]
        })
        .collect();
    let table = DocTable { caption: "Måluppfyllelse per mål".into(), header, rows, numeric: vec![false; 4], footnotes: Vec::new() };
    let mut blocks = Vec::new();
    let analysis = crate::assess::assess(store, sel.year, sel.committee.as_deref(), Some(&cx.round)).await?;
    if let Some(s) = analysis.summary.assessed.sentence {
        blocks.push(Block::Text { markdown: s });
    }
    blocks.push(Block::Table(table));
    Ok(blocks)
}

async fn goals(store: &Store, sel: &Selection, cx: &Selected, f: &styr_domain::FollowUp, template: &Template) -> Result<Vec<Block>> {
    let tables = crate::listing::indicator_tables_by_goal(store, sel.year, sel.committee.as_deref(), Some(&cx.round)).await?;
    let indicators = crate::listing::indicators(store, sel.year, sel.committee.as_deref(), Some(&cx.round)).await?;
    let mut blocks = Vec::new();
    for node in cx.plan.goal_nodes() {
        let assessment = f.assessments.iter().find(|a| a.goal == node.id);
        let table = tables.iter().find(|(g, _)| g == node.id).map(|(_, t)| t);
        if assessment.is_none() && table.is_none() {
            continue;
        }
        let heading = if node.level == GoalLevel::Goal { node.title.to_string() } else { format!("{}: {}", node.level.noun(), node.title) };
        blocks.push(Block::Heading { level: 2, text: heading });
        if let Some(a) = assessment {
            if let Some(s) = a.level.as_deref().and_then(|k| signal_of(cx, template, k)) {
                blocks.push(Block::Signal { label: "Bedömning".into(), signal: s });
            }
            for (label, text) in [("Motivering", &a.motivation), ("Analys", &a.analysis), ("Genomfört arbete", &a.work_done)] {
                if !text.trim().is_empty() {
                    blocks.push(Block::Labelled { label: label.into(), markdown: text.clone() });
                }
            }
        }
        if let Some(t) = table.filter(|t| !t.rows.is_empty()) {
            blocks.push(Block::Table(DocTable::from_table(t)));
        }
        for row in indicators.rows().filter(|r| r.goal == node.id) {
            let points: Vec<Point> = row.outcomes.iter().map(|o| Point { label: o.heading.clone(), value: o.value }).collect();
            if points.iter().filter(|p| p.value.is_some()).count() < 2 {
                continue;
            }
            let mut refs = Vec::new();
            if let Some(e) = row.etappmal {
                refs.push(Reference { label: format!("Etappmål {}", sel.year), value: e });
            }
            if let (Some(v), Some(y)) = (row.malvarde, row.malvarde_year) {
                refs.push(Reference { label: format!("Målvärde {y}"), value: v });
            }
            blocks.push(Block::Chart(chart::trend(&row.title, &row.unit, &points, &refs, row.decimals as usize)));
        }
    }
    Ok(blocks)
}

async fn economics(store: &Store, sel: &Selection) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    if let Some(t) = optional(crate::economics::drift(store, sel).await)? {
        blocks.push(Block::Table(DocTable::from_table(&t.table)));
    }
    if let Some(t) = optional(crate::economics::per_activity(store, sel).await)? {
        blocks.push(Block::Table(DocTable::from_table(&t.table)));
        if let Some(c) = deviation_chart(&t.table) {
            blocks.push(Block::Chart(c));
        }
    }
    if let Some(t) = optional(crate::economics::net_cost(store, sel).await)? {
        blocks.push(Block::Table(DocTable::from_table(&t.table)));
    }
    for which in [
        FactsTable::Investments,
        FactsTable::Grants,
        FactsTable::TargetedFunds,
        FactsTable::Volumes,
        FactsTable::Actions,
        FactsTable::Equity,
    ] {
        if let Some(t) = optional(crate::economics::facts_table(store, sel, which).await)? {
            blocks.extend(tables(vec![t]));
        }
    }
    Ok(blocks)
}

/// Budget deviation per verksamhet as bars, from the table's first column whose header names the
/// deviation (the forecast's, else the period's); the summing row is left out.
fn deviation_chart(t: &Table) -> Option<chart::Chart> {
    let col = t.header.iter().position(|h| h.to_lowercase().contains("avvikelse") && !h.contains('%'))?;
    let points: Vec<Point> = t
        .rows
        .iter()
        .filter(|r| {
            !r[0].text.trim().is_empty()
                && !r[0].text.to_lowercase().starts_with("summa")
                && !r[0].text.to_lowercase().starts_with("totalt")
        })
        .map(|r| Point { label: r[0].text.clone(), value: parse_number(&r[col].text) })
        .collect();
    (points.iter().filter(|p| p.value.is_some()).count() >= 2)
        .then(|| chart::bars(&format!("{} per verksamhet", t.header[col]), "tkr", &points, 0))
}

async fn personnel(store: &Store, sel: &Selection) -> Result<Vec<Block>> {
    let mut blocks = Vec::new();
    if let Some(t) = optional(crate::personnel::year_comparison(store, sel.committee.as_deref(), sel.year).await)? {
        blocks.extend(tables(vec![t]));
    }
    if let Some(ts) = optional(crate::personnel::listing(store, sel.committee.as_deref()).await)? {
        blocks.extend(tables(ts));
    }
    Ok(blocks)
}
