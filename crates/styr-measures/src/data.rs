//! The tables as typed column sets, checked for what the schema alone cannot say (an end before its
//! start, a decision before its application, time reports of unknown staff).

use std::path::PathBuf;

use crate::error::{MeasureError, Result};
use crate::input::{Column, Dictionaries, Format, NONE_ID, NONE_INT, Table};
use crate::schema::{self, TableDef};

#[derive(Debug, Default, Clone)]
pub struct Visits {
    pub client: Vec<u32>,
    pub unit: Vec<u32>,
    pub staff: Vec<u32>,
    /// Seconds since 1970.
    pub start: Vec<i64>,
    /// [`NONE_INT`] when missing.
    pub end: Vec<i64>,
}

#[derive(Debug, Default, Clone)]
pub struct Decisions {
    pub id: Vec<u32>,
    pub client: Vec<u32>,
    pub unit: Vec<u32>,
    /// Index into [`schema::SERVICES`].
    pub service: Vec<u32>,
    /// Day numbers, [`NONE_INT`] when missing.
    pub applied: Vec<i64>,
    pub decided: Vec<i64>,
    pub offered: Vec<i64>,
    pub executed: Vec<i64>,
    pub granted_hours_month: Vec<f64>,
    pub valid_from: Vec<i64>,
    pub valid_to: Vec<i64>,
}

#[derive(Debug, Default, Clone)]
pub struct Stays {
    pub client: Vec<u32>,
    pub boende: Vec<u32>,
    pub move_in: Vec<i64>,
    pub move_out: Vec<i64>,
}

#[derive(Debug, Default, Clone)]
pub struct Places {
    pub boende: Vec<u32>,
    pub places: Vec<i64>,
}

#[derive(Debug, Default, Clone)]
pub struct Staff {
    /// Indexed by the dense staff id: gender (index into [`schema::GENDERS`]), birth year,
    /// employment (index into [`schema::EMPLOYMENTS`]); [`NONE_ID`]/[`NONE_INT`] when missing, and
    /// employment [`NONE_ID`] for staff not in the file.
    pub gender: Vec<u32>,
    pub birth_year: Vec<i64>,
    pub employment: Vec<u32>,
}

#[derive(Debug, Default, Clone)]
pub struct TimeReports {
    pub staff: Vec<u32>,
    pub date: Vec<i64>,
    /// Index into [`schema::TIME_KINDS`].
    pub kind: Vec<u32>,
    pub hours: Vec<f64>,
}

/// Everything read from an input folder.
#[derive(Debug, Default, Clone)]
pub struct Inputs {
    pub dicts: Dictionaries,
    pub visits: Option<Visits>,
    pub decisions: Option<Decisions>,
    pub stays: Option<Stays>,
    pub places: Option<Places>,
    pub staff: Option<Staff>,
    pub time_reports: Option<TimeReports>,
    /// The files read, in order.
    pub files: Vec<(PathBuf, Format)>,
}

fn take(t: &mut Table, name: &str) -> Column {
    let i = t.def.index(name);
    std::mem::replace(&mut t.columns[i], Column::U32(Vec::new()))
}
fn u32s(t: &mut Table, name: &str) -> Vec<u32> {
    match take(t, name) {
        Column::U32(v) => v,
        _ => unreachable!("an id column"),
    }
}
fn i64s(t: &mut Table, name: &str) -> Vec<i64> {
    match take(t, name) {
        Column::I64(v) => v,
        _ => unreachable!("an integer column"),
    }
}
fn f64s(t: &mut Table, name: &str) -> Vec<f64> {
    match take(t, name) {
        Column::F64(v) => v,
        _ => unreachable!("a number column"),
    }
}

/// A row that breaks a rule between columns; `row` counts from 0 over the data rows.
fn bad_row(t: &Table, format: Format, row: usize, column: &str, message: String) -> MeasureError {
    let (place, number) = match format {
        // One record a line in the exports (csv line numbers are 1 for the header).
        Format::Csv => ("line", row as u64 + 2),
        Format::Parquet => ("row", row as u64 + 1),
    };
    MeasureError::Value { file: t.file.clone(), place, number, column: column.into(), message }
}

fn check_order(t: &Table, format: Format, first: &[i64], later: &[i64], later_name: &str, what: &str) -> Result<()> {
    for (row, (&a, &b)) in first.iter().zip(later).enumerate() {
        if a != NONE_INT && b != NONE_INT && b < a {
            return Err(bad_row(t, format, row, later_name, what.to_string()));
        }
    }
    Ok(())
}

fn is(def: &TableDef, other: &TableDef) -> bool {
    def.name == other.name
}

