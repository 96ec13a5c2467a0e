//! Small pieces of Swedish for generated sentences: number words, lists, and level labels
//! inflected to agree with "mål" (neuter) in the singular and the plural.
//!
//! Level labels are past participles or adjectives ("Ej uppfyllt", "I hög grad uppfyllt",
//! "Uppnått", "Ej utvärderad"). Only the last word is inflected, by these rules:
//!
//! | last word ends in | singular (neuter) | plural |
//! |---|---|---|
//! | `-at` / `-ad` | `utvärderat` | `utvärderade` |
//! | `-tt` | `uppnått` | `uppnådda` |
//! | `-dd` | `uppnådd` → `uppnått` | `uppnådda` |
//! | `k`/`p`/`s`/`x` + `t` | `köpt` | `köpta` |
//! | other + `t` | `uppfyllt` | `uppfyllda` |
//! | consonant + `d` | `uppfylld` → `uppfyllt` | `uppfyllda` |
//! | `-en` | `avbruten` → `avbrutet` | `avbrutna` |
//!
//! The colour words grön/gul/röd are handled as exceptions; any other word is left as written.

/// Zero to twelve in words, neuter forms ("ett mål").
const NUMBER_WORDS: [&str; 13] = ["noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"];

/// A count as Swedish words agreeing with a neuter noun ("ett mål", "tre mål"); digits above twelve.
pub fn count_word(n: usize) -> String {
    NUMBER_WORDS.get(n).map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// Reads a count written in words or digits ("två", "en", "inget", "14").
pub fn parse_count(word: &str) -> Option<usize> {
    match word {
        "en" => Some(1),
        "inget" | "ingen" | "inga" => Some(0),
        w => NUMBER_WORDS.iter().position(|x| *x == w).or_else(|| w.parse().ok()),
    }
}

/// `["a", "b", "c"]` → `"a, b och c"` (no comma before "och").
pub fn join_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| f.to_lowercase().chain(c).collect())
}

/// A level label as it reads after "bedöms som", for one goal (`plural = false`) or several:
/// "I hög grad uppfyllt" → "i hög grad uppfyllt" / "i hög grad uppfyllda".
pub fn level_phrase(label: &str, plural: bool) -> String {
    let label = lower_first(label.trim());
    let (head, last) = match label.rsplit_once(' ') {
        Some((h, l)) => (Some(h), l),
        None => (None, label.as_str()),
    };
    let word = if plural { plural_form(last) } else { neuter_form(last) };
    match head {
        Some(h) => format!("{h} {word}"),
        None => word,
    }
}

fn colour(word: &str) -> Option<(&'static str, &'static str)> {
    match word {
        "grön" | "grönt" | "gröna" => Some(("grönt", "gröna")),
        "gul" | "gult" | "gula" => Some(("gult", "gula")),
        "röd" | "rött" | "röda" => Some(("rött", "röda")),
        _ => None,
    }
}

fn is_vowel(c: char) -> bool {
    "aeiouyåäöé".contains(c)
}

fn neuter_form(word: &str) -> String {
    if let Some((neuter, _)) = colour(word) {
        return neuter.to_string();
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let stem = |drop: usize| chars[..n - drop].iter().collect::<String>();
    match chars.as_slice() {
        [.., 'a', 'd'] => format!("{}t", stem(1)),
        [.., 'd', 'd'] => format!("{}tt", stem(2)),
        [.., c, 'd'] if !is_vowel(*c) => format!("{}t", stem(1)),
        [.., 'e', 'n'] if n > 4 => format!("{}et", stem(2)),
        _ => word.to_string(),
    }
}

fn plural_form(word: &str) -> String {
    if let Some((_, plural)) = colour(word) {
        return plural.to_string();
    }
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let stem = |drop: usize| chars[..n - drop].iter().collect::<String>();
    match chars.as_slice() {
        [.., 'a', 't' | 'd'] => format!("{}ade", stem(2)),
        [.., 't', 't'] | [.., 'd', 'd'] => format!("{}dda", stem(2)),
        [.., 'k' | 'p' | 's' | 'x', 't'] => format!("{word}a"),
        [.., 't'] => format!("{}da", stem(1)),
        [.., c, 'd'] if !is_vowel(*c) => format!("{word}a"),
        [.., 'e', 'n'] if n > 4 => format!("{}na", stem(2)),
        _ => word.to_string(),
    }
}

/// Cuts a long title at a word boundary, adding "…".
pub fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).trim_end_matches([',', ' ', '-']);
    format!("{cut} …")
}

