//! The one error type of the crate.

/// A malformed line (or an I/O failure) in a SIE file.
///
/// `line` is 1-based. The caller adds the file name when it reports the error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {message}", label_suffix(.label))]
pub struct SieError {
    /// 1-based line number of the offending line (for an unclosed voucher: the `#VER` line).
    pub line: usize,
    /// The record label (`#TRANS`, …) when the line had one.
    pub label: Option<String>,
    /// What is wrong, in English.
    pub message: String,
}

fn label_suffix(label: &Option<String>) -> String {
    match label {
        Some(l) => format!(" ({l})"),
        None => String::new(),
    }
}

impl SieError {
    pub(crate) fn new(line: usize, label: Option<&str>, message: impl Into<String>) -> Self {
        SieError { line, label: label.map(str::to_owned), message: message.into() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_with_and_without_label() {
        let e = SieError::new(12, Some("#TRANS"), "bad amount");
        assert_eq!(e.to_string(), "line 12 (#TRANS): bad amount");
        let e = SieError::new(3, None, "unexpected }");
        assert_eq!(e.to_string(), "line 3: unexpected }");
    }
}
