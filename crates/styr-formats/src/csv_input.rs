//! Reading CSV files: the size limit, the delimiter, and rows that may not span lines, so that a
//! missing closing quote is named where it opened instead of swallowing the rows after it.

use csv::StringRecord;

use crate::FormatError;
use crate::limits::{MAX_CSV_BYTES, check_size};

/// A CSV file whose delimiter is `,` or `;` (Swedish spreadsheets write `;`), chosen by which of the
/// two the header line has more of.
pub(crate) struct CsvInput<'a> {
    text: &'a str,
    file: &'a str,
    delimiter: u8,
    reader: csv::Reader<&'a [u8]>,
    pub headers: StringRecord,
}

impl<'a> CsvInput<'a> {
    /// Checks the size and reads the header row.
    pub(crate) fn open(text: &'a str, file: &'a str) -> Result<Self, FormatError> {
        check_size(text, file, MAX_CSV_BYTES, "CSV")?;
        let first_line = text.lines().next().unwrap_or_default();
        let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).trim(csv::Trim::All).from_reader(text.as_bytes());
        let headers = reader.headers().map_err(|e| FormatError::new(file, Some(1), "", format!("cannot read the header: {e}")))?.clone();
        let mut input = CsvInput { text, file, delimiter, reader, headers: StringRecord::new() };
        input.single_line(&headers, 1)?;
        input.headers = headers;
        Ok(input)
    }

    /// The next row and the line it is on.
    pub(crate) fn next_row(&mut self) -> Option<Result<(usize, StringRecord), FormatError>> {
        let mut record = StringRecord::new();
        match self.reader.read_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line() as usize);
                Some(self.single_line(&record, line).map(|()| (line, record)))
            }
            Err(e) => Some(Err(self.malformed(&e))),
        }
    }

    /// The name of column `i` as messages give it.
    fn column_name(&self, i: usize) -> String {
        self.headers.get(i).filter(|h| !h.is_empty()).map_or_else(|| format!("column {}", i + 1), str::to_string)
    }

    /// A quoted value that runs over a line end is almost always a missing closing quote: refuse it
    /// at the line where the quote opened (the row's first line, as no earlier value spans lines).
    fn single_line(&self, record: &StringRecord, line: usize) -> Result<(), FormatError> {
        let Some(i) = record.iter().position(|v| v.contains(['\n', '\r'])) else { return Ok(()) };
        let column = if line == 1 { format!("column {}", i + 1) } else { self.column_name(i) };
        Err(FormatError::new(self.file, Some(line), column, UNCLOSED))
    }

    fn malformed(&self, e: &csv::Error) -> FormatError {
        let line = e.position().map(|p| p.line() as usize);
        let row_text = e.position().and_then(|p| self.text.get(p.byte() as usize..)).and_then(|t| t.lines().next()).unwrap_or("");
        if let Some(i) = unclosed_quote(row_text, self.delimiter) {
            return FormatError::new(self.file, line, self.column_name(i), UNCLOSED);
        }
        match e.kind() {
            csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
                FormatError::new(self.file, line, "", format!("this row has {len} values; the header has {expected_len} columns"))
            }
            csv::ErrorKind::Utf8 { .. } => FormatError::new(self.file, line, "", "the row is not UTF-8 text"),
            _ => FormatError::new(self.file, line, "", format!("malformed CSV: {e}")),
        }
    }
}

const UNCLOSED: &str = "a quoted value opens on this line and is not closed on it; is a closing `\"` missing? (a value may not span lines)";

/// The column (from 0) in which a quote opens and is still open at the end of `line`.
fn unclosed_quote(line: &str, delimiter: u8) -> Option<usize> {
    let (mut column, mut in_quotes, mut opened_in, mut at_field_start) = (0, false, 0, true);
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_quotes {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    in_quotes = false;
                }
            }
        } else if b == delimiter {
            column += 1;
            at_field_start = true;
            i += 1;
            continue;
        } else if b == b'"' && at_field_start {
            in_quotes = true;
            opened_in = column;
        }
        if b != b' ' {
            at_field_start = false;
        }
        i += 1;
    }
    in_quotes.then_some(opened_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_quote_is_found_in_its_column() {
        assert_eq!(unclosed_quote("hme,2023,T,1,final,,\"no end", b','), Some(6));
        assert_eq!(unclosed_quote("hme;\"a;b\";\"c\"\"d\"", b';'), None);
        assert_eq!(unclosed_quote("hme,\"2023,T", b','), Some(1));
        assert_eq!(unclosed_quote("plain,5\"", b','), None, "a quote inside a value opens nothing");
    }
}
