//! Every record kind, read through both the streaming reader and parse_bytes.

use styr_sie::*;

/// The one record of `line` (given with its line end).
fn one(line: &str) -> Record {
    let line = format!("{line}\n");
    let mut r = SieReader::new(line.as_bytes(), Options::default());
    let rec = r.next().expect("a record").expect("no error");
    assert!(r.next().is_none(), "exactly one record from {line:?}");
    rec
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn obj(dim: u32, code: &str) -> ObjectRef {
    ObjectRef { dim, code: code.into() }
}

#[test]
fn identification_records() {
    assert_eq!(one("#FLAGGA 0"), Record::Flagga(0));
    assert_eq!(
        one("#PROGRAM \"Visma Förvaltning\" 7.2"),
        Record::Program { name: "Visma Förvaltning".into(), version: Some("7.2".into()) }
    );
    assert_eq!(one("#PROGRAM Raindance"), Record::Program { name: "Raindance".into(), version: None });
    assert_eq!(one("#FORMAT PC8"), Record::Format("PC8".into()));
    assert_eq!(one("#GEN 20250905"), Record::Gen { date: d("20250905"), sign: None });
    assert_eq!(one("#GEN 20250905 \"Anna A\""), Record::Gen { date: d("20250905"), sign: Some("Anna A".into()) });
    assert_eq!(one("#SIETYP 4"), Record::SieTyp(4));
    assert_eq!(one("#PROSA \"Export för delår\""), Record::Prosa("Export för delår".into()));
    assert_eq!(one("#FTYP KOMMUN"), Record::Ftyp("KOMMUN".into()));
    assert_eq!(one("#FNR VON"), Record::Fnr("VON".into()));
    assert_eq!(one("#ORGNR 212000-0142"), Record::Orgnr { orgnr: "212000-0142".into(), acquisition: None, activity: None });
    assert_eq!(
        one("#ORGNR 212000-0142 2 7"),
        Record::Orgnr { orgnr: "212000-0142".into(), acquisition: Some("2".into()), activity: Some("7".into()) }
    );
    assert_eq!(
        one("#ADRESS \"Eva Ek\" \"Box 1\" \"123 45 Ort\" \"010-1\""),
        Record::Adress(Address { contact: "Eva Ek".into(), street: "Box 1".into(), postal: "123 45 Ort".into(), phone: "010-1".into() })
    );
    assert_eq!(one("#ADRESS \"Eva Ek\""), Record::Adress(Address { contact: "Eva Ek".into(), ..Default::default() }));
    assert_eq!(one("#FNAMN \"Vård- och omsorgsnämnden\""), Record::Fnamn("Vård- och omsorgsnämnden".into()));
    assert_eq!(one("#RAR -1 20240101 20241231"), Record::Rar(FiscalYear { year: -1, start: d("20240101"), end: d("20241231") }));
    assert_eq!(one("#TAXAR 2026"), Record::Taxar(2026));
    assert_eq!(one("#OMFATTN 20250831"), Record::Omfattn(d("20250831")));
    assert_eq!(one("#KPTYP BAS2014"), Record::Kptyp("BAS2014".into()));
    assert_eq!(one("#VALUTA SEK"), Record::Valuta("SEK".into()));
}

#[test]
fn chart_records() {
    assert_eq!(one("#KONTO 3010 \"Försäljning\""), Record::Konto { account: "3010".into(), name: "Försäljning".into() });
    assert_eq!(one("#KONTO 3010 \"\""), Record::Konto { account: "3010".into(), name: "".into() });
    assert_eq!(one("#KTYP 1930 T"), Record::Ktyp { account: "1930".into(), kind: AccountType::Asset });
    assert_eq!(one("#KTYP 2440 S"), Record::Ktyp { account: "2440".into(), kind: AccountType::Liability });
    assert_eq!(one("#KTYP 5010 K"), Record::Ktyp { account: "5010".into(), kind: AccountType::Cost });
    assert_eq!(one("#KTYP 3110 I"), Record::Ktyp { account: "3110".into(), kind: AccountType::Revenue });
    assert_eq!(one("#ENHET 4610 kg"), Record::Enhet { account: "4610".into(), unit: "kg".into() });
    assert_eq!(one("#SRU 1930 7281"), Record::Sru { account: "1930".into(), code: "7281".into() });
    assert_eq!(one("#DIM 1 \"Ansvar\""), Record::Dim(Dimension { number: 1, name: "Ansvar".into(), parent: None }));
    assert_eq!(one("#UNDERDIM 21 \"Avdelning\" 1"), Record::Underdim(Dimension { number: 21, name: "Avdelning".into(), parent: Some(1) }));
    assert_eq!(
        one("#OBJEKT 1 \"1101\" \"Hemtjänst Norr\""),
        Record::Objekt(Object { dim: 1, code: "1101".into(), name: "Hemtjänst Norr".into() })
    );
    assert_eq!(one("#OBJEKT 6 P42 Projekt42"), Record::Objekt(Object { dim: 6, code: "P42".into(), name: "Projekt42".into() }));
}

#[test]
fn balance_records() {
    let b = |year, account: &str, amount, quantity: Option<&str>| Balance {
        year,
        account: account.into(),
        amount,
        quantity: quantity.map(Into::into),
    };
    assert_eq!(one("#IB 0 1930 123456.78"), Record::Ib(b(0, "1930", 12_345_678, None)));
    assert_eq!(one("#UB -1 2440 -5000"), Record::Ub(b(-1, "2440", -500_000, None)));
    assert_eq!(one("#RES 0 3110 -41000.00 12.5"), Record::Res(b(0, "3110", -4_100_000, Some("12.5"))));
    let ob = |objects, amount| ObjectBalance { year: 0, account: "1510".into(), objects, amount, quantity: None };
    assert_eq!(one("#OIB 0 1510 {1 \"1101\"} 100"), Record::Oib(ob(vec![obj(1, "1101")], 10_000)));
    assert_eq!(one("#OUB 0 1510 {} -0.07"), Record::Oub(ob(vec![], -7)));
}

#[test]
fn period_records() {
    let pa = |objects, amount, quantity: Option<&str>| PeriodAmount {
        year: 0,
        period: p("201608"),
        account: "1920".into(),
        objects,
        amount,
        quantity: quantity.map(Into::into),
        line: 1,
    };
    assert_eq!(one("#PBUDGET 0 201608 1920 {} 100 1"), Record::Pbudget(pa(vec![], 10_000, Some("1"))));
    assert_eq!(one("#PSALDO 0 201608 1920 {} 100 1"), Record::Psaldo(pa(vec![], 10_000, Some("1"))));
    assert_eq!(one("#PSALDO 0 201608 1920 {1 \"100\" 6 \"P42\"} -1.5"), Record::Psaldo(pa(vec![obj(1, "100"), obj(6, "P42")], -150, None)));
}

#[test]
fn voucher_with_all_row_kinds() {
    let text = "#VER A 12 20250314 \"Faktura 4711 \\\"Måltid\\\"\" 20250316 \"Kalle\"\n\
                {\n\
                \t#TRANS 4610 {1 \"1203\"} 1000.00 20250313 \"Livsmedel\" 3 \"Kalle\"\n\
                \t#BTRANS 4610 {1 \"1203\"} 500.00 \"\" \"fel ställe\"\n\
                \t#RTRANS 4610 {1 \"1204\"} 500.00\n\
                \t#TRANS 4610 {1 \"1204\"} 500.00\n\
                \t#TRANS 2440 {} -1500.00\n\
                }\n";
    let Record::Voucher(v) = one(text) else { panic!("not a voucher") };
    assert_eq!((v.series.as_str(), v.number.as_str(), v.date, v.line), ("A", "12", d("20250314"), 1));
    assert_eq!(v.text.as_deref(), Some("Faktura 4711 \"Måltid\""));
    assert_eq!(v.reg_date, Some(d("20250316")));
    assert_eq!(v.sign.as_deref(), Some("Kalle"));
    assert_eq!(v.rows.len(), 5);
    let r0 = &v.rows[0];
    assert_eq!(
        (r0.kind, r0.account.as_str(), r0.amount, r0.date, r0.text.as_deref(), r0.quantity.as_deref(), r0.sign.as_deref(), r0.line),
        (TransKind::Trans, "4610", 100_000, Some(d("20250313")), Some("Livsmedel"), Some("3"), Some("Kalle"), 3)
    );
    assert_eq!(r0.objects, vec![obj(1, "1203")]);
    assert_eq!((v.rows[1].kind, v.rows[1].date, v.rows[1].text.as_deref()), (TransKind::Removed, None, Some("fel ställe")));
    assert_eq!(v.rows[2].kind, TransKind::Added);
    assert!(v.rows[3].rtrans_copy, "the #TRANS after #RTRANS is its copy");
    assert!(!v.rows[4].rtrans_copy);
    let counted: Vec<usize> = v.counted_rows().map(|r| r.line).collect();
    assert_eq!(counted, vec![3, 5, 7]);
    assert_eq!(v.balance(), Some(0));
    assert_eq!(v.row_date(&v.rows[0]), d("20250313"));
    assert_eq!(v.row_date(&v.rows[2]), d("20250314"));
}

#[test]
fn rtrans_without_copy_counts_once_and_differing_trans_counts_too() {
    let text = "#VER A 1 20250101\n{\n#RTRANS 5010 {} 10\n#TRANS 5010 {} 11\n#TRANS 1930 {} -21\n}\n";
    let Record::Voucher(v) = one(text) else { panic!() };
    assert!(!v.rows[1].rtrans_copy, "a different amount is not the copy");
    assert_eq!(v.balance(), Some(0));
    let text = "#VER A 1 20250101\n{\n#RTRANS 5010 {} 10\n#TRANS 1930 {} -10\n}\n";
    let Record::Voucher(v) = one(text) else { panic!() };
    assert_eq!(v.balance(), Some(0));
    assert!(v.rows.iter().all(|r| r.counts()));
}

#[test]
fn object_lists_in_all_forms() {
    let objs = |line: &str| match one(&format!("#VER A 1 20250101\n{{\n{line}\n}}\n")) {
        Record::Voucher(v) => v.rows[0].objects.clone(),
        _ => panic!(),
    };
    assert_eq!(objs("#TRANS 1910 {} 1"), vec![]);
    assert_eq!(objs("#TRANS 1910 { } 1"), vec![]);
    assert_eq!(objs("#TRANS 1910 {\t} 1"), vec![]);
    assert_eq!(objs("#TRANS 1910 {1 \"100\" 6 \"P42\"} 1"), vec![obj(1, "100"), obj(6, "P42")]);
    assert_eq!(objs("#TRANS 1910 {\"1\" \"654321\" \"6\" \"665829\"} 1"), vec![obj(1, "654321"), obj(6, "665829")]);
    assert_eq!(objs("#TRANS 1910 {1 100} 1"), vec![obj(1, "100")]);
    assert_eq!(objs("#TRANS 1910 { 1 \"Hemtjänst Norr\" } 1"), vec![obj(1, "Hemtjänst Norr")]);
    assert_eq!(objs("#TRANS 1910 {1 \"a \\\"b\\\"\"} 1"), vec![obj(1, "a \"b\"")]);
    assert_eq!(object_in_dim(&[obj(1, "100"), obj(6, "P42")], 6), Some("P42"));
    assert_eq!(object_in_dim(&[obj(1, "100")], 6), None);
}

#[test]
fn quoted_fields_with_spaces_and_escapes() {
    assert_eq!(one("#FNAMN \"Bra kund AB\""), Record::Fnamn("Bra kund AB".into()));
    assert_eq!(one("#FNAMN \"\""), Record::Fnamn("".into()));
    assert_eq!(one(r#"#FNAMN "Säg \"hej\"""#), Record::Fnamn("Säg \"hej\"".into()));
    assert_eq!(one(r#"#FNAMN "a\\b""#), Record::Fnamn("a\\b".into()));
    assert_eq!(one(r#"#FNAMN "C:\sie\fil""#), Record::Fnamn(r"C:\sie\fil".into()));
    assert_eq!(one("#FNAMN\t\"två\tflikar\""), Record::Fnamn("två\tflikar".into()));
    assert_eq!(
        one("#KONTO \"3010\" \"Försäljning { inom } kommunen\""),
        Record::Konto { account: "3010".into(), name: "Försäljning { inom } kommunen".into() }
    );
}

#[test]
fn layout_tolerance() {
    let text = "\u{feff}#FLAGGA 0\r\n\r\n   #konto 3010 Intäkter   \r\n\t\n#VER \"\" \"\" 20250101\r\n\r\n{\r\n\r\n  #TRANS 3010 {} -1\r\n  #TRANS 1930 {} 1\r\n}\r\n\x1a";
    let doc = parse_bytes(text.as_bytes(), Options::default()).unwrap();
    assert_eq!(doc.header.flag, Some(0));
    assert_eq!(doc.accounts["3010"].name.as_deref(), Some("Intäkter"));
    assert_eq!(doc.vouchers.len(), 1);
    assert_eq!((doc.vouchers[0].series.as_str(), doc.vouchers[0].number.as_str()), ("", ""));
    assert_eq!(doc.vouchers[0].rows[1].line, 10);
    assert_eq!(doc.lines, 12);
}

#[test]
fn unknown_labels_are_counted() {
    let text = "#FLAGGA 0\n#BKOD 8810\n#FOO 1\n#BKOD 8811\n#VER A 1 20250101\n{\n#XTRANS 1 2 3\n#TRANS 1 {} 0\n}\n";
    let doc = parse_bytes(text.as_bytes(), Options::default()).unwrap();
    let w: Vec<(&str, u64, usize)> = doc.warnings.iter().map(|w| (w.label.as_str(), w.count, w.first_line)).collect();
    assert_eq!(w, vec![("#BKOD", 2, 2), ("#FOO", 1, 3), ("#XTRANS", 1, 7)]);
}

#[test]
fn extra_fields_are_ignored() {
    assert_eq!(one("#KONTO 3010 Intäkt extra fält"), Record::Konto { account: "3010".into(), name: "Intäkt".into() });
}

const SAMPLE: &str = "#FLAGGA 0
#KSUMMA
#PROGRAM \"Test\" 1.0
#FORMAT PC8
#GEN 20250905
#SIETYP 4
#FNAMN \"Demo kommun\"
#ORGNR 212000-0000
#RAR 0 20250101 20251231
#RAR -1 20240101 20241231
#KONTO 1930 \"Bank\"
#KONTO 5010 \"Löner\"
#KTYP 5010 K
#SRU 1930 7281
#SRU 1930 7282
#DIM 1 \"Ansvar\"
#UNDERDIM 21 \"Enhet\" 1
#OBJEKT 1 \"1101\" \"Hemtjänst Norr\"
#OBJEKT 1 \"1102\" \"Hemtjänst Söder\"
#IB 0 1930 1000
#UB 0 1930 900
#RES 0 5010 100
#OIB 0 1930 {1 \"1101\"} 10
#OUB 0 1930 {1 \"1101\"} 20
#PSALDO 0 202501 5010 {} 100
#PSALDO 0 202501 5010 {1 \"1101\"} 60
#PSALDO 0 202501 5010 {1 \"1102\"} 40
#PSALDO 0 202501 5010 {6 \"P1\"} 40
#PSALDO 0 202501 5010 {1 \"1102\" 6 \"P1\"} 40
#PBUDGET 0 202501 5010 {1 \"1101\"} 55
#PBUDGET 0 202502 5010 {1 \"1101\"} 55
#VER L 1 20250125 \"Lön januari\"
{
#TRANS 5010 {1 \"1101\"} 60
#TRANS 5010 {1 \"1102\" 6 \"P1\"} 40
#TRANS 1930 {} -100
}
#VER L 2 20250210
{
#TRANS 5010 {1 \"1101\"} 7 20250131
#BTRANS 5010 {1 \"1101\"} 1000
#RTRANS 5010 {1 \"1102\"} 3
#TRANS 5010 {1 \"1102\"} 3
#TRANS 1930 {} -10
}
#VER L 3 20230105
{
#TRANS 5010 {} 5
#TRANS 1930 {} -5
}
#KSUMMA 2636976945
";

#[test]
fn whole_document() {
    let doc = parse_bytes(SAMPLE.as_bytes(), Options::default()).unwrap();
    assert_eq!(doc.header.program.as_deref(), Some("Test"));
    assert_eq!(doc.header.format.as_deref(), Some("PC8"));
    assert_eq!(doc.header.sie_type, Some(4));
    assert_eq!(doc.header.company_name.as_deref(), Some("Demo kommun"));
    assert_eq!(doc.header.orgnr.as_deref(), Some("212000-0000"));
    assert_eq!(doc.header.checksums, vec![2_636_976_945]);
    assert_eq!(doc.checksum, Some(2_636_976_945));
    assert_eq!(doc.fiscal_years.len(), 2);
    assert_eq!(doc.fiscal_year(-1).unwrap().start, Date::parse("20240101").unwrap());
    assert_eq!(doc.accounts["5010"].kind, Some(AccountType::Cost));
    assert_eq!(doc.accounts["1930"].sru, vec!["7281", "7282"]);
    assert_eq!(doc.dimensions[&21].parent, Some(1));
    assert_eq!(doc.objects[&(1, "1102".to_string())], "Hemtjänst Söder");
    assert_eq!((doc.opening_balances.len(), doc.closing_balances.len(), doc.results.len()), (1, 1, 1));
    assert_eq!((doc.object_opening_balances.len(), doc.object_closing_balances.len()), (1, 1));
    assert_eq!((doc.period_balances.len(), doc.period_budgets.len()), (5, 2));
    assert_eq!(doc.vouchers.len(), 3);
    assert_eq!(doc.row_count(), 10);
    assert!(doc.warnings.is_empty());

    // The streaming reader yields the same records.
    let streamed: Vec<Record> = SieReader::new(SAMPLE.as_bytes(), Options::default()).map(Result::unwrap).collect();
    let mut again = SieDocument::default();
    for r in streamed {
        again.push(r);
    }
    assert_eq!(again.vouchers, doc.vouchers);
    assert_eq!(again.period_balances, doc.period_balances);
}

#[test]
fn monthly_sums_from_vouchers() {
    let key = |year: Option<i32>, period: &str, account: &str, object: Option<&str>| SumKey {
        year,
        period: p(period),
        account: account.into(),
        object: object.map(Into::into),
    };
    let stream = SieReader::new(SAMPLE.as_bytes(), Options::default());
    let sums = monthly_transaction_sums(stream, 1).unwrap();
    let doc = parse_bytes(SAMPLE.as_bytes(), Options::default()).unwrap();
    assert_eq!(doc.monthly_transaction_sums(1).unwrap(), sums);
    let expected = [
        (key(Some(0), "202501", "5010", Some("1101")), 6000 + 700),
        (key(Some(0), "202501", "5010", Some("1102")), 4000),
        (key(Some(0), "202501", "1930", None), -10_000),
        (key(Some(0), "202502", "5010", Some("1102")), 300),
        (key(Some(0), "202502", "1930", None), -1000),
        (key(None, "202301", "5010", None), 500),
        (key(None, "202301", "1930", None), -500),
    ];
    assert_eq!(sums.sums, expected.into_iter().collect());
    assert_eq!(sums.rows_counted, 8);
    assert_eq!(sums.rows_removed, 1);
    assert_eq!(sums.rows_rtrans_copies, 1);
    assert_eq!(sums.rows_outside_years, 2);

    // By project instead: dimension 6.
    let by_project = doc.monthly_transaction_sums(6).unwrap();
    assert_eq!(by_project.sums[&key(Some(0), "202501", "5010", Some("P1"))], 4000);
    assert_eq!(by_project.sums[&key(Some(0), "202501", "5010", None)], 6700);
}

#[test]
fn period_values_per_object() {
    let key = |period: &str, object: Option<&str>| PeriodKey {
        year: 0,
        period: p(period),
        account: "5010".into(),
        object: object.map(Into::into),
    };
    let doc = parse_bytes(SAMPLE.as_bytes(), Options::default()).unwrap();
    let actual = period_values(SieReader::new(SAMPLE.as_bytes(), Options::default()), PeriodKind::Balance, 1).unwrap();
    assert_eq!(actual, doc.period_values(PeriodKind::Balance, 1).unwrap());
    assert_eq!(
        actual.values,
        [(key("202501", None), 10_000), (key("202501", Some("1101")), 6000), (key("202501", Some("1102")), 4000)].into_iter().collect()
    );
    assert_eq!((actual.rows_used, actual.rows_other_objects), (3, 2));
    let budget = doc.period_values(PeriodKind::Budget, 1).unwrap();
    assert_eq!(budget.values.len(), 2);
    assert_eq!(budget.values[&key("202502", Some("1101"))], 5500);
    let by_project = doc.period_values(PeriodKind::Balance, 6).unwrap();
    assert_eq!(by_project.values[&key("202501", Some("P1"))], 4000);
    assert_eq!(by_project.rows_other_objects, 3);
}

#[test]
fn year_index_by_date_and_by_month_when_rar_comes_late() {
    // A broken financial year (1 May – 30 April): rows are placed by their date.
    let text = "#RAR 0 20240501 20250430\n#RAR -1 20230501 20240430\n\
                #VER A 1 20240430\n{\n#TRANS 5010 {} 1\n#TRANS 5010 {} 2 20240501\n#TRANS 1930 {} -3\n}\n\
                #VER A 2 20250501\n{\n#TRANS 5010 {} 4\n#TRANS 1930 {} -4\n}\n";
    let sums = monthly_transaction_sums(SieReader::new(text.as_bytes(), Options::default()), 1).unwrap();
    let year_of = |period: &str, account: &str| sums.sums.keys().find(|k| k.period == p(period) && k.account == account).map(|k| k.year);
    assert_eq!(year_of("202404", "5010"), Some(Some(-1)));
    assert_eq!(year_of("202405", "5010"), Some(Some(0)));
    assert_eq!(year_of("202505", "5010"), Some(None));
    assert_eq!(sums.rows_outside_years, 2);

    // #RAR after the vouchers (not standard): placed by month at the end.
    let late = "#VER A 1 20240315\n{\n#TRANS 5010 {} 1\n#TRANS 1930 {} -1\n}\n#RAR 0 20240101 20241231\n";
    let sums = monthly_transaction_sums(SieReader::new(late.as_bytes(), Options::default()), 1).unwrap();
    assert!(sums.sums.keys().all(|k| k.year == Some(0)));
    assert_eq!(sums.rows_outside_years, 0);
}
