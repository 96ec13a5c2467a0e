//! Kolada use cases: KPI search and fetch, syncing a plan's Kolada-linked indicators into outcomes
//! with provenance (own municipality, Riket, the county and the committee's comparison group), the
//! change summary with values revised after a report published them, staleness, offline import of
//! saved responses and the request URL list.
//!
//! The comparison group is configured per committee ([`set_comparison_group`]); a sync without one
//! fetches the municipality, Riket and the county only.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use styr_domain::{Comparison, Gender, Outcome, OutcomeStatus, Period, Plan};
use styr_kolada::saved::{self, SavedFile};
use styr_kolada::urls::ValueQuery;
use styr_kolada::{Client, Config, DataRow, Kpi};
use styr_store::kolada::{self as kstore, KpiMeta, Provenance, Published, RawValue};
use styr_store::{Actor, Changes, Store};

use crate::listing::plan;
use crate::{AppError, Result};

pub use styr_kolada;

impl From<styr_kolada::KoladaError> for AppError {
    fn from(e: styr_kolada::KoladaError) -> Self {
        AppError::Invalid(e.to_string())
    }
}

/// A plan's indicators that name a Kolada KPI: (indicator id, KPI id).
pub fn kolada_links(plan: &Plan) -> Vec<(String, String)> {
    plan.indicators()
        .filter_map(|(_, i)| match &i.source {
            Some(styr_domain::IndicatorSource::Kolada(k)) => Some((i.id.clone(), k.as_str().to_string())),
            _ => None,
        })
        .collect()
}

/// What a sync or import covers: the committee, the areas (own, Riket, county, group) and years.
#[derive(Debug, Clone)]
pub struct Scope {
    pub committee: String,
    pub plan: Plan,
    pub own: String,
    pub areas: Vec<String>,
    pub years: Vec<i32>,
    pub links: Vec<(String, String)>,
    /// The plan's organisation nodes with a Kolada OU id: (node id, OU id).
    pub units: Vec<(String, String)>,
}

impl Scope {
    pub fn kpis(&self) -> Vec<String> {
        self.links.iter().map(|(_, k)| k.clone()).collect::<BTreeSet<_>>().into_iter().collect()
    }
    fn query(&self) -> ValueQuery {
        ValueQuery { kpis: self.kpis(), areas: self.areas.clone(), years: self.years.clone(), ..Default::default() }
    }
    /// The unit-level request (`/oudata`) for the nodes with an OU id; `None` without any.
    fn unit_query(&self) -> Option<ValueQuery> {
        (!self.units.is_empty()).then(|| ValueQuery {
            kpis: self.kpis(),
            areas: self.units.iter().map(|(_, ou)| ou.clone()).collect(),
            years: self.years.clone(),
            units: true,
            ..Default::default()
        })
    }
    /// Every value URL of the scope: municipalities, Riket, county and group, then the units.
    fn value_urls(&self, base: &str) -> Vec<String> {
        let mut urls = self.query().urls(base);
        if let Some(q) = self.unit_query() {
            urls.extend(q.urls(base));
        }
        urls
    }
}

/// Resolves the committee's plan, its Kolada links, areas and years (default: the plan year and the
/// four before it).
pub async fn scope(store: &Store, year: i32, committee: Option<&str>, years: Option<(i32, i32)>) -> Result<Scope> {
    let (key, plan) = plan(store, year, committee).await?;
    let code = &plan.municipality.code;
    let own = code.as_str().to_string();
    let mut areas = vec![own.clone(), styr_domain::org::MunicipalityCode::RIKET.to_string(), code.kolada_region_id()];
    if let Some(g) = kstore::comparison_group(store, &key).await? {
        areas.push(g);
    }
    areas.dedup();
    let (from, to) = years.unwrap_or((year - 4, year));
    let links = kolada_links(&plan);
    let units = styr_domain::OrgUnit::flatten(&plan.organisation)
        .into_iter()
        .filter_map(|(_, u)| u.kolada_ou.as_ref().map(|ou| (u.id.clone(), ou.as_str().to_string())))
        .collect();
    Ok(Scope { committee: key, plan, own, areas, years: (from..=to).collect(), links, units })
}

/// Sets (or with `None` clears) the committee's comparison group, a Kolada group id `G…`.
pub async fn set_comparison_group(
    store: &Store,
    year: i32,
    committee: Option<&str>,
    group: Option<&str>,
    actor: &Actor,
) -> Result<Changes> {
    if let Some(g) = group
        && !(g.starts_with('G') && g.len() > 1 && g[1..].chars().all(|c| c.is_ascii_digit()))
    {
        return Err(AppError::Invalid(format!("`{g}` is not a Kolada group id (G followed by digits, e.g. G37329)")));
    }
    let (key, _) = plan(store, year, committee).await?;
    Ok(kstore::set_comparison_group(store, &key, group, actor).await?)
}

