//! A reader for SIE 4 files (4E exports and 4I imports) as municipal ledgers export them.
//!
//! * [`SieReader`] streams [`Record`]s from any `BufRead`, one line (or one `#VER` block) at a
//!   time, so a file with a million voucher rows is never held in memory.
//! * [`parse_bytes`] collects a whole file into a [`SieDocument`].
//! * [`monthly_transaction_sums`] sums voucher rows per (year, month, account, object) for exports
//!   without `#PSALDO` per object; [`period_values`] reads `#PSALDO` / `#PBUDGET` per
//!   (year, month, account, object).
//! * [`generate`] writes a deterministic, realistic municipal SIE 4 file (for demos, tests and
//!   benchmarks).
//!
//! ```
//! use styr_sie::{Options, PeriodKind, Record, SieReader, monthly_transaction_sums, parse_bytes};
//!
//! let file = b"#FLAGGA 0\r\n#FORMAT PC8\r\n#SIETYP 4\r\n#FNAMN \"V\x86rd- och omsorgsn\x84mnden\"\r\n\
//!              #RAR 0 20250101 20251231\r\n#PBUDGET 0 202501 5010 {1 \"1101\"} 1000000.00\r\n\
//!              #VER L 1 20250125 \"L\x94n januari\"\r\n{\r\n\
//!              #TRANS 5010 {1 \"1101\"} 987654.32\r\n#TRANS 2940 {} -987654.32\r\n}\r\n";
//!
//! // Streaming: one record at a time.
//! for record in SieReader::new(&file[..], Options::default()) {
//!     if let Record::Voucher(v) = record? {
//!         assert_eq!(v.text.as_deref(), Some("Lön januari"));
//!     }
//! }
//! // Monthly actuals per cost centre (dimension 1) straight from the stream.
//! let sums = monthly_transaction_sums(SieReader::new(&file[..], Options::default()), 1)?;
//! let (key, ore) = sums.sums.iter().find(|(k, _)| k.account == "5010").unwrap();
//! assert_eq!((key.year, key.period.to_string(), key.object.as_deref(), *ore), (Some(0), "202501".into(), Some("1101"), 98_765_432));
//!
//! // Or the whole file in memory.
//! let doc = parse_bytes(file, Options::default())?;
//! assert_eq!(doc.header.company_name.as_deref(), Some("Vård- och omsorgsnämnden"));
//! assert_eq!(doc.period_values(PeriodKind::Budget, 1)?.values.values().sum::<i64>(), 100_000_000);
//! # Ok::<(), styr_sie::SieError>(())
//! ```
//!
//! # Syntax accepted
//! One record per line, `#LABEL field field …`, fields separated by spaces or tabs, indentation
//! allowed, blank lines ignored (as are a trailing `\r` and DOS end-of-file marks 0x1A). Quoted
//! fields may hold spaces; inside them `\"` is a quote and `\\` a backslash (any other backslash
//! is kept). Object lists are `{}`, `{ }` or `{1 "100" 6 "P42"}` (pairs of dimension number and
//! object code, quoted or not). A `#VER` line is followed by a line `{`, its `#TRANS` / `#RTRANS` /
//! `#BTRANS` lines and a line `}`; lines starting with `{` or `}` are only these delimiters.
//! Labels are matched case-insensitively. Fields beyond those the standard defines are ignored;
//! unknown labels are skipped and counted ([`Warning`]). Anything else that is malformed is a
//! [`SieError`] with its 1-based line number.
//!
//! # Encoding
//! With no override ([`Options::encoding`] `None`): pure-ASCII lines need no decoding; a line that
//! is valid UTF-8 is read as UTF-8 (this covers UTF-8 files with a byte-order mark, which is
//! stripped, files without `#FORMAT`, and exporters that declare `#FORMAT PC8` but write UTF-8 —
//! text in code page 437 is practically never valid UTF-8, since å/ä/ö are 0x86/0x84/0x94, which
//! cannot start a UTF-8 sequence); every other line is code page 437, the encoding `#FORMAT PC8`
//! names and the only one the standard allows. [`Encoding::Latin1`] has to be asked for.
//!
//! # `#RTRANS` and `#BTRANS`
//! `#BTRANS` (a struck row) never counts. `#RTRANS` (a row added later) counts. The standard has
//! each `#RTRANS` followed by an identical `#TRANS` for older readers; such a `#TRANS` (same
//! account, objects, amount and date as the `#RTRANS` right before it) is kept in the voucher
//! but marked [`TransRow::rtrans_copy`] and does not count, so the added row counts exactly once,
//! whether or not the exporter wrote the copy.

