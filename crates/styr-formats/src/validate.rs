//! Checks that go beyond the syntax of a file: valid and unique ids, and references that resolve.

use std::collections::BTreeSet;

use styr_domain::org::OrgUnit;
use styr_domain::{FollowUp, Plan, is_valid_id};

use crate::FormatError;
use crate::error::{line_of_entry, nth_line_of_entry};

struct Checker<'a> {
    text: &'a str,
    file: &'a str,
}

impl Checker<'_> {
    fn fail(&self, key: &str, value: &str, field: String, message: String) -> FormatError {
        FormatError::new(self.file, line_of_entry(self.text, key, value), field, message)
    }

    /// Ids must be well formed and unique within their kind.
    fn ids<'i>(&self, kind: &str, field: &str, ids: impl IntoIterator<Item = &'i str>) -> Result<(), FormatError> {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.into_iter().enumerate() {
            if !is_valid_id(id) {
                return Err(self.fail(
                    "id",
                    id,
                    format!("{field}[{i}].id"),
                    format!("`{id}` is not a valid id (use lower-case letters, digits, - and _)"),
                ));
            }
            if !seen.insert(id) {
                let second = nth_line_of_entry(self.text, "id", id, 2);
                return Err(FormatError::new(self.file, second, format!("{field}[{i}].id"), format!("{kind} id `{id}` is used twice")));
            }
        }
        Ok(())
    }

    fn reference(&self, key: &str, value: &str, field: String, kind: &str, known: &BTreeSet<&str>) -> Result<(), FormatError> {
        if known.contains(value) { Ok(()) } else { Err(self.fail(key, value, field, format!("no {kind} with id `{value}`"))) }
    }
}

/// Checks a plan read from `text`.
pub fn plan(plan: &Plan, text: &str, file: &str) -> Result<(), FormatError> {
    let c = Checker { text, file };
    if !(1900..=2200).contains(&plan.year) {
        return Err(FormatError::new(file, crate::error::line_of(text, "year:", 1), "year", "a year such as 2024"));
    }
    if !is_valid_id(&plan.committee.id) {
        return Err(c.fail("id", &plan.committee.id, "committee.id".into(), "not a valid id".into()));
    }
    let scale = &plan.scale;
    if scale.ordinal_levels().count() < 2 {
        return Err(FormatError::new(
            file,
            crate::error::line_of(text, "levels:", 1),
            "scale.levels",
            "a scale needs at least two evaluated levels",
        ));
    }
    c.ids("scale level", "scale.levels", scale.levels.iter().map(|l| l.key.as_str()))
        .map_err(|e| FormatError { field: e.field.replace(".id", ".key"), ..e })?;
    for (i, l) in scale.levels.iter().enumerate() {
        let hex = l.color.strip_prefix('#').is_some_and(|h| matches!(h.len(), 3 | 6) && h.chars().all(|c| c.is_ascii_hexdigit()));
        if !hex {
            return Err(c.fail(
                "color",
                &l.color,
                format!("scale.levels[{i}].color"),
                format!("`{}` is not a colour such as \"#1a9641\"", l.color),
            ));
        }
    }
    c.ids("organisation unit", "organisation", OrgUnit::flatten(&plan.organisation).iter().map(|(_, u)| u.id.as_str()))?;
    if plan.organisation.len() > 1 {
        return Err(FormatError::new(
            file,
            line_of_entry(text, "id", &plan.organisation[1].id),
            "organisation[1]",
            "the organisation has one root (the nämnd); put the other units under it",
        ));
    }
    c.ids("round", "rounds", plan.rounds.iter().map(|r| r.id.as_str()))?;
    for (i, r) in plan.rounds.iter().enumerate() {
        use chrono::Datelike;
        if r.period_end.year() != plan.year {
            return Err(c.fail(
                "period_end",
                &r.period_end.to_string(),
                format!("rounds[{i}].period_end"),
                format!("{} is not in the plan year {}", r.period_end, plan.year),
            ));
        }
    }
    c.ids("målområde", "goal_areas", plan.goal_areas.iter().map(|a| a.id.as_str()))?;
    c.ids("KF-mål", "kf_goals", plan.goal_areas.iter().flat_map(|a| &a.kf_goals).map(|k| k.id.as_str()))?;
    c.ids("nämndmål", "goals", plan.goals().map(|g| g.goal.id.as_str()))?;
    c.ids("indicator", "indicators", plan.indicators().map(|(_, i)| i.id.as_str()))?;
    for (_, ind) in plan.indicators() {
        if ind.decimals > 6 {
            return Err(c.fail("id", &ind.id, format!("indicator {}.decimals", ind.id), "at most 6 decimals".into()));
        }
        let bad_value = ind.targets.etappmal.values().chain(ind.targets.malvarde.iter().filter_map(|m| m.value.as_ref()));
        if bad_value.into_iter().any(|v| !v.is_finite()) {
            return Err(c.fail("id", &ind.id, format!("indicator {}.targets", ind.id), "targets must be numbers".into()));
        }
    }
    let goals: BTreeSet<&str> = plan.goals().map(|g| g.goal.id.as_str()).collect();
    c.ids("uppdrag", "commissions", plan.commissions.iter().map(|u| u.id.as_str()))?;
    for (i, u) in plan.commissions.iter().enumerate() {
        if let Some(g) = &u.goal {
            c.reference("goal", g, format!("commissions[{i}].goal"), "nämndmål", &goals)?;
        }
    }
    c.ids("risk", "risks", plan.risks.iter().map(|r| r.id.as_str()))?;
    c.ids("control point", "control_points", plan.control_points.iter().map(|r| r.id.as_str()))?;
    c.ids("key-figure table", "key_figures", plan.key_figures.iter().map(|t| t.id.as_str()))?;
    c.ids("key figure", "key_figures.rows", plan.key_figures.iter().flat_map(|t| &t.rows).map(|r| r.id.as_str()))?;
    for row in plan.key_figures.iter().flat_map(|t| &t.rows) {
        if let Some((year, v)) = row.values.iter().find(|(_, v)| !v.is_finite()) {
            return Err(c.fail("id", &row.id, format!("key figure {}.values.{year}", row.id), format!("`{v}` is not a number")));
        }
    }
    for g in plan.goals() {
        let mut targets = BTreeSet::new();
        if let Some(t) = g.goal.agenda2030.iter().find(|t| !targets.insert(t.as_str())) {
            return Err(c.fail("id", &g.goal.id, format!("goal {}.agenda2030", g.goal.id), format!("`{}` is listed twice", t.as_str())));
        }
    }
    if let Some(rule) = &plan.assessment_rule {
        let line = crate::error::line_of(text, "assessment_rule:", 1);
        if !(0.0..=1.0).contains(&rule.min_share_with_outcome) {
            return Err(FormatError::new(file, line, "assessment_rule.min_share_with_outcome", "a share between 0 and 1"));
        }
        if rule.thresholds.is_empty() {
            return Err(FormatError::new(file, line, "assessment_rule.thresholds", "at least one threshold"));
        }
        for (i, t) in rule.thresholds.iter().enumerate() {
            let field = format!("assessment_rule.thresholds[{i}]");
            if !t.is_well_formed() {
                return Err(c.fail("level", &t.level, field, "give exactly one of at_least or above, a share between 0 and 1".into()));
            }
            if plan.scale.rank(&t.level).is_none() {
                return Err(c.fail(
                    "level",
                    &t.level,
                    format!("{field}.level"),
                    format!("`{}` is not an evaluated level of the scale", t.level),
                ));
            }
        }
    }
    Ok(())
}

