//! The ledger mapping file (`format: styr-ledger-mapping/1`): account ranges to report rows and
//! cost centres to the organisation.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use styr_domain::ledger_mapping::{CostCentreRule, LedgerMapping, MappedRow};
use styr_domain::{OrgUnit, Plan};

use crate::error::line_of_entry;
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
    yaml::check_format(text, file, FORMAT)?;
    let d: Doc = yaml::from_str(text, file)?;
    let mut ids = BTreeSet::new();
    for (i, r) in d.rows.iter().enumerate() {
        if !styr_domain::is_valid_id(&r.id) || !ids.insert(r.id.as_str()) {
            return Err(FormatError::new(
                file,
                line_of_entry(text, "id", &r.id),
                format!("rows[{i}].id"),
                format!("`{}` is not a valid, unique row id", r.id),
            ));
        }
        if r.accounts.is_empty() {
            return Err(FormatError::new(
                file,
                line_of_entry(text, "id", &r.id),
                format!("rows[{i}].accounts"),
                "at least one account range",
            ));
        }
    }
    if let Some(plan) = plan {
        let units: BTreeSet<&str> = OrgUnit::flatten(&plan.organisation).into_iter().map(|(_, u)| u.id.as_str()).collect();
        for (i, c) in d.cost_centres.iter().enumerate() {
            if !units.contains(c.org_unit.as_str()) {
                return Err(FormatError::new(
                    file,
                    line_of_entry(text, "org_unit", &c.org_unit),
                    format!("cost_centres[{i}].org_unit"),
                    format!("no organisation unit `{}` in the plan", c.org_unit),
                ));
            }
        }
    }
    Ok((d.committee, LedgerMapping { cost_centre_dimension: d.cost_centre_dimension, rows: d.rows, cost_centres: d.cost_centres }))
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
