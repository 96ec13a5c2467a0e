//! Operational measures from event exports (`styr measures …`): read a folder of exports, compute
//! every measure whose inputs are present, and generate synthetic exports.

use std::path::Path;

use styr_measures::generate::{GenerateOptions, GenerateSummary};
use styr_measures::kernels::continuity::{Continuity, ContinuityOptions, continuity};
use styr_measures::kernels::granted::{GrantedRow, granted_vs_performed};
use styr_measures::kernels::lead_times::{LeadTime, LeadTimeRow, NotExecuted, lead_times, not_executed_within_3_months};
use styr_measures::kernels::occupancy::{OccupancyRow, occupancy};
use styr_measures::kernels::staffing::{Staffing, staffing};
pub use styr_measures::{Progress, generate::Scale, kernels, time};

use styr_domain::{Comparison, Gender, Outcome, OutcomeStatus, Period};
use styr_measures::kernels::staffing::Span;
use styr_store::measures::MeasureProvenance;

use crate::{Actor, AppError, Changes, Result, Store};

/// What was computed; a measure whose input file is absent is `None` (or empty) and named in
/// `not_computed`.
#[derive(Debug, Clone)]
pub struct MeasuresReport {
    /// The range, day numbers.
    pub from: i32,
    pub to: i32,
    pub continuity_options: ContinuityOptions,
    pub files: Vec<String>,
    pub continuity: Option<Continuity>,
    pub granted: Option<Vec<GrantedRow>>,
    pub lead_times: Vec<(LeadTime, Vec<LeadTimeRow>)>,
    pub not_executed: Option<Vec<NotExecuted>>,
    pub occupancy: Option<Vec<OccupancyRow>>,
    /// Timanställdas andel and sjukfrånvaro.
    pub staffing: Option<Staffing>,
    pub not_computed: Vec<String>,
}

/// Reads the exports in `input` (all schemas first, then the rows) and computes over `from..=to`
/// (day numbers). Nothing is computed if any file is malformed.
pub fn compute(input: &Path, from: i32, to: i32, options: &ContinuityOptions, progress: &mut dyn Progress) -> Result<MeasuresReport> {
    if to < from {
        return Err(AppError::Invalid(format!("--to {} is before --from {}", time::format_date(to), time::format_date(from))));
    }
    let inputs = styr_measures::load(input, progress)?;
    let mut not_computed = Vec::new();
    let continuity = match &inputs.visits {
        Some(v) => Some(continuity(v, &inputs.dicts, from, to, options)?),
        None => {
            not_computed.push("personalkontinuitet och utförd tid: ingen visits-fil".to_string());
            None
        }
    };
    let granted = (inputs.visits.is_some() || inputs.decisions.is_some())
        .then(|| granted_vs_performed(inputs.visits.as_ref(), inputs.decisions.as_ref(), &inputs.dicts, from, to));
    let (lead, not_executed) = match &inputs.decisions {
        Some(d) => (
            LeadTime::ALL.iter().map(|&m| (m, lead_times(d, m, from, to))).collect(),
            Some(not_executed_within_3_months(d, &inputs.dicts, from, to)),
        ),
        None => {
            not_computed.push("utredningstid, verkställighetstid, väntetid: ingen decisions-fil".to_string());
            (Vec::new(), None)
        }
    };
    let occupancy = (inputs.stays.is_some() || inputs.places.is_some())
        .then(|| occupancy(inputs.stays.as_ref(), inputs.places.as_ref(), &inputs.dicts, from, to));
    if occupancy.is_none() {
        not_computed.push("beläggning: ingen stays- eller places-fil".to_string());
    }
    let staffing = match (&inputs.time_reports, &inputs.staff) {
        (Some(r), Some(s)) => Some(staffing(r, s, from, to)),
        _ => {
            not_computed.push("timanställdas andel och sjukfrånvaro: ingen time_reports-fil".to_string());
            None
        }
    };
    Ok(MeasuresReport {
        from,
        to,
        continuity_options: *options,
        files: inputs.files.iter().map(|(p, _)| p.display().to_string()).collect(),
        continuity,
        granted,
        lead_times: lead,
        not_executed,
        occupancy,
        staffing,
        not_computed,
    })
}

