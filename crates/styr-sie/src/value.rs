//! Dates (`YYYYMMDD`), periods (`YYYYMM`) and amounts (decimal text to öre).

use std::fmt;

/// A calendar date from a SIE file (`YYYYMMDD`), validated (month 1–12, day within the month,
/// leap years), year 1–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A date, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parse exactly eight digits `YYYYMMDD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 8 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Date::new(digits(&b[0..4]) as u16, digits(&b[4..6]) as u8, digits(&b[6..8]) as u8)
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
    /// The month this date falls in.
    pub fn period(self) -> Period {
        Period { year: self.year, month: self.month }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}{:02}{:02}", self.year, self.month, self.day)
    }
}

/// A month (`YYYYMM`), validated (month 1–12, year 1–9999).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: u16,
    month: u8,
}

impl Period {
    pub fn new(year: u16, month: u8) -> Option<Period> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        Some(Period { year, month })
    }

    /// Parse exactly six digits `YYYYMM`.
    pub fn parse(s: &str) -> Option<Period> {
        let b = s.as_bytes();
        if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Period::new(digits(&b[0..4]) as u16, digits(&b[4..6]) as u8)
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    /// The first day of the month.
    pub fn first_day(self) -> Date {
        Date { year: self.year, month: self.month, day: 1 }
    }
    /// The last day of the month.
    pub fn last_day(self) -> Date {
        Date { year: self.year, month: self.month, day: days_in_month(self.year, self.month) }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}{:02}", self.year, self.month)
    }
}

fn digits(b: &[u8]) -> u32 {
    b.iter().fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'))
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The largest amount the reader accepts, in öre: ± 10¹² kr (a million mnkr), the same bound as
/// `styr_domain::Amount::MAX_INPUT_ORE`. Far above any real municipal figure (Sweden's state
/// budget is about 1,3 · 10¹² kr), it leaves room to add 92 233 amounts at the bound within `i64`
/// öre, so a crafted file cannot make sums overflow with a few rows. Larger amounts are refused with
/// the line and the field.
pub const MAX_AMOUNT_ORE: i64 = 100_000_000_000_000;

/// Why an amount was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a decimal number (`12.50`, `-3`, `.5` are; `1,5`, `1e3`, `--1`, `` are not).
    NotANumber,
    /// More than two decimals that are not zeros (`1.005`).
    TooManyDecimals,
    /// Does not fit in i64 öre.
    Overflow,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountError::NotANumber => "not a decimal number",
            AmountError::TooManyDecimals => "more than two decimals",
            AmountError::Overflow => "too large",
        })
    }
}

/// Parse a SIE amount (kronor with `.` as decimal point, optional leading `-` or `+`) exactly into
/// öre. `"-41000.00"` is -4 100 000, `"1.5"` is 150, `"-0.07"` is -7. Decimals beyond the second
/// must be zeros (`"1.500"` is fine, `"1.505"` is not). No floating point is involved.
pub fn parse_amount(s: &str) -> Result<i64, AmountError> {
    let b = s.as_bytes();
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    let (int_part, frac_part) = match rest.iter().position(|&c| c == b'.') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &rest[rest.len()..]),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(AmountError::NotANumber);
    }
    if !int_part.iter().all(u8::is_ascii_digit) || !frac_part.iter().all(u8::is_ascii_digit) {
        return Err(AmountError::NotANumber);
    }
    // |i64::MIN| in öre, so that "-92233720368547758.08" still fits.
    const LIMIT: u128 = 1u128 << 63;
    let mut ore: u128 = 0;
    for &d in int_part {
        ore = ore * 10 + u128::from(d - b'0');
        if ore * 100 > LIMIT {
            return Err(AmountError::Overflow);
        }
    }
    let mut cents: u128 = 0;
    for (i, &d) in frac_part.iter().enumerate() {
        let v = u128::from(d - b'0');
        match i {
            0 => cents += v * 10,
            1 => cents += v,
            _ if v != 0 => return Err(AmountError::TooManyDecimals),
            _ => {}
        }
    }
    let total = ore * 100 + cents;
    if negative {
        if total > LIMIT {
            return Err(AmountError::Overflow);
        }
        // total <= 2^63, so -(total) fits in i128 and then in i64.
        i64::try_from(-(total as i128)).map_err(|_| AmountError::Overflow)
    } else {
        i64::try_from(total).map_err(|_| AmountError::Overflow)
    }
}

