//! Listings of a round's other parts: uppdrag under their group headings, intern kontroll, prose
//! sections, footnotes, nyckeltal tables and Agenda 2030 links, so that every stored table can be
//! printed without `plan export`.

use styr_domain::{FollowUp, Plan};
use styr_report::Table;
use styr_report::report_parts as parts;
use styr_store::Store;

use crate::select::{Selected, Selection, resolve_committee, select, subtree};
use crate::{AppError, Result};

async fn followup_of(store: &Store, s: &Selected) -> Result<FollowUp> {
    Ok(styr_store::followup::load_followup(store, &s.key, s.plan.year, &s.round).await?)
}

fn is_written(f: &FollowUp) -> bool {
    f.summary.is_some()
        || f.control_summary.is_some()
        || !(f.assessments.is_empty()
            && f.commissions.is_empty()
            && f.risks.is_empty()
            && f.controls.is_empty()
            && f.sections.is_empty()
            && f.footnotes.is_empty())
}

/// The latest round of the plan's year that has anything written for it, with what is written.
async fn latest_written(store: &Store, key: &str, plan: &Plan) -> Result<Option<(String, FollowUp)>> {
    let mut rounds: Vec<_> = plan.rounds.iter().collect();
    rounds.sort_by_key(|r| std::cmp::Reverse(r.period_end));
    for r in rounds {
        let f = styr_store::followup::load_followup(store, key, plan.year, &r.id).await?;
        if is_written(&f) {
            return Ok(Some((r.id.clone(), f)));
        }
    }
    Ok(None)
}

/// The selection with its round: the one asked for, else the latest round of the year that has
/// anything written for it, else the year's helår round (as [`select`] chooses).
async fn select_written(store: &Store, sel: &Selection) -> Result<(Selected, FollowUp)> {
    let s = select(store, sel).await?;
    if sel.round.is_none()
        && let Some((round, f)) = latest_written(store, &s.key, &s.plan).await?
    {
        let chosen = select(store, &Selection { round: Some(round), ..sel.clone() }).await?;
        return Ok((chosen, f));
    }
    let f = followup_of(store, &s).await?;
    Ok((s, f))
}

/// Uppdrag of the plan, one table per group heading, with the round's status.
pub async fn commissions(store: &Store, sel: &Selection) -> Result<Vec<Table>> {
    let (s, f) = select_written(store, sel).await?;
    Ok(parts::commissions(&s.plan, Some(&f)))
}

/// Risks, control points with the round's results, and the round's summary of the internal control.
pub async fn internal_control(store: &Store, sel: &Selection) -> Result<Vec<Table>> {
    let (s, f) = select_written(store, sel).await?;
    Ok(parts::internal_control(&s.plan, Some(&f)))
}

/// The round's prose sections in order; with `--unit`, only the whole nämnd's and those of that
/// node and its subtree.
pub async fn sections(store: &Store, sel: &Selection) -> Result<Table> {
    let (s, f) = select_written(store, sel).await?;
    let units = sel.unit.as_ref().map(|_| subtree(&s.unit));
    Ok(parts::sections(&s.plan, &f, units.as_ref()))
}

/// The round's footnotes with what they are attached to.
pub async fn footnotes(store: &Store, sel: &Selection) -> Result<Table> {
    let (s, f) = select_written(store, sel).await?;
    let lines: Vec<(String, String)> = if f.footnotes.iter().any(|n| matches!(n.on, styr_domain::FootnoteTarget::EconLine(_))) {
        styr_store::economics::load_economics(store, &s.key).await?.lines.into_iter().map(|l| (l.id, l.label)).collect()
    } else {
        Vec::new()
    };
    Ok(parts::footnotes(&s.plan, &f, &lines))
}

/// Every nyckeltal table of a committee's plan for a year, with the footnotes of the round (the
/// one asked for, else the latest round with anything written) on their rows.
pub async fn key_figures(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>) -> Result<Vec<Table>> {
    let key = resolve_committee(store, committee, Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    let followup = match round {
        Some(r) => {
            if plan.round(r).is_none() {
                let ids: Vec<&str> = plan.rounds.iter().map(|r| r.id.as_str()).collect();
                return Err(AppError::NotFound(format!("the plan {key} {year} has no round `{r}`; its rounds are {}", ids.join(", "))));
            }
            Some(styr_store::followup::load_followup(store, &key, year, r).await?)
        }
        None => latest_written(store, &key, &plan).await?.map(|(_, f)| f),
    };
    let notes = followup.as_ref().map(parts::RoundNotes::of).unwrap_or_default();
    Ok(parts::key_figures(&plan, &notes))
}

/// The 17 Agenda 2030 goals with their Swedish names; with a year, the nämndmål of that year's
/// plan linked to each.
pub async fn agenda2030(store: &Store, year: Option<i32>, committee: Option<&str>) -> Result<Table> {
    let Some(year) = year else { return Ok(parts::agenda2030(None)) };
    let key = resolve_committee(store, committee, Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    Ok(parts::agenda2030(Some(&plan)))
}

/// The plan's structure: signal scale, organisation tree, and report rounds with each round's
/// summary text.
pub async fn structure(store: &Store, year: i32, committee: Option<&str>) -> Result<Vec<Table>> {
    let key = resolve_committee(store, committee, Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    let mut followups = Vec::new();
    for r in &plan.rounds {
        followups.push(styr_store::followup::load_followup(store, &key, year, &r.id).await?);
    }
    Ok(vec![parts::scale(&plan), parts::organisation(&plan), parts::rounds(&plan, &followups)])
}
