//! The ledger CSV, for systems that cannot export SIE: one row per period, account, cost centre and
//! measure. Columns `period` (`2024-08`), `account`, `cost_centre`, `amount` (kronor, `.` or `,`
//! decimals, SIE signs: debit positive, credit negative) and `measure` (`outcome` or `budget`).
//! An amount beyond ± 10¹² kr is refused (`Amount::MAX_INPUT_ORE`), and so is a cell whose rows add
//! up beyond what `i64` öre holds.

use std::collections::BTreeMap;

use styr_domain::Amount;
use styr_domain::Period;
use styr_domain::economics::{LedgerAmount, Measure};

use crate::FormatError;

const COLUMNS: [&str; 5] = ["period", "account", "cost_centre", "amount", "measure"];

/// Reads the whole file; amounts for the same (period, account, cost centre, measure) are added up.
pub fn parse(text: &str, file: &str) -> Result<Vec<LedgerAmount>, FormatError> {
    let mut input = crate::csv_input::CsvInput::open(text, file)?;
    let headers = input.headers.clone();
    let mut index = [0usize; 5];
    for (i, name) in COLUMNS.iter().enumerate() {
        index[i] = headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .ok_or_else(|| FormatError::new(file, Some(1), *name, format!("missing column; the header needs {}", COLUMNS.join(", "))))?;
    }
    let mut sums: BTreeMap<(i32, u32, String, String, Measure), Amount> = BTreeMap::new();
    while let Some(row) = input.next_row() {
        let (line, record) = row?;
        let line = Some(line);
        let get = |i: usize| record.get(index[i]).unwrap_or("").trim();
        let err = |field: &str, msg: String| FormatError::new(file, line, field, msg);
        let (year, month) = match get(0).parse::<Period>() {
            Ok(Period::YearToDate { year, month }) => (year, month),
            _ => return Err(err("period", format!("`{}` is not a month such as 2024-08", get(0)))),
        };
        let account = get(1);
        if account.is_empty() || !account.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(err("account", format!("`{account}` is not an account number")));
        }
        let amount = Amount::parse_kronor(get(3)).map_err(|e| err("amount", e.to_string()))?;
        let measure = match get(4) {
            "outcome" | "utfall" => Measure::Outcome,
            "budget" => Measure::Budget,
            other => return Err(err("measure", format!("`{other}` is not outcome or budget"))),
        };
        let e = sums.entry((year, month, account.to_string(), get(2).to_string(), measure)).or_insert(Amount::ZERO);
        *e = e.try_add(amount).map_err(|e| {
            let what =
                format!("the {} of account {account}, cost centre `{}`, {} (the rows up to this one)", measure.as_str(), get(2), get(0));
            err("amount", e.in_computing(what).to_string())
        })?;
    }
    Ok(sums
        .into_iter()
        .map(|((year, month, account, cost_centre, measure), amount)| LedgerAmount { year, month, account, cost_centre, measure, amount })
        .collect())
}
