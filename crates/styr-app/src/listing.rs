//! Listings: plans, goals with their assessment, indicators with outcomes and targets, and the
//! plan and follow-up as files.

use serde::Serialize;
use std::collections::BTreeMap;
use styr_analysis::{PeriodSource, TrendSource};

use styr_domain::{FollowUp, FootnoteTarget, GoalLevel, GoalNode, Outcome, OutcomeStatus, Plan, Regi, Trend};
use styr_formats::{followup_file, plan_file};
use styr_report::goals::IndicatorRound;
use styr_report::report_parts::RoundNotes;
use styr_report::{Table, TableNote};
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

/// One goal (a nämndmål, or a KF-mål or målområde that has indicators or an assessment) with its
/// place in the hierarchy and the round's assessment.
#[derive(Debug, Clone, Serialize)]
pub struct GoalRow {
    pub id: String,
    pub title: String,
    /// `goal` (nämndmål), `kf_goal` (KF-mål) or `goal_area` (målområde).
    pub level: GoalLevel,
    /// The KF-mål above (for a KF-mål: itself); null for a nämndmål without KF-mål.
    pub kf_goal: Option<String>,
    pub goal_area: Option<String>,
    /// The assessment's level as its Swedish label, e.g. "I hög grad uppfyllt"; null when not assessed
    /// or when the texts have no level yet.
    pub assessment: Option<String>,
    pub assessment_level: Option<String>,
    /// The round has texts for the goal but no level yet.
    pub texts_without_level: bool,
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
    /// Whether any row is not a nämndmål (a KF-mål or målområde assessed or followed directly).
    pub fn has_other_levels(&self) -> bool {
        self.rows.iter().any(|r| r.level != GoalLevel::Goal)
    }
}

/// Whether a goal is listed and analysed: every nämndmål, and a KF-mål or målområde that has
/// indicators or an assessment in the round.
pub fn is_followed(node: &GoalNode<'_>, followup: Option<&FollowUp>) -> bool {
    node.level == GoalLevel::Goal
        || !node.indicators.is_empty()
        || followup.is_some_and(|f| f.assessments.iter().any(|a| a.goal == node.id))
}

pub async fn goals(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>) -> Result<GoalListing> {
    let (key, plan) = plan(store, year, committee).await?;
    let round = assessed_round(store, &plan, &key, round).await?;
    let followup = match &round {
        Some(r) => Some(styr_store::followup::load_followup(store, &key, year, r).await?),
        None => None,
    };
    let rows = plan
        .goal_nodes()
        .into_iter()
        .filter(|n| is_followed(n, followup.as_ref()))
        .map(|g| {
            let a = followup.as_ref().and_then(|f| f.assessments.iter().find(|a| a.goal == g.id));
            let level = a.and_then(|a| a.level.clone());
            GoalRow {
                id: g.id.to_string(),
                title: g.title.to_string(),
                level: g.level,
                kf_goal: g.kf_goal.map(|k| k.title.clone()),
                goal_area: g.area.map(|a| a.title.clone()),
                assessment: level.as_deref().and_then(|l| plan.scale.level(l)).map(|l| l.label.clone()),
                assessment_level: level,
                texts_without_level: a.is_some_and(|a| a.level.is_none()),
                round: a.and(round.clone()),
                agenda2030: g.agenda2030.iter().map(|t| t.as_str().to_string()).collect(),
                agenda2030_names: g.agenda2030.iter().map(styr_domain::agenda2030::describe).collect(),
                indicators: g.indicators.len(),
            }
        })
        .collect();
    Ok(GoalListing { plan, round, rows })
}

