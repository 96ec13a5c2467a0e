//! The document model: what a report says, in order, without layout.

use serde::{Deserialize, Serialize};

use crate::chart::Chart;
use crate::typography;

/// A report ready to render: its title, running header and chapters.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// "Verksamhetsberättelse 2023", "Delårsrapport augusti 2024".
    pub title: String,
    /// The nämnd and municipality: "Vård- och omsorgsnämnden, Huddinge kommun".
    pub subtitle: String,
    /// The text left of the page number in the running header.
    pub running_header: String,
    /// The date the report speaks for (`2024-08-31`), printed on the title page and used as the
    /// PDF's timestamp, so the same data gives the same bytes.
    pub date: String,
    /// A stable identifier of the report (committee, year, round), the PDF's document id.
    pub ident: String,
    /// A logo as SVG text, printed on the title page.
    pub logo_svg: Option<String>,
    pub chapters: Vec<Chapter>,
}

/// Which part of a report a chapter is; the template orders and titles them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChapterKind {
    /// The round's summary and prose sections.
    Summary,
    /// Samlad måluppfyllelse: every assessed goal with its signal, and the generated sentence.
    GoalOverview,
    /// Per assessed goal: bedömning, texts, indicator table, charts.
    Goals,
    Commissions,
    KeyFigures,
    Economics,
    Personnel,
    InternalControl,
}

impl ChapterKind {
    pub const ALL: [ChapterKind; 8] = [
        ChapterKind::Summary,
        ChapterKind::GoalOverview,
        ChapterKind::Goals,
        ChapterKind::Commissions,
        ChapterKind::KeyFigures,
        ChapterKind::Economics,
        ChapterKind::Personnel,
        ChapterKind::InternalControl,
    ];

    /// The default title.
    pub fn title_sv(self) -> &'static str {
        match self {
            ChapterKind::Summary => "Sammanfattning",
            ChapterKind::GoalOverview => "Samlad måluppfyllelse",
            ChapterKind::Goals => "Mål och resultat",
            ChapterKind::Commissions => "Uppdrag",
            ChapterKind::KeyFigures => "Nyckeltal",
            ChapterKind::Economics => "Ekonomi",
            ChapterKind::Personnel => "Personal",
            ChapterKind::InternalControl => "Intern kontroll",
        }
    }
}

/// A chapter: a numbered top-level heading and its blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chapter {
    pub kind: ChapterKind,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A part of a chapter.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading below the chapter's: level 2 (a section, a goal) or 3.
    Heading {
        level: u8,
        text: String,
    },
    /// Text in Markdown (see [`crate::markdown`]).
    Text {
        markdown: String,
    },
    /// A labelled text: "Motivering", "Analys", "Genomfört arbete".
    Labelled {
        label: String,
        markdown: String,
    },
    /// An assessment: the signal with its label ("Bedömning: ● Delvis uppfyllt").
    Signal {
        label: String,
        signal: Signal,
    },
    Table(DocTable),
    Chart(Chart),
}

/// A level of the signal scale as printed: its label and colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signal {
    pub label: String,
    /// `#rrggbb`.
    pub color: String,
}

/// A table as printed: caption, header, rows of typeset cells, which columns are numeric (right
/// aligned), and the footnotes under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocTable {
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<DocCell>>,
    pub numeric: Vec<bool>,
    pub footnotes: Vec<String>,
}

/// A cell: its text (numbers already typeset), footnote markers, and a signal for a level.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocCell {
    pub text: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub markers: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signal: Option<Signal>,
}

impl DocCell {
    pub fn text(s: impl Into<String>) -> DocCell {
        DocCell { text: s.into(), markers: String::new(), signal: None }
    }
}

impl DocTable {
    /// A `styr_report` table typeset: numbers with thin spaces and minus signs, numeric columns
    /// right-aligned, an empty numeric cell in a row that has other figures printed `–`, footnote
    /// markers in superscript.
    pub fn from_table(t: &styr_report::Table) -> DocTable {
        let width = t.header.len();
        let numeric: Vec<bool> = (0..width)
            .map(|c| {
                let cells: Vec<&str> = t.rows.iter().filter_map(|r| r.get(c)).map(|x| x.text.trim()).filter(|s| !s.is_empty()).collect();
                c > 0 && !cells.is_empty() && cells.iter().all(|s| typography::is_number(s) || *s == typography::MISSING || *s == "-")
            })
            .collect();
        let rows = t
            .rows
            .iter()
            .map(|r| {
                let has_figures = r.iter().enumerate().any(|(c, x)| numeric.get(c) == Some(&true) && !x.text.trim().is_empty());
                r.iter()
                    .enumerate()
                    .map(|(c, x)| {
                        // A missing value is printed `–`: typed as `-` (IU) or not stored in a row with figures.
                        let text = if numeric[c] && (x.text.trim() == "-" || (x.text.trim().is_empty() && has_figures)) {
                            typography::MISSING.to_string()
                        } else {
                            typography::number(&x.text)
                        };
                        let markers = x.footnotes.iter().map(|m| styr_report::TableNote::printed(m)).collect::<Vec<_>>().join(" ");
                        DocCell { text, markers, signal: None }
                    })
                    .collect()
            })
            .collect();
        let footnotes = t.footnote_lines();
        DocTable { caption: t.title.clone(), header: t.header.clone(), rows, numeric, footnotes }
    }
}

impl Document {
    /// Every table of the document, with its chapter.
    pub fn tables(&self) -> impl Iterator<Item = (&Chapter, &DocTable)> {
        self.chapters.iter().flat_map(|c| {
            c.blocks.iter().filter_map(move |b| match b {
                Block::Table(t) => Some((c, t)),
                _ => None,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use styr_report::{Cell, Table};

    #[test]
    fn numeric_columns_are_found_and_typeset() {
        let mut t = Table::new("Drift", vec!["Rad".into(), "Budget".into(), "Utfall".into(), "Kommentar".into()]);
        t.push(vec![Cell::stored("Intäkter"), Cell::stored("1 402 123"), Cell::stored(""), Cell::stored("Se not")]);
        t.push(vec![Cell::stored("Kostnader"), Cell::stored("-3 593"), Cell::stored("-0,5"), Cell::stored("")]);
        t.push(vec![Cell::stored("IU"), Cell::stored("-"), Cell::stored("2"), Cell::stored("")]);
        t.push(vec![Cell::stored("Rubrik"), Cell::stored(""), Cell::stored(""), Cell::stored("")]);
        t.note_row(1, "1", "Rättad.");
        let d = DocTable::from_table(&t);
        assert_eq!(d.numeric, vec![false, true, true, false]);
        assert_eq!(d.rows[0][1].text, "1\u{202F}402\u{202F}123");
        assert_eq!(d.rows[0][2].text, "–", "missing in a row with figures");
        assert_eq!(d.rows[1][1].text, "\u{2212}3\u{202F}593");
        assert_eq!(d.rows[1][0].markers, "¹");
        assert_eq!(d.rows[2][1].text, "–", "a value marked missing (IU)");
        assert_eq!(d.rows[3][1].text, "", "a heading row stays blank");
        assert_eq!(d.rows[1][3].text, "", "text columns stay blank");
        assert_eq!(d.footnotes, vec!["¹ Rättad."]);
    }
}
