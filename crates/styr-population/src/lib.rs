//! Population data for styr's forecasts.
//!
//! - [`jsonstat`]: JSON-stat 2.0 datasets as SCB's PxWebApi v2 returns them (TAB638 folkmängd,
//!   TAB698 projections), decoded into [`Record`]s.
//! - [`csvfile`]: a commissioned projection (SCB, Statisticon …) as CSV `region;år;ålder;kön;antal`.
//! - [`pxweb`]: the HTTP client for PxWebApi v2 (base URL from configuration; blocking ureq).
//!
//! Every error names where the input is wrong: file, row and column, or the JSON-stat dimension.

pub mod csvfile;
pub mod jsonstat;
pub mod pxweb;
pub mod xlsxfile;

use styr_forecast::{Population, Sex};

/// One population count: a region (municipality code), year, single age (100 = 100+), sex.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub region: String,
    pub year: i32,
    pub age: u8,
    pub sex: Sex,
    pub persons: f64,
}

/// The population of `region` from `records` (other regions are left out).
pub fn population_of(records: &[Record], region: &str) -> Population {
    let mut p = Population::default();
    for r in records.iter().filter(|r| r.region == region) {
        p.add(r.year, r.sex, r.age, r.persons);
    }
    p
}

/// An age as SCB codes it: `0`…`99`, `100+`; also `100` and `-1` style is refused.
pub(crate) fn parse_age(s: &str) -> Option<u8> {
    let t = s.trim().trim_end_matches('+').trim_end_matches(" år");
    t.parse::<u8>().ok().filter(|a| *a <= 120).map(|a| a.min(styr_forecast::population::MAX_AGE))
}
