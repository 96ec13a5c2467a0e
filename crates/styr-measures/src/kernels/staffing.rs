//! Timanställdas andel of worked hours and sjukfrånvaro, from the time-reporting export
//! (`time_reports`, with `staff` for gender, birth year and employment form).
//!
//! **Timanställdas andel**: worked hours of staff with `employment = hourly` / all worked hours,
//! per month and accumulated year to date.
//!
//! **Sjukfrånvaro**: sick hours / the hours the staff were to work (reported worked + sick hours;
//! LKBR's "ordinarie arbetstid"), for every staff member in the export (monthly and hourly paid),
//! per month and accumulated year to date, by gender (`K`, `M`, `unknown` when the staff file has
//! none, `all`) crossed with age band (`-29`, `30-49`, `50-` by the age reached in the year the hours
//! fall in, `unknown` without a birth year, `all`). A group appears when it has at least one report.
//!
//! Sick hours are also split by the day of the sick spell they fall on: day 1–14, 15–59 and 60 or
//! later (the split of SKR's statistics and of sjuklönelagen: the employer's sick-pay period is days
//! 1–14). A spell is a run of sick days of one person: a day with a `sick` row (also with 0 hours:
//! a day off inside a sick leave may be exported that way), where the next sick day comes at most
//! five calendar days later (a weekend, a holiday or the days off of a part-time schedule do not end
//! a spell; after sjuklönelagen's five-day rule for falling ill again). Day *n* counts calendar days
//! from the spell's first day. Spells are formed over the whole export, so a spell that began before
//! `from` goes on counting its days in the range.
//!
//! Year to date runs from 1 January of the month's year, or from `from` if that is later; only
//! hours on days in `from..=to` are summed.

use crate::data::{Staff, TimeReports};
use crate::input::{NONE_ID, NONE_INT};
use crate::schema::{EMPLOYMENTS, GENDERS, TIME_KINDS};
use crate::time;

/// At most this many calendar days without a sick row between two sick days of one spell.
pub const SPELL_GAP_DAYS: i64 = 5;

/// The spell-day classes: days 1–14, 15–59, 60 or later.
pub const LENGTH_CLASSES: [&str; 3] = ["1-14", "15-59", "60-"];
pub const AGE_BANDS: [&str; 3] = ["-29", "30-49", "50-"];
pub const UNKNOWN: &str = "unknown";
pub const ALL: &str = "all";

/// Whether a row covers its month alone or the year up to and including it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Span {
    Month,
    YearToDate,
}

