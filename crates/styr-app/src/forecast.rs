//! Demography and forecasts: the tables of `styr forecast …`, `styr allocation` and
//! `styr population …`, computed by `styr_forecast` from a forecast model file
//! (`styr-forecast/1`) and a population CSV (observed years followed by a projection).

use std::collections::BTreeMap;

use styr_domain::format_sv::{number, percent, signed};
pub use styr_forecast::AgeBand;
use styr_forecast::allocation::{WhatIf, allocate};
use styr_forecast::decompose::{CostChangeInput, decompose, volume_budget};
use styr_forecast::projection::{Scenario, UnitCost, project, workforce};
use styr_forecast::rates::{UsageRate, VolumeSeries, usage_rate};
use styr_forecast::{ForecastError, Population};
use styr_formats::forecast_file::{ForecastModel, Series};
use styr_population::Record;
use styr_report::{Cell, Table};

/// Why a forecast could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ForecastAppError {
    #[error("{file}: {message}")]
    Read { file: String, message: String },
    #[error(transparent)]
    Format(#[from] styr_formats::FormatError),
    #[error(transparent)]
    Csv(#[from] styr_population::csvfile::CsvError),
    #[error(transparent)]
    PxWeb(#[from] styr_population::pxweb::PxWebError),
    #[error("series {series}: {source}")]
    Forecast { series: String, source: ForecastError },
    #[error(transparent)]
    Store(#[from] styr_store::StoreError),
    #[error("{0}")]
    Invalid(String),
}

type Result<T> = std::result::Result<T, ForecastAppError>;

/// The model and the population of its region.
pub struct Inputs {
    pub model: ForecastModel,
    pub population: Population,
}

fn read(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| ForecastAppError::Read { file: path.to_string(), message: e.to_string() })
}

/// Writes population records as CSV (the format [`read_population`] takes).
pub fn write_population<W: std::io::Write>(records: &[Record], out: W) -> Result<()> {
    styr_population::csvfile::write(records, out).map_err(|e| ForecastAppError::Invalid(e.to_string()))
}

/// Reads a population file (any regions): CSV, or a spreadsheet (`.xlsx`, `.xls`, `.ods`; the
/// first sheet unless `sheet` names one).
pub fn read_population(path: &str, sheet: Option<&str>) -> Result<Vec<Record>> {
    let lower = path.to_lowercase();
    if [".xlsx", ".xlsm", ".xls", ".ods"].iter().any(|e| lower.ends_with(e)) {
        let bytes = std::fs::read(path).map_err(|e| ForecastAppError::Read { file: path.to_string(), message: e.to_string() })?;
        return Ok(styr_population::xlsxfile::read(&bytes, path, sheet)?);
    }
    if let Some(s) = sheet {
        return Err(ForecastAppError::Invalid(format!("{path}: --sheet {s} is for spreadsheets; this is read as CSV")));
    }
    Ok(styr_population::csvfile::read(read(path)?.as_bytes(), path)?)
}

/// Reads the model file and the population CSV, keeping the model's region.
pub fn load(model: &str, population: &str) -> Result<Inputs> {
    let m = read_model(model)?;
    let records = read_population(population, None)?;
    let p = styr_population::population_of(&records, &m.region);
    if p.is_empty() {
        return Err(ForecastAppError::Invalid(format!("{population}: no rows for region {} (the model's region)", m.region)));
    }
    Ok(Inputs { model: m, population: p })
}

/// Reads the model file and takes its region's population from the database
/// (`styr population import`).
pub async fn load_stored(store: &styr_store::Store, model: &str) -> Result<Inputs> {
    let m = read_model(model)?;
    let p = stored_population(store, &m.region).await?;
    if p.is_empty() {
        return Err(ForecastAppError::Invalid(format!(
            "no population stored for region {} (the model's region): import one with `styr population import FILE`, or give --population FILE",
            m.region
        )));
    }
    Ok(Inputs { model: m, population: p })
}

fn read_model(model: &str) -> Result<ForecastModel> {
    Ok(styr_formats::forecast_file::parse(&read(model)?, model)?)
}

/// The stored population of `region`.
pub async fn stored_population(store: &styr_store::Store, region: &str) -> Result<Population> {
    let mut p = Population::default();
    for r in styr_store::population::load(store, region).await? {
        let sex = styr_forecast::Sex::parse(&r.sex)
            .ok_or_else(|| ForecastAppError::Invalid(format!("stored population {region} {}: unknown sex `{}`", r.year, r.sex)))?;
        p.add(r.year, sex, r.age, r.persons);
    }
    Ok(p)
}

/// What a population import changes in one region.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PopulationChange {
    pub region: String,
    pub years: Vec<i32>,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Stored rows of the file's years that the file no longer has.
    pub removed: usize,
}

/// Stores population records: each (region, year) the file has replaces the stored one, other years
/// and regions stay. The change set is computed first; with `dry_run` nothing is written. One
/// transaction.
pub async fn import_population(
    store: &styr_store::Store,
    records: &[Record],
    source: &str,
    dry_run: bool,
) -> Result<Vec<PopulationChange>> {
    use std::collections::BTreeSet;
    let mut seen = BTreeSet::new();
    for r in records {
        if !seen.insert((r.region.as_str(), r.year, r.age, r.sex.as_str())) {
            return Err(ForecastAppError::Invalid(format!(
                "{source}: region {} year {} age {} sex {} occurs twice",
                r.region,
                r.year,
                r.age,
                r.sex.as_str()
            )));
        }
    }
    let mut by_region: BTreeMap<&str, Vec<&Record>> = BTreeMap::new();
    for r in records {
        by_region.entry(r.region.as_str()).or_default().push(r);
    }
    let mut changes = Vec::new();
    for (region, rows) in &by_region {
        let years: BTreeSet<i32> = rows.iter().map(|r| r.year).collect();
        let stored: BTreeMap<(i32, u8, String), f64> = styr_store::population::load(store, region)
            .await?
            .into_iter()
            .filter(|s| years.contains(&s.year))
            .map(|s| ((s.year, s.age, s.sex), s.persons))
            .collect();
        let mut c = PopulationChange {
            region: region.to_string(),
            years: years.into_iter().collect(),
            new: 0,
            changed: 0,
            unchanged: 0,
            removed: 0,
        };
        let mut kept = 0;
        for r in rows {
            match stored.get(&(r.year, r.age, r.sex.as_str().to_string())) {
                None => c.new += 1,
                Some(old) if *old == r.persons => {
                    c.unchanged += 1;
                    kept += 1
                }
                Some(_) => {
                    c.changed += 1;
                    kept += 1
                }
            }
        }
        c.removed = stored.len() - kept;
        changes.push(c);
    }
    if !dry_run {
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let rows: Vec<styr_store::population::PopulationRow> = records
            .iter()
            .map(|r| styr_store::population::PopulationRow {
                region: r.region.clone(),
                year: r.year,
                age: r.age,
                sex: r.sex.as_str().to_string(),
                persons: r.persons,
                source: source.to_string(),
                imported_at: at.clone(),
            })
            .collect();
        let mut tx = store.begin().await?;
        styr_store::population::replace(&mut tx, &rows).await?;
        tx.commit().await.map_err(styr_store::StoreError::from)?;
    }
    Ok(changes)
}

fn series_of(s: &Series) -> VolumeSeries {
    VolumeSeries { id: s.id.clone(), name: s.name.clone(), unit: s.unit.clone(), band: s.band, volumes: s.volumes.clone() }
}

fn rate(inputs: &Inputs, s: &Series) -> Result<UsageRate> {
    usage_rate(&series_of(s), &inputs.population, inputs.model.base_years)
        .map_err(|source| ForecastAppError::Forecast { series: s.id.clone(), source })
}

fn cell(s: impl Into<String>) -> Cell {
    Cell::stored(s)
}
fn derived(s: impl Into<String>) -> Cell {
    Cell::derived(s)
}
fn mnkr(kr: Option<f64>) -> Cell {
    derived(kr.map(|k| number(k / 1e6, 1)).unwrap_or_else(|| "–".into()))
}
fn per_1000(rate: f64) -> String {
    number(rate * 1000.0, 1)
}
fn years_label(years: &[i32]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => "–".into(),
    }
}

