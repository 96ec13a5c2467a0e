//! `styr report --format pdf` end to end on the demo: Huddinge's verksamhetsberättelse 2023 and
//! Exempelkommun's delårsrapport per 31 August 2024 as PDF, read back with poppler-utils
//! (`pdftotext`, `pdfinfo`). Numbers as published with the characters styr emits (U+202F between
//! groups of thousands, U+2212 minus); the PDF is tagged, declares PDF/UA-1, has a title, language
//! `sv`, headings, tables with header cells and figures with alt text in its structure tree; the
//! running header carries the page number; two builds are byte-identical.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TempDir, ok};

const NNBSP: char = '\u{202F}';
const MINUS: char = '\u{2212}';

fn demo(dir: &TempDir) -> PathBuf {
    let db = dir.path("demo.db");
    ok(&db, &["demo"]);
    db
}

fn report(db: &Path, out: &Path, selection: &[&str]) -> String {
    let mut args = vec!["report"];
    args.extend_from_slice(selection);
    args.extend_from_slice(&["--format", "pdf", "-o", out.to_str().unwrap()]);
    ok(db, &args)
}

const HUDDINGE: [&str; 4] = ["--year", "2023", "--committee", "0126-von"];
const EXEMPEL: [&str; 6] = ["--year", "2024", "--round", "d2", "--committee", "9998-sn"];

/// A poppler-utils tool's stdout; fails the test when the tool fails.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} (poppler-utils) cannot run: {e}"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    // `pdfinfo -struct` prints some titles in the PDF's own encoding, not UTF-8.
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text(pdf: &Path) -> String {
    tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

/// `pdfinfo -struct` lines whose tag (the first word, `Figure:` when attributes follow) is `tag`.
fn tagged<'a>(structure: &'a str, tag: &str) -> Vec<&'a str> {
    structure.lines().filter(|l| l.split_whitespace().next().map(|w| w.trim_end_matches(':')) == Some(tag)).collect()
}

/// Every `/Alt` text of the PDF's structure tree. `pdfinfo` does not print them, and the tree sits
/// in compressed object streams: inflate every stream and decode the UTF-16 hex strings.
fn alt_texts(pdf: &[u8]) -> Vec<String> {
    use std::io::Read;
    let mut alts = Vec::new();
    let mut rest = pdf;
    while let Some(start) = find(rest, b"stream\n") {
        let body = &rest[start + 7..];
        let Some(end) = find(body, b"\nendstream") else { break };
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end]).read_to_end(&mut inflated).is_ok() {
            let mut s = &inflated[..];
            while let Some(i) = find(s, b"/Alt<FEFF") {
                let hex = &s[i + 9..];
                let close = find(hex, b">").unwrap_or(hex.len());
                let units: Vec<u16> =
                    hex[..close].chunks(4).filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok()).collect();
                alts.push(String::from_utf16_lossy(&units));
                s = &hex[close..];
            }
        }
        rest = &body[end + b"\nendstream".len()..];
    }
    alts
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Checks what every report must be as an accessible PDF, and returns the structure tree.
fn assert_accessible(pdf: &Path, title: &str) -> String {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(info.lines().any(|l| l.starts_with("Tagged:") && l.ends_with("yes")), "not tagged:\n{info}");
    assert!(info.lines().any(|l| l.starts_with("Title:") && l.contains(title)), "no title {title}:\n{info}");
    let meta = tool("pdfinfo", &["-meta", pdf.to_str().unwrap()]);
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>") || meta.contains("pdfuaid:part=\"1\""), "no PDF/UA-1 identification:\n{meta}");
    assert!(meta.contains("xml:lang=\"sv\"") || meta.contains("<dc:language><rdf:Bag><rdf:li>sv"), "no language sv:\n{meta}");
    let structure = tool("pdfinfo", &["-struct", pdf.to_str().unwrap()]);
    for tag in ["H1", "H2", "Table", "TR", "TH", "TD", "Figure", "TOC"] {
        assert!(!tagged(&structure, tag).is_empty(), "no {tag} in the structure tree");
    }
    structure
}

#[test]
fn huddinge_pdf_has_the_published_numbers_is_tagged_and_reproducible() {
    let dir = TempDir::new("report-huddinge-pdf");
    let db = demo(&dir);
    let (a, b) = (dir.path("a.pdf"), dir.path("b.pdf"));
    let said = report(&db, &a, &HUDDINGE);
    assert!(said.contains("Verksamhetsberättelse 2023"), "{said}");
    report(&db, &b, &HUDDINGE);
    let bytes = std::fs::read(&a).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    assert!(bytes == std::fs::read(&b).unwrap(), "two builds of the same data differ");

    let text = text(&a);
    // pdftotext prints the narrow no-break space (U+202F) that styr sets between groups of
    // thousands as a plain space; the minus sign stays U+2212.
    for n in [format!("{MINUS}3 593"), "1 402 123".to_string(), "77,45".to_string()] {
        assert!(text.contains(&n), "pdftotext lacks {n:?}");
    }
    assert!(!text.contains("-3 593"), "a hyphen-minus in a number");
    assert!(text.contains("Verksamhetsberättelse 2023 | 3"), "no running header with the page number");
    assert!(text.contains("Tre av nämndens åtta mål bedöms som i hög grad uppfyllda"), "the generated sentence");
    for chapter in ["Innehåll", "Samlad måluppfyllelse", "Mål och resultat", "Uppdrag", "Ekonomi", "Personal", "Intern kontroll"] {
        assert!(text.contains(chapter), "no chapter {chapter}");
    }

    let structure = assert_accessible(&a, "Verksamhetsberättelse 2023");
    let figures = tagged(&structure, "Figure");
    assert!(figures.len() >= 8, "a trend chart per indicator and the economics charts: {figures:?}");
    let alts = alt_texts(&bytes);
    assert!(alts.len() >= figures.len(), "a figure without alt text: {} figures, {} alt texts", figures.len(), alts.len());
    assert!(alts.iter().any(|a| a.starts_with("Linjediagram, ")), "no trend chart's alt text: {alts:?}");
    assert!(alts.iter().any(|a| a.starts_with("Stapeldiagram, ")), "no bar chart's alt text: {alts:?}");
    assert!(
        alts.iter().any(|a| a.contains(&format!("LSS/SFB {MINUS}3{NNBSP}055"))),
        "a verksamhet's deviation in a chart's alt text: {alts:?}"
    );
    // The running header is an artifact: it is not in the structure tree's text.
    let struct_text = tool("pdfinfo", &["-struct-text", a.to_str().unwrap()]);
    assert!(!struct_text.contains("Verksamhetsberättelse 2023 | 3"), "the running header is tagged as content");
}

#[test]
fn exempelkommun_delarsrapport_pdf_holds_every_part() {
    let dir = TempDir::new("report-exempel-pdf");
    let db = demo(&dir);
    let out = dir.path("delar.pdf");
    report(&db, &out, &EXEMPEL);
    let text = text(&out);
    assert!(text.contains("Delårsrapport augusti 2024 | 2"), "no running header with the page number");
    assert!(text.contains("2024-08-31"), "the date of the round on the title page");
    for chapter in ["Innehåll", "Samlad måluppfyllelse", "Mål och resultat", "Ekonomi"] {
        assert!(text.contains(chapter), "no chapter {chapter}");
    }
    assert!(!text.contains('\u{FFFD}'), "a character the fonts lack");
    let structure = assert_accessible(&out, "Delårsrapport augusti 2024");
    assert!(tagged(&structure, "H2").len() >= 2, "goals as headings below the chapter");
}
