//! Nyckeltal: tables of key figures with yearly outcomes and no targets.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::indicator::Unit;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigure {
    pub id: String,
    pub title: String,
    pub unit: Unit,
    #[serde(default)]
    pub decimals: u8,
    /// Outcome per year; a year left out shows no value.
    #[serde(default)]
    pub values: BTreeMap<i32, f64>,
}

/// A group of key figures shown as one table, e.g. "Vårdboende".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFigureTable {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub rows: Vec<KeyFigure>,
}

impl KeyFigureTable {
    /// The years any row has a value for, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.rows.iter().flat_map(|r| r.values.keys().copied()).collect();
        years.sort_unstable();
        years.dedup();
        years
    }
}
