//! The Markdown of texts (motivering, analys, prose chapters): paragraphs, **bold**, *italics*,
//! lists, links and footnotes (`[^1]` … `[^1]: text`). Raw HTML in a text is shown as text, never
//! passed through. Rendered to HTML here and to typst markup for the PDF.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Raw HTML as text; headings inside a text as bold paragraphs (the document's headings are its own).
fn events(md: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(md, options()).map(|e| match e {
        Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
        Event::Start(Tag::Heading { .. }) => Event::Start(Tag::Strong),
        Event::End(TagEnd::Heading(_)) => Event::End(TagEnd::Strong),
        e => e,
    })
}

/// A text as HTML (numbers typeset; footnotes as a list at the end with links both ways).
pub fn to_html(md: &str) -> String {
    let mut out = String::new();
    // Headings became bold text: wrap it in a paragraph so the HTML stays well formed.
    let mut in_heading_para = false;
    let evs: Vec<Event<'_>> = Parser::new_ext(md, options())
        .flat_map(|e| match e {
            Event::Html(s) | Event::InlineHtml(s) => vec![Event::Text(s)],
            Event::Start(Tag::Heading { .. }) => {
                in_heading_para = true;
                vec![Event::Start(Tag::Paragraph), Event::Start(Tag::Strong)]
            }
            Event::End(TagEnd::Heading(_)) if in_heading_para => {
                in_heading_para = false;
                vec![Event::End(TagEnd::Strong), Event::End(TagEnd::Paragraph)]
            }
            Event::Text(t) => vec![Event::Text(CowStr::from(typeset_text(&t)))],
            e => vec![e],
        })
        .collect();
    pulldown_cmark::html::push_html(&mut out, evs.into_iter());
    out
}

/// Numbers inside running text typeset like table cells (`-3 593 tkr` → `−3 593 tkr`).
pub fn typeset_text(t: &str) -> String {
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let digit = |x: Option<char>| x.is_some_and(|x| x.is_ascii_digit());
        match c {
            // A group separator: a digit before, exactly three digits after.
            ' ' if digit(prev) && (1..=3).all(|k| digit(chars.get(i + k).copied())) && !digit(chars.get(i + 4).copied()) => {
                out.push(crate::typography::THIN_NBSP)
            }
            ' ' if digit(prev) && next == Some('%') => out.push('\u{a0}'),
            '-' if digit(next) && !prev.is_some_and(|p| p.is_alphanumeric() || p == '-') => out.push(crate::typography::MINUS),
            c => out.push(c),
        }
    }
    out
}

/// A text as typst markup.
pub fn to_typst(md: &str) -> String {
    let defs = footnote_definitions(md);
    let mut out = String::new();
    let mut skip_depth = 0usize; // inside a footnote definition (printed at its reference)
    let mut lists: Vec<Option<u64>> = Vec::new();
    for e in events(md) {
        if skip_depth > 0 {
            match e {
                Event::Start(Tag::FootnoteDefinition(_)) => skip_depth += 1,
                Event::End(TagEnd::FootnoteDefinition) => skip_depth -= 1,
                _ => {}
            }
            continue;
        }
        match e {
            Event::Start(Tag::FootnoteDefinition(_)) => skip_depth = 1,
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => out.push_str(if lists.is_empty() { "\n\n" } else { " " }),
            Event::Start(Tag::Strong) => out.push_str("#strong["),
            Event::Start(Tag::Emphasis) => out.push_str("#emph["),
            Event::Start(Tag::Strikethrough) => out.push_str("#strike["),
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough) => out.push(']'),
            Event::Start(Tag::List(start)) => {
                match start {
                    Some(n) => out.push_str(&format!("#enum(start: {n}, ")),
                    None => out.push_str("#list("),
                }
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                out.push_str(")\n");
                if lists.is_empty() {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => out.push('['),
            Event::End(TagEnd::Item) => out.push_str("], "),
            Event::Start(Tag::Link { dest_url, .. }) => out.push_str(&format!("#link({})[", string_literal(&dest_url))),
            Event::End(TagEnd::Link) => out.push(']'),
            Event::Text(t) => out.push_str(&escape(&typeset_text(&t))),
            Event::Code(t) => out.push_str(&format!("#raw({})", string_literal(&t))),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::FootnoteReference(label) => match defs.get(label.as_ref()) {
                Some(text) => out.push_str(&format!("#footnote[{text}]")),
                None => out.push_str(&escape(&format!("[^{label}]"))),
            },
            Event::Rule => out.push_str("#line(length: 100%)\n\n"),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Each footnote definition's text as typst markup, by label.
fn footnote_definitions(md: &str) -> BTreeMap<String, String> {
    let mut defs = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    for e in events(md) {
        match e {
            Event::Start(Tag::FootnoteDefinition(label)) => current = Some((label.to_string(), String::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((l, t)) = current.take() {
                    defs.insert(l, t.trim().to_string());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push_str(&escape(&typeset_text(&t)));
                }
            }
            Event::SoftBreak | Event::End(TagEnd::Paragraph) => {
                if let Some((_, s)) = current.as_mut() {
                    s.push(' ');
                }
            }
            _ => {}
        }
    }
    defs
}

/// Text for typst markup: every ASCII punctuation character escaped, so nothing in a text is
/// read as markup.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A typst string literal.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_has_bold_lists_links_and_no_raw_html() {
        let h = to_html("**Viktigt**: se [rapporten](https://example.org).\n\n- ett\n- två\n\n<script>x</script>");
        assert!(h.contains("<strong>Viktigt</strong>"), "{h}");
        assert!(h.contains("<a href=\"https://example.org\">rapporten</a>"), "{h}");
        assert!(h.contains("<li>ett</li>"), "{h}");
        assert!(!h.contains("<script>"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
    }

    #[test]
    fn typst_escapes_and_marks_up() {
        let t = to_typst("Kostnad *#1* = 50 % av [a](https://x.se)[^n]\n\n[^n]: Källa: SCB.");
        assert_eq!(t, "Kostnad #emph[\\#1] \\= 50\u{a0}\\% av #link(\"https://x.se\")[a]#footnote[Källa\\: SCB\\.]");
    }

    #[test]
    fn numbers_in_text_are_typeset() {
        assert_eq!(
            typeset_text("ett underskott på -3 593 tkr, 8,3 % år 2023-08-31"),
            "ett underskott på \u{2212}3\u{202F}593 tkr, 8,3\u{a0}% år 2023-08-31"
        );
        assert_eq!(typeset_text("2022 2023 2024"), "2022 2023 2024");
    }
}
