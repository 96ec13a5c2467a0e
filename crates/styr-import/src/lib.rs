//! Import pipelines shared by the CLI and the web: each reads a whole file, checks it (syntax,
//! ids, references against the stored plan) and only then writes it, in one transaction.

pub mod ledger;

use std::collections::BTreeSet;

use styr_formats::{FormatError, economics_file, followup_file, outcomes_csv, personnel_file, plan_file};
use styr_store::{Actor, Changes, Store, StoreError, Tx};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Format(#[from] FormatError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The committee could not be told from what was given.
    #[error("{0}")]
    Committee(String),
    /// A file that cannot be imported, with the file (and line) named.
    #[error("{0}")]
    Invalid(String),
    /// The import would remove stored objects and `--prune` (or, for a ledger, `--force`) was not
    /// given; nothing was written.
    #[error("{file}: {what}; inget ändrades. Kontrollera att filen är komplett{hint}")]
    WouldRemove { file: String, what: String, hint: String },
}

/// How far an import may change what is stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Compute the change set and report it, but write nothing.
    pub dry_run: bool,
    /// Allow removing stored objects that the file no longer holds. Without it an import that
    /// would remove anything is refused, so a truncated file cannot silently delete data.
    pub prune: bool,
    /// Allow a ledger re-import that removes more than a tenth of a year's stored rows.
    pub force: bool,
}

impl ImportOptions {
    /// Everything allowed: for data the program itself owns, such as the demo.
    pub const REPLACE: ImportOptions = ImportOptions { dry_run: false, prune: true, force: true };
}

/// The removals of a change set in words, e.g. `49 lagrade objekt skulle tas bort (goals 3, indicators 46)`.
pub fn removals(changes: &Changes) -> String {
    let kinds: Vec<String> =
        changes.by_kind.iter().filter(|(_, k)| k.deleted > 0).map(|(kind, k)| format!("{kind} {}", k.deleted)).collect();
    format!("{} lagrade objekt skulle tas bort ({})", changes.deleted, kinds.join(", "))
}

/// Rolls back an import that would remove what the user did not allow, and says what and why.
pub(crate) async fn refuse<T>(tx: Tx, file: &str, what: String, hint: &str) -> Result<T> {
    tx.rollback().await.map_err(StoreError::from)?;
    Err(ImportError::WouldRemove { file: file.to_string(), what, hint: hint.to_string() })
}

/// Ends an import's transaction: refuses removals without `--prune`, rolls back a dry run,
/// commits otherwise.
pub(crate) async fn finish(tx: Tx, changes: Changes, options: ImportOptions, file: &str) -> Result<Changes> {
    if changes.deleted > 0 && !options.prune {
        let hint = ", eller kör om med --prune för att ta bort dem (--dry-run visar ändringarna utan att spara)";
        return refuse(tx, file, removals(&changes), hint).await;
    }
    if options.dry_run {
        tx.rollback().await.map_err(StoreError::from)?;
    } else {
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(changes)
}

pub type Result<T> = std::result::Result<T, ImportError>;

/// Finds the committee key for what a user or file gave: a key (`0126-von`), a local id (`von`) when
/// only one committee has it, or nothing when only one committee has a plan (for `year`, if given).
pub async fn resolve_committee(store: &Store, given: Option<&str>, year: Option<i32>) -> Result<String> {
    // What begins like a whole key (a municipality code and a dash) must be one; a local id (`von`)
    // is matched below.
    let looks_like_key = |g: &&str| g.split_once('-').is_some_and(|(code, _)| code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit()));
    if let Some(g) = given.filter(looks_like_key) {
        g.parse::<styr_domain::CommitteeKey>().map_err(|e| ImportError::Committee(e.to_string()))?;
    }
    let plans = styr_store::plan::list_plans(store).await?;
    let mut candidates: Vec<&str> = plans
        .iter()
        .filter(|(key, _, y)| {
            year.is_none_or(|year| *y == year) && given.is_none_or(|g| key == g || key.split_once('-').is_some_and(|(_, local)| local == g))
        })
        .map(|(key, _, _)| key.as_str())
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let for_year = year.map(|y| format!(" for {y}")).unwrap_or_default();
    match (candidates.as_slice(), given) {
        ([one], _) => Ok(one.to_string()),
        ([], Some(g)) => Err(ImportError::Committee(format!("no committee `{g}` has a plan{for_year}"))),
        ([], None) => Err(ImportError::Committee(format!("no plan is stored{for_year}; import one with `styr plan import`"))),
        (many, _) => Err(ImportError::Committee(format!("several committees match ({}); choose one with --committee", many.join(", ")))),
    }
}

