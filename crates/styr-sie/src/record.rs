//! Typed SIE 4 records and their construction from a tokenized line.

use std::borrow::Cow;

use crate::lexer::{Tok, tok_text};
use crate::value::{AmountError, Date, MAX_AMOUNT_ORE, Period, is_decimal, parse_amount};

/// One `(dimension, object code)` pair of an object list: `{1 "100"}` is dimension 1, object `100`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjectRef {
    pub dim: u32,
    pub code: String,
}

/// The object code for `dim` in an object list, if the list has one.
pub fn object_in_dim(objects: &[ObjectRef], dim: u32) -> Option<&str> {
    objects.iter().find(|o| o.dim == dim).map(|o| o.code.as_str())
}

/// `#KTYP` account type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountType {
    /// `T`: tillgång (asset).
    Asset,
    /// `S`: skuld (liability or equity).
    Liability,
    /// `K`: kostnad (cost).
    Cost,
    /// `I`: intäkt (revenue).
    Revenue,
}

impl AccountType {
    fn parse(s: &str) -> Option<AccountType> {
        match s {
            "T" | "t" => Some(AccountType::Asset),
            "S" | "s" => Some(AccountType::Liability),
            "K" | "k" => Some(AccountType::Cost),
            "I" | "i" => Some(AccountType::Revenue),
            _ => None,
        }
    }
    /// The SIE letter.
    pub fn letter(self) -> char {
        match self {
            AccountType::Asset => 'T',
            AccountType::Liability => 'S',
            AccountType::Cost => 'K',
            AccountType::Revenue => 'I',
        }
    }
}

/// `#ADRESS contact street postal phone` (missing trailing fields are empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub contact: String,
    pub street: String,
    pub postal: String,
    pub phone: String,
}

/// `#RAR yearno start end`: a financial year; `year` 0 is the current one, -1 the previous.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FiscalYear {
    pub year: i32,
    pub start: Date,
    pub end: Date,
}

impl FiscalYear {
    /// Whether the date falls within the year.
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
    /// Whether the month overlaps the year.
    pub fn contains_period(&self, period: Period) -> bool {
        self.start.period() <= period && period <= self.end.period()
    }
}

/// `#DIM dimno name` or `#UNDERDIM dimno name superdim`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimension {
    pub number: u32,
    pub name: String,
    /// The super-dimension of an `#UNDERDIM`.
    pub parent: Option<u32>,
}

/// `#OBJEKT dimno code name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    pub dim: u32,
    pub code: String,
    pub name: String,
}

/// `#IB` / `#UB` / `#RES yearno account amount [quantity]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    pub year: i32,
    pub account: String,
    /// Öre; debit positive, credit negative.
    pub amount: i64,
    /// The quantity as written (a decimal number), if any.
    pub quantity: Option<String>,
}

/// `#OIB` / `#OUB yearno account {objects} amount [quantity]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectBalance {
    pub year: i32,
    pub account: String,
    pub objects: Vec<ObjectRef>,
    /// Öre.
    pub amount: i64,
    pub quantity: Option<String>,
}

/// `#PSALDO` / `#PBUDGET yearno period account {objects} amount [quantity]`.
/// An empty object list means the whole account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodAmount {
    pub year: i32,
    pub period: Period,
    pub account: String,
    pub objects: Vec<ObjectRef>,
    /// Öre.
    pub amount: i64,
    pub quantity: Option<String>,
    /// 1-based line number.
    pub line: usize,
}

/// Which label a voucher row had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransKind {
    /// `#TRANS`: an ordinary row.
    Trans,
    /// `#RTRANS`: a row added after the voucher was first registered. It counts.
    Added,
    /// `#BTRANS`: a row removed (struck) after registration. It does not count.
    Removed,
}

/// A voucher row: `#TRANS account {objects} amount [transdate [text [quantity [sign]]]]`
/// (also `#RTRANS` and `#BTRANS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransRow {
    pub kind: TransKind,
    pub account: String,
    pub objects: Vec<ObjectRef>,
    /// Öre; debit positive, credit negative.
    pub amount: i64,
    /// The transaction date, when given (an empty field is `None`); see [`Voucher::row_date`].
    pub date: Option<Date>,
    pub text: Option<String>,
    pub quantity: Option<String>,
    pub sign: Option<String>,
    /// A `#TRANS` that repeats the `#RTRANS` just before it (same account, objects, amount and
    /// date). The SIE standard has every `#RTRANS` followed by such a copy for readers that do not
    /// know `#RTRANS`; the pair is one added row, so the copy does not count.
    pub rtrans_copy: bool,
    /// 1-based line number.
    pub line: usize,
}

