use std::collections::BTreeMap;

use styr_domain::Amount;
use styr_domain::economics::{LedgerAmount, Measure};
use styr_domain::ledger_mapping::{CodeRange, CostCentreRule, LedgerMapping, MappedRow};
use styr_domain::org::OrgUnit;
use styr_economics::{LedgerView, net_cost_development, operating_statement, per_activity, propose_forecast};

fn range(s: &str) -> CodeRange {
    CodeRange::try_from(s.to_string()).unwrap()
}

fn mapping() -> LedgerMapping {
    LedgerMapping {
        cost_centre_dimension: 1,
        rows: vec![
            MappedRow { id: "intakter".into(), label: "Verksamhetens intäkter".into(), accounts: vec![range("3000-3999")] },
            MappedRow { id: "personal".into(), label: "Personalkostnader".into(), accounts: vec![range("5000-5999")] },
        ],
        cost_centres: vec![
            CostCentreRule { codes: vec![range("100-199")], org_unit: "hemtjanst".into() },
            CostCentreRule { codes: vec![range("200-299")], org_unit: "boende".into() },
        ],
    }
}

fn org() -> Vec<OrgUnit> {
    let leaf = |id: &str, name: &str| OrgUnit {
        id: id.into(),
        name: name.into(),
        kind: "enhet".into(),
        regi: None,
        kolada_ou: None,
        children: vec![],
    };
    vec![OrgUnit {
        id: "von".into(),
        name: "Nämnden".into(),
        kind: "nämnd".into(),
        regi: None,
        kolada_ou: None,
        children: vec![leaf("hemtjanst", "Hemtjänst"), leaf("boende", "Särskilt boende")],
    }]
}

fn kr(v: i64) -> Amount {
    Amount::from_ore(v * 100)
}

fn entry(year: i32, month: u32, account: &str, cc: &str, measure: Measure, kr_amount: i64) -> LedgerAmount {
    LedgerAmount { year, month, account: account.into(), cost_centre: cc.into(), measure, amount: kr(kr_amount) }
}

/// Personnel costs of 100 kr a month with holiday pay of 50 kr extra in July, two years running;
/// revenue of -20 kr (credit) a month. Budget 1 300 kr personnel, -240 kr revenue.
fn ledger() -> Vec<LedgerAmount> {
    let mut l = Vec::new();
    for year in [2023, 2024] {
        for month in 1..=12 {
            let months_booked = if year == 2024 { 8 } else { 12 };
            if month <= months_booked {
                let pay = if month == 7 { 150 } else { 100 };
                l.push(entry(year, month, "5010", "110", Measure::Outcome, pay));
                l.push(entry(year, month, "3110", "210", Measure::Outcome, -20));
            }
            l.push(entry(year, month, "5010", "110", Measure::Budget, if month == 7 { 200 } else { 100 }));
            l.push(entry(year, month, "3110", "210", Measure::Budget, -20));
        }
    }
    l.push(entry(2024, 3, "7990", "110", Measure::Outcome, 9)); // no row maps 7990
    l.push(entry(2024, 3, "5010", "999", Measure::Outcome, 4)); // no rule maps cost centre 999
    l
}

#[test]
fn statement_flips_signs_sums_the_subtree_and_reports_unmapped() {
    let (m, o, l) = (mapping(), org(), ledger());
    let view = LedgerView::new(&m, &o, &l).unwrap();
    let rows = operating_statement(&view, "von", 2024, 8, &BTreeMap::new(), &BTreeMap::new()).unwrap();
    assert_eq!(rows.len(), 3);
    let revenue = &rows[0];
    assert_eq!((revenue.outcome, revenue.budget), (kr(160), kr(240)), "revenue is positive in the report");
    let personnel = &rows[1];
    assert_eq!(personnel.outcome, kr(-850), "Jan–Aug incl. July holiday pay, cost negative");
    assert_eq!(personnel.outcome_previous_year, kr(-850));
    assert_eq!(personnel.budget, kr(-1300));
    let net = &rows[2];
    assert_eq!((net.row_id.as_str(), net.outcome), ("netto", kr(160 - 850)));
    assert_eq!(view.unmapped_accounts.get(&(2024, "7990".to_string())), Some(&kr(9)));
    assert_eq!(view.unmapped_cost_centres.get(&(2024, "999".to_string())), Some(&kr(4)));

    let only_home_care = operating_statement(&view, "hemtjanst", 2024, 8, &BTreeMap::new(), &BTreeMap::new()).unwrap();
    assert_eq!(only_home_care[0].outcome, Amount::ZERO, "revenue is booked on boende");
    assert_eq!(only_home_care[1].outcome, kr(-850));
}

#[test]
fn forecast_deviation_is_positive_when_better_than_budget() {
    let (m, o, l) = (mapping(), org(), ledger());
    let view = LedgerView::new(&m, &o, &l).unwrap();
    let forecasts = BTreeMap::from([("intakter".to_string(), kr(250)), ("personal".to_string(), kr(-1350))]);
    let previous = BTreeMap::from([("intakter".to_string(), kr(240)), ("personal".to_string(), kr(-1300))]);
    let rows = operating_statement(&view, "von", 2024, 8, &forecasts, &previous).unwrap();
    assert_eq!(rows[0].forecast_deviation, Some(kr(10)));
    assert_eq!(rows[1].forecast_deviation, Some(kr(-50)));
    assert_eq!(rows[1].forecast_change, Some(kr(-50)), "prognosförändring since the previous round");
    let pct = rows[1].forecast_deviation_percent.unwrap();
    assert!((pct + 3.846).abs() < 0.01, "{pct}");
    assert_eq!(rows[2].forecast, Some(kr(-1100)));

    let activities = per_activity(&view, &o[0], 2024, 8, |_| Ok(None)).unwrap();
    assert_eq!(activities.len(), 2);
    assert_eq!((activities[0].name.as_str(), activities[0].outcome), ("Hemtjänst", kr(-850)));
    assert_eq!(activities[0].deviation, None, "no forecast mid-year, no deviation");
}

