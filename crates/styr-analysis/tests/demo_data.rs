//! The analysis on the demo data: Huddinge 2023 (a four-level scale with "Ej utvärderad" and the
//! default rule) and Helsingborg 2024 (two levels, no rule).

use std::collections::BTreeSet;

use styr_analysis::{Agreement, FlagKind, RoundAnalysis, Severity, Verdict, analyse_round};
use styr_domain::{FollowUp, Outcome, Plan};
use styr_formats::{followup_file, outcomes_csv, plan_file};

fn demo_path(name: &str) -> String {
    format!("{}/../../demo/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn load(prefix: &str) -> (Plan, FollowUp, Vec<Outcome>) {
    let read = |name: String| std::fs::read_to_string(demo_path(&name));
    let plan = plan_file::parse(&read(format!("{prefix}-plan.yaml")).unwrap(), "plan").unwrap();
    let followup = followup_file::parse_for_plan(&read(format!("{prefix}-followup.yaml")).unwrap(), "followup", &plan).unwrap();
    let ids: BTreeSet<String> = plan.indicators().map(|(_, i)| i.id.clone()).collect();
    let outcomes = read(format!("{prefix}-outcomes.csv")).map(|t| outcomes_csv::parse(&t, "outcomes", &ids).unwrap()).unwrap_or_default();
    (plan, followup, outcomes)
}

fn huddinge() -> RoundAnalysis {
    let (plan, followup, outcomes) = load("huddinge-2023");
    analyse_round(&plan, &outcomes, Some(&followup), "helar").unwrap()
}

#[test]
fn every_huddinge_goal_gets_a_proposal() {
    let r = huddinge();
    assert_eq!(r.goals.len(), 8);
    for g in &r.goals {
        assert!(g.proposal.level.is_some(), "{}: {}", g.id, g.proposal.explanation);
        assert!(g.assessment.is_some(), "{} is assessed in the follow-up", g.id);
    }
}

#[test]
fn huddinge_proposals_against_the_published_assessments() {
    let r = huddinge();
    let rows: Vec<(&str, &str, &str, Agreement)> = r
        .goals
        .iter()
        .map(|g| {
            let a = g.assessment.as_ref().unwrap();
            (g.id.as_str(), g.proposal.level.as_ref().unwrap().key.as_str(), a.level.key.as_str(), a.agreement)
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("aldre-sjalvstandighet", "helt", "hog", Agreement::HumanLower),
            ("aldre-delaktighet", "delvis", "delvis", Agreement::Agree),
            ("aldre-trygghet", "delvis", "delvis", Agreement::Agree),
            // 3 of 5 reach: exactly the 60 % threshold.
            ("fh-delaktighet", "hog", "hog", Agreement::Agree),
            ("fh-trygghet", "delvis", "delvis", Agreement::Agree),
            ("klimat", "hog", "hog", Agreement::Agree),
            ("ekonomi", "ej", "ej", Agreement::Agree),
            ("arbetsgivare", "delvis", "delvis", Agreement::Agree),
        ]
    );
    let sjalv = r.goals[0].assessment.as_ref().unwrap();
    assert_eq!(sjalv.drivers, ["kurser-deltagare", "hembesok-kommundelar"]);
    assert_eq!(sjalv.without_outcome, ["seniortraffar"]);
    assert!(sjalv.has_motivation);
    assert_eq!((r.summary.agreeing, r.summary.differing), (7, 1));
}

#[test]
fn huddinge_inconsistencies_are_found() {
    let r = huddinge();
    let text: Vec<(&str, &str)> = r
        .flags
        .iter()
        .filter(|f| f.kind == FlagKind::TextContradictsNumbers)
        .map(|f| (f.goal.as_str(), f.indicator.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(text, [("aldre-trygghet", "ht-bemotande"), ("aldre-trygghet", "sabo-trygghet"), ("arbetsgivare", "timanstallda")]);
    let message = |id: &str| r.flags.iter().find(|f| f.indicator.as_deref() == Some(id)).unwrap().message.as_str();
    assert!(message("ht-bemotande").contains("men utfallet 94 når inte etappmålet 95"), "{}", message("ht-bemotande"));
    assert!(message("sabo-trygghet").contains("men utfallet 82 når inte etappmålet 83"), "{}", message("sabo-trygghet"));
    assert!(message("timanstallda").contains("men utfallet 15,6 når etappmålet 17 (lägre värden är bättre)"));

    let missing: Vec<(&str, Severity)> =
        r.flags.iter().filter(|f| f.kind == FlagKind::MissingOutcome).map(|f| (f.indicator.as_deref().unwrap(), f.severity)).collect();
    assert_eq!(missing, [("seniortraffar", Severity::Info)]);
    assert!(!r.flags.iter().any(|f| matches!(f.kind, FlagKind::TargetsWrongDirection | FlagKind::DifferenceWithoutMotivation)));

    // As PROPOSALS.md reports: every other claim agrees with the numbers or is left unchecked.
    let claims: Vec<Verdict> = r.goals.iter().flat_map(|g| &g.text_claims).map(|c| c.verdict).collect();
    let count = |v: Verdict| claims.iter().filter(|c| **c == v).count();
    assert_eq!((claims.len(), count(Verdict::Consistent), count(Verdict::Contradicts), count(Verdict::Unverifiable)), (29, 24, 3, 2));
}

#[test]
fn huddinge_samlad_maluppfyllelse() {
    let r = huddinge();
    assert_eq!(
        r.summary.assessed.sentence.as_deref(),
        Some("Tre av nämndens åtta mål bedöms som i hög grad uppfyllda, fyra som delvis uppfyllda och ett som ej uppfyllt.")
    );
    assert_eq!(
        r.summary.proposed.sentence.as_deref(),
        Some(
            "Ett av nämndens åtta mål föreslås bedömas som helt uppfyllt, två som i hög grad uppfyllda, fyra som delvis uppfyllda och ett som ej uppfyllt."
        )
    );
    let counts: Vec<(&str, usize)> = r.summary.assessed.levels.iter().map(|l| (l.key.as_str(), l.count)).collect();
    assert_eq!(counts, [("helt", 0), ("hog", 3), ("delvis", 4), ("ej", 1), ("ej_utv", 0)]);
}

#[test]
fn huddinge_indicator_details() {
    let r = huddinge();
    let ind = |id: &str| r.goals.iter().flat_map(|g| &g.indicators).find(|i| i.id == id).unwrap();
    let pk = ind("personalkontinuitet");
    assert_eq!((pk.margin, pk.change_since_previous.as_ref().unwrap().improvement), (Some(-1.8), Some(0.45)));
    let myndighet = ind("myndighet-beratta");
    // The survey skipped 2022: the change is against 2021.
    assert_eq!(myndighet.change_since_previous.as_ref().unwrap().from, styr_domain::Period::Year(2021));
    let sabo = ind("sabo-trygghet");
    assert_eq!((sabo.comparisons[0].label.as_str(), sabo.comparisons[0].difference), ("Stockholms län", Some(-1.0)));
}

#[test]
fn huddinge_delar_rounds_fall_back_to_last_year() {
    let (plan, _, outcomes) = load("huddinge-2023");
    for round in ["d1", "d2"] {
        let r = analyse_round(&plan, &outcomes, None, round).unwrap();
        let hme = r.goals.iter().flat_map(|g| &g.indicators).find(|i| i.id == "hme").unwrap();
        assert_eq!((hme.period, hme.value), (Some(styr_domain::Period::Year(2022)), Some(79.3)));
    }
}

#[test]
fn helsingborg_has_no_rule_so_the_default_rule_for_its_two_levels_applies() {
    let (plan, followup, outcomes) = load("helsingborg-2024");
    let r = analyse_round(&plan, &outcomes, Some(&followup), "helar").unwrap();
    let rule = r.rule.as_ref().expect("a default rule for a two-level scale");
    let levels: Vec<&str> = rule.thresholds.iter().map(|t| t.level.as_str()).collect();
    assert_eq!(levels, ["uppnatt", "inte"]);
    // Its indicators have no etappmål for 2024, and its scale no "not evaluated" level: no proposal,
    // and the explanation says why.
    assert!(r.goals.iter().all(|g| g.proposal.level.is_none() && g.proposal.explanation.contains("inget förslag")));
    assert_eq!(r.summary.assessed.sentence.as_deref(), Some("Ett av nämndens två mål bedöms som uppnått och ett som inte uppnått."));
}

/// The table in PROPOSALS.md (for the README) is the one the analysis produces today.
#[test]
fn proposals_doc_is_current() {
    let r = huddinge();
    let mut table = String::from(
        "| Nämndmål | Når etappmål / utvärderade / indikatorer | Förslag | Publicerat | Jämförelse |\n|---|---|---|---|---|\n",
    );
    for g in &r.goals {
        let a = g.assessment.as_ref().unwrap();
        let p = &g.proposal;
        let verdict = if a.agreement == Agreement::Agree { "Stämmer".to_string() } else { a.explanation.clone() };
        table.push_str(&format!(
            "| `{}` | {} / {} / {} | {} | {} | {} |\n",
            g.id,
            p.reaching,
            p.evaluated,
            p.indicators,
            p.level.as_ref().unwrap().label,
            a.level.label,
            verdict
        ));
    }
    let mut flags = String::from("| Mål | Indikator | Kontroll | Meddelande |\n|---|---|---|---|\n");
    for f in &r.flags {
        flags.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            f.goal,
            f.indicator.as_deref().unwrap_or("–"),
            serde_json::to_value(f.kind).unwrap().as_str().unwrap(),
            f.message.replace('|', "\\|")
        ));
    }
    println!("{table}\n{flags}");
    let doc = std::fs::read_to_string(format!("{}/PROPOSALS.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let block = |name: &str| {
        let start = format!("<!-- {name}:start -->\n");
        let end = format!("<!-- {name}:end -->");
        let from = doc.find(&start).unwrap_or_else(|| panic!("PROPOSALS.md lacks {start}")) + start.len();
        doc[from..doc[from..].find(&end).map(|i| from + i).unwrap()].to_string()
    };
    assert_eq!(block("proposals"), table, "update the proposals table in PROPOSALS.md from the output above");
    assert_eq!(block("flags"), flags, "update the flags table in PROPOSALS.md from the output above");
}
