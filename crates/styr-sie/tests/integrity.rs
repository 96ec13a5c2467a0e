//! Completeness and integrity: amounts within the bound, `#KSUMMA` verified, a file that ends in
//! the middle of a record refused, balance records given twice refused with both lines, sums that
//! do not fit refused instead of saturated.

use styr_sie::checksum::{ksumma_of, with_ksumma};
use styr_sie::generate::{GenerateOptions, demo_sie};
use styr_sie::*;

const HEAD: &str = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20250101 20251231\n";

fn parse(text: &[u8]) -> Result<SieDocument, SieError> {
    let doc = parse_bytes(text, Options::default());
    // The streaming reader agrees.
    let streamed: Result<Vec<Record>, SieError> = SieReader::new(text, Options::default()).collect();
    match (&doc, &streamed) {
        (Err(a), Err(b)) => assert_eq!(a, b),
        (Ok(_), Ok(_)) => {}
        _ => panic!("parse_bytes and SieReader disagree: {doc:?}"),
    }
    doc
}

#[track_caller]
fn refused(text: &str, line: usize, label: Option<&str>, needle: &str) -> SieError {
    let e = parse(text.as_bytes()).expect_err("refused");
    assert_eq!((e.line, e.label.as_deref()), (line, label), "{e}");
    assert!(e.message.contains(needle), "{e} lacks {needle:?}");
    e
}

#[test]
fn amounts_beyond_a_million_mnkr_are_refused_with_line_and_field() {
    let at_bound = format!("{HEAD}#PSALDO 0 202501 5010 {{}} 1000000000000.00\n#PBUDGET 0 202501 5010 {{}} -1000000000000\n");
    let doc = parse(at_bound.as_bytes()).unwrap();
    assert_eq!(doc.period_balances[0].amount, MAX_AMOUNT_ORE);
    assert_eq!(doc.period_budgets[0].amount, -MAX_AMOUNT_ORE);

    let e = refused(&format!("{HEAD}#PSALDO 0 202501 5010 {{}} 1000000000000.01\n"), 5, Some("#PSALDO"), "bad amount");
    assert_eq!(
        e.to_string(),
        "line 5 (#PSALDO): bad amount \"1000000000000.01\": too large (beyond ±1 000 000 000 000 kr, a million mnkr, the largest amount accepted)"
    );
    // What the reviewer found accepted: 9,2 · 10^16 kr, the i64 limit.
    refused(&format!("{HEAD}#PBUDGET 0 202501 5010 {{}} 92233720368547758.07\n"), 5, Some("#PBUDGET"), "too large");
    refused(&format!("{HEAD}#IB 0 1930 -92233720368547758.08\n"), 5, Some("#IB"), "too large");
    refused(
        &format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{}} 5000000000000\n#TRANS 2440 {{}} -5000000000000\n}}\n"),
        7,
        Some("#TRANS"),
        "too large",
    );
}

#[test]
fn balance_records_given_twice_are_refused_with_both_lines() {
    let e = refused(
        &format!(
            "{HEAD}#PSALDO 0 202501 5010 {{1 \"1101\"}} 60\n#PSALDO 0 202501 5010 {{1 \"1102\"}} 40\n#PSALDO 0 202501 5010 {{1 1101}} 60\n"
        ),
        7,
        Some("#PSALDO"),
        "given twice",
    );
    assert_eq!(
        e.to_string(),
        "line 7 (#PSALDO): #PSALDO given twice: line 5 has the same year 0, period 202501, account 5010, objects {1 \"1101\"} \
         (a balance given twice would be counted twice)"
    );
    refused(
        &format!("{HEAD}#PBUDGET 0 202501 5010 {{}} 1\n\n#PBUDGET 0 202501 5010 {{ }} 2\n"),
        7,
        Some("#PBUDGET"),
        "line 5 has the same",
    );
    refused(&format!("{HEAD}#IB 0 1930 1\n#IB 0 1930 1\n"), 6, Some("#IB"), "line 5 has the same year 0, account 1930");
    refused(&format!("{HEAD}#UB -1 1930 1\n#UB -1 1930 2 5\n"), 6, Some("#UB"), "line 5");
    refused(&format!("{HEAD}#RES 0 3110 -1\n#RES 0 3110 -1\n"), 6, Some("#RES"), "line 5");
    // The order of an object list does not matter.
    refused(&format!("{HEAD}#OIB 0 1510 {{1 \"1\" 6 \"P\"}} 1\n#OIB 0 1510 {{6 \"P\" 1 \"1\"}} 1\n"), 6, Some("#OIB"), "line 5");
    refused(&format!("{HEAD}#OUB 0 1510 {{1 \"1\"}} 1\n#OUB 0 1510 {{1 \"1\"}} 1\n"), 6, Some("#OUB"), "line 5");

    // A different label, year, period, account or object list is another balance.
    let fine = format!(
        "{HEAD}#PSALDO 0 202501 5010 {{}} 1\n#PBUDGET 0 202501 5010 {{}} 1\n#PSALDO -1 202501 5010 {{}} 1\n#PSALDO 0 202502 5010 {{}} 1\n\
         #PSALDO 0 202501 5011 {{}} 1\n#PSALDO 0 202501 5010 {{1 \"1\"}} 1\n#PSALDO 0 202501 5010 {{6 \"1\"}} 1\n\
         #IB 0 1930 1\n#UB 0 1930 1\n#RES 0 1930 1\n#IB -1 1930 1\n#OIB 0 1930 {{}} 1\n#OUB 0 1930 {{}} 1\n"
    );
    let doc = parse(fine.as_bytes()).unwrap();
    assert_eq!(doc.period_balances.len(), 6);
    assert_eq!(doc.period_values(PeriodKind::Balance, 1).unwrap().values.values().sum::<i64>(), 500, "{{6 …}} is not dimension 1");
}