/// One value that differs from what was stored (old `None`: new).
#[derive(Debug, Clone, PartialEq)]
pub struct ChangedValue {
    pub indicator: String,
    pub period: String,
    pub gender: String,
    pub comparison: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub is_new: bool,
}

/// A value a report published that Kolada now gives differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Revised {
    pub indicator: String,
    pub period: String,
    pub comparison: String,
    pub round: String,
    pub report: String,
    pub published: Option<f64>,
    pub now: Option<f64>,
}

/// What a sync or import did.
#[derive(Debug, Clone, Default)]
pub struct SyncSummary {
    pub committee: String,
    pub kpis: usize,
    pub indicators: usize,
    pub areas: Vec<String>,
    /// Values received (every gender, every area).
    pub values: usize,
    /// Rows Kolada marked deleted (skipped).
    pub deleted: usize,
    pub outcomes_stored: usize,
    pub changed: Vec<ChangedValue>,
    pub unchanged: usize,
    pub revised_after_publication: Vec<Revised>,
    pub requests: usize,
}

fn now_rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn client(cfg: &Config) -> Client {
    Client::new(cfg.clone())
}

/// Runs blocking client work off the async runtime.
async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T, styr_kolada::KoladaError> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| AppError::Invalid(format!("Kolada request failed: {e}")))?.map_err(AppError::from)
}

/// KPIs whose title contains `text`.
pub async fn search(cfg: &Config, text: &str) -> Result<Vec<Kpi>> {
    let (cfg, text) = (cfg.clone(), text.to_string());
    Ok(blocking(move || client(&cfg).search_kpis(&text)).await?.items)
}

/// Values of one KPI for areas and years, straight from Kolada (nothing stored).
pub async fn fetch(cfg: &Config, kpis: Vec<String>, areas: Vec<String>, years: Vec<i32>) -> Result<Vec<DataRow>> {
    let cfg = cfg.clone();
    Ok(blocking(move || client(&cfg).values(&ValueQuery { kpis, areas, years, ..Default::default() })).await?.items)
}

/// The URLs a sync of the scope requests (KPI metadata, then values), for fetching elsewhere and
/// importing with [`import_dir`].
pub fn request_urls(base: &str, scope: &Scope) -> Vec<String> {
    let mut urls = styr_kolada::urls::by_ids(base, "kpi", &scope.kpis());
    urls.extend(scope.value_urls(base));
    urls
}

/// Fetches the scope's KPI metadata and values from Kolada and stores them (see [`apply`]).
/// `progress` is told (done, total) after each request.
pub async fn sync(
    store: &Store,
    cfg: &Config,
    scope: &Scope,
    actor: &Actor,
    progress: impl Fn(usize, usize) + Send + Sync + 'static,
) -> Result<SyncSummary> {
    if scope.links.is_empty() {
        return Err(AppError::NotFound(format!("the plan {} {} has no indicator with a Kolada source", scope.committee, scope.plan.year)));
    }
    let (cfg, kpis, base) = (cfg.clone(), scope.kpis(), cfg.base_url.clone());
    let urls = scope.value_urls(&base);
    let (meta, values) = blocking(move || {
        let c = client(&cfg);
        let total = urls.len() + 1;
        let meta = c.kpis(&kpis)?;
        progress(1, total);
        let mut rows = Vec::new();
        let mut fetched_at = None;
        for (i, url) in urls.into_iter().enumerate() {
            let page = c.all::<DataRow>(vec![url])?;
            fetched_at.get_or_insert(page.fetched_at);
            rows.extend(page.items);
            progress(i + 2, total);
        }
        Ok((meta, (rows, fetched_at.unwrap_or_else(Utc::now))))
    })
    .await?;
    let requests = meta.urls.len();
    let input = Input { kpis: meta.items, kpis_fetched_at: meta.fetched_at, values: vec![(values.0, values.1, "Kolada API".to_string())] };
    let mut summary = apply(store, scope, input, actor).await?;
    summary.requests = requests + scope.value_urls("").len();
    Ok(summary)
}

/// What [`apply`] stores: KPI metadata and batches of value rows, each with its fetch time and source.
pub struct Input {
    pub kpis: Vec<Kpi>,
    pub kpis_fetched_at: DateTime<Utc>,
    pub values: Vec<(Vec<DataRow>, DateTime<Utc>, String)>,
}