/// Usage rates per series: volume per 1 000 inhabitants of the age band, per year, with the base
/// years and the trend.
pub fn rates_table(inputs: &Inputs) -> Result<Table> {
    let rates: Vec<(&Series, UsageRate)> = inputs.model.series.iter().map(|s| Ok((s, rate(inputs, s)?))).collect::<Result<_>>()?;
    let years: Vec<i32> =
        rates.iter().flat_map(|(_, r)| r.history.iter().map(|h| h.year)).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let mut header = vec!["Tjänst".to_string(), "Åldersgrupp".into(), "Enhet".into()];
    header.extend(years.iter().map(|y| y.to_string()));
    header.extend(["Basår".to_string(), "Bas".into(), "Trend per år".into()]);
    let mut t = Table::new("Nyttjandegrad per 1 000 invånare i åldersgruppen", header);
    for (s, r) in &rates {
        let mut row = vec![cell(&s.name), cell(s.band.label()), cell(&s.unit)];
        row.extend(
            years.iter().map(|y| derived(r.history.iter().find(|h| h.year == *y).map(|h| per_1000(h.rate)).unwrap_or_else(|| "–".into()))),
        );
        row.push(derived(years_label(&r.base_years)));
        row.push(derived(per_1000(r.base)));
        row.push(derived(r.slope.map(|s| signed(s * 1000.0, 2)).unwrap_or_else(|| "–".into())));
        t.push(row);
    }
    Ok(t)
}

