//! File formats styr reads and writes (see `docs/formats.md`): plan, follow-up, economics and
//! personnel YAML files and the outcomes CSV. Every reader checks the whole file before anything is
//! stored and names the file, line and field of the first problem it finds.

pub mod economics_file;
pub mod error;
pub mod followup_file;
pub mod ledger_csv;
pub mod ledger_mapping_file;
pub mod outcomes_csv;
pub mod personnel_file;
pub mod plan_file;
pub mod validate;
mod yaml;

pub use error::FormatError;

/// A CSV reader for a file whose delimiter is `,` or `;` (Swedish spreadsheets write `;`), chosen
/// by which of the two the header line has more of.
pub(crate) fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' };
    csv::ReaderBuilder::new().delimiter(delimiter).trim(csv::Trim::All).from_reader(text.as_bytes())
}
