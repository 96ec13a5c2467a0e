//! One indicator in one report round: the outcome used, its status against the year's etappmål,
//! changes over time, the distance to the målvärde with a trend projection, gender splits and
//! comparisons with Riket, the län or groups of municipalities.

use serde::Serialize;
use styr_domain::{Direction, Gender, Indicator, OutcomeStatus, Period, Regi, Trend};

use crate::direction::{margin, reaches, tidy};
use crate::outcome_index::{IndicatorOutcomes, Series, own_series};
use crate::round_period::{PeriodSource, Picked, RoundPeriod};
use crate::trend::{LinearTrend, Projection, project};

/// Status of an indicator against the round year's etappmål (always the total, gender T).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Reached,
    NotReached,
    /// No outcome (or an IU outcome) for the period the round uses.
    NoOutcome,
    /// An outcome but no etappmål for the year.
    NoTarget,
    /// Outcome and etappmål, but the indicator has no better direction (`direction: none`).
    NoDirection,
}

impl TargetStatus {
    /// Whether the indicator counts as evaluated for a proposal.
    pub fn is_evaluated(self) -> bool {
        matches!(self, TargetStatus::Reached | TargetStatus::NotReached)
    }
}

/// A change between two periods. `improvement` is the change with "positive = better".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub from: Period,
    pub from_value: f64,
    pub change: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub improvement: Option<f64>,
}

/// The K or M value for the same period as the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GenderValue {
    pub gender: Gender,
    pub value: Option<f64>,
    /// Margin to the etappmål (positive = better), for information: the status uses the total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
}

/// The value of one regi (egen regi, privata utförare) for the same period as the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegiValue {
    pub regi: Regi,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
}

/// Where an indicator's trend comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendSource {
    /// Computed from the outcome and the previous outcome of the same kind of period.
    Computed,
    /// Typed in the follow-up, where the numbers cannot give one.
    Typed,
}

/// The indicator's own bedömning in the round, on the plan's indicator scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Judgement {
    pub key: String,
    pub label: String,
}

/// The målvärde, how far away it is, and when the trend reaches it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MalvardeAnalysis {
    pub year: i32,
    pub value: f64,
    /// Outcome minus målvärde with "positive = better" (negative: this much is still to go).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projection: Option<Projection>,
}

/// The own outcome against a comparison (Riket `0000`, län `0001`, a group `G001` …) for the same period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComparisonDifference {
    pub code: String,
    pub label: String,
    pub value: f64,
    /// Own value minus the comparison's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference: Option<f64>,
    /// The difference with "positive = better than the comparison".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorAnalysis {
    pub id: String,
    pub title: String,
    pub unit: String,
    /// `None` when the plan does not state which direction is better.
    pub direction: Option<Direction>,
    pub decimals: u8,
    /// The outcome period used; `None` when the indicator has no outcome for the round at all.
    pub period: Option<Period>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period_source: Option<PeriodSource>,
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub preliminary: bool,
    /// The note of the outcome used, e.g. why it is missing (IU).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The etappmål for the round's year.
    pub etappmal: Option<f64>,
    pub status: TargetStatus,
    /// Outcome minus etappmål with "positive = better", in the indicator's unit.
    pub margin: Option<f64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_gender: Vec<GenderValue>,
    /// The values per regi for the same period, where they are reported.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_regi: Vec<RegiValue>,
    /// Ökad / minskad / oförändrad: computed from `change_since_previous` where there is one,
    /// else the trend typed in the follow-up.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trend_source: Option<TrendSource>,
    /// A typed trend that the numbers contradict (it is shown, the computed one is used).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub typed_trend: Option<Trend>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judgement: Option<Judgement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Against the latest earlier outcome of the same kind (often the previous year; surveys skip years).
    pub change_since_previous: Option<Change>,
    /// Against the first year with an outcome.
    pub change_since_first: Option<Change>,
    /// Least-squares change per year over the full-year outcomes up to the round.
    pub trend_per_year: Option<f64>,
    pub malvarde: Option<MalvardeAnalysis>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub comparisons: Vec<ComparisonDifference>,
}

