//! Parsing throughput on a file with 1,000,000 #TRANS rows (no criterion: `harness = false`).
//!
//! ```sh
//! cargo bench -p styr-sie --bench parse
//! SIE_BENCH_FILE=/path/to/file.se SIE_BENCH_RUNS=7 cargo bench -p styr-sie --bench parse
//! ```
//! Without `SIE_BENCH_FILE` the file is generated in memory (`generate_sie` with 100 cost
//! centres, 12 months, 1,000,000 transactions, seed 42). Each measurement is repeated
//! `SIE_BENCH_RUNS` times (default 5) and the median is reported. The last measurement reads the
//! same file with `#KSUMMA` added (`checksum::with_ksumma`), so the checksum is verified too.

use std::hint::black_box;
use std::time::{Duration, Instant};

use styr_sie::generate::{GenerateOptions, demo_sie};
use styr_sie::{Options, PeriodKind, Record, SieReader, monthly_transaction_sums, parse_bytes, period_values};

fn main() {
    let runs: usize = std::env::var("SIE_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(5).max(1);
    let bytes = match std::env::var("SIE_BENCH_FILE") {
        Ok(path) => {
            println!("input: {path}");
            std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
        }
        Err(_) => {
            let o = GenerateOptions { cost_centres: 100, months: 12, transactions: 1_000_000, seed: 42, year: 2025 };
            let t = Instant::now();
            let b = demo_sie(&o).expect("generate");
            println!("input: generated in memory ({o:?}) in {:.2} s", t.elapsed().as_secs_f64());
            b
        }
    };

    // Count what is in the file once (also a warm-up).
    let mut rows = 0u64;
    let mut records = 0u64;
    let mut vouchers = 0u64;
    for r in SieReader::new(&bytes[..], Options::default()) {
        let r = r.expect("the benchmark file parses");
        records += 1;
        if let Record::Voucher(v) = &r {
            vouchers += 1;
            rows += v.rows.len() as u64;
        }
    }
    let mb = bytes.len() as f64 / 1e6;
    println!(
        "size: {mb:.1} MB, {} lines, {records} records, {vouchers} vouchers, {rows} voucher rows; {runs} runs, median reported",
        bytes.iter().filter(|&&b| b == b'\n').count()
    );
    println!("{:<42} {:>10} {:>10} {:>9} {:>14}", "measurement", "median", "min", "MB/s", "rows/s");

    report("SieReader (stream all records)", runs, mb, rows, || {
        let mut n = 0usize;
        for r in SieReader::new(&bytes[..], Options::default()) {
            n += black_box(r.unwrap()).label().len();
        }
        n
    });
    report("monthly_transaction_sums (stream, dim 1)", runs, mb, rows, || {
        monthly_transaction_sums(SieReader::new(&bytes[..], Options::default()), 1).unwrap().sums.len()
    });
    report("period_values #PSALDO (stream, dim 1)", runs, mb, rows, || {
        period_values(SieReader::new(&bytes[..], Options::default()), PeriodKind::Balance, 1).unwrap().values.len()
    });
    report("parse_bytes (whole document in memory)", runs, mb, rows, || parse_bytes(&bytes, Options::default()).unwrap().vouchers.len());
    // The same file with #KSUMMA: every record also goes through the CRC-32.
    let signed = styr_sie::checksum::with_ksumma(&bytes);
    report("SieReader, with #KSUMMA verified", runs, mb, rows, || {
        let mut r = SieReader::new(&signed[..], Options::default());
        let mut n = 0usize;
        while let Some(rec) = r.next_record().unwrap() {
            n += black_box(rec).label().len();
        }
        assert!(r.checksum().is_some());
        n
    });
}

fn report(name: &str, runs: usize, mb: f64, rows: u64, mut f: impl FnMut() -> usize) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2].as_secs_f64();
    let min = times[0].as_secs_f64();
    println!("{name:<42} {:>8.0} ms {:>7.0} ms {:>9.1} {:>14.0}", median * 1e3, min * 1e3, mb / median, rows as f64 / median);
}
