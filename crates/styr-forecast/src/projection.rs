//! Volume, cost and staff forecasts for 1–10 years under a scenario.

use serde::{Deserialize, Serialize};

use crate::rates::UsageRate;
use crate::{AgeBand, ForecastError, Population};

/// How the usage rate develops after the base year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    /// The base rate every year.
    Constant,
    /// The base rate moved by the historical slope per year (never below 0).
    Trend,
    /// The rate moves in a straight line from the base rate to `rate` in `year`, then stays.
    Target { rate: f64, year: i32 },
}

impl Scenario {
    pub fn label(&self) -> &'static str {
        match self {
            Scenario::Constant => "Oförändrade nyckeltal",
            Scenario::Trend => "Trend",
            Scenario::Target { .. } => "Politiskt mål",
        }
    }
    /// The rate in `year` for `rate`'s series.
    pub fn rate_in(&self, rate: &UsageRate, year: i32) -> Result<f64, ForecastError> {
        let base_year = rate.base_year();
        let ahead = f64::from(year - base_year);
        Ok(match *self {
            Scenario::Constant => rate.base,
            Scenario::Trend => {
                let slope = rate.slope.ok_or(ForecastError::ShortHistory { series: rate.series.clone(), found: rate.history.len() })?;
                (rate.base + slope * ahead).max(0.0)
            }
            Scenario::Target { rate: target, year: by } if by <= base_year => target,
            Scenario::Target { rate: target, year: by } => {
                let share = (ahead / f64::from(by - base_year)).min(1.0);
                rate.base + (target - rate.base) * share
            }
        })
    }
}

/// Yearly change of wages and prices, and the share of the cost that is wages.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CostIndex {
    pub wage: f64,
    pub price: f64,
    pub wage_share: f64,
}

impl CostIndex {
    /// None: prices of the base year.
    pub const FIXED: CostIndex = CostIndex { wage: 0.0, price: 0.0, wage_share: 0.0 };

    /// The cost level `years` after the base year relative to it.
    pub fn factor(&self, years: i32) -> f64 {
        self.wage_share * (1.0 + self.wage).powi(years) + (1.0 - self.wage_share) * (1.0 + self.price).powi(years)
    }
    /// The weighted change over one year (wage share × wage + the rest × price).
    pub fn yearly(&self) -> f64 {
        self.factor(1) - 1.0
    }
}

/// What one unit of volume costs and takes in staff, in the base year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct UnitCost {
    /// Kronor per unit (per plats and year, per hour …) in the base year.
    pub cost: Option<f64>,
    /// Årsarbetare per unit (per plats; per hour = 1 / hours per årsarbetare).
    pub staff: Option<f64>,
}

/// One forecast year of one series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProjectedYear {
    pub year: i32,
    pub population: f64,
    pub rate: f64,
    pub volume: f64,
    /// Kronor in the year's cost level; `None` without a unit cost.
    pub cost: Option<f64>,
    /// Årsarbetare; `None` without staff per unit.
    pub staff: Option<f64>,
}

/// The forecast of one series from the year after its base year through `years` years.
pub fn project(
    rate: &UsageRate,
    population: &Population,
    scenario: Scenario,
    unit: UnitCost,
    index: CostIndex,
    years: i32,
) -> Result<Vec<ProjectedYear>, ForecastError> {
    if !(1..=10).contains(&years) {
        return Err(ForecastError::Horizon { what: "a forecast", years });
    }
    let base = rate.base_year();
    (base + 1..=base + years)
        .map(|year| {
            let pop = population.band_total(year, rate.band).ok_or(ForecastError::NoPopulation { year })?;
            let r = scenario.rate_in(rate, year)?;
            let volume = r * pop;
            Ok(ProjectedYear {
                year,
                population: pop,
                rate: r,
                volume,
                cost: unit.cost.map(|c| volume * c * index.factor(year - base)),
                staff: unit.staff.map(|s| volume * s),
            })
        })
        .collect()
}

/// The working-age population against the older population and the staff need of one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Workforce {
    pub year: i32,
    pub working_age: f64,
    pub older: f64,
    /// Inhabitants of working age per inhabitant in the older band ("färre ska ta hand om fler").
    pub working_age_per_older: Option<f64>,
    pub staff: Option<f64>,
    /// The staff need as a share of the working-age population.
    pub staff_share: Option<f64>,
}

