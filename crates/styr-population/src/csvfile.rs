//! A population or projection as CSV: a header `region;år;ålder;kön;antal` (also `year`, `age`,
//! `sex`, `persons`; `;` or `,` as separator), one row per region, year, age and sex.

use std::io::Read;

use styr_forecast::Sex;

use crate::{Record, parse_age};

#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("{file}: the header lacks column `{column}` (has {present})")]
    Header { file: String, column: &'static str, present: String },
    #[error("{file}, row {row}, column {column}: {message}")]
    Cell { file: String, row: u64, column: String, message: String },
    #[error("{file}, row {row}: {message}")]
    Row { file: String, row: u64, message: String },
    #[error("{file}: {message}")]
    Read { file: String, message: String },
}

/// Reads every row; a blank count is missing and skipped (never 0), anything unparsable an error.
pub fn read<R: Read>(mut input: R, file: &str) -> Result<Vec<Record>, CsvError> {
    let mut text = String::new();
    input.read_to_string(&mut text).map_err(|e| CsvError::Read { file: file.to_string(), message: e.to_string() })?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() >= first.matches(',').count() { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| CsvError::Read { file: file.to_string(), message: e.to_string() })?.clone();
    let columns = Columns::find(&header.iter().collect::<Vec<_>>(), file)?;
    let mut out = Vec::new();
    for rec in reader.records() {
        let rec =
            rec.map_err(|e| CsvError::Row { file: file.to_string(), row: e.position().map_or(0, |p| p.line()), message: e.to_string() })?;
        let row = rec.position().map_or(0, |p| p.line());
        if let Some(r) = columns.record(|i| rec.get(i).unwrap_or_default(), file, row)? {
            out.push(r);
        }
    }
    Ok(out)
}

const COLUMNS: [(&str, &[&str]); 5] = [
    ("region", &["region", "kommun", "kommunkod"]),
    ("år", &["år", "ar", "year", "tid"]),
    ("ålder", &["ålder", "alder", "age"]),
    ("kön", &["kön", "kon", "sex"]),
    ("antal", &["antal", "persons", "folkmängd", "value"]),
];

/// Where the five columns are in a header row (a CSV file's or a spreadsheet's first row).
pub(crate) struct Columns([usize; 5]);

impl Columns {
    pub(crate) fn find(header: &[&str], file: &str) -> Result<Columns, CsvError> {
        let mut index = [0usize; 5];
        for (slot, (name, aliases)) in index.iter_mut().zip(COLUMNS) {
            *slot = header
                .iter()
                .position(|h| aliases.contains(&h.trim().trim_start_matches('\u{feff}').to_lowercase().as_str()))
                .ok_or_else(|| CsvError::Header { file: file.to_string(), column: name, present: header.join(", ") })?;
        }
        Ok(Columns(index))
    }

    /// The position of the region column.
    pub(crate) fn region(&self) -> usize {
        self.0[0]
    }

    /// The record of one row (`cell` gives a column's text by position); `None` when the count is
    /// blank (missing, never 0).
    pub(crate) fn record<'a>(&self, cell: impl Fn(usize) -> &'a str, file: &str, row: u64) -> Result<Option<Record>, CsvError> {
        let value = |i: usize| cell(self.0[i]).trim();
        let bad = |i: usize, message: &str| CsvError::Cell {
            file: file.to_string(),
            row,
            column: COLUMNS[i].0.to_string(),
            message: format!("`{}`: {message}", value(i)),
        };
        let persons = value(4).replace([' ', '\u{a0}', '\u{202f}'], "").replace(',', ".");
        if persons.is_empty() {
            return Ok(None);
        }
        let region = value(0);
        if region.is_empty() {
            return Err(bad(0, "a region code is needed"));
        }
        Ok(Some(Record {
            region: region.to_string(),
            year: value(1).parse().map_err(|_| bad(1, "expected a year"))?,
            age: parse_age(value(2)).ok_or_else(|| bad(2, "expected an age 0–100+"))?,
            sex: Sex::parse(value(3)).ok_or_else(|| bad(3, "expected m/k (or 1/2)"))?,
            persons: persons
                .parse::<f64>()
                .ok()
                .filter(|p| p.is_finite() && *p >= 0.0)
                .ok_or_else(|| bad(4, "expected a number of persons ≥ 0"))?,
        }))
    }
}

/// Writes records in the format [`read`] takes.
pub fn write<W: std::io::Write>(records: &[Record], out: W) -> Result<(), csv::Error> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    w.write_record(["region", "år", "ålder", "kön", "antal"])?;
    for r in records {
        let age = if r.age == styr_forecast::population::MAX_AGE { "100+".to_string() } else { r.age.to_string() };
        w.write_record([r.region.as_str(), &r.year.to_string(), &age, r.sex.as_str(), &r.persons.to_string()])?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolon_or_comma_with_swedish_headers_and_round_trips() {
        let r = read("region;år;ålder;kön;antal\n9998;2024;80;k;1 204\n9998;2024;100+;m;3\n9998;2025;80;k;\n".as_bytes(), "p.csv").unwrap();
        assert_eq!(r.len(), 2, "a blank count is missing");
        assert_eq!((r[0].persons, r[1].age, r[1].sex), (1204.0, 100, Sex::Male));
        let mut buf = Vec::new();
        write(&r, &mut buf).unwrap();
        assert_eq!(read(buf.as_slice(), "out.csv").unwrap(), r);
        let r = read("year,age,sex,persons,region\n2030,7,2,55.5,0126\n".as_bytes(), "p.csv").unwrap();
        assert_eq!((r[0].year, r[0].sex, r[0].persons), (2030, Sex::Female, 55.5));
    }

    #[test]
    fn errors_name_file_row_and_column() {
        let e = read("region;år;ålder;kön;antal\n9998;2024;80;k;10\n9998;2024;åttio;k;1\n".as_bytes(), "prognos.csv").unwrap_err();
        assert_eq!(e.to_string(), "prognos.csv, row 3, column ålder: `åttio`: expected an age 0–100+");
        let e = read("region;år;kön;antal\n".as_bytes(), "prognos.csv").unwrap_err().to_string();
        assert!(e.contains("prognos.csv") && e.contains("`ålder`"), "{e}");
        let e = read("region;år;ålder;kön;antal\n9998;2024;80;x;1\n".as_bytes(), "p.csv").unwrap_err().to_string();
        assert!(e.contains("row 2, column kön"), "{e}");
        let e = read("region;år;ålder;kön;antal\n9998;2024;80;k;-1\n".as_bytes(), "p.csv").unwrap_err().to_string();
        assert!(e.contains("column antal"), "{e}");
    }
}
