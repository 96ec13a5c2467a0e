//! YAML reading with the field path and line of the first error.

use serde::de::DeserializeOwned;

use crate::FormatError;

pub(crate) fn from_str<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, FormatError> {
    let de = serde_yaml_ng::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let field = e.path().to_string();
        let inner = e.into_inner();
        let (line, column) = inner.location().map(|l| (Some(l.line()), Some(l.column()))).unwrap_or((None, None));
        let message = strip_location(&inner.to_string());
        let field = if field == "." { String::new() } else { field };
        FormatError { file: file.to_string(), line, column, field, message }
    })
}

pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml_ng::to_string(value).expect("domain values serialize to YAML")
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
        let line = e.location().map(|l| l.line());
        FormatError::new(file, line, "", format!("not a YAML mapping: {}", strip_location(&e.to_string())))
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
