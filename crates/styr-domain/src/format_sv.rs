//! Swedish number formatting: `1 402 123`, `-3,6`, `8,3 %`.
//!
//! Thousands are grouped with a space and the decimal mark is a comma. Renderers that must keep a
//! number on one line replace the space with a no-break space ([`no_break`]).

use crate::economics::{Amount, MoneyUnit};

/// Formats `value` with `decimals` decimals, e.g. `number(-1402123.0, 0)` = `-1 402 123`.
pub fn number(value: f64, decimals: usize) -> String {
    let rounded = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match rounded.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rounded.as_str(), None),
    };
    let is_zero = rounded.chars().all(|c| c == '0' || c == '.');
    let mut out = String::new();
    if value < 0.0 && !is_zero {
        out.push('-');
    }
    out.push_str(&group_thousands(int_part));
    if let Some(f) = frac_part {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// Like [`number`] but with as few decimals as needed, at most `max_decimals` (`23,15`, `19`, `2,1`).
pub fn number_trimmed(value: f64, max_decimals: usize) -> String {
    let s = number(value, max_decimals);
    if s.contains(',') { s.trim_end_matches('0').trim_end_matches(',').to_string() } else { s }
}

/// A percentage with a space before the sign: `8,3 %`.
pub fn percent(value: f64, decimals: usize) -> String {
    format!("{} %", number(value, decimals))
}

/// A difference with an explicit plus sign when positive: `+51`, `-3 593`, `0`.
pub fn signed(value: f64, decimals: usize) -> String {
    let s = number(value, decimals);
    if value > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') { format!("+{s}") } else { s }
}

/// An amount in a money unit without the unit: `amount(a, Tkr, 0)` = `1 402 123`.
pub fn amount(value: Amount, unit: MoneyUnit, decimals: usize) -> String {
    number(value.in_unit(unit), decimals)
}

/// Replaces the grouping spaces with no-break spaces.
pub fn no_break(s: &str) -> String {
    s.replace(' ', "\u{a0}")
}

fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Parses a number written the Swedish way (`1 402 123`, `-3,6`, `‑35,9`, `8,3 %`) or with a decimal point.
pub fn parse_number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| match c {
            ',' => '.',
            '\u{2011}' | '\u{2212}' | '\u{2013}' => '-',
            c => c,
        })
        .collect();
    let cleaned = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return None;
    }
    cleaned.parse().ok().filter(|v: &f64| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_swedish_reports() {
        assert_eq!(number(1_402_123.0, 0), "1 402 123");
        assert_eq!(number(-3_593.0, 0), "-3 593");
        assert_eq!(number(-3.6, 1), "-3,6");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(1000.0, 0), "1 000");
        assert_eq!(number(-0.04, 1), "0,0");
        assert_eq!(percent(8.3, 1), "8,3 %");
        assert_eq!(percent(-1816.9, 1), "-1 816,9 %");
        assert_eq!(signed(51.0, 0), "+51");
        assert_eq!(signed(-51.0, 0), "-51");
        assert_eq!(signed(0.0, 0), "0");
        assert_eq!(number_trimmed(23.15, 2), "23,15");
        assert_eq!(number_trimmed(19.0, 2), "19");
        assert_eq!(number_trimmed(2.10, 2), "2,1");
        assert_eq!(amount(Amount::try_from_unit(-2_370_943.0, MoneyUnit::Tkr).unwrap(), MoneyUnit::Tkr, 0), "-2 370 943");
        assert_eq!(no_break("1 402"), "1\u{a0}402");
    }

    #[test]
    fn parses_swedish_numbers() {
        assert_eq!(parse_number("1 402 123"), Some(1_402_123.0));
        assert_eq!(parse_number("‑35,9"), Some(-35.9));
        assert_eq!(parse_number("8,3 %"), Some(8.3));
        assert_eq!(parse_number("+51"), Some(51.0));
        assert_eq!(parse_number("23.15"), Some(23.15));
        assert_eq!(parse_number(""), None);
        assert_eq!(parse_number("-"), None);
        assert_eq!(parse_number("abc"), None);
    }
}
