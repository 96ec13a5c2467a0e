//! Samlad måluppfyllelse: how many of the nämnd's goals sit on each level, for the published
//! assessments and for the proposals, with a generated sentence in the style of the reports:
//! "Tre av nämndens åtta mål bedöms som i hög grad uppfyllda, fyra som delvis uppfyllda och ett som
//! ej uppfyllt."

use serde::Serialize;
use styr_domain::{GoalLevel, SignalScale};

use crate::swedish::{capitalise, count_word, join_list, level_phrase};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelCount {
    pub key: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelCounts {
    /// Every level of the scale, best first; levels outside the ordinal scale last.
    pub levels: Vec<LevelCount>,
    /// Goals without an assessment (or without a proposal).
    pub missing: usize,
    pub sentence: Option<String>,
}

/// How many goals of one level of the hierarchy the round covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GoalLevelCount {
    pub level: GoalLevel,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommitteeSummary {
    pub goals: usize,
    /// The goals per level (nämndmål, KF-mål, målområden), for the levels that have any.
    pub by_goal_level: Vec<GoalLevelCount>,
    pub assessed: LevelCounts,
    pub proposed: LevelCounts,
    /// Goals whose assessment equals the proposal.
    pub agreeing: usize,
    /// Goals whose assessment differs from the proposal.
    pub differing: usize,
}

/// The verb phrase and the phrase for goals without a level, e.g. "bedöms som" / "saknar bedömning".
#[derive(Debug, Clone, Copy)]
pub struct SentenceStyle<'a> {
    pub verb: &'a str,
    pub missing: &'a str,
}

pub const ASSESSED: SentenceStyle<'static> = SentenceStyle { verb: "bedöms som", missing: "saknar bedömning" };
pub const PROPOSED: SentenceStyle<'static> = SentenceStyle { verb: "föreslås bedömas som", missing: "saknar förslag" };

/// The levels of the goal hierarchy in the order a summary names them.
const SUMMARY_ORDER: [GoalLevel; 3] = [GoalLevel::Goal, GoalLevel::KfGoal, GoalLevel::GoalArea];

/// Counts assessment levels (`None` = no level) per level of the goal hierarchy. The sentence is
/// the reports' own ("Tre av nämndens åtta mål …") when all goals are of one hierarchy level;
/// otherwise it names the levels ("Bedömningen omfattar sex nämndmål och sju KF-mål.") and gives
/// one sentence per level ("Tre av nämndens sex nämndmål bedöms som …").
pub(crate) fn count_levels_by_goal_level(
    scale: &SignalScale,
    items: &[(GoalLevel, Option<&str>)],
    style: SentenceStyle<'_>,
) -> LevelCounts {
    let mut all = count_levels(scale, items.iter().map(|(_, k)| *k), style);
    let present: Vec<GoalLevel> = SUMMARY_ORDER.into_iter().filter(|l| items.iter().any(|(x, _)| x == l)).collect();
    if present.len() > 1 {
        let counts: Vec<String> = present
            .iter()
            .map(|l| {
                let n = items.iter().filter(|(x, _)| x == l).count();
                format!("{} {}", count_word(n), if n == 1 { l.noun() } else { l.plural() })
            })
            .collect();
        let mut sentence = format!("Bedömningen omfattar {}.", join_list(&counts));
        for l in present {
            let of_level = count_levels(scale, items.iter().filter(|(x, _)| *x == l).map(|(_, k)| *k), style);
            let parts: Vec<(&str, usize)> = of_level.levels.iter().filter(|c| c.count > 0).map(|c| (c.label.as_str(), c.count)).collect();
            if let Some(s) = goal_count_sentence_of(l.plural(), &parts, of_level.missing, style) {
                sentence.push(' ');
                sentence.push_str(&s);
            }
        }
        all.sentence = Some(sentence);
    }
    all
}