/// Format öre as a SIE amount with two decimals: -4100000 gives `"-41000.00"`.
pub fn format_amount(ore: i64) -> String {
    let sign = if ore < 0 { "-" } else { "" };
    let abs = ore.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Whether `s` is a decimal number (any number of decimals), as quantities are written.
pub(crate) fn is_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let rest = match b.first() {
        Some(b'-') | Some(b'+') => &b[1..],
        _ => b,
    };
    let mut digits = 0usize;
    let mut dots = 0usize;
    for &c in rest {
        match c {
            b'0'..=b'9' => digits += 1,
            b'.' => dots += 1,
            _ => return false,
        }
    }
    digits > 0 && dots <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("-41000.00"), Ok(-4_100_000));
        assert_eq!(parse_amount("100"), Ok(10_000));
        assert_eq!(parse_amount("1.5"), Ok(150));
        assert_eq!(parse_amount("-0.07"), Ok(-7));
        assert_eq!(parse_amount("+3.10"), Ok(310));
        assert_eq!(parse_amount("0"), Ok(0));
        assert_eq!(parse_amount("-0"), Ok(0));
        assert_eq!(parse_amount(".5"), Ok(50));
        assert_eq!(parse_amount("7."), Ok(700));
        assert_eq!(parse_amount("1.500"), Ok(150));
        assert_eq!(parse_amount("000012.34"), Ok(1234));
        assert_eq!(parse_amount("92233720368547758.07"), Ok(i64::MAX));
        assert_eq!(parse_amount("-92233720368547758.08"), Ok(i64::MIN));
    }

    #[test]
    fn bad_amounts() {
        use AmountError::*;
        for s in ["", "-", "+", ".", "-.", "1,5", "1e3", "--1", "1.2.3", "abc", " 1", "1 ", "0x10", "１"] {
            assert_eq!(parse_amount(s), Err(NotANumber), "{s:?}");
        }
        assert_eq!(parse_amount("1.005"), Err(TooManyDecimals));
        assert_eq!(parse_amount("-0.001"), Err(TooManyDecimals));
        assert_eq!(parse_amount("92233720368547758.08"), Err(Overflow));
        assert_eq!(parse_amount("-92233720368547758.09"), Err(Overflow));
        assert_eq!(parse_amount("99999999999999999999999999999999999999999999999"), Err(Overflow));
    }

    #[test]
    fn format() {
        assert_eq!(format_amount(-4_100_000), "-41000.00");
        assert_eq!(format_amount(-7), "-0.07");
        assert_eq!(format_amount(150), "1.50");
        assert_eq!(format_amount(i64::MIN), "-92233720368547758.08");
        for v in [0, 1, -1, 99, -100, 123_456_789, i64::MAX, i64::MIN] {
            assert_eq!(parse_amount(&format_amount(v)), Ok(v));
        }
    }

    #[test]
    fn dates() {
        let d = Date::parse("20240229").unwrap();
        assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
        assert_eq!(d.to_string(), "20240229");
        assert_eq!(d.period().to_string(), "202402");
        for bad in
            ["20230229", "20241301", "20240001", "20240100", "20240431", "00000101", "2024011", "202401011", "2024-1-01", "abcdefgh", ""]
        {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("20000229").is_some());
        assert!(Date::parse("19000229").is_none());
    }

    #[test]
    fn periods() {
        let p = Period::parse("202508").unwrap();
        assert_eq!(p.to_string(), "202508");
        assert_eq!(p.last_day().to_string(), "20250831");
        assert_eq!(Period::parse("202402").unwrap().last_day().day(), 29);
        for bad in ["202500", "202513", "20251", "2025011", "000001", "20x501"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn decimals() {
        assert!(is_decimal("1.234"));
        assert!(is_decimal("-2"));
        assert!(!is_decimal("1.2.3"));
        assert!(!is_decimal("-"));
        assert!(!is_decimal("1,5"));
    }
}