/// Writes synthetic exports into `dir`; `progress` gets the days written.
pub fn generate(dir: &Path, scale: Scale, seed: u64, progress: &mut dyn FnMut(u32)) -> Result<GenerateSummary> {
    styr_measures::generate::generate(dir, &GenerateOptions::for_scale(scale, seed), progress)
        .map_err(|e| AppError::Invalid(format!("{}: {e}", dir.display())))
}

/// The measures that can be stored as an indicator's outcome, each one number per period:
/// (name, what the number is).
pub const STORABLE: &[(&str, &str)] = &[
    ("personalkontinuitet", "mean distinct staff per client and 14-day window, all units (antal)"),
    ("personalkontinuitet_over_15", "share of client-windows with more than 15 staff (procent)"),
    ("personalkontinuitet_over_20", "share of client-windows with more than 20 staff (procent)"),
    ("utford_andel_av_beviljad", "performed hours as a share of granted hours, all units (procent)"),
    ("utredningstid", "mean days from application to decision, decisions in the range, all services"),
    ("verkstallighetstid", "mean days from decision to execution, executions in the range, all services"),
    ("vantetid", "mean days from application to the first offered move-in, offers in the range"),
    ("ej_verkstallda_3_manader", "decisions not executed within three months (antal)"),
    ("belaggning", "occupied nights as a share of place-nights, boenden with places (procent)"),
    ("timanstalldas_andel", "hourly-paid staff's share of worked hours, the range (procent)"),
    ("sjukfranvaro", "sick hours as a share of worked + sick hours, the range, total, K and M (procent)"),
];

/// Which indicator of the plan gets which measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureMapping {
    pub measure: String,
    pub indicator: String,
}

impl MeasureMapping {
    /// `measure=indicator`, as `--indicator` takes it.
    pub fn parse(s: &str) -> Result<MeasureMapping> {
        let Some((m, i)) = s.split_once('=').map(|(m, i)| (m.trim(), i.trim())).filter(|(m, i)| !m.is_empty() && !i.is_empty()) else {
            return Err(AppError::Invalid(format!("--indicator {s:?}: expected MEASURE=INDICATOR, e.g. sjukfranvaro=sjukfranvaro")));
        };
        Ok(MeasureMapping { measure: m.to_string(), indicator: i.to_string() })
    }
}

/// What was stored.
#[derive(Debug, Clone)]
pub struct StoredOutcomes {
    pub committee: String,
    pub period: Period,
    pub outcomes: Vec<Outcome>,
    pub changes: Changes,
}

/// The period a range covers: a whole year, a year to date (1 January to a month's end) or a month.
pub fn period_of_range(from: i32, to: i32) -> Result<Period> {
    let ((fy, fm, fd), (ty, tm, td)) = (time::civil_from_days(from), time::civil_from_days(to));
    let month_end = td == time::days_in_month(ty, tm);
    match (fy == ty, fm, fd, month_end) {
        (true, 1, 1, true) if tm == 12 => Ok(Period::Year(fy)),
        (true, 1, 1, true) => Ok(Period::YearToDate { year: fy, month: tm }),
        (true, m, 1, true) if m == tm => Ok(Period::Month { year: fy, month: fm }),
        _ => Err(AppError::Invalid(format!(
            "outcomes are stored for a year, a year to date or a month: --from {} --to {} is none of them",
            time::format_date(from),
            time::format_date(to)
        ))),
    }
}

fn pct(x: f64) -> f64 {
    x * 100.0
}

