//! Arbitrary bytes into parse_bytes (each encoding option), the streaming reader and the
//! aggregation helpers: nothing may panic, the two readers must agree, and a verified `#KSUMMA`
//! must be what `checksum::ksumma_of` computes on its own.
#![no_main]

use libfuzzer_sys::fuzz_target;
use styr_sie::{Encoding, Options, PeriodKind, Record, SieReader, checksum, parse_bytes};

fuzz_target!(|data: &[u8]| {
    let options = match data.first().map(|b| b % 4) {
        Some(0) => Options::default().with_encoding(Encoding::Cp437),
        Some(1) => Options::default().with_encoding(Encoding::Latin1),
        Some(2) => Options::default().with_encoding(Encoding::Utf8),
        _ => Options::default(),
    };
    let doc = parse_bytes(data, options);
    let streamed: Result<Vec<Record>, _> = SieReader::new(data, options).collect();
    match (&doc, &streamed) {
        (Ok(d), Ok(records)) => {
            let vouchers = records.iter().filter(|r| matches!(r, Record::Voucher(_))).count();
            assert_eq!(vouchers, d.vouchers.len());
            if let Some(crc) = d.checksum {
                assert_eq!(checksum::ksumma_of(data), Some(crc), "the reader and ksumma_of disagree");
            }
            let _ = d.monthly_transaction_sums(1);
            let _ = d.period_values(PeriodKind::Balance, 1);
            let _ = d.period_values(PeriodKind::Budget, 6);
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            assert!(a.line >= 1);
        }
        _ => panic!("parse_bytes and SieReader disagree"),
    }
    let _ = checksum::ksumma_of(data);
});