#[test]
fn a_file_ending_in_the_middle_of_a_record_is_refused() {
    // A voucher without its closing brace, or without its block at all.
    refused(&format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{}} 1\n#TRANS 2440 {{}} -1\n"), 5, Some("#VER"), "not closed");
    refused(&format!("{HEAD}#VER A 1 20250101\n"), 5, Some("#VER"), "no { … } block");
    // A quoted field without its closing quote.
    refused(&format!("{HEAD}#KONTO 5010 \"L\u{f6}ne"), 5, Some("#KONTO"), "unterminated quoted field");
    refused(&format!("{HEAD}#VER A 1 20250101 \"Utbetal"), 5, Some("#VER"), "was it cut short?");
    // The last record without its line end: "#PSALDO … 123" may be the start of "1234.50".
    refused(&format!("{HEAD}#PSALDO 0 202501 5010 {{}} 123"), 5, Some("#PSALDO"), "the file ends in the middle of this record");
    refused(&format!("{HEAD}#PSALDO 0 202501 5010 {{}}"), 5, Some("#PSALDO"), "was it cut short?");
    // A #KSUMMA opened and never closed.
    refused(
        "#FLAGGA 0\n#KSUMMA\n#SIETYP 4\n#PSALDO 0 202501 5010 {} 1\n",
        4,
        None,
        "the file ends before the closing #KSUMMA: the #KSUMMA at line 2",
    );

    // A closing brace or blank last line without a line end is fine.
    assert!(parse(format!("{HEAD}#VER A 1 20250101\n{{\n#TRANS 1930 {{}} 1\n#TRANS 2440 {{}} -1\n}}").as_bytes()).is_ok());
    assert!(parse(format!("{HEAD}\x1a").as_bytes()).is_ok());
    assert!(parse(format!("{HEAD}#PSALDO 0 202501 5010 {{}} 123\r\n").as_bytes()).is_ok());
}

/// A generated file (CP437, vouchers, object lists) cut anywhere: refused, except exactly at a line
/// boundary without `#KSUMMA`, which no syntax check can see; with `#KSUMMA` every cut is refused.
#[test]
fn a_cut_file_is_refused_wherever_it_was_cut() {
    let file = demo_sie(&GenerateOptions { transactions: 60, cost_centres: 1, months: 2, ..Default::default() }).unwrap();
    let parse = |b: &[u8]| parse_bytes(b, Options::default());
    let signed = with_ksumma(&file);
    let opening = signed.windows(9).position(|w| w == b"#KSUMMA\r\n").unwrap() + 9;
    assert!(parse(&file).is_ok());
    let doc = parse(&signed).unwrap();
    assert_eq!(doc.checksum, ksumma_of(&signed));
    let mut line_boundary_cuts_accepted = 0;
    let line_ends = |f: &[u8]| f.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).step_by(3).collect::<Vec<_>>();
    for cut in (1..file.len()).step_by(29).chain(line_ends(&file)) {
        let cut = cut.min(file.len() - 1);
        let result = parse(&file[..cut]);
        if result.is_ok() {
            // A line end, or a voucher's closing brace (a whole record) just before it.
            let kept = file[..cut].strip_suffix(b"\r").unwrap_or(&file[..cut]);
            assert!(kept.ends_with(b"\n") || kept.ends_with(b"\n}"), "cut at {cut} inside a line was accepted");
            line_boundary_cuts_accepted += 1;
        }
    }
    assert!(line_boundary_cuts_accepted > 0, "cuts between records are valid files without #KSUMMA");
    // Every cut after the opening #KSUMMA (one before it leaves a file without #KSUMMA).
    // (The closing line without its line end is still whole.)
    for cut in (opening..signed.len()).step_by(29).chain(line_ends(&signed)).chain(signed.len() - 12..signed.len() - 2) {
        let cut = cut.clamp(opening, signed.len() - 3);
        assert!(parse(&signed[..cut]).is_err(), "signed file cut at {cut} of {} was accepted", signed.len());
    }
}

