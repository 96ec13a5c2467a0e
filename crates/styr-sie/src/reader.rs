//! The streaming reader: one [`Record`] at a time from any `BufRead`.

use std::collections::BTreeMap;
use std::io::BufRead;

use crate::Options;
use crate::encoding::{DecodeStats, decode_line};
use crate::error::SieError;
use crate::lexer::{LineShape, Tok, lex_line};
use crate::record::{Parsed, Record, TransKind, Voucher, parse_record};

/// Labels the reader did not know and skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The label, in upper case (`#BKOD`).
    pub label: String,
    /// How many lines had it.
    pub count: u64,
    /// The first such line (1-based).
    pub first_line: usize,
}

/// Reads a SIE file record by record, holding one line (or one voucher) in memory at a time.
///
/// Iterating yields `Result<Record, SieError>`; after the first error (or the end of the input)
/// the iterator yields nothing more. `#VER` blocks are returned whole as [`Record::Voucher`];
/// unknown labels are skipped and counted (see [`SieReader::warnings`]).
pub struct SieReader<R> {
    src: R,
    options: Options,
    buf: Vec<u8>,
    scratch: String,
    toks: Vec<Tok>,
    line_no: usize,
    done: bool,
    bom: bool,
    format: Option<String>,
    stats: DecodeStats,
    unknown: BTreeMap<String, Warning>,
}

/// One line, classified.
enum Line {
    Eof,
    Blank,
    Open,
    Close,
    Parsed(Parsed),
}

impl<R: BufRead> SieReader<R> {
    pub fn new(src: R, options: Options) -> Self {
        SieReader {
            src,
            options,
            buf: Vec::with_capacity(256),
            scratch: String::new(),
            toks: Vec::with_capacity(16),
            line_no: 0,
            done: false,
            bom: false,
            format: None,
            stats: DecodeStats::default(),
            unknown: BTreeMap::new(),
        }
    }

    /// Lines read so far (the number of the last line read).
    pub fn line(&self) -> usize {
        self.line_no
    }

