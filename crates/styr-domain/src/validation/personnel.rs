//! The rules of personnel statistics: bands that read as ranges, values that are numbers.

use super::{Errors, FieldPath, ValidationError};
use crate::personnel::{PersonnelFacts, is_valid_band};

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
        if !s.value.is_finite() {
            e.push(path.key("value"), format!("`{}` is not a number", s.value));
        }
    }
    e.into_vec()
}
