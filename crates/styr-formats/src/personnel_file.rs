//! The personnel file (`format: styr-personnel/1`).

use serde::{Deserialize, Serialize};
use styr_domain::personnel::{PersonnelFacts, PersonnelStat};

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
    let d: Doc = yaml::from_str(text, file, FORMAT)?;
    let facts = PersonnelFacts { stats: d.stats };
    yaml::Locator { text, file }.first(styr_domain::validation::personnel_facts(&facts))?;
    Ok((d.committee, facts))
}

pub fn write(committee: &str, facts: &PersonnelFacts) -> String {
    yaml::to_string(&Doc { format: FORMAT.to_string(), committee: committee.to_string(), stats: facts.stats.clone() })
}

/// Checks every statistic's `org_unit` against the organisation of the committee's plans (node ids
/// per plan year), with the line and field of the first unknown one.
pub fn check_org_units(
    text: &str,
    file: &str,
    facts: &PersonnelFacts,
    units: &std::collections::BTreeMap<i32, std::collections::BTreeSet<String>>,
) -> Result<(), FormatError> {
    yaml::Locator { text, file }.first(styr_domain::validation::personnel_org_units(facts, units))
}
