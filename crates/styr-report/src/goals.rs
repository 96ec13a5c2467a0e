//! Målbedömning, indicator tables, uppdrag and risks.

use std::collections::BTreeMap;

use styr_domain::format_sv::number_trimmed;
use styr_domain::plan::GoalInContext;
use styr_domain::{Comparison, FollowUp, Gender, Indicator, Outcome, OutcomeStatus, Period, Plan};

use crate::{Cell, Table};

/// Målområde, KF-mål, nämndmål and the round's assessment, one row per nämndmål.
pub fn assessment_overview(plan: &Plan, followup: Option<&FollowUp>) -> Table {
    let mut t = Table::new("Målbedömning", ["Målområde", "Kommunfullmäktigemål", "Nämndmål", "Måluppfyllelse"].map(String::from).to_vec());
    for g in plan.goals() {
        let level = followup
            .and_then(|f| f.assessments.iter().find(|a| a.goal == g.goal.id))
            .and_then(|a| plan.scale.level(&a.level))
            .map(|l| l.label.clone())
            .unwrap_or_default();
        t.push(vec![Cell::stored(&g.area.title), Cell::stored(&g.kf_goal.title), Cell::stored(&g.goal.title), Cell::stored(level)]);
    }
    t
}

/// An indicator's own full-year outcomes (total, not comparisons) by year.
pub fn yearly_outcomes<'a>(outcomes: &'a [Outcome], indicator: &str) -> BTreeMap<i32, &'a Outcome> {
    outcomes
        .iter()
        .filter(|o| o.indicator == indicator && o.gender == Gender::T && o.comparison == Comparison::Own)
        .filter_map(|o| match o.period {
            Period::Year(y) => Some((y, o)),
            Period::YearToDate { .. } => None,
        })
        .collect()
}

fn value(ind: &Indicator, v: Option<f64>) -> String {
    v.map(|v| number_trimmed(v, ind.decimals as usize)).unwrap_or_default()
}

/// The indicator table of a nämndmål: outcomes for `years`, the etappmål of the plan year and the målvärde.
pub fn indicator_table(plan: &Plan, goal: GoalInContext<'_>, outcomes: &[Outcome], years: &[i32]) -> Table {
    let end_year = goal.goal.indicators.iter().find_map(|i| i.targets.malvarde.map(|m| m.year)).unwrap_or(2030);
    let mut header = vec!["Indikatorer".to_string()];
    header.extend(years.iter().map(|y| y.to_string()));
    header.push(format!("Etappmål {}", plan.year));
    header.push(format!("Målvärde {end_year}"));
    let mut t = Table::new(format!("Indikatorer: {}", goal.goal.title), header);
    for ind in &goal.goal.indicators {
        let by_year = yearly_outcomes(outcomes, &ind.id);
        let mut row = vec![Cell::stored(&ind.title)];
        row.extend(years.iter().map(|y| {
            Cell::stored(match by_year.get(y) {
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
