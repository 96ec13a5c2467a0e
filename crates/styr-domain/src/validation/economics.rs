//! The rules of economic facts: line ids and the sums between lines, and one entry per id and year.

use std::collections::{BTreeMap, BTreeSet};

use super::{Errors, FieldPath, UniqueIds, ValidationError};
use crate::economics::{EconomicFacts, EconomicLine};

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