/// The scenarios a model can run: constant and trend always, the policy target where a series has one.
pub fn scenario_for(s: &Series, name: &str) -> Result<Scenario> {
    match name {
        "constant" => Ok(Scenario::Constant),
        "trend" => Ok(Scenario::Trend),
        // A series without a target keeps its rate in the policy scenario: only targeted rates change.
        "target" => Ok(s.target.map(|t| Scenario::Target { rate: t.rate, year: t.year }).unwrap_or(Scenario::Constant)),
        other => Err(ForecastAppError::Invalid(format!("unknown scenario `{other}` (constant, trend, target)"))),
    }
}

/// Volume, cost and staff per series and year under `scenario`, and the workforce table.
pub fn projection_tables(inputs: &Inputs, scenario: &str, years: i32) -> Result<Vec<Table>> {
    let m = &inputs.model;
    let mut by_series = Vec::new();
    for s in &m.series {
        let r = rate(inputs, s)?;
        let sc = scenario_for(s, scenario)?;
        let p = project(&r, &inputs.population, sc, UnitCost { cost: s.unit_cost, staff: s.staff_per_unit }, m.index, years)
            .map_err(|source| ForecastAppError::Forecast { series: s.id.clone(), source })?;
        by_series.push((s, r, p));
    }
    let all_years: Vec<i32> =
        by_series.iter().flat_map(|(_, _, p)| p.iter().map(|y| y.year)).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let label = Scenario::label(&scenario_for(&m.series[0], scenario)?);
    let label = if scenario == "target" { "Politiskt mål" } else { label };
    let head = |first: &str, with_base: bool| {
        let mut h = vec![first.to_string()];
        if with_base {
            h.push("Utfall basår".into());
        }
        h.extend(all_years.iter().map(|y| y.to_string()));
        h
    };
    let mut volumes = Table::new(format!("Volymprognos – {label}"), head("Tjänst", true));
    let mut costs = Table::new(format!("Kostnadsprognos, mnkr (löpande priser) – {label}"), head("Tjänst", false));
    let mut cost_sum: BTreeMap<i32, Option<f64>> = all_years.iter().map(|y| (*y, Some(0.0))).collect();
    let mut staff_sum: BTreeMap<i32, Option<f64>> = all_years.iter().map(|y| (*y, None)).collect();
    for (s, r, p) in &by_series {
        let base = s.volumes.get(&r.base_year()).copied();
        let mut row = vec![
            cell(format!("{} ({}, {})", s.name, s.unit, s.band.label())),
            cell(base.map(|v| number(v, 0)).unwrap_or_else(|| "–".into())),
        ];
        let mut crow = vec![cell(&s.name)];
        for y in &all_years {
            let py = p.iter().find(|x| x.year == *y);
            row.push(derived(py.map(|x| number(x.volume, 0)).unwrap_or_else(|| "–".into())));
            let c = py.and_then(|x| x.cost);
            crow.push(mnkr(c));
            let e = cost_sum.get_mut(y).expect("year listed");
            *e = e.zip(c).map(|(a, b)| a + b);
            if let Some(st) = py.and_then(|x| x.staff) {
                let e = staff_sum.get_mut(y).expect("year listed");
                *e = Some(e.unwrap_or(0.0) + st);
            }
        }
        volumes.push(row);
        costs.push(crow);
    }
    let mut total = vec![cell("Summa")];
    total.extend(all_years.iter().map(|y| mnkr(cost_sum[y])));
    costs.push(total);
    if cost_sum.values().any(Option::is_none) {
        let last = costs.rows.len() - 1;
        costs.note_row(last, "*", "Summan saknas för år där någon tjänst saknar styckkostnad.");
    }

    let staff: Vec<(i32, Option<f64>)> = all_years.iter().map(|y| (*y, staff_sum[y])).collect();
    let w = workforce(&inputs.population, m.working_age, m.older, &staff)
        .map_err(|source| ForecastAppError::Forecast { series: "arbetskraft".into(), source })?;
    let mut wt = Table::new(
        format!("Färre ska ta hand om fler – {label}"),
        vec![
            "År".into(),
            format!("Invånare {}", m.working_age.label()),
            format!("Invånare {}", m.older.label()),
            format!("{} per invånare {}", m.working_age.label(), m.older.label()),
            "Personalbehov, årsarbetare".into(),
            format!("Andel av {}", m.working_age.label()),
        ],
    );
    for x in &w {
        wt.push(vec![
            cell(x.year.to_string()),
            derived(number(x.working_age, 0)),
            derived(number(x.older, 0)),
            derived(x.working_age_per_older.map(|v| number(v, 1)).unwrap_or_else(|| "–".into())),
            derived(x.staff.map(|v| number(v, 0)).unwrap_or_else(|| "–".into())),
            derived(x.staff_share.map(|v| percent(v * 100.0, 1)).unwrap_or_else(|| "–".into())),
        ]);
    }
    Ok(vec![volumes, costs, wt])
}

