//! The report as one self-contained HTML file: inline CSS, inline SVG charts, landmarks (`header`,
//! `nav`, `main`), `<th scope>` on every header cell, `lang="sv"`. Also the web app's preview:
//! [`render`] takes the document and returns the page.

use std::fmt::Write;

use crate::doc::{Block, DocTable, Document, Signal};
use crate::markdown;

const CSS: &str = "\
body{font-family:'Libertinus Serif',Georgia,serif;color:#1a1a1a;max-width:60rem;margin:0 auto;padding:1rem 2rem;line-height:1.45}\
header.title{border-bottom:2px solid #1b4f72;margin-bottom:1.5rem}\
h1{font-size:2rem;margin:.5rem 0}h2{color:#1b4f72;margin-top:2.5rem}h3{margin-top:1.8rem}\
nav ol{padding-left:1.4rem}\
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem;width:100%}\
caption{text-align:left;font-weight:bold;padding:.3rem 0}\
th,td{border-bottom:1px solid #bbb;padding:.25rem .4rem;vertical-align:top;text-align:left}\
thead th{border-bottom:2px solid #333;background:#eef2f5}\
tbody th{font-weight:normal}\
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
.signal{display:inline-block;width:.8em;height:.8em;border-radius:50%;border:1px solid #555;margin-right:.35em;vertical-align:-.05em}\
.notes{font-size:.85rem;margin:.2rem 0 1rem}.notes p{margin:.1rem 0}\
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-style:italic;font-size:.9rem}\
.label{font-weight:bold;margin-bottom:0}.label+div p:first-child{margin-top:.2rem}\
footer{margin-top:3rem;border-top:1px solid #bbb;font-size:.85rem}";

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The document as a complete HTML page.
pub fn render(doc: &Document) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} – {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(&doc.title),
        esc(&doc.subtitle)
    );
    h.push_str("<header class=\"title\">\n");
    if let Some(logo) = &doc.logo_svg {
        let _ = writeln!(h, "<div class=\"logo\" role=\"img\" aria-label=\"Logotyp\">{logo}</div>");
    }
    let _ = writeln!(h, "<h1>{}</h1>\n<p>{}</p>\n<p>{}</p>\n</header>", esc(&doc.title), esc(&doc.subtitle), esc(&doc.date));
    h.push_str("<nav aria-label=\"Innehåll\">\n<h2>Innehåll</h2>\n<ol>\n");
    for (i, c) in doc.chapters.iter().enumerate() {
        let _ = writeln!(h, "<li><a href=\"#kap-{}\">{}</a></li>", i + 1, esc(&c.title));
    }
    h.push_str("</ol>\n</nav>\n<main>\n");
    for (i, c) in doc.chapters.iter().enumerate() {
        let _ = writeln!(h, "<section aria-labelledby=\"kap-{n}\">\n<h2 id=\"kap-{n}\">{n}. {}</h2>", esc(&c.title), n = i + 1);
        for b in &c.blocks {
            block(&mut h, b);
        }
        h.push_str("</section>\n");
    }
    let _ = writeln!(h, "</main>\n<footer><p>{} | {}</p></footer>\n</body>\n</html>", esc(&doc.running_header), esc(&doc.date));
    h
}

fn signal(h: &mut String, s: &Signal) {
    let _ = write!(h, "<span class=\"signal\" style=\"background:{}\" aria-hidden=\"true\"></span>{}", esc(&s.color), esc(&s.label));
}

fn block(h: &mut String, b: &Block) {
    match b {
        Block::Heading { level, text } => {
            let l = (*level + 1).clamp(3, 6);
            let _ = writeln!(h, "<h{l}>{}</h{l}>", esc(text));
        }
        Block::Text { markdown: md } => h.push_str(&markdown::to_html(md)),
        Block::Labelled { label, markdown: md } => {
            let _ = writeln!(h, "<p class=\"label\">{}</p>\n<div>{}</div>", esc(label), markdown::to_html(md));
        }
        Block::Signal { label, signal: s } => {
            let _ = write!(h, "<p><strong>{}:</strong> ", esc(label));
            signal(h, s);
            h.push_str("</p>\n");
        }
        Block::Table(t) => table(h, t),
        Block::Chart(c) => {
            let _ = writeln!(h, "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>", c.svg, esc(&c.caption));
        }
    }
}

fn table(h: &mut String, t: &DocTable) {
    let _ = writeln!(h, "<table>\n<caption>{}</caption>\n<thead><tr>", esc(&t.caption));
    for (i, c) in t.header.iter().enumerate() {
        let class = if t.numeric.get(i) == Some(&true) { " class=\"num\"" } else { "" };
        let _ = write!(h, "<th scope=\"col\"{class}>{}</th>", esc(c));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        h.push_str("<tr>");
        for (i, c) in r.iter().enumerate() {
            let num = t.numeric.get(i) == Some(&true);
            let (open, close) = if i == 0 { ("<th scope=\"row\"", "</th>") } else { ("<td", "</td>") };
            let _ = write!(h, "{open}{}>", if num { " class=\"num\"" } else { "" });
            match &c.signal {
                Some(s) => signal(h, s),
                None => h.push_str(&esc(&c.text)),
            }
            if !c.markers.is_empty() {
                let _ = write!(h, "<sup>{}</sup>", esc(&c.markers));
            }
            h.push_str(close);
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
    if !t.footnotes.is_empty() {
        h.push_str("<div class=\"notes\">");
        for n in &t.footnotes {
            let _ = write!(h, "<p>{}</p>", esc(n));
        }
        h.push_str("</div>\n");
    }
}
