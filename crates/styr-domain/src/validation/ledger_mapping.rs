//! The rules of a ledger mapping: unique row ids, rows with accounts, cost centres on known units.

use std::collections::BTreeSet;

use super::{Errors, FieldPath, UniqueIds, ValidationError};
use crate::ledger_mapping::LedgerMapping;
use crate::{OrgUnit, Plan};

/// Every broken rule of `mapping`; cost centres are checked against `plan`'s organisation when a
/// plan is given. Empty when it is valid.
pub fn ledger_mapping(mapping: &LedgerMapping, plan: Option<&Plan>) -> Vec<ValidationError> {
    let root = FieldPath::root();
    let mut e = Errors::default();
    let mut ids = UniqueIds::new("row");
    for (i, r) in mapping.rows.iter().enumerate() {
        let path = root.key("rows").index(i);
        ids.check(&mut e, &r.id, path.key("id"));
        if r.accounts.is_empty() {
            e.push(path.key("accounts"), "give at least one account range");
        }
    }
    if let Some(plan) = plan {
        let units: BTreeSet<&str> = OrgUnit::flatten(&plan.organisation).into_iter().map(|(_, u)| u.id.as_str()).collect();
        for (i, c) in mapping.cost_centres.iter().enumerate() {
            if !units.contains(c.org_unit.as_str()) {
                e.push(root.key("cost_centres").index(i).key("org_unit"), format!("no organisation unit `{}` in the plan", c.org_unit));
            }
        }
    }
    e.into_vec()
}