impl TransRow {
    /// Whether the row counts in balances and sums: `#TRANS` (unless it is the compatibility copy
    /// of the `#RTRANS` before it) and `#RTRANS` count; `#BTRANS` does not.
    pub fn counts(&self) -> bool {
        match self.kind {
            TransKind::Trans => !self.rtrans_copy,
            TransKind::Added => true,
            TransKind::Removed => false,
        }
    }
}

/// `#VER series verno date [text [regdate [sign]]]` with its `{ … }` block of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Voucher {
    /// Series (may be empty).
    pub series: String,
    /// Voucher number (may be empty in 4I import files).
    pub number: String,
    pub date: Date,
    pub text: Option<String>,
    pub reg_date: Option<Date>,
    pub sign: Option<String>,
    pub rows: Vec<TransRow>,
    /// 1-based line number of the `#VER` line.
    pub line: usize,
}

impl Voucher {
    /// The rows that count (see [`TransRow::counts`]).
    pub fn counted_rows(&self) -> impl Iterator<Item = &TransRow> {
        self.rows.iter().filter(|r| r.counts())
    }
    /// The date a row is booked on: its own transaction date, else the voucher date.
    pub fn row_date(&self, row: &TransRow) -> Date {
        row.date.unwrap_or(self.date)
    }
    /// Sum of the counted rows in öre (0 for a balanced voucher); `None` on overflow.
    pub fn balance(&self) -> Option<i64> {
        self.counted_rows().try_fold(0i64, |acc, r| acc.checked_add(r.amount))
    }
}

/// One record of a SIE file. Unknown labels are not records: the reader skips and counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Record {
    /// `#FLAGGA x`
    Flagga(u8),
    /// `#PROGRAM name version`
    Program { name: String, version: Option<String> },
    /// `#FORMAT PC8`
    Format(String),
    /// `#GEN date [sign]`
    Gen { date: Date, sign: Option<String> },
    /// `#SIETYP 1|2|3|4`
    SieTyp(u8),
    /// `#PROSA text`
    Prosa(String),
    /// `#FTYP type`
    Ftyp(String),
    /// `#FNR code`
    Fnr(String),
    /// `#ORGNR orgnr [acquisition no [activity no]]`
    Orgnr { orgnr: String, acquisition: Option<String>, activity: Option<String> },
    /// `#ADRESS contact street postal phone`
    Adress(Address),
    /// `#FNAMN name`
    Fnamn(String),
    /// `#RAR yearno start end`
    Rar(FiscalYear),
    /// `#TAXAR year`
    Taxar(i32),
    /// `#OMFATTN date`
    Omfattn(Date),
    /// `#KPTYP type`
    Kptyp(String),
    /// `#VALUTA code`
    Valuta(String),
    /// `#KONTO account name`
    Konto { account: String, name: String },
    /// `#KTYP account T|S|K|I`
    Ktyp { account: String, kind: AccountType },
    /// `#ENHET account unit`
    Enhet { account: String, unit: String },
    /// `#SRU account code`
    Sru { account: String, code: String },
    /// `#DIM dimno name`
    Dim(Dimension),
    /// `#UNDERDIM dimno name superdim`
    Underdim(Dimension),
    /// `#OBJEKT dimno code name`
    Objekt(Object),
    /// `#IB yearno account amount [quantity]`
    Ib(Balance),
    /// `#UB yearno account amount [quantity]`
    Ub(Balance),
    /// `#RES yearno account amount [quantity]`
    Res(Balance),
    /// `#OIB yearno account {objects} amount [quantity]`
    Oib(ObjectBalance),
    /// `#OUB yearno account {objects} amount [quantity]`
    Oub(ObjectBalance),
    /// `#PSALDO yearno period account {objects} amount [quantity]`
    Psaldo(PeriodAmount),
    /// `#PBUDGET yearno period account {objects} amount [quantity]`
    Pbudget(PeriodAmount),
    /// `#VER …` with its rows.
    Voucher(Voucher),
    /// `#KSUMMA [checksum]`: without a value it opens the checksummed part, with one it closes it;
    /// the reader verifies the checksum (see [`crate::SieReader`]).
    Ksumma(Option<i64>),
}

