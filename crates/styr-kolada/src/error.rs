//! What can go wrong talking to Kolada or reading saved responses.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum KoladaError {
    /// The server answered with an error status that is not worth retrying (4xx but 429).
    #[error("Kolada answered {status} for {url}: {body}")]
    Status { url: String, status: u16, body: String },
    /// 429 or 5xx on every attempt.
    #[error("Kolada answered {status} for {url} on all {attempts} attempts; try again later")]
    GaveUp { url: String, status: u16, attempts: u32 },
    /// No answer within the timeout, on every attempt.
    #[error("no answer from Kolada within {timeout:?} for {url} ({attempts} attempts): {message}")]
    Timeout { url: String, timeout: Duration, attempts: u32, message: String },
    /// A connection or transport failure.
    #[error("cannot reach Kolada at {url}: {message}")]
    Transport { url: String, message: String },
    /// The answer is not the JSON the API documents.
    #[error("the answer from {url} is not valid Kolada JSON: line {line}, column {column}: {message}")]
    Json { url: String, line: usize, column: usize, message: String },
    /// A saved response that cannot be read.
    #[error("{}: line {line}, column {column}: {message}", path.display())]
    File { path: PathBuf, line: usize, column: usize, message: String },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// A KPI id that Kolada does not know (Kolada answers an empty list, not 404).
    #[error("Kolada does not know the KPI {}", ids.join(", "))]
    UnknownKpi { ids: Vec<String> },
    /// Pagination that does not end.
    #[error("pagination from {url} did not end after {pages} pages")]
    Pagination { url: String, pages: usize },
}

pub type Result<T, E = KoladaError> = std::result::Result<T, E>;

impl KoladaError {
    pub(crate) fn json(url: &str, e: &serde_json::Error) -> Self {
        KoladaError::Json { url: url.to_string(), line: e.line(), column: e.column(), message: e.to_string() }
    }
}
