//! Domain rules that go beyond what a single value can check: ids that are well formed and unique
//! within their kind, references that resolve, targets and shares within range.
//!
//! The rules work on the plain domain types and return every problem found, each with the
//! [`FieldPath`] of the value at fault (`goal_areas[0].kf_goals[1].goals[1].indicators[3].id`). They
//! know nothing of files: a file format turns a path into a line and column, a web form into the
//! input field to mark.

mod economics;
mod followup;
mod ledger_mapping;
mod path;
mod personnel;
mod plan;

use std::collections::BTreeMap;
use std::fmt;

pub use economics::{economic_facts, economic_references};
pub use followup::{followup, footnote_econ_lines};
pub use ledger_mapping::ledger_mapping;
pub use path::{FieldPath, Segment};
pub use personnel::{personnel_facts, personnel_org_units};
pub use plan::plan;

use crate::is_valid_id;

/// One broken rule: where, and what is wrong in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The value at fault.
    pub path: FieldPath,
    /// What is wrong, e.g. "indicator id `matsvinn` is used twice".
    pub message: String,
    /// Another value the problem involves, e.g. the first use of a repeated id.
    pub related: Option<FieldPath>,
}

impl ValidationError {
    pub fn new(path: FieldPath, message: impl Into<String>) -> Self {
        ValidationError { path, message: message.into(), related: None }
    }

    pub fn with_related(mut self, related: FieldPath) -> Self {
        self.related = Some(related);
        self
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_root() { f.write_str(&self.message) } else { write!(f, "field `{}`: {}", self.path, self.message) }
    }
}

impl std::error::Error for ValidationError {}

/// The words used for an id that breaks the id rule.
pub(crate) const ID_RULE: &str = "use 1 to 80 of a-z, 0-9, - and _";

/// Collects errors; the rules push into it in the order a reader meets the values.
#[derive(Default)]
pub(crate) struct Errors(Vec<ValidationError>);

impl Errors {
    pub(crate) fn push(&mut self, path: FieldPath, message: impl Into<String>) {
        self.0.push(ValidationError::new(path, message));
    }

    pub(crate) fn push_error(&mut self, e: ValidationError) {
        self.0.push(e);
    }

    pub(crate) fn into_vec(self) -> Vec<ValidationError> {
        self.0
    }
}

/// Checks that ids are well formed and unique within one kind (`kind` names it in messages).
pub(crate) struct UniqueIds<'a> {
    kind: &'a str,
    seen: BTreeMap<String, FieldPath>,
}

impl<'a> UniqueIds<'a> {
    pub(crate) fn new(kind: &'a str) -> Self {
        UniqueIds { kind, seen: BTreeMap::new() }
    }

    /// Checks the id at `path`.
    pub(crate) fn check(&mut self, errors: &mut Errors, id: &str, path: FieldPath) {
        self.check_key(errors, id, id.to_string(), path, "is used twice");
    }

    /// Checks `id` for form, and `key` (the id, or the id with a year …) for uniqueness.
    pub(crate) fn check_key(&mut self, errors: &mut Errors, id: &str, key: String, path: FieldPath, twice: &str) {
        let kind = self.kind;
        if !is_valid_id(id) {
            errors.push(path, format!("`{id}` is not a valid {kind} id ({ID_RULE})"));
            return;
        }
        match self.seen.get(&key) {
            Some(first) => errors.push_error(ValidationError::new(path, format!("{kind} id `{id}` {twice}")).with_related(first.clone())),
            None => {
                self.seen.insert(key, path);
            }
        }
    }
}

/// "`a`, `b`, `c`": allowed values as a message lists them.
pub fn one_of<'s>(values: impl IntoIterator<Item = &'s str>) -> String {
    values.into_iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}
