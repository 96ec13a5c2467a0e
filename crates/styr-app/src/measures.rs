//! Operational measures from event exports (`styr measures …`): read a folder of exports, compute
//! every measure whose inputs are present, and generate synthetic exports.

use std::path::Path;

use styr_measures::generate::{GenerateOptions, GenerateSummary};
use styr_measures::kernels::continuity::{Continuity, ContinuityOptions, continuity};
use styr_measures::kernels::granted::{GrantedRow, granted_vs_performed};
use styr_measures::kernels::lead_times::{LeadTime, LeadTimeRow, NotExecuted, lead_times, not_executed_within_3_months};
use styr_measures::kernels::occupancy::{OccupancyRow, occupancy};
pub use styr_measures::{Progress, generate::Scale, kernels, time};

use crate::{AppError, Result};

/// What was computed; a measure whose input file is absent is `None` (or empty) and named in
/// `not_computed`.
#[derive(Debug, Clone)]
pub struct MeasuresReport {
    pub files: Vec<String>,
    pub continuity: Option<Continuity>,
    pub granted: Option<Vec<GrantedRow>>,
    pub lead_times: Vec<(LeadTime, Vec<LeadTimeRow>)>,
    pub not_executed: Option<Vec<NotExecuted>>,
    pub occupancy: Option<Vec<OccupancyRow>>,
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
    Ok(MeasuresReport {
        files: inputs.files.iter().map(|(p, _)| p.display().to_string()).collect(),
        continuity,
        granted,
        lead_times: lead,
        not_executed,
        occupancy,
        not_computed,
    })
}

/// Writes synthetic exports into `dir`; `progress` gets the days written.
pub fn generate(dir: &Path, scale: Scale, seed: u64, progress: &mut dyn FnMut(u32)) -> Result<GenerateSummary> {
    styr_measures::generate::generate(dir, &GenerateOptions::for_scale(scale, seed), progress)
        .map_err(|e| AppError::Invalid(format!("{}: {e}", dir.display())))
}
