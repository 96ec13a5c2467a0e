//! Målbedömning, indicator tables, uppdrag and risks.

use std::collections::BTreeMap;

use styr_domain::format_sv::number_trimmed;
use styr_domain::plan::GoalInContext;
use styr_domain::report_parts::FootnoteTarget;
use styr_domain::{Comparison, FollowUp, Gender, GoalNode, Indicator, Outcome, OutcomeStatus, Period, Plan, TableColumn, Trend};

use crate::report_parts::RoundNotes;
use crate::{Cell, Table};

/// Målområde, KF-mål, nämndmål and the round's assessment, one row per nämndmål.
pub fn assessment_overview(plan: &Plan, followup: Option<&FollowUp>) -> Table {
    let mut t = Table::new("Målbedömning", ["Målområde", "Kommunfullmäktigemål", "Nämndmål", "Måluppfyllelse"].map(String::from).to_vec());
    for g in plan.goals() {
        let level = followup
            .and_then(|f| f.assessments.iter().find(|a| a.goal == g.goal.id))
            .and_then(|a| plan.scale.level(a.level.as_deref()?))
            .map(|l| l.label.clone())
            .unwrap_or_default();
        t.push(vec![
            Cell::stored(g.area.map(|a| a.title.as_str()).unwrap_or_default()),
            Cell::stored(g.kf_goal.map(|k| k.title.as_str()).unwrap_or_default()),
            Cell::stored(&g.goal.title),
            Cell::stored(level),
        ]);
    }
    t
}

/// An indicator's own full-year outcomes (total, not comparisons) by year.
pub fn yearly_outcomes<'a>(outcomes: &'a [Outcome], indicator: &str) -> BTreeMap<i32, &'a Outcome> {
    outcomes
        .iter()
        .filter(|o| o.indicator == indicator && o.gender == Gender::T && o.comparison == Comparison::Own && o.regi.is_none())
        .filter_map(|o| match o.period {
            Period::Year(y) => Some((y, o)),
            _ => None,
        })
        .collect()
}

/// An indicator's own total outcome (gender T, all regier) for exactly `period`.
pub fn outcome_for<'a>(outcomes: &'a [Outcome], indicator: &str, period: Period) -> Option<&'a Outcome> {
    outcomes.iter().find(|o| {
        o.indicator == indicator && o.period == period && o.gender == Gender::T && o.comparison == Comparison::Own && o.regi.is_none()
    })
}

/// The columns of a goal's indicator table: the goal's own, else the plan's, else the plan year and
/// the two years before it.
pub fn columns_for(plan: &Plan, goal: &str) -> Vec<TableColumn> {
    let configured = plan.indicator_columns_of(goal);
    if configured.is_empty() {
        (plan.year - 2..=plan.year).map(|y| TableColumn { period: Period::Year(y), label: None }).collect()
    } else {
        configured.to_vec()
    }
}

/// A column's heading: its label, else its period in Swedish, with "Prel. " in front when every
/// outcome shown in it is preliminary.
pub fn column_heading(column: &TableColumn, shown: &[Option<&Outcome>]) -> String {
    if let Some(label) = &column.label {
        return label.clone();
    }
    let present: Vec<&Outcome> = shown.iter().flatten().copied().filter(|o| o.status != OutcomeStatus::Missing).collect();
    let preliminary = !present.is_empty() && present.iter().all(|o| o.status == OutcomeStatus::Preliminary);
    if preliminary { format!("Prel. {}", column.period.label_sv()) } else { column.period.label_sv() }
}

fn value(ind: &Indicator, v: Option<f64>) -> String {
    v.map(|v| number_trimmed(v, ind.decimals as usize)).unwrap_or_default()
}

/// The indicator table of a nämndmål: outcomes for `years`, the etappmål of the plan year and the målvärde.
pub fn indicator_table(plan: &Plan, goal: GoalInContext<'_>, outcomes: &[Outcome], years: &[i32]) -> Table {
    let node = plan.goal_node(&goal.goal.id).expect("a goal of the plan");
    let columns: Vec<TableColumn> = years.iter().map(|y| TableColumn { period: Period::Year(*y), label: None }).collect();
    indicator_table_of(plan, node, outcomes, &columns)
}

/// The indicator table of a goal of any level, with the given outcome columns (see
/// [`columns_for`]), the etappmål of the plan year and the målvärde. A missing outcome (IU) prints
/// `-`, an outcome not stored prints nothing.
pub fn indicator_table_of(plan: &Plan, goal: GoalNode<'_>, outcomes: &[Outcome], columns: &[TableColumn]) -> Table {
    indicator_table_for_round(plan, goal, outcomes, columns, &BTreeMap::new(), &RoundNotes::none())
}

/// What the round says of an indicator, computed by the analysis (`styr-analysis`, called by the
/// app layer): its trend (computed, else typed) and its own bedömning on the indicator scale.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorRound {
    pub trend: Option<Trend>,
    /// The trend was typed in the follow-up (the outcomes give none); else it is computed.
    pub trend_typed: bool,
    /// The judgement's label on the plan's indicator scale, e.g. "Nära värde".
    pub judgement: Option<String>,
}

