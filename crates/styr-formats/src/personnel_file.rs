//! The personnel file (`format: styr-personnel/1`).

use serde::{Deserialize, Serialize};
use styr_domain::personnel::{PersonnelFacts, PersonnelStat, is_valid_band};

use crate::{FormatError, yaml};

pub const FORMAT: &str = "styr-personnel/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    committee: String,
    #[serde(default)]
    stats: Vec<PersonnelStat>,
}

/// The committee id the file is for, and its statistics.
pub fn parse(text: &str, file: &str) -> Result<(String, PersonnelFacts), FormatError> {
    yaml::check_format(text, file, FORMAT)?;
    let d: Doc = yaml::from_str(text, file)?;
    for (i, s) in d.stats.iter().enumerate() {
        for (name, band) in [("age_band", &s.age_band), ("length", &s.length)] {
            if let Some(b) = band.as_deref().filter(|b| !is_valid_band(b)) {
                return Err(FormatError::new(
                    file,
                    crate::error::line_of(text, b, 1),
                    format!("stats[{i}].{name}"),
                    format!("`{b}` is not a band such as \"30-49\", \"-29\" or \"50-\""),
                ));
            }
        }
        if !s.value.is_finite() {
            return Err(FormatError::new(file, None, format!("stats[{i}].value"), "not a number"));
        }
    }
    Ok((d.committee, PersonnelFacts { stats: d.stats }))
}

pub fn write(committee: &str, facts: &PersonnelFacts) -> String {
    yaml::to_string(&Doc { format: FORMAT.to_string(), committee: committee.to_string(), stats: facts.stats.clone() })
}
