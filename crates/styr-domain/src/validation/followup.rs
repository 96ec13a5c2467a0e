//! The rules of a follow-up: everything it names must be in the plan it reports on, once.

use std::collections::{BTreeMap, BTreeSet};

use super::{Errors, FieldPath, UniqueIds, ValidationError, one_of};
use crate::{FollowUp, FootnoteTarget, Plan};

/// Every broken rule of `f` checked against `plan`; empty when it is valid.
pub fn followup(f: &FollowUp, plan: &Plan) -> Vec<ValidationError> {
    let root = FieldPath::root();
    let mut e = Errors::default();
    if f.committee != plan.committee.id && f.committee != plan.committee_key() {
        e.push(root.key("committee"), format!("`{}` is not this plan's committee `{}`", f.committee, plan.committee_key()));
    }
    if plan.round(&f.round).is_none() {
        let rounds = one_of(plan.rounds.iter().map(|r| r.id.as_str()));
        e.push(root.key("round"), format!("unknown round `{}`, expected one of the plan's rounds {rounds}", f.round));
    }
    let goals: BTreeSet<&str> = plan.goal_nodes().into_iter().map(|g| g.id).collect();
    let mut assessed: BTreeMap<&str, FieldPath> = BTreeMap::new();
    for (i, a) in f.assessments.iter().enumerate() {
        let path = root.key("assessments").index(i);
        if !goals.contains(a.goal.as_str()) {
            e.push(path.key("goal"), format!("no goal (målområde, KF-mål or nämndmål) with id `{}` in the plan", a.goal));
        } else if let Some(first) = assessed.insert(&a.goal, path.key("goal")) {
            e.push_error(ValidationError::new(path.key("goal"), format!("`{}` is assessed twice", a.goal)).with_related(first));
        }
        if let Some(level) = a.level.as_deref().filter(|l| plan.scale.level(l).is_none()) {
            let keys = one_of(plan.scale.levels.iter().map(|l| l.key.as_str()));
            e.push(path.key("level"), format!("unknown level `{level}`, expected one of {keys}"));
        }
    }
    let indicators: BTreeSet<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
    let mut judged = UniqueIds::new("indicator");
    for (i, j) in f.indicators.iter().enumerate() {
        let path = root.key("indicators").index(i);
        if indicators.contains(j.indicator.as_str()) {
            judged.check_key(&mut e, &j.indicator, j.indicator.clone(), path.key("indicator"), "is followed up twice");
        } else {
            e.push(path.key("indicator"), format!("no indicator with id `{}` in the plan", j.indicator));
        }
        if let Some(key) = &j.judgement {
            match &plan.indicator_scale {
                None => e.push(path.key("judgement"), "the plan has no indicator_scale to judge indicators on"),
                Some(s) if s.level(key).is_none() => {
                    let keys = one_of(s.levels.iter().map(|l| l.key.as_str()));
                    e.push(path.key("judgement"), format!("unknown level `{key}`, expected one of the indicator scale's {keys}"));
                }
                Some(_) => {}
            }
        }
    }
    let in_plan = |ids: &mut dyn Iterator<Item = &str>| ids.map(str::to_string).collect::<BTreeSet<String>>();
    let lists: [(&str, &str, BTreeSet<String>, Vec<&str>); 3] = [
        (
            "commissions",
            "uppdrag",
            in_plan(&mut plan.commissions.iter().map(|u| u.id.as_str())),
            f.commissions.iter().map(|u| u.id.as_str()).collect(),
        ),
        ("risks", "risk", in_plan(&mut plan.risks.iter().map(|r| r.id.as_str())), f.risks.iter().map(|r| r.id.as_str()).collect()),
        (
            "controls",
            "control point",
            in_plan(&mut plan.control_points.iter().map(|c| c.id.as_str())),
            f.controls.iter().map(|c| c.id.as_str()).collect(),
        ),
    ];
    for (field, kind, known, ids) in lists {
        let mut unique = UniqueIds::new(kind);
        for (i, id) in ids.into_iter().enumerate() {
            let path = root.key(field).index(i).key("id");
            if known.contains(id) {
                unique.check(&mut e, id, path);
            } else {
                e.push(path, format!("no {kind} with id `{id}` in the plan"));
            }
        }
    }
    report_parts(f, plan, &mut e);
    e.into_vec()
}

/// Control results on the scale, sections on known nodes, footnotes on known things.
fn report_parts(f: &FollowUp, plan: &Plan, e: &mut Errors) {
    let root = FieldPath::root();
    for (i, c) in f.controls.iter().enumerate() {
        if let Some(level) = c.level.as_deref().filter(|l| plan.scale.level(l).is_none()) {
            let keys = one_of(plan.scale.levels.iter().map(|l| l.key.as_str()));
            e.push(root.key("controls").index(i).key("level"), format!("unknown level `{level}`, expected one of {keys}"));
        }
        for (j, fig) in c.figures.iter().enumerate().filter(|(_, fig)| !fig.value.is_finite()) {
            e.push(root.key("controls").index(i).key("figures").index(j).key("value"), format!("`{}` is not a number", fig.value));
        }
    }
    let units: BTreeSet<&str> = crate::OrgUnit::flatten(&plan.organisation).into_iter().map(|(_, u)| u.id.as_str()).collect();
    let mut sections = UniqueIds::new("section");
    for (i, s) in f.sections.iter().enumerate() {
        let path = root.key("sections").index(i);
        sections.check(e, &s.id, path.key("id"));
        if let Some(u) = s.org_unit.as_deref().filter(|u| !units.contains(u)) {
            e.push(path.key("org_unit"), format!("no organisation unit with id `{u}` in the plan"));
        }
        if s.title.trim().is_empty() {
            e.push(path.key("title"), "a section needs a title".to_string());
        }
    }
    let section_ids: BTreeSet<&str> = f.sections.iter().map(|s| s.id.as_str()).collect();
    let indicators: BTreeSet<&str> = plan.indicators().map(|(_, i)| i.id.as_str()).collect();
    let key_figures: BTreeSet<&str> = plan.key_figures.iter().flat_map(|t| t.rows.iter().map(|r| r.id.as_str())).collect();
    let mut footnotes = UniqueIds::new("footnote");
    for (i, n) in f.footnotes.iter().enumerate() {
        let path = root.key("footnotes").index(i);
        footnotes.check(e, &n.id, path.key("id"));
        let (known, what) = match &n.on {
            FootnoteTarget::Indicator(_) => (&indicators, "indicator"),
            FootnoteTarget::KeyFigure(_) => (&key_figures, "key figure"),
            FootnoteTarget::Section(_) => (&section_ids, "section in this file"),
            // Economics lines are not part of the plan: checked by `footnote_econ_lines`.
            FootnoteTarget::EconLine(_) => continue,
        };
        if !known.contains(n.on.id()) {
            e.push(path.key("on").key(n.on.kind()), format!("no {what} with id `{}`", n.on.id()));
        }
    }
}

/// Footnotes on economics rows whose line is not among `lines` (the committee's stored economics
/// lines).
pub fn footnote_econ_lines(f: &FollowUp, lines: &BTreeSet<String>) -> Vec<ValidationError> {
    let mut e = Errors::default();
    for (i, n) in f.footnotes.iter().enumerate() {
        if let FootnoteTarget::EconLine(id) = &n.on
            && !lines.contains(id)
        {
            e.push(
                FieldPath::root().key("footnotes").index(i).key("on").key("econ_line"),
                format!("no economics line with id `{id}`; import the economics facts first"),
            );
        }
    }
    e.into_vec()
}
