//! Beläggning: occupied place-nights per boende and month against its places.
//!
//! A stay occupies the nights from `move_in` up to the day before `move_out` (the move-out day is
//! free for the next resident; a stay without `move_out` goes on past `to`). Overlapping stays of
//! one client in one boende (a registration error, or a new decision registered before the old one
//! closed) count each night once. Only nights in `from..=to` count. Occupancy is occupied nights /
//! (places × nights of the month in range); a boende with stays but no row in `places` shows its
//! occupied nights and no occupancy.

use std::collections::BTreeMap;

use crate::data::{Places, Stays};
use crate::input::{Dictionaries, NONE_INT};
use crate::time;

#[derive(Debug, Clone, PartialEq)]
pub struct OccupancyRow {
    pub boende_id: i64,
    pub month: u32,
    pub occupied_nights: i64,
    /// `None` when the boende has no places row.
    pub place_nights: Option<i64>,
    pub occupancy: Option<f64>,
}

pub fn occupancy(stays: Option<&Stays>, places: Option<&Places>, dicts: &Dictionaries, from: i32, to: i32) -> Vec<OccupancyRow> {
    let (from, to) = (i64::from(from), i64::from(to));
    let mut intervals: BTreeMap<(u32, u32), Vec<(i64, i64)>> = BTreeMap::new();
    if let Some(s) = stays {
        for i in 0..s.client.len() {
            let out = if s.move_out[i] == NONE_INT { to + 1 } else { s.move_out[i] };
            let (a, b) = (s.move_in[i].max(from), out.min(to + 1));
            if a < b {
                intervals.entry((s.boende[i], s.client[i])).or_default().push((a, b));
            }
        }
    }
    let mut nights: BTreeMap<(i64, u32), i64> = BTreeMap::new();
    for ((boende, _), mut iv) in intervals {
        iv.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::new();
        for (a, b) in iv {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        let boende_id = dicts.boende.ids[boende as usize];
        for (a, b) in merged {
            let mut m = time::month_key(a as i32);
            while i64::from(time::month_start(m)) < b {
                let ms = i64::from(time::month_start(m));
                let me = i64::from(time::month_start(time::next_month(m)));
                *nights.entry((boende_id, m)).or_default() += b.min(me) - a.max(ms);
                m = time::next_month(m);
            }
        }
    }
    let mut rows = Vec::new();
    let mut place_of: BTreeMap<i64, i64> = BTreeMap::new();
    if let Some(p) = places {
        for i in 0..p.boende.len() {
            place_of.insert(dicts.boende.ids[p.boende[i] as usize], p.places[i]);
        }
    }
    let months: Vec<(u32, i64)> = {
        let mut v = Vec::new();
        let mut m = time::month_key(from as i32);
        while i64::from(time::month_start(m)) <= to {
            let ms = i64::from(time::month_start(m)).max(from);
            let me = i64::from(time::month_start(time::next_month(m))).min(to + 1);
            v.push((m, me - ms));
            m = time::next_month(m);
        }
        v
    };
    let mut boenden: Vec<i64> = place_of.keys().copied().chain(nights.keys().map(|k| k.0)).collect();
    boenden.sort_unstable();
    boenden.dedup();
    for b in boenden {
        for &(m, days) in &months {
            let occupied = nights.get(&(b, m)).copied();
            let place_nights = place_of.get(&b).map(|p| p * days);
            if occupied.is_none() && place_nights.is_none() {
                continue;
            }
            let occupied = occupied.unwrap_or(0);
            rows.push(OccupancyRow {
                boende_id: b,
                month: m,
                occupied_nights: occupied,
                place_nights,
                occupancy: place_nights.filter(|p| *p > 0).map(|p| occupied as f64 / p as f64),
            });
        }
    }
    rows
}