#[test]
fn seasonal_profile_forecast_follows_earlier_years() {
    let (m, o, l) = (mapping(), org(), ledger());
    let view = LedgerView::new(&m, &o, &l).unwrap();
    let p = propose_forecast(&view, "von", 2024, 8, 3).unwrap();
    let personnel = &p[1];
    assert_eq!(personnel.method, "seasonal_profile");
    // 2023: Jan–Aug -850 of -1 250 for the year = 68 %; 2024 year to date -850 → -1 250.
    assert_eq!(personnel.history.len(), 1);
    assert!((personnel.profile_share.unwrap() - 0.68).abs() < 1e-9);
    assert_eq!(personnel.amount, kr(-1250));
    assert!(personnel.explanation().contains("68,0 %"), "{}", personnel.explanation());
    assert!(personnel.explanation().starts_with("Utfall jan–aug "), "{}", personnel.explanation());
    // A linear projection would have said -1 275: the profile knows July's holiday pay is past.
    let first_year = propose_forecast(&view, "von", 2023, 6, 3).unwrap();
    assert_eq!(first_year[1].method, "linear");
    assert_eq!(first_year[1].amount, kr(-1200));
    let december = propose_forecast(&view, "von", 2023, 12, 3).unwrap();
    assert_eq!((december[1].method, december[1].amount), ("outcome", kr(-1250)));
}

#[test]
fn net_cost_development_in_percent() {
    let (m, o, l) = (mapping(), org(), ledger());
    let view = LedgerView::new(&m, &o, &l).unwrap();
    let full_year = net_cost_development(&view, "von", &[2022, 2023], 12).unwrap();
    assert_eq!(full_year, vec![(2023, kr(240 - 1250), None)], "2022 has no ledger and is left out");
    // January–August: 2024 books 10 kr more personnel cost than 2023? No: the same, so 0 %.
    let to_august = net_cost_development(&view, "von", &[2023, 2024], 8).unwrap();
    assert_eq!(to_august[0].1, kr(160 - 850));
    assert_eq!(to_august[1].1, kr(160 - 850));
    assert_eq!(to_august[1].2, Some(0.0));
}

/// The worked example of docs/forecast.md, figure for figure.
#[test]
fn the_documented_worked_example() {
    let tkr = |v: i64| v * 1000;
    let mut l = Vec::new();
    for (year, to_august, full_year) in [(2023, 61_200, 90_000), (2024, 64_300, 95_000)] {
        l.push(entry(year, 8, "5010", "110", Measure::Outcome, tkr(to_august)));
        l.push(entry(year, 12, "5010", "110", Measure::Outcome, tkr(full_year - to_august)));
    }
    l.push(entry(2025, 8, "5010", "110", Measure::Outcome, tkr(66_900)));
    let (m, o) = (mapping(), org());
    let view = LedgerView::new(&m, &o, &l).unwrap();
    let p = &propose_forecast(&view, "hemtjanst", 2025, 8, 3).unwrap()[1];
    assert_eq!(p.method, "seasonal_profile");
    assert_eq!(styr_domain::format_sv::amount(p.amount, styr_domain::economics::MoneyUnit::Tkr, 0), "-98 611");
    let doc = include_str!("../../../docs/forecast.md").replace("\n> ", " ");
    assert!(doc.contains(&p.explanation()), "docs/forecast.md quotes: {}", p.explanation());
}

/// Sums that do not fit in i64 öre are errors that name the sum, never saturated numbers.
#[test]
fn sums_beyond_i64_are_errors_not_saturated() {
    let (m, o) = (mapping(), org());
    let huge = |month: u32, cc: &str| LedgerAmount {
        year: 2024,
        month,
        account: "5010".into(),
        cost_centre: cc.into(),
        measure: Measure::Outcome,
        amount: Amount::from_ore(-(1 << 62)),
    };
    // Two rows in the same cell: the cell itself overflows.
    let err = LedgerView::new(&m, &o, &[huge(1, "110"), huge(1, "120")]).err().expect("cell overflow");
    assert_eq!(
        err.to_string(),
        "the outcome of row personal for 2024-01, node hemtjanst is beyond ±92 233 720 368 547 758,07 kr, more than styr can hold"
    );

    // Each cell fits, their sum over the months does not.
    let l = [huge(1, "110"), huge(2, "110")];
    let view = LedgerView::new(&m, &o, &l).unwrap();
    let err = operating_statement(&view, "von", 2024, 8, &BTreeMap::new(), &BTreeMap::new()).unwrap_err();
    assert!(err.to_string().starts_with("the outcome of row personal for 2024-01..2024-08 under node von is beyond"), "{err}");
    assert!(propose_forecast(&view, "von", 2024, 8, 3).is_err());
    assert!(net_cost_development(&view, "von", &[2024], 8).is_err());
    assert!(per_activity(&view, &o[0], 2024, 8, |_| Ok(None)).is_err());
    // One month alone still works.
    assert_eq!(
        operating_statement(&view, "von", 2024, 1, &BTreeMap::new(), &BTreeMap::new()).unwrap()[1].outcome,
        Amount::from_ore(1 << 62)
    );
}
