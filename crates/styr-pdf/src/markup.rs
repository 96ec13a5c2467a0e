//! Typst markup for a document. Every text from the data goes through
//! [`styr_render::markdown::escape`] or [`styr_render::markdown::string_literal`], so nothing in
//! the data is read as markup or code.

use std::fmt::Write;

use styr_render::doc::{Block, DocCell, DocTable, Document, Signal};
use styr_render::markdown::{escape, string_literal, to_typst};

const ACCENT: &str = "#1b4f72";

/// The typst source of the whole report.
pub fn markup(doc: &Document) -> String {
    let mut m = String::with_capacity(128 * 1024);
    let _ = write!(
        m,
        r##"#set document(title: {title}, author: {author})
#set text(lang: "sv", region: "se", font: "Libertinus Serif", size: 10.5pt)
#set par(justify: false, leading: 0.6em)
#set heading(numbering: "1.1")
#show heading: set text(fill: rgb("{ACCENT}"))
#show heading.where(level: 1): it => {{ pagebreak(weak: true); v(0.5em); text(size: 18pt, it); v(0.4em) }}
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11pt)
#set table(stroke: (x, y) => (bottom: if y == 0 {{ 1pt }} else {{ 0.4pt + luma(180) }}), inset: (x: 4pt, y: 3pt))
#show table.cell.where(y: 0): set text(weight: "bold", hyphenate: true)
#show link: underline
#set page(
  paper: "a4",
  margin: (x: 2.2cm, top: 2.6cm, bottom: 2.2cm),
  header: context {{
    if counter(page).get().first() > 1 {{
      set text(size: 9pt, fill: luma(80))
      h(1fr)
      [{running} | #counter(page).display()]
    }}
  }},
)
"##,
        title = string_literal(&doc.title),
        author = string_literal(&doc.subtitle),
        running = escape(&doc.running_header),
    );
    if let Some(logo) = &doc.logo_svg {
        let _ = writeln!(m, "#image(bytes({}), format: \"svg\", height: 2cm, alt: \"Logotyp\")", string_literal(logo));
    }
    let _ = write!(
        m,
        "#v(6cm)\n#text(size: 28pt, fill: rgb(\"{ACCENT}\"), weight: \"bold\")[{}]\n\n#text(size: 14pt)[{}]\n\n#text(size: 12pt)[{}]\n\n#pagebreak()\n#outline(title: [Innehåll], depth: 2)\n\n",
        escape(&doc.title),
        escape(&doc.subtitle),
        escape(&doc.date)
    );
    for c in &doc.chapters {
        let _ = writeln!(m, "= {}\n", escape(&c.title));
        for b in &c.blocks {
            block(&mut m, b);
        }
    }
    m
}

fn signal(s: &Signal) -> String {
    format!(
        "#box(baseline: 1pt, circle(radius: 3.6pt, fill: rgb({}), stroke: 0.5pt + luma(80)))#h(3pt){}",
        string_literal(&s.color),
        escape(&s.label)
    )
}

fn block(m: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text } => {
            let _ = writeln!(m, "{} {}\n", "=".repeat((*level).clamp(2, 4) as usize), escape(text));
        }
        Block::Text { markdown } => {
            let _ = writeln!(m, "{}\n", to_typst(markdown));
        }
        Block::Labelled { label, markdown } => {
            let _ = writeln!(m, "#block(sticky: true, below: 0.5em)[#strong[{}]]\n{}\n", escape(label), to_typst(markdown));
        }
        Block::Signal { label, signal: s } => {
            let _ = writeln!(m, "#strong[{}:] {}\n", escape(label), signal(s));
        }
        Block::Table(t) => table(m, t),
        Block::Chart(c) => {
            let _ = writeln!(
                m,
                "#figure(image(bytes({}), format: \"svg\", width: 75%, alt: {}), caption: [{}], kind: image, supplement: [Diagram])\n",
                string_literal(&c.svg),
                string_literal(&c.alt),
                escape(&c.caption)
            );
        }
    }
}

fn cell(c: &DocCell) -> String {
    let mut s = match &c.signal {
        Some(sig) => signal(sig),
        None => escape(&c.text),
    };
    if !c.markers.is_empty() {
        let _ = write!(s, "#super[{}]", escape(&plain_markers(&c.markers)));
    }
    format!("[{s}]")
}

/// `¹² *` → `12,*`: superscript digits as digits (typst sets them raised), markers joined by commas.
fn plain_markers(markers: &str) -> String {
    let sup = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    markers
        .split(' ')
        .filter(|m| !m.is_empty())
        .map(|m| m.chars().map(|c| sup.iter().position(|s| *s == c).map(|d| char::from(b'0' + d as u8)).unwrap_or(c)).collect::<String>())
        .collect::<Vec<_>>()
        .join(",")
}

/// The columns printed: the first, and every other with something in it. A column that is empty in
/// every row (no start date typed for any uppdrag) would only take room from the texts on paper.
fn shown_columns(t: &DocTable) -> Vec<usize> {
    (0..t.header.len())
        .filter(|&i| i == 0 || t.rows.iter().filter_map(|r| r.get(i)).any(|c| printed_len(c) > 0 || c.signal.is_some()))
        .collect()
}

