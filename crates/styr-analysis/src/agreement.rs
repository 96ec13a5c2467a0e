//! The published (human) assessment of a goal against the computed proposal: do they agree, by how
//! many steps do they differ, and which indicators explain the difference.

use serde::Serialize;
use styr_domain::{Assessment, SignalScale};

use crate::error::AnalysisError;
use crate::indicator_status::{IndicatorAnalysis, TargetStatus};
use crate::proposal::{LevelRef, Proposal};
use crate::swedish::join_list;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Agree,
    /// The assessment is higher on the scale than the proposal.
    HumanHigher,
    /// The assessment is lower on the scale than the proposal.
    HumanLower,
    /// Different levels of which one is outside the ordinal scale ("Ej utvärderad").
    Differ,
    /// There is no proposal to compare with.
    NoProposal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentComparison {
    pub level: LevelRef,
    pub agreement: Agreement,
    /// Human rank minus proposed rank, when both are on the ordinal scale.
    pub rank_difference: Option<i32>,
    /// Indicators that pull towards the human level: those not reaching etappmål when the human
    /// level is higher, those reaching when it is lower.
    pub drivers: Vec<String>,
    /// Indicators without an outcome for the round, which the numbers cannot speak for.
    pub without_outcome: Vec<String>,
    pub has_motivation: bool,
    /// The comparison in Swedish.
    pub explanation: String,
}

impl AssessmentComparison {
    pub fn differs(&self) -> bool {
        matches!(self.agreement, Agreement::HumanHigher | Agreement::HumanLower | Agreement::Differ)
    }
}

/// Compares an assessment that has a level (`level_key`) with the proposal.
pub(crate) fn compare(
    assessment: &Assessment,
    level_key: &str,
    proposal: &Proposal,
    indicators: &[IndicatorAnalysis],
    scale: &SignalScale,
) -> Result<AssessmentComparison, AnalysisError> {
    let level = LevelRef::of(scale, level_key).ok_or_else(|| AnalysisError::UnknownAssessmentLevel {
        goal: assessment.goal.clone(),
        level: level_key.to_string(),
        scale: scale.id.clone(),
    })?;
    let ids_with =
        |status: TargetStatus| -> Vec<String> { indicators.iter().filter(|i| i.status == status).map(|i| i.id.clone()).collect() };
    let without_outcome = ids_with(TargetStatus::NoOutcome);
    let (agreement, rank_difference) = match &proposal.level {
        None => (Agreement::NoProposal, None),
        Some(p) if p.key == level.key => (Agreement::Agree, Some(0)),
        Some(p) => match (level.rank, p.rank) {
            (Some(h), Some(r)) => {
                let d = h as i32 - r as i32;
                (if d > 0 { Agreement::HumanHigher } else { Agreement::HumanLower }, Some(d))
            }
            _ => (Agreement::Differ, None),
        },
    };
    let drivers = match agreement {
        Agreement::HumanHigher => ids_with(TargetStatus::NotReached),
        Agreement::HumanLower => ids_with(TargetStatus::Reached),
        Agreement::Differ => without_outcome.clone(),
        Agreement::Agree | Agreement::NoProposal => Vec::new(),
    };
    let has_motivation = !assessment.motivation.trim().is_empty();
    let mut comparison =
        AssessmentComparison { level, agreement, rank_difference, drivers, without_outcome, has_motivation, explanation: String::new() };
    comparison.explanation = explain(&comparison, proposal);
    Ok(comparison)
}

fn explain(c: &AssessmentComparison, proposal: &Proposal) -> String {
    let (level, agreement) = (&c.level.label, c.agreement);
    let proposed = proposal.level.as_ref().map_or("inget förslag", |l| l.label.as_str());
    let mut parts = vec![match agreement {
        Agreement::Agree => format!("Bedömningen {level} stämmer med förslaget."),
        Agreement::NoProposal => format!("Bedömningen är {level}; det finns inget förslag att jämföra med."),
        Agreement::Differ => format!("Bedömningen {level} skiljer sig från förslaget {proposed}."),
        Agreement::HumanHigher | Agreement::HumanLower => {
            let d = c.rank_difference.unwrap_or_default().abs();
            let steps = if d == 1 { "ett steg".to_string() } else { format!("{d} steg") };
            let direction = if agreement == Agreement::HumanHigher { "högre" } else { "lägre" };
            format!("Bedömningen {level} är {steps} {direction} än förslaget {proposed}.")
        }
    }];
    if !c.drivers.is_empty() {
        let what = match agreement {
            Agreement::HumanHigher => "Når inte etappmålet",
            Agreement::HumanLower => "Når etappmålet",
            _ => "Utan utfall",
        };
        parts.push(format!("{what}: {}.", join_list(&c.drivers)));
    }
    if !c.without_outcome.is_empty() && agreement != Agreement::Differ {
        parts.push(format!("Utan utfall: {}.", join_list(&c.without_outcome)));
    }
    if c.differs() && !c.has_motivation {
        parts.push("Motivering saknas.".to_string());
    }
    parts.join(" ")
}
