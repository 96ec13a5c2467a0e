//! NOT YET COMPILED: written against typst 0.15.1 (see ../shared/notes/stack.md), excluded from the
//! workspace until a build of typst completes here; the PDF test for `styr report --format pdf` waits
//! in `tests-pending-cli-report-pdf.rs` (to go into crates/styr-cli/tests/report.rs).
//!
//! The report as a PDF: typst markup generated from a [`styr_render::Document`] ([`markup`]),
//! compiled by the typst compiler as a library with its bundled fonts (no files, no packages, no
//! network), exported as a tagged PDF declaring PDF/UA-1 with language `sv`, title, bookmarks from
//! the headings, table header cells, alt text on every chart, and running headers as artifacts.
//! The document id and timestamp come from the data, so the same data gives the same bytes.
//!
//! This is the only crate of the workspace that depends on typst.

mod markup;
mod world;

pub use markup::markup;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Why a PDF could not be made: the compiler's diagnostics in words.
#[derive(Debug, thiserror::Error)]
#[error("the PDF could not be typeset: {0}")]
pub struct PdfError(pub String);

fn diagnostics(d: &[typst::diag::SourceDiagnostic]) -> String {
    d.iter()
        .map(|d| format!("{}{}", d.message, d.hints.iter().map(|h| format!(" (hint: {})", h.v)).collect::<String>()))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The document typeset as PDF/UA-1.
pub fn render(doc: &styr_render::Document) -> Result<Vec<u8>, PdfError> {
    let source = markup(doc);
    let world = world::ReportWorld::new(source);
    let warned = typst::compile::<PagedDocument>(&world);
    let compiled = warned.output.map_err(|e| PdfError(diagnostics(&e)))?;
    let standards = PdfStandards::new(&[PdfStandard::Ua_1]).map_err(|e| PdfError(e.message().to_string()))?;
    let options = PdfOptions {
        ident: Smart::Custom(doc.ident.clone()),
        creator: Smart::Custom(Some("styr".into())),
        timestamp: timestamp(&doc.date),
        standards,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&compiled, &options).map_err(|e| PdfError(diagnostics(&e)))
}

/// `2024-08-31` as midnight UTC of that day.
fn timestamp(date: &str) -> Option<Timestamp> {
    let mut parts = date.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    Datetime::from_ymd_hms(y as i32, m as u8, d as u8, 0, 0, 0).map(Timestamp::new_utc)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_timestamp_is_the_date() {
        assert!(super::timestamp("2024-08-31").is_some());
        assert!(super::timestamp("okänt").is_none());
    }
}