/// Imports a plan file; returns the committee key, the year and what changed (or would change).
pub async fn plan(store: &Store, actor: &Actor, text: &str, file: &str, options: ImportOptions) -> Result<(String, i32, Changes)> {
    let plan = plan_file::parse(text, file)?;
    refuse_removing_written_rounds(store, &plan, file).await?;
    let mut tx = store.begin().await?;
    // Assessments of goals the file no longer has (and names in no `renamed_from`) are named, so the
    // user can say what becomes of them.
    let lost = styr_store::plan::assessments_without_goal(&mut tx, &plan).await?;
    if !lost.is_empty() && !options.prune {
        let goals: Vec<String> = lost.iter().map(|(goal, rounds)| format!("`{goal}` (bedömd i {})", rounds.join(", "))).collect();
        let what = format!("{} mål som har bedömningar skulle tas bort (goals, assessments): {}", lost.len(), goals.join(", "));
        let hint = ". Ange `renamed_from: <gammalt id>` på målet som ersätter ett omdöpt mål, eller kör om med --prune för att \
                    ta bort målen och deras bedömningar";
        return refuse(tx, file, what, hint).await;
    }
    // Uppdrag linked to a goal the file no longer has are named too: the link would be lost.
    let unlinked = styr_store::plan::commissions_without_goal(&mut tx, &plan).await?;
    if !unlinked.is_empty() && !options.prune {
        let named: Vec<String> = unlinked.iter().map(|(u, goal)| format!("`{u}` (kopplat till målet `{goal}`)")).collect();
        let what = format!("{} uppdrag skulle förlora sitt mål (goals, commissions): {}", unlinked.len(), named.join(", "));
        let hint = ". Koppla uppdraget till ett mål som finns kvar, ange `renamed_from: <gammalt id>` på målet som ersätter ett \
                    omdöpt mål, eller kör om med --prune för att ta bort målen och uppdragens koppling";
        return refuse(tx, file, what, hint).await;
    }
    let changes = styr_store::plan::save_plan(&mut tx, &plan, actor).await?;
    let changes = finish(tx, changes, options, file).await?;
    Ok((plan.committee_key(), plan.year, changes))
}

/// A round the new plan leaves out may not have anything written for it (assessments, status,
/// control results, sections, footnotes, summaries): that would leave them without their round.
async fn refuse_removing_written_rounds(store: &Store, plan: &styr_domain::Plan, file: &str) -> Result<()> {
    let key = plan.committee_key();
    if !styr_store::plan::list_plans(store).await?.iter().any(|(k, _, y)| k == &key && *y == plan.year) {
        return Ok(());
    }
    let stored = styr_store::plan::load_plan(store, &key, plan.year).await?;
    for r in stored.rounds.iter().filter(|r| plan.round(&r.id).is_none()) {
        let f = styr_store::followup::load_followup(store, &key, plan.year, &r.id).await?;
        let counts = [
            (f.assessments.len(), "bedömningar"),
            (f.commissions.len(), "uppdragsstatus"),
            (f.risks.len(), "riskstatus"),
            (f.controls.len(), "kontrollresultat"),
            (f.sections.len(), "avsnitt"),
            (f.footnotes.len(), "fotnoter"),
            (usize::from(f.summary.is_some()) + usize::from(f.control_summary.is_some()), "sammanfattningar"),
        ];
        let written: Vec<String> = counts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
        if !written.is_empty() {
            return Err(ImportError::Invalid(format!(
                "{file}: omgången `{}` saknas i filen men har uppföljning lagrad ({}); inget ändrades. \
                 Importera först en tom uppföljning för omgången med --prune, eller behåll omgången i planen",
                r.id,
                written.join(", ")
            )));
        }
    }
    Ok(())
}

fn committee_error(file: &str, e: ImportError) -> ImportError {
    match e {
        ImportError::Committee(msg) => ImportError::Committee(format!("{file}, field `committee`: {msg}")),
        other => other,
    }
}

/// Imports a follow-up file for one round, checked against the stored plan.
pub async fn followup(store: &Store, actor: &Actor, text: &str, file: &str, options: ImportOptions) -> Result<Changes> {
    let raw = followup_file::parse(text, file)?;
    let key = resolve_committee(store, Some(&raw.committee), Some(raw.year)).await.map_err(|e| committee_error(file, e))?;
    let plan = styr_store::plan::load_plan(store, &key, raw.year).await?;
    let followup = followup_file::parse_for_plan(text, file, &plan)?;
    if followup.footnotes.iter().any(|n| matches!(n.on, styr_domain::FootnoteTarget::EconLine(_))) {
        let lines = styr_store::economics::load_economics(store, &key).await?.lines.into_iter().map(|l| l.id).collect();
        followup_file::check_econ_lines(text, file, &followup, &lines)?;
    }
    let mut tx = store.begin().await?;
    let changes = styr_store::followup::save_followup(&mut tx, &key, &followup, actor).await?;
    finish(tx, changes, options, file).await
}

