//! Which words of a goal's text point at which of its indicators.
//!
//! Each indicator title gives keywords: acronyms (HME, LSS, CO2e) matched as whole words, and stems
//! of the other words (Swedish inflection endings removed while at least five letters remain)
//! matched as prefixes of the text's words, so "särskilt boende" also finds "särskilda boenden"
//! and "trygghet" finds "trygga" and "tryggheten". A text word counts for the longest stem it starts
//! with ("boendestödet" is boendestöd, not boende). Generic words (andel, brukare, verksamhet …)
//! are no keywords.
//!
//! Keywords found in every indicator of the goal say nothing about which one is meant and are
//! dropped. Keywords found in exactly the same indicators (särskilt + boende) are merged into one
//! *concept*, so a two-word name does not outweigh a one-word one. Two concepts are *compatible*
//! when some indicator has both (hemtjänst and bemötande), and *alternatives* when none has
//! (hemtjänst and särskilt boende).

use std::collections::BTreeMap;

use super::tokens::{Kind, Token, words};

/// Suffixes removed from title words, longest first.
const SUFFIXES: [&str; 25] = [
    "arnas", "ernas", "ornas", "heten", "arna", "erna", "orna", "ande", "ende", "het", "ens", "ets", "ade", "are", "en", "et", "na", "ar",
    "er", "or", "ad", "a", "e", "t", "s",
];
const MIN_STEM: usize = 5;

/// Words (or their stems) that never identify an indicator.
const GENERIC: [&str; 44] = [
    "andel",
    "andelen",
    "antal",
    "antalet",
    "brukar",
    "brukare",
    "brukaren",
    "brukarbedömning",
    "verksam",
    "verksamhet",
    "indikator",
    "resultat",
    "procent",
    "under",
    "efter",
    "genom",
    "mellan",
    "enligt",
    "deras",
    "eller",
    "vilka",
    "vilken",
    "vilket",
    "något",
    "några",
    "många",
    "andra",
    "annan",
    "samtlig",
    "samtliga",
    "genomför",
    "behöv",
    "behöver",
    "möjlig",
    "möjlighet",
    "finns",
    "kommunal",
    "relation",
    "personer",
    "saker",
    "arbet",
    "utför",
    "möter",
    "medarbet",
];

pub(crate) fn stem(word: &str) -> String {
    let n = word.chars().count();
    for suffix in SUFFIXES {
        // The suffixes are ASCII: bytes are characters.
        if n >= MIN_STEM + suffix.len() && word.ends_with(suffix) {
            return word[..word.len() - suffix.len()].to_string();
        }
    }
    word.to_string()
}

fn is_generic(word: &str) -> bool {
    GENERIC.contains(&word)
}

#[derive(Debug)]
pub(crate) struct Vocabulary {
    /// Stems with their concept, longest first.
    stems: Vec<(String, usize)>,
    acronyms: Vec<(String, usize)>,
    /// For each concept, the indicators (indexes) whose titles have it, sorted.
    postings: Vec<Vec<usize>>,
    pub indicators: usize,
}

#[derive(PartialEq, Eq, PartialOrd, Ord, Clone)]
enum Key {
    Stem(String),
    Acronym(String),
}

impl Vocabulary {
    pub fn new<'a>(titles: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut keys: Vec<(Key, usize)> = Vec::new();
        let mut indicators = 0;
        for (i, title) in titles.into_iter().enumerate() {
            indicators = i + 1;
            keys.extend(words(title, 0..title.len()).iter().filter_map(title_key).map(|k| (k, i)));
        }
        keys.sort_unstable();
        keys.dedup();
        // Merge keys with identical indicator sets into concepts; drop those in every indicator.
        let mut concept_of_posting: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
        let mut postings: Vec<Vec<usize>> = Vec::new();
        let (mut stems, mut acronyms) = (Vec::new(), Vec::new());
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            if run.len() == indicators {
                continue;
            }
            let posting: Vec<usize> = run.iter().map(|(_, i)| *i).collect();
            let concept = *concept_of_posting.entry(posting).or_insert_with_key(|p| {
                postings.push(p.clone());
                postings.len() - 1
            });
            match &run[0].0 {
                Key::Stem(s) => stems.push((s.clone(), concept)),
                Key::Acronym(a) => acronyms.push((a.clone(), concept)),
            }
        }
        stems.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Vocabulary { stems, acronyms, postings, indicators }
    }

    /// The concept a text word points at, if any.
    pub fn concept(&self, token: &Token<'_>) -> Option<usize> {
        if token.kind != Kind::Word {
            return None;
        }
        let word = token.word();
        if let Some((_, c)) = self.acronyms.iter().find(|(a, _)| a == word) {
            return Some(*c);
        }
        if word.len() < MIN_STEM {
            return None;
        }
        // Comparing the first byte first keeps the scan cheap; stems are at least five letters.
        let first = word.as_bytes()[0];
        self.stems.iter().find(|(s, _)| s.as_bytes()[0] == first && word.starts_with(s.as_str())).map(|(_, c)| *c)
    }

    pub fn posting(&self, concept: usize) -> &[usize] {
        &self.postings[concept]
    }

    /// Whether some indicator has both concepts.
    pub fn compatible(&self, a: usize, b: usize) -> bool {
        let (pa, pb) = (&self.postings[a], &self.postings[b]);
        pa.iter().any(|i| pb.binary_search(i).is_ok())
    }
}

