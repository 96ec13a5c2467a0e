//! The rules of a plan: ids, the scale, the organisation, rounds, targets, references and the
//! assessment rule.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;

use super::{Errors, FieldPath, UniqueIds, ValidationError, one_of};
use crate::org::OrgUnit;
use crate::{Plan, is_valid_id};

/// Every broken rule of `plan`, in the order the values appear in a plan file; empty when it is valid.
pub fn plan(plan: &Plan) -> Vec<ValidationError> {
    let root = FieldPath::root();
    let mut e = Errors::default();
    if !(1900..=2200).contains(&plan.year) {
        e.push(root.key("year"), format!("`{}` is not a year such as 2024", plan.year));
    }
    if !is_valid_id(&plan.committee.id) {
        e.push(root.key("committee").key("id"), format!("`{}` is not a valid committee id ({})", plan.committee.id, super::ID_RULE));
    }
    scale(plan, &mut e);
    organisation(&plan.organisation, &mut e);
    let mut rounds = UniqueIds::new("round");
    for (i, r) in plan.rounds.iter().enumerate() {
        let path = root.key("rounds").index(i);
        rounds.check(&mut e, &r.id, path.key("id"));
        if r.period_end.year() != plan.year {
            e.push(path.key("period_end"), format!("{} is not in the plan year {}", r.period_end, plan.year));
        }
    }
    goals(plan, &mut e);
    let goal_ids: BTreeSet<&str> = plan.goal_nodes().into_iter().map(|g| g.id).collect();
    let mut commissions = UniqueIds::new("uppdrag");
    for (i, u) in plan.commissions.iter().enumerate() {
        let path = root.key("commissions").index(i);
        commissions.check(&mut e, &u.id, path.key("id"));
        if let Some(g) = u.goal.as_deref().filter(|g| !goal_ids.contains(g)) {
            e.push(path.key("goal"), format!("no goal with id `{g}` in the plan"));
        }
        if let Some((start, end)) = u.start.zip(u.end).filter(|(s, e)| s > e) {
            e.push(path.key("end"), format!("the end {end} is before the start {start}"));
        }
    }
    let mut risks = UniqueIds::new("risk");
    for (i, r) in plan.risks.iter().enumerate() {
        risks.check(&mut e, &r.id, root.key("risks").index(i).key("id"));
    }
    let mut controls = UniqueIds::new("control point");
    let risk_ids: BTreeSet<&str> = plan.risks.iter().map(|r| r.id.as_str()).collect();
    for (i, c) in plan.control_points.iter().enumerate() {
        let path = root.key("control_points").index(i);
        controls.check(&mut e, &c.id, path.key("id"));
        if let Some(r) = c.risk.as_deref().filter(|r| !risk_ids.contains(r)) {
            e.push(path.key("risk"), format!("no risk with id `{r}` in the plan"));
        }
    }
    let mut tables = UniqueIds::new("key-figure table");
    let mut rows = UniqueIds::new("key figure");
    for (t, table) in plan.key_figures.iter().enumerate() {
        let path = root.key("key_figures").index(t);
        tables.check(&mut e, &table.id, path.key("id"));
        for (r, row) in table.rows.iter().enumerate() {
            let path = path.key("rows").index(r);
            rows.check(&mut e, &row.id, path.key("id"));
            for (year, v) in row.values.iter().filter(|(_, v)| !v.is_finite()) {
                e.push(path.key("values").key(year), format!("`{v}` is not a number"));
            }
        }
    }
    assessment_rule(plan, &mut e);
    e.into_vec()
}

fn scale(plan: &Plan, e: &mut Errors) {
    let path = FieldPath::root().key("scale");
    if plan.scale.ordinal_levels().count() < 2 {
        e.push(path.key("levels"), "a scale needs at least two evaluated levels");
    }
    scale_levels(&plan.scale, path, e);
    if let Some(s) = &plan.indicator_scale {
        let path = FieldPath::root().key("indicator_scale");
        if s.levels.is_empty() {
            e.push(path.key("levels"), "give at least one level");
        }
        scale_levels(s, path, e);
    }
}