/// Indicator ids of every plan of a committee.
pub async fn indicator_ids(store: &Store, key: &str) -> Result<BTreeSet<String>> {
    let mut ids = BTreeSet::new();
    for (_, _, year) in styr_store::plan::list_plans(store).await?.into_iter().filter(|(k, _, _)| k == key) {
        let plan = styr_store::plan::load_plan(store, key, year).await?;
        ids.extend(plan.indicators().map(|(_, i)| i.id.clone()));
    }
    Ok(ids)
}

/// Imports an outcomes CSV: all rows or none.
pub async fn outcomes(
    store: &Store,
    actor: &Actor,
    text: &str,
    file: &str,
    committee: Option<&str>,
    options: ImportOptions,
) -> Result<Changes> {
    let key = resolve_committee(store, committee, None).await?;
    let known = indicator_ids(store, &key).await?;
    let outcomes = outcomes_csv::parse(text, file, &known)?;
    let mut tx = store.begin().await?;
    let changes = styr_store::outcomes::save_outcomes(&mut tx, &key, &outcomes, actor).await?;
    finish(tx, changes, options, file).await
}

/// Imports an economics facts file; replaces the committee's economic facts of the years the file holds.
pub async fn economics(store: &Store, actor: &Actor, text: &str, file: &str, options: ImportOptions) -> Result<Changes> {
    economics_with_warnings(store, actor, text, file, options).await.map(|(changes, _)| changes)
}

/// [`economics`], with what the reader should be warned about: published totals that differ from the
/// sum of their parts by more than the parts' rounding (half a tkr per row), in Swedish.
pub async fn economics_with_warnings(
    store: &Store,
    actor: &Actor,
    text: &str,
    file: &str,
    options: ImportOptions,
) -> Result<(Changes, Vec<String>)> {
    let (committee, facts) = economics_file::parse(text, file)?;
    let warnings: Vec<String> = facts
        .total_differences(styr_domain::economics::MoneyUnit::Tkr)
        .map_err(|e| ImportError::Invalid(format!("{file}: {e}")))?
        .iter()
        .map(|d| format!("{file}: {}", d.describe()))
        .collect();
    let key = resolve_committee(store, Some(&committee), None).await.map_err(|e| committee_error(file, e))?;
    // Organisation units, rounds and goals are checked against the committee's stored plans of the
    // years the file holds.
    let years = facts.years();
    let mut plans = Vec::new();
    for (k, _, year) in styr_store::plan::list_plans(store).await? {
        if k == key && years.contains(&year) {
            plans.push(styr_store::plan::load_plan(store, &key, year).await?);
        }
    }
    let plan_refs: Vec<&styr_domain::Plan> = plans.iter().collect();
    economics_file::check_references(text, file, &facts, &plan_refs)?;
    let mut tx = store.begin().await?;
    let changes = styr_store::economics::save_economics(&mut tx, &key, &facts, actor).await?;
    Ok((finish(tx, changes, options, file).await?, warnings))
}

/// Imports a personnel file; replaces the committee's personnel statistics of the years the file holds.
pub async fn personnel(store: &Store, actor: &Actor, text: &str, file: &str, options: ImportOptions) -> Result<Changes> {
    let (committee, facts) = personnel_file::parse(text, file)?;
    let key = resolve_committee(store, Some(&committee), None).await.map_err(|e| committee_error(file, e))?;
    let mut units = std::collections::BTreeMap::new();
    for (_, _, year) in styr_store::plan::list_plans(store).await?.into_iter().filter(|(k, _, _)| k == &key) {
        let plan = styr_store::plan::load_plan(store, &key, year).await?;
        let ids = styr_domain::OrgUnit::flatten(&plan.organisation).into_iter().map(|(_, u)| u.id.clone()).collect();
        units.insert(year, ids);
    }
    personnel_file::check_org_units(text, file, &facts, &units)?;
    let mut tx = store.begin().await?;
    let changes = styr_store::personnel::save_personnel(&mut tx, &key, &facts, actor).await?;
    finish(tx, changes, options, file).await
}