/// Analyses one indicator for a round.
pub(crate) fn analyse_indicator(ind: &Indicator, outcomes: Option<&IndicatorOutcomes<'_>>, round: &RoundPeriod) -> IndicatorAnalysis {
    let total = own_series(outcomes, Gender::T);
    let picked = round.pick(total);
    let value = picked.and_then(|p| p.outcome.value);
    let etappmal = ind.targets.etappmal.get(&round.year).copied();
    let direction = ind.direction.unwrap_or(Direction::None);
    let status = match (value, etappmal) {
        (None, _) => TargetStatus::NoOutcome,
        (Some(_), None) => TargetStatus::NoTarget,
        (Some(v), Some(t)) => match reaches(v, t, direction) {
            None => TargetStatus::NoDirection,
            Some(true) => TargetStatus::Reached,
            Some(false) => TargetStatus::NotReached,
        },
    };
    let margin_to = |target: Option<f64>, v: Option<f64>| v.zip(target).and_then(|(v, t)| margin(v, t, direction));

    let by_gender = picked
        .map(|p| {
            [Gender::K, Gender::M]
                .into_iter()
                .filter_map(|g| {
                    let o = own_series(outcomes, g).get(&p.period)?;
                    Some(GenderValue { gender: g, value: o.value, margin: margin_to(etappmal, o.value) })
                })
                .collect()
        })
        .unwrap_or_default();

    let by_regi = match (picked, outcomes) {
        (Some(p), Some(o)) => o
            .by_regi()
            .filter_map(|(regi, series)| {
                let o = series.get(&p.period)?;
                Some(RegiValue { regi, value: o.value, margin: margin_to(etappmal, o.value) })
            })
            .collect(),
        _ => Vec::new(),
    };

    let (change_since_previous, change_since_first) = match (picked, value) {
        (Some(p), Some(v)) => changes(total, p.period, v, direction),
        _ => (None, None),
    };

    let yearly: Vec<(i32, f64)> =
        total.range(..=Period::Year(round.last_full_year())).filter_map(|(period, o)| Some((period.year(), o.value?))).collect();
    let trend_per_year = LinearTrend::fit(&yearly).map(|t| tidy(t.slope));
    let malvarde = ind.targets.malvarde.and_then(|m| {
        let target = m.value?;
        Some(MalvardeAnalysis {
            year: m.year,
            value: target,
            margin: margin_to(Some(target), value),
            projection: project(&yearly, target, m.year, direction),
        })
    });

    let comparisons = match (picked, outcomes) {
        (Some(p), Some(o)) => comparisons(o, p, value, direction),
        _ => Vec::new(),
    };

    IndicatorAnalysis {
        id: ind.id.clone(),
        title: ind.title.clone(),
        unit: ind.unit.as_str().to_string(),
        direction: ind.direction,
        decimals: ind.decimals,
        period: picked.map(|p| p.period),
        period_source: picked.map(|p| p.source),
        value,
        preliminary: picked.is_some_and(|p| p.outcome.status == OutcomeStatus::Preliminary),
        note: picked.and_then(|p| p.outcome.note.clone()),
        etappmal,
        status,
        margin: margin_to(etappmal, value),
        by_gender,
        by_regi,
        trend: change_since_previous.as_ref().map(|c| Trend::of_change(c.change, ind.decimals)),
        trend_source: change_since_previous.as_ref().map(|_| TrendSource::Computed),
        typed_trend: None,
        judgement: None,
        comment: None,
        change_since_previous,
        change_since_first,
        trend_per_year,
        malvarde,
        comparisons,
    }
}

/// Changes against the latest earlier and the first outcome of the same kind: full years against
/// full years, year-to-date against the same month of earlier years.
fn changes(series: &Series<'_>, period: Period, value: f64, direction: Direction) -> (Option<Change>, Option<Change>) {
    // The same months of an earlier year: full years, years to date through the same month,
    // the same tertial, quarter, half year or month.
    let same_kind = |p: &Period| {
        std::mem::discriminant(p) == std::mem::discriminant(&period)
            && (p.first_month(), p.last_month()) == (period.first_month(), period.last_month())
    };
    let mut earlier =
        series.range(..period).filter(|(p, _)| same_kind(p) && p.year() < period.year()).filter_map(|(p, o)| Some((*p, o.value?)));
    let first = earlier.next();
    let latest = earlier.next_back().or(first);
    let change = |(from, from_value): (Period, f64)| {
        let change = tidy(value - from_value);
        Change { from, from_value, change, improvement: margin(value, from_value, direction) }
    };
    (latest.map(change), first.map(change))
}

