//! Budget years, report periods and report rounds.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{DomainError, invalid};

/// The period an outcome or amount refers to, always within one calendar year.
///
/// Written forms (also in files): `2023` (the whole year), `2023-08` (the year to date through
/// August, "jan–aug 2023"), `2023-H1` (half year), `2023-T2` (tertial: T1 jan–apr, T2 maj–aug,
/// T3 sep–dec), `2023-Q3` (quarter), `2023-M08` (the single month August).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    YearToDate { year: i32, month: u32 },
    HalfYear { year: i32, half: u32 },
    Tertial { year: i32, tertial: u32 },
    Quarter { year: i32, quarter: u32 },
    Month { year: i32, month: u32 },
}

const MONTHS_SV: [&str; 12] = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

/// The Swedish abbreviation of a month (1–12): `jan`, `maj`, `okt`.
pub fn month_sv(month: u32) -> &'static str {
    MONTHS_SV[(month.clamp(1, 12) - 1) as usize]
}

impl Period {
    pub fn year(self) -> i32 {
        match self {
            Period::Year(y)
            | Period::YearToDate { year: y, .. }
            | Period::HalfYear { year: y, .. }
            | Period::Tertial { year: y, .. }
            | Period::Quarter { year: y, .. }
            | Period::Month { year: y, .. } => y,
        }
    }
    /// The first month the period covers (1 for a whole year and a year to date).
    pub fn first_month(self) -> u32 {
        match self {
            Period::Year(_) | Period::YearToDate { .. } => 1,
            Period::HalfYear { half, .. } => (half - 1) * 6 + 1,
            Period::Tertial { tertial, .. } => (tertial - 1) * 4 + 1,
            Period::Quarter { quarter, .. } => (quarter - 1) * 3 + 1,
            Period::Month { month, .. } => month,
        }
    }
    /// The last month the period covers (12 for a whole year).
    pub fn last_month(self) -> u32 {
        match self {
            Period::Year(_) => 12,
            Period::YearToDate { month, .. } | Period::Month { month, .. } => month,
            Period::HalfYear { half, .. } => half * 6,
            Period::Tertial { tertial, .. } => tertial * 4,
            Period::Quarter { quarter, .. } => quarter * 3,
        }
    }
    /// Whether the period covers January through December.
    pub fn is_full_year(self) -> bool {
        self.first_month() == 1 && self.last_month() == 12
    }
    /// Whether the period starts in January (a whole year, a year to date, H1, T1, Q1 or January).
    pub fn is_from_january(self) -> bool {
        self.first_month() == 1
    }
    /// The period in Swedish as a report's column heading: `2023`, `jan–aug 2023`, `H1 2023`,
    /// `T2 2023`, `kv. 3 2023`, `aug 2023`.
    pub fn label_sv(self) -> String {
        let y = self.year();
        match self {
            Period::Year(_) | Period::YearToDate { month: 12, .. } => y.to_string(),
            Period::YearToDate { month: 1, .. } => format!("jan {y}"),
            Period::YearToDate { month, .. } => format!("jan–{} {y}", month_sv(month)),
            Period::HalfYear { half, .. } => format!("H{half} {y}"),
            Period::Tertial { tertial, .. } => format!("T{tertial} {y}"),
            Period::Quarter { quarter, .. } => format!("kv. {quarter} {y}"),
            Period::Month { month, .. } => format!("{} {y}", month_sv(month)),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::YearToDate { year, month } => write!(f, "{year}-{month:02}"),
            Period::HalfYear { year, half } => write!(f, "{year}-H{half}"),
            Period::Tertial { year, tertial } => write!(f, "{year}-T{tertial}"),
            Period::Quarter { year, quarter } => write!(f, "{year}-Q{quarter}"),
            Period::Month { year, month } => write!(f, "{year}-M{month:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, DomainError> {
        let bad = || {
            invalid(
                "period",
                s,
                "a year (2023), a year to date through a month (2023-08), a half year (2023-H1), a tertial (2023-T2), a quarter (2023-Q3) or a month (2023-M08)",
            )
        };
        let s = s.trim();
        let (y, rest) = match s.split_once('-') {
            None => (s, None),
            Some((y, r)) => (y, Some(r)),
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        if !(1900..=2200).contains(&year) || y.len() != 4 {
            return Err(bad());
        }
        let Some(rest) = rest else { return Ok(Period::Year(year)) };
        let number = |digits: &str, max: u32, width: usize| -> Result<u32, DomainError> {
            let n: u32 = digits.parse().map_err(|_| bad())?;
            if digits.len() != width || !(1..=max).contains(&n) || !digits.chars().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            Ok(n)
        };
        let mut chars = rest.chars();
        match chars.next() {
            Some('H') => Ok(Period::HalfYear { year, half: number(chars.as_str(), 2, 1)? }),
            Some('T') => Ok(Period::Tertial { year, tertial: number(chars.as_str(), 3, 1)? }),
            Some('Q') => Ok(Period::Quarter { year, quarter: number(chars.as_str(), 4, 1)? }),
            Some('M') => Ok(Period::Month { year, month: number(chars.as_str(), 12, 2)? }),
            _ => Ok(Period::YearToDate { year, month: number(rest, 12, 2)? }),
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
                f.write_str("a period such as 2023, 2023-08, 2023-H1, 2023-T2, 2023-Q3 or 2023-M08")
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
    fn sub_year_periods_parse_print_and_cover_their_months() {
        for (text, period, months, label) in [
            ("2024-H2", Period::HalfYear { year: 2024, half: 2 }, (7, 12), "H2 2024"),
            ("2024-T2", Period::Tertial { year: 2024, tertial: 2 }, (5, 8), "T2 2024"),
            ("2024-Q3", Period::Quarter { year: 2024, quarter: 3 }, (7, 9), "kv. 3 2024"),
            ("2024-M08", Period::Month { year: 2024, month: 8 }, (8, 8), "aug 2024"),
            ("2024-08", Period::YearToDate { year: 2024, month: 8 }, (1, 8), "jan–aug 2024"),
            ("2024", Period::Year(2024), (1, 12), "2024"),
        ] {
            let p: Period = text.parse().unwrap();
            assert_eq!(p, period, "{text}");
            assert_eq!(p.to_string(), text);
            assert_eq!((p.first_month(), p.last_month()), months, "{text}");
            assert_eq!(p.label_sv(), label);
        }
        for bad in ["2024-H3", "2024-T0", "2024-Q5", "2024-M8", "2024-M13", "2024-X1", "24-08"] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
        assert!(Period::HalfYear { year: 2024, half: 1 }.is_from_january());
        assert!(!Period::Tertial { year: 2024, tertial: 2 }.is_from_january());
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
