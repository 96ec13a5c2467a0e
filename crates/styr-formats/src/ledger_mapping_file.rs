//! The ledger mapping file (`format: styr-ledger-mapping/1`): account ranges to report rows and
//! cost centres to the organisation.

use serde::{Deserialize, Serialize};
use styr_domain::Plan;
use styr_domain::ledger_mapping::{CostCentreRule, LedgerMapping, MappedRow};

use crate::{FormatError, yaml};

pub const FORMAT: &str = "styr-ledger-mapping/1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    format: String,
    committee: String,
    #[serde(default = "one")]
    cost_centre_dimension: u32,
    rows: Vec<MappedRow>,
    #[serde(default)]
    cost_centres: Vec<CostCentreRule>,
}

fn one() -> u32 {
    1
}

/// The committee the mapping is for, and the mapping. Row ids must be unique, and each cost centre
/// rule must name a node of `plan`'s organisation when a plan is given.
pub fn parse(text: &str, file: &str, plan: Option<&Plan>) -> Result<(String, LedgerMapping), FormatError> {
    let d: Doc = yaml::from_str(text, file, FORMAT)?;
    let mapping = LedgerMapping { cost_centre_dimension: d.cost_centre_dimension, rows: d.rows, cost_centres: d.cost_centres };
    yaml::Locator { text, file }.first(styr_domain::validation::ledger_mapping(&mapping, plan))?;
    Ok((d.committee, mapping))
}

pub fn write(committee: &str, m: &LedgerMapping) -> String {
    yaml::to_string(&Doc {
        format: FORMAT.to_string(),
        committee: committee.to_string(),
        cost_centre_dimension: m.cost_centre_dimension,
        rows: m.rows.clone(),
        cost_centres: m.cost_centres.clone(),
    })
}
