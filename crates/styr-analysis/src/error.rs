//! What can stop an analysis. Everything else (missing outcomes, missing targets, texts that cannot
//! be read) is reported in the result instead, because a half-filled round is the normal case.

/// A plan, follow-up and round that do not fit together.
///
/// The file readers in `styr-formats` already reject most of these; the analysis checks them again
/// because it can be called with data built in code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnalysisError {
    #[error("the plan has no report round `{0}`")]
    UnknownRound(String),
    #[error("the follow-up is for round `{followup}`, not for round `{round}`")]
    FollowUpForOtherRound { followup: String, round: String },
    #[error("the follow-up assesses goal `{0}`, which is not in the plan")]
    UnknownGoal(String),
    #[error("goal `{goal}` is assessed as `{level}`, which is not a level of the scale `{scale}`")]
    UnknownAssessmentLevel { goal: String, level: String, scale: String },
    #[error("the assessment rule names level `{level}`, which is not an evaluated level of the scale `{scale}`")]
    RuleLevelNotOnScale { level: String, scale: String },
}
