//! Consistency checks: places where the texts, the numbers and the targets of a round do not fit
//! together. Each flag names its goal (and indicator) and says what is wrong in Swedish.

use serde::Serialize;
use styr_domain::{Direction, Indicator};

use crate::agreement::AssessmentComparison;
use crate::direction::margin;
use crate::indicator_status::{IndicatorAnalysis, TargetStatus};
use crate::proposal::Proposal;
use crate::round_period::PeriodSource;
use crate::swedish::{join_list, period, shorten, value};
use crate::text_claims::{Claim, TextClaim, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The motivation or analysis claims an etappmål was (not) reached; the numbers say otherwise.
    TextContradictsNumbers,
    /// An indicator of an assessed goal has no outcome for the round.
    MissingOutcome,
    /// Etappmål that get worse over the years, or a målvärde worse than an etappmål.
    TargetsWrongDirection,
    /// The assessment differs from the proposal and has no motivation.
    DifferenceWithoutMotivation,
    /// The trend typed in the follow-up is not the one the outcomes show.
    TrendContradictsNumbers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    /// Worth knowing, explained or expected (an IU outcome with a note, a delår round using last
    /// year's outcome).
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub severity: Severity,
    pub goal: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    pub message: String,
}

fn better(direction: Direction) -> &'static str {
    if direction == Direction::Lower { " (lägre värden är bättre)" } else { "" }
}

/// An indicator title in quotes, shortened for messages.
fn quoted(title: &str) -> String {
    format!("”{}”", shorten(title, 70))
}

/// (a) Text claims the numbers contradict.
pub(crate) fn text_flags(goal: &str, claims: &[TextClaim], indicators: &[IndicatorAnalysis], proposal: &Proposal) -> Vec<Flag> {
    let mut flags = Vec::new();
    for claim in claims.iter().filter(|c| c.verdict == Verdict::Contradicts) {
        let clause = shorten(&claim.clause, 160);
        let flag = |indicator: Option<String>, message: String| Flag {
            kind: FlagKind::TextContradictsNumbers,
            severity: Severity::Warning,
            goal: goal.to_string(),
            indicator,
            message,
        };
        let (reaching, evaluated) = (proposal.reaching, proposal.evaluated);
        match claim.claim {
            Claim::CountReached { count } => flags.push(flag(None, format!(
                "Texten säger att {count} av etappmålen nås («{clause}»), men {reaching} av {evaluated} indikatorer med utfall når sitt etappmål."
            ))),
            Claim::CountNotReached { count } => flags.push(flag(None, format!(
                "Texten säger att {count} av etappmålen inte nås («{clause}»), men {} av {evaluated} indikatorer med utfall når inte sitt etappmål.",
                evaluated - reaching
            ))),
            Claim::AllReached => flags.push(flag(None, format!(
                "Texten säger att samtliga etappmål nås («{clause}»), men bara {reaching} av {evaluated} indikatorer med utfall gör det."
            ))),
            named => {
                for id in &claim.contradicted {
                    let Some(ind) = indicators.iter().find(|i| &i.id == id) else { continue };
                    let (Some(v), Some(t)) = (ind.value, ind.etappmal) else { continue };
                    let (v, t, d) = (value(v, ind.decimals), value(t, ind.decimals), better(ind.direction.unwrap_or(Direction::None)));
                    let title = quoted(&ind.title);
                    let message = match named {
                        Claim::Reached => format!("Texten säger att etappmålet nås för {title} («{clause}»), men utfallet {v} når inte etappmålet {t}{d}."),
                        Claim::NotReached => format!("Texten säger att etappmålet inte nås för {title} («{clause}»), men utfallet {v} når etappmålet {t}{d}."),
                        Claim::Above => format!("Texten säger att {title} ligger över etappmålet («{clause}»), men utfallet {v} är lägre än etappmålet {t}."),
                        _ => format!("Texten säger att {title} ligger under etappmålet («{clause}»), men utfallet {v} är högre än etappmålet {t}."),
                    };
                    flags.push(flag(Some(id.clone()), message));
                }
            }
        }
    }
    flags
}