fn band_change(pop: &Population, band: AgeBand, from: i32, to: i32) -> (Option<f64>, Option<f64>) {
    (pop.band_total(from, band), pop.band_total(to, band))
}

/// The change in net cost per series between `from` and `to`: wage/price, volume, remainder, and
/// volume growth against the growth of the age band.
pub fn change_table(inputs: &Inputs, from: i32, to: i32) -> Result<Table> {
    if from >= to {
        return Err(ForecastAppError::Invalid(format!("--from {from} must be before --to {to}")));
    }
    let index = (1.0 + inputs.model.index.yearly()).powi(to - from) - 1.0;
    let mut t = Table::new(
        format!("Nettokostnadsförändring {from}–{to}, mnkr"),
        [
            "Verksamhet",
            &format!("Nettokostnad {from}"),
            &format!("Nettokostnad {to}"),
            "Förändring",
            "varav löner och priser",
            "varav volym",
            "varav övrigt",
            "Volymförändring",
            "Befolkningsförändring",
        ]
        .map(String::from)
        .to_vec(),
    );
    let mut sums = [0.0f64; 6];
    let mut volume_missing = false;
    for s in &inputs.model.series {
        let (Some(&c0), Some(&c1)) = (s.net_cost.get(&from), s.net_cost.get(&to)) else { continue };
        let (p0, p1) = band_change(&inputs.population, s.band, from, to);
        let d = decompose(&CostChangeInput {
            cost_before: c0,
            cost_after: c1,
            volume_before: s.volumes.get(&from).copied(),
            volume_after: s.volumes.get(&to).copied(),
            index,
            population_before: p0,
            population_after: p1,
        });
        for (acc, v) in sums.iter_mut().zip([c0, c1, d.change, d.wage_price, d.volume.unwrap_or(0.0), d.remainder]) {
            *acc += v;
        }
        volume_missing |= d.volume.is_none();
        let pct = |g: Option<f64>| derived(g.map(|g| percent(g * 100.0, 1)).unwrap_or_else(|| "–".into()));
        t.push(vec![
            cell(&s.name),
            mnkr(Some(c0)),
            mnkr(Some(c1)),
            mnkr(Some(d.change)),
            mnkr(Some(d.wage_price)),
            mnkr(d.volume),
            mnkr(Some(d.remainder)),
            pct(d.volume_growth),
            derived(match d.demographic_growth {
                Some(g) => format!("{} ({})", percent(g * 100.0, 1), s.band.label()),
                None => "–".into(),
            }),
        ]);
    }
    if t.rows.is_empty() {
        return Err(ForecastAppError::Invalid(format!("no series has a net cost for both {from} and {to}")));
    }
    let mut total = vec![cell("Summa")];
    total.extend(sums.iter().map(|v| mnkr(Some(*v))));
    total.extend([derived(""), derived("")]);
    t.push(total);
    t.note_row(
        0,
        "1",
        &format!(
            "Löner och priser: {} per år (lönedel {}).",
            percent(inputs.model.index.yearly() * 100.0, 1),
            percent(inputs.model.index.wage_share * 100.0, 0)
        ),
    );
    if volume_missing {
        t.note_row(t.rows.len() - 1, "2", "Volymeffekten saknas där volym saknas för något av åren; den ingår då i övrigt.");
    }
    Ok(t)
}

