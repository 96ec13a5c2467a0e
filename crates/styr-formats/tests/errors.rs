//! Broken input is rejected with the file, line and field named.

use std::collections::BTreeSet;

use styr_formats::limits::{MAX_CSV_BYTES, MAX_YAML_BYTES, MAX_YAML_DEPTH};
use styr_formats::{FormatError, economics_file, followup_file, ledger_csv, ledger_mapping_file, outcomes_csv, personnel_file, plan_file};

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
fn a_wrong_direction_names_line_field_and_the_allowed_values() {
    let (text, line) = broken("direction: lower", "direction: neråt");
    let e = plan_error(&text);
    assert_eq!(e.line, Some(line), "{e}");
    assert_eq!(e.column, Some(28), "{e}");
    assert_eq!(e.field, "goal_areas[0].kf_goals[1].goals[1].indicators[3].direction", "{e}");
    assert_eq!(
        e.to_string(),
        format!(
            "plan.yaml, line {line}, column 28, field `goal_areas[0].kf_goals[1].goals[1].indicators[3].direction`: \
             unknown value `neråt`, expected one of `higher`, `lower`, `none`"
        )
    );
}

#[test]
fn a_list_where_one_value_is_expected_is_said_in_plain_words() {
    let (text, line) = broken("direction: lower", "direction: [lower, higher]");
    let e = plan_error(&text);
    assert_eq!((e.line, e.field.as_str()), (Some(line), "goal_areas[0].kf_goals[1].goals[1].indicators[3].direction"), "{e}");
    assert_eq!(e.message, "a list was given where one value is expected", "{e}");
    let (text, line) = broken("decimals: 0", "decimals:\n                  - 0");
    let e = plan_error(&text);
    assert_eq!((e.line, e.message.as_str()), (Some(line + 1), "a list was given where one value is expected"), "{e}");
    let (text, line) = broken("kf_goals:", "kf_goals: 5\n    ignored:");
    let e = plan_error(&text);
    assert_eq!((e.line, e.message.as_str()), (Some(line), "one value was given where a list is expected"), "{e}");
    let (text, _) = broken("etappmal: { 2023: 300 }", "etappmal: { 2023: trehundra }");
    assert_eq!(plan_error(&text).message, "`trehundra` is not a number");
    let (text, _) = broken("year: 2023", "year:");
    assert_eq!(plan_error(&text).message, "no value was given where a whole number is expected");
}

#[test]
fn a_repeated_value_is_found_at_its_own_line() {
    // `id: von` is on line 3 (the committee) and 17 (the organisation's root): the repeat is line 27.
    let (text, line) = broken("{ id: ovrigt,", "{ id: von,");
    assert_eq!(line, 27);
    let e = plan_error(&text);
    assert_eq!((e.line, e.column), (Some(27), Some(15)), "{e}");
    assert_eq!(e.field, "organisation[0].children[6].id", "{e}");
    assert_eq!(e.message, "organisation unit id `von` is used twice (first on line 17)", "{e}");
}

#[test]
fn a_key_given_twice_is_refused_where_it_repeats() {
    let (text, line) = broken("year: 2023", "year: 2023\nyear: 2024");
    let e = plan_error(&text);
    assert_eq!((e.line, e.field.as_str()), (Some(line + 1), "year"), "{e}");
    assert_eq!(e.message, "`year` is given twice in the same mapping");
}

/// A file of about a megabyte whose lists (`[[[…]]]`) or mappings (`a:` indented ever deeper) nest
/// far beyond the limit.
fn deeply_nested() -> [String; 2] {
    let flow = format!("format: styr-plan/1\nx: {}{}\n", "[".repeat(500_000), "]".repeat(500_000));
    let mut block = String::from("format: styr-plan/1\n");
    let mut depth = 0;
    while block.len() < 1_000_000 {
        block.push_str(&" ".repeat(2 * depth));
        block.push_str("a:\n");
        depth += 1;
    }
    [flow, block]
}