#[test]
fn a_correct_ksumma_is_accepted_and_a_wrong_one_refused() {
    // Fields with tabs and padding, an escaped quote, CP437 text, an object list and a voucher.
    let body: &[u8] = b"#FLAGGA\t\t0\r\n#KSUMMA\r\n#PROGRAM\t\"\\\"Ekonomi\\\" AB\" 2025.1\r\n#FORMAT PC8\r\n#FNAMN \"V\x86rd- och omsorgsn\x84mnden\"\r\n\
#RAR 0 20250101 20251231\r\n#PSALDO\t0 202501 5010 {1 \"1101\"}      60.00\r\n#VER L 1 20250125 \"L\x94n\"\r\n{\r\n\t#TRANS 5010 {1 \"1101\" 6 \"P1\"} 60\r\n\
\t#TRANS 1930 {} -60\r\n}\r\n";
    // The checksum by hand: label and fields, no quotes, braces, separators or line ends; CP437 bytes.
    let covered: &[u8] = b"#PROGRAM\"Ekonomi\" AB2025.1#FORMATPC8#FNAMNV\x86rd- och omsorgsn\x84mnden#RAR02025010120251231\
#PSALDO020250150101110160.00#VERL120250125L\x94n#TRANS5010111016P160#TRANS1930-60";
    let crc = crc32(covered);
    assert_eq!(ksumma_of(body), Some(crc));

    let signed = [body, format!("#KSUMMA {crc}\r\n").as_bytes()].concat();
    let doc = parse(&signed).unwrap();
    assert_eq!((doc.checksum, doc.header.checksums.clone()), (Some(crc), vec![i64::from(crc)]));
    assert_eq!(doc.header.company_name.as_deref(), Some("Vård- och omsorgsnämnden"));
    let mut r = SieReader::new(&signed[..], Options::default());
    while r.next_record().unwrap().is_some() {}
    assert_eq!(r.checksum(), Some(crc));
    // Written as a signed 32-bit number, as some programs do.
    let signed_form = [body, format!("#KSUMMA {}\r\n", crc as i32).as_bytes()].concat();
    assert_eq!(parse(&signed_form).unwrap().checksum, Some(crc));
    // Without a line end after the verified closing #KSUMMA.
    assert!(parse(&[body, format!("#KSUMMA {crc}").as_bytes()].concat()).is_ok());

    // A wrong checksum, and a changed amount under a right one.
    let wrong = [body, format!("#KSUMMA {}\r\n", crc ^ 1).as_bytes()].concat();
    let e = parse(&wrong).unwrap_err();
    assert_eq!((e.line, e.label.as_deref()), (13, Some("#KSUMMA")));
    assert!(e.message.starts_with(&format!("checksum mismatch: #KSUMMA says {}, the records from line 2 give {crc}", crc ^ 1)), "{e}");
    let tampered = replace(&signed, b"} 60\r\n", b"} 90\r\n");
    assert!(parse(&tampered).unwrap_err().message.contains("checksum mismatch"));

    // Structure: a closing #KSUMMA without an opening one, two openings, anything after the close.
    let no_open = replace(&signed, b"#KSUMMA\r\n", b"");
    let e = parse(&no_open).unwrap_err();
    assert!(e.message.contains("no opening #KSUMMA"), "{e}");
    refused("#FLAGGA 0\n#KSUMMA\n#KSUMMA\n#KSUMMA 0\n", 3, Some("#KSUMMA"), "already opened one");
    let after = [&signed[..], b"#PSALDO 0 202502 5010 {} 1\r\n"].concat();
    let e = parse(&after).unwrap_err();
    assert_eq!(e.line, 14);
    assert!(e.message.contains("#PSALDO after the closing #KSUMMA at line 13: the checksum does not cover it"), "{e}");
    assert!(parse(&[&signed[..], b"\r\n\r\n"].concat()).is_ok(), "blank lines after it are fine");
    refused("#FLAGGA 0\n#KSUMMA\n#KSUMMA 0\n#KSUMMA 0\n", 4, None, "after the closing #KSUMMA at line 3");
    // An empty checksummed part has the CRC of nothing, 0.
    assert_eq!(parse(b"#FLAGGA 0\n#KSUMMA\n#KSUMMA 0\n").unwrap().checksum, Some(0));
}

