//! The ledger of one committee indexed for report questions: sums per row, node, measure and months.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use styr_domain::economics::{LedgerAmount, Measure};
use styr_domain::ledger_mapping::LedgerMapping;
use styr_domain::org::OrgUnit;
use styr_domain::{Amount, AmountError};

/// Amounts summed per (year, month, report row, org unit, measure), in report sign (revenue positive).
pub struct LedgerView<'a> {
    mapping: &'a LedgerMapping,
    /// org unit id → itself and every descendant
    subtree: HashMap<String, BTreeSet<String>>,
    cells: HashMap<(i32, u32, usize, String, Measure), Amount>,
    /// Outcome amounts per (year, account) of result accounts that no row maps, and per
    /// (year, cost centre) of cost centres that no rule maps (SIE sign).
    pub unmapped_accounts: BTreeMap<(i32, String), Amount>,
    pub unmapped_cost_centres: BTreeMap<(i32, String), Amount>,
}

impl<'a> LedgerView<'a> {
    /// Indexes `ledger`; [`AmountError::Overflow`] (naming the cell) when the amounts of one cell do
    /// not add up within `i64` öre.
    pub fn new(mapping: &'a LedgerMapping, organisation: &[OrgUnit], ledger: &[LedgerAmount]) -> Result<LedgerView<'a>, AmountError> {
        let mut subtree: HashMap<String, BTreeSet<String>> = HashMap::new();
        fn collect(u: &OrgUnit, out: &mut HashMap<String, BTreeSet<String>>) -> BTreeSet<String> {
            let mut ids: BTreeSet<String> = [u.id.clone()].into();
            for c in &u.children {
                ids.extend(collect(c, out));
            }
            out.insert(u.id.clone(), ids.clone());
            ids
        }
        for root in organisation {
            collect(root, &mut subtree);
        }
        let row_index: HashMap<&str, usize> = mapping.rows.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
        let mut row_of_account: HashMap<&str, Option<usize>> = HashMap::new();
        let mut unit_of_centre: HashMap<&str, Option<&str>> = HashMap::new();
        let mut cells: HashMap<(i32, u32, usize, String, Measure), Amount> = HashMap::new();
        let mut unmapped_accounts = BTreeMap::new();
        let mut unmapped_cost_centres = BTreeMap::new();
        for a in ledger {
            let row =
                *row_of_account.entry(a.account.as_str()).or_insert_with(|| mapping.row_for(&a.account).map(|r| row_index[r.id.as_str()]));
            let Some(row) = row else {
                if LedgerMapping::is_result_account(&a.account) && a.measure == Measure::Outcome {
                    let e = unmapped_accounts.entry((a.year, a.account.clone())).or_insert(Amount::ZERO);
                    *e = e.try_add(a.amount).map_err(|e| e.in_computing(format!("the {} outcome of account {}", a.year, a.account)))?;
                }
                continue;
            };
            let unit = *unit_of_centre.entry(a.cost_centre.as_str()).or_insert_with(|| mapping.org_unit_for(&a.cost_centre));
            let Some(unit) = unit else {
                if a.measure == Measure::Outcome {
                    let e = unmapped_cost_centres.entry((a.year, a.cost_centre.clone())).or_insert(Amount::ZERO);
                    *e = e
                        .try_add(a.amount)
                        .map_err(|e| e.in_computing(format!("the {} outcome of cost centre {}", a.year, a.cost_centre)))?;
                }
                continue;
            };
            let e = cells.entry((a.year, a.month, row, unit.to_string(), a.measure)).or_insert(Amount::ZERO);
            // SIE sign → report sign
            *e = e.try_sub(a.amount).map_err(|e| {
                e.in_computing(format!(
                    "the {} of row {} for {}-{:02}, node {unit}",
                    a.measure.as_str(),
                    mapping.rows[row].id,
                    a.year,
                    a.month
                ))
            })?;
        }
        Ok(LedgerView { mapping, subtree, cells, unmapped_accounts, unmapped_cost_centres })
    }

    pub fn mapping(&self) -> &LedgerMapping {
        self.mapping
    }

    /// Every node id under (and including) `node`.
    pub fn units_under(&self, node: &str) -> Option<&BTreeSet<String>> {
        self.subtree.get(node)
    }

    /// Sum for a row (by index), a node and its subtree, a measure, months `1..=through` of `year`;
    /// [`AmountError::Overflow`] (naming the sum) when it does not fit.
    pub fn sum(&self, year: i32, through: u32, row: usize, node: &str, measure: Measure) -> Result<Amount, AmountError> {
        let Some(units) = self.subtree.get(node) else { return Ok(Amount::ZERO) };
        Amount::try_sum(
            units
                .iter()
                .flat_map(|u| (1..=through).map(move |m| (m, u)))
                .filter_map(|(m, u)| self.cells.get(&(year, m, row, u.clone(), measure)).copied()),
        )
        .map_err(|e| e.in_computing(self.what(year, 1, through, row, node, measure)))
    }

    /// Sum for one month only.
    pub fn month(&self, year: i32, month: u32, row: usize, node: &str, measure: Measure) -> Result<Amount, AmountError> {
        let Some(units) = self.subtree.get(node) else { return Ok(Amount::ZERO) };
        Amount::try_sum(units.iter().filter_map(|u| self.cells.get(&(year, month, row, u.clone(), measure)).copied()))
            .map_err(|e| e.in_computing(self.what(year, month, month, row, node, measure)))
    }

    /// "the outcome of row personal for 2025-01..2025-08 under node aldre", for error messages.
    fn what(&self, year: i32, from: u32, through: u32, row: usize, node: &str, measure: Measure) -> String {
        let row = self.mapping.rows.get(row).map(|r| r.id.as_str()).unwrap_or("?");
        format!("the {} of row {row} for {year}-{from:02}..{year}-{through:02} under node {node}", measure.as_str())
    }

    /// Whether the ledger has any outcome for `year`.
    pub fn has_year(&self, year: i32) -> bool {
        self.cells.keys().any(|(y, _, _, _, m)| *y == year && *m == Measure::Outcome)
    }
}