impl Record {
    /// The label this record was read from (`"#TRANS"` is never returned: rows live in vouchers).
    pub fn label(&self) -> &'static str {
        match self {
            Record::Flagga(_) => "#FLAGGA",
            Record::Program { .. } => "#PROGRAM",
            Record::Format(_) => "#FORMAT",
            Record::Gen { .. } => "#GEN",
            Record::SieTyp(_) => "#SIETYP",
            Record::Prosa(_) => "#PROSA",
            Record::Ftyp(_) => "#FTYP",
            Record::Fnr(_) => "#FNR",
            Record::Orgnr { .. } => "#ORGNR",
            Record::Adress(_) => "#ADRESS",
            Record::Fnamn(_) => "#FNAMN",
            Record::Rar(_) => "#RAR",
            Record::Taxar(_) => "#TAXAR",
            Record::Omfattn(_) => "#OMFATTN",
            Record::Kptyp(_) => "#KPTYP",
            Record::Valuta(_) => "#VALUTA",
            Record::Konto { .. } => "#KONTO",
            Record::Ktyp { .. } => "#KTYP",
            Record::Enhet { .. } => "#ENHET",
            Record::Sru { .. } => "#SRU",
            Record::Dim(_) => "#DIM",
            Record::Underdim(_) => "#UNDERDIM",
            Record::Objekt(_) => "#OBJEKT",
            Record::Ib(_) => "#IB",
            Record::Ub(_) => "#UB",
            Record::Res(_) => "#RES",
            Record::Oib(_) => "#OIB",
            Record::Oub(_) => "#OUB",
            Record::Psaldo(_) => "#PSALDO",
            Record::Pbudget(_) => "#PBUDGET",
            Record::Voucher(_) => "#VER",
            Record::Ksumma(_) => "#KSUMMA",
        }
    }
}

/// A line after interpretation of its label and fields.
#[derive(Debug)]
pub(crate) enum Parsed {
    Record(Record),
    /// A `#VER` header, rows still to come.
    VoucherHead(Voucher),
    Row(TransRow),
    /// An unknown label (kept as written).
    Unknown(String),
}

/// A cursor over the fields after the label.
struct Fields<'a> {
    line: &'a str,
    toks: &'a [Tok],
    pos: usize,
}

type FieldResult<T> = Result<T, String>;

impl<'a> Fields<'a> {
    fn peek(&self) -> Option<Tok> {
        self.toks.get(self.pos).copied()
    }

