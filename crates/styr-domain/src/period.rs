//! Budget years, report periods and report rounds.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{DomainError, invalid};

/// The period an outcome or amount refers to: a whole year (`2023`) or a year to date
/// through a month (`2023-08` = January–August 2023).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    YearToDate { year: i32, month: u32 },
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y) | Period::YearToDate { year: y, .. } => y,
        }
    }
    /// The last month the period covers (12 for a whole year).
    pub fn last_month(self) -> u32 {
        match self {
            Period::Year(_) => 12,
            Period::YearToDate { month, .. } => month,
        }
    }
    pub fn is_full_year(self) -> bool {
        matches!(self, Period::Year(_)) || self.last_month() == 12
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::YearToDate { year, month } => write!(f, "{year}-{month:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        let bad = || invalid("period", s, "a year such as 2023 or a year and month such as 2023-08");
        let s = s.trim();
        match s.split_once('-') {
            None => {
                let year: i32 = s.parse().map_err(|_| bad())?;
                (1900..=2200).contains(&year).then_some(Period::Year(year)).ok_or_else(bad)
            }
            Some((y, m)) => {
                let year: i32 = y.parse().map_err(|_| bad())?;
                let month: u32 = m.parse().map_err(|_| bad())?;
                if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) || m.len() != 2 {
                    return Err(bad());
                }
                Ok(Period::YearToDate { year, month })
            }
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period such as 2023 or 2023-08")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Period, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Period, E> {
                v.to_string().parse().map_err(E::custom)
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Period, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// What kind of report a round produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundKind {
    /// The verksamhetsplan / mål och ekonomi that opens the year.
    #[serde(rename = "plan")]
    Plan,
    /// Delårsrapport / delårsbokslut (per 30 April, 31 August, tertial …).
    #[serde(rename = "delår")]
    Interim,
    /// Årsbokslut / verksamhetsberättelse.
    #[serde(rename = "helår")]
    Annual,
}

impl RoundKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RoundKind::Plan => "plan",
            RoundKind::Interim => "delår",
            RoundKind::Annual => "helår",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "plan" => Some(RoundKind::Plan),
            "delår" => Some(RoundKind::Interim),
            "helår" => Some(RoundKind::Annual),
            _ => None,
        }
    }
}

/// A report round of a budget year: what is reported, through which date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportRound {
    pub id: String,
    pub kind: RoundKind,
    pub period_end: NaiveDate,
    pub label: String,
}

impl ReportRound {
    /// The outcome period this round reports on: the year to date through `period_end`.
    pub fn period(&self) -> Period {
        use chrono::Datelike;
        let (year, month) = (self.period_end.year(), self.period_end.month());
        if month == 12 { Period::Year(year) } else { Period::YearToDate { year, month } }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_periods() {
        assert_eq!("2023".parse::<Period>().unwrap(), Period::Year(2023));
        assert_eq!("2024-08".parse::<Period>().unwrap(), Period::YearToDate { year: 2024, month: 8 });
        assert_eq!(Period::YearToDate { year: 2024, month: 4 }.to_string(), "2024-04");
        assert!("2024-13".parse::<Period>().is_err());
        assert!("2024-8".parse::<Period>().is_err());
        assert!("tjugo".parse::<Period>().is_err());
    }

    #[test]
    fn round_period_follows_period_end() {
        let r = ReportRound {
            id: "d2".into(),
            kind: RoundKind::Interim,
            period_end: NaiveDate::from_ymd_opt(2024, 8, 31).unwrap(),
            label: "Delår".into(),
        };
        assert_eq!(r.period(), Period::YearToDate { year: 2024, month: 8 });
    }
}
