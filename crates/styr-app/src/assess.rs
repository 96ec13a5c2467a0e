//! Assessment proposals and consistency checks for a round.

use styr_analysis::RoundAnalysis;
use styr_store::Store;

use crate::listing::plan;
use crate::{AppError, Result};

/// Per goal, the level proposed from the indicators beside the published assessment, the
/// indicators behind it and consistency flags; and the samlad måluppfyllelse. The round defaults
/// to the year's helår round, else its last round.
pub async fn assess(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>) -> Result<RoundAnalysis> {
    let (key, plan) = plan(store, year, committee).await?;
    let round = match round {
        Some(r) => r.to_string(),
        None => plan
            .final_round()
            .map(|r| r.id.clone())
            .ok_or_else(|| AppError::NotFound(format!("the plan {key} {year} has no report rounds")))?,
    };
    let outcomes = styr_store::outcomes::load_outcomes(store, &key, None).await?;
    let followup = styr_store::followup::load_followup(store, &key, year, &round).await?;
    let followup = (!followup.assessments.is_empty() || !followup.indicators.is_empty()).then_some(followup);
    Ok(styr_analysis::analyse_round(&plan, &outcomes, followup.as_ref(), &round)?)
}