/// The volume budget result per series of `year`: budgeted volume × unit cost against the volume
/// delivered.
pub fn volume_budget_table(inputs: &Inputs, year: i32) -> Result<Table> {
    let mut t = Table::new(
        format!("Volymbudget {year}"),
        [
            "Verksamhet",
            "Enhet",
            "Budgeterad volym",
            "Utfall volym",
            "Pris, kr",
            "Budget, mnkr",
            "Volymjusterad budget, mnkr",
            "Volymresultat, mnkr",
            "Nettokostnad, mnkr",
            "Resultat mot volymjusterad budget, mnkr",
        ]
        .map(String::from)
        .to_vec(),
    );
    let mut total = (0.0, 0.0, 0.0);
    for s in &inputs.model.series {
        let (Some(&b), Some(&a), Some(price)) = (s.budget_volume.get(&year), s.volumes.get(&year), s.unit_cost) else { continue };
        let cost = s.net_cost.get(&year).copied();
        let v = volume_budget(b, a, price, cost);
        total = (total.0 + v.budget, total.1 + v.volume_adjusted, total.2 + v.volume_result);
        t.push(vec![
            cell(&s.name),
            cell(&s.unit),
            cell(number(b, 0)),
            cell(number(a, 0)),
            cell(number(price, 0)),
            mnkr(Some(v.budget)),
            mnkr(Some(v.volume_adjusted)),
            mnkr(Some(v.volume_result)),
            mnkr(cost),
            mnkr(v.price_result),
        ]);
    }
    if t.rows.is_empty() {
        return Err(ForecastAppError::Invalid(format!("no series has a budgeted volume, a volume and a unit cost for {year}")));
    }
    t.push(vec![
        cell("Summa"),
        cell(""),
        cell(""),
        cell(""),
        cell(""),
        mnkr(Some(total.0)),
        mnkr(Some(total.1)),
        mnkr(Some(total.2)),
        cell(""),
        cell(""),
    ]);
    Ok(t)
}

