//! Character encodings met in SIE files: IBM code page 437 (`#FORMAT PC8`, the only encoding the
//! standard allows), ISO 8859-1 and UTF-8 (written by some exporters anyway).

/// An encoding to force instead of the automatic choice (see [`crate::Options`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// IBM PC code page 437 (`#FORMAT PC8`).
    Cp437,
    /// ISO 8859-1: every byte is the code point of the same value.
    Latin1,
    /// UTF-8; invalid sequences become U+FFFD when forced.
    Utf8,
}

/// How many lines were decoded which way (pure-ASCII lines need no decoding).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DecodeStats {
    /// Lines that were pure ASCII.
    pub ascii_lines: u64,
    /// Non-ASCII lines decoded as UTF-8.
    pub utf8_lines: u64,
    /// Non-ASCII lines decoded as code page 437.
    pub cp437_lines: u64,
    /// Non-ASCII lines decoded as ISO 8859-1 (only when forced).
    pub latin1_lines: u64,
}

/// Code page 437, bytes 0x80..=0xFF, as the Unicode characters of the official mapping
/// (unicode.org MAPPINGS/VENDORS/MICSFT/PC/CP437.TXT).
const CP437_HIGH: [char; 128] = [
    // 0x80
    '\u{00C7}', '\u{00FC}', '\u{00E9}', '\u{00E2}', '\u{00E4}', '\u{00E0}', '\u{00E5}', '\u{00E7}', '\u{00EA}', '\u{00EB}', '\u{00E8}',
    '\u{00EF}', '\u{00EE}', '\u{00EC}', '\u{00C4}', '\u{00C5}', // 0x90
    '\u{00C9}', '\u{00E6}', '\u{00C6}', '\u{00F4}', '\u{00F6}', '\u{00F2}', '\u{00FB}', '\u{00F9}', '\u{00FF}', '\u{00D6}', '\u{00DC}',
    '\u{00A2}', '\u{00A3}', '\u{00A5}', '\u{20A7}', '\u{0192}', // 0xA0
    '\u{00E1}', '\u{00ED}', '\u{00F3}', '\u{00FA}', '\u{00F1}', '\u{00D1}', '\u{00AA}', '\u{00BA}', '\u{00BF}', '\u{2310}', '\u{00AC}',
    '\u{00BD}', '\u{00BC}', '\u{00A1}', '\u{00AB}', '\u{00BB}', // 0xB0
    '\u{2591}', '\u{2592}', '\u{2593}', '\u{2502}', '\u{2524}', '\u{2561}', '\u{2562}', '\u{2556}', '\u{2555}', '\u{2563}', '\u{2551}',
    '\u{2557}', '\u{255D}', '\u{255C}', '\u{255B}', '\u{2510}', // 0xC0
    '\u{2514}', '\u{2534}', '\u{252C}', '\u{251C}', '\u{2500}', '\u{253C}', '\u{255E}', '\u{255F}', '\u{255A}', '\u{2554}', '\u{2569}',
    '\u{2566}', '\u{2560}', '\u{2550}', '\u{256C}', '\u{2567}', // 0xD0
    '\u{2568}', '\u{2564}', '\u{2565}', '\u{2559}', '\u{2558}', '\u{2552}', '\u{2553}', '\u{256B}', '\u{256A}', '\u{2518}', '\u{250C}',
    '\u{2588}', '\u{2584}', '\u{258C}', '\u{2590}', '\u{2580}', // 0xE0
    '\u{03B1}', '\u{00DF}', '\u{0393}', '\u{03C0}', '\u{03A3}', '\u{03C3}', '\u{00B5}', '\u{03C4}', '\u{03A6}', '\u{0398}', '\u{03A9}',
    '\u{03B4}', '\u{221E}', '\u{03C6}', '\u{03B5}', '\u{2229}', // 0xF0
    '\u{2261}', '\u{00B1}', '\u{2265}', '\u{2264}', '\u{2320}', '\u{2321}', '\u{00F7}', '\u{2248}', '\u{00B0}', '\u{2219}', '\u{00B7}',
    '\u{221A}', '\u{207F}', '\u{00B2}', '\u{25A0}', '\u{00A0}',
];

/// The character that a code page 437 byte stands for. Bytes below 0x80 are ASCII (the control
/// range 0x00–0x1F is kept as the control characters, as text files use it).
pub fn cp437_char(byte: u8) -> char {
    if byte < 0x80 { byte as char } else { CP437_HIGH[(byte - 0x80) as usize] }
}

/// Decode code page 437 bytes, appending to `out`.
pub fn decode_cp437_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        out.push(cp437_char(b));
    }
}

/// Decode code page 437 bytes.
pub fn decode_cp437(bytes: &[u8]) -> String {
    let mut s = String::new();
    decode_cp437_into(bytes, &mut s);
    s
}

/// Decode ISO 8859-1 bytes, appending to `out`.
pub fn decode_latin1_into(bytes: &[u8], out: &mut String) {
    out.reserve(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        out.push(b as char);
    }
}

/// The code page 437 byte for a character, if it has one.
pub fn cp437_byte(c: char) -> Option<u8> {
    if c.is_ascii() {
        return Some(c as u8);
    }
    CP437_HIGH.iter().position(|&x| x == c).map(|i| 0x80 + i as u8)
}

/// Encode text as code page 437; characters that code page 437 lacks become `?`.
pub fn encode_cp437_lossy(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    encode_cp437_lossy_into(text, &mut out);
    out
}