fn table(m: &mut String, t: &DocTable) {
    let shown = shown_columns(t);
    let widths: Vec<Width> = shown.iter().map(|&i| column_width(t, i)).collect();
    let size = table_text_size(&widths);
    let columns: Vec<String> = widths.iter().map(Width::typst).collect();
    let align: Vec<&str> = shown.iter().map(|&i| if t.numeric.get(i) == Some(&true) { "right" } else { "left" }).collect();
    let _ = writeln!(m, "#block(sticky: true, below: 0.4em)[#strong[{}]]", escape(&t.caption));
    let _ = write!(
        m,
        "#[#set text(size: {size:.1}pt)\n#table(columns: ({},), align: ({},),\n  table.header(",
        columns.join(", "),
        align.join(", ")
    );
    for &i in &shown {
        let _ = write!(m, "[{}], ", escape(&t.header[i]));
    }
    m.push_str("),\n");
    for r in &t.rows {
        m.push_str("  ");
        for &i in &shown {
            let c = r.get(i).map(cell).unwrap_or_else(|| "[]".into());
            // The first column names the row, as `<th scope="row">` in the HTML.
            if i == 0 {
                let _ = write!(m, "pdf.header-cell(scope: \"row\", {c})");
            } else {
                m.push_str(&c);
            }
            m.push_str(", ");
        }
        m.push('\n');
    }
    m.push_str(")]\n");
    if !t.footnotes.is_empty() {
        m.push_str("#text(size: 8.5pt)[");
        for n in &t.footnotes {
            let _ = write!(m, "{} #linebreak() ", escape(n));
        }
        m.push_str("]\n");
    }
    m.push('\n');
}

/// Characters of a cell as printed (a signal by its label).
fn printed_len(c: &DocCell) -> usize {
    c.signal.as_ref().map(|s| s.label.chars().count() + 2).unwrap_or_else(|| c.text.chars().count() + c.markers.chars().count())
}

/// A column's width in em of the table's text, or a share of what the fixed columns leave.
enum Width {
    Em(f64),
    Fr(f64),
}

impl Width {
    fn typst(&self) -> String {
        match self {
            Width::Em(e) => format!("{e:.1}em"),
            Width::Fr(f) => format!("{f}fr"),
        }
    }
}

/// A column's width: a numeric or short column as wide as its longest figure (figures never wrap;
/// a long header word is hyphenated), the text columns share the rest by their text's length.
fn column_width(t: &DocTable, i: usize) -> Width {
    let cells: Vec<usize> = t.rows.iter().filter_map(|r| r.get(i)).map(printed_len).collect();
    let longest = cells.iter().copied().max().unwrap_or(0);
    let header_word = t.header[i].split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0).min(HEADER_WORD);
    if t.numeric.get(i) == Some(&true) || longest <= SHORT {
        Width::Em(longest.max(header_word) as f64 * 0.55 + 1.0)
    } else {
        let average = cells.iter().sum::<usize>() as f64 / cells.len().max(1) as f64;
        Width::Fr((average / 25.0).round().clamp(1.0, 4.0))
    }
}

/// The table's text size: 8.5 pt, smaller when the fixed columns would leave the text columns less
/// than [`TEXT_ROOM`] (a table with ten figure columns), never below 6.5 pt.
fn table_text_size(widths: &[Width]) -> f64 {
    let fixed: f64 = widths.iter().map(|w| if let Width::Em(e) = w { *e } else { 0.0 }).sum();
    let room = if widths.iter().any(|w| matches!(w, Width::Fr(_))) { TEXT_ROOM } else { 0.0 };
    (LINE_WIDTH_PT / (fixed + room)).clamp(6.5, 8.5)
}

/// The text width of an A4 page with the report's margins, in points.
const LINE_WIDTH_PT: f64 = 470.0;
/// Room in em kept for the text columns of a table.
const TEXT_ROOM: f64 = 14.0;
/// A header word longer than this is hyphenated rather than widening its column.
const HEADER_WORD: usize = 9;

/// A text column whose cells are at most this long is sized to its content, not stretched.
const SHORT: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[&[&str]], numeric: &[bool]) -> DocTable {
        DocTable {
            caption: "T".into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows: rows.iter().map(|r| r.iter().map(|c| DocCell::text(*c)).collect()).collect(),
            numeric: numeric.to_vec(),
            footnotes: Vec::new(),
        }
    }

    #[test]
    fn a_wide_table_gets_smaller_text_and_a_narrow_one_keeps_its_size() {
        let mut header = vec!["Resultaträkning"];
        header.extend(["Prognosförändring"; 9]);
        let mut row = vec!["Verksamhetens nettokostnad totalt"];
        row.extend(["\u{2212}1\u{202F}120\u{202F}900"; 9]);
        let mut numeric = vec![false];
        numeric.extend([true; 9]);
        let wide = table(&header, &[&row], &numeric);
        let widths: Vec<Width> = (0..10).map(|i| column_width(&wide, i)).collect();
        assert!(matches!(widths[0], Width::Fr(_)), "the label column takes the rest");
        let size = table_text_size(&widths);
        assert!((6.5..8.5).contains(&size), "{size}");

        let narrow = table(&["Mått", "2023"], &[&["Antal anställda", "1\u{202F}168"]], &[false, true]);
        let widths: Vec<Width> = (0..2).map(|i| column_width(&narrow, i)).collect();
        assert_eq!(table_text_size(&widths), 8.5);
    }

    #[test]
    fn columns_empty_in_every_row_are_left_out_and_rows_are_headed() {
        let t = table(&["Uppdrag", "Startdatum", "Status"], &[&["Utreda", "", "Klart"], &["Föreslå", "", ""]], &[false; 3]);
        assert_eq!(shown_columns(&t), vec![0, 2]);
        let mut m = String::new();
        super::table(&mut m, &t);
        assert!(!m.contains("Startdatum"), "{m}");
        assert!(m.contains("pdf.header-cell(scope: \"row\", [Utreda])"), "{m}");
    }
}
