//! The parts of a report round beyond assessments: prose chapters (titled Markdown sections, for
//! the whole nämnd or one organisation node), footnotes attached to what they explain, and the
//! figures a control found.

use serde::{Deserialize, Serialize};

/// A chapter of the report: sammanfattning, viktiga händelser, förväntad utveckling, rekrytering
/// och kompetensförsörjning, ekonomisk analys, … Sections are printed in the order given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProseSection {
    /// Unique within the round, e.g. `viktiga-handelser` or `handelser-aldre`.
    pub id: String,
    /// The heading as printed.
    pub title: String,
    /// The organisation node the section is about; none = the whole nämnd.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_unit: Option<String>,
    /// The text, Markdown.
    pub body: String,
}

/// What a footnote explains. Written `{ indicator: ID }`, `{ key_figure: ROW-ID }`,
/// `{ econ_line: LINE-ID }` or `{ section: SECTION-ID }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FootnoteTarget {
    /// An indicator of the plan (its row in the indicator table).
    Indicator(String),
    /// A row of a nyckeltal table of the plan.
    KeyFigure(String),
    /// A row of an economics table (a line of the committee's economics facts).
    EconLine(String),
    /// A prose section of the same round.
    Section(String),
}

impl FootnoteTarget {
    pub fn kind(&self) -> &'static str {
        match self {
            FootnoteTarget::Indicator(_) => "indicator",
            FootnoteTarget::KeyFigure(_) => "key_figure",
            FootnoteTarget::EconLine(_) => "econ_line",
            FootnoteTarget::Section(_) => "section",
        }
    }
    pub fn id(&self) -> &str {
        match self {
            FootnoteTarget::Indicator(id) | FootnoteTarget::KeyFigure(id) | FootnoteTarget::EconLine(id) | FootnoteTarget::Section(id) => {
                id
            }
        }
    }
    pub fn from_parts(kind: &str, id: String) -> Option<Self> {
        match kind {
            "indicator" => Some(FootnoteTarget::Indicator(id)),
            "key_figure" => Some(FootnoteTarget::KeyFigure(id)),
            "econ_line" => Some(FootnoteTarget::EconLine(id)),
            "section" => Some(FootnoteTarget::Section(id)),
            _ => None,
        }
    }
    /// The Swedish word printed in listings.
    pub fn label(&self) -> &'static str {
        match self {
            FootnoteTarget::Indicator(_) => "Indikator",
            FootnoteTarget::KeyFigure(_) => "Nyckeltal",
            FootnoteTarget::EconLine(_) => "Ekonomirad",
            FootnoteTarget::Section(_) => "Avsnitt",
        }
    }
}

/// A footnote of a round, attached to one indicator, table row or text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    /// Unique within the round.
    pub id: String,
    /// The mark printed in the table or text, e.g. `1` or `*`; none = numbered in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    pub on: FootnoteTarget,
    pub text: String,
}

/// A figure a control found, e.g. 8 dagar or 14 av 15 beslut.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlFigure {
    /// What was counted or measured, e.g. "Genomsnittlig handläggningstid"; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub value: f64,
    /// Free text unit: dagar, st, procent, …
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
}

impl ControlFigure {
    /// `8 dagar`, `12,5 procent`, in Swedish number format.
    pub fn text(&self) -> String {
        let number = crate::format_sv::number_trimmed(self.value, 2);
        let value = if self.unit.is_empty() { number } else { format!("{number} {}", self.unit) };
        match &self.label {
            Some(l) => format!("{l}: {value}"),
            None => value,
        }
    }
}
