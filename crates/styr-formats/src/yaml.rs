//! YAML reading with the field path and line of the first error.

use serde::de::DeserializeOwned;

use crate::FormatError;

pub(crate) fn from_str<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, FormatError> {
    let de = serde_yaml_ng::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = inner.location().map(|l| (Some(l.line()), Some(l.column()))).unwrap_or((None, None));
        let message = strip_path(&strip_location(&inner.to_string()));
        let field = if field == "." { String::new() } else { field };
        // A value rejected after it was read (an invalid id, code or date) is reported by the parser at
        // the start of its mapping; point at the line that holds the rejected value instead.
        let value_line = line.and_then(|l| quoted(&message).and_then(|v| crate::error::line_of(text, v, l)));
        let (line, column) = match value_line {
            Some(v) if Some(v) != line => (Some(v), None),
            _ => (line.map(|l| clamp_line(text, l)), column),
        };
        FormatError { file: file.to_string(), line, column, field, message }
    })
}

pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml_ng::to_string(value).expect("domain values serialize to YAML")
}

/// The parser reports errors at the end of input one line past the last line.
fn clamp_line(text: &str, line: usize) -> usize {
    line.min(text.lines().count().max(1))
}

/// serde_yaml puts the path before some messages; the path is reported as the field already.
fn strip_path(msg: &str) -> String {
    match msg.split_once(": ") {
        Some((head, rest)) if !head.contains(' ') && (head.contains('.') || head.contains('[')) => rest.to_string(),
        _ => msg.to_string(),
    }
}

/// The first double-quoted string in a message, e.g. `X1` in `invalid Kolada KPI id: "X1" (…)`.
fn quoted(msg: &str) -> Option<&str> {
    let start = msg.find('"')? + 1;
    let len = msg[start..].find('"')?;
    (len > 0).then(|| &msg[start..start + len])
}

fn strip_location(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Checks the `format:` line before the rest of the file is read, so a wrong kind of file gets a clear message.
pub(crate) fn check_format(text: &str, file: &str, expected: &str) -> Result<(), FormatError> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<String>,
    }
    let header: Header = serde_yaml_ng::from_str(text).map_err(|e| {
        let line = e.location().map(|l| clamp_line(text, l.line()));
        FormatError::new(file, line, "", format!("not valid YAML: {}", strip_location(&e.to_string())))
    })?;
    match header.format.as_deref() {
        Some(f) if f == expected => Ok(()),
        Some(f) => Err(FormatError::new(
            file,
            crate::error::line_of(text, "format:", 1),
            "format",
            format!("this is a `{f}` file; expected `{expected}`"),
        )),
        None => Err(FormatError::new(file, Some(1), "format", format!("missing `format: {expected}` line"))),
    }
}