    fn text(&mut self, name: &str) -> FieldResult<Cow<'a, str>> {
        match self.opt_text(name)? {
            Some(t) => Ok(t),
            None => Err(format!("missing field <{name}>")),
        }
    }

    fn opt_text(&mut self, name: &str) -> FieldResult<Option<Cow<'a, str>>> {
        match self.peek() {
            None => Ok(None),
            Some(Tok::Text { start, end, escaped }) => {
                self.pos += 1;
                Ok(Some(tok_text(self.line, start, end, escaped)))
            }
            Some(_) => Err(format!("field <{name}>: expected a value, found an object list")),
        }
    }

    fn string(&mut self, name: &str) -> FieldResult<String> {
        self.text(name).map(Cow::into_owned)
    }

    /// An optional text field; absent or empty (`""`) is `None`.
    fn opt_string(&mut self, name: &str) -> FieldResult<Option<String>> {
        Ok(self.opt_text(name)?.filter(|t| !t.is_empty()).map(Cow::into_owned))
    }

    /// An optional text field; absent is empty.
    fn string_or_empty(&mut self, name: &str) -> FieldResult<String> {
        Ok(self.opt_text(name)?.map(Cow::into_owned).unwrap_or_default())
    }

    fn account(&mut self) -> FieldResult<String> {
        let a = self.text("account")?;
        if a.is_empty() {
            return Err("empty account number".into());
        }
        Ok(a.into_owned())
    }

    fn year(&mut self) -> FieldResult<i32> {
        let t = self.text("year number")?;
        t.parse::<i32>().map_err(|_| format!("bad year number {t:?} (expected an integer such as 0 or -1)"))
    }

    fn dim(&mut self, name: &str) -> FieldResult<u32> {
        let t = self.text(name)?;
        parse_dim(&t).ok_or_else(|| format!("bad {name} {t:?} (expected a non-negative integer)"))
    }

    fn date(&mut self, name: &str) -> FieldResult<Date> {
        let t = self.text(name)?;
        Date::parse(&t).ok_or_else(|| format!("bad {name} {t:?} (expected a valid date YYYYMMDD)"))
    }

    /// An optional date; absent or `""` is `None`.
    fn opt_date(&mut self, name: &str) -> FieldResult<Option<Date>> {
        match self.opt_text(name)? {
            None => Ok(None),
            Some(t) if t.is_empty() => Ok(None),
            Some(t) => Date::parse(&t).map(Some).ok_or_else(|| format!("bad {name} {t:?} (expected a valid date YYYYMMDD)")),
        }
    }

    fn period(&mut self) -> FieldResult<Period> {
        let t = self.text("period")?;
        Period::parse(&t).ok_or_else(|| format!("bad period {t:?} (expected a valid month YYYYMM)"))
    }

    /// An amount within ± [`MAX_AMOUNT_ORE`].
    fn amount(&mut self) -> FieldResult<i64> {
        let t = self.text("amount")?;
        let too_large =
            || format!("bad amount {t:?}: too large (beyond ±1 000 000 000 000 kr, a million mnkr, the largest amount accepted)");
        match parse_amount(&t) {
            Ok(ore) if ore.unsigned_abs() <= MAX_AMOUNT_ORE as u64 => Ok(ore),
            Ok(_) | Err(AmountError::Overflow) => Err(too_large()),
            Err(AmountError::NotANumber) => Err(format!("bad amount {t:?}: not a decimal number")),
            Err(AmountError::TooManyDecimals) => Err(format!("bad amount {t:?}: more than two decimals")),
        }
    }

    fn opt_quantity(&mut self) -> FieldResult<Option<String>> {
        match self.opt_text("quantity")? {
            None => Ok(None),
            Some(t) if t.is_empty() => Ok(None),
            Some(t) if is_decimal(&t) => Ok(Some(t.into_owned())),
            Some(t) => Err(format!("bad quantity {t:?}: not a decimal number")),
        }
    }

    fn objects(&mut self) -> FieldResult<Vec<ObjectRef>> {
        match self.peek() {
            Some(Tok::Open) => self.pos += 1,
            Some(_) => return Err("expected an object list {…} (use {} for none)".into()),
            None => return Err("missing field <object list> (use {} for none)".into()),
        }
        let mut objects = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::Close) => {
                    self.pos += 1;
                    return Ok(objects);
                }
                Some(Tok::Text { start, end, escaped }) => {
                    self.pos += 1;
                    let dim_text = tok_text(self.line, start, end, escaped);
                    let dim = parse_dim(&dim_text).ok_or_else(|| format!("object list: bad dimension number {dim_text:?}"))?;
                    let code = match self.peek() {
                        Some(Tok::Text { start, end, escaped }) => {
                            self.pos += 1;
                            tok_text(self.line, start, end, escaped)
                        }
                        _ => {
                            return Err(format!(
                                "object list: dimension {dim} has no object code (expected pairs of dimension and object)"
                            ));
                        }
                    };
                    if code.is_empty() {
                        return Err(format!("object list: empty object code for dimension {dim}"));
                    }
                    objects.push(ObjectRef { dim, code: code.into_owned() });
                }
                // The lexer guarantees balanced, unnested lists.
                Some(Tok::Open) | None => return Err("malformed object list".into()),
            }
        }
    }
}