/// Counts goal levels (`None` = no level) over the scale's levels, best first.
pub(crate) fn count_levels<'k>(
    scale: &SignalScale,
    keys: impl IntoIterator<Item = Option<&'k str>>,
    style: SentenceStyle<'_>,
) -> LevelCounts {
    let mut levels: Vec<LevelCount> = scale
        .levels
        .iter()
        .filter(|l| l.evaluated)
        .rev()
        .chain(scale.levels.iter().filter(|l| !l.evaluated))
        .map(|l| LevelCount { key: l.key.clone(), label: l.label.clone(), count: 0 })
        .collect();
    let mut missing = 0;
    for key in keys {
        match key.and_then(|k| levels.iter_mut().find(|l| l.key == k)) {
            Some(l) => l.count += 1,
            None => missing += 1,
        }
    }
    let parts: Vec<(&str, usize)> = levels.iter().filter(|l| l.count > 0).map(|l| (l.label.as_str(), l.count)).collect();
    let sentence = goal_count_sentence(&parts, missing, style);
    LevelCounts { levels, missing, sentence }
}

/// The samlad-måluppfyllelse sentence for `(label, count)` pairs in the order given (best first)
/// and `missing` goals without a level. `None` when there are no goals.
pub fn goal_count_sentence(parts: &[(&str, usize)], missing: usize, style: SentenceStyle<'_>) -> Option<String> {
    goal_count_sentence_of("mål", parts, missing, style)
}

