//! The report as a document, independent of the output format: a [`Document`] of chapters and
//! blocks (headings, texts in Markdown, tables, signal-coloured assessments, charts), built by the
//! use case from what `styr-app` returns, and rendered here to one self-contained, accessible HTML
//! file ([`html::render`]) or by `styr-pdf` to a tagged PDF.
//!
//! - [`doc`]: the document model and the conversion of `styr_report` tables;
//! - [`typography`]: Swedish typography of numbers (thin no-break space, true minus);
//! - [`markdown`]: the Markdown subset of texts (bold, italics, lists, links, footnotes);
//! - [`chart`]: SVG charts with their text alternatives;
//! - [`html`]: the HTML renderer (inline CSS, landmarks, `<th scope>`, `lang="sv"`);
//! - [`manifest`]: every number and text with its place in the report, and the diff of two drafts;
//! - [`template`]: chapters, their order and titles, logo and signal colours per municipality.

pub mod chart;
pub mod doc;
pub mod html;
pub mod manifest;
pub mod markdown;
pub mod template;
pub mod typography;

pub use doc::{Block, Chapter, ChapterKind, DocCell, DocTable, Document};
pub use template::Template;