fn scale_levels(scale: &crate::SignalScale, path: FieldPath, e: &mut Errors) {
    let mut keys = UniqueIds::new("scale level");
    for (i, l) in scale.levels.iter().enumerate() {
        let path = path.key("levels").index(i);
        keys.check(e, &l.key, path.key("key"));
        let hex = l.color.strip_prefix('#').is_some_and(|h| matches!(h.len(), 3 | 6) && h.chars().all(|c| c.is_ascii_hexdigit()));
        if !hex {
            e.push(path.key("color"), format!("`{}` is not a colour such as \"#1a9641\"", l.color));
        }
    }
}

fn organisation(roots: &[OrgUnit], e: &mut Errors) {
    fn walk(units: &[OrgUnit], path: FieldPath, ids: &mut UniqueIds, e: &mut Errors) {
        for (i, u) in units.iter().enumerate() {
            let path = path.index(i);
            ids.check(e, &u.id, path.key("id"));
            walk(&u.children, path.key("children"), ids, e);
        }
    }
    let mut ids = UniqueIds::new("organisation unit");
    walk(roots, FieldPath::root().key("organisation"), &mut ids, e);
    if roots.len() > 1 {
        e.push(FieldPath::root().key("organisation").index(1), "the organisation has one root (the nämnd); put the other units under it");
    }
}

