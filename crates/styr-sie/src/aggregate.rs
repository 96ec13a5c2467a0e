//! Monthly sums for the budget-vs-actual cube: voucher rows summed per month, account and object,
//! and `#PSALDO` / `#PBUDGET` per month, account and object.

use std::collections::{BTreeMap, HashMap};

use crate::error::SieError;
use crate::record::{FiscalYear, PeriodAmount, Record, Voucher, object_in_dim};
use crate::value::Period;

/// A cell of the voucher-row sums.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SumKey {
    /// The `#RAR` year index whose dates include the row's date; `None` when no `#RAR` covers
    /// it. (Rows of vouchers that come before every `#RAR` line, which the standard does not
    /// allow, are placed by their month instead.)
    pub year: Option<i32>,
    /// The month of the row's date (its transaction date, else the voucher date).
    pub period: Period,
    pub account: String,
    /// The row's object in the chosen dimension; `None` when its object list has none.
    pub object: Option<String>,
}

/// Voucher rows summed by [`SumKey`]; see [`monthly_transaction_sums`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransactionSums {
    /// Öre per cell. Cells are present when at least one counted row fell in them (even if they sum to 0).
    pub sums: BTreeMap<SumKey, i64>,
    /// Rows that were added into `sums` (`#TRANS` and `#RTRANS`).
    pub rows_counted: u64,
    /// `#BTRANS` rows, left out.
    pub rows_removed: u64,
    /// `#TRANS` copies of the `#RTRANS` before them, left out (the `#RTRANS` counted).
    pub rows_rtrans_copies: u64,
    /// Counted rows whose date is outside every `#RAR` year (their `year` is `None`).
    pub rows_outside_years: u64,
}

/// Sums voucher rows one voucher at a time, with bounded memory (one entry per cell).
#[derive(Debug, Default)]
pub struct TransactionAggregator {
    dim: u32,
    years: Vec<FiscalYear>,
    accounts: HashMap<String, u32>,
    objects: HashMap<String, u32>,
    cells: HashMap<CellKey, Cell>,
    rows_counted: u64,
    rows_removed: u64,
    rows_rtrans_copies: u64,
}

/// (year index when a covering `#RAR` was already known, month, account id, object id).
type CellKey = (Option<i32>, Period, u32, u32);

/// A cell's sum in öre (in `i128`, which a file cannot overflow), its rows and the line of its last row.
#[derive(Debug, Default, Clone, Copy)]
struct Cell {
    sum: i128,
    rows: u64,
    last_line: usize,
}

const NO_OBJECT: u32 = u32::MAX;

fn intern(map: &mut HashMap<String, u32>, s: &str) -> u32 {
    if let Some(&id) = map.get(s) {
        return id;
    }
    let id = map.len() as u32;
    map.insert(s.to_owned(), id);
    id
}

impl TransactionAggregator {
    /// Objects are taken from dimension `dim` (1 = cost centre / ansvar, 6 = project).
    pub fn new(dim: u32) -> Self {
        TransactionAggregator { dim, ..Default::default() }
    }

    /// A `#RAR` year (they may come before or after the vouchers).
    pub fn add_fiscal_year(&mut self, year: FiscalYear) {
        self.years.push(year);
    }

    /// Add a voucher's counted rows.
    pub fn add_voucher(&mut self, v: &Voucher) {
        for row in &v.rows {
            if !row.counts() {
                if row.rtrans_copy {
                    self.rows_rtrans_copies += 1;
                } else {
                    self.rows_removed += 1;
                }
                continue;
            }
            self.rows_counted += 1;
            let date = v.row_date(row);
            let year = self.years.iter().find(|y| y.contains(date)).map(|y| y.year);
            let period = date.period();
            let account = intern(&mut self.accounts, &row.account);
            let object = match object_in_dim(&row.objects, self.dim) {
                Some(code) => intern(&mut self.objects, code),
                None => NO_OBJECT,
            };
            let cell = self.cells.entry((year, period, account, object)).or_default();
            cell.sum += i128::from(row.amount);
            cell.rows += 1;
            cell.last_line = row.line;
        }
    }

