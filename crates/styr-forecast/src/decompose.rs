//! Backward analysis: why the net cost changed, and the volume budget result.

use serde::Serialize;

/// A verksamhet's net cost and volume in two years, and the wage/price change between them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostChangeInput {
    pub cost_before: f64,
    pub cost_after: f64,
    pub volume_before: Option<f64>,
    pub volume_after: Option<f64>,
    /// The weighted wage and price change between the years (0,035 = 3,5 %).
    pub index: f64,
    /// The population of the age band using the service in the two years.
    pub population_before: Option<f64>,
    pub population_after: Option<f64>,
}

/// The change split so that `wage_price + volume + remainder = change` exactly.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CostChange {
    pub change: f64,
    /// The index change on this year's volume at last year's unit cost: `C0 × V1/V0 × i`
    /// (without volumes: `C0 × i`).
    pub wage_price: f64,
    /// The volume change at last year's unit cost: `C0 × (V1/V0 − 1)`; `None` without volumes.
    pub volume: Option<f64>,
    /// What neither explains: changed unit cost in fixed prices, new services, savings.
    pub remainder: f64,
    pub volume_growth: Option<f64>,
    pub demographic_growth: Option<f64>,
}

pub fn decompose(i: &CostChangeInput) -> CostChange {
    let change = i.cost_after - i.cost_before;
    let ratio = match (i.volume_before, i.volume_after) {
        (Some(b), Some(a)) if b > 0.0 => Some(a / b),
        _ => None,
    };
    let volume = ratio.map(|r| i.cost_before * (r - 1.0));
    let wage_price = i.cost_before * ratio.unwrap_or(1.0) * i.index;
    let growth = |b: Option<f64>, a: Option<f64>| match (b, a) {
        (Some(b), Some(a)) if b > 0.0 => Some(a / b - 1.0),
        _ => None,
    };
    CostChange {
        change,
        wage_price,
        volume,
        remainder: change - wage_price - volume.unwrap_or(0.0),
        volume_growth: ratio.map(|r| r - 1.0),
        demographic_growth: growth(i.population_before, i.population_after),
    }
}

/// A volume budget: the budget follows the volume actually delivered at the budgeted price.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct VolumeBudget {
    /// Budgeted volume × price.
    pub budget: f64,
    /// Actual (or forecast) volume × price: what the volumes entitle the verksamhet to.
    pub volume_adjusted: f64,
    /// `budget − volume_adjusted`: positive when fewer volumes were needed than budgeted.
    pub volume_result: f64,
    /// `volume_adjusted − cost` when the cost is known: positive when cheaper than the price.
    pub price_result: Option<f64>,
}

pub fn volume_budget(budgeted_volume: f64, actual_volume: f64, price: f64, cost: Option<f64>) -> VolumeBudget {
    let budget = budgeted_volume * price;
    let adjusted = actual_volume * price;
    VolumeBudget { budget, volume_adjusted: adjusted, volume_result: budget - adjusted, price_result: cost.map(|c| adjusted - c) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decomposition_with_known_volume_and_wage_effects() {
        // 100 mnkr for 200 platser (500 tkr each); next year 210 platser, wages and prices +4 %,
        // and 110 mnkr. Volume: 10 platser × 500 tkr = 5 mnkr. Index: 210 × 500 tkr × 4 % = 4,2 mnkr.
        let c = decompose(&CostChangeInput {
            cost_before: 100e6,
            cost_after: 110e6,
            volume_before: Some(200.0),
            volume_after: Some(210.0),
            index: 0.04,
            population_before: Some(2000.0),
            population_after: Some(2114.0),
        });
        assert!((c.change - 10e6).abs() < 1e-6);
        assert!((c.volume.unwrap() - 5e6).abs() < 1e-6);
        assert!((c.wage_price - 4.2e6).abs() < 1e-6);
        assert!((c.remainder - 0.8e6).abs() < 1e-6);
        assert!((c.volume_growth.unwrap() - 0.05).abs() < 1e-12);
        assert!((c.demographic_growth.unwrap() - 0.057).abs() < 1e-12);
    }

    #[test]
    fn without_volumes_the_volume_effect_is_missing_not_zero() {
        let c = decompose(&CostChangeInput {
            cost_before: 50e6,
            cost_after: 52e6,
            volume_before: None,
            volume_after: Some(3.0),
            index: 0.03,
            population_before: None,
            population_after: None,
        });
        assert_eq!(c.volume, None);
        assert!((c.wage_price - 1.5e6).abs() < 1e-6 && (c.remainder - 0.5e6).abs() < 1e-6);
        assert_eq!(c.demographic_growth, None);
    }

    #[test]
    fn the_volume_budget_result_is_budgeted_against_delivered_volume() {
        // 300 000 timmar budgeted, 296 000 delivered at 400 kr: 1,6 mnkr surplus.
        let v = volume_budget(300_000.0, 296_000.0, 400.0, Some(120e6));
        assert!((v.volume_result - 1.6e6).abs() < 1e-6);
        assert!((v.price_result.unwrap() - (118.4e6 - 120e6)).abs() < 1e-6);
        assert_eq!(volume_budget(1.0, 2.0, 3.0, None).price_result, None);
    }
}
