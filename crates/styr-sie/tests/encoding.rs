//! Code page 437 (`#FORMAT PC8`), UTF-8 (with or without BOM) and forced encodings.

use styr_sie::*;

/// "#FNAMN "åäö ÅÄÖ é"" followed by an object with CP437 bytes, written byte by byte.
fn cp437_file() -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(b"#FLAGGA 0\r\n#FORMAT PC8\r\n#FNAMN \"");
    v.extend_from_slice(&[0x86, 0x84, 0x94, b' ', 0x8F, 0x8E, 0x99, b' ', 0x82]);
    v.extend_from_slice(b"\"\r\n#OBJEKT 1 \"1106\" \"Hemtj");
    v.extend_from_slice(&[0x84]);
    v.extend_from_slice(b"nst ");
    v.extend_from_slice(&[0x8F]);
    v.extend_from_slice(b"sen\"\r\n#KONTO 5010 \"L");
    v.extend_from_slice(&[0x94]);
    v.extend_from_slice(b"ner\"\r\n");
    v
}

#[test]
fn cp437_swedish_letters() {
    let doc = parse_bytes(&cp437_file(), Options::default()).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("åäö ÅÄÖ é"));
    assert_eq!(doc.objects[&(1, "1106".to_string())], "Hemtjänst Åsen");
    assert_eq!(doc.accounts["5010"].name.as_deref(), Some("Löner"));
    assert_eq!(doc.decode_stats.cp437_lines, 3);
    assert_eq!(doc.decode_stats.ascii_lines, 2);
    assert_eq!(doc.decode_stats.utf8_lines, 0);
}

#[test]
fn cp437_forced_gives_the_same() {
    let forced = parse_bytes(&cp437_file(), Options::default().with_encoding(Encoding::Cp437)).unwrap();
    assert_eq!(forced.header.company_name.as_deref(), Some("åäö ÅÄÖ é"));
}

#[test]
fn utf8_with_bom() {
    let mut v = vec![0xEF, 0xBB, 0xBF];
    v.extend_from_slice("#FLAGGA 0\n#FORMAT PC8\n#FNAMN \"Vård- och omsorgsnämnden\"\n".as_bytes());
    let mut r = SieReader::new(&v[..], Options::default());
    let recs: Vec<Record> = r.by_ref().map(Result::unwrap).collect();
    assert_eq!(recs[0], Record::Flagga(0));
    assert_eq!(recs[2], Record::Fnamn("Vård- och omsorgsnämnden".into()));
    assert!(r.had_bom());
    assert_eq!(r.format(), Some("PC8"));
    assert_eq!(r.decode_stats().utf8_lines, 1);
}

#[test]
fn utf8_without_format() {
    let doc = parse_bytes("#FLAGGA 0\n#FNAMN \"Särskilt boende Ängen\"\n".as_bytes(), Options::default()).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("Särskilt boende Ängen"));
    assert_eq!(doc.header.format, None);
}

#[test]
fn utf8_despite_pc8_declaration() {
    // Some exporters declare PC8 but write UTF-8; CP437 text is never valid UTF-8 in practice.
    let doc = parse_bytes("#FORMAT PC8\n#FNAMN \"Förråd\"\n".as_bytes(), Options::default()).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("Förråd"));
}

#[test]
fn forced_encodings() {
    let latin1 = b"#FNAMN \"F\xf6rr\xe5d \xc5\xc4\xd6\"\n";
    let doc = parse_bytes(latin1, Options::default().with_encoding(Encoding::Latin1)).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("Förråd ÅÄÖ"));
    assert_eq!(doc.decode_stats.latin1_lines, 1);
    // Without the override those bytes are not UTF-8, so they are read as CP437.
    let doc = parse_bytes(latin1, Options::default()).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("F÷rrσd ┼─╓"));
    // Forcing CP437 on UTF-8 gives the classic mojibake.
    let doc = parse_bytes("#FNAMN \"Förråd\"\n".as_bytes(), Options::default().with_encoding(Encoding::Cp437)).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("F├╢rr├Ñd"));
    // Forcing UTF-8 on CP437 replaces what is invalid.
    let doc = parse_bytes(b"#FNAMN \"F\x94rr\x86d\"\n", Options::default().with_encoding(Encoding::Utf8)).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("F\u{FFFD}rr\u{FFFD}d"));
}

#[test]
fn cp437_bytes_that_look_like_delimiters_do_not_confuse_the_lexer() {
    // 0x22 is '"' in every encoding here; CP437 high bytes never decode to '"', '{', '}' or space.
    let line = b"#OBJEKT 1 \"\xff\xfe{\" \"\xb3\xc4\"\n";
    let doc = parse_bytes(line, Options::default()).unwrap();
    assert_eq!(doc.objects[&(1, "\u{a0}■{".to_string())], "│─");
}

#[test]
fn generated_file_is_cp437() {
    let bytes = generate::demo_sie(&generate::GenerateOptions { transactions: 500, cost_centres: 10, ..Default::default() }).unwrap();
    assert!(bytes.windows(5).any(|w| w == b"V\x86rd-"), "å written as 0x86");
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
    let doc = parse_bytes(&bytes, Options::default()).unwrap();
    assert_eq!(doc.header.company_name.as_deref(), Some("Demo kommun Vård- och omsorgsnämnden"));
    assert_eq!(doc.decode_stats.utf8_lines, 0);
    assert!(doc.decode_stats.cp437_lines > 0);
}
