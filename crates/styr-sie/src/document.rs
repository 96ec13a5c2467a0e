//! A whole SIE file collected in memory.

use std::collections::BTreeMap;

use crate::encoding::DecodeStats;
use crate::reader::Warning;
use crate::record::{AccountType, Address, Balance, Dimension, FiscalYear, ObjectBalance, PeriodAmount, Record, Voucher};
use crate::value::Date;

/// Identification records (`#FLAGGA` … `#KSUMMA`); each is `None` when absent (the last one wins
/// when a label repeats, except `#PROSA`, which is collected).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Header {
    pub flag: Option<u8>,
    pub program: Option<String>,
    pub program_version: Option<String>,
    pub format: Option<String>,
    pub generated: Option<Date>,
    pub generated_by: Option<String>,
    pub sie_type: Option<u8>,
    pub prosa: Vec<String>,
    pub company_type: Option<String>,
    pub company_code: Option<String>,
    pub orgnr: Option<String>,
    pub orgnr_acquisition: Option<String>,
    pub orgnr_activity: Option<String>,
    pub address: Option<Address>,
    pub company_name: Option<String>,
    pub tax_year: Option<i32>,
    /// `#OMFATTN`: the date the balances refer to.
    pub balances_date: Option<Date>,
    pub chart_type: Option<String>,
    pub currency: Option<String>,
    /// The value of the closing `#KSUMMA` as written (the reader has verified it; see
    /// [`SieDocument::checksum`]).
    pub checksums: Vec<i64>,
}

/// What the file says about one account (`#KONTO`, `#KTYP`, `#ENHET`, `#SRU`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountInfo {
    pub name: Option<String>,
    pub kind: Option<AccountType>,
    pub unit: Option<String>,
    pub sru: Vec<String>,
}

/// Everything in a SIE file. See [`crate::parse_bytes`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SieDocument {
    pub header: Header,
    /// `#RAR`, in file order.
    pub fiscal_years: Vec<FiscalYear>,
    /// By account number.
    pub accounts: BTreeMap<String, AccountInfo>,
    /// `#DIM` and `#UNDERDIM` by number.
    pub dimensions: BTreeMap<u32, Dimension>,
    /// `#OBJEKT` names by (dimension, object code).
    pub objects: BTreeMap<(u32, String), String>,
    /// `#IB`
    pub opening_balances: Vec<Balance>,
    /// `#UB`
    pub closing_balances: Vec<Balance>,
    /// `#RES`
    pub results: Vec<Balance>,
    /// `#OIB`
    pub object_opening_balances: Vec<ObjectBalance>,
    /// `#OUB`
    pub object_closing_balances: Vec<ObjectBalance>,
    /// `#PSALDO`
    pub period_balances: Vec<PeriodAmount>,
    /// `#PBUDGET`
    pub period_budgets: Vec<PeriodAmount>,
    /// `#VER` with their rows.
    pub vouchers: Vec<Voucher>,
    /// Unknown labels that were skipped.
    pub warnings: Vec<Warning>,
    /// How the lines were decoded.
    pub decode_stats: DecodeStats,
    /// Lines in the file.
    pub lines: usize,
    /// The `#KSUMMA` checksum, verified, when the file has one.
    pub checksum: Option<u32>,
}

impl SieDocument {
    /// Add one record.
    pub fn push(&mut self, record: Record) {
        let h = &mut self.header;
        match record {
            Record::Flagga(x) => h.flag = Some(x),
            Record::Program { name, version } => {
                h.program = Some(name);
                h.program_version = version;
            }
            Record::Format(f) => h.format = Some(f),
            Record::Gen { date, sign } => {
                h.generated = Some(date);
                h.generated_by = sign;
            }
            Record::SieTyp(t) => h.sie_type = Some(t),
            Record::Prosa(p) => h.prosa.push(p),
            Record::Ftyp(t) => h.company_type = Some(t),
            Record::Fnr(c) => h.company_code = Some(c),
            Record::Orgnr { orgnr, acquisition, activity } => {
                h.orgnr = Some(orgnr);
                h.orgnr_acquisition = acquisition;
                h.orgnr_activity = activity;
            }
            Record::Adress(a) => h.address = Some(a),
            Record::Fnamn(n) => h.company_name = Some(n),
            Record::Rar(y) => self.fiscal_years.push(y),
            Record::Taxar(y) => h.tax_year = Some(y),
            Record::Omfattn(d) => h.balances_date = Some(d),
            Record::Kptyp(t) => h.chart_type = Some(t),
            Record::Valuta(v) => h.currency = Some(v),
            Record::Konto { account, name } => self.accounts.entry(account).or_default().name = Some(name),
            Record::Ktyp { account, kind } => self.accounts.entry(account).or_default().kind = Some(kind),
            Record::Enhet { account, unit } => self.accounts.entry(account).or_default().unit = Some(unit),
            Record::Sru { account, code } => self.accounts.entry(account).or_default().sru.push(code),
            Record::Dim(d) | Record::Underdim(d) => {
                self.dimensions.insert(d.number, d);
            }
            Record::Objekt(o) => {
                self.objects.insert((o.dim, o.code), o.name);
            }
            Record::Ib(b) => self.opening_balances.push(b),
            Record::Ub(b) => self.closing_balances.push(b),
            Record::Res(b) => self.results.push(b),
            Record::Oib(b) => self.object_opening_balances.push(b),
            Record::Oub(b) => self.object_closing_balances.push(b),
            Record::Psaldo(p) => self.period_balances.push(p),
            Record::Pbudget(p) => self.period_budgets.push(p),
            Record::Voucher(v) => self.vouchers.push(v),
            Record::Ksumma(c) => h.checksums.extend(c),
        }
    }

    /// The financial year with this index (0 = current, -1 = previous).
    pub fn fiscal_year(&self, year: i32) -> Option<&FiscalYear> {
        self.fiscal_years.iter().find(|y| y.year == year)
    }

    /// Number of voucher rows (all kinds).
    pub fn row_count(&self) -> usize {
        self.vouchers.iter().map(|v| v.rows.len()).sum()
    }
}
