//! Signal scales for goal assessments, configured per municipality.

use serde::{Deserialize, Serialize};

/// One level of a signal scale, e.g. "I hög grad uppfyllt" shown in light green.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleLevel {
    pub key: String,
    pub label: String,
    /// CSS colour of the signal, e.g. `#1a9641`.
    pub color: String,
    /// `false` for a level outside the ordinal scale such as "Ej utvärderad".
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub evaluated: bool,
}

fn yes() -> bool {
    true
}
fn is_true(b: &bool) -> bool {
    *b
}

/// The levels are ordered from worst to best; levels with `evaluated: false` stand outside that order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalScale {
    pub id: String,
    pub name: String,
    pub levels: Vec<ScaleLevel>,
}

impl SignalScale {
    pub fn level(&self, key: &str) -> Option<&ScaleLevel> {
        self.levels.iter().find(|l| l.key == key)
    }

    /// The evaluated levels, worst first.
    pub fn ordinal_levels(&self) -> impl Iterator<Item = &ScaleLevel> {
        self.levels.iter().filter(|l| l.evaluated)
    }

    /// Position of a level on the ordinal scale (0 = worst); `None` for "Ej utvärderad" or unknown keys.
    pub fn rank(&self, key: &str) -> Option<usize> {
        self.ordinal_levels().position(|l| l.key == key)
    }

    /// The level that means "not evaluated", if the scale has one.
    pub fn not_evaluated(&self) -> Option<&ScaleLevel> {
        self.levels.iter().find(|l| !l.evaluated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn five_level() -> SignalScale {
        let l = |key: &str, label: &str, evaluated| ScaleLevel { key: key.into(), label: label.into(), color: "#000".into(), evaluated };
        SignalScale {
            id: "s".into(),
            name: "Måluppfyllelse".into(),
            levels: vec![
                l("ej", "Ej uppfyllt", true),
                l("delvis", "Delvis uppfyllt", true),
                l("hog", "I hög grad uppfyllt", true),
                l("helt", "Helt uppfyllt", true),
                l("ej_utv", "Ej utvärderad", false),
            ],
        }
    }

    #[test]
    fn ranks_skip_not_evaluated() {
        let s = five_level();
        assert_eq!(s.rank("ej"), Some(0));
        assert_eq!(s.rank("helt"), Some(3));
        assert_eq!(s.rank("ej_utv"), None);
        assert_eq!(s.not_evaluated().unwrap().label, "Ej utvärderad");
        assert_eq!(s.ordinal_levels().count(), 4);
    }
}
