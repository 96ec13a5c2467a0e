//! Ledger imports (SIE 4 and CSV) and the ledger mapping. Re-importing a year replaces that year's
//! ledger in one transaction: a failed or interrupted import leaves the previous ledger as it was.

use std::collections::BTreeSet;

use styr_domain::economics::{Account, CostCentre, LedgerAmount};
use styr_formats::{ledger_csv, ledger_mapping_file};
use styr_store::{Actor, Changes, Store};

use crate::{ImportError, ImportOptions, Result, resolve_committee};

/// What a ledger import did.
#[derive(Debug, Clone, Default)]
pub struct LedgerImport {
    pub committee: String,
    pub years: Vec<i32>,
    /// Rows stored after aggregation (per year, month, account, cost centre, measure).
    pub rows: usize,
    pub changes: Changes,
    /// Unknown record types that were skipped, with counts.
    pub skipped_records: Vec<(String, usize)>,
    /// Where the amounts came from, e.g. "#PSALDO/#PBUDGET" or "#TRANS".
    pub source: String,
}

/// Imports the ledger mapping (account ranges to report rows, cost centres to the organisation).
pub async fn mapping(store: &Store, actor: &Actor, text: &str, file: &str, options: ImportOptions) -> Result<(String, Changes)> {
    let (committee, _) = ledger_mapping_file::parse(text, file, None)?;
    let key = resolve_committee(store, Some(&committee), None).await?;
    let latest_year = styr_store::plan::list_plans(store).await?.into_iter().filter(|(k, _, _)| *k == key).map(|(_, _, y)| y).max();
    let plan = match latest_year {
        Some(y) => Some(styr_store::plan::load_plan(store, &key, y).await?),
        None => None,
    };
    let (_, mapping) = ledger_mapping_file::parse(text, file, plan.as_ref())?;
    let mut tx = store.begin().await?;
    let changes = styr_store::ledger::save_mapping(&mut tx, &key, &mapping, actor).await?;
    let changes = crate::finish(tx, changes, options, file).await?;
    Ok((key, changes))
}

/// The share of a year's stored ledger rows a re-import may remove without `--force`: a corrected
/// export moves some rows, a truncated one loses many.
pub const MAX_REMOVED_SHARE: f64 = 0.1;

/// Writes accounts, cost centres and the amounts of every year present. For each year, the measures
/// the file has (outcome, budget) replace that year's amounts of the same measure; a budget-only file
/// leaves the outcomes alone. A year that would lose more than [`MAX_REMOVED_SHARE`] of its rows is
/// refused unless `options.force`.
pub async fn store_ledger(
    store: &Store,
    actor: &Actor,
    key: &str,
    ledger: Ledger<'_>,
    file: &str,
    options: ImportOptions,
) -> Result<(Vec<i32>, Changes)> {
    let Ledger { accounts, cost_centres, amounts } = ledger;
    let years: BTreeSet<i32> = amounts.iter().map(|a| a.year).collect();
    let mut tx = store.begin().await?;
    let mut changes = styr_store::ledger::save_accounts(&mut tx, key, accounts, actor).await?;
    changes += styr_store::ledger::save_cost_centres(&mut tx, key, cost_centres, actor).await?;
    let mut too_many = Vec::new();
    for &year in &years {
        let of_year: Vec<LedgerAmount> = amounts.iter().filter(|a| a.year == year).cloned().collect();
        let measures: BTreeSet<_> = of_year.iter().map(|a| a.measure).collect();
        let measures: Vec<_> = measures.into_iter().collect();
        let stored = styr_store::ledger::ledger_row_count(&mut tx, key, year).await?;
        let year_changes = styr_store::ledger::replace_ledger_year(&mut tx, key, year, &measures, &of_year, actor).await?;
        if year_changes.deleted as f64 > MAX_REMOVED_SHARE * stored as f64 {
            too_many.push(format!("{year}: {} av {stored} rader", year_changes.deleted));
        }
        changes += year_changes;
    }
    if !too_many.is_empty() && !options.force {
        let what = format!("huvudboken skulle förlora mer än en tiondel av årets lagrade rader ({})", too_many.join("; "));
        return crate::refuse(tx, file, what, ", eller kör om med --force om raderna verkligen ska bort").await;
    }
    let changes = crate::finish(tx, changes, ImportOptions { prune: true, ..options }, file).await?;
    Ok((years.into_iter().collect(), changes))
}

/// What a ledger file holds, ready to store.
#[derive(Debug, Clone, Copy)]
pub struct Ledger<'a> {
    pub accounts: &'a [Account],
    pub cost_centres: &'a [CostCentre],
    pub amounts: &'a [LedgerAmount],
}

/// Imports a ledger CSV (see [`styr_formats::ledger_csv`]).
pub async fn csv(
    store: &Store,
    actor: &Actor,
    text: &str,
    file: &str,
    committee: Option<&str>,
    options: ImportOptions,
) -> Result<LedgerImport> {
    let key = resolve_committee(store, committee, None).await?;
    let amounts = ledger_csv::parse(text, file)?;
    if amounts.is_empty() {
        return Err(ImportError::Invalid(format!("{file}: no ledger rows")));
    }
    let ledger = Ledger { accounts: &[], cost_centres: &[], amounts: &amounts };
    let (years, changes) = store_ledger(store, actor, &key, ledger, file, options).await?;
    Ok(LedgerImport { committee: key, years, rows: amounts.len(), changes, skipped_records: vec![], source: "CSV".into() })
}

