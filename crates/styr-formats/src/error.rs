use std::fmt;

/// A problem in an input file, located as precisely as the format allows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FormatError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field's path, e.g. `goal_areas[0].kf_goals[1].goals[0].indicators[2].direction`.
    pub field: String,
    pub message: String,
}

impl FormatError {
    pub fn new(file: &str, line: Option<usize>, field: impl Into<String>, message: impl Into<String>) -> Self {
        FormatError { file: file.to_string(), line, column: None, field: field.into(), message: message.into() }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
            if let Some(col) = self.column {
                write!(f, ", column {col}")?;
            }
        }
        if !self.field.is_empty() {
            write!(f, ", field `{}`", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// The 1-based line of the first line at or after `from_line` that contains `needle`.
pub(crate) fn line_of(text: &str, needle: &str, from_line: usize) -> Option<usize> {
    text.lines().enumerate().skip(from_line.saturating_sub(1)).find(|(_, l)| l.contains(needle)).map(|(i, _)| i + 1)
}

/// The line of the first `key: value` entry (value plain or quoted) in a YAML text.
pub(crate) fn line_of_entry(text: &str, key: &str, value: &str) -> Option<usize> {
    nth_line_of_entry(text, key, value, 1)
}

/// The line of the `n`th (1-based) `key: value` entry.
pub(crate) fn nth_line_of_entry(text: &str, key: &str, value: &str, n: usize) -> Option<usize> {
    let patterns = [format!("{key}: {value}"), format!("{key}: \"{value}\""), format!("{key}: '{value}'")];
    text.lines().enumerate().filter(|(_, l)| patterns.iter().any(|p| contains_entry(l, p))).nth(n.saturating_sub(1)).map(|(i, _)| i + 1)
}

fn contains_entry(line: &str, pattern: &str) -> bool {
    line.match_indices(pattern).any(|(i, _)| {
        let before_ok = line[..i].chars().next_back().is_none_or(|c| matches!(c, ' ' | '{' | '-'));
        let after_ok = line[i + pattern.len()..].chars().next().is_none_or(|c| matches!(c, ',' | ' ' | '}'));
        before_ok && after_ok
    })
}