/// Checks a follow-up against the plan it reports on.
pub fn followup(f: &FollowUp, plan: &Plan, text: &str, file: &str) -> Result<(), FormatError> {
    let c = Checker { text, file };
    if f.committee != plan.committee.id && f.committee != plan.committee_key() {
        return Err(c.fail("committee", &f.committee, "committee".into(), format!("the plan is for committee `{}`", plan.committee.id)));
    }
    let rounds: BTreeSet<&str> = plan.rounds.iter().map(|r| r.id.as_str()).collect();
    c.reference("round", &f.round, "round".into(), "report round in the plan", &rounds)?;
    let goals: BTreeSet<&str> = plan.goals().map(|g| g.goal.id.as_str()).collect();
    let mut assessed = BTreeSet::new();
    for (i, a) in f.assessments.iter().enumerate() {
        c.reference("goal", &a.goal, format!("assessments[{i}].goal"), "nämndmål", &goals)?;
        if !assessed.insert(a.goal.as_str()) {
            return Err(c.fail("goal", &a.goal, format!("assessments[{i}].goal"), format!("`{}` is assessed twice", a.goal)));
        }
        if plan.scale.level(&a.level).is_none() {
            let keys: Vec<&str> = plan.scale.levels.iter().map(|l| l.key.as_str()).collect();
            return Err(c.fail(
                "level",
                &a.level,
                format!("assessments[{i}].level"),
                format!("`{}` is not a level of the scale; use one of {}", a.level, keys.join(", ")),
            ));
        }
    }
    let commissions: BTreeSet<&str> = plan.commissions.iter().map(|u| u.id.as_str()).collect();
    for (i, u) in f.commissions.iter().enumerate() {
        c.reference("id", &u.id, format!("commissions[{i}].id"), "uppdrag in the plan", &commissions)?;
    }
    c.ids("uppdrag", "commissions", f.commissions.iter().map(|u| u.id.as_str()))?;
    let risks: BTreeSet<&str> = plan.risks.iter().map(|r| r.id.as_str()).collect();
    for (i, r) in f.risks.iter().enumerate() {
        c.reference("id", &r.id, format!("risks[{i}].id"), "risk in the plan", &risks)?;
    }
    c.ids("risk", "risks", f.risks.iter().map(|r| r.id.as_str()))?;
    let controls: BTreeSet<&str> = plan.control_points.iter().map(|r| r.id.as_str()).collect();
    for (i, r) in f.controls.iter().enumerate() {
        c.reference("id", &r.id, format!("controls[{i}].id"), "control point in the plan", &controls)?;
    }
    c.ids("control point", "controls", f.controls.iter().map(|r| r.id.as_str()))?;
    Ok(())
}
