use std::path::PathBuf;

/// Why an input could not be read or a computation not be run. Every message names the file, and
/// for a bad value the line (CSV; the header is line 1) or row (Parquet, from 1) and the column.
#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    #[error("{}: {source}", file.display())]
    Io { file: PathBuf, source: std::io::Error },
    /// The file's columns do not match the table's schema (checked before any row is read).
    #[error("{}: {message}", file.display())]
    Schema { file: PathBuf, message: String },
    /// A value that breaks the schema.
    #[error("{}, {place} {number}, column {column}: {message}", file.display())]
    Value { file: PathBuf, place: &'static str, number: u64, column: String, message: String },
    /// A file that is not valid CSV or Parquet.
    #[error("{}: {message}", file.display())]
    Format { file: PathBuf, message: String },
    /// Options or an input folder that cannot be used as given.
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T, E = MeasureError> = std::result::Result<T, E>;
