//! Malformed input: every error names the right 1-based line (and label when there is one).

use styr_sie::*;

/// Parse and return the error (panics if the text parses).
fn err(text: &str) -> SieError {
    match parse_bytes(text.as_bytes(), Options::default()) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(e) => e,
    }
}

/// Assert the error's line, label and that the message contains `needle`.
#[track_caller]
fn check(text: &str, line: usize, label: Option<&str>, needle: &str) {
    let e = err(text);
    assert_eq!(e.line, line, "line for {text:?}: {e}");
    assert_eq!(e.label.as_deref(), label, "label for {text:?}: {e}");
    assert!(e.message.contains(needle), "message {:?} lacks {needle:?}", e.message);
    // The streaming reader reports the same error, then stops.
    let mut r = SieReader::new(text.as_bytes(), Options::default());
    let mut got = None;
    for rec in r.by_ref() {
        if let Err(e2) = rec {
            got = Some(e2);
            break;
        }
    }
    assert_eq!(got.as_ref(), Some(&e));
    assert!(r.next().is_none(), "the reader stops after an error");
}

const HEAD: &str = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n";

#[test]
fn missing_fields() {
    check("#KONTO 3010", 1, Some("#KONTO"), "missing field <account name>");
    check(&format!("{HEAD}#KONTO"), 4, Some("#KONTO"), "missing field <account>");
    check(&format!("{HEAD}#RAR 0 20250101"), 4, Some("#RAR"), "missing field <end date>");
    check(&format!("{HEAD}#IB 0 1930"), 4, Some("#IB"), "missing field <amount>");
    check(&format!("{HEAD}#PSALDO 0 202501 5010 {{}}"), 4, Some("#PSALDO"), "missing field <amount>");
    check(&format!("{HEAD}#PSALDO 0 202501 5010"), 4, Some("#PSALDO"), "missing field <object list>");
    check(&format!("{HEAD}#PBUDGET 0 202501 5010 100"), 4, Some("#PBUDGET"), "expected an object list");
    check(&format!("{HEAD}#OBJEKT 1 \"100\""), 4, Some("#OBJEKT"), "missing field <object name>");
    check(&format!("{HEAD}#DIM"), 4, Some("#DIM"), "missing field <dimension number>");
    check(&format!("{HEAD}#UNDERDIM 2 \"x\""), 4, Some("#UNDERDIM"), "super-dimension");
    check(&format!("{HEAD}#VER A 1"), 4, Some("#VER"), "missing field <voucher date>");
    check(&format!("{HEAD}#GEN"), 4, Some("#GEN"), "missing field <generation date>");
    check(&format!("{HEAD}#FNAMN"), 4, Some("#FNAMN"), "missing field <company name>");
    check(&format!("{HEAD}#OIB 0 1510 100"), 4, Some("#OIB"), "expected an object list");
}

#[test]
fn bad_numbers() {
    check(&format!("{HEAD}#IB 0 1930 12,50"), 4, Some("#IB"), "not a decimal number");
    check(&format!("{HEAD}#IB 0 1930 1.005"), 4, Some("#IB"), "more than two decimals");
    check(&format!("{HEAD}#IB 0 1930 99999999999999999999"), 4, Some("#IB"), "too large");
    check(&format!("{HEAD}#IB x 1930 1"), 4, Some("#IB"), "bad year number");
    check(&format!("{HEAD}#IB 0 1930 1 x"), 4, Some("#IB"), "bad quantity");
    check(&format!("{HEAD}#FLAGGA 2x"), 4, Some("#FLAGGA"), "bad flag");
    check(&format!("{HEAD}#SIETYP four"), 4, Some("#SIETYP"), "bad SIE type");
    check(&format!("{HEAD}#DIM -1 \"x\""), 4, Some("#DIM"), "bad dimension number");
    check(&format!("{HEAD}#KTYP 1930 X"), 4, Some("#KTYP"), "bad account type");
    check(&format!("{HEAD}#KSUMMA abc"), 4, Some("#KSUMMA"), "bad checksum");
    check(&format!("{HEAD}#IB 0 \"\" 1"), 4, Some("#IB"), "empty account number");
}

#[test]
fn bad_dates_and_periods() {
    check(&format!("{HEAD}#RAR 0 20250230 20251231"), 4, Some("#RAR"), "bad start date");
    check(&format!("{HEAD}#RAR 0 20250101 2025123"), 4, Some("#RAR"), "bad end date");
    check(&format!("{HEAD}#RAR 0 20251231 20250101"), 4, Some("#RAR"), "ends");
    check(&format!("{HEAD}#OMFATTN 2025-08-31"), 4, Some("#OMFATTN"), "bad date");
    check(&format!("{HEAD}#PSALDO 0 202513 5010 {{}} 1"), 4, Some("#PSALDO"), "bad period");
    check(&format!("{HEAD}#PBUDGET 0 2025011 5010 {{}} 1"), 4, Some("#PBUDGET"), "bad period");
    check(&format!("{HEAD}#VER A 1 20250229\n{{\n}}"), 4, Some("#VER"), "bad voucher date");
    check(&format!("{HEAD}#VER A 1 20250101 \"x\" 20251301\n{{\n}}"), 4, Some("#VER"), "bad registration date");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{}} 1 20250132\n}}"), 6, Some("#TRANS"), "bad transaction date");
}

