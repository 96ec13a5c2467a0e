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
    let goal_ids: BTreeSet<&str> = plan.goals().map(|g| g.goal.id.as_str()).collect();
    let mut commissions = UniqueIds::new("uppdrag");
    for (i, u) in plan.commissions.iter().enumerate() {
        let path = root.key("commissions").index(i);
        commissions.check(&mut e, &u.id, path.key("id"));
        if let Some(g) = u.goal.as_deref().filter(|g| !goal_ids.contains(g)) {
            e.push(path.key("goal"), format!("no nämndmål with id `{g}` in the plan"));
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
    let mut keys = UniqueIds::new("scale level");
    for (i, l) in plan.scale.levels.iter().enumerate() {
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

fn goals(plan: &Plan, e: &mut Errors) {
    let (mut areas, mut kf_goals, mut goals, mut indicators) =
        (UniqueIds::new("målområde"), UniqueIds::new("KF-mål"), UniqueIds::new("nämndmål"), UniqueIds::new("indicator"));
    for (a, area) in plan.goal_areas.iter().enumerate() {
        let path = FieldPath::root().key("goal_areas").index(a);
        areas.check(e, &area.id, path.key("id"));
        for (k, kf) in area.kf_goals.iter().enumerate() {
            let path = path.key("kf_goals").index(k);
            kf_goals.check(e, &kf.id, path.key("id"));
            for (g, goal) in kf.goals.iter().enumerate() {
                let path = path.key("goals").index(g);
                goals.check(e, &goal.id, path.key("id"));
                let mut targets = BTreeMap::new();
                for (t, target) in goal.agenda2030.iter().enumerate() {
                    let here = path.key("agenda2030").index(t);
                    if let Some(first) = targets.insert(target.as_str(), here.clone()) {
                        e.push_error(ValidationError::new(here, format!("`{}` is listed twice", target.as_str())).with_related(first));
                    }
                }
                for (i, ind) in goal.indicators.iter().enumerate() {
                    let path = path.key("indicators").index(i);
                    indicators.check(e, &ind.id, path.key("id"));
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