/// Reads a directory of saved responses (the API's JSON; `styr kolada export-requests` lists what
/// to save) into one [`Input`]; any broken file fails the whole import, naming file, line and column.
pub fn read_dir(dir: &Path) -> Result<Input> {
    let mut input = Input { kpis: Vec::new(), kpis_fetched_at: DateTime::<Utc>::MIN_UTC, values: Vec::new() };
    for path in saved::json_files(dir)? {
        let s = saved::read_file(&path)?;
        let name = format!("fil {}", path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
        match s.content {
            SavedFile::Kpis(k) => {
                input.kpis.extend(k);
                input.kpis_fetched_at = input.kpis_fetched_at.max(s.fetched_at);
            }
            SavedFile::Values(v) => input.values.push((v, s.fetched_at, name)),
        }
    }
    Ok(input)
}

/// Imports saved responses: every value goes to the Kolada value table, and when a scope is given
/// its linked indicators' outcomes are updated as by a sync. One transaction: a broken file stores
/// nothing.
pub async fn import_dir(store: &Store, dir: &Path, scope: Option<&Scope>, actor: &Actor) -> Result<SyncSummary> {
    match scope {
        Some(s) => {
            let dir = dir.to_path_buf();
            let input = tokio::task::spawn_blocking(move || read_dir(&dir)).await.map_err(|e| AppError::Invalid(e.to_string()))??;
            apply(store, s, input, actor).await
        }
        None => import_values_streamed(store, dir, actor).await,
    }
}

/// Stores the values of saved responses one file at a time, so a directory of any size is imported
/// in the memory of its largest page.
async fn import_values_streamed(store: &Store, dir: &Path, actor: &Actor) -> Result<SyncSummary> {
    let files = saved::json_files(dir)?;
    let mut tx = store.begin().await?;
    let mut summary = SyncSummary::default();
    let mut kpis = Input { kpis: Vec::new(), kpis_fetched_at: DateTime::<Utc>::MIN_UTC, values: Vec::new() };
    for path in files {
        let s = tokio::task::spawn_blocking(move || saved::read_file(&path)).await.map_err(|e| AppError::Invalid(e.to_string()))??;
        match s.content {
            SavedFile::Kpis(k) => {
                kpis.kpis.extend(k);
                kpis.kpis_fetched_at = kpis.kpis_fetched_at.max(s.fetched_at);
            }
            SavedFile::Values(rows) => {
                let (raw, deleted) = raw_values(&rows, &s.fetched_at);
                summary.values += raw.len();
                summary.deleted += deleted;
                kstore::save_values(&mut tx, &raw).await?;
            }
        }
    }
    kstore::save_kpis(&mut tx, &kpi_meta(&kpis), actor).await?;
    tx.commit().await.map_err(styr_store::StoreError::from)?;
    Ok(summary)
}

fn raw_values(rows: &[DataRow], at: &DateTime<Utc>) -> (Vec<RawValue>, usize) {
    let at = now_rfc3339(*at);
    let mut deleted = 0;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        for v in &r.values {
            if v.isdeleted {
                deleted += 1;
                continue;
            }
            out.push(RawValue {
                kpi: r.kpi.clone(),
                area: r.area().to_string(),
                period: r.period,
                gender: v.gender.clone(),
                value: v.value,
                status: v.status.clone().filter(|s| !s.is_empty()),
                member_count: v.count,
                fetched_at: at.clone(),
            });
        }
    }
    (out, deleted)
}

fn kpi_meta(input: &Input) -> Vec<KpiMeta> {
    input
        .kpis
        .iter()
        .map(|k| KpiMeta {
            kpi: k.id.clone(),
            title: k.title.clone(),
            publication_date: k.publication_date.clone(),
            prel_publication_date: k.prel_publication_date.clone(),
            has_ou_data: k.has_ou_data,
            fetched_at: now_rfc3339(input.kpis_fetched_at),
        })
        .collect()
}

type OutcomeKey = (String, String, String, String);

fn key_of(o: &Outcome) -> OutcomeKey {
    (o.indicator.clone(), o.period.to_string(), o.gender.as_str().to_string(), o.comparison.code().to_string())
}