    /// Add a record: `#RAR` and `#VER` are used, others ignored.
    pub fn add_record(&mut self, record: &Record) {
        match record {
            Record::Rar(y) => self.add_fiscal_year(*y),
            Record::Voucher(v) => self.add_voucher(v),
            _ => {}
        }
    }

    /// The sums; an error (at the line of the cell's last row) when a cell's sum does not fit in
    /// `i64` öre, never a saturated number.
    pub fn finish(self) -> Result<TransactionSums, SieError> {
        let mut account_names = vec![String::new(); self.accounts.len()];
        for (name, id) in self.accounts {
            account_names[id as usize] = name;
        }
        let mut object_names = vec![String::new(); self.objects.len()];
        for (name, id) in self.objects {
            object_names[id as usize] = name;
        }
        let mut out = TransactionSums {
            rows_counted: self.rows_counted,
            rows_removed: self.rows_removed,
            rows_rtrans_copies: self.rows_rtrans_copies,
            ..Default::default()
        };
        let mut sums: BTreeMap<SumKey, (i128, usize)> = BTreeMap::new();
        for ((year, period, account, object), Cell { sum, rows, last_line }) in self.cells {
            // Placed by month when no #RAR covering the date had been read yet.
            let year = year.or_else(|| self.years.iter().find(|y| y.contains_period(period)).map(|y| y.year));
            if year.is_none() {
                out.rows_outside_years += rows;
            }
            let key = SumKey {
                year,
                period,
                account: account_names[account as usize].clone(),
                object: (object != NO_OBJECT).then(|| object_names[object as usize].clone()),
            };
            let cell = sums.entry(key).or_insert((0, 0));
            cell.0 += sum;
            cell.1 = cell.1.max(last_line);
        }
        out.sums = sums
            .into_iter()
            .map(|(k, (sum, line))| match i64::try_from(sum) {
                Ok(amount) => Ok((k, amount)),
                Err(_) => Err(SieError::new(
                    line,
                    Some("#TRANS"),
                    format!(
                        "the voucher rows of account {} {}for {} add up to {sum} öre, beyond ±92 233 720 368 547 758,07 kr (more than can be held)",
                        k.account,
                        k.object.as_deref().map(|o| format!("and object {o} ")).unwrap_or_default(),
                        k.period
                    ),
                )),
            })
            .collect::<Result<_, _>>()?;
        Ok(out)
    }
}

/// Sum voucher rows by (year index from `#RAR` by date, month, account, object in dimension `dim`),
/// reading records as they stream by, e.g. from a [`crate::SieReader`].
///
/// `#BTRANS` rows do not count; `#RTRANS` rows count, and the `#TRANS` copy that the standard puts
/// right after each `#RTRANS` does not (see [`crate::TransRow::rtrans_copy`]). A row's month is
/// that of its transaction date, else of the voucher date. Objects of other dimensions are ignored,
/// so every counted row lands in exactly one cell and the cells of an account add up to its total.
pub fn monthly_transaction_sums<I>(records: I, dim: u32) -> Result<TransactionSums, SieError>
where
    I: IntoIterator<Item = Result<Record, SieError>>,
{
    let mut agg = TransactionAggregator::new(dim);
    for r in records {
        agg.add_record(&r?);
    }
    agg.finish()
}

/// `#PSALDO` (actual) or `#PBUDGET` (budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// `#PSALDO`
    Balance,
    /// `#PBUDGET`
    Budget,
}

/// A cell of the period values.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PeriodKey {
    /// The year index written on the record.
    pub year: i32,
    pub period: Period,
    pub account: String,
    /// The object in the chosen dimension; `None` for the account-level row (`{}`).
    pub object: Option<String>,
}

