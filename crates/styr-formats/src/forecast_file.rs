//! The forecast model file (`format: styr-forecast/1`): a committee's volume series with their
//! age bands, unit costs, staff per unit, volume and net-cost history, the cost index, policy
//! targets, and the resource-allocation prices, volumes and costs per year.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use styr_forecast::AgeBand;
use styr_forecast::allocation::{Price, UnitVolume};
use styr_forecast::projection::CostIndex;

use crate::{FormatError, yaml};

pub const FORMAT: &str = "styr-forecast/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastModel {
    pub format: String,
    pub committee: String,
    /// The municipality code the population is read for.
    pub region: String,
    /// How many of the last years with data the base rate is computed from.
    #[serde(default = "default_window")]
    pub base_years: usize,
    pub index: CostIndex,
    /// The working-age band set against the older one ("färre ska ta hand om fler").
    #[serde(default = "default_working_age")]
    pub working_age: AgeBand,
    #[serde(default = "default_older")]
    pub older: AgeBand,
    pub series: Vec<Series>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allocation: Vec<AllocationYear>,
}

/// One volume series and what it costs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub band: AgeBand,
    /// Kronor per unit in the last history year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<f64>,
    /// Årsarbetare per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff_per_unit: Option<f64>,
    pub volumes: BTreeMap<i32, f64>,
    /// Net cost per year in kronor (for the cost-change analysis).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub net_cost: BTreeMap<i32, f64>,
    /// Budgeted volume per year (for the volume budget result).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub budget_volume: BTreeMap<i32, f64>,
    /// The policy target: the rate to reach (volume per inhabitant of the band) and by when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub rate: f64,
    pub year: i32,
}

/// The allocation model of one year: prices per service and level, volumes and costs per unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationYear {
    pub year: i32,
    pub prices: Vec<Price>,
    pub volumes: Vec<UnitVolume>,
    /// Each unit's cost in kronor (the ledger's, where there is one).
    #[serde(default)]
    pub costs: BTreeMap<String, f64>,
}

fn default_window() -> usize {
    3
}
fn default_working_age() -> AgeBand {
    AgeBand::new(20, Some(64)).expect("20-64 is a band")
}
fn default_older() -> AgeBand {
    AgeBand::new(80, None).expect("80- is a band")
}

pub fn parse(text: &str, file: &str) -> Result<ForecastModel, FormatError> {
    let m: ForecastModel = yaml::from_str(text, file, FORMAT)?;
    let mut seen = std::collections::BTreeSet::new();
    for (i, s) in m.series.iter().enumerate() {
        if !seen.insert(s.id.as_str()) {
            return Err(FormatError::new(file, None, format!("series[{i}].id"), format!("series `{}` appears twice", s.id)));
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MODEL: &str = "format: styr-forecast/1\ncommittee: 9998-sn\nregion: \"9998\"\nindex: { wage: 0.03, price: 0.02, wage_share: 0.7 }\nseries:\n  - { id: sabo, name: Särskilt boende, unit: platser, band: 80-, volumes: { 2023: 200, 2024: 210 } }\n";

    #[test]
    fn reads_a_model_and_names_the_line_of_a_bad_band() {
        let m = parse(MODEL, "m.yaml").unwrap();
        assert_eq!((m.base_years, m.series[0].band.label(), m.working_age.label()), (3, "80+ år".to_string(), "20–64 år".to_string()));
        let e = parse(&MODEL.replace("band: 80-", "band: 80-70"), "m.yaml").unwrap_err().to_string();
        assert!(e.contains("m.yaml") && e.contains("line 6"), "{e}");
    }
}
