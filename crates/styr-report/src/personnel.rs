//! Personnel tables.

use chrono::NaiveDate;
use styr_domain::Gender;
use styr_domain::format_sv::{number_trimmed, signed};
use styr_domain::personnel::{PersonnelFacts, PersonnelMeasure};

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

/// Every statistic of one measure as label/value rows (e.g. sick leave by age band and length).
pub fn measure_breakdown(facts: &PersonnelFacts, measure: PersonnelMeasure) -> Table {
    let mut t = Table::new(measure.label(), vec!["Avser".into(), "Datum".into(), "Värde".into()]);
    for s in facts.stats.iter().filter(|s| s.measure == measure) {
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
        if s.window == styr_domain::personnel::Window::R12 {
            parts.push("rullande 12 månader".to_string());
        }
        let label = if parts.is_empty() { "totalt".to_string() } else { parts.join(", ") };
        t.push(vec![Cell::stored(label), Cell::stored(s.date.to_string()), Cell::stored(number_trimmed(s.value, 1))]);
    }
    t
}