fn parse_dim(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn small_int<T: std::str::FromStr>(f: &mut Fields<'_>, name: &str) -> FieldResult<T> {
    let t = f.text(name)?;
    t.parse::<T>().map_err(|_| format!("bad {name} {t:?} (expected an integer)"))
}

/// Interpret a record line. `toks[0]` is the label token; `label` is its text in upper case.
pub(crate) fn parse_record(line: &str, toks: &[Tok], label: &str, line_no: usize) -> Result<Parsed, String> {
    let mut f = Fields { line, toks, pos: 1 };
    let f = &mut f;
    let rec = match label {
        "#TRANS" | "#RTRANS" | "#BTRANS" => {
            let kind = match label {
                "#TRANS" => TransKind::Trans,
                "#RTRANS" => TransKind::Added,
                _ => TransKind::Removed,
            };
            let account = f.account()?;
            let objects = f.objects()?;
            let amount = f.amount()?;
            let date = f.opt_date("transaction date")?;
            let text = f.opt_string("text")?;
            let quantity = f.opt_quantity()?;
            let sign = f.opt_string("sign")?;
            return Ok(Parsed::Row(TransRow {
                kind,
                account,
                objects,
                amount,
                date,
                text,
                quantity,
                sign,
                rtrans_copy: false,
                line: line_no,
            }));
        }
        "#VER" => {
            let series = f.string("series")?;
            let number = f.string("voucher number")?;
            let date = f.date("voucher date")?;
            let text = f.opt_string("text")?;
            let reg_date = f.opt_date("registration date")?;
            let sign = f.opt_string("sign")?;
            return Ok(Parsed::VoucherHead(Voucher { series, number, date, text, reg_date, sign, rows: Vec::new(), line: line_no }));
        }
        "#PSALDO" | "#PBUDGET" => {
            let pa = PeriodAmount {
                year: f.year()?,
                period: f.period()?,
                account: f.account()?,
                objects: f.objects()?,
                amount: f.amount()?,
                quantity: f.opt_quantity()?,
                line: line_no,
            };
            if label == "#PSALDO" { Record::Psaldo(pa) } else { Record::Pbudget(pa) }
        }
        "#IB" | "#UB" | "#RES" => {
            let b = Balance { year: f.year()?, account: f.account()?, amount: f.amount()?, quantity: f.opt_quantity()? };
            match label {
                "#IB" => Record::Ib(b),
                "#UB" => Record::Ub(b),
                _ => Record::Res(b),
            }
        }
        "#OIB" | "#OUB" => {
            let b = ObjectBalance {
                year: f.year()?,
                account: f.account()?,
                objects: f.objects()?,
                amount: f.amount()?,
                quantity: f.opt_quantity()?,
            };
            if label == "#OIB" { Record::Oib(b) } else { Record::Oub(b) }
        }
        "#KONTO" => Record::Konto { account: f.account()?, name: f.string("account name")? },
        "#KTYP" => {
            let account = f.account()?;
            let t = f.text("account type")?;
            let kind = AccountType::parse(&t).ok_or_else(|| format!("bad account type {t:?} (expected T, S, K or I)"))?;
            Record::Ktyp { account, kind }
        }
        "#ENHET" => Record::Enhet { account: f.account()?, unit: f.string("unit")? },
        "#SRU" => Record::Sru { account: f.account()?, code: f.string("SRU code")? },
        "#DIM" => Record::Dim(Dimension { number: f.dim("dimension number")?, name: f.string("dimension name")?, parent: None }),
        "#UNDERDIM" => Record::Underdim(Dimension {
            number: f.dim("dimension number")?,
            name: f.string("dimension name")?,
            parent: Some(f.dim("super-dimension number")?),
        }),
        "#OBJEKT" => {
            let dim = f.dim("dimension number")?;
            let code = f.string("object code")?;
            if code.is_empty() {
                return Err("empty object code".into());
            }
            Record::Objekt(Object { dim, code, name: f.string("object name")? })
        }
        "#RAR" => {
            let year = f.year()?;
            let start = f.date("start date")?;
            let end = f.date("end date")?;
            if end < start {
                return Err(format!("financial year ends ({end}) before it starts ({start})"));
            }
            Record::Rar(FiscalYear { year, start, end })
        }
        "#FLAGGA" => Record::Flagga(small_int(f, "flag")?),
        "#PROGRAM" => Record::Program { name: f.string("program name")?, version: f.opt_string("version")? },
        "#FORMAT" => Record::Format(f.string("format")?),
        "#GEN" => Record::Gen { date: f.date("generation date")?, sign: f.opt_string("sign")? },
        "#SIETYP" => Record::SieTyp(small_int(f, "SIE type")?),
        "#PROSA" => Record::Prosa(f.string("text")?),
        "#FTYP" => Record::Ftyp(f.string("company type")?),
        "#FNR" => Record::Fnr(f.string("company code")?),
        "#ORGNR" => Record::Orgnr {
            orgnr: f.string("organisation number")?,
            acquisition: f.opt_string("acquisition number")?,
            activity: f.opt_string("activity number")?,
        },
        "#ADRESS" => Record::Adress(Address {
            contact: f.string_or_empty("contact")?,
            street: f.string_or_empty("street")?,
            postal: f.string_or_empty("postal address")?,
            phone: f.string_or_empty("phone")?,
        }),
        "#FNAMN" => Record::Fnamn(f.string("company name")?),
        "#TAXAR" => Record::Taxar(small_int(f, "tax year")?),
        "#OMFATTN" => Record::Omfattn(f.date("date")?),
        "#KPTYP" => Record::Kptyp(f.string("chart type")?),
        "#VALUTA" => Record::Valuta(f.string("currency")?),
        "#KSUMMA" => match f.opt_text("checksum")? {
            None => Record::Ksumma(None),
            Some(t) if t.is_empty() => Record::Ksumma(None),
            Some(t) => Record::Ksumma(Some(t.parse::<i64>().map_err(|_| format!("bad checksum {t:?} (expected an integer)"))?)),
        },
        _ => return Ok(Parsed::Unknown(label.to_owned())),
    };
    Ok(Parsed::Record(rec))
}
