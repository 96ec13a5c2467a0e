//! Personnel statistics: headcount by employment form, sysselsättningsgrad, sick leave by gender,
//! age band and length, turnover and the share of hours worked by hourly staff.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::indicator::Gender;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonnelMeasure {
    /// Antal anställda (persons).
    Headcount,
    /// Sysselsättningsgrad, percent.
    EmploymentRate,
    /// Sjukfrånvaro, percent of scheduled time.
    SickLeave,
    /// Personalomsättning, percent.
    Turnover,
    /// Andel av arbetad tid utförd av timanställda, percent.
    HourlyShare,
    /// Andel heltidsanställda, percent.
    FullTimeShare,
    WomenShare,
    MenShare,
    /// Hållbart medarbetarengagemang, index.
    Hme,
}

impl PersonnelMeasure {
    pub const ALL: [PersonnelMeasure; 9] = [
        PersonnelMeasure::Headcount,
        PersonnelMeasure::EmploymentRate,
        PersonnelMeasure::SickLeave,
        PersonnelMeasure::Turnover,
        PersonnelMeasure::HourlyShare,
        PersonnelMeasure::FullTimeShare,
        PersonnelMeasure::WomenShare,
        PersonnelMeasure::MenShare,
        PersonnelMeasure::Hme,
    ];
    pub fn key(self) -> &'static str {
        match self {
            PersonnelMeasure::Headcount => "headcount",
            PersonnelMeasure::EmploymentRate => "employment_rate",
            PersonnelMeasure::SickLeave => "sick_leave",
            PersonnelMeasure::Turnover => "turnover",
            PersonnelMeasure::HourlyShare => "hourly_share",
            PersonnelMeasure::FullTimeShare => "full_time_share",
            PersonnelMeasure::WomenShare => "women_share",
            PersonnelMeasure::MenShare => "men_share",
            PersonnelMeasure::Hme => "hme",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
    /// The Swedish heading used in reports.
    pub fn label(self) -> &'static str {
        match self {
            PersonnelMeasure::Headcount => "Antal anställda",
            PersonnelMeasure::EmploymentRate => "Sysselsättningsgrad (%)",
            PersonnelMeasure::SickLeave => "Sjukfrånvaro (%)",
            PersonnelMeasure::Turnover => "Personalomsättning (%)",
            PersonnelMeasure::HourlyShare => "Andel arbetad tid utförd av timavlönade (%)",
            PersonnelMeasure::FullTimeShare => "Andel heltidsanställda (%)",
            PersonnelMeasure::WomenShare => "Andel kvinnor (%)",
            PersonnelMeasure::MenShare => "Andel män (%)",
            PersonnelMeasure::Hme => "Hållbart medarbetarengagemang, HME",
        }
    }
}

/// Form of employment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Employment {
    Tillsvidare,
    Visstid,
    Timavlonad,
}

impl Employment {
    pub fn as_str(self) -> &'static str {
        match self {
            Employment::Tillsvidare => "tillsvidare",
            Employment::Visstid => "visstid",
            Employment::Timavlonad => "timavlonad",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "tillsvidare" => Some(Employment::Tillsvidare),
            "visstid" => Some(Employment::Visstid),
            "timavlonad" => Some(Employment::Timavlonad),
            _ => None,
        }
    }
}

/// Whether a value is for the month or a rolling 12-month average (R12).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    #[default]
    Month,
    R12,
}

impl Window {
    pub fn as_str(self) -> &'static str {
        match self {
            Window::Month => "month",
            Window::R12 => "r12",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "month" => Some(Window::Month),
            "r12" => Some(Window::R12),
            _ => None,
        }
    }
}

/// One personnel figure. Optional dimensions narrow it down: gender, age band (`-29`, `30-49`,
/// `50-`), sick-leave length in days (`1-14`, `15-59`, `60-`) and employment form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonnelStat {
    pub measure: PersonnelMeasure,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "is_month")]
    pub window: Window,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
    #[serde(default = "total", skip_serializing_if = "is_total")]
    pub gender: Gender,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employment: Option<Employment>,
    pub value: f64,
}

fn is_month(w: &Window) -> bool {
    *w == Window::Month
}
fn total() -> Gender {
    Gender::T
}
fn is_total(g: &Gender) -> bool {
    *g == Gender::T
}

/// Checks a band such as `30-49`, `-29` or `50-`: bounds are whole numbers, lower ≤ upper.
pub fn is_valid_band(band: &str) -> bool {
    let Some((lo, hi)) = band.split_once('-') else { return false };
    let parse = |s: &str| if s.is_empty() { Some(None) } else { s.parse::<u32>().ok().map(Some) };
    match (parse(lo), parse(hi)) {
        (Some(None), Some(None)) => false,
        (Some(Some(l)), Some(Some(h))) => l <= h,
        (Some(_), Some(_)) => true,
        _ => false,
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonnelFacts {
    pub stats: Vec<PersonnelStat>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_checked() {
        for ok in ["-29", "30-49", "50-", "1-14", "15-59", "60-"] {
            assert!(is_valid_band(ok), "{ok}");
        }
        for bad in ["-", "49-30", "x-1", "30"] {
            assert!(!is_valid_band(bad), "{bad}");
        }
    }
}