/// Encode text as code page 437, appending to `out`; characters that code page 437 lacks become `?`.
pub fn encode_cp437_lossy_into(text: &str, out: &mut Vec<u8>) {
    if text.is_ascii() {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    for c in text.chars() {
        out.push(cp437_byte(c).unwrap_or(b'?'));
    }
}

/// Decode one line (without its line terminator) into text.
///
/// `forced` is the override from the options; `None` is the automatic choice: pure ASCII needs no
/// decoding, a line that is valid UTF-8 is UTF-8, anything else is code page 437 (the only encoding
/// the SIE standard allows). Returns the text, borrowing `bytes` when no conversion was needed.
pub(crate) fn decode_line<'a>(bytes: &'a [u8], forced: Option<Encoding>, scratch: &'a mut String, stats: &mut DecodeStats) -> &'a str {
    if bytes.is_ascii() {
        stats.ascii_lines += 1;
        // ASCII is valid UTF-8, so this never takes the fallback.
        return std::str::from_utf8(bytes).unwrap_or("");
    }
    scratch.clear();
    match forced {
        Some(Encoding::Cp437) => {
            stats.cp437_lines += 1;
            decode_cp437_into(bytes, scratch);
            scratch
        }
        Some(Encoding::Latin1) => {
            stats.latin1_lines += 1;
            decode_latin1_into(bytes, scratch);
            scratch
        }
        Some(Encoding::Utf8) => {
            stats.utf8_lines += 1;
            match std::str::from_utf8(bytes) {
                Ok(s) => s,
                Err(_) => {
                    scratch.push_str(&String::from_utf8_lossy(bytes));
                    scratch
                }
            }
        }
        None => match std::str::from_utf8(bytes) {
            Ok(s) => {
                stats.utf8_lines += 1;
                s
            }
            Err(_) => {
                stats.cp437_lines += 1;
                decode_cp437_into(bytes, scratch);
                scratch
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code points of bytes 0x80..=0xFF as printed by an independent implementation
    /// (Python's `bytes(range(128, 256)).decode('cp437')`).
    const REFERENCE: &str = "00C7 00FC 00E9 00E2 00E4 00E0 00E5 00E7 00EA 00EB 00E8 00EF 00EE 00EC 00C4 00C5 \
        00C9 00E6 00C6 00F4 00F6 00F2 00FB 00F9 00FF 00D6 00DC 00A2 00A3 00A5 20A7 0192 \
        00E1 00ED 00F3 00FA 00F1 00D1 00AA 00BA 00BF 2310 00AC 00BD 00BC 00A1 00AB 00BB \
        2591 2592 2593 2502 2524 2561 2562 2556 2555 2563 2551 2557 255D 255C 255B 2510 \
        2514 2534 252C 251C 2500 253C 255E 255F 255A 2554 2569 2566 2560 2550 256C 2567 \
        2568 2564 2565 2559 2558 2552 2553 256B 256A 2518 250C 2588 2584 258C 2590 2580 \
        03B1 00DF 0393 03C0 03A3 03C3 00B5 03C4 03A6 0398 03A9 03B4 221E 03C6 03B5 2229 \
        2261 00B1 2265 2264 2320 2321 00F7 2248 00B0 2219 00B7 221A 207F 00B2 25A0 00A0";

    #[test]
    fn table_matches_reference_mapping() {
        let expected: Vec<u32> = REFERENCE.split_whitespace().map(|h| u32::from_str_radix(h, 16).unwrap()).collect();
        assert_eq!(expected.len(), 128);
        for (i, &cp) in expected.iter().enumerate() {
            assert_eq!(CP437_HIGH[i] as u32, cp, "byte 0x{:02X}", 0x80 + i);
        }
    }

    #[test]
    fn swedish_letters() {
        let bytes = [0x86, 0x84, 0x94, 0x8F, 0x8E, 0x99, 0x82, 0x90, 0x81, 0x9A];
        assert_eq!(decode_cp437(&bytes), "åäöÅÄÖéÉüÜ");
    }

    #[test]
    fn encode_round_trip_for_every_byte() {
        for b in 0u8..=255 {
            assert_eq!(cp437_byte(cp437_char(b)), Some(b));
        }
        assert_eq!(encode_cp437_lossy("Vård- och omsorgsnämnden €"), b"V\x86rd- och omsorgsn\x84mnden ?".to_vec());
    }

    #[test]
    fn auto_decoding() {
        let mut scratch = String::new();
        let mut stats = DecodeStats::default();
        assert_eq!(decode_line(b"#KONTO 3010", None, &mut scratch, &mut stats), "#KONTO 3010");
        assert_eq!(decode_line("Förråd".as_bytes(), None, &mut scratch, &mut stats), "Förråd");
        assert_eq!(decode_line(b"F\x94rr\x86d", None, &mut scratch, &mut stats), "Förråd");
        assert_eq!(stats, DecodeStats { ascii_lines: 1, utf8_lines: 1, cp437_lines: 1, latin1_lines: 0 });
    }

    #[test]
    fn forced_decoding() {
        let mut scratch = String::new();
        let mut stats = DecodeStats::default();
        assert_eq!(decode_line(b"F\xf6rr\xe5d", Some(Encoding::Latin1), &mut scratch, &mut stats), "Förråd");
        assert_eq!(decode_line("Förråd".as_bytes(), Some(Encoding::Cp437), &mut scratch, &mut stats), "F├╢rr├Ñd");
        assert_eq!(decode_line(b"F\x94rr", Some(Encoding::Utf8), &mut scratch, &mut stats), "F\u{FFFD}rr");
    }
}