fn comparisons(outcomes: &IndicatorOutcomes<'_>, picked: Picked<'_>, own: Option<f64>, direction: Direction) -> Vec<ComparisonDifference> {
    outcomes
        .comparisons(Gender::T)
        .filter_map(|(code, series)| {
            let value = series.get(&picked.period)?.value?;
            Some(ComparisonDifference {
                code: code.to_string(),
                label: comparison_label(code),
                value,
                difference: own.map(|v| tidy(v - value)),
                margin: own.and_then(|v| margin(v, value, direction)),
            })
        })
        .collect()
}

/// A readable name for a comparison code: Riket, a county by its name (Kolada's `00` + county
/// digits), a municipality, a comparison group.
pub fn comparison_label(code: &str) -> String {
    if code.len() == 4
        && let Some(name) = styr_domain::region::area_name(code)
    {
        return name;
    }
    match code {
        c if c.len() == 4 && c.chars().all(|ch| ch.is_ascii_digit()) => format!("Kommun {c}"),
        c if c.starts_with(['G', 'g']) => format!("Jämförelsegrupp {c}"),
        c => c.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use styr_domain::{Direction, Gender, Period, ReportRound};

    use super::*;
    use crate::outcome_index::OutcomeIndex;
    use crate::test_support::*;

    fn analyse(ind: &styr_domain::Indicator, outcomes: &[styr_domain::Outcome], round: &str) -> IndicatorAnalysis {
        let plan = plan(vec![goal("g", vec![ind.clone()])]);
        let round: &ReportRound = plan.round(round).unwrap();
        let index = OutcomeIndex::new(outcomes);
        analyse_indicator(ind, index.indicator(&ind.id), &RoundPeriod::of(round))
    }

    #[test]
    fn lower_is_better_sick_leave_reaches() {
        let ind = indicator("sjuk", "Sjukfrånvaro, totalt (%)", Direction::Lower, &[(2023, 9.2)], Some((2030, 8.0)));
        let a = analyse(&ind, &[outcome("sjuk", "2021", 9.7), outcome("sjuk", "2022", 9.7), outcome("sjuk", "2023", 8.7)], "helar");
        assert_eq!(a.status, TargetStatus::Reached);
        assert_eq!(a.margin, Some(0.5));
        let prev = a.change_since_previous.unwrap();
        assert_eq!((prev.from, prev.change, prev.improvement), (Period::Year(2022), -1.0, Some(1.0)));
        let first = a.change_since_first.unwrap();
        assert_eq!(first.from, Period::Year(2021));
        assert_eq!(a.trend_per_year, Some(-0.5));
        let m = a.malvarde.unwrap();
        assert_eq!(m.margin, Some(-0.7));
        assert_eq!(m.projection, Some(Projection::ReachedIn { year: 2025, in_time: true }));
    }

    #[test]
    fn lower_is_better_personalkontinuitet_does_not_reach() {
        let ind = indicator("pk", "Personalkontinuitet", Direction::Lower, &[(2023, 21.0)], Some((2030, 19.0)));
        let a = analyse(&ind, &[outcome("pk", "2021", 23.15), outcome("pk", "2022", 23.25), outcome("pk", "2023", 22.8)], "helar");
        assert_eq!(a.status, TargetStatus::NotReached);
        assert_eq!(a.margin, Some(-1.8));
        assert_eq!(a.change_since_previous.unwrap().improvement, Some(0.45));
        // The fitted line (-0.175 per year through 23.07 in 2022) meets 19 in 2045.2: 2046, after 2030.
        assert_eq!(a.trend_per_year, Some(-0.175));
        assert_eq!(a.malvarde.unwrap().projection, Some(Projection::ReachedIn { year: 2046, in_time: false }));
    }

    #[test]
    fn missing_outcomes() {
        let ind = indicator("s", "Seniorträffar", Direction::Higher, &[(2023, 13000.0)], None);
        let a = analyse(&ind, &[outcome("s", "2022", 9194.0), missing("s", "2023", "Redovisas inte")], "helar");
        assert_eq!(a.status, TargetStatus::NoOutcome);
        assert_eq!(a.value, None);
        assert_eq!(a.period, Some(Period::Year(2023)));
        assert_eq!(a.note.as_deref(), Some("Redovisas inte"));
        assert_eq!(a.margin, None);
        let none = analyse(&ind, &[], "helar");
        assert_eq!((none.status, none.period), (TargetStatus::NoOutcome, None));
        let no_target = indicator("s", "Seniorträffar", Direction::Higher, &[(2024, 1.0)], None);
        assert_eq!(analyse(&no_target, &[outcome("s", "2023", 5.0)], "helar").status, TargetStatus::NoTarget);
        let no_direction = indicator("s", "Antal", Direction::None, &[(2023, 1.0)], None);
        let a = analyse(&no_direction, &[outcome("s", "2023", 5.0)], "helar");
        assert_eq!((a.status, a.margin), (TargetStatus::NoDirection, None));
    }

    #[test]
    fn gender_split_is_reported_but_status_uses_the_total() {
        let ind = indicator("sjuk", "Sjukfrånvaro", Direction::Lower, &[(2023, 9.0)], None);
        let outcomes = [
            full("sjuk", "2023", Gender::T, "", Some(8.7)),
            full("sjuk", "2023", Gender::K, "", Some(9.1)),
            full("sjuk", "2023", Gender::M, "", Some(6.5)),
            full("sjuk", "2022", Gender::K, "", Some(10.0)),
        ];
        let a = analyse(&ind, &outcomes, "helar");
        assert_eq!(a.status, TargetStatus::Reached);
        assert_eq!(a.by_gender.len(), 2);
        assert_eq!((a.by_gender[0].gender, a.by_gender[0].value, a.by_gender[0].margin), (Gender::K, Some(9.1), Some(-0.1)));
        assert_eq!((a.by_gender[1].gender, a.by_gender[1].margin), (Gender::M, Some(2.5)));
        // Only K and M without a total: no status, but the split is still shown.
        let a = analyse(&ind, &outcomes[1..], "helar");
        assert_eq!(a.status, TargetStatus::NoOutcome);
    }

    #[test]
    fn delar_rounds_use_year_to_date_else_last_year() {
        let ind = indicator("h", "Hemtjänst", Direction::Higher, &[(2023, 80.0)], None);
        let ytd = [outcome("h", "2022", 70.0), outcome("h", "2023-06", 81.0), outcome("h", "2023-09", 60.0), outcome("h", "2023", 50.0)];
        let a = analyse(&ind, &ytd, "d2");
        assert_eq!(
            (a.period, a.period_source, a.status),
            (Some("2023-06".parse().unwrap()), Some(PeriodSource::EarlierInYear), TargetStatus::Reached)
        );
        let a = analyse(&ind, &[outcome("h", "2021", 75.0), outcome("h", "2023", 90.0)], "d2");
        assert_eq!((a.period, a.period_source), (Some(Period::Year(2021)), Some(PeriodSource::EarlierFullYear)));
        assert_eq!((a.value, a.status), (Some(75.0), TargetStatus::NotReached));
        // An explicit IU for the round's period stops the fallback.
        let a = analyse(&ind, &[outcome("h", "2022", 85.0), missing("h", "2023-08", "IU")], "d2");
        assert_eq!((a.status, a.period_source), (TargetStatus::NoOutcome, Some(PeriodSource::Round)));
        // Year-to-date changes compare with the same months of earlier years.
        let a = analyse(&ind, &[outcome("h", "2022-08", 70.0), outcome("h", "2022", 99.0), outcome("h", "2023-08", 82.0)], "d2");
        assert_eq!(a.change_since_previous.unwrap().from, "2022-08".parse().unwrap());
    }

    #[test]
    fn the_period_rule_prefers_the_round_then_a_part_of_it_and_says_which() {
        let ind = indicator("h", "Hemtjänst", Direction::Higher, &[(2023, 80.0)], None);
        let p = |s: &str| Some(s.parse::<Period>().unwrap());
        // The round's own year to date wins over a tertial ending with it.
        let a = analyse(&ind, &[outcome("h", "2023-T2", 70.0), outcome("h", "2023-08", 85.0)], "d2");
        assert_eq!((a.period, a.period_source, a.value), (p("2023-08"), Some(PeriodSource::Round), Some(85.0)));
        // Without it, the longest period ending in August: the tertial, not the month.
        let a = analyse(&ind, &[outcome("h", "2023-M08", 60.0), outcome("h", "2023-T2", 70.0), outcome("h", "2023-04", 99.0)], "d2");
        assert_eq!((a.period, a.period_source), (p("2023-T2"), Some(PeriodSource::PartOfRound)));
        // The year's own preliminary (survey) measurement beats last year's; a final one cannot
        // have been known during the year and is not used.
        let mut prel = outcome("h", "2023", 81.0);
        prel.status = styr_domain::OutcomeStatus::Preliminary;
        let a = analyse(&ind, &[outcome("h", "2022", 99.0), prel], "d2");
        assert_eq!((a.period, a.period_source, a.preliminary), (Some(Period::Year(2023)), Some(PeriodSource::YearMeasurement), true));
        let a = analyse(&ind, &[outcome("h", "2022", 99.0), outcome("h", "2023", 81.0)], "d2");
        assert_eq!((a.period, a.period_source), (Some(Period::Year(2022)), Some(PeriodSource::EarlierFullYear)));
        // A quarter ending before the round is an earlier period of the year, and says so.
        let a = analyse(&ind, &[outcome("h", "2022", 99.0), outcome("h", "2023-Q2", 81.0)], "d2");
        assert_eq!((a.period, a.period_source), (p("2023-Q2"), Some(PeriodSource::EarlierInYear)));
        // Helår never falls back to another year or to part of the year that ends earlier.
        let a = analyse(&ind, &[outcome("h", "2022", 99.0), outcome("h", "2023-08", 81.0)], "helar");
        assert_eq!((a.period, a.status), (None, TargetStatus::NoOutcome));
        let a = analyse(&ind, &[outcome("h", "2023-T3", 81.0)], "helar");
        assert_eq!((a.period, a.period_source), (p("2023-T3"), Some(PeriodSource::PartOfRound)));
        // Tertial changes compare with the same tertial a year earlier; the trend follows.
        let a = analyse(&ind, &[outcome("h", "2022-T2", 75.0), outcome("h", "2022", 90.0), outcome("h", "2023-T2", 70.0)], "d2");
        assert_eq!(a.change_since_previous.as_ref().unwrap().from, "2022-T2".parse().unwrap());
        assert_eq!((a.trend, a.trend_source), (Some(styr_domain::Trend::Decreased), Some(TrendSource::Computed)));
    }

    #[test]
    fn regi_values_are_shown_beside_the_total_and_not_mixed_into_it() {
        let ind = indicator("h", "Hemtjänst", Direction::Higher, &[(2023, 80.0)], None);
        let mut egen = outcome("h", "2023", 85.0);
        egen.regi = Some(Regi::Egen);
        let mut privat = outcome("h", "2023", 70.0);
        privat.regi = Some(Regi::Extern);
        let a = analyse(&ind, &[outcome("h", "2023", 78.0), egen, privat], "helar");
        assert_eq!((a.value, a.status), (Some(78.0), TargetStatus::NotReached));
        let regi: Vec<(Regi, Option<f64>, Option<f64>)> = a.by_regi.iter().map(|r| (r.regi, r.value, r.margin)).collect();
        assert_eq!(regi, [(Regi::Egen, Some(85.0), Some(5.0)), (Regi::Extern, Some(70.0), Some(-10.0))]);
    }

    #[test]
    fn no_direction_stated_gives_no_status_and_no_forced_value() {
        let mut ind = indicator("h", "Hemtjänst", Direction::Higher, &[(2023, 80.0)], None);
        ind.direction = None;
        let a = analyse(&ind, &[outcome("h", "2022", 70.0), outcome("h", "2023", 85.0)], "helar");
        assert_eq!((a.direction, a.status, a.margin), (None, TargetStatus::NoDirection, None));
        assert_eq!(a.trend, Some(styr_domain::Trend::Increased), "a trend needs no direction");
    }

    #[test]
    fn comparisons_for_the_same_period() {
        let ind = indicator("t", "Trygghet", Direction::Higher, &[(2023, 83.0)], None);
        let outcomes = [
            outcome("t", "2023", 82.0),
            full("t", "2023", Gender::T, "0001", Some(83.0)),
            full("t", "2023", Gender::T, "0000", Some(80.0)),
            full("t", "2022", Gender::T, "G001", Some(70.0)),
        ];
        let a = analyse(&ind, &outcomes, "helar");
        let c: Vec<(&str, &str, Option<f64>)> = a.comparisons.iter().map(|c| (c.code.as_str(), c.label.as_str(), c.difference)).collect();
        assert_eq!(c, [("0000", "Riket", Some(2.0)), ("0001", "Stockholms län", Some(-1.0))]);
        let lower = indicator("r", "Rädd", Direction::Lower, &[], None);
        let a = analyse(&lower, &[outcome("r", "2023", 5.0), full("r", "2023", Gender::T, "G001", Some(7.0))], "helar");
        assert_eq!((a.comparisons[0].difference, a.comparisons[0].margin), (Some(-2.0), Some(2.0)));
        assert_eq!(a.comparisons[0].label, "Jämförelsegrupp G001");
    }
}
