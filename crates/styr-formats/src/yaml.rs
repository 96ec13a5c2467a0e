//! YAML through `serde-saphyr`, a parser that reports positions. Reading: the file is checked against
//! the [limits](crate::limits), read into its document type with the field path of the first
//! error, and every message is said in plain words with the line and column the parser gave.
//! [`Locator`] turns the field path of a domain rule into a line and column of the same file.

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::granit_parser::{self, Event};
use styr_domain::validation::{FieldPath, Segment, ValidationError, one_of};

use crate::FormatError;
use crate::limits::{MAX_YAML_BYTES, MAX_YAML_DEPTH, MAX_YAML_NODES, check_size};

/// Reads a YAML file of format `format` (its `format:` line) into `T`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str, file: &str, format: &str) -> Result<T, FormatError> {
    check_size(text, file, MAX_YAML_BYTES, "YAML")?;
    check_format(text, file, format)?;
    deserialize(text, file)
}

pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_saphyr::to_string(value).expect("domain values serialize to YAML")
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: MAX_YAML_DEPTH,
            flow_nesting_limit: MAX_YAML_DEPTH + 1,
            max_nodes: MAX_YAML_NODES,
            max_events: 3 * MAX_YAML_NODES,
        },
        with_snippet: false,
    }
}

fn deserialize<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, FormatError> {
    let mut path = None;
    let result = serde_saphyr::with_deserializer_from_str_with_options(text, options(), |de| {
        serde_path_to_error::deserialize(de).map_err(|e| {
            path = Some(e.path().to_string());
            e.into_inner()
        })
    });
    result.map_err(|e| {
        let path = path.filter(|p| p != ".").map(|p| FieldPath::parse(&p)).unwrap_or_default();
        error(text, file, path, &e)
    })
}

/// Checks the `format:` line before the rest of the file is read, so a wrong kind of file gets a clear message.
fn check_format(text: &str, file: &str, expected: &str) -> Result<(), FormatError> {
    #[derive(serde::Deserialize)]
    struct Header {
        format: Option<serde::de::IgnoredAny>,
    }
    let header: Header = deserialize(text, file)?;
    let found = header.format.and_then(|_| scalar_at(text, &FieldPath::root().key("format")));
    match found {
        Some((f, _)) if f == expected => Ok(()),
        Some((f, (line, column))) => Err(FormatError {
            column: Some(column),
            ..FormatError::new(file, Some(line), "format", format!("this is a `{f}` file; expected `{expected}`"))
        }),
        None => Err(FormatError::new(file, Some(1), "format", format!("missing `format: {expected}` line"))),
    }
}