    /// Unknown labels seen so far, in order of first appearance.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut w: Vec<Warning> = self.unknown.values().cloned().collect();
        w.sort_by_key(|w| w.first_line);
        w
    }

    /// How the lines read so far were decoded.
    pub fn decode_stats(&self) -> DecodeStats {
        self.stats
    }

    /// The `#FORMAT` value, once read.
    pub fn format(&self) -> Option<&str> {
        self.format.as_deref()
    }

    /// Whether the input began with a UTF-8 byte-order mark.
    pub fn had_bom(&self) -> bool {
        self.bom
    }

    /// The next record, `Ok(None)` at the end of the input.
    pub fn next_record(&mut self) -> Result<Option<Record>, SieError> {
        if self.done {
            return Ok(None);
        }
        let r = self.read_record();
        if !matches!(r, Ok(Some(_))) {
            self.done = true;
        }
        r
    }

    fn err(&self, label: Option<&str>, message: impl Into<String>) -> SieError {
        SieError::new(self.line_no, label, message)
    }

    fn read_record(&mut self) -> Result<Option<Record>, SieError> {
        loop {
            match self.next_line()? {
                Line::Eof => return Ok(None),
                Line::Blank => {}
                Line::Open => return Err(self.err(None, "{ without a #VER line before it")),
                Line::Close => return Err(self.err(None, "} without an open voucher")),
                Line::Parsed(Parsed::Unknown(label)) => self.note_unknown(label),
                Line::Parsed(Parsed::Row(row)) => {
                    let label = row_label(row.kind);
                    return Err(self.err(Some(label), format!("{label} outside a voucher (no #VER {{ … }} around it)")));
                }
                Line::Parsed(Parsed::VoucherHead(v)) => return self.read_voucher(v).map(Some),
                Line::Parsed(Parsed::Record(r)) => {
                    if let Record::Format(f) = &r {
                        self.format = Some(f.clone());
                    }
                    return Ok(Some(r));
                }
            }
        }
    }

    fn read_voucher(&mut self, mut v: Voucher) -> Result<Record, SieError> {
        let ver_line = v.line;
        loop {
            match self.next_line()? {
                Line::Eof => {
                    return Err(SieError::new(ver_line, Some("#VER"), "voucher has no { … } block: end of file reached"));
                }
                Line::Blank => {}
                Line::Open => break,
                Line::Parsed(p) => {
                    let label = parsed_label(&p);
                    return Err(self.err(Some(&label), format!("expected {{ on the line after #VER (line {ver_line}), found {label}")));
                }
                Line::Close => {
                    return Err(self.err(None, format!("expected {{ on the line after #VER (line {ver_line}), found }}")));
                }
            }
        }
        loop {
            match self.next_line()? {
                Line::Eof => {
                    return Err(SieError::new(ver_line, Some("#VER"), "voucher not closed: end of file reached before its }"));
                }
                Line::Blank => {}
                Line::Close => return Ok(Record::Voucher(v)),
                Line::Open => {
                    return Err(self.err(None, format!("{{ inside the voucher opened at line {ver_line} (missing }}?)")));
                }
                Line::Parsed(Parsed::Row(mut row)) => {
                    if row.kind == TransKind::Trans
                        && let Some(prev) = v.rows.last()
                    {
                        row.rtrans_copy = prev.kind == TransKind::Added
                            && prev.account == row.account
                            && prev.objects == row.objects
                            && prev.amount == row.amount
                            && v.row_date(prev) == v.row_date(&row);
                    }
                    v.rows.push(row);
                }
                Line::Parsed(Parsed::Unknown(label)) => self.note_unknown(label),
                Line::Parsed(p) => {
                    let label = parsed_label(&p);
                    let msg = if label == "#VER" {
                        format!("#VER inside the voucher opened at line {ver_line} (missing }}?)")
                    } else {
                        format!(
                            "{label} inside the voucher opened at line {ver_line} (only #TRANS, #RTRANS and #BTRANS belong there; missing }}?)"
                        )
                    };
                    return Err(self.err(Some(&label), msg));
                }
            }
        }
    }

    fn note_unknown(&mut self, label: String) {
        let line = self.line_no;
        self.unknown.entry(label).or_insert_with_key(|l| Warning { label: l.clone(), count: 0, first_line: line }).count += 1;
    }

    /// Read, decode, tokenize and interpret the next line.
    fn next_line(&mut self) -> Result<Line, SieError> {
        self.buf.clear();
        let n = self.src.read_until(b'\n', &mut self.buf).map_err(|e| SieError::new(self.line_no + 1, None, format!("read error: {e}")))?;
        if n == 0 {
            return Ok(Line::Eof);
        }
        self.line_no += 1;
        let mut bytes: &[u8] = &self.buf;
        if let Some(rest) = bytes.strip_suffix(b"\n") {
            bytes = rest;
        }
        if let Some(rest) = bytes.strip_suffix(b"\r") {
            bytes = rest;
        }
        if self.line_no == 1
            && let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF")
        {
            bytes = rest;
            self.bom = true;
        }
        let text = decode_line(bytes, self.options.encoding, &mut self.scratch, &mut self.stats);
        let line_no = self.line_no;
        let shape = lex_line(text, &mut self.toks).map_err(|m| {
            let label = first_word(text).filter(|w| w.starts_with('#')).map(str::to_ascii_uppercase);
            SieError::new(line_no, label.as_deref(), m)
        })?;
        match shape {
            LineShape::Blank => return Ok(Line::Blank),
            LineShape::Open => return Ok(Line::Open),
            LineShape::Close => return Ok(Line::Close),
            LineShape::Record => {}
        }
        let label_raw = match self.toks.first() {
            // A quoted first field (its opening quote just before it) is no label.
            Some(Tok::Text { start, .. }) if *start > 0 && text.as_bytes().get(*start - 1) == Some(&b'"') => "",
            Some(Tok::Text { start, end, .. }) => text.get(*start..*end).unwrap_or(""),
            _ => "",
        };
        if !label_raw.starts_with('#') || label_raw.len() < 2 {
            return Err(SieError::new(
                line_no,
                None,
                format!("expected a record label such as #TRANS at the start of the line, found {:?}", truncate(text, 40)),
            ));
        }
        let upper;
        let label = if label_raw.bytes().any(|b| b.is_ascii_lowercase()) {
            upper = label_raw.to_ascii_uppercase();
            upper.as_str()
        } else {
            label_raw
        };
        parse_record(text, &self.toks, label, line_no).map(Line::Parsed).map_err(|m| SieError::new(line_no, Some(label), m))
    }
}

impl<R: BufRead> Iterator for SieReader<R> {
    type Item = Result<Record, SieError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}

impl<R: BufRead> std::iter::FusedIterator for SieReader<R> {}

fn row_label(kind: TransKind) -> &'static str {
    match kind {
        TransKind::Trans => "#TRANS",
        TransKind::Added => "#RTRANS",
        TransKind::Removed => "#BTRANS",
    }
}

fn parsed_label(p: &Parsed) -> String {
    match p {
        Parsed::Record(r) => r.label().to_owned(),
        Parsed::VoucherHead(_) => "#VER".to_owned(),
        Parsed::Row(r) => row_label(r.kind).to_owned(),
        Parsed::Unknown(l) => l.clone(),
    }
}

fn first_word(text: &str) -> Option<&str> {
    text.split([' ', '\t']).find(|w| !w.is_empty())
}

fn truncate(s: &str, max_chars: usize) -> String {
    let mut out: String = s.chars().take(max_chars).collect();
    if s.chars().nth(max_chars).is_some() {
        out.push('…');
    }
    out
}
