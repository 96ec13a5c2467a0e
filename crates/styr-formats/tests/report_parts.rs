//! The report parts in files: uppdrag with group and dates, control points with several
//! frequencies and a risk, control results on the scale with figures, prose sections, footnotes,
//! personnel windows. Every unknown reference is refused with the file, line and field.

use styr_formats::{FormatError, followup_file, personnel_file, plan_file};

const PLAN: &str = include_str!("../../styr-store/tests/fixtures/coverage-plan.yaml");
const FOLLOWUP: &str = include_str!("../../styr-store/tests/fixtures/coverage-followup.yaml");
const PERSONNEL: &str = include_str!("../../styr-store/tests/fixtures/coverage-personnel.yaml");

/// `text` with the first `from` replaced by `to`, and the line (from 1) where it was.
fn replaced(text: &str, from: &str, to: &str) -> (String, usize) {
    let at = text.find(from).unwrap_or_else(|| panic!("{from} is not in the file"));
    (text.replacen(from, to, 1), text[..at].matches('\n').count() + 1)
}

fn followup_error(text: &str) -> FormatError {
    let plan = plan_file::parse(PLAN, "plan.yaml").unwrap();
    followup_file::parse_for_plan(text, "followup.yaml", &plan).expect_err("the broken follow-up was accepted")
}

#[test]
fn the_fixtures_read_and_write_back_identically() {
    let plan = plan_file::parse(PLAN, "plan.yaml").unwrap();
    assert_eq!(plan_file::parse(&plan_file::write(&plan), "w.yaml").unwrap(), plan);
    let tid = plan.control_points.iter().find(|c| c.id == "handlaggningstid").unwrap();
    assert_eq!(tid.frequency.label(), "delår, årsbokslut");
    assert!(plan_file::write(&plan).contains("frequency:\n  - delår\n  - årsbokslut"), "{}", plan_file::write(&plan));
    let f = followup_file::parse_for_plan(FOLLOWUP, "followup.yaml", &plan).unwrap();
    assert_eq!(followup_file::parse(&followup_file::write(&f), "w.yaml").unwrap(), f);
    assert_eq!(f.sections.len(), 3);
    let (committee, facts) = personnel_file::parse(PERSONNEL, "personnel.yaml").unwrap();
    assert_eq!(personnel_file::parse(&personnel_file::write(&committee, &facts), "w.yaml").unwrap().1, facts);
}

#[test]
fn a_control_point_naming_an_unknown_risk_is_refused_at_its_line() {
    let (text, line) = replaced(PLAN, "risk: dokumentation", "risk: okand-risk");
    let e = plan_file::parse(&text, "plan.yaml").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(line), "control_points[2].risk"), "{e}");
    assert_eq!(e.message, "no risk with id `okand-risk` in the plan");
}

#[test]
fn an_unknown_frequency_names_the_allowed_ones() {
    let (text, line) = replaced(PLAN, "[delår, årsbokslut]", "[delår, vecka]");
    let e = plan_file::parse(&text, "plan.yaml").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(line), "control_points[2].frequency[1]"), "{e}");
    assert!(e.message.contains("`vecka`") && e.message.contains("`årsbokslut`"), "{e}");
}

#[test]
fn an_uppdrag_ending_before_it_starts_is_refused() {
    let (text, line) = replaced(PLAN, "end: 2025-11-30", "end: 2025-01-01");
    let e = plan_file::parse(&text, "plan.yaml").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(line), "commissions[0].end"), "{e}");
}

#[test]
fn unknown_references_of_a_round_are_refused_with_line_and_field() {
    let cases = [
        ("level: hog", "level: utmärkt", "controls[1].level", "unknown level `utmärkt`"),
        ("org_unit: ao", "org_unit: okand", "sections[1].org_unit", "no organisation unit with id `okand` in the plan"),
        ("indicator: personalkontinuitet", "indicator: okand", "footnotes[0].on.indicator", "no indicator with id `okand`"),
        ("key_figure: timmar", "key_figure: okand", "footnotes[1].on.key_figure", "no key figure with id `okand`"),
        ("section: kompetens", "section: okand", "footnotes[2].on.section", "no section in this file with id `okand`"),
    ];
    for (from, to, field, message) in cases {
        let (text, line) = replaced(FOLLOWUP, from, to);
        let e = followup_error(&text);
        assert_eq!((e.line, e.field.as_str()), (Some(line), field), "{e}");
        assert!(e.message.starts_with(message), "{e}");
        assert!(e.to_string().starts_with(&format!("followup.yaml, line {line}, ")), "{e}");
    }
}

#[test]
fn a_section_id_used_twice_is_refused() {
    let (text, line) = replaced(FOLLOWUP, "id: kompetens", "id: sammanfattning");
    let e = followup_error(&text);
    assert_eq!((e.line, e.field.as_str()), (Some(line), "sections[2].id"), "{e}");
}

#[test]
fn personnel_windows_and_counts_are_checked() {
    let (text, line) = replaced(PERSONNEL, "window: range, from: 2025-01-01,", "window: range,");
    let e = personnel_file::parse(&text, "p.yaml").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(line), "stats[16].window"), "{e}");
    let (text, line) = replaced(PERSONNEL, "window: ytd, value: 8.6", "window: ytd, from: 2025-01-01, value: 8.6");
    let e = personnel_file::parse(&text, "p.yaml").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(line), "stats[14].from"), "{e}");
    let (text, line) = replaced(PERSONNEL, "measure: count, label: Antal chefer,", "measure: count,");
    let e = personnel_file::parse(&text, "p.yaml").unwrap_err();
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.message, "a `count` needs a `label` that says what is counted");
}