/// Turns a parser or deserialization error into a message in plain words at the parser's position.
fn error(text: &str, file: &str, path: FieldPath, e: &serde_saphyr::Error) -> FormatError {
    use serde_saphyr::Error as E;
    let e = e.without_snippet();
    // serde names a key it could not follow `?`; the path up to it is what is known.
    let path = FieldPath::parse(&path.to_string().replace(".?", "").replace('?', ""));
    let mut field = path.clone();
    let given = || node_at(text, &path).map(|n| n.kind);
    let message = match e {
        E::SerdeUnknownVariant { variant, expected, .. } => {
            format!("unknown value `{variant}`, expected one of {}", one_of(expected.iter().copied()))
        }
        E::SerdeUnknownField { field: name, expected, .. } => {
            field = with_last_key(&path, name);
            format!("unknown field `{name}`, expected one of {}", one_of(expected.iter().copied()))
        }
        E::SerdeMissingField { field: name, .. } => {
            field = path.key(name);
            format!("the field `{name}` is missing")
        }
        E::DuplicateMappingKey { key, .. } => match key {
            Some(k) => {
                field = with_last_key(&path, k);
                format!("`{k}` is given twice in the same mapping")
            }
            None => "a key is given twice in the same mapping".to_string(),
        },
        E::SerdeInvalidType { unexpected, expected, .. } => invalid_type(unexpected, expected),
        E::SerdeInvalidValue { unexpected, expected, .. } => format!("{} is not {}", given_value(unexpected), words(expected)),
        E::SerdeInvalidLength { len, expected, .. } => format!("{len} values were given; expected {}", words(expected)),
        E::InvalidScalar { ty, .. } => match scalar_text(text, e).as_deref() {
            None | Some("" | "~" | "null") => format!("no value was given where {} is expected", words(ty)),
            Some(v) => format!("`{v}` is not {}", words(ty)),
        },
        E::Unexpected { expected, .. } => shape_mismatch(given(), expected),
        E::ExternallyTaggedEnumExpectedScalarOrMapping { .. } | E::InvalidCharNotSingleScalar { .. } => shape_mismatch(given(), "scalar"),
        E::Budget { breach, .. } => {
            field = FieldPath::root();
            budget(breach)
        }
        E::ExternalMessage { msg, .. } if msg.contains("recursion limit") => {
            field = FieldPath::root();
            budget(&BudgetBreach::Depth { depth: MAX_YAML_DEPTH + 1 })
        }
        E::Eof { .. } => "the file ends in the middle of a value".to_string(),
        E::Message { msg, .. } => plain_custom(msg),
        E::ExternalMessage { msg, .. } => format!("not valid YAML: {msg}"),
        other => without_position(&other.render_with_options(serde_saphyr::RenderOptions::new(&serde_saphyr::UserMessageFormatter))),
    };
    // A value rejected after it was read is best shown where the value starts; the parser's own
    // position is used for syntax errors, limits, unknown and repeated keys (the key itself).
    let by_path = match e {
        E::Budget { .. } | E::SerdeUnknownField { .. } | E::DuplicateMappingKey { .. } | E::ExternalMessage { .. } | E::Eof { .. } => None,
        _ if path.is_root() => None,
        _ => position(text, &path),
    };
    let (line, column) = match by_path.or_else(|| e.location().filter(|l| l.line() > 0).map(|l| (l.line() as usize, l.column() as usize))) {
        Some((line, column)) => (Some(clamp_line(text, line)), Some(column)),
        None => (None, None),
    };
    FormatError { file: file.to_string(), line, column, field: field.to_string(), message }
}

/// A parser message without the position it appends (` at line 28, column 23`): the error names the
/// position already.
fn without_position(msg: &str) -> String {
    match msg.rsplit_once(" at line ") {
        Some((head, tail)) if tail.split(", column ").all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) => head.to_string(),
        _ => msg.to_string(),
    }
}

/// `path` ending in the key `name`: serde's path sometimes holds the key already, sometimes not.
fn with_last_key(path: &FieldPath, name: &str) -> FieldPath {
    match path.segments().last() {
        Some(Segment::Key(k)) if k == name => path.clone(),
        _ => path.key(name),
    }
}

/// The parser expected one shape of value (`scalar`, `sequence start`, `mapping start` …) and found another.
fn shape_mismatch(given: Option<Kind>, expected: &str) -> String {
    let wanted = if expected.contains("sequence") || expected == "seq" {
        "a list"
    } else if expected.contains("mapping") || expected == "map" {
        "a mapping (`key: value` lines)"
    } else {
        "one value"
    };
    match given {
        Some(Kind::List) => format!("a list was given where {wanted} is expected"),
        Some(Kind::Mapping) => format!("a mapping was given where {wanted} is expected"),
        Some(Kind::Scalar) => format!("one value was given where {wanted} is expected"),
        None => format!("{wanted} is expected here"),
    }
}

/// The parser reports errors at the end of input one line past the last line.
fn clamp_line(text: &str, line: usize) -> usize {
    line.min(text.lines().count().max(1))
}

/// What kind of value serde expected, in words: "a list", "a mapping" or "one value".
fn expected_shape(expected: &str) -> &'static str {
    if expected.contains("sequence") || expected.contains("array") || expected.contains("tuple") {
        "a list"
    } else if expected.starts_with("struct ") || expected.contains("map") {
        "a mapping (`key: value` lines)"
    } else {
        "one value"
    }
}

