//! The outcomes CSV: indicator, period, gender, value, status, municipality, note, regi.

use std::collections::BTreeSet;

use styr_domain::format_sv::parse_number;
use styr_domain::{Comparison, Gender, Outcome, OutcomeStatus, Period, Regi};

use crate::FormatError;

const COLUMNS: [&str; 8] = ["indicator", "period", "gender", "value", "status", "municipality", "note", "regi"];

/// Reads outcomes; every indicator id must be in `known_indicators`. Nothing is returned unless
/// the whole file is valid.
pub fn parse(text: &str, file: &str, known_indicators: &BTreeSet<String>) -> Result<Vec<Outcome>, FormatError> {
    let mut input = crate::csv_input::CsvInput::open(text, file)?;
    let headers = input.headers.clone();
    let index = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    for h in headers.iter() {
        if !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(h)) {
            return Err(FormatError::new(file, Some(1), h, format!("unknown column; expected some of {}", COLUMNS.join(", "))));
        }
    }
    let (Some(ind_col), Some(period_col)) = (index("indicator"), index("period")) else {
        return Err(FormatError::new(file, Some(1), "", "the header must name at least the columns indicator and period"));
    };
    let cols = [index("gender"), index("value"), index("status"), index("municipality"), index("note"), index("regi")];
    let mut outcomes = Vec::new();
    let mut seen = BTreeSet::new();
    while let Some(row) = input.next_row() {
        let (line, record) = row?;
        let line = Some(line);
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let err = |field: &str, msg: String| FormatError::new(file, line, field, msg);
        let indicator = get(Some(ind_col));
        if !known_indicators.contains(indicator) {
            return Err(err("indicator", format!("no indicator with id `{indicator}` in the plan")));
        }
        let period: Period = match get(Some(period_col)).parse().map_err(|e| err("period", format!("{e}")))? {
            // January–December is the whole year: store it as one, so it is found as the year's outcome.
            Period::YearToDate { year, month: 12 } => Period::Year(year),
            p => p,
        };
        let gender = Gender::parse(get(cols[0])).ok_or_else(|| err("gender", format!("`{}` is not T (or Alla), K or M", get(cols[0]))))?;
        let regi = match get(cols[5]) {
            "" | "alla" | "Alla" => None,
            r => Some(Regi::parse(r).ok_or_else(|| err("regi", format!("`{r}` is not egen or extern (empty: all regier)")))?),
        };
        let raw_value = get(cols[1]);
        let value = match raw_value {
            "" => None,
            v => Some(parse_number(v).ok_or_else(|| err("value", format!("`{v}` is not a number")))?),
        };
        let status = match get(cols[2]) {
            "" if value.is_none() => OutcomeStatus::Missing,
            s => OutcomeStatus::parse(s).ok_or_else(|| err("status", format!("`{s}` is not final, preliminary or missing")))?,
        };
        let comparison = Comparison::parse(get(cols[3])).map_err(|e| err("municipality", e.to_string()))?;
        let note = Some(get(cols[4]).to_string()).filter(|n| !n.is_empty());
        let outcome = Outcome { indicator: indicator.to_string(), period, gender, comparison, regi, value, status, note };
        outcome.validate().map_err(|e| err("value", e.to_string()))?;
        let key = (outcome.indicator.clone(), period, gender, outcome.comparison.clone(), regi);
        if !seen.insert(key) {
            let regi = regi.map(|r| format!(" {}", r.as_str())).unwrap_or_default();
            return Err(err("indicator", format!("a second outcome for {indicator} {period} {}{regi}", gender.as_str())));
        }
        outcomes.push(outcome);
    }
    Ok(outcomes)
}

/// Writes outcomes in the format [`parse`] reads.
pub fn write(outcomes: &[Outcome]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(COLUMNS).expect("write to memory");
    for o in outcomes {
        let value = o.value.map(|v| v.to_string()).unwrap_or_default();
        w.write_record([
            o.indicator.as_str(),
            &o.period.to_string(),
            o.gender.as_str(),
            &value,
            o.status.as_str(),
            o.comparison.code(),
            o.note.as_deref().unwrap_or(""),
            o.regi.map(|r| r.as_str()).unwrap_or(""),
        ])
        .expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of UTF-8 strings")
}
