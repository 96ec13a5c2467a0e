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
