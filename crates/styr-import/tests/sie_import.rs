//! The synthetic demo ledger (SIE 4, CP437) imported and reported, checked against sums computed
//! here straight from the file's text, independently of the SIE reader and the report code.

use std::collections::BTreeMap;

use styr_domain::Amount;
use styr_economics::{LedgerView, operating_statement, per_activity};
use styr_store::{Actor, Store};

use styr_demo::{DEMO_KOMMUN_LEDGERS, DEMO_KOMMUN_MAPPING, DEMO_KOMMUN_PLAN};
use styr_import::ImportOptions;

const PLAN: &str = DEMO_KOMMUN_PLAN.1;
const MAPPING: &str = DEMO_KOMMUN_MAPPING.1;
const SIE_2024: &[u8] = DEMO_KOMMUN_LEDGERS[0].1;
const SIE_2025: &[u8] = DEMO_KOMMUN_LEDGERS[1].1;

/// Report row of an account, written out by hand from demo-kommun-mapping.yaml.
fn row_of(account: &str) -> Option<&'static str> {
    let n: u32 = account.parse().ok()?;
    Some(match n {
        3000..=3999 => "intakter",
        5000..=5999 => "personal",
        6100..=6199 => "lokaler",
        4000..=4099 => "kop",
        4100..=4999 | 6000..=6099 | 6200..=7999 => "ovrigt",
        8400..=8599 => "finansnetto",
        _ => return None,
    })
}

/// Whether a cost centre belongs to Äldreomsorg (hemtjänst 11xx, särskilt boende 12xx, HSL 15xx).
fn in_elderly_care(code: &str) -> bool {
    ["11", "12", "15"].iter().any(|p| code.starts_with(p)) && code.len() == 4
}

/// Sums of `#PSALDO`/`#PBUDGET` lines per row, for cost centres in Äldreomsorg, months 1..=through,
/// in report sign (credit positive). Only ASCII is needed to read these lines.
fn sums_from_text(bytes: &[u8], label: &str, year: u32, through: u32) -> BTreeMap<&'static str, i64> {
    let mut sums = BTreeMap::new();
    for line in bytes.split(|b| *b == b'\n') {
        let line = String::from_utf8_lossy(line);
        let fields: Vec<&str> = line.split_whitespace().collect();
        // #PSALDO 0 202503 5010 {1 "1101"} 12345.67
        if fields.len() < 7 || fields[0] != label || !fields[4].starts_with("{1") {
            continue;
        }
        let (period, account, code, amount) = (fields[2], fields[3], fields[5].trim_matches(|c| c == '"' || c == '}'), fields[6]);
        let (y, m): (u32, u32) = (period[..4].parse().unwrap(), period[4..].parse().unwrap());
        if y != year || m > through || !in_elderly_care(code) {
            continue;
        }
        let Some(row) = row_of(account) else { continue };
        let (kr, ore) = amount.split_once('.').unwrap_or((amount, "0"));
        let negative = kr.starts_with('-');
        let value = kr.trim_start_matches('-').parse::<i64>().unwrap() * 100 + format!("{ore:0<2}").parse::<i64>().unwrap();
        *sums.entry(row).or_insert(0) -= if negative { -value } else { value };
    }
    sums
}

