//! Beviljad vs utförd tid: granted home-care hours per client and month from the decisions against
//! performed hours from the visit log.
//!
//! Granted: each `hemtjanst` decision with `granted_hours_month` applies from `valid_from` (or the
//! decision day) to `valid_to` (or for good); a month gets `granted_hours_month × days applying in
//! the month and in from..=to / days in the month`. Performed: the duration `end − start` of each
//! visit starting in `from..=to`, in the month it started (a visit over midnight or a month's end
//! counts whole where it began). A visit without an end has no duration: it is counted in
//! `visits_without_end` and adds nothing, so the gap is not hidden as zero time. Rows are per month,
//! unit (the decision's unit for granted hours, the visit's for performed) and client.

use std::collections::BTreeMap;

use crate::data::{Decisions, Visits};
use crate::input::{Dictionaries, NONE_ID, NONE_INT};
use crate::schema::SERVICES;
use crate::time;

#[derive(Debug, Clone, PartialEq)]
pub struct GrantedRow {
    /// `yyyymm`.
    pub month: u32,
    /// External ids; `unit_id` `None` for a decision without a unit.
    pub unit_id: Option<i64>,
    pub client_id: i64,
    /// `None` when no decision grants hours for that client, unit and month.
    pub granted_hours: Option<f64>,
    pub performed_hours: f64,
    pub visits_without_end: u64,
}

#[derive(Default, Clone, Copy)]
struct Acc {
    granted: Option<f64>,
    performed_seconds: i64,
    without_end: u64,
}

pub fn granted_vs_performed(v: Option<&Visits>, d: Option<&Decisions>, dicts: &Dictionaries, from: i32, to: i32) -> Vec<GrantedRow> {
    // Keyed by (month, unit, client) in dense ids; few keys compared to visits.
    let mut acc: std::collections::HashMap<(u32, u32, u32), Acc> = std::collections::HashMap::new();
    if let Some(v) = v {
        // The month of each day in range, looked up instead of computed per visit.
        let months: Vec<u32> = (from..=to).map(time::month_key).collect();
        let mut last: Option<((u32, u32, u32), Acc)> = None;
        for i in 0..v.start.len() {
            let day = v.start[i].div_euclid(86_400);
            if day < i64::from(from) || day > i64::from(to) {
                continue;
            }
            let key = (months[(day - i64::from(from)) as usize], v.unit[i], v.client[i]);
            let entry = match &mut last {
                Some((k, a)) if *k == key => a,
                _ => {
                    if let Some((k, a)) = last.take() {
                        *acc.entry(k).or_default() = a;
                    }
                    last = Some((key, acc.get(&key).copied().unwrap_or_default()));
                    &mut last.as_mut().expect("just set").1
                }
            };
            if v.end[i] == NONE_INT {
                entry.without_end += 1;
            } else {
                entry.performed_seconds += v.end[i] - v.start[i];
            }
        }
        if let Some((k, a)) = last {
            acc.insert(k, a);
        }
    }
    if let Some(d) = d {
        let hemtjanst = SERVICES.iter().position(|s| *s == "hemtjanst").expect("a service") as u32;
        for i in 0..d.id.len() {
            let hours = d.granted_hours_month[i];
            if d.service[i] != hemtjanst || hours.is_nan() {
                continue;
            }
            let first = if d.valid_from[i] != NONE_INT { d.valid_from[i] } else { d.decided[i] };
            let last = if d.valid_to[i] != NONE_INT { d.valid_to[i] } else { i64::from(to) };
            let (a, b) = (first.max(i64::from(from)) as i32, last.min(i64::from(to)) as i32);
            let mut m = time::month_key(a);
            while b >= a && time::month_start(m) <= b {
                let (ms, days) = (time::month_start(m), time::days_in_month((m / 100) as i32, m % 100) as i32);
                let covered = (b.min(ms + days - 1) - a.max(ms) + 1).max(0);
                let e = acc.entry((m, d.unit[i], d.client[i])).or_default();
                *e.granted.get_or_insert(0.0) += hours * f64::from(covered) / f64::from(days);
                m = time::next_month(m);
            }
        }
    }
    let rows: BTreeMap<(u32, Option<i64>, i64), Acc> = acc
        .into_iter()
        .map(|((m, u, c), a)| ((m, (u != NONE_ID).then(|| dicts.unit.ids[u as usize]), dicts.client.ids[c as usize]), a))
        .collect();
    rows.into_iter()
        .map(|((month, unit_id, client_id), a)| GrantedRow {
            month,
            unit_id,
            client_id,
            granted_hours: a.granted,
            performed_hours: a.performed_seconds as f64 / 3600.0,
            visits_without_end: a.without_end,
        })
        .collect()
}

/// Totals over rows: granted, performed and visits without end, per unit (`None` = all).
#[derive(Debug, Clone, PartialEq)]
pub struct GrantedTotal {
    pub unit_id: Option<i64>,
    pub granted_hours: f64,
    pub performed_hours: f64,
    pub visits_without_end: u64,
}

pub fn totals(rows: &[GrantedRow]) -> Vec<GrantedTotal> {
    let mut per: BTreeMap<Option<i64>, GrantedTotal> = BTreeMap::new();
    let mut total = GrantedTotal { unit_id: None, granted_hours: 0.0, performed_hours: 0.0, visits_without_end: 0 };
    for r in rows {
        let t = per.entry(r.unit_id).or_insert(GrantedTotal {
            unit_id: r.unit_id,
            granted_hours: 0.0,
            performed_hours: 0.0,
            visits_without_end: 0,
        });
        for t in [t, &mut total] {
            t.granted_hours += r.granted_hours.unwrap_or(0.0);
            t.performed_hours += r.performed_hours;
            t.visits_without_end += r.visits_without_end;
        }
    }
    per.into_values().filter(|t| t.unit_id.is_some()).chain([total]).collect()
}

/// The clients with the largest gap granted − performed over the whole range, largest first.
pub fn largest_gaps(rows: &[GrantedRow], n: usize) -> Vec<(i64, f64)> {
    let mut per: BTreeMap<i64, f64> = BTreeMap::new();
    for r in rows {
        *per.entry(r.client_id).or_default() += r.granted_hours.unwrap_or(0.0) - r.performed_hours;
    }
    let mut gaps: Vec<(i64, f64)> = per.into_iter().collect();
    gaps.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    gaps.truncate(n);
    gaps
}
