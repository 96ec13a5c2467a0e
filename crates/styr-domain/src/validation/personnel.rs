//! The rules of personnel statistics: bands that read as ranges, values that are numbers.

use super::{Errors, FieldPath, ValidationError};
use crate::personnel::{PersonnelFacts, PersonnelMeasure, Window, is_valid_band};

/// Every broken rule of `facts`; empty when they are valid.
pub fn personnel_facts(facts: &PersonnelFacts) -> Vec<ValidationError> {
    let mut e = Errors::default();
    for (i, s) in facts.stats.iter().enumerate() {
        let path = FieldPath::root().key("stats").index(i);
        for (name, band) in [("age_band", &s.age_band), ("length", &s.length)] {
            if let Some(b) = band.as_deref().filter(|b| !is_valid_band(b)) {
                e.push(path.key(name), format!("`{b}` is not a band such as \"30-49\", \"-29\" or \"50-\""));
            }
        }
        match (s.window, s.from) {
            (Window::Range, None) => e.push(path.key("window"), "a range needs `from`, its first day".to_string()),
            (Window::Range, Some(f)) if f > s.date => e.push(path.key("from"), format!("{f} is after the range's end {}", s.date)),
            (w, Some(_)) if w != Window::Range => e.push(path.key("from"), "`from` is only for `window: range`".to_string()),
            _ => {}
        }
        if s.measure == PersonnelMeasure::Count && s.label.as_deref().is_none_or(|l| l.trim().is_empty()) {
            e.push(path.key("label"), "a `count` needs a `label` that says what is counted".to_string());
        }
        if !s.value.is_finite() {
            e.push(path.key("value"), format!("`{}` is not a number", s.value));
        }
    }
    e.into_vec()
}

/// Statistics whose `org_unit` is not a node of the committee's organisation: `units` holds the
/// node ids of each year's plan; a statistic of a year without a plan is checked against the nodes
/// of every plan given.
pub fn personnel_org_units(
    facts: &PersonnelFacts,
    units: &std::collections::BTreeMap<i32, std::collections::BTreeSet<String>>,
) -> Vec<ValidationError> {
    use chrono::Datelike;
    let mut e = Errors::default();
    let any: std::collections::BTreeSet<&String> = units.values().flatten().collect();
    for (i, s) in facts.stats.iter().enumerate() {
        let Some(unit) = &s.org_unit else { continue };
        let known = match units.get(&s.date.year()) {
            Some(year) => year.contains(unit),
            None => any.contains(unit),
        };
        if !known {
            e.push(
                FieldPath::root().key("stats").index(i).key("org_unit"),
                format!("no organisation unit with id `{unit}` in the committee's plan"),
            );
        }
    }
    e.into_vec()
}
