//! Write a deterministic demo SIE 4 file (code page 437) for a municipal care committee.
//!
//! ```sh
//! cargo run --release -p styr-sie --example generate_sie -- \
//!     --out demo.se --cost-centres 100 --months 12 --transactions 50000 --seed 42
//! ```
//! Options: `--out FILE` (required; `-` for standard output), `--cost-centres N` (100),
//! `--months 1-12` (12), `--transactions N` (100000), `--seed N` (42), `--year YYYY` (2025).

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use styr_sie::generate::{GenerateOptions, write_demo_sie};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("generate_sie: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut opts = GenerateOptions::default();
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--out" => out = Some(value("--out")?),
            "--cost-centres" => opts.cost_centres = number(&value("--cost-centres")?)?,
            "--months" => opts.months = number(&value("--months")?)?,
            "--transactions" => opts.transactions = number(&value("--transactions")?)?,
            "--seed" => opts.seed = number(&value("--seed")?)?,
            "--year" => opts.year = number(&value("--year")?)?,
            "-h" | "--help" => {
                println!("usage: generate_sie --out FILE [--cost-centres N] [--months 1-12] [--transactions N] [--seed N] [--year YYYY]");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    let out = out.ok_or("--out FILE is required")?;
    let summary = if out == "-" {
        write_demo_sie(BufWriter::new(io::stdout().lock()), &opts)
    } else {
        let file = File::create(&out).map_err(|e| format!("{out}: {e}"))?;
        write_demo_sie(BufWriter::with_capacity(1 << 20, file), &opts)
    }
    .map_err(|e| format!("{out}: {e}"))?;
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "wrote {out}: {} bytes, {} lines, {} vouchers, {} #TRANS, {} #PSALDO, {} #PBUDGET, {} objects",
        summary.bytes, summary.lines, summary.vouchers, summary.trans_rows, summary.psaldo_rows, summary.pbudget_rows, summary.objects
    );
    Ok(())
}

fn number<T: std::str::FromStr>(s: &str) -> Result<T, String> {
    s.parse().map_err(|_| format!("not a valid number: {s:?}"))
}
