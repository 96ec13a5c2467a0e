//! Limits on every input file, checked before or while it is parsed, so that a hostile or broken
//! file is refused at once with the limit named (see `docs/formats.md`, "Limits").

use crate::FormatError;

/// The largest YAML file styr reads: 8 MiB. The largest demo file (a follow-up with every text of
/// a verksamhetsberättelse) is 41 KB.
pub const MAX_YAML_BYTES: usize = 8 * 1024 * 1024;

/// How deeply lists and mappings may nest in a YAML file. A plan needs 12 levels for an
/// indicator's etappmål and two per level of the organisation tree, so 64 allows an organisation
/// about 30 levels deep.
pub const MAX_YAML_DEPTH: usize = 64;

/// The largest number of values (scalars, lists, mappings) in one YAML file: 4 million, more than
/// a file within [`MAX_YAML_BYTES`] can hold in practice.
pub const MAX_YAML_NODES: usize = 4_000_000;

/// The largest CSV file styr reads: 64 MiB (a ledger of 100 cost centres, 400 accounts and two
/// years is about 40 MB).
pub const MAX_CSV_BYTES: usize = 64 * 1024 * 1024;

/// Refuses a text longer than `limit` bytes before anything is parsed.
pub(crate) fn check_size(text: &str, file: &str, limit: usize, kind: &str) -> Result<(), FormatError> {
    if text.len() <= limit {
        return Ok(());
    }
    Err(FormatError::new(
        file,
        None,
        "",
        format!("the file is {} bytes; a {kind} file may be at most {} ({limit} bytes)", text.len(), mib(limit)),
    ))
}

/// Refuses a file of `len` bytes (from its metadata) before it is read into memory, when it is
/// larger than the largest input of any kind ([`MAX_CSV_BYTES`]); each format then applies its own
/// limit to the text.
pub fn check_file_size(len: u64, file: &str) -> Result<(), FormatError> {
    let limit = MAX_YAML_BYTES.max(MAX_CSV_BYTES);
    if len <= limit as u64 {
        return Ok(());
    }
    Err(FormatError::new(file, None, "", format!("the file is {len} bytes; styr reads files of at most {} ({limit} bytes)", mib(limit))))
}

pub(crate) fn mib(bytes: usize) -> String {
    format!("{} MiB", bytes / (1024 * 1024))
}