/// [`goal_count_sentence`] for goals named by `noun` (a neuter noun in its indefinite plural:
/// `mål`, `nämndmål`, `KF-mål`, `målområden`).
pub fn goal_count_sentence_of(noun: &str, parts: &[(&str, usize)], missing: usize, style: SentenceStyle<'_>) -> Option<String> {
    let total = parts.iter().map(|(_, n)| n).sum::<usize>() + missing;
    let singular = match noun {
        "målområden" => "målområde",
        other => other,
    };
    let all = match total {
        0 => return None,
        1 => format!("Nämndens enda {singular}"),
        2 => format!("Nämndens båda {noun}"),
        n => format!("Nämndens samtliga {} {noun}", count_word(n)),
    };
    let parts: Vec<&(&str, usize)> = parts.iter().filter(|(_, n)| *n > 0).collect();
    match parts.as_slice() {
        [] => return Some(format!("{all} {}.", style.missing)),
        [(label, n)] if *n == total => return Some(format!("{all} {} {}.", style.verb, level_phrase(label, *n > 1))),
        _ => {}
    }
    let mut items: Vec<String> = parts
        .iter()
        .enumerate()
        .map(|(i, (label, n))| {
            let phrase = level_phrase(label, *n > 1);
            if i == 0 {
                format!("{} av nämndens {} {noun} {} {phrase}", capitalise(&count_word(*n)), count_word(total), style.verb)
            } else {
                format!("{} som {phrase}", count_word(*n))
            }
        })
        .collect();
    if missing > 0 {
        items.push(format!("{} {}", count_word(missing), style.missing));
    }
    Some(format!("{}.", join_list(&items)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_huddinge_sentence() {
        let s = goal_count_sentence(&[("I hög grad uppfyllt", 3), ("Delvis uppfyllt", 4), ("Ej uppfyllt", 1)], 0, ASSESSED);
        assert_eq!(
            s.as_deref(),
            Some("Tre av nämndens åtta mål bedöms som i hög grad uppfyllda, fyra som delvis uppfyllda och ett som ej uppfyllt.")
        );
    }

    #[test]
    fn singular_first_and_missing_last() {
        let s = goal_count_sentence(&[("Helt uppfyllt", 1), ("Delvis uppfyllt", 0), ("Ej uppfyllt", 2)], 2, ASSESSED);
        assert_eq!(s.as_deref(), Some("Ett av nämndens fem mål bedöms som helt uppfyllt, två som ej uppfyllda och två saknar bedömning."));
        let s = goal_count_sentence(&[("Helt uppfyllt", 2)], 1, PROPOSED);
        assert_eq!(s.as_deref(), Some("Två av nämndens tre mål föreslås bedömas som helt uppfyllda och ett saknar förslag."));
    }

    #[test]
    fn a_single_level_or_none() {
        assert_eq!(
            goal_count_sentence(&[("Delvis uppfyllt", 8)], 0, ASSESSED).as_deref(),
            Some("Nämndens samtliga åtta mål bedöms som delvis uppfyllda.")
        );
        assert_eq!(goal_count_sentence(&[("Uppnått", 2)], 0, ASSESSED).as_deref(), Some("Nämndens båda mål bedöms som uppnådda."));
        assert_eq!(goal_count_sentence(&[("Uppnått", 1)], 0, ASSESSED).as_deref(), Some("Nämndens enda mål bedöms som uppnått."));
        assert_eq!(goal_count_sentence(&[], 3, ASSESSED).as_deref(), Some("Nämndens samtliga tre mål saknar bedömning."));
        assert_eq!(goal_count_sentence(&[], 0, ASSESSED), None);
    }

    #[test]
    fn the_helsingborg_scale() {
        let s = goal_count_sentence(&[("Uppnått", 3), ("Inte uppnått", 2)], 0, ASSESSED);
        assert_eq!(s.as_deref(), Some("Tre av nämndens fem mål bedöms som uppnådda och två som inte uppnådda."));
        let s = goal_count_sentence(&[("Uppnått", 1), ("Inte uppnått", 1)], 0, ASSESSED);
        assert_eq!(s.as_deref(), Some("Ett av nämndens två mål bedöms som uppnått och ett som inte uppnått."));
    }

    #[test]
    fn levels_of_the_hierarchy_are_named_and_counted() {
        let scale = crate::test_support::huddinge_scale();
        let mut items: Vec<(GoalLevel, Option<&str>)> = vec![(GoalLevel::Goal, Some("hog")); 3];
        items.extend([(GoalLevel::Goal, Some("delvis")); 3]);
        items.extend([(GoalLevel::KfGoal, Some("helt")); 7]);
        let c = count_levels_by_goal_level(&scale, &items, ASSESSED);
        assert_eq!(
            c.sentence.as_deref(),
            Some(
                "Bedömningen omfattar sex nämndmål och sju KF-mål. Tre av nämndens sex nämndmål bedöms som i hög grad uppfyllda \
                 och tre som delvis uppfyllda. Nämndens samtliga sju KF-mål bedöms som helt uppfyllda."
            )
        );
        assert_eq!(c.levels.iter().map(|l| l.count).sum::<usize>(), 13);
        // One level only: the reports' sentence, unchanged.
        let only: Vec<(GoalLevel, Option<&str>)> = vec![(GoalLevel::Goal, Some("hog")), (GoalLevel::Goal, None)];
        assert_eq!(
            count_levels_by_goal_level(&scale, &only, ASSESSED).sentence.as_deref(),
            Some("Ett av nämndens två mål bedöms som i hög grad uppfyllt och ett saknar bedömning.")
        );
        let areas = [(GoalLevel::GoalArea, Some("ej")), (GoalLevel::Goal, Some("ej"))];
        assert_eq!(
            count_levels_by_goal_level(&scale, &areas, ASSESSED).sentence.as_deref(),
            Some(
                "Bedömningen omfattar ett nämndmål och ett målområde. Nämndens enda nämndmål bedöms som ej uppfyllt. \
                 Nämndens enda målområde bedöms som ej uppfyllt."
            )
        );
    }

    #[test]
    fn more_than_twelve_in_digits() {
        let s = goal_count_sentence(&[("Uppnått", 13), ("Inte uppnått", 1)], 0, ASSESSED);
        assert_eq!(s.as_deref(), Some("13 av nämndens 14 mål bedöms som uppnådda och ett som inte uppnått."));
    }
}