#[test]
fn a_megabyte_of_deep_nesting_is_refused_naming_the_depth_limit() {
    for text in deeply_nested() {
        assert!(text.len() >= 1_000_000 && text.len() < MAX_YAML_BYTES);
        let e = plan_error(&text);
        assert_eq!(e.message, format!("lists and mappings are nested more than {MAX_YAML_DEPTH} levels deep, the limit for styr files"));
        assert!(e.line.is_some_and(|l| l <= MAX_YAML_DEPTH + 2), "refused at the first level past the limit: {e}");
        let as_format = |format: &str| text.replace("styr-plan/1", format);
        let others = [
            personnel_file::parse(&as_format("styr-personnel/1"), "p.yaml").map(|_| ()),
            economics_file::parse(&as_format("styr-economics/1"), "e.yaml").map(|_| ()),
            followup_file::parse(&as_format("styr-followup/1"), "f.yaml").map(|_| ()),
            ledger_mapping_file::parse(&as_format("styr-ledger-mapping/1"), "m.yaml", None).map(|_| ()),
        ];
        for e in others.into_iter().map(Result::unwrap_err) {
            assert!(e.message.contains("nested more than 64 levels"), "every YAML reader has the limit: {e}");
        }
    }
    let mut ok = String::from("format: styr-personnel/1\ncommittee: von\nx:\n");
    for depth in 1..MAX_YAML_DEPTH {
        ok.push_str(&format!("{}a:\n", "  ".repeat(depth)));
    }
    let e = personnel_file::parse(&ok, "p.yaml").unwrap_err();
    assert!(e.message.contains("unknown field `x`"), "nesting up to the limit is read: {e}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let big = format!("format: styr-plan/1\n# {}\n", "x".repeat(MAX_YAML_BYTES));
    let e = plan_error(&big);
    assert_eq!(e.line, None);
    assert!(e.message.ends_with("a YAML file may be at most 8 MiB (8388608 bytes)"), "{e}");
    let just_under = format!("{}\n# {}\n", PLAN, "x".repeat(MAX_YAML_BYTES - PLAN.len() - 10));
    assert_eq!(plan_file::parse(&just_under, "plan.yaml").unwrap().goals().count(), 8, "a file at the limit is read");
    let big_csv = format!("indicator,period,value\n{}", "hme,2023,1\n".repeat(MAX_CSV_BYTES / 10));
    let e = outcomes_csv::parse(&big_csv, "u.csv", &ids()).unwrap_err();
    assert!(e.message.ends_with("a CSV file may be at most 64 MiB (67108864 bytes)"), "{e}");
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
    assert_eq!(e.field, "goal_areas[1].kf_goals[0].goals[0].indicators[1].id", "{e}");
    assert_eq!(e.line, Some(line), "the second use is named: {e}");
    assert!(e.message.ends_with("(first on line 284)"), "{e}");
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
    assert_eq!(e.message, "`X1` is not a valid Kolada KPI id; expected a capital letter and five digits, e.g. U23516", "{e}");
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
    assert_eq!(e.message, "unknown level `katastrof`, expected one of `ej`, `delvis`, `hog`, `helt`, `ej_utv`", "{e}");
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
fn an_unterminated_quote_in_a_csv_is_refused_where_it_opened() {
    // Before, the open quote on line 3 swallowed the three rows after it into the note.
    let csv = "indicator,period,gender,value,status,municipality,note\n\
               hme,2021,T,80,final,,\n\
               hme,2022,T,81,final,,\"Ny enkät\n\
               hme,2023,T,82,final,,\n\
               sjukfranvaro,2022,T,8.1,final,,\n\
               sjukfranvaro,2023,T,8.7,final,,\n";
    let e = outcomes_csv::parse(csv, "utfall.csv", &ids()).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(3), "note"), "{e}");
    assert!(e.message.contains("not closed"), "{e}");
    // A quote that opens in an earlier column leaves the row short of values: still named where it opened.
    let csv = "indicator;period;value;note\nhme;\"2023;82;\nhme;2022;81;\n";
    let e = outcomes_csv::parse(csv, "utfall.csv", &ids()).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(2), "period"), "{e}");
    let csv = "period,account,cost_centre,amount,measure\n2024-01,5010,\"110,12,outcome\n2024-02,5010,110,12,outcome\n";
    let e = ledger_csv::parse(csv, "huvudbok.csv").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(2), "cost_centre"), "{e}");
    // Quotes that close, with the delimiter and doubled quotes inside, are read as before.
    let csv = "indicator,period,value,note\nhme,2023,82,\"Källa: \"\"HME\"\", 2023\"\n";
    assert_eq!(outcomes_csv::parse(csv, "u.csv", &ids()).unwrap()[0].note.as_deref(), Some("Källa: \"HME\", 2023"));
    let csv = "indicator,period,value\nhme,2023\n";
    assert_eq!(outcomes_csv::parse(csv, "u.csv", &ids()).unwrap_err().message, "this row has 2 values; the header has 3 columns");
}

