//! Personalkontinuitet: the number of distinct staff a home-care client meets in a 14-day window.
//!
//! Definition (after Socialstyrelsen's national measure, "antal personal som en hemtjänsttagare
//! möter under 14 dagar"): the range `from..=to` is cut into whole windows of `window_days` days
//! from `from` (a last, shorter part is left out). A visit belongs to the window and day of its
//! *start* (a visit over midnight counts on the evening it began). A client is counted in a window
//! when, on at least `min_days` days of it, they had a visit starting in the morning interval and
//! one starting in the evening interval (national: every day, 07–10 and 19–22; `min_days = 0`
//! counts every client with a visit). The value is the number of distinct `staff_id` among all the
//! client's visits in the window (the same person in two units is one person). A client who moved
//! between units within a window is counted once, for the unit with most of their visits there
//! (a tie goes to the lower unit id). Reported per unit and in total: client-windows, mean staff,
//! and the shares of client-windows with more than 15 and more than 20 staff.

use crate::data::Visits;
use crate::error::{MeasureError, Result};
use crate::input::Dictionaries;

/// The filter of the national definition, configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContinuityOptions {
    pub window_days: u32,
    /// Minutes after midnight, half-open `[from, to)`.
    pub morning: (u32, u32),
    pub evening: (u32, u32),
    pub min_days: u32,
}

impl Default for ContinuityOptions {
    fn default() -> Self {
        ContinuityOptions { window_days: 14, morning: (7 * 60, 10 * 60), evening: (19 * 60, 22 * 60), min_days: 14 }
    }
}

/// One client in one window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientWindow {
    /// Day number of the window's first day.
    pub window_start: i32,
    /// External ids.
    pub client_id: i64,
    pub unit_id: i64,
    pub staff: u32,
}

/// The summary for a unit (`unit_id` `None`: all units).
#[derive(Debug, Clone, PartialEq)]
pub struct ContinuitySummary {
    pub unit_id: Option<i64>,
    pub client_windows: u64,
    pub mean_staff: f64,
    pub share_over_15: f64,
    pub share_over_20: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Continuity {
    pub windows: u32,
    pub clients: Vec<ClientWindow>,
    /// Per unit by unit id, then the total.
    pub units: Vec<ContinuitySummary>,
}

pub fn continuity(v: &Visits, dicts: &Dictionaries, from: i32, to: i32, opt: &ContinuityOptions) -> Result<Continuity> {
    if opt.window_days == 0 || opt.window_days > 31 || opt.min_days > opt.window_days {
        return Err(MeasureError::Invalid(format!(
            "continuity window of {} days with {} days required: the window must be 1–31 days and at least the days required",
            opt.window_days, opt.min_days
        )));
    }
    let wd = opt.window_days as i64;
    let windows = ((i64::from(to) - i64::from(from) + 1).max(0) / wd) as usize;
    let end_day = i64::from(from) + windows as i64 * wd;
    let n_clients = dicts.client.len();
    let n_staff = dicts.staff.len();

    // Visits grouped by client (a counting sort), so each client's windows are finished in turn.
    let mut offsets = vec![0u32; n_clients + 1];
    let day_of = |i: usize| v.start[i].div_euclid(86_400);
    let in_range = |d: i64| d >= i64::from(from) && d < end_day;
    for i in 0..v.start.len() {
        if in_range(day_of(i)) {
            offsets[v.client[i] as usize + 1] += 1;
        }
    }
    for c in 0..n_clients {
        offsets[c + 1] += offsets[c];
    }
    let mut fill = offsets.clone();
    let mut order = vec![0u32; offsets[n_clients] as usize];
    for i in 0..v.start.len() {
        if in_range(day_of(i)) {
            let c = v.client[i] as usize;
            order[fill[c] as usize] = i as u32;
            fill[c] += 1;
        }
    }
    drop(fill);

    // stamp[staff * windows + w] = client + 1 when the staff was already counted for that client.
    let mut stamp = vec![0u32; n_staff * windows];
    let mut staff_count = vec![0u32; windows];
    let mut morning = vec![0u32; windows];
    let mut evening = vec![0u32; windows];
    let mut unit_tally: Vec<(usize, u32, u32)> = Vec::new();
    let mut clients = Vec::new();
    for c in 0..n_clients {
        let visits = &order[offsets[c] as usize..offsets[c + 1] as usize];
        if visits.is_empty() {
            continue;
        }
        unit_tally.clear();
        for &i in visits {
            let i = i as usize;
            let dd = day_of(i) - i64::from(from);
            let (w, d) = ((dd / wd) as usize, (dd % wd) as u32);
            let slot = v.staff[i] as usize * windows + w;
            if stamp[slot] != c as u32 + 1 {
                stamp[slot] = c as u32 + 1;
                staff_count[w] += 1;
            }
            let minute = (v.start[i].rem_euclid(86_400) / 60) as u32;
            if (opt.morning.0..opt.morning.1).contains(&minute) {
                morning[w] |= 1 << d;
            }
            if (opt.evening.0..opt.evening.1).contains(&minute) {
                evening[w] |= 1 << d;
            }
            match unit_tally.iter_mut().find(|(tw, u, _)| *tw == w && *u == v.unit[i]) {
                Some(t) => t.2 += 1,
                None => unit_tally.push((w, v.unit[i], 1)),
            }
        }
        for w in 0..windows {
            if staff_count[w] == 0 {
                continue;
            }
            let both = (morning[w] & evening[w]).count_ones();
            if both >= opt.min_days {
                let unit = unit_tally
                    .iter()
                    .filter(|t| t.0 == w)
                    .map(|t| (t.2, dicts.unit.ids[t.1 as usize]))
                    .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
                    .map(|(_, u)| u)
                    .expect("a window with visits has a unit");
                clients.push(ClientWindow {
                    window_start: from + (w as i64 * wd) as i32,
                    client_id: dicts.client.ids[c],
                    unit_id: unit,
                    staff: staff_count[w],
                });
            }
            (staff_count[w], morning[w], evening[w]) = (0, 0, 0);
        }
    }
    clients.sort_unstable_by_key(|c| (c.window_start, c.client_id));
    Ok(Continuity { windows: windows as u32, units: summarise(&clients), clients })
}

fn summarise(clients: &[ClientWindow]) -> Vec<ContinuitySummary> {
    #[derive(Default)]
    struct Acc {
        n: u64,
        staff: u64,
        over15: u64,
        over20: u64,
    }
    let add = |a: &mut Acc, c: &ClientWindow| {
        a.n += 1;
        a.staff += u64::from(c.staff);
        a.over15 += u64::from(c.staff > 15);
        a.over20 += u64::from(c.staff > 20);
    };
    let mut per_unit: std::collections::BTreeMap<i64, Acc> = std::collections::BTreeMap::new();
    let mut total = Acc::default();
    for c in clients {
        add(per_unit.entry(c.unit_id).or_default(), c);
        add(&mut total, c);
    }
    let row = |unit_id, a: &Acc| ContinuitySummary {
        unit_id,
        client_windows: a.n,
        mean_staff: a.staff as f64 / a.n as f64,
        share_over_15: a.over15 as f64 / a.n as f64,
        share_over_20: a.over20 as f64 / a.n as f64,
    };
    let mut out: Vec<ContinuitySummary> = per_unit.iter().map(|(u, a)| row(Some(*u), a)).collect();
    if total.n > 0 {
        out.push(row(None, &total));
    }
    out
}
