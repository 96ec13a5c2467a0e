//! Claims in assessment texts that an etappmål was or was not reached, matched to indicators and
//! checked against the numbers.
//!
//! The heuristic, clause by clause (see `tokens` for the splitting and `vocabulary` for the
//! matching of words to indicators):
//!
//! 1. A clause makes a claim when it mentions "etappmål" with a reach verb ("når", "nås", "nått",
//!    "uppnås", "uppnåtts", "överträffar", "uppfyller" …) or a relation ("över/under etappmålet",
//!    "överstiger", "lägre än etappmålet"). A negation ("inte", "ej", "inget av") turns a reached
//!    claim into a not-reached one ("inte minst", "inte bara" do not count). Clauses with a modal
//!    verb ("ska", "kan", "bedöms", "förväntas" …) state plans or forecasts and make no claim.
//!    "men inte för X" after a reached claim is a not-reached claim about X.
//! 2. The clause's indicator words are its own concepts plus those of the previous clause in the
//!    same sentence that are compatible with its own: in "Gällande bemötande visar särskilt boende
//!    … men når inte etappmålet medan hemtjänsten når årets etappmål", the last clause keeps
//!    *bemötande* but swaps *särskilt boende* for *hemtjänst*. A sentence that opens with "Det",
//!    "Detta", "Dessa" … also inherits from the sentence before it in the paragraph.
//! 3. The indicator whose title shares the most concepts is meant. A tie is resolved only when the
//!    text lists the tied indicators by name ("både särskilt boende och hemtjänst", "gruppbostad
//!    och boendestödet"): each tied indicator has a concept of its own in the clause, and these
//!    stand next to each other joined by "och", "samt", "eller" or a comma. The claim then holds
//!    for each of them. Any other tie is ambiguous and never flagged.
//! 4. "Två av etappmålen nås" (a count, without indicator words) is checked against the number of
//!    indicators reaching their etappmål.

mod tokens;
mod vocabulary;

use serde::Serialize;
use styr_domain::Assessment;

use crate::direction::tidy;
use crate::indicator_status::{IndicatorAnalysis, TargetStatus};
use crate::swedish::parse_count;
use tokens::{Kind, Token, paragraphs};
use vocabulary::Vocabulary;

