//! Calendar arithmetic on plain integers: a date is its day number since 1970-01-01 (as Parquet's
//! `DATE`), a timestamp its seconds since 1970-01-01 00:00 in local civil time (no time zone: the
//! exports carry wall-clock times).

/// Day number since 1970-01-01 of a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date (year, month, day) of a day number.
pub fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// `yyyymm` of a day number, the month key of every result.
pub fn month_key(day: i32) -> u32 {
    let (y, m, _) = civil_from_days(day);
    y as u32 * 100 + m
}

/// The first day of the month `yyyymm`.
pub fn month_start(key: u32) -> i32 {
    days_from_civil((key / 100) as i32, key % 100, 1)
}

/// The month key after `key`.
pub fn next_month(key: u32) -> u32 {
    if key % 100 == 12 { (key / 100 + 1) * 100 + 1 } else { key + 1 }
}

/// `day` plus `months` calendar months, the day clamped to the month's end (31 Jan + 1 = 28/29 Feb),
/// as DuckDB's and Spark's `date + INTERVAL n MONTH`.
pub fn add_months(day: i32, months: u32) -> i32 {
    let (y, m, d) = civil_from_days(day);
    let total = y * 12 + (m as i32 - 1) + months as i32;
    let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    days_from_civil(ny, nm, d.min(days_in_month(ny, nm)))
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |a, &c| a * 10 + u32::from(c - b'0')))
}

/// `YYYY-MM-DD` to a day number.
pub fn parse_date(s: &[u8]) -> Option<i32> {
    if s.len() != 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let (y, m, d) = (digits(&s[0..4])?, digits(&s[5..7])?, digits(&s[8..10])?);
    if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y as i32, m) {
        return None;
    }
    Some(days_from_civil(y as i32, m, d))
}

/// `YYYY-MM-DD HH:MM[:SS]` (or with `T`) to seconds since 1970-01-01 00:00.
pub fn parse_timestamp(s: &[u8]) -> Option<i64> {
    if s.len() != 16 && s.len() != 19 {
        return None;
    }
    let day = parse_date(&s[..10])?;
    if (s[10] != b' ' && s[10] != b'T') || s[13] != b':' {
        return None;
    }
    let (h, mi) = (digits(&s[11..13])?, digits(&s[14..16])?);
    let sec = if s.len() == 19 {
        if s[16] != b':' {
            return None;
        }
        digits(&s[17..19])?
    } else {
        0
    };
    if h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    Some(i64::from(day) * 86_400 + i64::from(h * 3600 + mi * 60 + sec))
}

/// A day number as `YYYY-MM-DD`.
pub fn format_date(day: i32) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Seconds since 1970 as `YYYY-MM-DD HH:MM:SS`.
pub fn format_timestamp(ts: i64) -> String {
    let (day, sec) = (ts.div_euclid(86_400) as i32, ts.rem_euclid(86_400));
    format!("{} {:02}:{:02}:{:02}", format_date(day), sec / 3600, sec / 60 % 60, sec % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in -800_000..800_000 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }

    #[test]
    fn parses_and_refuses() {
        assert_eq!(parse_date(b"2024-02-29"), Some(days_from_civil(2024, 2, 29)));
        assert_eq!(parse_date(b"2023-02-29"), None);
        assert_eq!(parse_date(b"2024-13-01"), None);
        assert_eq!(parse_date(b"2024-1-01"), None);
        assert_eq!(parse_timestamp(b"2024-01-02 23:30"), Some(i64::from(days_from_civil(2024, 1, 2)) * 86_400 + 84_600));
        assert_eq!(parse_timestamp(b"2024-01-02T07:05:09"), Some(i64::from(days_from_civil(2024, 1, 2)) * 86_400 + 25_509));
        assert_eq!(parse_timestamp(b"2024-01-02 24:00"), None);
        assert_eq!(format_timestamp(parse_timestamp(b"2024-01-02 07:05:09").unwrap()), "2024-01-02 07:05:09");
    }

    #[test]
    fn months() {
        assert_eq!(add_months(days_from_civil(2024, 1, 31), 1), days_from_civil(2024, 2, 29));
        assert_eq!(add_months(days_from_civil(2024, 11, 30), 3), days_from_civil(2025, 2, 28));
        assert_eq!(month_key(days_from_civil(2024, 12, 31)), 202_412);
        assert_eq!(next_month(202_412), 202_501);
        assert_eq!(month_start(202_402), days_from_civil(2024, 2, 1));
    }
}
