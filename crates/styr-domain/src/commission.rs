//! Uppdrag: commissions from kommunfullmäktige or the nämnd to the förvaltning.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommissionOrigin {
    /// Kommunfullmäktige.
    Kf,
    #[serde(rename = "nämnd")]
    Namnd,
    /// Another origin, named in `source` (e.g. Lokalresursplan).
    Other,
}

impl CommissionOrigin {
    pub fn as_str(self) -> &'static str {
        match self {
            CommissionOrigin::Kf => "kf",
            CommissionOrigin::Namnd => "nämnd",
            CommissionOrigin::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "kf" => Some(CommissionOrigin::Kf),
            "nämnd" => Some(CommissionOrigin::Namnd),
            "other" => Some(CommissionOrigin::Other),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commission {
    pub id: String,
    pub origin: CommissionOrigin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The nämndmål the uppdrag belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    pub text: String,
    /// The heading the uppdrag is listed under, e.g. "Särskilda uppdrag – inriktning", "Projekt",
    /// "Uppdrag från nämnd"; uppdrag with the same group are printed together, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<chrono::NaiveDate>,
    /// Planned end (slutdatum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<chrono::NaiveDate>,
}

/// Status of an uppdrag or a risk measure in a report round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WorkStatus {
    #[serde(rename = "klart")]
    Done,
    #[serde(rename = "pågår")]
    InProgress,
    #[serde(rename = "ej_klart_i_år")]
    NotDoneThisYear,
    #[serde(rename = "ej_påbörjat")]
    NotStarted,
}

impl WorkStatus {
    pub const ALL: [WorkStatus; 4] = [WorkStatus::Done, WorkStatus::InProgress, WorkStatus::NotDoneThisYear, WorkStatus::NotStarted];

    pub fn key(self) -> &'static str {
        match self {
            WorkStatus::Done => "klart",
            WorkStatus::InProgress => "pågår",
            WorkStatus::NotDoneThisYear => "ej_klart_i_år",
            WorkStatus::NotStarted => "ej_påbörjat",
        }
    }
    /// The Swedish label printed in reports.
    pub fn label(self) -> &'static str {
        match self {
            WorkStatus::Done => "Klart",
            WorkStatus::InProgress => "Pågår",
            WorkStatus::NotDoneThisYear => "Ej klart i år",
            WorkStatus::NotStarted => "Ej påbörjat",
        }
    }
    pub fn parse(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}