/// `#PSALDO` or `#PBUDGET` amounts by [`PeriodKey`]; see [`period_values`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodValues {
    /// Öre per cell. From a [`crate::SieReader`] each cell has one row (it refuses a second row
    /// with the same key); rows added by hand with the same key are added up, checked.
    pub values: BTreeMap<PeriodKey, i64>,
    /// Rows used.
    pub rows_used: u64,
    /// Rows whose object list is not empty and is not exactly one object of the chosen dimension
    /// (objects of other dimensions, or combinations): left out, since adding them would count the
    /// same money twice.
    pub rows_other_objects: u64,
}

/// Collects `#PSALDO` or `#PBUDGET` rows.
#[derive(Debug)]
pub struct PeriodAggregator {
    kind: PeriodKind,
    dim: u32,
    values: PeriodValues,
}

impl PeriodAggregator {
    pub fn new(kind: PeriodKind, dim: u32) -> Self {
        PeriodAggregator { kind, dim, values: PeriodValues::default() }
    }

    /// Add one row (whichever kind it is: the caller picks). A cell whose sum would not fit in
    /// `i64` öre is an error at the row's line, never a saturated number.
    pub fn add(&mut self, p: &PeriodAmount) -> Result<(), SieError> {
        let object = match p.objects.as_slice() {
            [] => None,
            [o] if o.dim == self.dim => Some(o.code.clone()),
            _ => {
                self.values.rows_other_objects += 1;
                return Ok(());
            }
        };
        self.values.rows_used += 1;
        let key = PeriodKey { year: p.year, period: p.period, account: p.account.clone(), object };
        let label = match self.kind {
            PeriodKind::Balance => "#PSALDO",
            PeriodKind::Budget => "#PBUDGET",
        };
        let cell = self.values.values.entry(key).or_insert(0);
        *cell = cell.checked_add(p.amount).ok_or_else(|| {
            SieError::new(
                p.line,
                Some(label),
                format!(
                    "the {label} rows of year {}, period {}, account {} add up beyond ±92 233 720 368 547 758,07 kr (more than can be held)",
                    p.year, p.period, p.account
                ),
            )
        })?;
        Ok(())
    }

    /// Add a record if it is of the chosen kind.
    pub fn add_record(&mut self, record: &Record) -> Result<(), SieError> {
        match (self.kind, record) {
            (PeriodKind::Balance, Record::Psaldo(p)) | (PeriodKind::Budget, Record::Pbudget(p)) => self.add(p),
            _ => Ok(()),
        }
    }

    pub fn finish(self) -> PeriodValues {
        self.values
    }
}

/// Read `#PSALDO` or `#PBUDGET` per (year index, month, account, object in dimension `dim`) from
/// streaming records. Rows with `{}` are the account-level figures (`object` is `None`); rows with
/// exactly one object of dimension `dim` are per object; other rows are counted in
/// `rows_other_objects` and left out.
pub fn period_values<I>(records: I, kind: PeriodKind, dim: u32) -> Result<PeriodValues, SieError>
where
    I: IntoIterator<Item = Result<Record, SieError>>,
{
    let mut agg = PeriodAggregator::new(kind, dim);
    for r in records {
        agg.add_record(&r?)?;
    }
    Ok(agg.finish())
}

impl crate::SieDocument {
    /// [`monthly_transaction_sums`] over the collected vouchers.
    pub fn monthly_transaction_sums(&self, dim: u32) -> Result<TransactionSums, SieError> {
        let mut agg = TransactionAggregator::new(dim);
        for y in &self.fiscal_years {
            agg.add_fiscal_year(*y);
        }
        for v in &self.vouchers {
            agg.add_voucher(v);
        }
        agg.finish()
    }

    /// [`period_values`] over the collected `#PSALDO` or `#PBUDGET` rows.
    pub fn period_values(&self, kind: PeriodKind, dim: u32) -> Result<PeriodValues, SieError> {
        let mut agg = PeriodAggregator::new(kind, dim);
        let rows = match kind {
            PeriodKind::Balance => &self.period_balances,
            PeriodKind::Budget => &self.period_budgets,
        };
        for p in rows {
            agg.add(p)?;
        }
        Ok(agg.finish())
    }
}