//!
//! # Completeness and integrity: what is refused
//! Besides malformed lines, the reader refuses a file that is not whole or says a thing twice, so
//! that an import never stores part of a ledger or a doubled balance:
//! * **amounts beyond ± 10¹² kr** ([`MAX_AMOUNT_ORE`], a million mnkr; the bound of
//!   `styr_domain::Amount`), with the line, the label and the field (`bad amount "…": too large`);
//! * **a wrong `#KSUMMA`**: when a file has an opening `#KSUMMA`, the closing `#KSUMMA checksum`
//!   must match the CRC-32 of the records between them ([`checksum`] describes the computation,
//!   checked against real exports); a closing `#KSUMMA` without an opening one, a second opening
//!   one, and anything but blank lines after the closing one are refused too, and
//!   [`SieReader::checksum`] / [`SieDocument::checksum`] give the verified value;
//! * **a file that ends in the middle of a record**: a `#KSUMMA` opened and never closed, a `#VER`
//!   without its `{ … }` block or its closing `}`, a quoted field without its closing quote, and a
//!   last record line without a line end (where `… 123` may be the start of `… 1234.50`; only a
//!   voucher's closing `}` and a verified closing `#KSUMMA` may end the file without one). Of 72
//!   sample exports from some twenty programs (an open-source SIE library's test files), 71 end
//!   with a line end and one with a voucher's `}`.
//!   A file cut exactly between two records cannot be told from a shorter file unless it has a
//!   `#KSUMMA`;
//! * **a balance record given twice**: `#IB`, `#UB`, `#RES`, `#OIB`, `#OUB`, `#PSALDO` or
//!   `#PBUDGET` with the same year index, period, account and object list (in any order) as an
//!   earlier one of the same label, with both line numbers (it would be counted twice);
//! * **sums that do not fit** in `i64` öre in [`monthly_transaction_sums`] and [`period_values`]:
//!   an error naming the cell and a line, never a saturated number.
//!
//! # Other choices
//! * The reader stops at the first error (an import should reject a broken file, not guess).
//! * Strict where figures depend on it: accounts, object lists, amounts, dates, periods, year
//!   numbers and dimension numbers must be present and valid. Lenient where they do not:
//!   `#ADRESS` fields missing at the end are empty, the `#PROGRAM` version is optional, fields
//!   beyond the standard's are ignored, and `#FLAGGA` is not required to come first.
//! * Optional fields written as `""` (transaction date, text, quantity, sign) are `None`.
//! * A backslash escapes only `"` and `\`; `"C:\sie"` keeps its backslash.
//! * `#PSALDO` amounts are returned as written (the standard leaves open whether balance accounts
//!   carry the period's change or the balance).
//! * Memory: the reader holds one line, or one voucher with its rows, plus one small entry per
//!   balance record (for the duplicate check); [`parse_bytes`] holds everything (about 400 bytes
//!   per voucher row).

mod aggregate;
mod balance_keys;
pub mod checksum;
mod document;
pub mod encoding;
mod error;
pub mod generate;
mod lexer;
mod reader;
mod record;
mod value;

use std::io::BufRead;

pub use aggregate::{
    PeriodAggregator, PeriodKey, PeriodKind, PeriodValues, SumKey, TransactionAggregator, TransactionSums, monthly_transaction_sums,
    period_values,
};
pub use document::{AccountInfo, Header, SieDocument};
pub use encoding::{DecodeStats, Encoding};
pub use error::SieError;
pub use reader::{SieReader, Warning};
pub use record::{
    AccountType, Address, Balance, Dimension, FiscalYear, Object, ObjectBalance, ObjectRef, PeriodAmount, Record, TransKind, TransRow,
    Voucher, object_in_dim,
};
pub use value::{AmountError, Date, MAX_AMOUNT_ORE, Period, format_amount, parse_amount};

/// Reading options.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Force an encoding for non-ASCII lines; `None` chooses per line (see the crate docs).
    pub encoding: Option<Encoding>,
}

impl Options {
    /// Options that force `encoding`.
    pub fn with_encoding(mut self, encoding: Encoding) -> Self {
        self.encoding = Some(encoding);
        self
    }
}

/// Parse a whole SIE file held in memory.
pub fn parse_bytes(bytes: &[u8], options: Options) -> Result<SieDocument, SieError> {
    parse_reader(bytes, options)
}

/// Parse a whole SIE file from a reader (records are collected; use [`SieReader`] to stream).
pub fn parse_reader<R: BufRead>(reader: R, options: Options) -> Result<SieDocument, SieError> {
    let mut reader = SieReader::new(reader, options);
    let mut doc = SieDocument::default();
    while let Some(record) = reader.next_record()? {
        doc.push(record);
    }
    doc.warnings = reader.warnings();
    doc.decode_stats = reader.decode_stats();
    doc.lines = reader.line();
    doc.checksum = reader.checksum();
    Ok(doc)
}