/// Stores values and metadata, turns the scope's values into outcomes with provenance, and
/// summarises what changed, in one transaction. Deleted rows are skipped; a `null` value becomes a
/// missing outcome (IU), never 0.
pub async fn apply(store: &Store, scope: &Scope, input: Input, actor: &Actor) -> Result<SyncSummary> {
    let known: BTreeSet<&str> = input.kpis.iter().map(|k| k.id.as_str()).collect();
    let meta: BTreeMap<&str, &Kpi> = input.kpis.iter().map(|k| (k.id.as_str(), k)).collect();
    let areas: BTreeSet<&str> = scope.areas.iter().map(String::as_str).collect();
    let years: BTreeSet<i32> = scope.years.iter().copied().collect();
    let previous: BTreeMap<OutcomeKey, Option<f64>> =
        styr_store::outcomes::load_outcomes(store, &scope.committee, None).await?.iter().map(|o| (key_of(o), o.value)).collect();
    let mut summary = SyncSummary {
        committee: scope.committee.clone(),
        kpis: scope.kpis().len(),
        indicators: scope.links.len(),
        areas: scope.areas.clone(),
        ..SyncSummary::default()
    };
    let mut outcomes = Vec::new();
    let mut provenance = Vec::new();
    let mut raw = Vec::new();
    for (rows, at, source) in &input.values {
        let (r, deleted) = raw_values(rows, at);
        summary.values += r.len();
        summary.deleted += deleted;
        raw.extend(r);
        for row in rows.iter().filter(|r| areas.contains(r.area()) && years.contains(&r.period)) {
            for (indicator, _) in scope.links.iter().filter(|(_, k)| *k == row.kpi) {
                for v in row.values.iter().filter(|v| !v.isdeleted) {
                    let Some(gender) = Gender::parse(&v.gender) else { continue };
                    let comparison = if row.area() == scope.own {
                        Comparison::Own
                    } else {
                        Comparison::parse(row.area()).map_err(|e| AppError::Invalid(e.to_string()))?
                    };
                    let (status, note) = match v.value {
                        Some(_) => (OutcomeStatus::Final, None),
                        None => (OutcomeStatus::Missing, Some("Kolada: värde saknas".to_string())),
                    };
                    let o = Outcome {
                        indicator: indicator.clone(),
                        period: Period::Year(row.period),
                        gender,
                        comparison,
                        regi: None,
                        value: v.value,
                        status,
                        note,
                    };
                    provenance.push(Provenance {
                        indicator: indicator.clone(),
                        period: o.period.to_string(),
                        gender: gender.as_str().to_string(),
                        comparison: o.comparison.code().to_string(),
                        regi: String::new(),
                        kpi: row.kpi.clone(),
                        area: row.area().to_string(),
                        source: source.clone(),
                        fetched_at: now_rfc3339(*at),
                        publication_date: meta.get(row.kpi.as_str()).and_then(|k| k.publication_date.clone()),
                    });
                    outcomes.push(o);
                }
            }
        }
    }
    let unknown: Vec<String> = scope.kpis().into_iter().filter(|k| !known.contains(k.as_str())).collect();
    if !unknown.is_empty() {
        return Err(AppError::Invalid(format!(
            "Kolada KPI metadata missing for {} (unknown KPI id, or its /kpi response was not saved)",
            unknown.join(", ")
        )));
    }
    for o in &outcomes {
        match previous.get(&key_of(o)) {
            Some(old) if *old == o.value => summary.unchanged += 1,
            old => {
                let (i, p, g, c) = key_of(o);
                summary.changed.push(ChangedValue {
                    indicator: i,
                    period: p,
                    gender: g,
                    comparison: c,
                    old: old.copied().flatten(),
                    new: o.value,
                    is_new: old.is_none(),
                });
            }
        }
    }
    let new_values: BTreeMap<OutcomeKey, Option<f64>> = outcomes.iter().map(|o| (key_of(o), o.value)).collect();
    for p in kstore::load_published(store, &scope.committee).await? {
        if let Some(now) = new_values.get(&(p.indicator.clone(), p.period.clone(), p.gender.clone(), p.comparison.clone()))
            && *now != p.value
        {
            summary.revised_after_publication.push(Revised {
                indicator: p.indicator,
                period: p.period,
                comparison: p.comparison,
                round: p.round,
                report: p.report,
                published: p.value,
                now: *now,
            });
        }
    }
    summary.outcomes_stored = outcomes.len();
    let mut tx = store.begin().await?;
    kstore::save_values(&mut tx, &raw).await?;
    kstore::save_kpis(&mut tx, &kpi_meta(&input), actor).await?;
    styr_store::outcomes::save_outcomes(&mut tx, &scope.committee, &outcomes, actor).await?;
    kstore::save_provenance(&mut tx, &scope.committee, &provenance, actor).await?;
    tx.commit().await.map_err(styr_store::StoreError::from)?;
    Ok(summary)
}