/// (b) Indicators of an assessed goal without an outcome for the round.
pub(crate) fn missing_outcome_flags(goal: &str, indicators: &[IndicatorAnalysis], round_year: i32) -> Vec<Flag> {
    indicators
        .iter()
        .filter_map(|ind| {
            let title = || quoted(&ind.title);
            let (severity, message) = match (ind.status, ind.period_source, ind.period) {
                (TargetStatus::NoOutcome, _, _) => match &ind.note {
                    Some(note) => {
                        (Severity::Info, format!("{} saknar utfall för {round_year} men målet bedöms. Notering: {}", title(), note.trim()))
                    }
                    None => (Severity::Warning, format!("{} saknar utfall för {round_year} men målet bedöms.", title())),
                },
                (_, Some(PeriodSource::EarlierFullYear), Some(p)) => (
                    Severity::Info,
                    format!("{} har inget utfall för {round_year} ännu; analysen använder utfallet för {}.", title(), period(p)),
                ),
                _ => return None,
            };
            Some(Flag { kind: FlagKind::MissingOutcome, severity, goal: goal.to_string(), indicator: Some(ind.id.clone()), message })
        })
        .collect()
}

/// (c) Targets that move the wrong way for the indicator's direction.
pub(crate) fn target_flags(goal: &str, ind: &Indicator) -> Vec<Flag> {
    let d = ind.direction.unwrap_or(Direction::None);
    if d == Direction::None {
        return Vec::new();
    }
    let fmt = |v: f64| value(v, ind.decimals);
    let direction_words = if d == Direction::Higher { "högre värden är bättre" } else { "lägre värden är bättre" };
    let title = || quoted(&ind.title);
    let flag = |message: String| Flag {
        kind: FlagKind::TargetsWrongDirection,
        severity: Severity::Warning,
        goal: goal.to_string(),
        indicator: Some(ind.id.clone()),
        message,
    };
    let worse = |a: f64, than: f64| margin(a, than, d).is_some_and(|m| m < 0.0);
    let etappmal: Vec<(i32, f64)> = ind.targets.etappmal.iter().map(|(y, v)| (*y, *v)).collect();
    let mut flags: Vec<Flag> = etappmal
        .windows(2)
        .filter(|w| worse(w[1].1, w[0].1))
        .map(|w| {
            let ((y1, v1), (y2, v2)) = (w[0], w[1]);
            let word = if v2 < v1 { "lägre" } else { "högre" };
            flag(format!("Etappmålet för {} är {word} {y2} ({}) än {y1} ({}) fast {direction_words}.", title(), fmt(v2), fmt(v1)))
        })
        .collect();
    if let Some((m, mv)) = ind.targets.malvarde.and_then(|m| Some((m, m.value?))) {
        let beaten: Vec<String> =
            etappmal.iter().filter(|(y, v)| *y <= m.year && worse(mv, *v)).map(|(y, v)| format!("{y} ({})", fmt(*v))).collect();
        if !beaten.is_empty() {
            flags.push(flag(format!(
                "Målvärdet för {} ({} år {}) är sämre än etappmålet för {} fast {direction_words}.",
                title(),
                fmt(mv),
                m.year,
                join_list(&beaten)
            )));
        }
    }
    flags
}

/// (d) A difference from the proposal without a motivation.
pub(crate) fn motivation_flag(goal: &str, cmp: &AssessmentComparison, proposal: &Proposal) -> Option<Flag> {
    (cmp.differs() && !cmp.has_motivation).then(|| Flag {
        kind: FlagKind::DifferenceWithoutMotivation,
        severity: Severity::Warning,
        goal: goal.to_string(),
        indicator: None,
        message: format!(
            "Bedömningen {} skiljer sig från förslaget {} men har ingen motivering.",
            cmp.level.label,
            proposal.level.as_ref().map_or("", |l| l.label.as_str())
        ),
    })
}

/// (e) A typed trend that the outcomes contradict (the computed one is used).
pub(crate) fn trend_flag(goal: &str, ind: &IndicatorAnalysis) -> Option<Flag> {
    let (typed, computed, change) = (ind.typed_trend?, ind.trend?, ind.change_since_previous.as_ref()?);
    Some(Flag {
        kind: FlagKind::TrendContradictsNumbers,
        severity: Severity::Warning,
        goal: goal.to_string(),
        indicator: Some(ind.id.clone()),
        message: format!(
            "Trenden för {} anges som {} men utfallet har {} från {} ({} → {}).",
            quoted(&ind.title),
            typed.as_str(),
            match computed {
                styr_domain::Trend::Increased => "ökat",
                styr_domain::Trend::Decreased => "minskat",
                styr_domain::Trend::Unchanged => "inte förändrats",
            },
            period(change.from),
            value(change.from_value, ind.decimals),
            value(ind.value.unwrap_or(change.from_value + change.change), ind.decimals),
        ),
    })
}
