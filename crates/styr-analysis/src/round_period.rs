//! Which outcome period a report round is analysed on.
//!
//! A helår round uses the year's full-year outcome. A delår round uses the latest year-to-date
//! outcome of the year through the round's month; when there is none it falls back to the latest
//! full-year outcome whose period has ended by the round's end (so the previous year, never the
//! current one), which is how delårsrapporter show survey indicators measured once a year. An
//! explicit "missing" (IU) outcome for the round's own period stops the fallback: the förvaltning
//! has said there is no outcome.

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
    /// A delår round without a year-to-date outcome: the latest earlier full year.
    EarlierFullYear,
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

    /// The outcome to use from an own series, if any.
    pub(crate) fn pick<'a>(&self, series: &Series<'a>) -> Option<Picked<'a>> {
        let at = |period: Period, source| series.get(&period).map(|&outcome| Picked { period, source, outcome });
        if self.full_year {
            let year = self.year;
            return at(Period::Year(year), PeriodSource::Round).or_else(|| at(Period::YearToDate { year, month: 12 }, PeriodSource::Round));
        }
        let Period::YearToDate { year, month } = self.period else { unreachable!("a delår round has a month") };
        let to_date = series
            .range(Period::YearToDate { year, month: 1 }..=Period::YearToDate { year, month })
            .next_back()
            .map(|(&period, &outcome)| Picked { period, source: PeriodSource::Round, outcome });
        to_date.or_else(|| {
            series.range(..=Period::Year(year - 1)).rev().find(|(_, o)| o.value.is_some()).map(|(&period, &outcome)| Picked {
                period,
                source: PeriodSource::EarlierFullYear,
                outcome,
            })
        })
    }
}