/// The working-age population (e.g. 20–64) against the older band (e.g. 80+) and `staff` per year.
pub fn workforce(
    population: &Population,
    working: AgeBand,
    older: AgeBand,
    staff: &[(i32, Option<f64>)],
) -> Result<Vec<Workforce>, ForecastError> {
    staff
        .iter()
        .map(|&(year, staff)| {
            let w = population.band_total(year, working).ok_or(ForecastError::NoPopulation { year })?;
            let o = population.band_total(year, older).ok_or(ForecastError::NoPopulation { year })?;
            Ok(Workforce {
                year,
                working_age: w,
                older: o,
                working_age_per_older: (o > 0.0).then(|| w / o),
                staff,
                staff_share: staff.filter(|_| w > 0.0).map(|s| s / w),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sex;
    use crate::rates::{VolumeSeries, usage_rate};

    /// A small municipality: 80+ grows 1000 → 1100 → 1200 → 1300, working age 20–64 shrinks.
    fn small_municipality() -> Population {
        let mut p = Population::default();
        for (y, old, work) in
            [(2023, 1000.0, 6000.0), (2024, 1000.0, 5900.0), (2025, 1100.0, 5800.0), (2026, 1200.0, 5700.0), (2027, 1300.0, 5600.0)]
        {
            p.add(y, Sex::Female, 85, old);
            p.add(y, Sex::Male, 40, work);
        }
        p
    }

    fn sabo() -> VolumeSeries {
        VolumeSeries {
            id: "sabo".into(),
            name: "Särskilt boende".into(),
            unit: "platser".into(),
            band: AgeBand::parse("80-").unwrap(),
            volumes: [(2023, 110.0), (2024, 100.0)].into(),
        }
    }

    #[test]
    fn a_small_municipality_projected_by_hand() {
        let p = small_municipality();
        let rate = usage_rate(&sabo(), &p, 1).unwrap();
        assert_eq!(rate.base, 0.1); // 100 / 1000 in 2024
        let unit = UnitCost { cost: Some(1_000_000.0), staff: Some(0.8) };
        let index = CostIndex { wage: 0.03, price: 0.02, wage_share: 0.5 };
        let years = project(&rate, &p, Scenario::Constant, unit, index, 3).unwrap();
        let volumes: Vec<f64> = years.iter().map(|y| y.volume).collect();
        assert_eq!(volumes, vec![110.0, 120.0, 130.0]);
        // 2025: 110 platser × 1 000 000 kr × (0,5 × 1,03 + 0,5 × 1,02) = 112 750 000
        assert!((years[0].cost.unwrap() - 112_750_000.0).abs() < 1e-3);
        // 2027: 130 × 1 000 000 × (0,5 × 1,03³ + 0,5 × 1,02³)
        let f3 = 0.5 * 1.03f64.powi(3) + 0.5 * 1.02f64.powi(3);
        assert!((years[2].cost.unwrap() - 130_000_000.0 * f3).abs() < 1e-3);
        assert!((years[2].staff.unwrap() - 104.0).abs() < 1e-9);

        // Trend: the rate fell 0,110 → 0,100, so by 0,01 per year.
        let trend = project(&rate, &p, Scenario::Trend, unit, index, 2).unwrap();
        assert!((trend[0].rate - 0.09).abs() < 1e-12 && (trend[0].volume - 99.0).abs() < 1e-9);
        assert!((trend[1].volume - 0.08 * 1200.0).abs() < 1e-9);

        let staff: Vec<_> = years.iter().map(|y| (y.year, y.staff)).collect();
        let w = workforce(&p, AgeBand::parse("20-64").unwrap(), AgeBand::parse("80-").unwrap(), &staff).unwrap();
        assert!((w[0].working_age_per_older.unwrap() - 5800.0 / 1100.0).abs() < 1e-12);
        assert!((w[2].staff_share.unwrap() - 104.0 / 5600.0).abs() < 1e-12);
    }

    #[test]
    fn a_policy_target_changes_only_its_own_rate_path() {
        let p = small_municipality();
        let rate = usage_rate(&sabo(), &p, 1).unwrap();
        let unit = UnitCost::default();
        let constant = project(&rate, &p, Scenario::Constant, unit, CostIndex::FIXED, 4).unwrap_err();
        assert_eq!(constant, ForecastError::NoPopulation { year: 2028 });
        let constant = project(&rate, &p, Scenario::Constant, unit, CostIndex::FIXED, 3).unwrap();
        let target = project(&rate, &p, Scenario::Target { rate: 0.07, year: 2027 }, unit, CostIndex::FIXED, 3).unwrap();
        // 0,10 → 0,07 over three years: 0,09, 0,08, 0,07; population unchanged.
        let rates: Vec<f64> = target.iter().map(|y| (y.rate * 1000.0).round() / 1000.0).collect();
        assert_eq!(rates, vec![0.09, 0.08, 0.07]);
        for (c, t) in constant.iter().zip(&target) {
            assert_eq!(c.population, t.population);
            assert!((t.volume - t.rate * c.population).abs() < 1e-9);
            assert!(t.cost.is_none() && t.staff.is_none(), "no unit cost, no cost");
        }
        assert!(project(&rate, &p, Scenario::Constant, unit, CostIndex::FIXED, 11).is_err());
    }
}
