//! Stream a SIE file and print record counts and sums, holding one record at a time.
//!
//! ```sh
//! cargo run --release -p styr-sie --example sie_stats -- FILE [--encoding cp437|latin1|utf8] [--collect]
//! ```
//! `--collect` reads the whole file into memory and collects it with `parse_bytes` first (to
//! compare peak memory with streaming); the figures printed are the same.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::process::ExitCode;
use std::time::Instant;

use styr_sie::{Encoding, Options, PeriodAggregator, PeriodKind, Record, SieReader, TransKind, TransactionAggregator, format_amount};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut options = Options::default();
    let mut path = None;
    let mut collect = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--encoding" => {
                options = match it.next().map(String::as_str) {
                    Some("cp437") => options.with_encoding(Encoding::Cp437),
                    Some("latin1") => options.with_encoding(Encoding::Latin1),
                    Some("utf8") => options.with_encoding(Encoding::Utf8),
                    other => {
                        eprintln!("sie_stats: unknown encoding {other:?}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            "--collect" => collect = true,
            p => path = Some(p.to_owned()),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: sie_stats FILE [--encoding cp437|latin1|utf8] [--collect]");
        return ExitCode::FAILURE;
    };
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("sie_stats: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    if collect {
        return collected(&path, file, options, started);
    }
    let mut reader = SieReader::new(BufReader::with_capacity(1 << 16, file), options);
    let mut counts: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut rows: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut counted_sum: i128 = 0;
    let mut unbalanced = 0u64;
    let mut sums = TransactionAggregator::new(1);
    let mut psaldo = PeriodAggregator::new(PeriodKind::Balance, 1);
    let mut pbudget = PeriodAggregator::new(PeriodKind::Budget, 1);
    let mut name = None;
    for record in reader.by_ref() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                eprintln!("sie_stats: {path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        *counts.entry(record.label()).or_insert(0) += 1;
        match &record {
            Record::Voucher(v) => {
                for r in &v.rows {
                    let label = match r.kind {
                        TransKind::Trans => "#TRANS",
                        TransKind::Added => "#RTRANS",
                        TransKind::Removed => "#BTRANS",
                    };
                    *rows.entry(label).or_insert(0) += 1;
                }
                counted_sum += v.counted_rows().map(|r| i128::from(r.amount)).sum::<i128>();
                if v.balance() != Some(0) {
                    unbalanced += 1;
                }
            }
            Record::Fnamn(n) => name = Some(n.clone()),
            _ => {}
        }
        sums.add_record(&record);
        if let Err(e) = psaldo.add_record(&record).and_then(|()| pbudget.add_record(&record)) {
            eprintln!("sie_stats: {path}: {e}");
            return ExitCode::FAILURE;
        }
    }
    let sums = match sums.finish() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("sie_stats: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let psaldo = psaldo.finish();
    let pbudget = pbudget.finish();
    println!("file: {path}");
    if let Some(n) = name {
        println!("company: {n}");
    }
    println!("lines: {}", reader.line());
    match reader.checksum() {
        Some(crc) => println!("#KSUMMA: verified, {crc}"),
        None => println!("#KSUMMA: none"),
    }
    for (label, n) in &counts {
        println!("  {label:<10} {n:>10}");
    }
    for (label, n) in &rows {
        println!("  {label:<10} {n:>10} (voucher rows)");
    }
    for w in reader.warnings() {
        println!("  unknown {:<10} {:>4} (first on line {})", w.label, w.count, w.first_line);
    }
    let d = reader.decode_stats();
    println!("decoding: {} ASCII, {} UTF-8, {} CP437, {} Latin-1 lines", d.ascii_lines, d.utf8_lines, d.cp437_lines, d.latin1_lines);
    println!("sum of counted voucher rows: {} (unbalanced vouchers: {unbalanced})", counted_sum);
    let total = |m: &BTreeMap<_, i64>| m.values().map(|&v| i128::from(v)).sum::<i128>();
    let cost: i128 = sums.sums.iter().filter(|(k, _)| k.account.starts_with(['4', '5', '6', '7'])).map(|(_, &v)| i128::from(v)).sum();
    println!(
        "monthly sums (dim 1): {} cells, {} rows counted, costs 4-7: {}",
        sums.sums.len(),
        sums.rows_counted,
        i64::try_from(cost).map(format_amount).unwrap_or_else(|_| format!("{cost} öre"))
    );
    println!("#PSALDO (dim 1): {} cells, total {}", psaldo.values.len(), total(&psaldo.values));
    println!("#PBUDGET (dim 1): {} cells, total {}", pbudget.values.len(), total(&pbudget.values));
    println!("elapsed: {:.3} s", started.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}

/// The same figures from a whole document collected in memory.
fn collected(path: &str, mut file: File, options: Options, started: Instant) -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::Read::read_to_end(&mut file, &mut bytes) {
        eprintln!("sie_stats: {path}: {e}");
        return ExitCode::FAILURE;
    }
    let doc = match styr_sie::parse_bytes(&bytes, options) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("sie_stats: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    drop(bytes);
    println!("file: {path} (collected with parse_bytes)");
    if let Some(n) = &doc.header.company_name {
        println!("company: {n}");
    }
    println!("lines: {}", doc.lines);
    println!("  vouchers {:>10}", doc.vouchers.len());
    println!("  rows     {:>10}", doc.row_count());
    println!("  #PSALDO  {:>10}", doc.period_balances.len());
    println!("  #PBUDGET {:>10}", doc.period_budgets.len());
    let counted: i128 = doc.vouchers.iter().flat_map(|v| v.counted_rows()).map(|r| i128::from(r.amount)).sum();
    println!("sum of counted voucher rows: {counted}");
    let sums = doc.monthly_transaction_sums(1).unwrap();
    println!("monthly sums (dim 1): {} cells, {} rows counted", sums.sums.len(), sums.rows_counted);
    println!("elapsed: {:.3} s", started.elapsed().as_secs_f64());
    ExitCode::SUCCESS
}
