//! `styr assess`: per goal, the computed proposal beside the published assessment, the indicators
//! behind it, and consistency flags; then the samlad måluppfyllelse.

use anyhow::Result;
use styr_analysis::{Agreement, RoundAnalysis, Severity, TargetStatus};
use styr_app::Store;
use styr_domain::format_sv::number_trimmed;

use crate::Format;
use crate::output::{print_table, say};

pub async fn run(store: &Store, year: i32, committee: Option<String>, round: Option<String>, format: Format) -> Result<()> {
    let analysis = styr_app::assess::assess(store, year, committee.as_deref(), round.as_deref()).await?;
    match format {
        Format::Json => say!("{}", serde_json::to_string_pretty(&analysis)?),
        Format::Table => print_analysis(&analysis),
    }
    Ok(())
}

fn status_word(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Reached => "når",
        TargetStatus::NotReached => "når inte",
        TargetStatus::NoOutcome => "inget utfall",
        TargetStatus::NoTarget => "inget etappmål",
        TargetStatus::NoDirection => "ingen riktning",
    }
}

fn print_analysis(a: &RoundAnalysis) {
    say!("Målbedömning {} – {} ({})\n", a.committee, a.round.label, a.round.id);
    if a.goals.iter().any(|g| g.proposal.basis == styr_analysis::ProposalBasis::RuleRequired) {
        say!("{}\n", styr_analysis::REQUIRED_RULE_MISSING);
    }
    let levels = a.goals.iter().any(|g| g.level != styr_domain::GoalLevel::Goal);
    let rows: Vec<Vec<String>> = a
        .goals
        .iter()
        .map(|g| {
            let p = &g.proposal;
            let mut row = vec![
                g.title.clone(),
                format!("{}/{}/{}", p.reaching, p.evaluated, p.indicators),
                p.level.as_ref().map(|l| l.label.clone()).unwrap_or_else(|| "–".into()),
                match (&g.assessment, g.texts_without_level) {
                    (Some(c), _) => c.level.label.clone(),
                    (None, true) => "text, ingen nivå".into(),
                    (None, false) => "–".into(),
                },
                match g.assessment.as_ref().map(|c| c.agreement) {
                    Some(Agreement::Agree) => "stämmer".into(),
                    Some(Agreement::HumanHigher) => "bedömd högre".into(),
                    Some(Agreement::HumanLower) => "bedömd lägre".into(),
                    Some(Agreement::Differ) => "skiljer".into(),
                    Some(Agreement::NoProposal) => "inget förslag".into(),
                    None => "ej bedömd".into(),
                },
            ];
            if levels {
                row[0] = format!("{}: {}", g.level.noun(), g.title);
            }
            row
        })
        .collect();
    let first = if levels { "Mål" } else { "Nämndmål" };
    print_table(&[first, "Når/utv./ind.", "Förslag", "Bedömning", "Jämförelse"], &rows, 60);

    for g in &a.goals {
        say!("\n{}", g.title);
        say!("  Förslag: {}", g.proposal.explanation);
        if let Some(c) = g.assessment.as_ref().filter(|c| c.agreement != Agreement::Agree) {
            say!("  Jämförelse: {}", c.explanation);
        }
        for i in &g.indicators {
            let v = |x: Option<f64>| x.map(|x| number_trimmed(x, i.decimals as usize)).unwrap_or_else(|| "–".into());
            let margin = i.margin.map(|m| format!(", marginal {}", number_trimmed(m, i.decimals as usize + 1))).unwrap_or_default();
            // The period the outcome is for, always; why, when it is not the round's own.
            let period = match (i.period, i.period_source.and_then(|s| s.explanation_sv())) {
                (Some(p), Some(why)) => format!("{}, {why}; ", p.label_sv()),
                (Some(p), None) => format!("{}; ", p.label_sv()),
                (None, _) => format!("inget utfall för {}; ", a.round.period.label_sv()),
            };
            let prel = if i.preliminary { " prel." } else { "" };
            let mut extra = String::new();
            if let Some(t) = i.trend {
                extra.push_str(&format!(", trend {}", t.as_str()));
                if i.trend_source == Some(styr_analysis::TrendSource::Typed) {
                    extra.push_str(" (angiven)");
                }
            }
            if let Some(j) = &i.judgement {
                extra.push_str(&format!(", bedömning {}", j.label));
            }
            for r in &i.by_regi {
                extra.push_str(&format!(", {} {}", r.regi.label_sv().to_lowercase(), v(r.value)));
            }
            say!("  - {}: {}{prel} ({period}etappmål {}) {}{margin}{extra}", i.title, v(i.value), v(i.etappmal), status_word(i.status));
        }
    }

    if !a.flags.is_empty() {
        say!("\nFlaggor");
        for f in &a.flags {
            let mark = if f.severity == Severity::Warning { "VARNING" } else { "info" };
            say!("  [{mark}] {}{}: {}", f.goal, f.indicator.as_ref().map(|i| format!("/{i}")).unwrap_or_default(), f.message);
        }
    }
    say!("\nSamlad måluppfyllelse");
    if let Some(s) = &a.summary.assessed.sentence {
        say!("  Bedömning: {s}");
    }
    if let Some(s) = &a.summary.proposed.sentence {
        say!("  Förslag:   {s}");
    }
}