/// (gender, value) of a measure in the report; `None` as value when the measure has none (no
/// clients counted, no hours granted …). An error when its input was not in the folder.
fn values_of(measure: &str, r: &MeasuresReport) -> Result<Vec<(Gender, Option<f64>)>> {
    let missing = |what: &str| AppError::Invalid(format!("{measure} was not computed: no {what} file in the input folder"));
    let total = |v: Option<f64>| vec![(Gender::T, v)];
    let mean_days = |m: LeadTime| -> Vec<(Gender, Option<f64>)> {
        let rows = r.lead_times.iter().find(|(x, _)| *x == m).map(|(_, rows)| rows.as_slice()).unwrap_or(&[]);
        let n: u64 = rows.iter().map(|l| l.decisions).sum();
        total((n > 0).then(|| rows.iter().map(|l| l.mean_days * l.decisions as f64).sum::<f64>() / n as f64))
    };
    let continuity =
        || r.continuity.as_ref().ok_or_else(|| missing("visits")).map(|c| c.units.iter().find(|u| u.unit_id.is_none()).cloned());
    Ok(match measure {
        "personalkontinuitet" => total(continuity()?.map(|t| t.mean_staff)),
        "personalkontinuitet_over_15" => total(continuity()?.map(|t| pct(t.share_over_15))),
        "personalkontinuitet_over_20" => total(continuity()?.map(|t| pct(t.share_over_20))),
        "utford_andel_av_beviljad" => {
            let rows = r.granted.as_ref().ok_or_else(|| missing("visits or decisions"))?;
            let t = kernels::granted::totals(rows).pop().expect("the total row");
            total((t.granted_hours > 0.0).then(|| pct(t.performed_hours / t.granted_hours)))
        }
        "utredningstid" | "verkstallighetstid" | "vantetid" => {
            if r.not_executed.is_none() {
                return Err(missing("decisions"));
            }
            mean_days(LeadTime::ALL.into_iter().find(|m| m.name() == measure).expect("a lead time"))
        }
        "ej_verkstallda_3_manader" => total(Some(r.not_executed.as_ref().ok_or_else(|| missing("decisions"))?.len() as f64)),
        "belaggning" => {
            let rows = r.occupancy.as_ref().ok_or_else(|| missing("stays or places"))?;
            let (occupied, places) = rows
                .iter()
                .filter_map(|o| o.place_nights.map(|p| (o.occupied_nights, p)))
                .fold((0i64, 0i64), |(a, b), (o, p)| (a + o, b + p));
            total((places > 0).then(|| pct(occupied as f64 / places as f64)))
        }
        "timanstalldas_andel" | "sjukfranvaro" => {
            let s = r.staffing.as_ref().ok_or_else(|| missing("time_reports"))?;
            if measure == "timanstalldas_andel" {
                let last = s.hourly_share.iter().rfind(|h| h.span == Span::YearToDate);
                total(last.and_then(|h| h.share()).map(pct))
            } else {
                let last_month = s.sick_leave.iter().map(|x| x.month).max();
                [(Gender::T, "all"), (Gender::K, "K"), (Gender::M, "M")]
                    .into_iter()
                    .map(|(g, code)| {
                        let row = s
                            .sick_leave
                            .iter()
                            .find(|x| Some(x.month) == last_month && x.span == Span::YearToDate && x.gender == code && x.age_band == "all");
                        (g, row.and_then(|x| x.rate()).map(pct))
                    })
                    .collect()
            }
        }
        other => {
            let names: Vec<&str> = STORABLE.iter().map(|(n, _)| *n).collect();
            return Err(AppError::Invalid(format!("no measure {other:?} to store; the measures are {}", names.join(", "))));
        }
    })
}

