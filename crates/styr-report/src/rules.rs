//! The tables of a plan's assessment rule (the plan's own, else the default for its scale) and of a
//! committee's ledger mapping (report rows with their account ranges, cost-centre rules with their
//! organisation unit).

use styr_domain::ledger_mapping::{CodeRange, LedgerMapping};
use styr_domain::{AssessmentRule, OrgUnit, Plan, RuleMethod, Threshold};

use crate::{Cell, Table};

/// Where the rule of a plan comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleSource {
    /// The plan states its rule (`assessment_rule`).
    Plan,
    /// The plan states none: the default for its scale ([`AssessmentRule::default_for`]).
    Default,
    /// The plan requires an explicit rule and states none: nothing is proposed.
    RequiredMissing,
    /// No rule and a scale with fewer than two evaluated levels: nothing is proposed.
    ScaleTooSmall,
}

impl RuleSource {
    pub fn of(plan: &Plan) -> RuleSource {
        match (&plan.assessment_rule, plan.require_assessment_rule, plan.default_rule()) {
            (Some(_), _, _) => RuleSource::Plan,
            (None, true, _) => RuleSource::RequiredMissing,
            (None, false, Some(_)) => RuleSource::Default,
            (None, false, None) => RuleSource::ScaleTooSmall,
        }
    }
    pub fn label_sv(self) -> &'static str {
        match self {
            RuleSource::Plan => "planens regel",
            RuleSource::Default => "standardregel för skalan (planen anger ingen regel)",
            RuleSource::RequiredMissing => "ingen (planen kräver en uttrycklig bedömningsregel)",
            RuleSource::ScaleTooSmall => "ingen (skalan har färre än två bedömningsnivåer)",
        }
    }
}

fn text(s: impl Into<String>) -> Cell {
    Cell::stored(s)
}

/// A share as a Swedish percentage: `50 %`, `66,7 %`.
fn percent(share: f64) -> String {
    format!("{} %", styr_domain::format_sv::number_trimmed(share * 100.0, 1))
}

/// A threshold's condition on the share of evaluated indicators reaching their etappmål, in
/// Swedish: `alla`, `över 50 %`, `minst 60 %`, `övriga` (at least 0 %: every share).
pub fn condition_sv(t: &Threshold) -> String {
    match (t.at_least, t.above) {
        (Some(v), None) if v >= 1.0 - 1e-9 => "alla".into(),
        (Some(v), None) if v <= 1e-9 => "övriga".into(),
        (Some(v), None) => format!("minst {}", percent(v)),
        (None, Some(v)) => format!("över {}", percent(v)),
        _ => "ogiltig tröskel".into(),
    }
}

fn method_sv(m: RuleMethod) -> &'static str {
    match m {
        RuleMethod::ShareReachingEtappmal => "andel indikatorer som når årets etappmål",
    }
}

/// The plan's assessment rule as two tables: what the rule is (source, method, minimum share with
/// an outcome and what a goal below it gets) and its thresholds, best level first, each with its
/// level's key and label and its condition in Swedish. Without a rule of its own the plan's default
/// rule is shown, marked as the default; when no rule applies the thresholds table is empty.
pub fn assessment_rule(plan: &Plan) -> Vec<Table> {
    let source = RuleSource::of(plan);
    let rule: Option<AssessmentRule> = plan.effective_rule();
    let mut about = Table::new("Bedömningsregel", ["Uppgift", "Värde"].map(String::from).to_vec());
    about.push(vec![text("Regel"), text(source.label_sv())]);
    about.push(vec![text("Skala"), text(format!("{} ({})", plan.scale.name, plan.scale.id))]);
    if let Some(rule) = &rule {
        about.push(vec![text("Metod"), text(method_sv(rule.method))]);
        let below = match plan.scale.not_evaluated() {
            Some(l) => format!("annars {}", l.label),
            None => "annars inget förslag".to_string(),
        };
        about.push(vec![text("Minsta andel med utfall"), text(format!("{} ({below})", percent(rule.min_share_with_outcome)))]);
    }
    let mut thresholds =
        Table::new("Trösklar, bästa nivå först", ["Ordning", "Nivå", "Benämning", "Andel som når etappmålet"].map(String::from).to_vec());
    for (i, t) in rule.iter().flat_map(|r| &r.thresholds).enumerate() {
        let label = plan.scale.level(&t.level).map(|l| l.label.clone()).unwrap_or_default();
        thresholds.push(vec![text((i + 1).to_string()), text(&t.level), text(label), text(condition_sv(t))]);
    }
    vec![about, thresholds]
}

fn ranges(r: &[CodeRange]) -> String {
    r.iter().map(|c| String::from(c.clone())).collect::<Vec<_>>().join(", ")
}

/// A ledger mapping as two tables: the driftredovisning's rows in report order with their account
/// ranges, and the cost-centre rules with the organisation unit they map to (its name from `plan`,
/// when one is given and has the unit).
pub fn ledger_mapping(mapping: &LedgerMapping, plan: Option<&Plan>) -> Vec<Table> {
    let mut rows = Table::new("Rader i driftredovisningen", ["Ordning", "Rad", "Benämning", "Konton"].map(String::from).to_vec());
    for (i, r) in mapping.rows.iter().enumerate() {
        rows.push(vec![text((i + 1).to_string()), text(&r.id), text(&r.label), text(ranges(&r.accounts))]);
    }
    let units = plan.map(|p| OrgUnit::flatten(&p.organisation)).unwrap_or_default();
    let mut centres = Table::new(
        format!("Kostnadsställen (SIE-dimension {})", mapping.cost_centre_dimension),
        ["Kostnadsställen", "Organisationsenhet", "Namn"].map(String::from).to_vec(),
    );
    for c in &mapping.cost_centres {
        let name = units.iter().find(|(_, u)| u.id == c.org_unit).map(|(_, u)| u.name.clone()).unwrap_or_default();
        centres.push(vec![text(ranges(&c.codes)), text(&c.org_unit), text(name)]);
    }
    vec![rows, centres]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(at_least: Option<f64>, above: Option<f64>) -> Threshold {
        Threshold { level: "x".into(), at_least, above }
    }

    #[test]
    fn conditions_in_swedish() {
        assert_eq!(condition_sv(&t(Some(1.0), None)), "alla");
        assert_eq!(condition_sv(&t(Some(0.0), None)), "övriga");
        assert_eq!(condition_sv(&t(Some(0.6), None)), "minst 60 %");
        assert_eq!(condition_sv(&t(None, Some(0.5))), "över 50 %");
        let five = AssessmentRule::default_for(&["1", "2", "3", "4", "5"]).unwrap();
        let words: Vec<String> = five.thresholds.iter().map(condition_sv).collect();
        assert_eq!(words, ["alla", "över 66,7 %", "över 33,3 %", "över 0 %", "övriga"]);
    }
}