const REACH_VERBS: &[&str] = &[
    "når",
    "nås",
    "nått",
    "nåtts",
    "nådde",
    "nåddes",
    "uppnår",
    "uppnås",
    "uppnått",
    "uppnåtts",
    "uppnådde",
    "uppnåddes",
    "överträffar",
    "överträffas",
    "överträffat",
    "överträffats",
    "överträffade",
    "överträffades",
    "uppfyller",
    "uppfylls",
    "uppfyllt",
    "uppfyllts",
    "uppfyllde",
    "uppfylldes",
    "uppfyllda",
    "klarar",
    "klaras",
    "klarat",
    "klarats",
    "klarade",
];
const NEGATIONS: [&str; 7] = ["inte", "ej", "icke", "aldrig", "inget", "ingen", "inga"];
/// Words after a negation that undo it: "inte minst", "inte bara".
const NOT_NEGATING: [&str; 4] = ["minst", "bara", "enbart", "endast"];
const MODALS: [&str; 16] = [
    "ska",
    "skall",
    "kan",
    "kunna",
    "kunde",
    "bör",
    "borde",
    "måste",
    "behöver",
    "förväntas",
    "väntas",
    "bedöms",
    "beräknas",
    "planeras",
    "hoppas",
    "syftar",
];
/// Sentence openers that refer back to the previous sentence.
const ANAPHORS: [&str; 6] = ["det", "detta", "den", "denna", "dessa", "indikatorn"];
/// Words that may stand between "över"/"under" and "etappmålet".
const RELATION_FILLER: [&str; 10] = ["det", "den", "de", "årets", "satta", "uppsatta", "fastställda", "för", "året", "års"];
const LIST_JOINERS: [&str; 5] = ["och", "samt", "eller", "respektive", ","];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextField {
    Motivation,
    Analysis,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Claim {
    Reached,
    NotReached,
    /// The outcome is said to lie above the etappmål ("över etappmålet", "överstiger etappmålet").
    Above,
    Below,
    /// "Två av etappmålen nås."
    CountReached {
        count: usize,
    },
    /// "Två av etappmålen nås inte."
    CountNotReached {
        count: usize,
    },
    /// "Samtliga etappmål nås."
    AllReached,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// One indicator matches best.
    Unique,
    /// The clause names several indicators and the claim holds for each.
    Collective,
    /// Several indicators match equally well; the claim is not checked.
    Ambiguous,
    /// No indicator words (count claims are about the whole goal).
    NoIndicator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Consistent,
    Contradicts,
    /// Ambiguous, or the numbers needed are missing.
    Unverifiable,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TextClaim {
    pub field: TextField,
    pub sentence: String,
    pub clause: String,
    pub claim: Claim,
    pub resolution: Resolution,
    /// The indicators the claim is about (the candidates when ambiguous).
    pub indicators: Vec<String>,
    /// Those of them for which the numbers say the opposite.
    pub contradicted: Vec<String>,
    pub verdict: Verdict,
}

/// What one clause claims, before it is matched to indicators.
#[derive(Debug, Clone, Copy, Default)]
struct Detected {
    /// About the indicators the clause names.
    named: Option<Claim>,
    /// About the goal's etappmål as a whole ("två av etappmålen").
    count: Option<Claim>,
}

/// Finds and checks the claims in an assessment's motivation and analysis.
pub(crate) fn find_claims(assessment: &Assessment, indicators: &[IndicatorAnalysis]) -> Vec<TextClaim> {
    if indicators.is_empty() {
        return Vec::new();
    }
    let vocab = Vocabulary::new(indicators.iter().map(|i| i.title.as_str()));
    let mut out = Vec::new();
    for (field, text) in [(TextField::Motivation, &assessment.motivation), (TextField::Analysis, &assessment.analysis)] {
        for paragraph in paragraphs(text) {
            let mut carried: Vec<usize> = Vec::new();
            for sentence in &paragraph {
                let anaphoric = sentence.tokens.first().is_some_and(|t| ANAPHORS.contains(&t.word()));
                let mut concepts: Vec<usize> = if anaphoric { carried } else { Vec::new() };
                let mut previous: Option<Claim> = None;
                for clause in &sentence.clauses {
                    let tokens = &sentence.tokens[clause.clone()];
                    let mentions: Vec<(usize, usize)> =
                        tokens.iter().enumerate().filter_map(|(i, t)| vocab.concept(t).map(|c| (c, i))).collect();
                    let mut own: Vec<usize> = mentions.iter().map(|&(c, _)| c).collect();
                    own.sort_unstable();
                    own.dedup();
                    concepts.retain(|c| !own.contains(c) && own.iter().all(|o| vocab.compatible(*c, *o)));
                    concepts.extend(&own);

                    let detected = detect(tokens, previous);
                    previous = detected.named;
                    let (claim, resolution, matched) = match (detected.count, detected.named) {
                        (Some(count), _) if concepts.is_empty() => (count, Resolution::NoIndicator, Vec::new()),
                        (_, Some(named)) => {
                            let (resolution, matched) = resolve(&vocab, &concepts, &mentions, tokens);
                            (named, resolution, matched)
                        }
                        _ => continue,
                    };
                    let mut claim = TextClaim {
                        field,
                        sentence: sentence.text(text).to_string(),
                        clause: sentence.clause_text(text, clause).to_string(),
                        claim,
                        resolution,
                        indicators: matched.iter().map(|&i| indicators[i].id.clone()).collect(),
                        contradicted: Vec::new(),
                        verdict: Verdict::Unverifiable,
                    };
                    judge(&mut claim, &matched, indicators);
                    out.push(claim);
                }
                carried = concepts;
            }
        }
    }
    out
}

fn detect(tokens: &[Token<'_>], previous: Option<Claim>) -> Detected {
    let words: Vec<&str> = tokens.iter().filter(|t| t.kind == Kind::Word).map(|t| t.word()).collect();
    if words.iter().any(|w| MODALS.contains(w)) {
        return Detected::default();
    }
    let mentions_etappmal = words.iter().any(|w| w.starts_with("etappmål"));
    let reach = words.iter().any(|w| REACH_VERBS.contains(w));
    if !mentions_etappmal {
        // "… når etappmålet för hemtjänsten men inte för särskilt boende"
        let elliptic = words.first() == Some(&"men") && words.iter().skip(1).take(2).any(|w| matches!(*w, "inte" | "ej"));
        let named = (elliptic && !reach && previous == Some(Claim::Reached)).then_some(Claim::NotReached);
        return Detected { named, count: None };
    }
    let negated = |skip: Option<usize>| {
        words
            .iter()
            .enumerate()
            .any(|(i, w)| Some(i) != skip && NEGATIONS.contains(w) && !words.get(i + 1).is_some_and(|n| NOT_NEGATING.contains(n)))
    };
    let named = if reach {
        Some(if negated(None) { Claim::NotReached } else { Claim::Reached })
    } else if negated(None) {
        None
    } else {
        relation(&words)
    };
    Detected { named, count: if reach { count_claim(&words, negated) } else { None } }
}

/// "över (det satta) etappmålet", "överstiger", "lägre än etappmålet" …
fn relation(words: &[&str]) -> Option<Claim> {
    let etappmal_follows = |from: usize| {
        words
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take(6)
            .find(|w| !RELATION_FILLER.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
            .is_some_and(|w| w.starts_with("etappmål"))
    };
    words.iter().enumerate().find_map(|(i, w)| match *w {
        "överstiger" | "överstigit" | "överskrider" | "överskridit" => Some(Claim::Above),
        "understiger" | "understigit" => Some(Claim::Below),
        "över" if etappmal_follows(i + 1) => Some(Claim::Above),
        "under" if etappmal_follows(i + 1) => Some(Claim::Below),
        "högre" if words.get(i + 1) == Some(&"än") && etappmal_follows(i + 2) => Some(Claim::Above),
        "lägre" if words.get(i + 1) == Some(&"än") && etappmal_follows(i + 2) => Some(Claim::Below),
        _ => None,
    })
}

/// "två av etappmålen", "två av de sju etappmålen", "inget av etappmålen", "samtliga etappmål".
fn count_claim(words: &[&str], negated: impl Fn(Option<usize>) -> bool) -> Option<Claim> {
    for (i, w) in words.iter().enumerate() {
        if !w.starts_with("etappmål") {
            continue;
        }
        let before = |k: usize| i.checked_sub(k).map(|j| words[j]);
        let quantifier = match (before(2), before(1)) {
            (_, Some("av")) => i.checked_sub(2),
            (Some("av"), Some(m)) if m == "de" || parse_count(m).is_some() => i.checked_sub(3),
            _ => None,
        };
        if let Some(q) = quantifier.filter(|&q| parse_count(words[q]).is_some()) {
            let count = parse_count(words[q])?;
            return Some(if negated(Some(q)) { Claim::CountNotReached { count } } else { Claim::CountReached { count } });
        }
        if matches!(before(1), Some("samtliga" | "alla")) && !negated(None) {
            return Some(Claim::AllReached);
        }
    }
    None
}

/// Which indicators the clause's concepts point at.
fn resolve(vocab: &Vocabulary, concepts: &[usize], mentions: &[(usize, usize)], tokens: &[Token<'_>]) -> (Resolution, Vec<usize>) {
    if concepts.is_empty() {
        return if vocab.indicators == 1 { (Resolution::Unique, vec![0]) } else { (Resolution::NoIndicator, Vec::new()) };
    }
    let mut score = vec![0usize; vocab.indicators];
    for &c in concepts {
        for &i in vocab.posting(c) {
            score[i] += 1;
        }
    }
    let max = score.iter().copied().max().unwrap_or(0);
    let best: Vec<usize> = (0..score.len()).filter(|&i| score[i] == max).collect();
    if best.len() == 1 {
        return (Resolution::Unique, best);
    }
    if listed_by_name(vocab, &best, mentions, tokens) { (Resolution::Collective, best) } else { (Resolution::Ambiguous, best) }
}

/// Whether each tied indicator is named in the clause by a concept only it (among the tied) has,
/// and the names stand side by side as a list ("särskilt boende och hemtjänst").
fn listed_by_name(vocab: &Vocabulary, best: &[usize], mentions: &[(usize, usize)], tokens: &[Token<'_>]) -> bool {
    // First and last token position of each tied indicator's own name in the clause.
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(best.len());
    for &b in best {
        let positions: Vec<usize> = mentions
            .iter()
            .filter(|(c, _)| vocab.posting(*c).iter().filter(|i| best.contains(i)).eq([b].iter()))
            .map(|&(_, p)| p)
            .collect();
        match (positions.iter().min(), positions.iter().max()) {
            (Some(&first), Some(&last)) => spans.push((first, last)),
            _ => return false,
        }
    }
    spans.sort_unstable();
    spans.windows(2).all(|w| {
        let between = &tokens[w[0].1 + 1..w[1].0.max(w[0].1 + 1)];
        w[0].1 < w[1].0 && between.len() <= 3 && between.iter().any(|t| LIST_JOINERS.contains(&t.word()))
    })
}

/// Sets the verdict of a claim from the numbers.
fn judge(claim: &mut TextClaim, matched: &[usize], indicators: &[IndicatorAnalysis]) {
    let evaluated = indicators.iter().filter(|i| i.status.is_evaluated()).count();
    let reaching = indicators.iter().filter(|i| i.status == TargetStatus::Reached).count();
    let holds = match (claim.claim, claim.resolution) {
        (Claim::CountReached { count }, _) => Some(evaluated > 0 && reaching == count),
        (Claim::CountNotReached { count }, _) => Some(evaluated > 0 && evaluated - reaching == count),
        (Claim::AllReached, _) => Some(evaluated > 0 && reaching == evaluated),
        (_, Resolution::Unique | Resolution::Collective) => {
            let checks: Vec<(usize, Option<bool>)> = matched.iter().map(|&i| (i, holds_for(claim.claim, &indicators[i]))).collect();
            claim.contradicted = checks.iter().filter(|(_, h)| *h == Some(false)).map(|&(i, _)| indicators[i].id.clone()).collect();
            if !claim.contradicted.is_empty() {
                Some(false)
            } else if checks.iter().all(|(_, h)| h.is_some()) {
                Some(true)
            } else {
                None
            }
        }
        _ => None,
    };
    claim.verdict = match holds {
        Some(true) => Verdict::Consistent,
        Some(false) => Verdict::Contradicts,
        None => Verdict::Unverifiable,
    };
}

/// Whether a claim about one indicator holds; `None` when the numbers are missing.
fn holds_for(claim: Claim, ind: &IndicatorAnalysis) -> Option<bool> {
    let reached = match ind.status {
        TargetStatus::Reached => Some(true),
        TargetStatus::NotReached => Some(false),
        _ => None,
    };
    let difference = ind.value.zip(ind.etappmal).map(|(v, t)| tidy(v - t));
    match claim {
        Claim::Reached => reached,
        Claim::NotReached => reached.map(|r| !r),
        Claim::Above => difference.map(|d| d >= 0.0),
        Claim::Below => difference.map(|d| d <= 0.0),
        Claim::CountReached { .. } | Claim::CountNotReached { .. } | Claim::AllReached => None,
    }
}

#[cfg(test)]
mod tests {
    use styr_domain::{Direction, Outcome, Plan};

    use super::*;
    use crate::test_support::*;
    use crate::{FlagKind, analyse_round};

    /// The aldre-trygghet goal of Huddinge 2023 with its published outcomes.
    fn trygghet() -> (Plan, Vec<Outcome>) {
        let rows: [(&str, &str, Direction, f64, f64); 7] = [
            ("ht-bemotande", "Brukarbedömning hemtjänst - bemötande, andel %", Direction::Higher, 94.0, 95.0),
            ("ht-trygghet", "Brukarbedömning hemtjänst - trygghet, andel %", Direction::Higher, 77.0, 80.0),
            ("ht-fortroende", "Brukarbedömning hemtjänst - förtroende för personalen, andel %", Direction::Higher, 84.0, 83.0),
            (
                "personalkontinuitet",
                "Personalkontinuitet, antal personal som en hemtjänsttagare möter, medelvärde per månad",
                Direction::Lower,
                22.8,
                21.0,
            ),
            ("sabo-bemotande", "Brukarbedömning särskilt boende - bemötande andel %", Direction::Higher, 86.0, 87.0),
            ("sabo-trygghet", "Brukarbedömning särskilt boende - trygghet, andel %", Direction::Higher, 82.0, 83.0),
            ("sabo-fortroende", "Brukarbedömning särskilt boende - förtroende för personalen, andel (%)", Direction::Higher, 78.0, 75.0),
        ];
        let inds = rows.iter().map(|(id, title, d, _, t)| indicator(id, title, *d, &[(2023, *t)], None)).collect();
        let outcomes = rows.iter().map(|(id, _, _, v, _)| outcome(id, "2023", *v)).collect();
        (plan(vec![goal("aldre-trygghet", inds)]), outcomes)
    }

    fn claims(analysis: &str) -> Vec<TextClaim> {
        let (plan, outcomes) = trygghet();
        let f = followup("helar", vec![assessment("aldre-trygghet", "delvis", "", analysis)]);
        analyse_round(&plan, &outcomes, Some(&f), "helar").unwrap().goals.remove(0).text_claims
    }

    fn summary(c: &TextClaim) -> (Claim, Resolution, Vec<&str>, Verdict) {
        (c.claim, c.resolution, c.indicators.iter().map(String::as_str).collect(), c.verdict)
    }

    #[test]
    fn the_huddinge_paragraph() {
        let c = claims(
            "Resultatet visar att förtroendet för personalen har ökat inom både särskilt boende och hemtjänst och etappmålen uppnås. \
             Gällande bemötande visar särskilt boende en liten ökning men når ändå inte upp till etappmålet medan hemtjänsten når årets etappmål.",
        );
        assert_eq!(c.len(), 3, "{c:#?}");
        assert_eq!(summary(&c[0]), (Claim::Reached, Resolution::Collective, vec!["ht-fortroende", "sabo-fortroende"], Verdict::Consistent));
        assert_eq!(summary(&c[1]), (Claim::NotReached, Resolution::Unique, vec!["sabo-bemotande"], Verdict::Consistent));
        assert_eq!(summary(&c[2]), (Claim::Reached, Resolution::Unique, vec!["ht-bemotande"], Verdict::Contradicts));
        assert_eq!(c[2].clause, "medan hemtjänsten når årets etappmål");
        assert_eq!(c[2].contradicted, ["ht-bemotande"]);
    }

    #[test]
    fn inflected_names_match() {
        let c = claims("På särskilda boenden har upplevelsen av tryggheten ökat något och verksamheten når etappmålet.");
        assert_eq!(summary(&c[0]), (Claim::Reached, Resolution::Unique, vec!["sabo-trygghet"], Verdict::Contradicts));
    }

    #[test]
    fn counts_of_etappmal() {
        let c = claims("Trots detta uppnås endast två av etappmålen för indikatorerna.");
        assert_eq!(summary(&c[0]), (Claim::CountReached { count: 2 }, Resolution::NoIndicator, vec![], Verdict::Consistent));
        let c = claims("Tre av etappmålen nås.");
        assert_eq!(c[0].verdict, Verdict::Contradicts);
        let c = claims("Fem av sju etappmål nås inte.");
        assert_eq!((c[0].claim, c[0].verdict), (Claim::CountNotReached { count: 5 }, Verdict::Consistent));
        let c = claims("Samtliga etappmål nås.");
        assert_eq!((c[0].claim, c[0].verdict), (Claim::AllReached, Verdict::Contradicts));
    }

    #[test]
    fn ambiguous_claims_are_not_checked() {
        // Three hemtjänst indicators, none named further.
        let c = claims("Hemtjänsten når etappmålen.");
        assert_eq!(c[0].resolution, Resolution::Ambiguous);
        assert_eq!(c[0].verdict, Verdict::Unverifiable);
        assert_eq!(c[0].indicators, ["ht-bemotande", "ht-trygghet", "ht-fortroende"]);
        // Two names far apart in one clause are no list.
        let c = claims("Bemötandet inom hemtjänsten har förbättrats mycket under hela året, trygghet når etappmålet.");
        assert_eq!(c[0].resolution, Resolution::Ambiguous);
        // No indicator words at all.
        let c = claims("Nämnden gör bedömningen att etappmålet är i hög grad uppfyllt.");
        assert_eq!((c[0].resolution, c[0].verdict), (Resolution::NoIndicator, Verdict::Unverifiable));
    }

    #[test]
    fn plans_and_forecasts_are_no_claims() {
        assert!(claims("Hemtjänsten ska nå etappmålet för bemötande.").is_empty());
        assert!(claims("Bemötandet i hemtjänsten bedöms nå etappmålet vid årets slut.").is_empty());
        assert!(claims("För att nå etappmålet för bemötande i hemtjänsten krävs mer arbete.").is_empty());
    }

    #[test]
    fn negations() {
        let c = claims("Bemötandet inom hemtjänsten når inte etappmålet.");
        assert_eq!(summary(&c[0]), (Claim::NotReached, Resolution::Unique, vec!["ht-bemotande"], Verdict::Consistent));
        let c = claims("Bemötandet inom hemtjänsten når, inte minst tack vare fast omsorgskontakt, etappmålet.");
        assert_eq!((c[0].claim, c[0].verdict), (Claim::Reached, Verdict::Contradicts));
        let c = claims("Inget av etappmålen för trygghet inom hemtjänst och särskilt boende har nåtts.");
        assert_eq!(summary(&c[0]), (Claim::NotReached, Resolution::Collective, vec!["ht-trygghet", "sabo-trygghet"], Verdict::Consistent));
    }

    #[test]
    fn men_inte_continues_the_claim() {
        let c = claims("Etappmålet för förtroende nås för hemtjänsten men inte för särskilt boende.");
        assert_eq!(summary(&c[0]), (Claim::Reached, Resolution::Unique, vec!["ht-fortroende"], Verdict::Consistent));
        assert_eq!(summary(&c[1]), (Claim::NotReached, Resolution::Unique, vec!["sabo-fortroende"], Verdict::Contradicts));
    }

    #[test]
    fn relations_and_references_to_the_previous_sentence() {
        let c = claims("Inom särskilt boende har tryggheten ökat. Det är en procentenhet under etappmålet.");
        assert_eq!(summary(&c[0]), (Claim::Below, Resolution::Unique, vec!["sabo-trygghet"], Verdict::Consistent));
        let c = claims("Tryggheten inom särskilt boende ligger över det satta etappmålet.");
        assert_eq!((c[0].claim, c[0].verdict), (Claim::Above, Verdict::Contradicts));
        // "Under året" is no relation.
        assert!(claims("Under året har etappmålet för trygghet inom särskilt boende diskuterats.").is_empty());
        // Personalkontinuitet (lower is better): 22,8 is above 21 and does not reach it.
        let c = claims("Personalkontinuiteten överstiger etappmålet.");
        assert_eq!(summary(&c[0]), (Claim::Above, Resolution::Unique, vec!["personalkontinuitet"], Verdict::Consistent));
        let c = claims("Personalkontinuiteten når etappmålet.");
        assert_eq!(c[0].verdict, Verdict::Contradicts);
    }

    #[test]
    fn contradictions_become_flags_with_swedish_messages() {
        let (plan, outcomes) = trygghet();
        let text = "Gällande bemötande visar särskilt boende en liten ökning men når ändå inte upp till etappmålet medan hemtjänsten når årets etappmål.";
        let f = followup("helar", vec![assessment("aldre-trygghet", "delvis", "Motivering.", text)]);
        let a = analyse_round(&plan, &outcomes, Some(&f), "helar").unwrap();
        let flags: Vec<_> = a.flags.iter().filter(|f| f.kind == FlagKind::TextContradictsNumbers).collect();
        assert_eq!(flags.len(), 1);
        assert_eq!(flags[0].indicator.as_deref(), Some("ht-bemotande"));
        assert_eq!(
            flags[0].message,
            "Texten säger att etappmålet nås för ”Brukarbedömning hemtjänst - bemötande, andel %” («medan hemtjänsten når årets etappmål»), men utfallet 94 når inte etappmålet 95."
        );
    }
}