/// The indicator table of a goal for a round: as [`indicator_table_of`], with a "Trend" and a
/// "Bedömning" column, each only when some row has a value in it (`round` by indicator id), and
/// the round's footnotes on the indicators' rows with their texts under the table.
pub fn indicator_table_for_round(
    plan: &Plan,
    goal: GoalNode<'_>,
    outcomes: &[Outcome],
    columns: &[TableColumn],
    round: &BTreeMap<String, IndicatorRound>,
    notes: &RoundNotes,
) -> Table {
    let mut t = outcome_table(plan, goal, outcomes, columns);
    let of = |i: &Indicator| round.get(&i.id);
    let trend = goal.indicators.iter().any(|i| of(i).is_some_and(|r| r.trend.is_some()));
    let judgement = goal.indicators.iter().any(|i| of(i).is_some_and(|r| r.judgement.is_some()));
    if trend {
        t.header.push("Trend".to_string());
    }
    if judgement {
        t.header.push("Bedömning".to_string());
    }
    for (row, ind) in t.rows.iter_mut().zip(goal.indicators) {
        let r = of(ind);
        if trend {
            let text = r.and_then(|r| r.trend).map(|t| t.as_str()).unwrap_or_default();
            row.push(if r.is_some_and(|r| r.trend_typed) { Cell::stored(text) } else { Cell::derived(text) });
        }
        if judgement {
            row.push(Cell::stored(r.and_then(|r| r.judgement.clone()).unwrap_or_default()));
        }
    }
    let targets: Vec<Option<FootnoteTarget>> = goal.indicators.iter().map(|i| Some(FootnoteTarget::Indicator(i.id.clone()))).collect();
    notes.attach(&mut t, &targets);
    t
}

fn outcome_table(plan: &Plan, goal: GoalNode<'_>, outcomes: &[Outcome], columns: &[TableColumn]) -> Table {
    let end_year = goal.indicators.iter().find_map(|i| i.targets.malvarde.map(|m| m.year));
    let mut header = vec!["Indikatorer".to_string()];
    header.extend(columns.iter().map(|c| {
        let shown: Vec<Option<&Outcome>> = goal.indicators.iter().map(|i| outcome_for(outcomes, &i.id, c.period)).collect();
        column_heading(c, &shown)
    }));
    header.push(format!("Etappmål {}", plan.year));
    // The målvärde's end year as the plan gives it; no year is made up when none is given.
    header.push(end_year.map_or_else(|| "Målvärde".to_string(), |y| format!("Målvärde {y}")));
    let mut t = Table::new(format!("Indikatorer: {}", goal.title), header);
    for ind in goal.indicators {
        let mut row = vec![Cell::stored(&ind.title)];
        row.extend(columns.iter().map(|c| {
            Cell::stored(match outcome_for(outcomes, &ind.id, c.period) {
                None => String::new(),
                Some(o) if o.status == OutcomeStatus::Missing => "-".to_string(),
                Some(o) => value(ind, o.value),
            })
        }));
        row.push(Cell::stored(value(ind, ind.targets.etappmal.get(&plan.year).copied())));
        row.push(Cell::stored(value(ind, ind.targets.malvarde.and_then(|m| m.value))));
        t.push(row);
    }
    t
}

/// Uppdrag with status and comment for a round; "Från …" names the origin when it is not the nämnd.
pub fn commissions(plan: &Plan, followup: Option<&FollowUp>) -> Table {
    let mut t = Table::new("Nämndens uppdrag till förvaltning", ["Uppdrag", "Status", "Kommentar"].map(String::from).to_vec());
    for c in &plan.commissions {
        let f = followup.and_then(|f| f.commissions.iter().find(|x| x.id == c.id));
        let text = match &c.source {
            Some(source) => format!("Från {} {}", source.to_lowercase(), c.text.trim()),
            None => c.text.trim().to_string(),
        };
        t.push(vec![
            Cell::stored(text),
            Cell::stored(f.map(|f| f.status.label()).unwrap_or_default()),
            Cell::stored(f.map(|f| f.comment.trim()).unwrap_or_default()),
        ]);
    }
    t
}

/// The nämnd's own risks (not audit recommendations) with measure and status.
pub fn risks(plan: &Plan, followup: Option<&FollowUp>) -> Table {
    let mut t = Table::new(
        "Åtgärder för att minska identifierade risker",
        ["Nummer", "Process", "Risk", "Riskåtgärd", "Status"].map(String::from).to_vec(),
    );
    for r in plan.risks.iter().filter(|r| r.origin.is_own()) {
        let status = followup.and_then(|f| f.risks.iter().find(|x| x.id == r.id)).map(|f| f.status.label());
        t.push(vec![
            Cell::stored(r.number.clone().unwrap_or_default()),
            Cell::stored(&r.process),
            Cell::stored(r.risk.trim()),
            Cell::stored(r.measure.trim()),
            Cell::stored(status.unwrap_or_default()),
        ]);
    }
    t
}
