//! Swedish typography for numbers as they are printed: `1 402 123` grouped with a narrow no-break
//! space (U+202F), a true minus sign (U+2212), decimal comma, `8,3 %` with a no-break space.

/// The narrow no-break space between groups of thousands.
pub const THIN_NBSP: char = '\u{202F}';
/// The minus sign.
pub const MINUS: char = '\u{2212}';
/// The sign printed for a missing value.
pub const MISSING: &str = "–";

/// Whether a cell's text is a number as `styr_domain::format_sv` writes it (`-3 593`, `+51`,
/// `77,45`, `8,3 %`, `1 402 123 tkr` is not), possibly with a marker such as `*` after it.
pub fn is_number(s: &str) -> bool {
    let s = s.trim();
    let s = s.strip_suffix('%').map(str::trim_end).unwrap_or(s);
    let s = s.strip_prefix(['-', '+', MINUS]).unwrap_or(s);
    let mut digits = 0;
    for c in s.chars() {
        match c {
            '0'..='9' => digits += 1,
            ' ' | '\u{a0}' | THIN_NBSP | ',' => {}
            _ => return false,
        }
    }
    digits > 0 && !s.starts_with([',', ' ']) && !s.ends_with([',', ' '])
}

/// A number typeset: group spaces become narrow no-break spaces, a leading hyphen a minus sign,
/// the space before `%` a no-break space. Text that is not a number is returned as it is.
pub fn number(s: &str) -> String {
    if !is_number(s) {
        return s.to_string();
    }
    let t = s.trim();
    let mut out = String::with_capacity(t.len() + 4);
    for (i, c) in t.chars().enumerate() {
        match c {
            '-' if i == 0 => out.push(MINUS),
            ' ' | '\u{a0}' => {
                if t[t.char_indices().nth(i + 1).map(|(b, _)| b).unwrap_or(t.len())..].starts_with('%') {
                    out.push('\u{a0}')
                } else {
                    out.push(THIN_NBSP)
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_get_thin_spaces_and_minus() {
        assert_eq!(number("-3 593"), "\u{2212}3\u{202F}593");
        assert_eq!(number("1 402 123"), "1\u{202F}402\u{202F}123");
        assert_eq!(number("8,3 %"), "8,3\u{a0}%");
        assert_eq!(number("77,45"), "77,45");
        assert_eq!(number("+51"), "+51");
    }

    #[test]
    fn text_is_left_alone() {
        for s in ["Äldreomsorg", "2024-08-31", "jan–aug 2024", "", "–", "1 402 tkr", "Prel. 2024"] {
            assert_eq!(number(s), s, "{s}");
            assert!(!is_number(s), "{s}");
        }
        assert!(is_number("2023"));
        assert!(is_number("-0,5"));
    }
}