/// Parses a what-if: `--price SERVICE[/LEVEL]=KR` and `--change SERVICE=PERCENT` (`+2`, `-1,5`).
pub fn what_if(prices: &[String], changes: &[String]) -> Result<WhatIf> {
    let mut w = WhatIf::default();
    let num = |s: &str, what: &str| {
        styr_domain::format_sv::parse_number(s.trim().trim_end_matches('%'))
            .ok_or_else(|| ForecastAppError::Invalid(format!("{what}: `{s}` is not a number")))
    };
    for p in prices {
        let (key, value) =
            p.split_once('=').ok_or_else(|| ForecastAppError::Invalid(format!("--price {p}: expected SERVICE[/LEVEL]=KR")))?;
        let (service, level) = match key.split_once('/') {
            Some((s, l)) => (s.to_string(), Some(l.to_string())),
            None => (key.to_string(), None),
        };
        w.prices.insert((service, level), num(value, &format!("--price {p}"))?);
    }
    for c in changes {
        let (service, value) =
            c.split_once('=').ok_or_else(|| ForecastAppError::Invalid(format!("--change {c}: expected SERVICE=PERCENT")))?;
        w.factors.insert(service.to_string(), 1.0 + num(value.trim_start_matches('+'), &format!("--change {c}"))? / 100.0);
    }
    Ok(w)
}

/// Allocation, cost and result per unit for `year`, with the what-if columns when one is given.
pub fn allocation_table(model: &ForecastModel, year: i32, what: &WhatIf) -> Result<Table> {
    let a = model.allocation.iter().find(|a| a.year == year).ok_or_else(|| {
        let years: Vec<String> = model.allocation.iter().map(|a| a.year.to_string()).collect();
        ForecastAppError::Invalid(format!(
            "no allocation prices for {year} (the model has {})",
            if years.is_empty() { "none".into() } else { years.join(", ") }
        ))
    })?;
    for (service, level) in what.prices.keys() {
        if !a.prices.iter().any(|p| &p.service == service && (level.is_none() || &p.level == level)) {
            return Err(ForecastAppError::Invalid(format!(
                "--price: {year} has no price for {service}{}",
                level.as_ref().map(|l| format!("/{l}")).unwrap_or_default()
            )));
        }
    }
    for service in what.factors.keys() {
        if !a.prices.iter().any(|p| &p.service == service) {
            return Err(ForecastAppError::Invalid(format!("--change: {year} has no price for {service}")));
        }
    }
    let units = allocate(&a.prices, &a.volumes, &a.costs, what)
        .map_err(|source| ForecastAppError::Forecast { series: "allocation".into(), source })?;
    let mut header: Vec<String> = ["Enhet", "Tilldelning", "Kostnad", "Resultat"].map(String::from).to_vec();
    if !what.is_empty() {
        header.extend(["Tilldelning, alternativ", "Resultat, alternativ", "Skillnad"].map(String::from));
    }
    let mut t = Table::new(format!("Resursfördelning {year}, tkr"), header);
    let tkr = |v: Option<f64>| derived(v.map(|v| number(v / 1e3, 0)).unwrap_or_else(|| "–".into()));
    let mut sum = [Some(0.0f64); 5];
    for u in &units {
        let vals = [Some(u.allocation), u.cost, u.result, Some(u.what_if_allocation), u.what_if_result];
        for (s, v) in sum.iter_mut().zip(vals) {
            *s = s.zip(v).map(|(a, b)| a + b);
        }
        let mut row = vec![cell(&u.unit), tkr(Some(u.allocation)), tkr(u.cost), tkr(u.result)];
        if !what.is_empty() {
            row.extend([tkr(Some(u.what_if_allocation)), tkr(u.what_if_result), tkr(Some(u.what_if_allocation - u.allocation))]);
        }
        t.push(row);
    }
    let mut total = vec![cell("Summa"), tkr(sum[0]), tkr(sum[1]), tkr(sum[2])];
    if !what.is_empty() {
        total.extend([tkr(sum[3]), tkr(sum[4]), tkr(sum[3].zip(sum[0]).map(|(a, b)| a - b))]);
    }
    t.push(total);
    Ok(t)
}

/// Population per age band and year (for `styr population summary`).
pub fn population_table(records: &[Record], region: &str, bands: &[AgeBand]) -> Result<Table> {
    let p = styr_population::population_of(records, region);
    if p.is_empty() {
        return Err(ForecastAppError::Invalid(format!("no rows for region {region}")));
    }
    let mut header = vec!["År".to_string()];
    header.extend(bands.iter().map(|b| b.label()));
    header.push("Totalt".into());
    let mut t = Table::new(format!("Befolkning {region}"), header);
    let all = AgeBand::new(0, None).expect("0- is a band");
    for y in p.years() {
        let mut row = vec![cell(y.to_string())];
        row.extend(bands.iter().chain([&all]).map(|b| derived(p.band_total(y, *b).map(|v| number(v, 0)).unwrap_or_else(|| "–".into()))));
        t.push(row);
    }
    Ok(t)
}

