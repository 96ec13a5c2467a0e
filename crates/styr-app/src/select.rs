//! Which committee, year, round and organisation node a request means.

use styr_domain::Plan;
use styr_domain::org::OrgUnit;
use styr_store::Store;

use crate::{AppError, Result};

pub use styr_import::resolve_committee;

/// What a request names; everything but the year may be left out.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub committee: Option<String>,
    pub year: i32,
    /// Report round id (default: the year's helår round, else its last round).
    pub round: Option<String>,
    /// Organisation node (default: the root, the whole nämnd).
    pub unit: Option<String>,
}

/// A selection resolved against the stored plan.
#[derive(Debug, Clone)]
pub struct Selected {
    pub key: String,
    pub plan: Plan,
    pub round: String,
    /// The last month the round covers (12 for helår).
    pub month: u32,
    pub unit: OrgUnit,
}

impl Selected {
    pub fn round_label(&self) -> &str {
        self.plan.round(&self.round).map(|r| r.label.as_str()).unwrap_or("")
    }

    /// Whether the selected node is the whole nämnd.
    pub fn is_root(&self) -> bool {
        self.plan.organisation.first().is_some_and(|root| root.id == self.unit.id)
    }

    /// Whether the selected round is the year's final one.
    pub fn is_final_round(&self) -> bool {
        self.plan.final_round().is_some_and(|r| r.id == self.round)
    }

    /// The round before the selected one, by period end.
    pub fn previous_round(&self) -> Option<String> {
        let end = self.plan.round(&self.round)?.period_end;
        self.plan.rounds.iter().filter(|r| r.period_end < end).max_by_key(|r| r.period_end).map(|r| r.id.clone())
    }
}

/// Resolves committee, plan, round and node, naming whatever is unknown.
pub async fn select(store: &Store, sel: &Selection) -> Result<Selected> {
    let key = resolve_committee(store, sel.committee.as_deref(), Some(sel.year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, sel.year).await?;
    let round = match &sel.round {
        Some(r) => round_of(&plan, &key, r)?,
        None => plan.final_round().ok_or_else(|| AppError::NotFound(format!("the plan {key} {} has no report rounds", sel.year)))?,
    };
    let month = round.period().last_month();
    let round = round.id.clone();
    let unit = match &sel.unit {
        None => plan.organisation.first().cloned().ok_or_else(|| AppError::NotFound(format!("the plan {key} has no organisation")))?,
        Some(id) => unit_of(&plan, id)?,
    };
    Ok(Selected { key, plan, round, month, unit })
}

fn round_of<'p>(plan: &'p Plan, key: &str, id: &str) -> Result<&'p styr_domain::ReportRound> {
    plan.round(id).ok_or_else(|| {
        let ids: Vec<&str> = plan.rounds.iter().map(|r| r.id.as_str()).collect();
        AppError::NotFound(format!("the plan {key} {} has no round `{id}`; its rounds are {}", plan.year, ids.join(", ")))
    })
}

fn unit_of(plan: &Plan, id: &str) -> Result<OrgUnit> {
    let all = OrgUnit::flatten(&plan.organisation);
    all.iter().find(|(_, u)| u.id == id).map(|(_, u)| (*u).clone()).ok_or_else(|| {
        let ids: Vec<&str> = all.iter().map(|(_, u)| u.id.as_str()).collect();
        AppError::NotFound(format!("no organisation unit `{id}` in the plan; its units are {}", ids.join(", ")))
    })
}

/// The round asked for (checked), else the latest round of the plan's year that has assessments.
pub async fn assessed_round(store: &Store, plan: &Plan, key: &str, round: Option<&str>) -> Result<Option<String>> {
    if let Some(r) = round {
        return Ok(Some(round_of(plan, key, r)?.id.clone()));
    }
    let mut rounds: Vec<_> = plan.rounds.iter().collect();
    rounds.sort_by_key(|r| std::cmp::Reverse(r.period_end));
    for r in rounds {
        let f = styr_store::followup::load_followup(store, key, plan.year, &r.id).await?;
        if !f.assessments.is_empty() || !f.indicators.is_empty() {
            return Ok(Some(r.id.clone()));
        }
    }
    Ok(None)
}

/// The node and every node under it.
pub fn subtree(unit: &OrgUnit) -> std::collections::BTreeSet<String> {
    OrgUnit::flatten(std::slice::from_ref(unit)).into_iter().map(|(_, u)| u.id.clone()).collect()
}