fn invalid_type(unexpected: &str, expected: &str) -> String {
    let shape = expected_shape(expected);
    if unexpected.starts_with("sequence") {
        format!("a list was given where {shape} is expected")
    } else if unexpected.starts_with("map") {
        format!("a mapping was given where {shape} is expected")
    } else if unexpected.starts_with("unit") || unexpected.starts_with("null") {
        format!("no value was given where {} is expected", if shape == "one value" { words(expected) } else { shape.to_string() })
    } else if shape != "one value" {
        format!("one value ({}) was given where {shape} is expected", given_value(unexpected))
    } else {
        format!("{} is not {}", given_value(unexpected), words(expected))
    }
}

/// `string "x"` → `` `x` ``, `integer `5`` → `` `5` ``.
fn given_value(unexpected: &str) -> String {
    let inner = unexpected
        .split_once('"')
        .and_then(|(_, rest)| rest.rsplit_once('"').map(|(v, _)| v))
        .or_else(|| unexpected.split_once('`').and_then(|(_, rest)| rest.rsplit_once('`').map(|(v, _)| v)));
    match inner {
        Some(v) => format!("`{v}`"),
        None => unexpected.to_string(),
    }
}

/// Rust and serde names of expected values in words.
fn words(expected: &str) -> String {
    match expected {
        "f32" | "f64" | "floating point" | "a float" | "float" => "a number".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number of 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" | "integer" | "an integer" => "a whole number".into(),
        "a string" | "string" | "str" => "text".into(),
        "a boolean" | "bool" => "true or false".into(),
        other => other.to_string(),
    }
}

/// The scalar at an error's position, for messages that do not carry it.
fn scalar_text(text: &str, e: &serde_saphyr::Error) -> Option<String> {
    let offset = e.location()?.span().byte_offset()? as usize;
    let len = e.location()?.span().byte_len()? as usize;
    text.get(offset..offset + len).map(str::to_string)
}

/// Messages of value types that reject what they read: the domain's own are plain already; dates
/// get the form they should have.
fn plain_custom(msg: &str) -> String {
    const CHRONO: [&str; 6] = [
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is out of range",
        "input is not enough for unique date and time",
        "no possible date and time matching input",
    ];
    if CHRONO.contains(&msg) { format!("not a date such as 2023-12-31 ({msg})") } else { msg.to_string() }
}

fn budget(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Depth { .. } => {
            format!("lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep, the limit for styr files")
        }
        BudgetBreach::Nodes { .. } | BudgetBreach::Events { .. } => {
            format!("the file has more than {MAX_YAML_NODES} values, the limit for styr files")
        }
        other => format!("the file exceeds a parser limit: {other:?}"),
    }
}

/// Finds where the values that domain rules name are in a YAML text.
pub(crate) struct Locator<'a> {
    pub text: &'a str,
    pub file: &'a str,
}

impl Locator<'_> {
    /// The first broken rule, if any, as an error at the position of its value.
    pub(crate) fn first(&self, errors: Vec<ValidationError>) -> Result<(), FormatError> {
        match errors.into_iter().next() {
            Some(e) => Err(self.error(e)),
            None => Ok(()),
        }
    }

    /// A rule's error at the position of its value; a related value is named by its line.
    pub(crate) fn error(&self, e: ValidationError) -> FormatError {
        let mut message = e.message;
        if let Some((line, _)) = e.related.as_ref().and_then(|r| position(self.text, r)) {
            message.push_str(&format!(" (first on line {line})"));
        }
        self.at(&e.path, message)
    }

    /// An error about the value at `path`.
    pub(crate) fn at(&self, path: &FieldPath, message: impl Into<String>) -> FormatError {
        let (line, column) = position(self.text, path).map_or((None, None), |(l, c)| (Some(l), Some(c)));
        FormatError { file: self.file.to_string(), line, column, field: path.to_string(), message: message.into() }
    }
}

/// The line and column (both from 1) where the value at `path` starts, as the parser reports it.
/// A path into a list or map that is not in the file (a default) gives the nearest enclosing value.
pub(crate) fn position(text: &str, path: &FieldPath) -> Option<(usize, usize)> {
    let mut target = path.clone();
    loop {
        if let Some(node) = node_at(text, &target) {
            return Some(node.at);
        }
        if target.is_root() {
            return None;
        }
        target = target.parent();
    }
}

