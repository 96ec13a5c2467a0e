//! Listings: plans, goals with their assessment, indicators with outcomes and targets, and the
//! plan and follow-up as files.

use serde::Serialize;
use styr_domain::{OutcomeStatus, Plan};
use styr_formats::{followup_file, plan_file};
use styr_store::Store;

use crate::select::{assessed_round, resolve_committee};
use crate::{AppError, Result};

/// A stored plan: committee key, committee name, year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanSummary {
    pub committee: String,
    pub name: String,
    pub year: i32,
}

pub async fn plans(store: &Store) -> Result<Vec<PlanSummary>> {
    Ok(styr_store::plan::list_plans(store)
        .await?
        .into_iter()
        .map(|(committee, name, year)| PlanSummary { committee, name, year })
        .collect())
}

/// The stored plan of a committee and year, resolved from what was given.
pub async fn plan(store: &Store, year: i32, committee: Option<&str>) -> Result<(String, Plan)> {
    let key = resolve_committee(store, committee, Some(year)).await?;
    let plan = styr_store::plan::load_plan(store, &key, year).await?;
    Ok((key, plan))
}

/// The stored plan as a plan file; importing it gives the same plan.
pub async fn plan_file(store: &Store, year: i32, committee: Option<&str>) -> Result<String> {
    Ok(plan_file::write(&plan(store, year, committee).await?.1))
}

/// What is written for a round as a follow-up file.
pub async fn followup_file(store: &Store, year: i32, round: &str, committee: Option<&str>) -> Result<String> {
    let (key, plan) = plan(store, year, committee).await?;
    if plan.round(round).is_none() {
        return Err(AppError::NotFound(format!("the plan {key} {year} has no round `{round}`")));
    }
    Ok(followup_file::write(&styr_store::followup::load_followup(store, &key, year, round).await?))
}

/// One nämndmål with its place in the hierarchy and the round's assessment.
#[derive(Debug, Clone, Serialize)]
pub struct GoalRow {
    pub id: String,
    pub title: String,
    pub kf_goal: String,
    pub goal_area: String,
    /// The assessment's level as its Swedish label, e.g. "I hög grad uppfyllt"; null when not assessed.
    pub assessment: Option<String>,
    pub assessment_level: Option<String>,
    pub round: Option<String>,
    pub agenda2030: Vec<String>,
    /// The same links with the goals' Swedish names: "3 God hälsa och välbefinnande".
    pub agenda2030_names: Vec<String>,
    pub indicators: usize,
}

/// The goals of a plan and the round their assessments come from.
#[derive(Debug, Clone)]
pub struct GoalListing {
    pub plan: Plan,
    /// The round shown (the one asked for, else the latest with assessments), if any.
    pub round: Option<String>,
    pub rows: Vec<GoalRow>,
}

impl GoalListing {
    /// The round's label, or "ingen bedömning" when no round has assessments.
    pub fn round_label(&self) -> String {
        self.round.as_deref().and_then(|r| self.plan.round(r)).map(|r| r.label.clone()).unwrap_or_else(|| "ingen bedömning".into())
    }
}

pub async fn goals(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>) -> Result<GoalListing> {
    let (key, plan) = plan(store, year, committee).await?;
    let round = assessed_round(store, &plan, &key, round).await?;
    let followup = match &round {
        Some(r) => Some(styr_store::followup::load_followup(store, &key, year, r).await?),
        None => None,
    };
    let rows = plan
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
                agenda2030_names: g.goal.agenda2030.iter().map(styr_domain::agenda2030::describe).collect(),
                indicators: g.goal.indicators.len(),
            }
        })
        .collect();
    Ok(GoalListing { plan, round, rows })
}

/// One indicator with three years of outcomes and the year's targets.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub id: String,
    pub goal: String,
    pub title: String,
    pub unit: String,
    pub direction: String,
    pub source: String,
    /// Decimals the indicator is shown with.
    #[serde(skip)]
    pub decimals: u8,
    pub outcomes: Vec<OutcomeCell>,
    pub etappmal: Option<f64>,
    pub malvarde: Option<f64>,
    pub malvarde_year: Option<i32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeCell {
    pub year: i32,
    pub value: Option<f64>,
    pub status: Option<OutcomeStatus>,
}

/// The indicators of a plan with the years shown (the plan's year and the two before).
#[derive(Debug, Clone)]
pub struct IndicatorListing {
    pub year: i32,
    pub years: Vec<i32>,
    pub rows: Vec<IndicatorRow>,
}

pub async fn indicators(store: &Store, year: i32, committee: Option<&str>) -> Result<IndicatorListing> {
    let (key, plan) = plan(store, year, committee).await?;
    let outcomes = styr_store::outcomes::load_outcomes(store, &key, None).await?;
    let years: Vec<i32> = (year - 2..=year).collect();
    let rows = plan
        .indicators()
        .map(|(goal, ind)| {
            let by_year = styr_report::goals::yearly_outcomes(&outcomes, &ind.id);
            let outcomes = years
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
                decimals: ind.decimals,
                outcomes,
                etappmal: ind.targets.etappmal.get(&year).copied(),
                malvarde: ind.targets.malvarde.and_then(|m| m.value),
                malvarde_year: ind.targets.malvarde.map(|m| m.year),
            }
        })
        .collect();
    Ok(IndicatorListing { year, years, rows })
}
