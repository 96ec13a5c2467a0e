//! Personnel tables.

use chrono::NaiveDate;
use styr_domain::Gender;
use styr_domain::format_sv::{number, number_trimmed, signed};
use styr_domain::personnel::{PersonnelFacts, PersonnelMeasure, PersonnelStat, Window};

use crate::{Cell, Table};

const MONTHS: [&str; 12] =
    ["Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September", "Oktober", "November", "December"];

fn month_label(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{} {}", MONTHS[d.month0() as usize], d.year())
}

/// Antal anställda (all forms, whole nämnd) at two dates with the difference.
pub fn headcount(facts: &PersonnelFacts, before: NaiveDate, after: NaiveDate) -> Table {
    let mut t = Table::new("Antal anställda", vec!["Antal anställda".into(), month_label(before), month_label(after), "Skillnad".into()]);
    let total = |d: NaiveDate| {
        facts
            .stats
            .iter()
            .find(|s| {
                s.measure == PersonnelMeasure::Headcount
                    && s.date == d
                    && s.org_unit.is_none()
                    && s.employment.is_none()
                    && s.gender == Gender::T
            })
            .map(|s| s.value)
    };
    let (a, b) = (total(before), total(after));
    t.push(vec![
        Cell::stored("Antal anställda"),
        Cell::stored(a.map(|v| v.to_string()).unwrap_or_default()),
        Cell::stored(b.map(|v| v.to_string()).unwrap_or_default()),
        Cell::derived(a.zip(b).map(|(a, b)| signed(b - a, 0)).unwrap_or_default()),
    ]);
    t
}

/// What a statistic is narrowed to, in words: `kvinnor, ålder 50-, dag 60-, Äldreomsorg`, or `totalt`.
fn dimensions(s: &PersonnelStat) -> String {
    let mut parts = vec![];
    if s.gender != Gender::T {
        parts.push(if s.gender == Gender::K { "kvinnor".to_string() } else { "män".to_string() });
    }
    if let Some(a) = &s.age_band {
        parts.push(format!("ålder {a}"));
    }
    if let Some(l) = &s.length {
        parts.push(format!("dag {l}"));
    }
    if let Some(o) = &s.org_unit {
        parts.push(o.clone());
    }
    if parts.is_empty() { "totalt".to_string() } else { parts.join(", ") }
}

/// Percentages with one decimal as the reports print them (`9,0`), counts as they are (`1 487`).
fn value_text(s: &PersonnelStat) -> String {
    if s.measure.is_percent() { number(s.value, 1) } else { number_trimmed(s.value, 2) }
}

const LISTING_HEADER: [&str; 6] = ["Mått", "Avser", "Anställningsform", "Period", "Datum", "Värde"];

/// Every statistic of one measure, one row each; every row names the measure (its label for
/// `count`), the employment form, the period (month, R12, jan–aug, a year, a range) and the date.
pub fn measure_breakdown(facts: &PersonnelFacts, measure: PersonnelMeasure) -> Table {
    let mut t = Table::new(measure.label(), LISTING_HEADER.map(String::from).to_vec());
    for s in facts.stats.iter().filter(|s| s.measure == measure) {
        t.push(vec![
            Cell::stored(s.measure_label()),
            Cell::stored(dimensions(s)),
            Cell::stored(s.employment.map(|e| e.label()).unwrap_or("alla")),
            Cell::stored(s.period_label()),
            Cell::stored(s.date.to_string()),
            Cell::stored(value_text(s)),
        ]);
    }
    t
}

/// The period without its year, which the columns name (`jan–aug`, `R12 t.o.m. aug`, `helår`).
fn period_without_year(s: &PersonnelStat, year: i32) -> String {
    let p = s.period_label().replace(&year.to_string(), "").trim().to_string();
    if p.is_empty() { "helår".to_string() } else { p }
}

/// The same statistic a year earlier: same measure, label, dimensions, window and day of year.
fn same_statistic(a: &PersonnelStat, b: &PersonnelStat) -> bool {
    use chrono::Datelike;
    let day = |d: NaiveDate| (d.month(), d.day());
    a.measure == b.measure
        && a.label == b.label
        && a.window == b.window
        && a.org_unit == b.org_unit
        && a.gender == b.gender
        && a.age_band == b.age_band
        && a.length == b.length
        && a.employment == b.employment
        && (a.window == Window::Year || day(a.date) == day(b.date))
        && a.from.map(day) == b.from.map(day)
}

/// Every statistic of `year` beside the same statistic of the year before and the difference
/// (blank when either year lacks it; percentages differ in procentenheter).
pub fn year_comparison(facts: &PersonnelFacts, year: i32) -> Table {
    use chrono::Datelike;
    let header = ["Mått", "Avser", "Anställningsform", "Period"].map(String::from).into_iter().chain([
        (year - 1).to_string(),
        year.to_string(),
        "Skillnad".to_string(),
    ]);
    let mut t = Table::new(format!("Personal {} och {year}", year - 1), header.collect());
    let of = |y: i32| facts.stats.iter().filter(move |s| s.date.year() == y);
    let previous: Vec<&PersonnelStat> = of(year - 1).collect();
    let mut matched = vec![false; previous.len()];
    for s in of(year) {
        let index = previous.iter().position(|b| same_statistic(s, b));
        if let Some(i) = index {
            matched[i] = true;
        }
        let before = index.map(|i| previous[i]);
        let period = period_without_year(s, year);
        t.push(vec![
            Cell::stored(s.measure_label()),
            Cell::stored(dimensions(s)),
            Cell::stored(s.employment.map(|e| e.label()).unwrap_or("alla")),
            Cell::stored(period),
            Cell::stored(before.map(value_text).unwrap_or_default()),
            Cell::stored(value_text(s)),
            Cell::derived(before.map(|b| signed(s.value - b.value, if s.measure.is_percent() { 1 } else { 0 })).unwrap_or_default()),
        ]);
    }
    for b in previous.iter().zip(&matched).filter(|(_, m)| !**m).map(|(b, _)| *b) {
        let period = period_without_year(b, year - 1);
        t.push(vec![
            Cell::stored(b.measure_label()),
            Cell::stored(dimensions(b)),
            Cell::stored(b.employment.map(|e| e.label()).unwrap_or("alla")),
            Cell::stored(period),
            Cell::stored(value_text(b)),
            Cell::empty(),
            Cell::empty(),
        ]);
    }
    t
}