/// Ids are unique within their level and across levels (an assessment names a goal by id alone);
/// `renamed_from` names an id the plan no longer uses.
fn goals(plan: &Plan, e: &mut Errors) {
    struct Ids<'a> {
        levels: [UniqueIds<'a>; 3],
        indicators: UniqueIds<'a>,
        all: BTreeMap<String, (&'static str, FieldPath)>,
        renamed: Vec<(String, FieldPath)>,
    }
    let mut ids = Ids {
        levels: [UniqueIds::new("målområde"), UniqueIds::new("KF-mål"), UniqueIds::new("nämndmål")],
        indicators: UniqueIds::new("indicator"),
        all: BTreeMap::new(),
        renamed: Vec::new(),
    };
    #[allow(clippy::too_many_arguments)]
    fn node(
        ids: &mut Ids,
        e: &mut Errors,
        level: usize,
        path: &FieldPath,
        id: &str,
        renamed_from: Option<&str>,
        agenda2030: &[crate::Agenda2030Target],
        columns: &[crate::TableColumn],
        indicators: &[crate::Indicator],
    ) {
        const NOUNS: [&str; 3] = ["målområde", "KF-mål", "nämndmål"];
        ids.levels[level].check(e, id, path.key("id"));
        match ids.all.get(id) {
            Some((noun, first)) if *noun != NOUNS[level] => e.push_error(
                ValidationError::new(
                    path.key("id"),
                    format!("goal id `{id}` is already used by a {noun}; goal ids are unique across all levels"),
                )
                .with_related(first.clone()),
            ),
            Some(_) => {}
            None => {
                ids.all.insert(id.to_string(), (NOUNS[level], path.key("id")));
            }
        }
        if let Some(old) = renamed_from {
            ids.renamed.push((old.to_string(), path.key("renamed_from")));
        }
        let mut targets = BTreeMap::new();
        for (t, target) in agenda2030.iter().enumerate() {
            let here = path.key("agenda2030").index(t);
            if let Some(first) = targets.insert(target.as_str(), here.clone()) {
                e.push_error(ValidationError::new(here, format!("`{}` is listed twice", target.as_str())).with_related(first));
            }
        }
        table_columns(columns, path.key("indicator_columns"), e);
        for (i, ind) in indicators.iter().enumerate() {
            let path = path.key("indicators").index(i);
            ids.indicators.check(e, &ind.id, path.key("id"));
            if ind.decimals > 6 {
                e.push(path.key("decimals"), format!("{} decimals; at most 6", ind.decimals));
            }
            let targets = path.key("targets");
            for (year, v) in ind.targets.etappmal.iter().filter(|(_, v)| !v.is_finite()) {
                e.push(targets.key("etappmal").key(year), format!("`{v}` is not a number"));
            }
            if let Some(v) = ind.targets.malvarde.and_then(|m| m.value).filter(|v| !v.is_finite()) {
                e.push(targets.key("malvarde").key("value"), format!("`{v}` is not a number"));
            }
        }
    }
    for (a, area) in plan.goal_areas.iter().enumerate() {
        let path = FieldPath::root().key("goal_areas").index(a);
        node(&mut ids, e, 0, &path, &area.id, area.renamed_from.as_deref(), &[], &area.indicator_columns, &area.indicators);
        for (k, kf) in area.kf_goals.iter().enumerate() {
            let path = path.key("kf_goals").index(k);
            node(&mut ids, e, 1, &path, &kf.id, kf.renamed_from.as_deref(), &kf.agenda2030, &kf.indicator_columns, &kf.indicators);
            for (g, goal) in kf.goals.iter().enumerate() {
                let path = path.key("goals").index(g);
                node(
                    &mut ids,
                    e,
                    2,
                    &path,
                    &goal.id,
                    goal.renamed_from.as_deref(),
                    &goal.agenda2030,
                    &goal.indicator_columns,
                    &goal.indicators,
                );
            }
        }
        for (g, goal) in area.goals.iter().enumerate() {
            let path = path.key("goals").index(g);
            node(
                &mut ids,
                e,
                2,
                &path,
                &goal.id,
                goal.renamed_from.as_deref(),
                &goal.agenda2030,
                &goal.indicator_columns,
                &goal.indicators,
            );
        }
    }
    for (g, goal) in plan.goals.iter().enumerate() {
        let path = FieldPath::root().key("goals").index(g);
        node(&mut ids, e, 2, &path, &goal.id, goal.renamed_from.as_deref(), &goal.agenda2030, &goal.indicator_columns, &goal.indicators);
    }
    let mut renamed: BTreeMap<&str, &FieldPath> = BTreeMap::new();
    for (old, path) in &ids.renamed {
        if !is_valid_id(old) {
            e.push(path.clone(), format!("`{old}` is not a valid goal id ({})", super::ID_RULE));
        } else if let Some((_, used)) = ids.all.get(old) {
            e.push_error(
                ValidationError::new(
                    path.clone(),
                    format!("`{old}` is still a goal of this plan; renamed_from names an id the plan no longer uses"),
                )
                .with_related(used.clone()),
            );
        } else if let Some(first) = renamed.insert(old, path) {
            e.push_error(ValidationError::new(path.clone(), format!("`{old}` is renamed twice")).with_related(first.clone()));
        }
    }
    table_columns(&plan.indicator_columns, FieldPath::root().key("indicator_columns"), e);
}

fn table_columns(columns: &[crate::TableColumn], path: FieldPath, e: &mut Errors) {
    let mut seen = BTreeMap::new();
    for (i, c) in columns.iter().enumerate() {
        let here = path.index(i).key("period");
        if let Some(first) = seen.insert(c.period, here.clone()) {
            e.push_error(ValidationError::new(here, format!("the period {} is shown twice", c.period)).with_related(first));
        }
    }
}

fn assessment_rule(plan: &Plan, e: &mut Errors) {
    let Some(rule) = &plan.assessment_rule else { return };
    let path = FieldPath::root().key("assessment_rule");
    if !(0.0..=1.0).contains(&rule.min_share_with_outcome) {
        e.push(path.key("min_share_with_outcome"), format!("`{}` is not a share between 0 and 1", rule.min_share_with_outcome));
    }
    if rule.thresholds.is_empty() {
        e.push(path.key("thresholds"), "give at least one threshold");
    }
    for (i, t) in rule.thresholds.iter().enumerate() {
        let path = path.key("thresholds").index(i);
        if !t.is_well_formed() {
            e.push(path.clone(), "give exactly one of at_least or above, a share between 0 and 1");
        }
        if plan.scale.rank(&t.level).is_none() {
            let levels = one_of(plan.scale.ordinal_levels().map(|l| l.key.as_str()));
            e.push(path.key("level"), format!("unknown level `{}`, expected one of the scale's evaluated levels {levels}", t.level));
        }
    }
}
