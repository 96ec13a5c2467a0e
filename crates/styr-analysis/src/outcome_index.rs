//! Outcomes indexed once per analysis: by indicator, then by party (own municipality or a
//! comparison) and gender, then by period. Every later lookup is a map access, so an analysis is
//! linear in the number of outcomes rather than indicators × outcomes.

use std::collections::{BTreeMap, HashMap};

use styr_domain::{Comparison, Gender, Outcome, Period, Regi};

/// One indicator's outcomes for one party and gender, ordered by period.
pub type Series<'a> = BTreeMap<Period, &'a Outcome>;

static EMPTY: Series<'static> = BTreeMap::new();

fn slot(g: Gender) -> usize {
    match g {
        Gender::T => 0,
        Gender::K => 1,
        Gender::M => 2,
    }
}

/// The outcomes of one indicator.
#[derive(Debug, Default)]
pub struct IndicatorOutcomes<'a> {
    own: [Series<'a>; 3],
    comparisons: BTreeMap<&'a str, [Series<'a>; 3]>,
    /// Own outcomes of one regi (egen regi, privata utförare), total gender only.
    by_regi: BTreeMap<Regi, Series<'a>>,
}

impl<'a> IndicatorOutcomes<'a> {
    fn insert(&mut self, o: &'a Outcome) {
        if let Some(regi) = o.regi {
            if o.comparison == Comparison::Own && o.gender == Gender::T {
                self.by_regi.entry(regi).or_default().insert(o.period, o);
            }
            return;
        }
        let series = match &o.comparison {
            Comparison::Own => &mut self.own,
            Comparison::Other(code) => self.comparisons.entry(code.as_str()).or_default(),
        };
        series[slot(o.gender)].insert(o.period, o);
    }

    /// The plan's own municipality's outcomes for a gender.
    pub fn own(&self, gender: Gender) -> &Series<'a> {
        &self.own[slot(gender)]
    }

    /// The own outcomes per regi (total gender), for the regier that have any.
    pub fn by_regi(&self) -> impl Iterator<Item = (Regi, &Series<'a>)> + '_ {
        self.by_regi.iter().map(|(r, s)| (*r, s))
    }

    /// Comparison outcomes (Riket, län, groups) for a gender, by comparison code.
    pub fn comparisons(&self, gender: Gender) -> impl Iterator<Item = (&'a str, &Series<'a>)> + '_ {
        self.comparisons.iter().map(move |(code, series)| (*code, &series[slot(gender)]))
    }
}

/// All outcomes of a committee, indexed by indicator id.
#[derive(Debug, Default)]
pub struct OutcomeIndex<'a> {
    by_indicator: HashMap<&'a str, IndicatorOutcomes<'a>>,
}

impl<'a> OutcomeIndex<'a> {
    /// Indexes outcomes. When two outcomes share indicator, period, gender and party, the later
    /// one wins (the file readers reject such duplicates).
    pub fn new(outcomes: &'a [Outcome]) -> Self {
        let mut by_indicator: HashMap<&'a str, IndicatorOutcomes<'a>> = HashMap::new();
        // Outcomes usually come grouped by indicator (files list them so): hash once per run of
        // the same indicator, not once per outcome.
        let mut run: Option<(&'a str, IndicatorOutcomes<'a>)> = None;
        for o in outcomes {
            let id = o.indicator.as_str();
            if run.as_ref().is_none_or(|(current, _)| *current != id) {
                if let Some((current, entry)) = run.take() {
                    by_indicator.insert(current, entry);
                }
                run = Some((id, by_indicator.remove(id).unwrap_or_default()));
            }
            if let Some((_, entry)) = run.as_mut() {
                entry.insert(o);
            }
        }
        if let Some((current, entry)) = run {
            by_indicator.insert(current, entry);
        }
        OutcomeIndex { by_indicator }
    }

    /// One indicator's outcomes; an indicator without any gets empty series.
    pub fn indicator(&self, id: &str) -> Option<&IndicatorOutcomes<'a>> {
        self.by_indicator.get(id)
    }
}

/// The own series of an indicator that may have no outcomes at all.
pub(crate) fn own_series<'s, 'a>(outcomes: Option<&'s IndicatorOutcomes<'a>>, gender: Gender) -> &'s Series<'a> {
    outcomes.map_or(&EMPTY, |o| o.own(gender))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{full, outcome};

    #[test]
    fn indexes_interleaved_outcomes() {
        let outcomes = [
            outcome("a", "2022", 1.0),
            outcome("b", "2022", 2.0),
            outcome("a", "2023", 3.0),
            full("a", "2023", Gender::K, "", Some(4.0)),
            full("a", "2023", Gender::T, "0000", Some(5.0)),
            outcome("a", "2023", 6.0),
        ];
        let index = OutcomeIndex::new(&outcomes);
        let a = index.indicator("a").unwrap();
        let values: Vec<Option<f64>> = a.own(Gender::T).values().map(|o| o.value).collect();
        assert_eq!(values, [Some(1.0), Some(6.0)], "the later duplicate wins");
        assert_eq!(a.own(Gender::K).len(), 1);
        assert_eq!(a.comparisons(Gender::T).map(|(c, s)| (c, s.len())).collect::<Vec<_>>(), [("0000", 1)]);
        assert_eq!(index.indicator("b").unwrap().own(Gender::T).len(), 1);
        assert!(index.indicator("c").is_none());
    }
}