/// The definition recorded with a stored value: what the number is and the options used.
fn definition_of(measure: &str, r: &MeasuresReport) -> String {
    let what = STORABLE.iter().find(|(n, _)| *n == measure).map_or("", |(_, d)| d);
    let options = if measure.starts_with("personalkontinuitet") {
        let o = &r.continuity_options;
        let hm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        format!(
            "; window {} days, counted when at least {} days have a visit starting {}–{} and one starting {}–{} (styr-measures, kernels::continuity)",
            o.window_days,
            o.min_days,
            hm(o.morning.0),
            hm(o.morning.1),
            hm(o.evening.0),
            hm(o.evening.1)
        )
    } else if measure == "sjukfranvaro" || measure == "timanstalldas_andel" {
        " (styr-measures, kernels::staffing; year to date at the range's last month)".to_string()
    } else {
        " (styr-measures)".to_string()
    };
    format!("{what}{options}")
}

fn describe_files(files: &[String]) -> String {
    files
        .iter()
        .map(|f| match std::fs::metadata(f) {
            Ok(m) => {
                let modified =
                    m.modified().ok().map(|t| chrono::DateTime::<chrono::Utc>::from(t).to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
                format!("{f} ({} bytes, modified {})", m.len(), modified.unwrap_or_else(|| "–".into()))
            }
            Err(_) => f.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Stores the mapped measures of a computed report as outcomes of the committee's plan for `year`
/// (default: the range's year), each with its provenance, in one transaction. Every measure name
/// and indicator id is checked first: an unknown one stores nothing.
pub async fn store_as_outcomes(
    store: &Store,
    report: &MeasuresReport,
    mapping: &[MeasureMapping],
    year: Option<i32>,
    committee: Option<&str>,
    actor: &Actor,
) -> Result<StoredOutcomes> {
    if mapping.is_empty() {
        return Err(AppError::Invalid("--store-as-outcomes needs at least one --indicator MEASURE=INDICATOR".into()));
    }
    let period = period_of_range(report.from, report.to)?;
    let year = year.unwrap_or(period.year());
    let (key, plan) = crate::listing::plan(store, year, committee).await?;
    let computed_at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let files = describe_files(&report.files);
    let mut outcomes = Vec::new();
    let mut provenance = Vec::new();
    for m in mapping {
        if plan.indicator(&m.indicator).is_none() {
            return Err(AppError::NotFound(format!(
                "the plan {key} {year} has no indicator `{}` (for the measure {})",
                m.indicator, m.measure
            )));
        }
        if mapping.iter().filter(|o| o.indicator == m.indicator).count() > 1 {
            return Err(AppError::Invalid(format!("the indicator `{}` is given more than one measure", m.indicator)));
        }
        for (gender, value) in values_of(&m.measure, report)? {
            let outcome = Outcome {
                indicator: m.indicator.clone(),
                period,
                gender,
                comparison: Comparison::Own,
                regi: None,
                value,
                status: if value.is_some() { OutcomeStatus::Final } else { OutcomeStatus::Missing },
                note: value.is_none().then(|| format!("{}: inget underlag i exporterna för perioden", m.measure)),
            };
            provenance.push(MeasureProvenance {
                indicator: m.indicator.clone(),
                period: period.to_string(),
                gender: gender.as_str().to_string(),
                comparison: String::new(),
                regi: String::new(),
                measure: m.measure.clone(),
                definition: definition_of(&m.measure, report),
                range_from: time::format_date(report.from),
                range_to: time::format_date(report.to),
                input_files: files.clone(),
                computed_at: computed_at.clone(),
            });
            outcomes.push(outcome);
        }
    }
    let mut tx = store.begin().await?;
    let mut changes = styr_store::outcomes::save_outcomes(&mut tx, &key, &outcomes, actor).await?;
    let recorded = styr_store::measures::save_provenance(&mut tx, &key, &provenance, actor).await?;
    changes.by_kind.extend(recorded.by_kind);
    tx.commit().await.map_err(styr_store::StoreError::from)?;
    Ok(StoredOutcomes { committee: key, period, outcomes, changes })
}