#[test]
fn ledger_csv_sums_and_names_errors() {
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
        // The YAML reader refuses numbers that are not finite before the amount check sees them.
        (".nan", "value `.nan` is not a finite number"),
        (".inf", "value `.inf` is not a finite number"),
        ("-.inf", "value `-.inf` is not a finite number"),
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

const EXEMPEL_PLAN: &str = include_str!("../../../demo/exempelkommun-2024-plan.yaml");
const EXEMPEL_FOLLOWUP: &str = include_str!("../../../demo/exempelkommun-2024-followup.yaml");

#[test]
fn followup_references_to_goals_indicators_and_judgements_name_their_line() {
    let plan = plan_file::parse(EXEMPEL_PLAN, "plan.yaml").unwrap();
    assert!(followup_file::parse_for_plan(EXEMPEL_FOLLOWUP, "followup.yaml", &plan).is_ok());
    let line_of = |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (from, to, field, message) in [
        (
            "goal: kf-ekonomi",
            "goal: kf-okand",
            "assessments[4].goal",
            "no goal (målområde, KF-mål or nämndmål) with id `kf-okand` in the plan",
        ),
        ("indicator: sjukfranvaro,", "indicator: sjuktal,", "indicators[6].indicator", "no indicator with id `sjuktal` in the plan"),
        (
            "judgement: ej-accepterat }",
            "judgement: dalig }",
            "indicators[4].judgement",
            "unknown level `dalig`, expected one of the indicator scale's `ej-accepterat`, `nara`, `inget-varde`",
        ),
        (
            "trend: ökad }",
            "trend: uppåt }",
            "indicators[2].trend",
            "unknown value `uppåt`, expected one of `ökad`, `minskad`, `oförändrad`",
        ),
    ] {
        let text = EXEMPEL_FOLLOWUP.replacen(from, to, 1);
        let e = followup_file::parse_for_plan(&text, "followup.yaml", &plan).unwrap_err();
        assert_eq!((e.field.as_str(), e.line), (field, Some(line_of(&text, to))), "{e}");
        assert!(e.message.contains(message), "{e}");
    }
}

#[test]
fn outcomes_take_sub_year_periods_regi_and_alla() {
    let ids: BTreeSet<String> = ["h".to_string()].into();
    let csv = "indicator,period,gender,value,regi\nh,2024-T2,Alla,5,\nh,2024-T2,T,6,egen\nh,2024-Q3,T,7,extern\nh,2024-H1,K,8,\nh,2024-M08,T,9,\n";
    let o = outcomes_csv::parse(csv, "u.csv", &ids).unwrap();
    assert_eq!(o[0].gender, styr_domain::Gender::T, "Alla is the total");
    assert_eq!((o[1].regi, o[2].regi), (Some(styr_domain::Regi::Egen), Some(styr_domain::Regi::Extern)));
    assert_eq!(o[4].period, styr_domain::Period::Month { year: 2024, month: 8 });
    assert_eq!(outcomes_csv::parse(&outcomes_csv::write(&o), "w.csv", &ids).unwrap(), o);
    let e = outcomes_csv::parse("indicator,period,value,regi\nh,2024,1,privat\n", "u.csv", &ids).unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(2), "regi"), "{e}");
    let e = outcomes_csv::parse("indicator,period,value,regi\nh,2024-T2,1,egen\nh,2024-T2,2,egen\n", "u.csv", &ids).unwrap_err();
    assert_eq!(e.line, Some(3), "the same regi twice: {e}");
    assert!(outcomes_csv::parse("indicator,period,value,regi\nh,2024-T2,1,egen\nh,2024-T2,2,\n", "u.csv", &ids).is_ok());
}

