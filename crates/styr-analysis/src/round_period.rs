//! Which outcome period a report round is analysed on. The rule, in order; the first that has an
//! outcome record (an IU record counts: it stops the search) is used, and the analysis always
//! says which period it used and why ([`PeriodSource`]):
//!
//! 1. **The round's own period**: the whole year for a helår round (`2024`, or `2024-12`), the
//!    year to date through the round's month for a delår round (`2024-08` for 31 August).
//! 2. **A shorter period that ends with the round** (`PartOfRound`): a tertial, quarter, half year
//!    or month ending in the round's month (`2024-T2`, `2024-M08` for 31 August; `2024-T3`,
//!    `2024-H2` … for helår), the shortest last.
//! 3. Delår rounds only: **the round year's preliminary yearly measurement** (`YearMeasurement`):
//!    a *preliminary* outcome for the whole year, as yearly surveys report early (`Prel. 2024` in a
//!    delårsrapport per 31 August 2024). A final full-year outcome is not used: during the year it
//!    cannot have been known, so it must come from a later report.
//! 4. Delår rounds only: **an earlier period of the same year** (`EarlierInYear`): the one ending
//!    latest before the round's month (a year to date through April in the August round).
//! 5. Delår rounds only: **the latest earlier full year with a value** (`EarlierFullYear`), which is
//!    how delårsrapporter show survey indicators measured once a year before this year's result.
//!
//! A helår round never falls back to another year.

use serde::Serialize;
use styr_domain::{Outcome, Period, ReportRound, RoundKind};

use crate::outcome_index::Series;

/// The round's year and whether it reports a full year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RoundPeriod {
    pub year: i32,
    /// The round's own period: `2023` for a helår round, `2023-08` for a delår round through August.
    pub period: Period,
    pub full_year: bool,
}

/// Where the outcome used for a round came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodSource {
    /// The round's own period (the full year, or the year to date for a delår round).
    Round,
    /// A tertial, quarter, half year or month that ends in the round's month.
    PartOfRound,
    /// A delår round using the round year's yearly measurement (a survey), reported already.
    YearMeasurement,
    /// A period of the round's year that ends before the round's month (delår only).
    EarlierInYear,
    /// A delår round without an outcome for its year: the latest earlier full year.
    EarlierFullYear,
}

impl PeriodSource {
    /// Why this period was used, in Swedish, or `None` for the round's own period.
    pub fn explanation_sv(self) -> Option<&'static str> {
        match self {
            PeriodSource::Round => None,
            PeriodSource::PartOfRound => Some("del av rundans period"),
            PeriodSource::YearMeasurement => Some("årets mätning"),
            PeriodSource::EarlierInYear => Some("senaste utfall i år"),
            PeriodSource::EarlierFullYear => Some("inget utfall i år, senaste helår"),
        }
    }
}

/// The outcome record picked for a round (it may be an IU record without a value).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Picked<'a> {
    pub period: Period,
    pub source: PeriodSource,
    pub outcome: &'a Outcome,
}

impl RoundPeriod {
    pub fn of(round: &ReportRound) -> Self {
        let own = round.period();
        let full_year = round.kind == RoundKind::Annual || own.is_full_year();
        let year = own.year();
        RoundPeriod { year, period: if full_year { Period::Year(year) } else { own }, full_year }
    }

    /// The last year whose full-year outcome belongs to the round (earlier for a delår round).
    pub fn last_full_year(&self) -> i32 {
        if self.full_year { self.year } else { self.year - 1 }
    }

    /// The outcome to use from an own series, if any (the rule in the module documentation).
    pub(crate) fn pick<'a>(&self, series: &Series<'a>) -> Option<Picked<'a>> {
        let year = self.year;
        let month = self.period.last_month();
        let at = |period: Period, source| series.get(&period).map(|&outcome| Picked { period, source, outcome });
        let own = if self.full_year {
            at(Period::Year(year), PeriodSource::Round).or_else(|| at(Period::YearToDate { year, month: 12 }, PeriodSource::Round))
        } else {
            at(Period::YearToDate { year, month }, PeriodSource::Round)
        };
        let in_year = || series.iter().filter(|(p, _)| p.year() == year).map(|(p, o)| (*p, *o));
        let part_of_round = || {
            in_year()
                .filter(|(p, _)| p.last_month() == month && !p.is_from_january())
                .max_by_key(|(p, _)| (month - p.first_month(), std::cmp::Reverse(*p)))
                .map(|(period, outcome)| Picked { period, source: PeriodSource::PartOfRound, outcome })
        };
        if self.full_year {
            return own.or_else(part_of_round);
        }
        let earlier_in_year = || {
            in_year()
                .filter(|(p, _)| p.last_month() < month && !matches!(p, Period::Year(_)))
                .max_by_key(|(p, _)| (p.last_month(), p.last_month() - p.first_month(), std::cmp::Reverse(*p)))
                .map(|(period, outcome)| Picked { period, source: PeriodSource::EarlierInYear, outcome })
        };
        let year_measurement = || {
            at(Period::Year(year), PeriodSource::YearMeasurement).filter(|p| p.outcome.status == styr_domain::OutcomeStatus::Preliminary)
        };
        own.or_else(part_of_round).or_else(year_measurement).or_else(earlier_in_year).or_else(|| {
            series.range(..=Period::Year(year - 1)).rev().find(|(_, o)| o.value.is_some()).map(|(&period, &outcome)| Picked {
                period,
                source: PeriodSource::EarlierFullYear,
                outcome,
            })
        })
    }
}
