//! The rules of economic facts: line ids and the sums between lines, and one entry per id and year.

use std::collections::{BTreeMap, BTreeSet};

use super::{Errors, FieldPath, UniqueIds, ValidationError};
use crate::Plan;
use crate::economics::{EconomicFacts, EconomicLine};
use crate::org::OrgUnit;

/// Every broken rule of `facts`; empty when they are valid. Amounts are checked where they are read,
/// since a file gives them per line and period.
pub fn economic_facts(facts: &EconomicFacts) -> Vec<ValidationError> {
    let root = FieldPath::root();
    let mut e = Errors::default();
    let mut lines = UniqueIds::new("line");
    for (i, l) in facts.lines.iter().enumerate() {
        lines.check(&mut e, &l.id, root.key("lines").index(i).key("id"));
    }
    for (i, l) in facts.lines.iter().enumerate() {
        for (j, part) in l.sum_of.iter().enumerate() {
            let same_table = facts.lines.iter().any(|o| &o.id == part && o.table == l.table && o.id != l.id);
            if !same_table {
                e.push(root.key("lines").index(i).key("sum_of").index(j), format!("`{part}` is not another line of table {}", l.table));
            }
        }
    }
    if let Some((i, id)) = first_sum_cycle(&facts.lines) {
        e.push(root.key("lines").index(i).key("sum_of"), format!("`{id}` is computed from itself (a loop of sum_of)"));
    }
    let mut years = BTreeMap::new();
    for (i, q) in facts.equity.iter().enumerate() {
        let path = root.key("equity").index(i).key("year");
        if let Some(first) = years.insert(q.year, path.clone()) {
            e.push_error(ValidationError::new(path, format!("eget kapital for {} is given twice", q.year)).with_related(first));
        }
    }
    let twice = "is given twice for the same year";
    let mut ids = UniqueIds::new("investment");
    for (i, x) in facts.investments.iter().enumerate() {
        ids.check_key(&mut e, &x.id, format!("{} {}", x.year, x.id), root.key("investments").index(i).key("id"), twice);
    }
    let mut ids = UniqueIds::new("grant");
    for (i, x) in facts.grants.iter().enumerate() {
        ids.check_key(&mut e, &x.id, format!("{} {}", x.year, x.id), root.key("grants").index(i).key("id"), twice);
    }
    let mut ids = UniqueIds::new("targeted fund");
    for (i, x) in facts.targeted_funds.iter().enumerate() {
        ids.check_key(&mut e, &x.id, format!("{} {}", x.year, x.id), root.key("targeted_funds").index(i).key("id"), twice);
    }
    let mut ids = UniqueIds::new("volume");
    for (i, x) in facts.volumes.iter().enumerate() {
        let key = format!("{} {} {}", x.year, x.round, x.id);
        ids.check_key(&mut e, &x.id, key, root.key("volumes").index(i).key("id"), "is given twice for the same year and round");
    }
    let mut providers = BTreeSet::new();
    for (i, p) in facts.providers.iter().enumerate() {
        if !providers.insert((p.area.as_str(), p.service.as_str(), p.date)) {
            e.push(root.key("providers").index(i), format!("{} / {} on {} is given twice", p.area, p.service, p.date));
        }
    }
    let line_ids: BTreeSet<&str> = facts.lines.iter().map(|l| l.id.as_str()).collect();
    let mut notes = BTreeMap::new();
    for (i, n) in facts.notes.iter().enumerate() {
        let path = root.key("notes").index(i);
        if !line_ids.contains(n.line.as_str()) {
            e.push(path.key("line"), format!("no line with id `{}` in lines", n.line));
        }
        if n.forecast_deviation_percent.is_some_and(|p| !p.is_finite()) {
            e.push(path.key("forecast_deviation_percent"), "is not a number");
        }
        if let Some(first) = notes.insert((n.line.as_str(), n.year, n.round.as_str()), path.key("line")) {
            e.push_error(
                ValidationError::new(path.key("line"), format!("`{}` has two notes for {} {}", n.line, n.year, n.round))
                    .with_related(first),
            );
        }
    }
    let mut ids = UniqueIds::new("action");
    for (i, a) in facts.actions.iter().enumerate() {
        let path = root.key("actions").index(i);
        ids.check_key(&mut e, &a.id, format!("{} {}", a.year, a.id), path.key("id"), twice);
        if let Some(line) = a.line.as_deref().filter(|l| !line_ids.contains(l)) {
            e.push(path.key("line"), format!("no line with id `{line}` in lines"));
        }
        let mut rounds = BTreeSet::new();
        for (j, f) in a.followups.iter().enumerate() {
            if !rounds.insert(f.round.as_str()) {
                e.push(path.key("followups").index(j).key("round"), format!("round `{}` is given twice", f.round));
            }
        }
    }
    e.into_vec()
}

