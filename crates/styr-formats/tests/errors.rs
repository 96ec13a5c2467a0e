//! Broken input is rejected with the file, line and field named.

use std::collections::BTreeSet;

use styr_formats::{FormatError, economics_file, followup_file, outcomes_csv, personnel_file, plan_file};

const PLAN: &str = include_str!("../../../demo/huddinge-2023-plan.yaml");
const FOLLOWUP: &str = include_str!("../../../demo/huddinge-2023-followup.yaml");

/// The plan with the first occurrence of `from` replaced by `to`, and the line it is on.
fn broken(from: &str, to: &str) -> (String, usize) {
    let at = PLAN.find(from).unwrap_or_else(|| panic!("{from} is not in the plan"));
    let line = PLAN[..at].lines().count() + usize::from(PLAN[..at].ends_with('\n'));
    (PLAN.replacen(from, to, 1), line)
}

fn plan_error(text: &str) -> FormatError {
    plan_file::parse(text, "plan.yaml").expect_err("the broken plan was accepted")
}

#[test]
fn the_demo_plan_reads_and_writes_back_identically() {
    let plan = plan_file::parse(PLAN, "plan.yaml").unwrap();
    let written = plan_file::write(&plan);
    assert_eq!(plan_file::parse(&written, "written.yaml").unwrap(), plan);
    assert_eq!(plan.goals().count(), 8);
    assert_eq!(plan.indicators().count(), 29);
}

#[test]
fn a_wrong_direction_names_line_and_field() {
    let (text, line) = broken("direction: lower", "direction: downwards");
    let e = plan_error(&text);
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.field.ends_with(".direction"), "{e}");
    assert!(e.field.starts_with("goal_areas[0].kf_goals[1].goals[1].indicators["), "{e}");
    assert!(e.to_string().starts_with(&format!("plan.yaml, line {line}")), "{e}");
    assert!(e.message.contains("downwards"), "{e}");
}

#[test]
fn a_misspelt_field_is_not_ignored() {
    let (text, line) = broken("    title: En hållbar", "    titel: En hållbar");
    let e = plan_error(&text);
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.message.contains("titel"), "{e}");
}

#[test]
fn a_bad_number_names_the_target() {
    let (text, line) = broken("etappmal: { 2023: 300 }", "etappmal: { 2023: trehundra }");
    let e = plan_error(&text);
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.field.ends_with("targets.etappmal.2023") || e.field.ends_with("targets.etappmal"), "{e}");
}

#[test]
fn a_duplicate_id_is_found_where_it_repeats() {
    let (text, line) = broken("id: matsvinn", "id: fordon-fornybart");
    let e = plan_error(&text);
    assert!(e.message.contains("fordon-fornybart") && e.message.contains("twice"), "{e}");
    assert_eq!(e.field, "indicators[22].id", "{e}");
    assert_eq!(e.line, Some(line), "the second use is named: {e}");
}

#[test]
fn a_dangling_reference_is_named() {
    let (text, line) = broken("goal: fh-delaktighet", "goal: fh-okand");
    let e = plan_error(&text);
    assert_eq!(e.line, Some(line), "{e}");
    assert!(e.field.starts_with("commissions[") && e.field.ends_with("].goal"), "{e}");
    assert!(e.message.contains("fh-okand"), "{e}");
}

#[test]
fn a_bad_kolada_id_is_refused() {
    let (text, line) = broken("source: { own: Förebyggandeenheten }", "source: { kolada: X1 }");
    let e = plan_error(&text);
    assert!(e.message.starts_with("invalid Kolada KPI id"), "{e}");
    assert_eq!(e.line, Some(line), "{e}");
}

#[test]
fn a_file_of_the_wrong_kind_says_so() {
    let e = plan_file::parse(FOLLOWUP, "followup.yaml").unwrap_err();
    assert_eq!(e.field, "format");
    assert!(e.message.contains("styr-followup/1"), "{e}");
    let e = plan_file::parse("just: [unclosed", "x.yaml").unwrap_err();
    assert_eq!(e.line, Some(1), "{e}");
}

#[test]
fn a_followup_level_outside_the_scale_is_refused() {
    let plan = plan_file::parse(PLAN, "plan.yaml").unwrap();
    let text = FOLLOWUP.replacen("level: ej\n", "level: katastrof\n", 1);
    let e = followup_file::parse_for_plan(&text, "followup.yaml", &plan).unwrap_err();
    assert!(e.field.starts_with("assessments[") && e.field.ends_with("].level"), "{e}");
    assert!(e.message.contains("ej, delvis, hog, helt, ej_utv"), "{e}");
    let line = text.lines().position(|l| l.contains("level: katastrof")).unwrap() + 1;
    assert_eq!(e.line, Some(line));
}

fn ids() -> BTreeSet<String> {
    ["sjukfranvaro", "hme"].into_iter().map(String::from).collect()
}