/// The scalar text at `path`, with its position.
fn scalar_at(text: &str, path: &FieldPath) -> Option<(String, (usize, usize))> {
    node_at(text, path).and_then(|n| n.scalar.map(|s| (s, n.at)))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    List,
    Mapping,
}

/// A value in the file as the parser reported it.
struct Node {
    kind: Kind,
    /// The text of a scalar.
    scalar: Option<String>,
    /// Line and column, both from 1.
    at: (usize, usize),
}

enum Frame {
    Map {
        path: FieldPath,
        key: Option<String>,
    },
    Seq {
        path: FieldPath,
        next: usize,
    },
    /// A list or mapping used as a mapping key: its content has no path.
    Key,
    /// A list or mapping off the way to the target, or inside a key.
    Skip,
}

/// Walks the parser's events to the value at `target`.
fn node_at(text: &str, target: &FieldPath) -> Option<Node> {
    let options = granit_parser::options! { block_nesting_limit: MAX_YAML_DEPTH + 2, flow_nesting_limit: MAX_YAML_DEPTH + 2 };
    let parser = granit_parser::Parser::new_from_str_with_options(text, options);
    let mut stack: Vec<Frame> = Vec::new();
    for item in parser {
        let (event, span) = item.ok()?;
        let at = (span.start.line(), span.start.col() + 1);
        let (is_node, opens) = match &event {
            Event::Scalar(..) | Event::Alias(..) => (true, false),
            Event::SequenceStart(..) | Event::MappingStart(..) => (true, true),
            Event::SequenceEnd | Event::MappingEnd => {
                if let (Some(Frame::Key), Some(Frame::Map { key, .. })) = (stack.pop(), stack.last_mut()) {
                    // A collection used as a key has ended; its value comes next.
                    *key = Some("?".into());
                }
                continue;
            }
            _ => continue,
        };
        if !is_node {
            continue;
        }
        // The node is a key, or a value at some path.
        let path = match stack.last_mut() {
            None => Some(FieldPath::root()),
            Some(Frame::Key | Frame::Skip) => None,
            Some(Frame::Seq { path, next }) => {
                *next += 1;
                Some(path.index(*next - 1))
            }
            Some(Frame::Map { key: key @ None, .. }) => {
                match &event {
                    Event::Scalar(value, ..) => *key = Some(value.to_string()),
                    _ => stack.push(Frame::Key),
                }
                continue;
            }
            Some(Frame::Map { path, key }) => Some(path.key(key.take().unwrap_or_default())),
        };
        let Some(path) = path else {
            if opens {
                stack.push(Frame::Skip);
            }
            continue;
        };
        if &path == target {
            let (kind, scalar) = match &event {
                Event::Scalar(value, ..) => (Kind::Scalar, Some(value.to_string())),
                Event::SequenceStart(..) => (Kind::List, None),
                Event::MappingStart(..) => (Kind::Mapping, None),
                _ => (Kind::Scalar, None),
            };
            return Some(Node { kind, scalar, at });
        }
        // Only descend where the target can be.
        let on_the_way = target.segments().starts_with(path.segments());
        match &event {
            Event::SequenceStart(..) if on_the_way => stack.push(Frame::Seq { path, next: 0 }),
            Event::MappingStart(..) if on_the_way => stack.push(Frame::Map { path, key: None }),
            Event::SequenceStart(..) | Event::MappingStart(..) => stack.push(Frame::Skip),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_come_from_the_parser() {
        let text = "format: x\nitems:\n  - id: von\n    name: A\n  - { id: von, name: B }\nmap: { 2023: 5 }\n";
        let p = |s: &str| position(text, &FieldPath::parse(s));
        assert_eq!(p("items[0].id"), Some((3, 9)));
        assert_eq!(p("items[1].id"), Some((5, 11)), "the second `id: von` is found, not the first");
        assert_eq!(p("items[1]"), Some((5, 5)));
        assert_eq!(p("map.2023"), Some((6, 14)));
        assert_eq!(p("items[1].missing"), Some((5, 5)), "an absent field: its mapping");
    }
}