/// One indicator with the outcomes of its table's columns, the year's targets, and, for the round,
/// its trend, its own judgement and its values per regi.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub id: String,
    pub goal: String,
    pub goal_level: GoalLevel,
    pub title: String,
    pub unit: String,
    /// `higher`, `lower`, `none`; null when the plan does not say.
    pub direction: Option<String>,
    /// `kolada: U21468`, `survey: …`, `own: …`; null when the plan does not say.
    pub source: Option<String>,
    /// Decimals the indicator is shown with.
    #[serde(skip)]
    pub decimals: u8,
    pub outcomes: Vec<OutcomeCell>,
    pub etappmal: Option<f64>,
    pub malvarde: Option<f64>,
    pub malvarde_year: Option<i32>,
    /// The period the round's analysis used, and how it was chosen.
    pub round_period: Option<String>,
    pub trend: Option<Trend>,
    /// `computed` or `typed`.
    pub trend_source: Option<String>,
    pub judgement: Option<String>,
    pub comment: Option<String>,
    /// The round's values per regi (same period as the total).
    pub by_regi: Vec<RegiCell>,
    /// The round's footnotes on the indicator (`marker` as defined: the footnote's own, else its
    /// number); printed after the title and under the table.
    pub footnotes: Vec<TableNote>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeCell {
    /// The year of the column's period.
    pub year: i32,
    /// The column's period (`2023`, `2024-08`, `2024-T2`).
    pub period: String,
    pub heading: String,
    pub value: Option<f64>,
    pub status: Option<OutcomeStatus>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RegiCell {
    pub regi: Regi,
    pub label: String,
    pub value: Option<f64>,
}

/// Indicators whose tables have the same columns, in plan order.
#[derive(Debug, Clone)]
pub struct IndicatorSection {
    pub headings: Vec<String>,
    pub rows: Vec<IndicatorRow>,
}

/// The indicators of a plan: the columns are the plan's `indicator_columns` (or a goal's own), else
/// the plan's year and the two before.
#[derive(Debug, Clone)]
pub struct IndicatorListing {
    pub year: i32,
    /// The round whose trends and judgements are shown, if any.
    pub round: Option<String>,
    /// Whether the round has indicator judgements or typed trends (or the plan an indicator scale):
    /// then the listing shows trend and judgement.
    pub judged: bool,
    pub sections: Vec<IndicatorSection>,
}

impl IndicatorListing {
    pub fn rows(&self) -> impl Iterator<Item = &IndicatorRow> {
        self.sections.iter().flat_map(|s| &s.rows)
    }
}

pub async fn indicators(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>) -> Result<IndicatorListing> {
    let (key, plan) = plan(store, year, committee).await?;
    let outcomes = styr_store::outcomes::load_outcomes(store, &key, None).await?;
    let round = assessed_round(store, &plan, &key, round).await?;
    let (analysis, followup) = match &round {
        Some(r) => {
            let f = styr_store::followup::load_followup(store, &key, year, r).await?;
            (Some(styr_analysis::analyse_round(&plan, &outcomes, Some(&f), r)?), Some(f))
        }
        None => (None, None),
    };
    let notes = followup.as_ref().map(RoundNotes::of).unwrap_or_default();
    let judged = plan.indicator_scale.is_some() || followup.as_ref().is_some_and(|f| !f.indicators.is_empty());
    let analysed = |id: &str| analysis.as_ref().and_then(|a| a.goals.iter().flat_map(|g| &g.indicators).find(|i| i.id == id));
    let mut sections: Vec<IndicatorSection> = Vec::new();
    for (goal, ind) in plan.indicators() {
        let columns = styr_report::goals::columns_for(&plan, goal.id);
        let in_goal: Vec<&styr_domain::Indicator> = goal.indicators.iter().collect();
        let outcomes_cells = columns
            .iter()
            .map(|c| {
                let shown: Vec<Option<&Outcome>> =
                    in_goal.iter().map(|i| styr_report::goals::outcome_for(&outcomes, &i.id, c.period)).collect();
                let o = styr_report::goals::outcome_for(&outcomes, &ind.id, c.period);
                OutcomeCell {
                    year: c.period.year(),
                    period: c.period.to_string(),
                    heading: styr_report::goals::column_heading(c, &shown),
                    value: o.and_then(|o| o.value),
                    status: o.map(|o| o.status),
                }
            })
            .collect::<Vec<_>>();
        let a = analysed(&ind.id);
        let row = IndicatorRow {
            id: ind.id.clone(),
            goal: goal.id.to_string(),
            goal_level: goal.level,
            title: ind.title.clone(),
            unit: ind.unit.as_str().to_string(),
            direction: ind.direction.map(|d| d.as_str().to_string()),
            source: ind.source.as_ref().map(|s| format!("{}: {}", s.kind(), s.reference())),
            decimals: ind.decimals,
            etappmal: ind.targets.etappmal.get(&year).copied(),
            malvarde: ind.targets.malvarde.and_then(|m| m.value),
            malvarde_year: ind.targets.malvarde.map(|m| m.year),
            round_period: a.and_then(|a| {
                let p = a.period?.label_sv();
                Some(match a.period_source.and_then(PeriodSource::explanation_sv) {
                    Some(why) => format!("{p} ({why})"),
                    None => p,
                })
            }),
            trend: a.and_then(|a| a.trend),
            trend_source: a.and_then(|a| a.trend_source).map(|s| match s {
                TrendSource::Computed => "computed".to_string(),
                TrendSource::Typed => "typed".to_string(),
            }),
            judgement: a.and_then(|a| a.judgement.as_ref()).map(|j| j.label.clone()),
            comment: a.and_then(|a| a.comment.clone()),
            by_regi: a
                .map(|a| {
                    a.by_regi.iter().map(|r| RegiCell { regi: r.regi, label: r.regi.label_sv().to_string(), value: r.value }).collect()
                })
                .unwrap_or_default(),
            outcomes: outcomes_cells,
            footnotes: notes.on(&FootnoteTarget::Indicator(ind.id.clone())).collect(),
        };
        let headings: Vec<String> = row.outcomes.iter().map(|c| c.heading.clone()).collect();
        match sections.last_mut() {
            Some(s) if s.headings == headings => s.rows.push(row),
            _ => sections.push(IndicatorSection { headings, rows: vec![row] }),
        }
    }
    Ok(IndicatorListing { year, round, judged, sections })
}

/// The report's indicator tables of a year, one per goal with indicators (any level), for a round
/// (the one asked for, else the latest with assessments or indicator follow-ups): the outcome
/// columns, etappmål and målvärde, the trend (computed by the analysis, else typed) and the
/// indicator's own bedömning where the round has them, and the round's footnotes on the rows.
pub async fn indicator_tables(store: &Store, year: i32, committee: Option<&str>, round: Option<&str>) -> Result<Vec<Table>> {
    Ok(indicator_tables_by_goal(store, year, committee, round).await?.into_iter().map(|(_, t)| t).collect())
}

/// [`indicator_tables`] with the id of each table's goal.
pub async fn indicator_tables_by_goal(
    store: &Store,
    year: i32,
    committee: Option<&str>,
    round: Option<&str>,
) -> Result<Vec<(String, Table)>> {
    let (key, plan) = plan(store, year, committee).await?;
    let outcomes = styr_store::outcomes::load_outcomes(store, &key, None).await?;
    let round = assessed_round(store, &plan, &key, round).await?;
    let (by_indicator, notes) = match &round {
        Some(r) => {
            let f = styr_store::followup::load_followup(store, &key, year, r).await?;
            let analysis = styr_analysis::analyse_round(&plan, &outcomes, Some(&f), r)?;
            let by_indicator: BTreeMap<String, IndicatorRound> = analysis
                .goals
                .iter()
                .flat_map(|g| &g.indicators)
                .map(|i| {
                    let values = IndicatorRound {
                        trend: i.trend,
                        trend_typed: i.trend_source == Some(TrendSource::Typed),
                        judgement: i.judgement.as_ref().map(|j| j.label.clone()),
                    };
                    (i.id.clone(), values)
                })
                .collect();
            (by_indicator, RoundNotes::of(&f))
        }
        None => (BTreeMap::new(), RoundNotes::none()),
    };
    Ok(plan
        .goal_nodes()
        .into_iter()
        .filter(|g| !g.indicators.is_empty())
        .map(|g| {
            let columns = styr_report::goals::columns_for(&plan, g.id);
            (g.id.to_string(), styr_report::goals::indicator_table_for_round(&plan, g, &outcomes, &columns, &by_indicator, &notes))
        })
        .collect())
}
