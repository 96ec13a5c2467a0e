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
    /// Andel långtidssjukfrånvaro (more than 59 days) of all sick leave, percent.
    LongSickLeaveShare,
    /// Antal rekryteringar (persons recruited).
    Recruitments,
    /// Any other count, named by the statistic's `label` (e.g. "Antal chefer").
    Count,
}

impl PersonnelMeasure {
    pub const ALL: [PersonnelMeasure; 12] = [
        PersonnelMeasure::Headcount,
        PersonnelMeasure::EmploymentRate,
        PersonnelMeasure::SickLeave,
        PersonnelMeasure::Turnover,
        PersonnelMeasure::HourlyShare,
        PersonnelMeasure::FullTimeShare,
        PersonnelMeasure::WomenShare,
        PersonnelMeasure::MenShare,
        PersonnelMeasure::Hme,
        PersonnelMeasure::LongSickLeaveShare,
        PersonnelMeasure::Recruitments,
        PersonnelMeasure::Count,
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
            PersonnelMeasure::LongSickLeaveShare => "long_sick_leave_share",
            PersonnelMeasure::Recruitments => "recruitments",
            PersonnelMeasure::Count => "count",
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
            PersonnelMeasure::LongSickLeaveShare => "Andel långtidssjukfrånvaro, mer än 59 dagar (%)",
            PersonnelMeasure::Recruitments => "Antal rekryteringar",
            PersonnelMeasure::Count => "Övriga antal",
        }
    }
    /// Whether values are percentages (printed with one decimal) rather than counts.
    pub fn is_percent(self) -> bool {
        !matches!(self, PersonnelMeasure::Headcount | PersonnelMeasure::Recruitments | PersonnelMeasure::Count | PersonnelMeasure::Hme)
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
    /// The Swedish words printed in tables.
    pub fn label(self) -> &'static str {
        match self {
            Employment::Tillsvidare => "tillsvidareanställda",
            Employment::Visstid => "visstidsanställda",
            Employment::Timavlonad => "timavlönade",
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

/// The time a value covers, ending at the statistic's `date`: the month, a rolling 12-month
/// average (R12), the year to date (accumulated from 1 January), the whole year (a value known
/// only per year), or any range starting at the statistic's `from`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    #[default]
    Month,
    R12,
    Ytd,
    Year,
    Range,
}

impl Window {
    pub const ALL: [Window; 5] = [Window::Month, Window::R12, Window::Ytd, Window::Year, Window::Range];
    pub fn as_str(self) -> &'static str {
        match self {
            Window::Month => "month",
            Window::R12 => "r12",
            Window::Ytd => "ytd",
            Window::Year => "year",
            Window::Range => "range",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.as_str() == s)
    }
}

const SHORT_MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

impl PersonnelStat {
    /// The period as printed: `aug 2024`, `R12 t.o.m. aug 2024`, `jan–aug 2024`, `2024`,
    /// `1 jan–31 jul 2024`.
    pub fn period_label(&self) -> String {
        use chrono::Datelike;
        let d = self.date;
        let month = |d: NaiveDate| SHORT_MONTHS[d.month0() as usize];
        match self.window {
            Window::Month => format!("{} {}", month(d), d.year()),
            Window::R12 => format!("R12 t.o.m. {} {}", month(d), d.year()),
            Window::Ytd if d.month() == 1 => format!("jan {}", d.year()),
            Window::Ytd => format!("jan–{} {}", month(d), d.year()),
            Window::Year => d.year().to_string(),
            Window::Range => match self.from {
                Some(f) if f.year() == d.year() => format!("{} {}–{} {} {}", f.day(), month(f), d.day(), month(d), d.year()),
                Some(f) => format!("{} {} {}–{} {} {}", f.day(), month(f), f.year(), d.day(), month(d), d.year()),
                None => format!("t.o.m. {d}"),
            },
        }
    }
    /// The name of the row: the `label` when given, else the measure's.
    pub fn measure_label(&self) -> &str {
        self.label.as_deref().unwrap_or(self.measure.label())
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
    /// The first day of the range, for `window: range` only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// The row's name when the measure's own does not say it (required for `count`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
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

    #[test]
    fn periods_print_in_swedish() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut s = PersonnelStat {
            measure: PersonnelMeasure::SickLeave,
            date: d("2024-08-31"),
            window: Window::Ytd,
            from: None,
            label: None,
            org_unit: None,
            gender: Gender::T,
            age_band: None,
            length: None,
            employment: None,
            value: 8.3,
        };
        assert_eq!(s.period_label(), "jan–aug 2024");
        s.window = Window::R12;
        assert_eq!(s.period_label(), "R12 t.o.m. aug 2024");
        s.window = Window::Year;
        assert_eq!(s.period_label(), "2024");
        s.window = Window::Range;
        s.date = d("2024-07-31");
        s.from = Some(d("2024-01-01"));
        assert_eq!(s.period_label(), "1 jan–31 jul 2024");
        assert_eq!(s.measure_label(), "Sjukfrånvaro (%)");
    }
}
