//! Property-style robustness: random bytes, random token soup and mutated valid files must never
//! panic, and errors must point at an existing line. Deterministic (fixed seeds), no extra crates.

use styr_sie::*;

/// xorshift64*: small and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const INTERESTING: &[u8] = b"#{}\"\\ \t\n\r\n\n0123456789-.+TRANSVERKONTOPSALDO\x1a\x00\x86\x84\x94\xc3\xa5\xef\xbb\xbf\xff";

const LABELS: &[&str] = &[
    "#FLAGGA",
    "#PROGRAM",
    "#FORMAT",
    "#GEN",
    "#SIETYP",
    "#PROSA",
    "#FTYP",
    "#FNR",
    "#ORGNR",
    "#ADRESS",
    "#FNAMN",
    "#RAR",
    "#TAXAR",
    "#OMFATTN",
    "#KPTYP",
    "#VALUTA",
    "#KONTO",
    "#KTYP",
    "#ENHET",
    "#SRU",
    "#DIM",
    "#UNDERDIM",
    "#OBJEKT",
    "#IB",
    "#UB",
    "#RES",
    "#OIB",
    "#OUB",
    "#PSALDO",
    "#PBUDGET",
    "#VER",
    "#TRANS",
    "#RTRANS",
    "#BTRANS",
    "#KSUMMA",
    "#BKOD",
    "{",
    "}",
    "",
];

const FIELDS: &[&str] = &[
    "0",
    "-1",
    "1",
    "4",
    "PC8",
    "20250101",
    "20251231",
    "20250230",
    "202501",
    "202513",
    "3010",
    "1930",
    "{}",
    "{ }",
    "{1 \"100\"}",
    "{1 \"100\" 6 \"P42\"}",
    "{1",
    "}",
    "{1 {2}}",
    "\"\"",
    "\"a b\"",
    "\"a \\\" b\"",
    "\"unterminated",
    "-41000.00",
    "1.005",
    "99999999999999999999999",
    "T",
    "K",
    "x",
    "\u{e5}\u{e4}\u{f6}",
    "\\",
    "1.5",
    "-0.07",
    "+3",
    ".",
    "-",
];

fn outcome(bytes: &[u8], options: Options) {
    let lines = bytes.split(|&b| b == b'\n').count();
    let doc = parse_bytes(bytes, options);
    if let Err(e) = &doc {
        assert!(e.line >= 1 && e.line <= lines, "error line {} of {lines}: {e}", e.line);
        assert!(!e.message.is_empty());
    }
    // The streaming reader agrees with parse_bytes and the helpers never panic.
    let streamed: Result<Vec<Record>, SieError> = SieReader::new(bytes, options).collect();
    match (&doc, &streamed) {
        (Ok(d), Ok(recs)) => {
            let vouchers = recs.iter().filter(|r| matches!(r, Record::Voucher(_))).count();
            assert_eq!(vouchers, d.vouchers.len());
            let _ = d.monthly_transaction_sums(1);
            let _ = d.period_values(PeriodKind::Balance, 1);
            let _ = d.period_values(PeriodKind::Budget, 6);
            for v in &d.vouchers {
                let _ = v.balance();
            }
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        _ => panic!("parse_bytes and SieReader disagree"),
    }
    let _ = monthly_transaction_sums(SieReader::new(bytes, options), 1);
    let _ = period_values(SieReader::new(bytes, options), PeriodKind::Budget, 1);
}

fn any_options(rng: &mut Rng) -> Options {
    match rng.below(4) {
        0 => Options::default().with_encoding(Encoding::Cp437),
        1 => Options::default().with_encoding(Encoding::Latin1),
        2 => Options::default().with_encoding(Encoding::Utf8),
        _ => Options::default(),
    }
}

#[test]
fn random_bytes() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(160);
        let bytes: Vec<u8> = (0..len).map(|_| if rng.below(3) == 0 { rng.next() as u8 } else { *rng.pick(INTERESTING) }).collect();
        let options = any_options(&mut rng);
        outcome(&bytes, options);
    }
}

#[test]
fn random_token_soup() {
    let mut rng = Rng(0xDEAD_BEEF_CAFE_F00D);
    for _ in 0..10_000 {
        let mut text = String::new();
        for _ in 0..rng.below(12) {
            text.push_str(rng.pick::<&str>(LABELS));
            for _ in 0..rng.below(8) {
                text.push(if rng.below(5) == 0 { '\t' } else { ' ' });
                text.push_str(rng.pick::<&str>(FIELDS));
            }
            text.push_str(if rng.below(4) == 0 { "\r\n" } else { "\n" });
        }
        outcome(text.as_bytes(), Options::default());
    }
}

#[test]
fn mutated_valid_files() {
    let valid =
        generate::demo_sie(&generate::GenerateOptions { transactions: 300, cost_centres: 8, months: 3, ..Default::default() }).unwrap();
    assert!(parse_bytes(&valid, Options::default()).is_ok());
    let lines: Vec<&[u8]> = valid.split_inclusive(|&b| b == b'\n').collect();
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for _ in 0..1_500 {
        // Work on a random window of lines to keep each case small.
        let start = rng.below(lines.len());
        let end = (start + 1 + rng.below(60)).min(lines.len());
        let mut bytes: Vec<u8> = lines[start..end].concat();
        for _ in 0..1 + rng.below(6) {
            if bytes.is_empty() {
                break;
            }
            let i = rng.below(bytes.len());
            match rng.below(7) {
                0 => bytes[i] = rng.next() as u8,
                1 => bytes.insert(i, *rng.pick(INTERESTING)),
                2 => {
                    let j = (i + rng.below(20)).min(bytes.len());
                    bytes.drain(i..j);
                }
                3 => bytes.truncate(i),
                4 => {
                    let snippet: Vec<u8> = rng.pick(FIELDS).bytes().collect();
                    bytes.splice(i..i, snippet);
                }
                5 => bytes[i] ^= 0x80,
                _ => {
                    let j = (i + rng.below(40)).min(bytes.len());
                    let copy = bytes[i..j].to_vec();
                    bytes.splice(i..i, copy);
                }
            }
        }
        outcome(&bytes, any_options(&mut rng));
    }
}

#[test]
fn pathological_shapes_finish_quickly() {
    let cases: Vec<Vec<u8>> = vec![
        vec![b'{'; 100_000],
        vec![b'}'; 100_000],
        vec![b'"'; 100_001],
        vec![b'\n'; 100_000],
        vec![b'\\'; 100_000],
        [b"#FNAMN \"".as_slice(), &vec![b'\\'; 100_000]].concat(),
        [b"#TRANS 1 {".as_slice(), &vec![b'1'; 100_000]].concat(),
        b"#VER A 1 20250101\n{\n".repeat(10_000),
        [b"#VER A 1 20250101\n{\n".as_slice(), &b"#TRANS 1930 {} 1\n".repeat(100_000)].concat(),
        b"#IB 0 1930 ".iter().copied().chain(std::iter::repeat_n(b'9', 100_000)).collect(),
        b"#BKOD 1\n".repeat(50_000),
    ];
    let t = std::time::Instant::now();
    for c in &cases {
        outcome(c, Options::default());
    }
    assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
}