impl Inputs {
    pub fn from_tables(tables: Vec<Table>, formats: &[Format], dicts: Dictionaries) -> Result<Inputs> {
        let mut inputs = Inputs { dicts, ..Inputs::default() };
        let mut time_reports_table = None;
        for (mut t, &format) in tables.into_iter().zip(formats) {
            inputs.files.push((t.file.clone(), format));
            if is(&t.def, &schema::VISITS) {
                let v = Visits {
                    client: u32s(&mut t, "client_id"),
                    unit: u32s(&mut t, "unit_id"),
                    staff: u32s(&mut t, "staff_id"),
                    start: i64s(&mut t, "start"),
                    end: i64s(&mut t, "end"),
                };
                check_order(&t, format, &v.start, &v.end, "end", "ends before it starts")?;
                inputs.visits = Some(v);
            } else if is(&t.def, &schema::DECISIONS) {
                let d = Decisions {
                    id: u32s(&mut t, "decision_id"),
                    client: u32s(&mut t, "client_id"),
                    unit: u32s(&mut t, "unit_id"),
                    service: u32s(&mut t, "service"),
                    applied: i64s(&mut t, "applied"),
                    decided: i64s(&mut t, "decided"),
                    offered: i64s(&mut t, "offered"),
                    executed: i64s(&mut t, "executed"),
                    granted_hours_month: f64s(&mut t, "granted_hours_month"),
                    valid_from: i64s(&mut t, "valid_from"),
                    valid_to: i64s(&mut t, "valid_to"),
                };
                check_order(&t, format, &d.applied, &d.decided, "decided", "decided before the application came in")?;
                check_order(&t, format, &d.decided, &d.executed, "executed", "executed before it was decided")?;
                check_order(&t, format, &d.applied, &d.offered, "offered", "offered before the application came in")?;
                check_order(&t, format, &d.valid_from, &d.valid_to, "valid_to", "ends before valid_from")?;
                if let Some(row) = d.granted_hours_month.iter().position(|h| *h < 0.0) {
                    return Err(bad_row(&t, format, row, "granted_hours_month", "negative hours".into()));
                }
                let mut seen = vec![false; inputs.dicts.decision.len()];
                for (row, &id) in d.id.iter().enumerate() {
                    if std::mem::replace(&mut seen[id as usize], true) {
                        return Err(bad_row(&t, format, row, "decision_id", "the same decision_id twice".into()));
                    }
                }
                inputs.decisions = Some(d);
            } else if is(&t.def, &schema::STAYS) {
                let s = Stays {
                    client: u32s(&mut t, "client_id"),
                    boende: u32s(&mut t, "boende_id"),
                    move_in: i64s(&mut t, "move_in"),
                    move_out: i64s(&mut t, "move_out"),
                };
                check_order(&t, format, &s.move_in, &s.move_out, "move_out", "moves out before moving in")?;
                inputs.stays = Some(s);
            } else if is(&t.def, &schema::PLACES) {
                let p = Places { boende: u32s(&mut t, "boende_id"), places: i64s(&mut t, "places") };
                if let Some(row) = p.places.iter().position(|n| *n < 0) {
                    return Err(bad_row(&t, format, row, "places", "negative places".into()));
                }
                let mut seen = vec![false; inputs.dicts.boende.len()];
                for (row, &b) in p.boende.iter().enumerate() {
                    if std::mem::replace(&mut seen[b as usize], true) {
                        return Err(bad_row(&t, format, row, "boende_id", "the same boende twice".into()));
                    }
                }
                inputs.places = Some(p);
            } else if is(&t.def, &schema::STAFF) {
                let ids = u32s(&mut t, "staff_id");
                let (gender, birth, employment) = (u32s(&mut t, "gender"), i64s(&mut t, "birth_year"), u32s(&mut t, "employment"));
                let n = inputs.dicts.staff.len();
                let mut s = Staff { gender: vec![NONE_ID; n], birth_year: vec![NONE_INT; n], employment: vec![NONE_ID; n] };
                for (row, &id) in ids.iter().enumerate() {
                    let i = id as usize;
                    if s.employment[i] != NONE_ID {
                        return Err(bad_row(&t, format, row, "staff_id", "the same staff_id twice".into()));
                    }
                    (s.gender[i], s.birth_year[i], s.employment[i]) = (gender[row], birth[row], employment[row]);
                }
                inputs.staff = Some(s);
            } else if is(&t.def, &schema::TIME_REPORTS) {
                let r = TimeReports {
                    staff: u32s(&mut t, "staff_id"),
                    date: i64s(&mut t, "date"),
                    kind: u32s(&mut t, "kind"),
                    hours: f64s(&mut t, "hours"),
                };
                if let Some(row) = r.hours.iter().position(|h| *h < 0.0) {
                    return Err(bad_row(&t, format, row, "hours", "negative hours".into()));
                }
                time_reports_table = Some((t, format));
                inputs.time_reports = Some(r);
            }
        }
        // Time reports need the staff file (gender, age, employment form), read in any order.
        if let (Some(r), Some((t, format))) = (&inputs.time_reports, &time_reports_table) {
            let Some(staff) = &inputs.staff else {
                return Err(MeasureError::Invalid(format!(
                    "{}: time reports need a staff file (staff.csv or staff.parquet) beside them",
                    t.file.display()
                )));
            };
            if let Some(row) = r.staff.iter().position(|&s| staff.employment.get(s as usize).is_none_or(|e| *e == NONE_ID)) {
                return Err(bad_row(t, *format, row, "staff_id", "not in the staff file".into()));
            }
        }
        Ok(inputs)
    }
}