impl Span {
    pub fn name(self) -> &'static str {
        match self {
            Span::Month => "month",
            Span::YearToDate => "ytd",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HourlyShareRow {
    /// `yyyymm`.
    pub month: u32,
    pub span: Span,
    pub worked_hours: f64,
    pub hourly_worked_hours: f64,
}

impl HourlyShareRow {
    /// `None` when no hours were worked.
    pub fn share(&self) -> Option<f64> {
        (self.worked_hours > 0.0).then(|| self.hourly_worked_hours / self.worked_hours)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SickLeaveRow {
    pub month: u32,
    pub span: Span,
    /// `K`, `M`, [`UNKNOWN`] or [`ALL`].
    pub gender: &'static str,
    /// One of [`AGE_BANDS`], [`UNKNOWN`] or [`ALL`].
    pub age_band: &'static str,
    /// Worked + sick hours.
    pub hours: f64,
    pub sick_hours: f64,
    /// Sick hours on spell days 1–14, 15–59, 60 or later.
    pub sick_by_day: [f64; 3],
}

impl SickLeaveRow {
    /// Sick hours / hours; `None` without hours.
    pub fn rate(&self) -> Option<f64> {
        (self.hours > 0.0).then(|| self.sick_hours / self.hours)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Staffing {
    pub hourly_share: Vec<HourlyShareRow>,
    pub sick_leave: Vec<SickLeaveRow>,
}

/// Gender index 0..2 = K, M, unknown; age index 0..3 = the bands, unknown.
const GENDER_CELLS: usize = 3;
const AGE_CELLS: usize = 4;
const CELLS: usize = GENDER_CELLS * AGE_CELLS;

#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    rows: u64,
    hours: f64,
    sick: f64,
    by_day: [f64; 3],
}

impl Cell {
    fn add(&mut self, o: &Cell) {
        self.rows += o.rows;
        self.hours += o.hours;
        self.sick += o.sick;
        for k in 0..3 {
            self.by_day[k] += o.by_day[k];
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Hourly {
    rows: u64,
    worked: f64,
    hourly: f64,
}

fn length_class(spell_day: i64) -> usize {
    match spell_day {
        ..=14 => 0,
        15..=59 => 1,
        _ => 2,
    }
}

fn age_cell(birth_year: i64, year: i64) -> usize {
    if birth_year == NONE_INT {
        return 3;
    }
    match year - birth_year {
        ..=29 => 0,
        30..=49 => 1,
        _ => 2,
    }
}

/// The spell day (1, 2, …) of every sick row, by row index; other rows get 0.
fn spell_days(r: &TimeReports, sick: u32) -> Vec<u32> {
    let mut rows: Vec<u32> = (0..r.staff.len() as u32).filter(|&i| r.kind[i as usize] == sick).collect();
    rows.sort_unstable_by_key(|&i| (r.staff[i as usize], r.date[i as usize]));
    let mut out = vec![0u32; r.staff.len()];
    let (mut staff, mut previous, mut first) = (NONE_ID, i64::MIN, 0i64);
    for i in rows {
        let (s, d) = (r.staff[i as usize], r.date[i as usize]);
        if s != staff || d - previous > SPELL_GAP_DAYS + 1 {
            first = d;
        }
        (staff, previous) = (s, d);
        out[i as usize] = (d - first + 1) as u32;
    }
    out
}

pub fn staffing(r: &TimeReports, staff: &Staff, from: i32, to: i32) -> Staffing {
    let sick = TIME_KINDS.iter().position(|k| *k == "sick").expect("a kind") as u32;
    let hourly = EMPLOYMENTS.iter().position(|k| *k == "hourly").expect("an employment") as u32;
    let months: Vec<u32> = {
        let mut v = Vec::new();
        let mut m = time::month_key(from);
        while time::month_start(m) <= to {
            v.push(m);
            m = time::next_month(m);
        }
        v
    };
    // The month index of each day in range, looked up instead of computed per row.
    let month_of: Vec<u16> = (from..=to).map(|d| months.binary_search(&time::month_key(d)).expect("a month in range") as u16).collect();
    let spell = spell_days(r, sick);
    let mut cells = vec![Cell::default(); months.len() * CELLS];
    let mut share = vec![Hourly::default(); months.len()];
    for (i, &day) in r.date.iter().enumerate() {
        if day < i64::from(from) || day > i64::from(to) {
            continue;
        }
        let m = month_of[(day - i64::from(from)) as usize] as usize;
        let s = r.staff[i] as usize;
        let g = match staff.gender[s] {
            NONE_ID => 2,
            g => g as usize,
        };
        let a = age_cell(staff.birth_year[s], i64::from(months[m] / 100));
        let cell = &mut cells[m * CELLS + g * AGE_CELLS + a];
        let hours = r.hours[i];
        cell.rows += 1;
        cell.hours += hours;
        if r.kind[i] == sick {
            cell.sick += hours;
            cell.by_day[length_class(i64::from(spell[i]))] += hours;
        } else {
            let h = &mut share[m];
            h.rows += 1;
            h.worked += hours;
            if staff.employment[s] == hourly {
                h.hourly += hours;
            }
        }
    }

    let mut out = Staffing { hourly_share: Vec::new(), sick_leave: Vec::new() };
    let mut ytd_cells = [Cell::default(); CELLS];
    let mut ytd_share = Hourly::default();
    for (m, &key) in months.iter().enumerate() {
        if m == 0 || key / 100 != months[m - 1] / 100 {
            (ytd_cells, ytd_share) = ([Cell::default(); CELLS], Hourly::default());
        }
        let month_cells: [Cell; CELLS] = cells[m * CELLS..(m + 1) * CELLS].try_into().expect("a month of cells");
        for (y, c) in ytd_cells.iter_mut().zip(&month_cells) {
            y.add(c);
        }
        let h = share[m];
        (ytd_share.rows, ytd_share.worked, ytd_share.hourly) =
            (ytd_share.rows + h.rows, ytd_share.worked + h.worked, ytd_share.hourly + h.hourly);
        for (span, cells, h) in [(Span::Month, &month_cells, h), (Span::YearToDate, &ytd_cells, ytd_share)] {
            // A month without worked hours reported has no share (not 0 %).
            if h.rows > 0 {
                out.hourly_share.push(HourlyShareRow { month: key, span, worked_hours: h.worked, hourly_worked_hours: h.hourly });
            }
            push_cube(&mut out.sick_leave, key, span, cells);
        }
    }
    out
}

/// Every gender × age group with reports, with the totals over each and both.
fn push_cube(out: &mut Vec<SickLeaveRow>, month: u32, span: Span, cells: &[Cell; CELLS]) {
    let gender_name = |g: usize| if g < GENDERS.len() { GENDERS[g] } else { UNKNOWN };
    let age_name = |a: usize| if a < AGE_BANDS.len() { AGE_BANDS[a] } else { UNKNOWN };
    // g or a = None: all.
    for g in (0..GENDER_CELLS).map(Some).chain([None]) {
        for a in (0..AGE_CELLS).map(Some).chain([None]) {
            let mut sum = Cell::default();
            for gi in 0..GENDER_CELLS {
                for ai in 0..AGE_CELLS {
                    if g.is_none_or(|g| g == gi) && a.is_none_or(|a| a == ai) {
                        sum.add(&cells[gi * AGE_CELLS + ai]);
                    }
                }
            }
            if sum.rows == 0 {
                continue;
            }
            out.push(SickLeaveRow {
                month,
                span,
                gender: g.map_or(ALL, gender_name),
                age_band: a.map_or(ALL, age_name),
                hours: sum.hours,
                sick_hours: sum.sick,
                sick_by_day: sum.by_day,
            });
        }
    }
}