/// Whether bytes look like a SIE file: the first non-blank character (after a UTF-8 byte-order
/// mark) is `#`, as in `#FLAGGA 0`.
pub fn looks_like_sie(bytes: &[u8]) -> bool {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = start.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &start[i..]).unwrap_or_default();
    first.starts_with(b"#")
}

/// Imports a SIE 4 file, streaming it from `input` (nothing but the monthly sums is held in memory): accounts (#KONTO, #KTYP), cost centres (#OBJEKT in the
/// mapping's cost-centre dimension), outcomes from #PSALDO per cost centre (or, when the file has
/// none, the monthly sums of its #TRANS rows) and budgets from #PBUDGET. Every year in the file
/// replaces that year's ledger in one transaction.
pub async fn sie<R: std::io::BufRead>(
    store: &Store,
    actor: &Actor,
    input: R,
    file: &str,
    committee: Option<&str>,
    options: ImportOptions,
) -> Result<LedgerImport> {
    use styr_domain::economics::Measure;
    use styr_sie::{PeriodAggregator, PeriodKind, Record, SieReader, TransactionAggregator};

    let key = resolve_committee(store, committee, None).await?;
    let dim = styr_store::ledger::load_mapping(store, &key).await?.map(|m| m.cost_centre_dimension).unwrap_or(1);
    let sie_error = |e: styr_sie::SieError| ImportError::Invalid(format!("{file}, {e}"));

    let mut reader = SieReader::new(input, styr_sie::Options::default());
    let mut accounts: std::collections::BTreeMap<String, Account> = std::collections::BTreeMap::new();
    let mut centres = Vec::new();
    let mut balances = PeriodAggregator::new(PeriodKind::Balance, dim);
    let mut budgets = PeriodAggregator::new(PeriodKind::Budget, dim);
    let mut transactions = TransactionAggregator::new(dim);
    while let Some(record) = reader.next_record().map_err(sie_error)? {
        match &record {
            Record::Konto { account, name } => {
                accounts
                    .entry(account.clone())
                    .or_insert_with(|| Account { number: account.clone(), name: String::new(), kind: None })
                    .name = name.clone();
            }
            Record::Ktyp { account, kind } => {
                accounts
                    .entry(account.clone())
                    .or_insert_with(|| Account { number: account.clone(), name: String::new(), kind: None })
                    .kind = Some(kind.letter());
            }
            Record::Objekt(o) if o.dim == dim => {
                centres.push(CostCentre { code: o.code.clone(), name: o.name.clone(), org_unit: None });
            }
            _ => {}
        }
        balances.add_record(&record).map_err(sie_error)?;
        budgets.add_record(&record).map_err(sie_error)?;
        transactions.add_record(&record);
    }
    let balances = balances.finish();
    let budgets = budgets.finish();
    let per_object = |v: &styr_sie::PeriodValues| v.values.keys().any(|k| k.object.is_some());

    let mut amounts = Vec::new();
    let mut push = |year: u16, month: u8, account: &str, object: Option<&str>, measure, ore: i64| {
        amounts.push(LedgerAmount {
            year: year as i32,
            month: month as u32,
            account: account.to_string(),
            cost_centre: object.unwrap_or_default().to_string(),
            measure,
            amount: styr_domain::Amount::from_ore(ore),
        });
    };
    // Only the file's own financial year (#RAR 0) is imported: rows for earlier years (-1 …) are
    // reference figures of a previous export and must not replace that year's ledger.
    let sums = transactions.finish().map_err(sie_error)?;
    let source;
    if per_object(&balances) || sums.sums.is_empty() {
        source = "#PSALDO/#PBUDGET";
        let use_objects = per_object(&balances);
        for (k, ore) in balances.values.iter().filter(|(k, _)| k.year == 0) {
            if k.object.is_some() == use_objects {
                push(k.period.year(), k.period.month(), &k.account, k.object.as_deref(), Measure::Outcome, *ore);
            }
        }
    } else {
        source = "#TRANS/#PBUDGET";
        for (k, ore) in sums.sums.iter().filter(|(k, _)| k.year == Some(0)) {
            push(k.period.year(), k.period.month(), &k.account, k.object.as_deref(), Measure::Outcome, *ore);
        }
    }
    let budget_objects = per_object(&budgets);
    for (k, ore) in budgets.values.iter().filter(|(k, _)| k.year == 0) {
        if k.object.is_some() == budget_objects {
            push(k.period.year(), k.period.month(), &k.account, k.object.as_deref(), Measure::Budget, *ore);
        }
    }
    if amounts.is_empty() {
        return Err(ImportError::Invalid(format!("{file}: no #PSALDO, #PBUDGET or #TRANS amounts to import")));
    }
    let accounts: Vec<Account> = accounts.into_values().collect();
    let ledger = Ledger { accounts: &accounts, cost_centres: &centres, amounts: &amounts };
    let (years, changes) = store_ledger(store, actor, &key, ledger, file, options).await?;
    let skipped_records = reader.warnings().into_iter().map(|w| (w.label, w.count as usize)).collect();
    Ok(LedgerImport { committee: key, years, rows: amounts.len(), changes, skipped_records, source: source.to_string() })
}
