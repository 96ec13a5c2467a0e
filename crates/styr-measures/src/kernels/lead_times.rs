//! Utredningstid (application → decision), verkställighetstid (decision → execution), väntetid
//! (application → first offered move-in) and the decisions not executed within three months (the
//! limit after which IVO must be told).
//!
//! Per service: utredningstid over decisions *decided* in `from..=to` with an application day;
//! verkställighetstid over decisions *executed* in the range; väntetid over decisions with an offer
//! in the range and an application day. Days are calendar days; the median of an even count is the
//! mean of the middle two. A decision never executed has no verkställighetstid (it is not counted
//! as 0 days): it appears in the three-month list instead, which holds every decision whose limit
//! (`decided + 3 months`, the day clamped to the month's end) fell before `to` and that was not
//! executed by the limit, unless it was executed before `from`; `days` runs to the execution or, if
//! none, to `to`.

use crate::data::Decisions;
use crate::input::{Dictionaries, NONE_INT};
use crate::schema::SERVICES;
use crate::time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadTime {
    Utredningstid,
    Verkstallighetstid,
    Vantetid,
}

impl LeadTime {
    pub const ALL: [LeadTime; 3] = [LeadTime::Utredningstid, LeadTime::Verkstallighetstid, LeadTime::Vantetid];
    pub fn name(self) -> &'static str {
        match self {
            LeadTime::Utredningstid => "utredningstid",
            LeadTime::Verkstallighetstid => "verkstallighetstid",
            LeadTime::Vantetid => "vantetid",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LeadTimeRow {
    pub service: &'static str,
    pub decisions: u64,
    pub mean_days: f64,
    pub median_days: f64,
}

/// Per service with at least one decision counted, in the order of [`SERVICES`].
pub fn lead_times(d: &Decisions, measure: LeadTime, from: i32, to: i32) -> Vec<LeadTimeRow> {
    let (from, to) = (i64::from(from), i64::from(to));
    let mut per: Vec<Vec<i64>> = vec![Vec::new(); SERVICES.len()];
    for i in 0..d.id.len() {
        let (start, end, day_in_range) = match measure {
            LeadTime::Utredningstid => (d.applied[i], d.decided[i], d.decided[i]),
            LeadTime::Verkstallighetstid => (d.decided[i], d.executed[i], d.executed[i]),
            LeadTime::Vantetid => (d.applied[i], d.offered[i], d.offered[i]),
        };
        if start == NONE_INT || end == NONE_INT || day_in_range < from || day_in_range > to {
            continue;
        }
        per[d.service[i] as usize].push(end - start);
    }
    per.into_iter()
        .enumerate()
        .filter(|(_, days)| !days.is_empty())
        .map(|(s, mut days)| {
            days.sort_unstable();
            let n = days.len();
            let median = if n % 2 == 1 { days[n / 2] as f64 } else { (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0 };
            LeadTimeRow {
                service: SERVICES[s],
                decisions: n as u64,
                mean_days: days.iter().sum::<i64>() as f64 / n as f64,
                median_days: median,
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotExecuted {
    pub decision_id: i64,
    pub client_id: i64,
    pub service: &'static str,
    pub decided: i32,
    pub executed: Option<i32>,
    pub days: i64,
}

/// The decisions not executed within three months, by decision id.
pub fn not_executed_within_3_months(d: &Decisions, dicts: &Dictionaries, from: i32, to: i32) -> Vec<NotExecuted> {
    let mut out = Vec::new();
    for i in 0..d.id.len() {
        let decided = d.decided[i] as i32;
        let limit = time::add_months(decided, 3);
        let executed = (d.executed[i] != NONE_INT).then_some(d.executed[i] as i32);
        let late = executed.is_none_or(|e| e > limit);
        if limit < to && late && executed.is_none_or(|e| e >= from) {
            out.push(NotExecuted {
                decision_id: dicts.decision.ids[d.id[i] as usize],
                client_id: dicts.client.ids[d.client[i] as usize],
                service: SERVICES[d.service[i] as usize],
                decided,
                executed,
                days: i64::from(executed.unwrap_or(to) - decided),
            });
        }
    }
    out.sort_unstable_by_key(|n| n.decision_id);
    out
}