/// The references of `facts` to what the plans hold: organisation units, report rounds and goals
/// (nämndmål or KF-mål) of the plan of each item's year. An item of a year without a stored plan
/// cannot refer to any of them.
pub fn economic_references(facts: &EconomicFacts, plans: &[&Plan]) -> Vec<ValidationError> {
    let root = FieldPath::root();
    let mut e = Errors::default();
    let plan_of = |year: i32| plans.iter().find(|p| p.year == year).copied();
    let unit_ok = |year: i32, unit: &str| {
        // Lines hold no year: any stored plan's organisation will do.
        let known = |p: &Plan| OrgUnit::flatten(&p.organisation).iter().any(|(_, u)| u.id == unit);
        if year == 0 { plans.iter().any(|p| known(p)) } else { plan_of(year).is_some_and(known) }
    };
    let round_ok = |year: i32, round: &str| round.is_empty() || plan_of(year).is_some_and(|p| p.round(round).is_some());
    let goal_ok = |year: i32, goal: &str| plan_of(year).is_some_and(|p| p.goal_node(goal).is_some());
    let no_unit = |unit: &str, year: i32| match plan_of(year) {
        Some(_) => format!("no organisation unit `{unit}` in the plan for {year}"),
        None if year == 0 => format!("no organisation unit `{unit}` in any stored plan"),
        None => format!("no plan for {year} is stored, so organisation unit `{unit}` cannot be checked; import the plan first"),
    };
    let no_round = |round: &str, year: i32| match plan_of(year) {
        Some(p) => format!(
            "no round `{round}` in the plan for {year}; its rounds are {}",
            p.rounds.iter().map(|r| r.id.as_str()).collect::<Vec<_>>().join(", ")
        ),
        None => format!("no plan for {year} is stored, so round `{round}` cannot be checked; import the plan first"),
    };
    let unit = |e: &mut Errors, path: FieldPath, year: i32, u: Option<&str>| {
        if let Some(u) = u.filter(|u| !unit_ok(year, u)) {
            e.push(path, no_unit(u, year));
        }
    };
    for (i, l) in facts.lines.iter().enumerate() {
        unit(&mut e, root.key("lines").index(i).key("org_unit"), 0, l.org_unit.as_deref());
    }
    for (i, x) in facts.investments.iter().enumerate() {
        unit(&mut e, root.key("investments").index(i).key("org_unit"), x.year, x.org_unit.as_deref());
    }
    for (i, x) in facts.grants.iter().enumerate() {
        unit(&mut e, root.key("grants").index(i).key("org_unit"), x.year, x.org_unit.as_deref());
        if let Some(g) = x.goal.as_deref().filter(|g| !goal_ok(x.year, g)) {
            e.push(root.key("grants").index(i).key("goal"), format!("no goal `{g}` in the plan for {}", x.year));
        }
    }
    for (i, x) in facts.targeted_funds.iter().enumerate() {
        unit(&mut e, root.key("targeted_funds").index(i).key("org_unit"), x.year, x.org_unit.as_deref());
    }
    for (i, x) in facts.volumes.iter().enumerate() {
        unit(&mut e, root.key("volumes").index(i).key("org_unit"), x.year, x.org_unit.as_deref());
        if !round_ok(x.year, &x.round) {
            e.push(root.key("volumes").index(i).key("round"), no_round(&x.round, x.year));
        }
    }
    for (i, n) in facts.notes.iter().enumerate() {
        if !round_ok(n.year, &n.round) {
            e.push(root.key("notes").index(i).key("round"), no_round(&n.round, n.year));
        }
    }
    for (i, a) in facts.actions.iter().enumerate() {
        let path = root.key("actions").index(i);
        unit(&mut e, path.key("org_unit"), a.year, a.org_unit.as_deref());
        if let Some(g) = a.goal.as_deref().filter(|g| !goal_ok(a.year, g)) {
            e.push(path.key("goal"), format!("no goal `{g}` in the plan for {}", a.year));
        }
        for (j, f) in a.followups.iter().enumerate() {
            if !round_ok(a.year, &f.round) {
                e.push(path.key("followups").index(j).key("round"), no_round(&f.round, a.year));
            }
        }
    }
    e.into_vec()
}

/// The first line (index and id) whose `sum_of` leads back to itself.
fn first_sum_cycle(lines: &[EconomicLine]) -> Option<(usize, &str)> {
    fn reaches<'a>(lines: &'a [EconomicLine], from: &'a str, target: &str, seen: &mut BTreeSet<&'a str>) -> bool {
        let Some(line) = lines.iter().find(|l| l.id == from) else { return false };
        line.sum_of.iter().any(|part| part == target || (seen.insert(part.as_str()) && reaches(lines, part, target, seen)))
    }
    lines.iter().enumerate().find(|(_, l)| reaches(lines, &l.id, &l.id, &mut BTreeSet::new())).map(|(i, l)| (i, l.id.as_str()))
}
