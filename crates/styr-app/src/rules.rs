//! Listings of the rules a committee works by: the plan's assessment rule (its own, else the
//! default for its scale, marked as such) and the ledger mapping.

use styr_report::Table;
use styr_store::Store;

use crate::select::resolve_committee;
use crate::{AppError, Result};

/// The assessment rule of a committee's plan for a year: what it is and its thresholds, best level
/// first ([`styr_report::rules::assessment_rule`]).
pub async fn assessment_rule(store: &Store, year: i32, committee: Option<&str>) -> Result<Vec<Table>> {
    let key = resolve_committee(store, committee, Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    Ok(styr_report::rules::assessment_rule(&plan))
}

/// A committee's ledger mapping: report rows with their account ranges, and cost-centre rules with
/// their organisation unit, named from the committee's latest plan.
pub async fn ledger_mapping(store: &Store, committee: Option<&str>) -> Result<Vec<Table>> {
    let key = resolve_committee(store, committee, None).await?;
    let Some(mapping) = styr_store::ledger::load_mapping(store, &key).await? else {
        return Err(AppError::NotFound(format!("{key} har ingen kontomappning; importera en med `styr ledger mapping FIL`")));
    };
    let latest = styr_store::plan::list_plans(store).await?.into_iter().filter(|(k, _, _)| *k == key).map(|(_, _, y)| y).max();
    let plan = match latest {
        Some(year) => Some(styr_store::plan::load_plan(store, &key, year).await?),
        None => None,
    };
    Ok(styr_report::rules::ledger_mapping(&mapping, plan.as_ref()))
}