#[test]
fn a_generated_file_with_ksumma_verifies_and_any_changed_byte_is_caught() {
    let file = with_ksumma(&demo_sie(&GenerateOptions { transactions: 200, cost_centres: 3, months: 2, ..Default::default() }).unwrap());
    let doc = parse(&file).unwrap();
    assert!(doc.checksum.is_some());
    // Change one of many digits between the two #KSUMMA lines in turn: always caught.
    let opening = file.windows(9).position(|w| w == b"#KSUMMA\r\n").unwrap() + 9;
    let closing = file.len() - file.rsplit(|&b| b == b'#').next().unwrap().len() - 1;
    let digits: Vec<usize> = (opening..closing).filter(|&i| file[i].is_ascii_digit()).collect();
    for &i in digits.iter().step_by(97) {
        let mut changed = file.clone();
        changed[i] = if changed[i] == b'9' { b'8' } else { changed[i] + 1 };
        assert!(parse(&changed).is_err(), "a changed digit at byte {i} went unnoticed");
    }
}

#[test]
fn sums_that_do_not_fit_are_errors_never_saturated() {
    // 92 234 voucher rows of 10^12 kr on one cell add up beyond i64 öre.
    let mut text = String::from(HEAD);
    for _ in 0..46_117 {
        text.push_str("#VER A 1 20250101\n{\n#TRANS 5010 {1 \"1\"} 1000000000000\n#TRANS 5010 {1 \"1\"} 1000000000000\n#TRANS 2440 {} -1000000000000\n}\n");
    }
    let e = monthly_transaction_sums(SieReader::new(text.as_bytes(), Options::default()), 1).unwrap_err();
    assert_eq!(e.label.as_deref(), Some("#TRANS"));
    assert!(e.message.contains("the voucher rows of account 5010 and object 1 for 202501 add up to"), "{e}");
    assert!(e.message.contains("beyond ±92 233 720 368 547 758,07 kr"), "{e}");
    // One voucher fewer fits.
    let fewer = &text[..text.len() - text.rfind("#VER").map(|i| text.len() - i).unwrap()];
    let sums = monthly_transaction_sums(SieReader::new(fewer.as_bytes(), Options::default()), 1).unwrap();
    assert_eq!(sums.sums.values().copied().filter(|&v| v > 0).max(), Some(92_232 * MAX_AMOUNT_ORE));

    // Period rows added by hand (the reader refuses duplicates, so only the API can do this).
    let row = |line| PeriodAmount {
        year: 0,
        period: Period::parse("202501").unwrap(),
        account: "5010".into(),
        objects: vec![],
        amount: i64::MAX - 1,
        quantity: None,
        line,
    };
    let mut agg = PeriodAggregator::new(PeriodKind::Balance, 1);
    agg.add(&row(10)).unwrap();
    let e = agg.add(&row(11)).unwrap_err();
    assert_eq!((e.line, e.label.as_deref()), (11, Some("#PSALDO")));
    assert!(e.message.contains("add up beyond"), "{e}");
}

fn crc32(bytes: &[u8]) -> u32 {
    // Bit by bit, independent of the crate's table.
    let mut c = 0xFFFF_FFFFu32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
        }
    }
    !c
}

/// `hay` with the first `from` replaced by `to`.
fn replace(hay: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = hay.windows(from.len()).position(|w| w == from).expect("present");
    [&hay[..at], to, &hay[at + from.len()..]].concat()
}

/// The fuzzer's seeds are valid files; the two with `#KSUMMA` verify.
#[test]
fn the_fuzz_seeds_are_valid_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/parse");
    let mut with_checksum = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let doc = parse(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        with_checksum += usize::from(doc.checksum.is_some());
    }
    assert_eq!(with_checksum, 2);
}
