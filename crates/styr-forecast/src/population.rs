//! A population by year, single year of age (0–100, where 100 stands for 100 and older) and sex.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ForecastError;

/// The oldest age kept on its own; older persons are counted at this age ("100+").
pub const MAX_AGE: u8 = 100;
const AGES: usize = MAX_AGE as usize + 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Sex {
    #[serde(rename = "m")]
    Male,
    #[serde(rename = "k")]
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "m",
            Sex::Female => "k",
        }
    }
    /// `m`/`män`/`1` (SCB's code for men) or `k`/`kvinnor`/`2`.
    pub fn parse(s: &str) -> Option<Sex> {
        match s.trim().to_lowercase().as_str() {
            "m" | "man" | "män" | "1" => Some(Sex::Male),
            "k" | "kvinna" | "kvinnor" | "2" => Some(Sex::Female),
            _ => None,
        }
    }
    fn index(self) -> usize {
        match self {
            Sex::Male => 0,
            Sex::Female => 1,
        }
    }
}

/// Ages `from` to `to` inclusive; `to = None` is "and older".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AgeBand {
    from: u8,
    to: Option<u8>,
}

impl AgeBand {
    pub fn new(from: u8, to: Option<u8>) -> Result<AgeBand, ForecastError> {
        let valid = from <= MAX_AGE && to.is_none_or(|t| t >= from && t <= MAX_AGE);
        if valid {
            Ok(AgeBand { from, to })
        } else {
            Err(ForecastError::AgeBand(format!("{from}-{}", to.map(|t| t.to_string()).unwrap_or_default())))
        }
    }
    /// `65-79`, `80-` (80 and older), `80+`, or a single age `18`.
    pub fn parse(s: &str) -> Result<AgeBand, ForecastError> {
        let bad = || ForecastError::AgeBand(s.to_string());
        let t = s.trim().trim_end_matches(" år");
        let age = |x: &str| x.trim().parse::<u8>().map_err(|_| bad());
        let band = if let Some(from) = t.strip_suffix('+').or_else(|| t.strip_suffix('-')) {
            AgeBand::new(age(from)?, None)
        } else if let Some((a, b)) = t.split_once(['-', '–']) {
            AgeBand::new(age(a)?, Some(age(b)?))
        } else {
            let a = age(t)?;
            AgeBand::new(a, Some(a))
        };
        band.map_err(|_| bad())
    }
    pub fn from(self) -> u8 {
        self.from
    }
    pub fn to(self) -> Option<u8> {
        self.to
    }
    fn last(self) -> u8 {
        self.to.unwrap_or(MAX_AGE)
    }
    pub fn contains(self, age: u8) -> bool {
        age >= self.from && age <= self.last()
    }
    /// As people read it: `65–79 år`, `80+ år`.
    pub fn label(self) -> String {
        match self.to {
            None => format!("{}+ år", self.from),
            Some(t) if t == self.from => format!("{t} år"),
            Some(t) => format!("{}–{t} år", self.from),
        }
    }
}

impl fmt::Display for AgeBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.to {
            None => write!(f, "{}-", self.from),
            Some(t) => write!(f, "{}-{t}", self.from),
        }
    }
}

impl TryFrom<String> for AgeBand {
    type Error = ForecastError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        AgeBand::parse(&s)
    }
}

impl From<AgeBand> for String {
    fn from(b: AgeBand) -> String {
        b.to_string()
    }
}

/// One year's population by sex and single age.
#[derive(Debug, Clone, PartialEq)]
pub struct Pyramid {
    counts: [[f64; AGES]; 2],
}

impl Default for Pyramid {
    fn default() -> Self {
        Pyramid { counts: [[0.0; AGES]; 2] }
    }
}

impl Pyramid {
    /// Adds `persons` at `age` (ages above 100 count as 100+).
    pub fn add(&mut self, sex: Sex, age: u8, persons: f64) {
        self.counts[sex.index()][usize::from(age.min(MAX_AGE))] += persons;
    }
    pub fn get(&self, sex: Sex, age: u8) -> f64 {
        self.counts[sex.index()][usize::from(age.min(MAX_AGE))]
    }
    /// Both sexes in the band.
    pub fn total(&self, band: AgeBand) -> f64 {
        let r = usize::from(band.from)..=usize::from(band.last());
        self.counts[0][r.clone()].iter().sum::<f64>() + self.counts[1][r].iter().sum::<f64>()
    }
}

/// A municipality's population over years, observed or projected.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Population {
    years: BTreeMap<i32, Pyramid>,
}

impl Population {
    pub fn add(&mut self, year: i32, sex: Sex, age: u8, persons: f64) {
        self.years.entry(year).or_default().add(sex, age, persons);
    }
    pub fn insert(&mut self, year: i32, pyramid: Pyramid) {
        self.years.insert(year, pyramid);
    }
    pub fn year(&self, year: i32) -> Option<&Pyramid> {
        self.years.get(&year)
    }
    /// The persons in `band` in `year`; `None` when the year is missing (never 0).
    pub fn band_total(&self, year: i32, band: AgeBand) -> Option<f64> {
        self.years.get(&year).map(|p| p.total(band))
    }
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }
    pub fn is_empty(&self) -> bool {
        self.years.is_empty()
    }
    /// Adds the years of `other` this one lacks (an observed series completed by a projection).
    pub fn fill_from(&mut self, other: &Population) {
        for (y, p) in &other.years {
            self.years.entry(*y).or_insert_with(|| p.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_parse_and_print() {
        assert_eq!(AgeBand::parse("65-79").unwrap().label(), "65–79 år");
        assert_eq!(AgeBand::parse("80-").unwrap().label(), "80+ år");
        assert_eq!(AgeBand::parse("80+").unwrap().to_string(), "80-");
        assert_eq!(AgeBand::parse("18").unwrap().label(), "18 år");
        for bad in ["79-65", "a-b", "101-", "", "-5"] {
            assert!(AgeBand::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn band_totals_count_both_sexes_and_the_open_end() {
        let mut p = Population::default();
        p.add(2024, Sex::Male, 80, 10.0);
        p.add(2024, Sex::Female, 85, 15.0);
        p.add(2024, Sex::Female, 104, 2.0); // counted as 100+
        p.add(2024, Sex::Male, 79, 7.0);
        assert_eq!(p.band_total(2024, AgeBand::parse("80-").unwrap()), Some(27.0));
        assert_eq!(p.band_total(2024, AgeBand::parse("65-79").unwrap()), Some(7.0));
        assert_eq!(p.band_total(2025, AgeBand::parse("80-").unwrap()), None);
    }
}