#[test]
fn outcome_errors_name_the_csv_line() {
    let csv = "indicator,period,gender,value,status\nsjukfranvaro,2023,T,8.7,final\nhme,2023,X,82.4,final\n";
    let e = outcomes_csv::parse(csv, "utfall.csv", &ids()).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(3), "gender"), "{e}");
    let csv = "indicator;period;value\nsjukfranvaro;2023;8,7\nokänd;2023;1\n";
    let e = outcomes_csv::parse(csv, "utfall.csv", &ids()).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(3), "indicator"), "{e}");
    let csv = "indicator,period,value\nsjukfranvaro,2023-13,8.7\n";
    assert_eq!(outcomes_csv::parse(csv, "u.csv", &ids()).unwrap_err().field, "period");
    let csv = "indicator,period,value,status\nsjukfranvaro,2023,,final\n";
    assert_eq!(outcomes_csv::parse(csv, "u.csv", &ids()).unwrap_err().field, "value");
    let csv = "indicator,period,value\nsjukfranvaro,2023,8.7\nsjukfranvaro,2023,8.8\n";
    assert_eq!(outcomes_csv::parse(csv, "u.csv", &ids()).unwrap_err().line, Some(3));
    let december = outcomes_csv::parse("indicator,period,value\nhme,2023-12,82.4\n", "u.csv", &ids()).unwrap();
    assert_eq!(december[0].period, styr_domain::Period::Year(2023), "2023-12 is the whole year");
    let csv = "indikator,period\n";
    assert_eq!(outcomes_csv::parse(csv, "u.csv", &ids()).unwrap_err().field, "indikator");
}

#[test]
fn outcomes_accept_swedish_decimals_and_missing_values() {
    let csv = "indicator;period;gender;value;status;municipality;note\nsjukfranvaro;2023-08;K;9,1;preliminary;;\nhme;2023;;;missing;;IU\nhme;2022;T;79,3;;0000;Riket\n";
    let o = outcomes_csv::parse(csv, "u.csv", &ids()).unwrap();
    assert_eq!(o.len(), 3);
    assert_eq!(o[0].value, Some(9.1));
    assert_eq!(o[1].value, None);
    assert_eq!(o[1].note.as_deref(), Some("IU"));
    assert_eq!(o[2].comparison.code(), "0000");
    let written = outcomes_csv::write(&o);
    assert_eq!(outcomes_csv::parse(&written, "w.csv", &ids()).unwrap(), o);
}

#[test]
fn economics_errors_are_located() {
    let text = include_str!("../../../demo/huddinge-2023-economics.yaml");
    let bad = text.replacen("- line: personal", "- line: personl", 1);
    let e = economics_file::parse(&bad, "eko.yaml").unwrap_err();
    assert!(e.field.starts_with("amounts[") && e.message.contains("personl"), "{e}");
    assert!(e.line.is_some());
    let bad = text.replacen("unit: tkr", "unit: dollar", 1);
    let e = economics_file::parse(&bad, "eko.yaml").unwrap_err();
    assert_eq!(e.field, "unit", "{e}");
}

#[test]
fn personnel_bands_are_checked() {
    let text =
        "format: styr-personnel/1\ncommittee: von\nstats:\n  - { measure: sick_leave, date: 2024-08-31, age_band: \"49-30\", value: 3 }\n";
    let e = personnel_file::parse(text, "p.yaml").unwrap_err();
    assert_eq!((e.field.as_str(), e.line), ("stats[0].age_band", Some(4)), "{e}");
    let text = text.replace("measure: sick_leave", "measure: sjukfrånvaro");
    let e = personnel_file::parse(&text, "p.yaml").unwrap_err();
    assert!(e.field.ends_with("measure"), "{e}");
}

#[test]
fn ledger_csv_sums_and_names_errors() {
    use styr_formats::ledger_csv;
    let csv = "period;account;cost_centre;amount;measure\n2024-01;5010;110;1 000,50;outcome\n2024-01;5010;110;-0,50;outcome\n2024-01;3110;210;-200;budget\n";
    let rows = ledger_csv::parse(csv, "huvudbok.csv").unwrap();
    assert_eq!(rows.len(), 2);
    let pay = rows.iter().find(|r| r.account == "5010").unwrap();
    assert_eq!(pay.amount, styr_domain::Amount::from_ore(100_000));
    let e = ledger_csv::parse("period,account,cost_centre,amount,measure\n2024-01,5010,110,12.345,outcome\n", "h.csv").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(2), "amount"), "{e}");
    let e = ledger_csv::parse("period,account,cost_centre,amount,measure\n2024,5010,110,1,outcome\n", "h.csv").unwrap_err();
    assert_eq!(e.field, "period", "{e}");
    let e = ledger_csv::parse("period,account,amount,measure\n", "h.csv").unwrap_err();
    assert_eq!(e.field, "cost_centre", "{e}");
}