#[test]
fn unterminated_quotes_and_lists() {
    check(&format!("{HEAD}#FNAMN \"Demo kommun"), 4, Some("#FNAMN"), "unterminated quoted field");
    check(&format!("{HEAD}#FNAMN \"Demo kommun\\\""), 4, Some("#FNAMN"), "unterminated quoted field");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{1 \"100\" 1\n}}"), 6, Some("#TRANS"), "unterminated object list");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{1 {{2}}}} 1\n}}"), 6, Some("#TRANS"), "nest");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{1}} 1\n}}"), 6, Some("#TRANS"), "has no object code");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{x \"1\"}} 1\n}}"), 6, Some("#TRANS"), "bad dimension number");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{1 \"\"}} 1\n}}"), 6, Some("#TRANS"), "empty object code");
    check(&format!("{HEAD}#KONTO 3010 }} x"), 4, Some("#KONTO"), "without an opening {");
    check(&format!("{HEAD}#KONTO 3010 {{1 \"2\"}}"), 4, Some("#KONTO"), "found an object list");
}

#[test]
fn voucher_structure() {
    check(&format!("{HEAD}#TRANS 1930 {{}} 1\n"), 4, Some("#TRANS"), "outside a voucher");
    check(&format!("{HEAD}#BTRANS 1930 {{}} 1\n"), 4, Some("#BTRANS"), "outside a voucher");
    check(&format!("{HEAD}#RTRANS 1930 {{}} 1\n"), 4, Some("#RTRANS"), "outside a voucher");
    // Unclosed at end of file: reported at the #VER line.
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{}} 1\n"), 4, Some("#VER"), "not closed");
    check(&format!("{HEAD}#VER A 1 20250101\n"), 4, Some("#VER"), "no { … } block");
    check(&format!("{HEAD}\n\n#VER A 1 20250101\n\n"), 6, Some("#VER"), "no { … } block");
    // Missing } before the next voucher: reported at the second #VER.
    check(
        &format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{}} 1\n#VER A 2 20250101\n{{\n}}"),
        7,
        Some("#VER"),
        "inside the voucher opened at line 4",
    );
    check(&format!("{HEAD}#VER A 1 20250101\n#TRANS 1930 {{}} 1\n"), 5, Some("#TRANS"), "expected {");
    check(&format!("{HEAD}#VER A 1 20250101\n}}\n"), 5, None, "expected {");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n{{\n}}"), 6, None, "inside the voucher");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n#KONTO 1 x\n}}"), 6, Some("#KONTO"), "inside the voucher");
    check(&format!("{HEAD}{{\n}}"), 4, None, "without a #VER");
    check(&format!("{HEAD}}}"), 4, None, "without an open voucher");
    check(&format!("{HEAD}#VER A 1 20250101\n{{ #TRANS 1930 {{}} 1\n}}"), 5, None, "only that character");
    check(&format!("{HEAD}#VER A 1 20250101\n{{\n}} extra"), 6, None, "only that character");
}

#[test]
fn lines_that_are_not_records() {
    check(&format!("{HEAD}KONTO 3010 x"), 4, None, "expected a record label");
    check(&format!("{HEAD}# 3010 x"), 4, None, "expected a record label");
    check("\u{feff}hello", 1, None, "expected a record label");
    check(&format!("{HEAD}\"#KONTO\""), 4, None, "expected a record label");
}

#[test]
fn line_numbers_count_blank_lines_and_crlf() {
    check("#FLAGGA 0\r\n\r\n\r\n#IB 0 1930 x\r\n", 4, Some("#IB"), "bad amount");
    check("\n\n\n\n\n\n\n\n\n#IB 0 1930 x", 10, Some("#IB"), "bad amount");
    let mut big = String::from(HEAD);
    for i in 0..1000 {
        big.push_str(&format!("#VER A {i} 20250101\n{{\n#TRANS 1930 {{}} 1\n#TRANS 2440 {{}} -1\n}}\n"));
    }
    big.push_str("#VER A x 20250101\n{\n#TRANS 1930 {} 1.001\n}\n");
    check(&big, 3 + 5000 + 3, Some("#TRANS"), "more than two decimals");
}

#[test]
fn error_display_has_line_and_label() {
    let e = err(&format!("{HEAD}#IB 0 1930 x\n"));
    assert_eq!(e.to_string(), "line 4 (#IB): bad amount \"x\": not a decimal number");
    // On a last line without a line end, the message adds that the file may have been cut there.
    let e = err(&format!("{HEAD}#IB 0 1930 x"));
    assert_eq!(
        e.to_string(),
        "line 4 (#IB): bad amount \"x\": not a decimal number (the file ends on this line, without a line end: was it cut short?)"
    );
}

#[test]
fn io_errors_become_sie_errors() {
    struct Failing(usize);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::other("disk on fire"));
            }
            let line = b"#FLAGGA 0\n";
            self.0 -= 1;
            buf[..line.len()].copy_from_slice(line);
            Ok(line.len())
        }
    }
    let reader = std::io::BufReader::with_capacity(10, Failing(2));
    let e = parse_reader(reader, Options::default()).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("disk on fire"));
}
