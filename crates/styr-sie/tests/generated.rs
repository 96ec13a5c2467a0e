//! The demo generator: exact row count, determinism, balanced vouchers, and #PSALDO / #RES / #UB
//! that agree with the vouchers.

use std::collections::BTreeMap;

use styr_sie::generate::{GenerateOptions, demo_sie, write_demo_sie};
use styr_sie::*;

fn opts(transactions: u64, months: u8, cost_centres: usize, seed: u64) -> GenerateOptions {
    GenerateOptions { transactions, months, cost_centres, seed, year: 2025 }
}

/// Checks that hold for every generated file.
fn check_consistent(o: &GenerateOptions) -> SieDocument {
    let bytes = demo_sie(o).unwrap();
    let doc = parse_bytes(&bytes, Options::default()).unwrap();
    assert!(doc.warnings.is_empty());
    assert_eq!(doc.row_count() as u64, o.transactions, "exactly N #TRANS rows");
    assert_eq!(doc.header.sie_type, Some(4));
    assert_eq!(doc.header.format.as_deref(), Some("PC8"));
    assert_eq!(doc.objects.keys().filter(|k| k.0 == 1).count(), o.cost_centres);
    for v in &doc.vouchers {
        assert_eq!(v.balance(), Some(0), "voucher {} {} balances", v.series, v.number);
        assert!(v.rows.len() >= 2);
        assert!(v.date.month() <= o.months);
    }

    // #PSALDO per cost centre and per account equals the voucher sums (result accounts).
    let sums = doc.monthly_transaction_sums(1).unwrap();
    assert_eq!(sums.rows_outside_years, 0);
    let psaldo = doc.period_values(PeriodKind::Balance, 1).unwrap();
    assert_eq!(psaldo.rows_other_objects, 0);
    let mut from_vouchers: BTreeMap<(Period, String, Option<String>), i64> = BTreeMap::new();
    let mut account_totals: BTreeMap<(Period, String), i64> = BTreeMap::new();
    for (k, v) in &sums.sums {
        assert_eq!(k.year, Some(0));
        if k.account.starts_with(['1', '2']) {
            assert_eq!(k.object, None, "balance rows carry no cost centre");
            continue;
        }
        assert!(k.object.is_some(), "every result row has a cost centre");
        from_vouchers.insert((k.period, k.account.clone(), k.object.clone()), *v);
        *account_totals.entry((k.period, k.account.clone())).or_insert(0) += v;
    }
    let mut from_psaldo = BTreeMap::new();
    for (k, v) in &psaldo.values {
        assert_eq!(k.year, 0);
        match &k.object {
            Some(_) => {
                from_psaldo.insert((k.period, k.account.clone(), k.object.clone()), *v);
            }
            None => assert_eq!(account_totals.get(&(k.period, k.account.clone())), Some(v), "{{}} row {k:?}"),
        }
    }
    assert_eq!(from_psaldo, from_vouchers);

    // #RES is the year's sum per account; #UB = #IB + movements.
    let mut per_account: BTreeMap<&str, i64> = BTreeMap::new();
    for (k, v) in &sums.sums {
        *per_account.entry(k.account.as_str()).or_insert(0) += v;
    }
    for r in &doc.results {
        assert_eq!(per_account.get(r.account.as_str()), Some(&r.amount), "#RES {}", r.account);
    }
    assert_eq!(doc.results.len(), per_account.keys().filter(|a| !a.starts_with(['1', '2'])).count());
    for ub in doc.closing_balances.iter().filter(|b| b.year == 0) {
        let ib = doc.opening_balances.iter().find(|b| b.account == ub.account && b.year == 0).unwrap();
        let moved = per_account.get(ub.account.as_str()).copied().unwrap_or(0);
        assert_eq!(ub.amount, ib.amount + moved, "#UB {}", ub.account);
    }

    // Budgets for the whole year, for every cost centre.
    let budget = doc.period_values(PeriodKind::Budget, 1).unwrap();
    let months: std::collections::BTreeSet<u8> = budget.values.keys().map(|k| k.period.month()).collect();
    assert_eq!(months.len(), 12);
    let ccs: std::collections::BTreeSet<&str> = budget.values.keys().filter_map(|k| k.object.as_deref()).collect();
    assert_eq!(ccs.len(), o.cost_centres);
    doc
}

#[test]
fn default_sized_file_is_consistent() {
    let doc = check_consistent(&opts(20_000, 12, 100, 42));
    assert_eq!(doc.header.company_name.as_deref(), Some("Demo kommun Vård- och omsorgsnämnden"));
    assert_eq!(doc.header.orgnr.as_deref(), Some("212000-0000"));
    assert_eq!(doc.fiscal_years.len(), 2);
    assert_eq!(doc.dimensions[&1].name, "Ansvar");
    assert!(doc.objects.values().any(|n| n == "Särskilt boende Åsen"));
    assert!(doc.objects.values().any(|n| n.starts_with("Daglig verksamhet LSS")));
    assert_eq!(doc.accounts["5010"].name.as_deref(), Some("Löner månadsavlönade"));
    assert_eq!(doc.accounts["3500"].kind, Some(AccountType::Revenue));

    // Seasonality: hourly-paid substitutes and holiday pay peak in July.
    let sums = doc.monthly_transaction_sums(1).unwrap();
    let month_total = |account: &str, month: u8| -> i64 {
        sums.sums.iter().filter(|(k, _)| k.account == account && k.period.month() == month).map(|(_, v)| v).sum()
    };
    assert!(month_total("5060", 7) > 2 * month_total("5060", 3));
    assert!(month_total("5070", 7) > 5 * month_total("5070", 3));
    assert!(month_total("5010", 7) < month_total("5010", 3));
    assert!(month_total("6140", 1) > 2 * month_total("6140", 7));
    assert_eq!(month_total("3500", 4), 0);
    assert!(month_total("3500", 3) < 0, "grants are revenue (credit)");
}

#[test]
fn part_year_and_small_files_are_consistent() {
    check_consistent(&opts(5_000, 8, 30, 7));
    check_consistent(&opts(2, 1, 1, 1));
    check_consistent(&opts(3, 12, 5, 2));
    check_consistent(&opts(57, 12, 100, 3));
    check_consistent(&opts(1_001, 5, 9, 4));
}

#[test]
fn deterministic() {
    let o = opts(3_000, 12, 40, 42);
    let a = demo_sie(&o).unwrap();
    assert_eq!(a, demo_sie(&o).unwrap());
    assert_ne!(a, demo_sie(&GenerateOptions { seed: 43, ..o.clone() }).unwrap());
    let mut sink = Vec::new();
    let summary = write_demo_sie(&mut sink, &o).unwrap();
    assert_eq!(sink, a);
    assert_eq!(summary.bytes, a.len() as u64);
    assert_eq!(summary.trans_rows, 3_000);
    assert_eq!(summary.lines, a.split(|&b| b == b'\n').count() as u64 - 1);
}
