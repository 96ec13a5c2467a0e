//! How a ledger maps onto report rows and the organisation: account ranges of the chart of accounts
//! (Kommun-Bas) to rows of the driftredovisning, and cost centres to nodes of the organisation tree.

use serde::{Deserialize, Serialize};

use crate::{DomainError, invalid};

/// An inclusive range of codes compared as numbers when both ends are numeric (`"3000-3999"`),
/// else as strings; a single code (`"6110"`) is a range of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CodeRange {
    pub from: String,
    pub to: String,
}

impl CodeRange {
    pub fn contains(&self, code: &str) -> bool {
        match (self.from.parse::<u64>(), self.to.parse::<u64>(), code.parse::<u64>()) {
            (Ok(_), Ok(_), Ok(_)) if self.from.len() == self.to.len() && code.len() > self.from.len() => {
                // A longer account within the range's width: "3000-3999" also covers "31101".
                let w = self.from.len();
                code[..w] >= *self.from && code[..w] <= *self.to
            }
            (Ok(f), Ok(t), Ok(c)) => (f..=t).contains(&c),
            _ => code >= self.from.as_str() && code <= self.to.as_str(),
        }
    }
}

impl TryFrom<String> for CodeRange {
    type Error = DomainError;
    fn try_from(s: String) -> Result<Self, DomainError> {
        let (from, to) = match s.split_once('-') {
            Some((f, t)) => (f.trim().to_string(), t.trim().to_string()),
            None => (s.trim().to_string(), s.trim().to_string()),
        };
        let reversed = match (from.parse::<u64>(), to.parse::<u64>()) {
            (Ok(f), Ok(t)) => f > t,
            _ => from > to,
        };
        if from.is_empty() || to.is_empty() || reversed {
            return Err(invalid("code range", s, "a code such as 6110 or a range such as 3000-3999"));
        }
        Ok(CodeRange { from, to })
    }
}

impl From<CodeRange> for String {
    fn from(r: CodeRange) -> String {
        if r.from == r.to { r.from } else { format!("{}-{}", r.from, r.to) }
    }
}

/// A row of the driftredovisning and the accounts that feed it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappedRow {
    pub id: String,
    pub label: String,
    pub accounts: Vec<CodeRange>,
}

/// Cost centres that belong to a node of the organisation tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostCentreRule {
    pub codes: Vec<CodeRange>,
    pub org_unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerMapping {
    /// The SIE object dimension that holds cost centres (1 = Resultatenhet in SIE).
    #[serde(default = "one")]
    pub cost_centre_dimension: u32,
    /// Result rows in report order. Class 1–2 (balance sheet) accounts need no row.
    pub rows: Vec<MappedRow>,
    pub cost_centres: Vec<CostCentreRule>,
}

fn one() -> u32 {
    1
}

impl LedgerMapping {
    /// The row an account belongs to; the first matching row wins.
    pub fn row_for(&self, account: &str) -> Option<&MappedRow> {
        self.rows.iter().find(|r| r.accounts.iter().any(|a| a.contains(account)))
    }

    /// The organisation node a cost centre belongs to.
    pub fn org_unit_for(&self, cost_centre: &str) -> Option<&str> {
        self.cost_centres.iter().find(|c| c.codes.iter().any(|r| r.contains(cost_centre))).map(|c| c.org_unit.as_str())
    }

    /// Whether an account is a result account that must be mapped (classes 3–8 of Kommun-Bas).
    pub fn is_result_account(account: &str) -> bool {
        account.chars().next().is_some_and(|c| ('3'..='8').contains(&c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> CodeRange {
        CodeRange::try_from(s.to_string()).unwrap()
    }

    #[test]
    fn ranges_match_numerically_and_by_prefix() {
        assert!(r("3000-3999").contains("3110"));
        assert!(!r("3000-3999").contains("4010"));
        assert!(r("3000-3999").contains("31101"), "a longer account within the prefix range");
        assert!(r("6110").contains("6110"));
        assert!(!r("6110").contains("6111"));
        assert!(r("A10-A19").contains("A15"));
        assert!(CodeRange::try_from("3999-3000".to_string()).is_err());
        assert!(!r("1-99").contains("100") && !r("1-99").contains("1000") && r("1-99").contains("42"));
        assert!(r("5-12").contains("7") && r("5-12").contains("12") && !r("5-12").contains("13"));
        assert_eq!(String::from(r("5000-5999")), "5000-5999");
    }

    #[test]
    fn first_matching_row_wins() {
        let m = LedgerMapping {
            cost_centre_dimension: 1,
            rows: vec![
                MappedRow { id: "lokaler".into(), label: "Lokaler".into(), accounts: vec![r("6100-6199")] },
                MappedRow { id: "ovrigt".into(), label: "Övrigt".into(), accounts: vec![r("6000-7999")] },
            ],
            cost_centres: vec![CostCentreRule { codes: vec![r("100-199")], org_unit: "hemtjanst".into() }],
        };
        assert_eq!(m.row_for("6110").unwrap().id, "lokaler");
        assert_eq!(m.row_for("6210").unwrap().id, "ovrigt");
        assert!(m.row_for("2440").is_none());
        assert_eq!(m.org_unit_for("150"), Some("hemtjanst"));
        assert_eq!(m.org_unit_for("250"), None);
    }
}
