//! Offline mode: saved responses in the API's own JSON format, and the cache's file names.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::error::{KoladaError, Result};
use crate::model::{DataRow, Kpi, Page};

/// What one saved file holds.
#[derive(Debug)]
pub enum SavedFile {
    Values(Vec<DataRow>),
    Kpis(Vec<Kpi>),
}

/// One file of a directory of saved responses.
#[derive(Debug)]
pub struct Saved {
    pub path: PathBuf,
    /// From the `.url` file beside it (the cache writes one), else the file's modification time.
    pub fetched_at: DateTime<Utc>,
    /// The URL it was fetched from, when known.
    pub url: Option<String>,
    pub content: SavedFile,
}

/// The `.json` files of a directory, in name order.
pub fn json_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |source| KoladaError::Io { path: dir.to_path_buf(), source };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads one saved response: a page of values (`/data`, `/oudata`) or of KPI metadata (`/kpi`).
pub fn read_file(path: &Path) -> Result<Saved> {
    let io = |source| KoladaError::Io { path: path.to_path_buf(), source };
    let bytes = std::fs::read(path).map_err(io)?;
    let content = parse(&bytes).map_err(|e| KoladaError::File {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let sidecar = std::fs::read_to_string(path.with_extension("url")).ok();
    let mut lines = sidecar.as_deref().unwrap_or("").lines();
    let url = lines.next().map(str::to_string).filter(|u| !u.is_empty());
    let fetched_at = match lines.next().and_then(|t| DateTime::parse_from_rfc3339(t.trim()).ok()) {
        Some(t) => t.with_timezone(&Utc),
        None => std::fs::metadata(path).and_then(|m| m.modified()).map(DateTime::<Utc>::from).map_err(io)?,
    };
    Ok(Saved { path: path.to_path_buf(), fetched_at, url, content })
}

/// Values pages first (the bulk of any directory); a page whose items have no `kpi` but an `id` is
/// KPI metadata. The error is the values parser's unless the file reads as metadata.
fn parse(bytes: &[u8]) -> Result<SavedFile, serde_json::Error> {
    match serde_json::from_slice::<Page<DataRow>>(bytes) {
        Ok(p) => Ok(SavedFile::Values(p.values)),
        Err(e) => serde_json::from_slice::<Page<Kpi>>(bytes).map(|p| SavedFile::Kpis(p.values)).map_err(|_| e),
    }
}

/// The cache's file name of a URL: FNV-1a (64 bit) in hex, stable across builds.
pub fn cache_key(url: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}