/// Records, for a round, the number each Kolada-linked outcome of the year had when the report went
/// out (call it when a report is adopted or exported). A later sync flags every value that differs.
pub async fn record_published_values(
    store: &Store,
    year: i32,
    committee: Option<&str>,
    round: &str,
    report: &str,
    actor: &Actor,
) -> Result<usize> {
    let (key, plan) = plan(store, year, committee).await?;
    if plan.round(round).is_none() {
        return Err(AppError::NotFound(format!("the plan {key} {year} has no round `{round}`")));
    }
    let linked: BTreeSet<String> = kolada_links(&plan).into_iter().map(|(i, _)| i).collect();
    let at = now_rfc3339(Utc::now());
    let rows: Vec<Published> = styr_store::outcomes::load_outcomes(store, &key, None)
        .await?
        .into_iter()
        .filter(|o| linked.contains(&o.indicator) && o.regi.is_none())
        .map(|o| Published {
            year,
            round: round.to_string(),
            indicator: o.indicator.clone(),
            period: o.period.to_string(),
            gender: o.gender.as_str().to_string(),
            comparison: o.comparison.code().to_string(),
            value: o.value,
            report: report.to_string(),
            published_at: at.clone(),
        })
        .collect();
    let mut tx = store.begin().await?;
    kstore::save_published(&mut tx, &key, &rows, actor).await?;
    tx.commit().await.map_err(styr_store::StoreError::from)?;
    Ok(rows.len())
}

/// One unit-level value: a plan node's value in Kolada's unit data for a Kolada-linked indicator
/// (total, gender T).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitValue {
    pub node: String,
    pub node_name: String,
    pub ou: String,
    pub indicator: String,
    pub kpi: String,
    pub year: i32,
    /// `None`: Kolada has the row but no value (missing, never 0).
    pub value: Option<f64>,
}

/// The stored unit-level values of every plan node with a Kolada OU id, per Kolada-linked
/// indicator and year, in the organisation's order.
pub async fn unit_values(store: &Store, year: i32, committee: Option<&str>) -> Result<Vec<UnitValue>> {
    let (_, plan) = plan(store, year, committee).await?;
    let links = kolada_links(&plan);
    let mut out = Vec::new();
    let mut by_kpi: BTreeMap<String, Vec<RawValue>> = BTreeMap::new();
    for (_, kpi) in &links {
        if !by_kpi.contains_key(kpi) {
            by_kpi.insert(kpi.clone(), kstore::load_values(store, kpi).await?);
        }
    }
    for (_, node) in styr_domain::OrgUnit::flatten(&plan.organisation) {
        let Some(ou) = &node.kolada_ou else { continue };
        for (indicator, kpi) in &links {
            for v in by_kpi[kpi].iter().filter(|v| v.area == ou.as_str() && v.gender == "T") {
                out.push(UnitValue {
                    node: node.id.clone(),
                    node_name: node.name.clone(),
                    ou: ou.as_str().to_string(),
                    indicator: indicator.clone(),
                    kpi: kpi.clone(),
                    year: v.period,
                    value: v.value,
                });
            }
        }
    }
    Ok(out)
}

/// Staleness of one Kolada-linked indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct Staleness {
    pub indicator: String,
    pub kpi: String,
    pub title: Option<String>,
    /// The latest fetch of any of its values.
    pub last_fetch: Option<String>,
    pub publication_date: Option<String>,
    pub prel_publication_date: Option<String>,
    /// Kolada's next publication is after the last fetch: newer values are coming.
    pub newer_expected: bool,
}

/// Per Kolada-linked indicator: the last fetch and Kolada's next publication.
pub async fn staleness(store: &Store, year: i32, committee: Option<&str>) -> Result<Vec<Staleness>> {
    let (key, plan) = plan(store, year, committee).await?;
    let prov = kstore::load_provenance(store, &key).await?;
    let mut out = Vec::new();
    for (indicator, kpi) in kolada_links(&plan) {
        let meta = kstore::load_kpi(store, &kpi).await?;
        let last_fetch = prov.iter().filter(|p| p.indicator == indicator).map(|p| p.fetched_at.clone()).max();
        let publication_date = meta.as_ref().and_then(|m| m.publication_date.clone());
        let newer_expected = match (&last_fetch, &publication_date) {
            (Some(f), Some(p)) => p.as_str() > &f[..f.len().min(10)],
            _ => false,
        };
        out.push(Staleness {
            indicator,
            kpi,
            title: meta.as_ref().map(|m| m.title.clone()),
            last_fetch,
            publication_date,
            prel_publication_date: meta.and_then(|m| m.prel_publication_date),
            newer_expected,
        });
    }
    Ok(out)
}
