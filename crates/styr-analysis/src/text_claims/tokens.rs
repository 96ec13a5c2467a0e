//! Splitting assessment text into paragraphs, sentences, clauses and word tokens.
//!
//! Sentences end at `.`, `!` or `?` followed by space and a character that is not a lower-case
//! letter (so "t.ex. något" and "bl.a. att" stay together), and at every line break (the texts are
//! Markdown paragraphs and bullets). Clauses start at "men" and "medan", after `;`, and at "och"
//! right after a comma: in Swedish a comma before "och" joins clauses, never list items.

use std::borrow::Cow;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// `,` or `;`: kept because they separate list items and clauses.
    Punct,
}

#[derive(Debug, Clone)]
pub(crate) struct Token<'t> {
    pub kind: Kind,
    /// Lower-cased word, or the punctuation mark (borrowed from the text unless it had capitals).
    pub lower: Cow<'t, str>,
    /// Byte range in the text.
    pub span: Range<usize>,
    /// Whether the word as written has two or more capitals (HME, LSS, SoL, CO2e).
    pub acronym: bool,
}

impl Token<'_> {
    pub fn word(&self) -> &str {
        &self.lower
    }
}

/// A sentence as tokens, with clause boundaries as token ranges.
#[derive(Debug)]
pub(crate) struct Sentence<'t> {
    pub tokens: Vec<Token<'t>>,
    pub clauses: Vec<Range<usize>>,
    /// Byte range of the sentence in the text.
    pub span: Range<usize>,
}

impl Sentence<'_> {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text[self.span.clone()].trim()
    }
    /// The clause as written, without punctuation at its end.
    pub fn clause_text<'a>(&self, text: &'a str, clause: &Range<usize>) -> &'a str {
        let tokens = &self.tokens[clause.clone()];
        let last = tokens.iter().rev().find(|t| t.kind == Kind::Word).unwrap_or(&tokens[tokens.len() - 1]);
        &text[tokens[0].span.start..last.span.end]
    }
}

/// The text's paragraphs (lines), each as its sentences.
pub(crate) fn paragraphs(text: &str) -> Vec<Vec<Sentence<'_>>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split('\n') {
        let sentences: Vec<Sentence> = sentence_spans(line)
            .into_iter()
            .map(|r| (r.start + offset)..(r.end + offset))
            .filter_map(|span| {
                let tokens = words(text, span.clone());
                (!tokens.is_empty()).then(|| Sentence { clauses: clauses(&tokens), tokens, span })
            })
            .collect();
        if !sentences.is_empty() {
            out.push(sentences);
        }
        offset += line.len() + 1;
    }
    out
}

fn sentence_spans(line: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, c) in line.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let end = i + c.len_utf8();
        let rest = &line[end..];
        let next = rest.trim_start().chars().next();
        let at_space = rest.starts_with(char::is_whitespace) || rest.is_empty();
        if at_space && !next.is_some_and(char::is_lowercase) {
            spans.push(start..end);
            start = end;
        }
    }
    if !line[start..].trim().is_empty() {
        spans.push(start..line.len());
    }
    spans
}

/// The words and commas of `text[span]`.
pub(crate) fn words<'t>(text: &'t str, span: Range<usize>) -> Vec<Token<'t>> {
    let mut tokens = Vec::new();
    let s = &text[span.clone()];
    let mut word_start: Option<usize> = None;
    let push_word = |tokens: &mut Vec<Token<'t>>, from: usize, to: usize| {
        let word = &text[span.start + from..span.start + to];
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        tokens.push(Token {
            kind: Kind::Word,
            lower: if capitals == 0 { Cow::Borrowed(word) } else { Cow::Owned(word.to_lowercase()) },
            span: (span.start + from)..(span.start + to),
            acronym: capitals >= 2,
        });
    };
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(from) = word_start.take() {
            push_word(&mut tokens, from, i);
        }
        if c == ',' || c == ';' {
            tokens.push(Token {
                kind: Kind::Punct,
                lower: Cow::Borrowed(if c == ',' { "," } else { ";" }),
                span: (span.start + i)..(span.start + i + 1),
                acronym: false,
            });
        }
    }
    if let Some(from) = word_start {
        push_word(&mut tokens, from, s.len());
    }
    tokens
}

fn clauses(tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let before_connector = match t.word() {
            "men" | "medan" => true,
            "och" => i > 0 && tokens[i - 1].lower == ",",
            _ => false,
        };
        if before_connector && i > start {
            out.push(start..i);
            start = i;
        }
        if t.lower == ";" {
            if i > start {
                out.push(start..i);
            }
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, s: &Sentence, c: &Range<usize>) -> String {
        s.clause_text(text, c).to_string()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "Det ökade, t.ex. för hemtjänst. Nästa mening! Sista?\nNy rad 19,5 procent.";
        let p = paragraphs(text);
        assert_eq!(p.len(), 2);
        let texts: Vec<&str> = p[0].iter().map(|s| s.text(text)).collect();
        assert_eq!(texts, ["Det ökade, t.ex. för hemtjänst.", "Nästa mening!", "Sista?"]);
        assert_eq!(p[1][0].text(text), "Ny rad 19,5 procent.");
    }

    #[test]
    fn splits_clauses_at_men_medan_and_comma_och() {
        let text = "Gällande bemötande visar särskilt boende en liten ökning men når ändå inte upp till etappmålet medan hemtjänsten når årets etappmål.";
        let p = paragraphs(text);
        let s = &p[0][0];
        let c: Vec<String> = s.clauses.iter().map(|c| words(text, s, c)).collect();
        assert_eq!(
            c,
            [
                "Gällande bemötande visar särskilt boende en liten ökning",
                "men når ändå inte upp till etappmålet",
                "medan hemtjänsten når årets etappmål"
            ]
        );
        let text = "Gruppbostad och boendestödet har nått etappmålen, och daglig verksamhet har inte det; servicebostad inte heller.";
        let p = paragraphs(text);
        let s = &p[0][0];
        let c: Vec<String> = s.clauses.iter().map(|c| words(text, s, c)).collect();
        assert_eq!(
            c,
            ["Gruppbostad och boendestödet har nått etappmålen", "och daglig verksamhet har inte det", "servicebostad inte heller"]
        );
    }

    #[test]
    fn marks_acronyms() {
        let text = "HME och SoL och CO2e men inte Hemtjänst.";
        let p = paragraphs(text);
        let acr: Vec<&str> = p[0][0].tokens.iter().filter(|t| t.acronym).map(|t| t.word()).collect();
        assert_eq!(acr, ["hme", "sol", "co2e"]);
    }
}