#[test]
fn economics_numbers_loops_and_duplicates_are_refused() {
    let text = include_str!("../../../demo/huddinge-2023-economics.yaml");
    let bad = text.replacen("budget: { \"2023\": 968820 }", "budget: { \"2023\": .nan }", 1);
    let e = economics_file::parse(&bad, "eko.yaml").unwrap_err();
    assert_eq!(e.field, "amounts[0].budget.2023", "{e}");
    let bad = text.replacen("budget: { \"2023\": 968820 }", "budget: { \"2023\": 1e30 }", 1);
    assert_eq!(economics_file::parse(&bad, "eko.yaml").unwrap_err().field, "amounts[0].budget.2023");
    let bad = text.replacen("sum_of: [intakter, kostnader]", "sum_of: [intakter, kostnader, resultat2]", 1).replacen(
        "lines:\n",
        "lines:\n  - { id: resultat2, table: drift, label: Loop, sum_of: [resultat] }\n",
        1,
    );
    let e = economics_file::parse(&bad, "eko.yaml").unwrap_err();
    assert!(e.message.contains("loop"), "{e}");
    let doubled = format!("{text}\n").replacen(
        "investments:\n",
        "investments:\n  - { id: dubbel, name: A, year: 2023, budget: 1 }\n  - { id: dubbel, name: B, year: 2023, budget: 2 }\n",
        1,
    );
    let e = economics_file::parse(&doubled, "eko.yaml").unwrap_err();
    assert!(e.message.contains("twice") && e.field.starts_with("investments["), "{e}");
}

#[test]
fn a_followup_naming_an_uppdrag_twice_is_refused() {
    let plan = plan_file::parse(PLAN, "plan.yaml").unwrap();
    let text = FOLLOWUP.replacen("  - id: handige-fixaren", "  - id: digital-fixare", 1);
    let e = followup_file::parse_for_plan(&text, "followup.yaml", &plan).unwrap_err();
    assert!(e.message.contains("twice") && e.field.starts_with("commissions["), "{e}");
    assert!(e.line.is_some());
}

#[test]
fn economics_amounts_say_why_they_are_refused() {
    let text = include_str!("../../../demo/huddinge-2023-economics.yaml");
    for (value, message) in [
        (".nan", "NaN is not an amount"),
        (".inf", "inf is not an amount"),
        ("-.inf", "-inf is not an amount"),
        ("1e300", "1e300 tkr is beyond ±1 000 000 000 000 kr (a million mnkr), the largest amount styr accepts"),
    ] {
        let bad = text.replacen("budget: { \"2023\": 968820 }", &format!("budget: {{ \"2023\": {value} }}"), 1);
        let e = economics_file::parse(&bad, "eko.yaml").unwrap_err();
        assert_eq!((e.field.as_str(), e.message.as_str()), ("amounts[0].budget.2023", message), "{e}");
    }
    // The bound itself (a million mnkr = 10^9 tkr) is accepted.
    let at_bound = text.replacen("budget: { \"2023\": 968820 }", "budget: { \"2023\": 1000000000 }", 1);
    assert!(economics_file::parse(&at_bound, "eko.yaml").is_ok());
}

#[test]
fn ledger_csv_amounts_are_bounded_and_their_sums_checked() {
    use styr_formats::ledger_csv;
    let head = "period,account,cost_centre,amount,measure\n";
    for (amount, message) in [
        ("NaN", "`NaN` is not an amount in kronor"),
        ("inf", "`inf` is not an amount in kronor"),
        ("1e300", "`1e300` is not an amount in kronor"),
        ("1000000000000.01", "1000000000000.01 kr is beyond ±1 000 000 000 000 kr"),
        ("-92233720368547758.08", "-92233720368547758.08 kr is beyond"),
    ] {
        let e = ledger_csv::parse(&format!("{head}2024-01,5010,110,{amount},outcome\n"), "h.csv").unwrap_err();
        assert_eq!((e.line, e.field.as_str()), (Some(2), "amount"), "{e}");
        assert!(e.message.starts_with(message), "{e}");
    }
    // 92 234 rows at the bound in one cell add up beyond i64 öre: an error on the row where it happens.
    let rows = 92_234;
    let csv = format!("{head}{}", "2024-01,5010,110,1000000000000,outcome\n".repeat(rows));
    let e = ledger_csv::parse(&csv, "h.csv").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(rows + 1), "amount"), "{e}");
    assert!(
        e.message.starts_with(
            "the outcome of account 5010, cost centre `110`, 2024-01 (the rows up to this one) is beyond ±92 233 720 368 547 758,07 kr"
        ),
        "{e}"
    );
    assert!(ledger_csv::parse(&format!("{head}{}", "2024-01,5010,110,1000000000000,outcome\n".repeat(rows - 1)), "h.csv").is_ok());
}
