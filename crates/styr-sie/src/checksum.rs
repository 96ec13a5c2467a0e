//! `#KSUMMA`: the CRC-32 checksum of a SIE file.
//!
//! The standard (SIE 4B) puts a `#KSUMMA` without a value near the top of the file (after
//! `#FLAGGA`) and a `#KSUMMA checksum` as the last record. The checksum is a CRC-32 (the
//! common one: polynomial 0xEDB88320 reflected, initial value and final xor 0xFFFFFFFF, as in zlib,
//! PNG and Ethernet) over the contents of every record between the two `#KSUMMA` lines:
//!
//! * for each record, its label as written (`#TRANS`) followed by each field;
//! * a quoted field without its quotes, with `\"` read as `"` (and `\\` as `\`);
//! * an object list contributes its dimension numbers and object codes, not the braces;
//! * nothing else: no spaces or tabs between fields, no line ends, no blank lines, and not the
//!   `{` and `}` lines around a voucher's rows;
//! * the bytes as they are in the file (code page 437 for `#FORMAT PC8`), not decoded text.
//!
//! This was checked against real exports from two programs (Norstedts Bokslut and Norstedts Revision
//! 2010–2011, Visma Compact 6.00: five files with object lists, vouchers, escaped quotes, tabs
//! and padded amounts; every checksum matched, and no other reading of the rules matched them all)
//! and agrees with the CRC routine the standard publishes (translated in open-source SIE libraries).
//! The checksum value may be written as an unsigned (0 – 4 294 967 295) or, as some programs do, a
//! signed 32-bit number; both are accepted.

use crate::lexer::Tok;

/// A running CRC-32 (crc32fast: the same polynomial, vectorised where the CPU allows).
#[derive(Debug, Clone)]
pub(crate) struct Crc32(crc32fast::Hasher);

impl Crc32 {
    pub(crate) fn new() -> Self {
        Crc32(crc32fast::Hasher::new())
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub(crate) fn value(&self) -> u32 {
        self.0.clone().finalize()
    }

    /// Adds one record line: its label and fields as [`crate::lexer::lex_bytes`] split them from
    /// `line` (the raw bytes of the line), quotes and braces left out, escapes resolved. `scratch`
    /// collects the record's bytes, so the CRC runs once per line over them.
    pub(crate) fn update_record(&mut self, line: &[u8], toks: &[Tok], scratch: &mut Vec<u8>) {
        scratch.clear();
        for t in toks {
            let Tok::Text { start, end, escaped } = *t else { continue };
            let field = line.get(start..end).unwrap_or_default();
            if !escaped {
                scratch.extend_from_slice(field);
                continue;
            }
            let mut i = 0;
            while i < field.len() {
                if field[i] == b'\\' && matches!(field.get(i + 1), Some(b'"') | Some(b'\\')) {
                    i += 1;
                }
                scratch.push(field[i]);
                i += 1;
            }
        }
        self.update(scratch);
    }
}

/// Whether the value written after the closing `#KSUMMA` is `crc`, as an unsigned or a signed
/// 32-bit number.
pub(crate) fn matches(written: i64, crc: u32) -> bool {
    written == i64::from(crc) || written == i64::from(crc as i32)
}

/// The CRC-32 of a whole SIE file's checksummed part, as [`crate::SieReader`] verifies it; for
/// writers and tests. `file` must hold the opening `#KSUMMA` line; everything after it up to a
/// closing `#KSUMMA` line (or the end) is covered.
pub fn ksumma_of(file: &[u8]) -> Option<u32> {
    let mut toks = Vec::new();
    let mut scratch = Vec::new();
    let mut crc: Option<Crc32> = None;
    for raw in file.split(|&b| b == b'\n') {
        let Ok(crate::lexer::LineShape::Record) = crate::lexer::lex_bytes(raw, &mut toks) else { continue };
        let label = match toks.first() {
            Some(Tok::Text { start, end, .. }) => raw.get(*start..*end).unwrap_or_default(),
            _ => continue,
        };
        if label.eq_ignore_ascii_case(b"#KSUMMA") {
            match crc {
                None => crc = Some(Crc32::new()),
                Some(c) => return Some(c.value()),
            }
            continue;
        }
        if let Some(c) = crc.as_mut() {
            c.update_record(raw, &toks, &mut scratch);
        }
    }
    crc.map(|c| c.value())
}

/// `file` with a `#KSUMMA` after its first line and a closing `#KSUMMA checksum` at the end, as a
/// writer would put them (line ends as in the first line). For tests, demos and benchmarks.
pub fn with_ksumma(file: &[u8]) -> Vec<u8> {
    let first_end = file.iter().position(|&b| b == b'\n').map_or(file.len(), |i| i + 1);
    let eol: &[u8] = if file[..first_end].ends_with(b"\r\n") { b"\r\n" } else { b"\n" };
    let mut out = Vec::with_capacity(file.len() + 32);
    out.extend_from_slice(&file[..first_end]);
    if !out.ends_with(b"\n") {
        out.extend_from_slice(eol);
    }
    out.extend_from_slice(b"#KSUMMA");
    out.extend_from_slice(eol);
    out.extend_from_slice(&file[first_end..]);
    if !out.ends_with(b"\n") {
        out.extend_from_slice(eol);
    }
    let crc = ksumma_of(&out).unwrap_or(0);
    out.extend_from_slice(format!("#KSUMMA {crc}").as_bytes());
    out.extend_from_slice(eol);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_check_value() {
        // The standard check value of CRC-32 (IEEE): "123456789" → 0xCBF43926.
        let mut c = Crc32::new();
        c.update(b"123456789");
        assert_eq!(c.value(), 0xCBF4_3926);
        let mut c = Crc32::new();
        c.update(b"");
        assert_eq!(c.value(), 0);
    }

    #[test]
    fn fields_without_separators_quotes_or_braces() {
        let file = b"#FLAGGA 0\r\n#KSUMMA\r\n#FNAMN \"A \\\"B\\\"\"\r\n#VER A 1 20250101\r\n{\r\n  #TRANS 1930 {1 \"100\"} -1.00\r\n}\r\n\r\n#KSUMMA 0\r\n";
        let mut c = Crc32::new();
        c.update(b"#FNAMNA \"B\"#VERA120250101#TRANS19301100-1.00");
        assert_eq!(ksumma_of(file), Some(c.value()));
    }

    #[test]
    fn signed_and_unsigned_values() {
        assert!(matches(3_033_066_896, 3_033_066_896));
        assert!(matches(3_033_066_896 - (1 << 32), 3_033_066_896));
        assert!(!matches(3_033_066_895, 3_033_066_896));
        assert!(matches(909_685_525, 909_685_525));
    }
}