#[test]
fn typed_delar_fields_are_located_when_broken() {
    let text = include_str!("../../styr-store/tests/fixtures/typed-delar-economics.yaml");
    let parse = |from: &str, to: &str| {
        assert!(text.contains(from), "{from} is not in the fixture");
        economics_file::parse(&text.replacen(from, to, 1), "typed.yaml").unwrap_err()
    };
    let e = parse("forecast_deviation_percent: { t2: -3.3 }", "forecast_deviation_percent: { t2: .nan }");
    assert_eq!(e.field, "amounts[1].forecast_deviation_percent.t2", "{e}");
    let e = parse("forecast_change: { t2: -1000 }", "forecast_change: { t2: .inf }");
    assert_eq!((e.field.as_str(), e.line), ("amounts[1].forecast_change.t2", Some(37)), "{e}");
    let e = parse("period_outcome: 120,", "period_outcome: 1e300,");
    assert_eq!(e.field, "investments[0].period_outcome", "{e}");
    let e = parse("period: \"2025-08\", forecast: 480", "period: \"2025-13\", forecast: 480");
    assert!(e.field.starts_with("investments[0]"), "{e}");
    let e = parse("previous_outcome: 40,", "previous_outcome: .nan,");
    assert_eq!(e.field, "volumes[1].previous_outcome", "{e}");
    let e = parse("effect_this_year: 800", "effect_this_year: .inf");
    assert_eq!(e.field, "actions[0].effect_this_year", "{e}");
    let e = parse("{ round: t2, status: pågår, comment: Nytt", "{ round: t2, status: halvvägs, comment: Nytt");
    assert!(e.field.starts_with("actions[0].followups[1]"), "{e}");
    assert!(e.to_string().contains("pågår"), "the allowed values are named: {e}");
    let e = parse("{ round: t1, status: ej_påbörjat }", "{ round: t2, status: ej_påbörjat }");
    assert_eq!(e.field, "actions[0].followups[1].round", "{e}");
    assert!(e.to_string().contains("round `t2` is given twice"), "{e}");
    // Per-round fields of a line need a year: its budget or forecast_year.
    let e = parse("  - line: netto\n    budget: { \"2025\": -68001 }", "  - line: netto\n    forecast_change: { t2: 5 }");
    assert_eq!(e.field, "amounts[3].forecast_change", "{e}");
    assert!(e.to_string().contains("needs forecast_year or a budget"), "{e}");
}

#[test]
fn an_uppdrag_may_name_a_goal_of_any_level_and_an_unknown_one_is_located() {
    let text = include_str!("../../../demo/exempelkommun-2024-plan.yaml");
    for goal in ["livskvalitet", "kf-trygg-omsorg", "digital-tillganglighet"] {
        let linked = text.replacen("    goal: trygg-aldreomsorg\n", &format!("    goal: {goal}\n"), 1);
        let plan = plan_file::parse(&linked, "plan.yaml").unwrap_or_else(|e| panic!("{goal}: {e}"));
        assert_eq!(plan.commissions[0].goal.as_deref(), Some(goal));
    }
    let unknown = text.replacen("    goal: trygg-aldreomsorg\n", "    goal: kf-okand\n", 1);
    let line = unknown[..unknown.find("    goal: kf-okand").unwrap()].lines().count() + 1;
    let e = plan_file::parse(&unknown, "plan.yaml").unwrap_err();
    assert_eq!((e.line, e.field.as_str()), (Some(line), "commissions[0].goal"), "{e}");
    assert!(e.message.contains("kf-okand"), "{e}");
}