fn title_key(token: &Token<'_>) -> Option<Key> {
    if token.kind != Kind::Word {
        return None;
    }
    let word = token.word();
    let (chars, letters) = word.chars().fold((0, 0), |(n, l), c| (n + 1, l + usize::from(c.is_alphabetic())));
    if token.acronym && (2..=6).contains(&chars) && letters >= 2 {
        return Some(Key::Acronym(word.to_string()));
    }
    if letters < chars || is_generic(word) {
        return None;
    }
    let stem = stem(word);
    (stem.chars().count() >= MIN_STEM && !is_generic(&stem)).then_some(Key::Stem(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str) -> Token<'static> {
        Token { kind: Kind::Word, lower: w.to_lowercase().into(), span: 0..0, acronym: false }
    }

    #[test]
    fn stems_keep_five_letters() {
        assert_eq!(stem("trygghet"), "trygg");
        assert_eq!(stem("boende"), "boend");
        assert_eq!(stem("särskilt"), "särskil");
        assert_eq!(stem("bemötande"), "bemöt");
        assert_eq!(stem("förtroende"), "förtro");
        assert_eq!(stem("personalen"), "personal");
        assert_eq!(stem("hemma"), "hemma");
        assert_eq!(stem("kurser"), "kurser");
    }

    #[test]
    fn concepts_of_the_aldre_trygghet_goal() {
        let v = Vocabulary::new([
            "Brukarbedömning hemtjänst - bemötande, andel %",
            "Brukarbedömning hemtjänst - trygghet, andel %",
            "Brukarbedömning särskilt boende - bemötande andel %",
            "Brukarbedömning särskilt boende - trygghet, andel %",
        ]);
        let c = |w: &str| v.concept(&word(w)).unwrap();
        assert_eq!(v.posting(c("hemtjänsten")), [0, 1]);
        assert_eq!(v.posting(c("särskilda")), [2, 3]);
        assert_eq!(c("särskilda"), c("boenden"));
        assert_eq!(v.posting(c("tryggheten")), [1, 3]);
        assert_eq!(v.posting(c("trygga")), [1, 3]);
        assert!(v.concept(&word("andelen")).is_none());
        assert!(v.concept(&word("brukarbedömning")).is_none());
        assert!(v.compatible(c("hemtjänst"), c("bemötandet")));
        assert!(!v.compatible(c("hemtjänst"), c("boende")));
    }

    #[test]
    fn longest_stem_wins_and_acronyms_match_whole_words() {
        let v = Vocabulary::new([
            "Brukarbedömning boende LSS totalt - Brukaren får bestämma om saker som är viktiga hemma, andel (%)",
            "Brukarbedömning boendestöd SoL - Brukaren får den hjälp hen vill ha, andel (%)",
            "HME, totalt (%)",
        ]);
        let c = |w: &str| v.concept(&word(w));
        assert_eq!(v.posting(c("boendestödet").unwrap()), [1]);
        assert_eq!(v.posting(c("boenden").unwrap()), [0]);
        let acronym = |w: &str| Token { kind: Kind::Word, lower: w.to_lowercase().into(), span: 0..0, acronym: true };
        assert_eq!(v.posting(v.concept(&acronym("HME")).unwrap()), [2]);
        assert_eq!(v.posting(v.concept(&acronym("SoL")).unwrap()), [1]);
        assert!(c("hmex").is_none());
    }

    #[test]
    fn a_single_indicator_has_no_distinguishing_words() {
        let v = Vocabulary::new(["Budgethållning vård- och omsorgsnämnd (%)"]);
        assert_eq!(v.indicators, 1);
        assert!(v.concept(&word("budgethållningen")).is_none());
    }
}
