//! The streaming reader: one [`Record`] at a time from any `BufRead`.

use std::collections::BTreeMap;
use std::io::BufRead;

use crate::Options;
use crate::balance_keys::{BalanceKeys, describe};
use crate::checksum::{self, Crc32};
use crate::encoding::{DecodeStats, decode_line};
use crate::error::SieError;
use crate::lexer::{LineShape, Tok, lex_bytes, lex_line};
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
///
/// Besides each line's syntax, the reader checks that the file is whole and says each thing once:
/// * `#KSUMMA`: when the file has an opening `#KSUMMA`, the closing `#KSUMMA checksum` must be
///   there and match the records between them ([`crate::checksum`] says how it is computed), and
///   nothing may follow it;
/// * a file may not end in the middle of a record: the last record line needs its line end (only a
///   voucher's closing `}` and a verified closing `#KSUMMA` may do without), a `#VER` needs its
///   `{ … }` block, a quoted field its closing quote;
/// * a balance record (`#IB`, `#UB`, `#RES`, `#OIB`, `#OUB`, `#PSALDO`, `#PBUDGET`) may not repeat
///   the year index, period, account and object list (in any order) of an earlier one of the same
///   label; the error names both lines. This keeps one small entry per balance record in memory.
pub struct SieReader<R> {
    src: R,
    options: Options,
    buf: Vec<u8>,
    scratch: String,
    toks: Vec<Tok>,
    raw_toks: Vec<Tok>,
    crc_scratch: Vec<u8>,
    line_no: usize,
    done: bool,
    bom: bool,
    format: Option<String>,
    stats: DecodeStats,
    unknown: BTreeMap<String, Warning>,
    ksumma: Ksumma,
    balances: BalanceKeys,
}

/// Where the reader is with respect to `#KSUMMA`.
#[derive(Debug)]
enum Ksumma {
    /// No `#KSUMMA` seen.
    Absent,
    /// Opened at `line`; the CRC of the records since.
    Open { line: usize, crc: Crc32 },
    /// Closed at `line` with a checksum that matched.
    Verified { line: usize, crc: u32 },
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
            raw_toks: Vec::new(),
            crc_scratch: Vec::new(),
            line_no: 0,
            done: false,
            bom: false,
            format: None,
            stats: DecodeStats::default(),
            unknown: BTreeMap::new(),
            ksumma: Ksumma::Absent,
            balances: BalanceKeys::default(),
        }
    }

    /// The file's `#KSUMMA` checksum once it has been read and found to match (`None` when the file
    /// has none, or before its closing `#KSUMMA`).
    pub fn checksum(&self) -> Option<u32> {
        match self.ksumma {
            Ksumma::Verified { crc, .. } => Some(crc),
            _ => None,
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
                Line::Eof => {
                    if let Ksumma::Open { line, .. } = self.ksumma {
                        return Err(self.err(
                            None,
                            format!("the file ends before the closing #KSUMMA: the #KSUMMA at line {line} opened a checksum (was the file cut short?)"),
                        ));
                    }
                    return Ok(None);
                }
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
                    if let Some(first) = self.balances.earlier_line(&r, self.line_no) {
                        let label = r.label();
                        return Err(self.err(
                            Some(label),
                            format!(
                                "{label} given twice: line {first} has the same {} (a balance given twice would be counted twice)",
                                describe(&r)
                            ),
                        ));
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

    /// Read, decode, tokenize and interpret the next line; keep the `#KSUMMA` checksum.
    fn next_line(&mut self) -> Result<Line, SieError> {
        self.buf.clear();
        let n = self.src.read_until(b'\n', &mut self.buf).map_err(|e| SieError::new(self.line_no + 1, None, format!("read error: {e}")))?;
        if n == 0 {
            return Ok(Line::Eof);
        }
        self.line_no += 1;
        let mut bytes: &[u8] = &self.buf;
        let terminated = bytes.ends_with(b"\n");
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
            SieError::new(line_no, label.as_deref(), unterminated_hint(m, terminated))
        })?;
        if shape != LineShape::Blank
            && let Ksumma::Verified { line, .. } = self.ksumma
        {
            let what = first_word(text).map(|w| truncate(w, 20)).unwrap_or_default();
            return Err(SieError::new(
                line_no,
                None,
                format!("{what} after the closing #KSUMMA at line {line}: the checksum does not cover it"),
            ));
        }
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
                unterminated_hint(
                    format!("expected a record label such as #TRANS at the start of the line, found {:?}", truncate(text, 40)),
                    terminated,
                ),
            ));
        }
        let upper;
        let label = if label_raw.bytes().any(|b| b.is_ascii_lowercase()) {
            upper = label_raw.to_ascii_uppercase();
            upper.as_str()
        } else {
            label_raw
        };
        let is_ksumma = label == "#KSUMMA";
        if !is_ksumma && let Ksumma::Open { crc, .. } = &mut self.ksumma {
            if text.as_ptr() == bytes.as_ptr() {
                // Not transcoded: the tokens' positions are those of the raw bytes.
                crc.update_record(bytes, &self.toks, &mut self.crc_scratch);
            } else {
                // The checksum covers the bytes as written (CP437 …), so split those.
                let _ = lex_bytes(bytes, &mut self.raw_toks);
                crc.update_record(bytes, &self.raw_toks, &mut self.crc_scratch);
            }
        }
        let parsed = parse_record(text, &self.toks, label, line_no)
            .map_err(|m| SieError::new(line_no, Some(label), unterminated_hint(m, terminated)))?;
        let mut verified_here = false;
        if let Parsed::Record(Record::Ksumma(value)) = &parsed {
            self.ksumma = match (&self.ksumma, *value) {
                (Ksumma::Absent, None) => Ksumma::Open { line: line_no, crc: Crc32::new() },
                (Ksumma::Absent, Some(_)) => {
                    return Err(SieError::new(
                        line_no,
                        Some(label),
                        "a #KSUMMA with a checksum but no opening #KSUMMA before it (the first #KSUMMA, without a value, starts the checksummed part)",
                    ));
                }
                (Ksumma::Open { line, .. }, None) => {
                    return Err(SieError::new(
                        line_no,
                        Some(label),
                        format!(
                            "#KSUMMA without a checksum, but the #KSUMMA at line {line} already opened one (the closing #KSUMMA carries the checksum)"
                        ),
                    ));
                }
                (Ksumma::Open { line, crc }, Some(written)) => {
                    let crc = crc.value();
                    if !checksum::matches(written, crc) {
                        return Err(SieError::new(
                            line_no,
                            Some(label),
                            format!(
                                "checksum mismatch: #KSUMMA says {written}, the records from line {line} give {crc} (the file was changed or damaged after it was written)"
                            ),
                        ));
                    }
                    verified_here = true;
                    Ksumma::Verified { line: line_no, crc }
                }
                // Lines after a verified #KSUMMA are refused above; kept for completeness.
                (Ksumma::Verified { line, .. }, _) => {
                    return Err(SieError::new(line_no, Some(label), format!("#KSUMMA after the closing #KSUMMA at line {line}")));
                }
            };
        }
        if !terminated && !verified_here {
            return Err(SieError::new(
                line_no,
                Some(label),
                "the file ends in the middle of this record: its line has no line end (was the file cut short?)",
            ));
        }
        Ok(Line::Parsed(parsed))
    }
}

/// Adds to an error on a line without a line end that the file may have been cut there.
fn unterminated_hint(message: String, terminated: bool) -> String {
    if terminated { message } else { format!("{message} (the file ends on this line, without a line end: was it cut short?)") }
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