async fn demo_store(name: &str) -> (Store, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("styr-sie-{}-{name}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let store = Store::open(path.to_str().unwrap()).await.unwrap();
    let actor = Actor::new("test");
    styr_import::plan(&store, &actor, PLAN, "plan.yaml", ImportOptions::default()).await.unwrap();
    styr_import::ledger::mapping(&store, &actor, MAPPING, "mapping.yaml", ImportOptions::default()).await.unwrap();
    (store, path)
}

#[tokio::test]
async fn driftredovisning_equals_the_files_own_sums_and_reimport_changes_nothing() {
    let (store, path) = demo_store("drift").await;
    let actor = Actor::new("test");
    let first = styr_import::ledger::sie(&store, &actor, SIE_2024, "demo-kommun-2024.se", None, ImportOptions::default()).await.unwrap();
    assert_eq!(first.years, [2024]);
    let second =
        styr_import::ledger::sie(&store, &actor, SIE_2025, "demo-kommun-2025-aug.se", None, ImportOptions::default()).await.unwrap();
    assert_eq!((second.years.as_slice(), second.source.as_str()), ([2025].as_slice(), "#PSALDO/#PBUDGET"));

    let key = "9999-von";
    let plan = styr_store::plan::load_plan(&store, key, 2025).await.unwrap();
    let mapping = styr_store::ledger::load_mapping(&store, key).await.unwrap().unwrap();
    let mut ledger = styr_store::ledger::load_ledger_year(&store, key, 2024).await.unwrap();
    ledger.extend(styr_store::ledger::load_ledger_year(&store, key, 2025).await.unwrap());
    let view = LedgerView::new(&mapping, &plan.organisation, &ledger).unwrap();
    assert!(view.unmapped_accounts.is_empty(), "{:?}", view.unmapped_accounts);
    assert!(view.unmapped_cost_centres.is_empty(), "{:?}", view.unmapped_cost_centres);

    let rows = operating_statement(&view, "aldre", 2025, 8, &BTreeMap::new(), &BTreeMap::new()).unwrap();
    let outcome = sums_from_text(SIE_2025, "#PSALDO", 2025, 8);
    let budget = sums_from_text(SIE_2025, "#PBUDGET", 2025, 12);
    let previous = sums_from_text(SIE_2024, "#PSALDO", 2024, 8);
    let mut checked = 0;
    for r in rows.iter().filter(|r| r.row_id != "netto") {
        let expect = |m: &BTreeMap<&str, i64>| Amount::from_ore(m.get(r.row_id.as_str()).copied().unwrap_or(0));
        assert_eq!(r.outcome, expect(&outcome), "outcome jan–aug of {}", r.row_id);
        assert_eq!(r.budget, expect(&budget), "budget of {}", r.row_id);
        assert_eq!(r.outcome_previous_year, expect(&previous), "outcome jan–aug 2024 of {}", r.row_id);
        checked += 1;
    }
    assert_eq!(checked, 6);
    let net = rows.last().unwrap();
    assert_eq!(net.outcome, Amount::from_ore(outcome.values().sum()));
    assert!(net.outcome < Amount::ZERO && net.budget < Amount::ZERO, "elderly care is a net cost");

    // The verksamheter under the nämnd add up to the nämnd.
    let whole = operating_statement(&view, "von", 2025, 8, &BTreeMap::new(), &BTreeMap::new()).unwrap();
    let activities = per_activity(&view, &plan.organisation[0], 2025, 8, |_| Ok(None)).unwrap();
    let sum = Amount::try_sum(activities.iter().map(|a| a.outcome)).unwrap();
    assert_eq!(sum, whole.last().unwrap().outcome);

    // Re-importing the same file is idempotent.
    let again =
        styr_import::ledger::sie(&store, &actor, SIE_2025, "demo-kommun-2025-aug.se", None, ImportOptions::default()).await.unwrap();
    assert_eq!(again.changes, styr_store::Changes::default());
    drop(store);
    let _ = std::fs::remove_file(path);
}

#[tokio::test]
async fn a_broken_sie_file_names_its_line_and_stores_nothing() {
    let (store, path) = demo_store("broken").await;
    let actor = Actor::new("test");
    styr_import::ledger::sie(&store, &actor, SIE_2025, "demo-kommun-2025-aug.se", None, ImportOptions::default()).await.unwrap();
    let before = styr_store::ledger::load_ledger_year(&store, "9999-von", 2025).await.unwrap();

    // Change an amount early in the file, then break a line further down.
    let text = SIE_2025.to_vec();
    let lines: Vec<&[u8]> = text.split(|b| *b == b'\n').collect();
    let psaldo = lines.iter().position(|l| l.starts_with(b"#PSALDO 0 202501")).unwrap();
    let broken_at = lines.len() - 50;
    let mut out: Vec<Vec<u8>> = lines.iter().map(|l| l.to_vec()).collect();
    let amount_at = lines[psaldo].iter().rposition(|b| *b == b' ').unwrap();
    out[psaldo] = [&lines[psaldo][..amount_at], b" 1.00\r"].concat();
    out[broken_at] = b"#PSALDO 0 2025013 5010 {1 \"1101\"} 12,5".to_vec();
    let broken = out.join(&b'\n');
    let err = styr_import::ledger::sie(&store, &actor, broken.as_slice(), "huvudbok.se", None, ImportOptions::default())
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("huvudbok.se") && err.contains(&format!("line {}", broken_at + 1)), "{err}");
    assert_eq!(styr_store::ledger::load_ledger_year(&store, "9999-von", 2025).await.unwrap(), before);
    drop(store);
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_demo_files_are_what_the_documented_generator_writes() {
    let generate = |year: u16, months: u8, transactions: u64, seed: u64| {
        let options = styr_sie::generate::GenerateOptions { cost_centres: 100, months, transactions, seed, year };
        styr_sie::generate::demo_sie(&options).unwrap()
    };
    assert!(generate(2024, 12, 6000, 2024) == SIE_2024, "demo/demo-kommun-2024.se differs from scripts/generate-demo-sie.sh");
    assert!(generate(2025, 8, 4000, 2025) == SIE_2025, "demo/demo-kommun-2025-aug.se differs from scripts/generate-demo-sie.sh");
    let cp437_o_umlaut = 0x94u8;
    assert!(SIE_2025.contains(&cp437_o_umlaut), "CP437-encoded");
}

#[tokio::test]
async fn rows_of_earlier_years_in_a_file_leave_those_years_alone() {
    let (store, path) = demo_store("years").await;
    let actor = Actor::new("test");
    styr_import::ledger::sie(&store, &actor, SIE_2024, "demo-kommun-2024.se", None, ImportOptions::default()).await.unwrap();
    let before = styr_store::ledger::load_ledger_year(&store, "9999-von", 2024).await.unwrap();
    let file = "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 3\n#RAR 0 20250101 20251231\n#RAR -1 20240101 20241231\n\
                #PSALDO 0 202501 5010 {1 \"1101\"} 1000.00\n#PSALDO -1 202401 5010 {1 \"1101\"} 900.00\n";
    let result = styr_import::ledger::sie(&store, &actor, file.as_bytes(), "jan.se", None, ImportOptions::default()).await.unwrap();
    assert_eq!(result.years, [2025]);
    assert_eq!(styr_store::ledger::load_ledger_year(&store, "9999-von", 2024).await.unwrap(), before);
    assert_eq!(styr_store::ledger::load_ledger_year(&store, "9999-von", 2025).await.unwrap().len(), 1);
    drop(store);
    let _ = std::fs::remove_file(path);
}

#[test]
fn the_sie_readers_amount_bound_is_the_domains() {
    assert_eq!(styr_sie::MAX_AMOUNT_ORE, Amount::MAX_INPUT_ORE);
}

/// Incomplete or inconsistent SIE files are refused with the file and line, and the stored ledger
/// stays as it was: a balance given twice, a file cut in the middle of a record, a wrong #KSUMMA,
/// an amount beyond the bound. A file with a right #KSUMMA is imported.
#[tokio::test]
async fn incomplete_or_inconsistent_sie_files_store_nothing() {
    let (store, path) = demo_store("integrity").await;
    let actor = Actor::new("test");
    styr_import::ledger::sie(&store, &actor, SIE_2025, "demo-kommun-2025-aug.se", None, ImportOptions::default()).await.unwrap();
    let stored = || async { styr_store::ledger::load_ledger_year(&store, "9999-von", 2025).await.unwrap() };
    let before = stored().await;
    let import = |bytes: Vec<u8>| {
        let (store, actor) = (&store, &actor);
        async move { styr_import::ledger::sie(store, actor, bytes.as_slice(), "huvudbok.se", None, ImportOptions::default()).await }
    };
    let lines: Vec<&[u8]> = SIE_2025.split(|b| *b == b'\n').collect();

    // A #PSALDO line given twice (the reviewer's doubled balance).
    let psaldo = lines.iter().position(|l| l.starts_with(b"#PSALDO 0 202503")).unwrap();
    let mut doubled: Vec<&[u8]> = lines.clone();
    doubled.insert(psaldo + 1, lines[psaldo]);
    let err = import(doubled.join(&b'\n')).await.unwrap_err().to_string();
    assert!(
        err.starts_with(&format!("huvudbok.se, line {} (#PSALDO): #PSALDO given twice: line {} has the same", psaldo + 2, psaldo + 1)),
        "{err}"
    );
    assert_eq!(stored().await, before);

    // Cut in the middle of a budget line, and cut inside a voucher.
    let pbudget = lines.iter().rposition(|l| l.starts_with(b"#PBUDGET")).unwrap();
    let cut_at = lines[..pbudget].iter().map(|l| l.len() + 1).sum::<usize>() + lines[pbudget].len() - 4;
    let err = import(SIE_2025[..cut_at].to_vec()).await.unwrap_err().to_string();
    assert!(err.contains(&format!("line {}", pbudget + 1)) && err.contains("the file ends in the middle of this record"), "{err}");
    let err = import(SIE_2025[..SIE_2025.len() - 40].to_vec()).await.unwrap_err().to_string();
    assert!(err.contains("was the file cut short?") || err.contains("not closed"), "{err}");
    assert_eq!(stored().await, before);

    // With #KSUMMA: a right checksum is imported (and changes nothing), a wrong one is refused.
    let signed = styr_sie::checksum::with_ksumma(SIE_2025);
    let same = import(signed.clone()).await.unwrap();
    assert_eq!(same.changes, styr_store::Changes::default());
    let at = signed.windows(11).position(|w| w == b"{1 \"1101\"} ").unwrap() + 11;
    let mut tampered = signed.clone();
    tampered[at] = if tampered[at] == b'9' { b'8' } else { b'9' };
    let err = import(tampered).await.unwrap_err().to_string();
    assert!(err.starts_with("huvudbok.se, line ") && err.contains("(#KSUMMA): checksum mismatch"), "{err}");
    assert_eq!(stored().await, before);

    // An amount beyond ±10^12 kr.
    let mut huge: Vec<&[u8]> = lines.clone();
    huge[psaldo] = b"#PSALDO 0 202503 5010 {1 \"1101\"} 92233720368547758.07\r";
    let err = import(huge.join(&b'\n')).await.unwrap_err().to_string();
    assert!(err.contains(&format!("line {} (#PSALDO): bad amount \"92233720368547758.07\": too large", psaldo + 1)), "{err}");
    assert_eq!(stored().await, before);
    drop(store);
    let _ = std::fs::remove_file(path);
}
