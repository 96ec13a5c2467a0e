//! The domain model of styr: what a Swedish care committee plans, follows up and reports.
//!
//! Plain data types with serde derives and their invariants; no I/O. Storage, file formats,
//! computations and renderers depend on this crate, never the reverse.

pub mod agenda2030;
pub mod assessment_rule;
pub mod commission;
pub mod control;
pub mod economics;
pub mod followup;
pub mod format_sv;
pub mod goals;
pub mod indicator;
pub mod key_figures;
pub mod ledger_mapping;
pub mod org;
pub mod period;
pub mod personnel;
pub mod plan;
pub mod region;
pub mod report_parts;
pub mod scale;
pub mod validation;

pub use assessment_rule::{AssessmentRule, RuleMethod, Threshold};
pub use commission::{Commission, CommissionOrigin, WorkStatus};
pub use control::{AuditReference, ControlPoint, Frequencies, Frequency, Risk, RiskOrigin};
pub use economics::{Amount, AmountError, EconomicFacts};
pub use followup::{Assessment, CommissionFollowUp, ControlResult, FollowUp, IndicatorFollowUp, RiskFollowUp};
pub use goals::{Agenda2030Target, Goal, GoalArea, GoalLevel, GoalNode, KfGoal};
pub use indicator::{
    Comparison, Direction, Gender, Indicator, IndicatorSource, KpiId, OuId, Outcome, OutcomeStatus, TableColumn, TargetValue, Targets,
    Trend, Unit,
};
pub use key_figures::{KeyFigure, KeyFigureTable};
pub use org::{Committee, CommitteeKey, Municipality, MunicipalityCode, OrgUnit, Regi};
pub use period::{Period, ReportRound, RoundKind};
pub use personnel::{PersonnelFacts, PersonnelMeasure, PersonnelStat};
pub use plan::Plan;
pub use report_parts::{ControlFigure, Footnote, FootnoteTarget, ProseSection};
pub use scale::{ScaleLevel, SignalScale};
pub use validation::{FieldPath, ValidationError};

/// A short, stable, human-chosen identifier used in files, history keys and URLs: 1 to 80 ASCII
/// lower-case letters, digits, `-` and `_` (`[a-z0-9_-]{1,80}`), as docs/formats.md says.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 80 && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'))
}

/// Errors raised when a value cannot be built valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// Said as "`X1` is not a valid Kolada KPI id; expected a capital letter and five digits, e.g. U23516".
    #[error("{} a valid {what}; expected {expected}", if value.is_empty() { "not".to_string() } else { format!("`{value}` is not") })]
    Invalid { what: &'static str, value: String, expected: &'static str },
}

pub(crate) fn invalid(what: &'static str, value: impl Into<String>, expected: &'static str) -> DomainError {
    DomainError::Invalid { what, value: value.into(), expected }
}
