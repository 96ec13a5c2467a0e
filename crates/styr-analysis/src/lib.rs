//! Indicator analysis and computed goal-assessment proposals for a report round (issue 3).
//!
//! Given a plan, its outcomes and (optionally) the round's follow-up, [`analyse_round`] computes:
//!
//! - per indicator ([`indicator_status`]): the outcome used for the round, status against the
//!   year's etappmål in the indicator's direction, margin, changes, målvärde distance with a trend
//!   projection ([`trend`]), K/M values and comparisons with Riket, the län or groups;
//! - per goal ([`proposal`]): a proposed level from the plan's assessment rule, compared with the
//!   published assessment ([`agreement`]), and the etappmål claims in its texts ([`text_claims`]);
//! - per nämnd ([`summary`]): the samlad måluppfyllelse as counts and a Swedish sentence;
//! - consistency flags ([`consistency`]).
//!
//! Pure computation: no I/O, no clock, no async. Outcomes are indexed once ([`outcome_index`]).

pub mod agreement;
pub mod consistency;
mod direction;
pub mod error;
pub mod indicator_status;
pub mod outcome_index;
pub mod proposal;
pub mod round_analysis;
pub mod round_period;
pub mod summary;
pub mod swedish;
pub mod text_claims;
pub mod trend;

#[cfg(test)]
mod test_support;

pub use agreement::{Agreement, AssessmentComparison};
pub use consistency::{Flag, FlagKind, Severity};
pub use error::AnalysisError;
pub use indicator_status::{IndicatorAnalysis, Judgement, RegiValue, TargetStatus, TrendSource};
pub use outcome_index::OutcomeIndex;
pub use proposal::{LevelRef, Proposal, ProposalBasis, REQUIRED_RULE_MISSING};
pub use round_analysis::{GoalAnalysis, RoundAnalysis, RoundInfo, analyse_round, analyse_round_indexed};
pub use round_period::{PeriodSource, RoundPeriod};
pub use summary::{CommitteeSummary, GoalLevelCount, LevelCounts, goal_count_sentence, goal_count_sentence_of};
pub use text_claims::{Claim, TextClaim, Verdict};
pub use trend::Projection;