/// A share 0–1 as a Swedish percentage with at most one decimal: `0.6` → `60 %`, `2/3` → `66,7 %`.
pub fn percent(share: f64) -> String {
    format!("{} %", styr_domain::format_sv::number_trimmed(share * 100.0, 1))
}

/// An outcome or target as printed in Swedish reports, with as many decimals as it has (at least
/// the indicator's): `94`, `15,6`, `22,8`.
pub fn value(v: f64, decimals: u8) -> String {
    styr_domain::format_sv::number_trimmed(v, usize::from(decimals).max(2))
}

/// A period in words: `2023`, `jan–aug 2023`, `T2 2023` ([`styr_domain::Period::label_sv`]).
pub fn period(p: styr_domain::Period) -> String {
    p.label_sv()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_lists() {
        assert_eq!(count_word(1), "ett");
        assert_eq!(count_word(8), "åtta");
        assert_eq!(count_word(12), "tolv");
        assert_eq!(count_word(13), "13");
        assert_eq!((parse_count("två"), parse_count("en"), parse_count("inget"), parse_count("14")), (Some(2), Some(1), Some(0), Some(14)));
        assert_eq!(parse_count("många"), None);
        assert_eq!(join_list(&["a".into(), "b".into(), "c".into()]), "a, b och c");
        assert_eq!(join_list(&["a".into(), "b".into()]), "a och b");
        assert_eq!(join_list(&["a".into()]), "a");
        assert_eq!(capitalise("åtta"), "Åtta");
    }

    #[test]
    fn huddinge_scale_labels() {
        assert_eq!(level_phrase("I hög grad uppfyllt", true), "i hög grad uppfyllda");
        assert_eq!(level_phrase("I hög grad uppfyllt", false), "i hög grad uppfyllt");
        assert_eq!(level_phrase("Delvis uppfyllt", true), "delvis uppfyllda");
        assert_eq!(level_phrase("Ej uppfyllt", false), "ej uppfyllt");
        assert_eq!(level_phrase("Helt uppfyllt", true), "helt uppfyllda");
        assert_eq!(level_phrase("Ej utvärderad", true), "ej utvärderade");
        assert_eq!(level_phrase("Ej utvärderad", false), "ej utvärderat");
    }

    #[test]
    fn helsingborg_scale_labels() {
        assert_eq!(level_phrase("Uppnått", true), "uppnådda");
        assert_eq!(level_phrase("Uppnått", false), "uppnått");
        assert_eq!(level_phrase("Inte uppnått", true), "inte uppnådda");
        assert_eq!(level_phrase("Inte uppnådd", false), "inte uppnått");
    }

    #[test]
    fn other_words() {
        assert_eq!(level_phrase("Genomfört", true), "genomförda");
        assert_eq!(level_phrase("Påbörjat", true), "påbörjade");
        assert_eq!(level_phrase("Löst", true), "lösta");
        assert_eq!(level_phrase("Uppfylld", false), "uppfyllt");
        assert_eq!(level_phrase("Uppfylld", true), "uppfyllda");
        assert_eq!(level_phrase("Avbruten", true), "avbrutna");
        assert_eq!(level_phrase("Grön", false), "grönt");
        assert_eq!(level_phrase("Grönt", true), "gröna");
        assert_eq!(level_phrase("Röd", true), "röda");
    }

    #[test]
    fn shortens_and_formats_shares() {
        assert_eq!(shorten("Brukarbedömning hemtjänst - bemötande, andel %", 70), "Brukarbedömning hemtjänst - bemötande, andel %");
        assert_eq!(shorten("Personalkontinuitet, antal personal som en hemtjänsttagare möter", 30), "Personalkontinuitet, antal …");
        assert_eq!(percent(0.6), "60 %");
        assert_eq!(percent(2.0 / 3.0), "66,7 %");
        assert_eq!(value(94.0, 0), "94");
        assert_eq!(value(15.6, 1), "15,6");
        assert_eq!(value(77.45, 2), "77,45");
        assert_eq!(period(styr_domain::Period::YearToDate { year: 2023, month: 8 }), "jan–aug 2023");
        assert_eq!(period(styr_domain::Period::Year(2023)), "2023");
    }
}