/// Fetches population (TAB638) or projection (TAB698) records from PxWebApi v2 at `base`.
pub fn fetch_population(base: &str, projection: bool, regions: Vec<String>, years: Vec<i32>) -> Result<Vec<Record>> {
    use styr_population::pxweb::{Client, Query};
    let q = if projection { Query::projection(regions, years) } else { Query::population(regions, years) };
    Ok(Client::new(base).fetch(&q)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> Inputs {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../demo/");
        load(&format!("{dir}exempelkommun-forecast.yaml"), &format!("{dir}exempelkommun-population.csv")).unwrap()
    }

    fn row<'a>(t: &'a Table, first: &str) -> Vec<&'a str> {
        t.rows
            .iter()
            .find(|r| r[0].text == first)
            .unwrap_or_else(|| panic!("no row {first} in {}", t.title))
            .iter()
            .map(|c| c.text.as_str())
            .collect()
    }

    #[test]
    fn the_demo_allocation_gives_each_unit_its_hand_computed_result() {
        let m = demo().model;
        let t = allocation_table(&m, 2024, &WhatIf::default()).unwrap();
        // Ekbacken: 10 950 × 2 650 + 14 600 × 2 950 + 7 300 × 3 400 = 96 907 500 kr against 95 200 000.
        assert_eq!(row(&t, "Ekbackens vård- och omsorgsboende"), ["Ekbackens vård- och omsorgsboende", "96 908", "95 200", "1 708"]);
        // Lindgården: 12 775 × 2 650 + 20 075 × 2 950 + 12 775 × 3 400 = 136 510 000 against 141 300 000.
        assert_eq!(row(&t, "Lindgårdens vård- och omsorgsboende")[3], "-4 790");
        let w = what_if(&["sabo/2=3050".into()], &[]).unwrap();
        let t = allocation_table(&m, 2024, &w).unwrap();
        // +100 kr on level 2: Ekbacken +1 460 tkr, hemtjänst unchanged.
        assert_eq!(row(&t, "Ekbackens vård- och omsorgsboende")[6], "1 460");
        assert_eq!(row(&t, "Hemtjänst egen regi")[6], "0");
        assert!(allocation_table(&m, 2024, &what_if(&["hemtjanst/9=1".into()], &[]).unwrap()).is_err());
        assert!(allocation_table(&m, 2031, &WhatIf::default()).unwrap_err().to_string().contains("2024"));
    }

    #[test]
    fn the_demo_forecast_tables_are_filled_and_the_target_moves_only_its_series() {
        let i = demo();
        let rates = rates_table(&i).unwrap();
        assert_eq!(rates.rows.len(), 4);
        assert_eq!(row(&rates, "Särskilt boende")[rates.header.iter().position(|h| h == "Basår").unwrap()], "2022–2024");
        let constant = projection_tables(&i, "constant", 6).unwrap();
        let target = projection_tables(&i, "target", 6).unwrap();
        assert_eq!(constant[0].header.last().map(String::as_str), Some("2030"));
        assert_ne!(row(&constant[0], "Särskilt boende (platser, 80+ år)"), row(&target[0], "Särskilt boende (platser, 80+ år)"));
        assert_eq!(row(&constant[0], "Hemtjänst 80+ (timmar, 80+ år)"), row(&target[0], "Hemtjänst 80+ (timmar, 80+ år)"));
        let change = change_table(&i, 2023, 2024).unwrap();
        assert_eq!(row(&change, "Summa")[3], "35,6"); // (227,9 + 158,7 + 68,0 + 85,6) − (213,5 + 147,3 + 63,8 + 80,0)
        let vb = volume_budget_table(&i, 2024).unwrap();
        // Särskilt boende: (218 − 215) × 1 060 000 = 3,18 mnkr.
        assert_eq!(row(&vb, "Särskilt boende")[7], "3,2");
    }
}
