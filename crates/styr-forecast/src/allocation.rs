//! Resource allocation per unit: volumes × prices (per hemtjänsttimme, dygn, plats, nivå) against
//! each unit's cost, with what-if on prices.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::ForecastError;

/// A price of a service, or of one of its levels (stödbehovsnivå, ersättningsnivå).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Price {
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// What is counted: timme, dygn, plats (per year), brukare (per year) …
    pub unit: String,
    /// Kronor per unit.
    pub price: f64,
}

/// A unit's volume of a service at a level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitVolume {
    pub unit: String,
    pub service: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub volume: f64,
}

/// Changes to try: a price set outright, or all prices of a service scaled.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WhatIf {
    /// (service, level) → new price; level `None` also sets every level of the service.
    pub prices: BTreeMap<(String, Option<String>), f64>,
    /// service → factor (1,02 = +2 %), applied after `prices`.
    pub factors: BTreeMap<String, f64>,
}

impl WhatIf {
    pub fn is_empty(&self) -> bool {
        self.prices.is_empty() && self.factors.is_empty()
    }
    fn apply(&self, p: &Price) -> f64 {
        let set = self.prices.get(&(p.service.clone(), p.level.clone())).or_else(|| self.prices.get(&(p.service.clone(), None)));
        set.copied().unwrap_or(p.price) * self.factors.get(&p.service).copied().unwrap_or(1.0)
    }
}

/// One unit's allocation, cost and result, now and under the what-if.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitAllocation {
    pub unit: String,
    pub allocation: f64,
    pub cost: Option<f64>,
    /// `allocation − cost`: positive is a surplus.
    pub result: Option<f64>,
    pub what_if_allocation: f64,
    pub what_if_result: Option<f64>,
}

/// Allocation per unit in the order units first appear in `volumes`, then units with a cost only.
pub fn allocate(
    prices: &[Price],
    volumes: &[UnitVolume],
    costs: &BTreeMap<String, f64>,
    what_if: &WhatIf,
) -> Result<Vec<UnitAllocation>, ForecastError> {
    let mut order: Vec<String> = Vec::new();
    let mut sums: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for v in volumes {
        let price = prices.iter().find(|p| p.service == v.service && p.level == v.level).ok_or_else(|| ForecastError::NoPrice {
            unit: v.unit.clone(),
            service: v.service.clone(),
            level: v.level.clone(),
        })?;
        if !sums.contains_key(&v.unit) {
            order.push(v.unit.clone());
        }
        let s = sums.entry(v.unit.clone()).or_default();
        s.0 += v.volume * price.price;
        s.1 += v.volume * what_if.apply(price);
    }
    order.extend(costs.keys().filter(|u| !sums.contains_key(*u)).cloned());
    Ok(order
        .into_iter()
        .map(|unit| {
            let (allocation, what_if_allocation) = sums.get(&unit).copied().unwrap_or_default();
            let cost = costs.get(&unit).copied();
            UnitAllocation {
                result: cost.map(|c| allocation - c),
                what_if_result: cost.map(|c| what_if_allocation - c),
                unit,
                allocation,
                cost,
                what_if_allocation,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(service: &str, level: Option<&str>, unit: &str, price: f64) -> Price {
        Price { service: service.into(), level: level.map(Into::into), unit: unit.into(), price }
    }
    fn vol(unit: &str, service: &str, level: Option<&str>, volume: f64) -> UnitVolume {
        UnitVolume { unit: unit.into(), service: service.into(), level: level.map(Into::into), volume }
    }

    #[test]
    fn two_units_with_known_results() {
        let prices =
            [price("hemtjanst", None, "timme", 450.0), price("sabo", Some("1"), "dygn", 2000.0), price("sabo", Some("2"), "dygn", 2600.0)];
        let volumes = [
            vol("norr", "hemtjanst", None, 10_000.0),
            vol("ekbacken", "sabo", Some("1"), 3650.0),
            vol("ekbacken", "sabo", Some("2"), 7300.0),
        ];
        let costs: BTreeMap<String, f64> =
            [("norr".to_string(), 4_700_000.0), ("ekbacken".to_string(), 25_000_000.0), ("stab".to_string(), 1e6)].into();
        let r = allocate(&prices, &volumes, &costs, &WhatIf::default()).unwrap();
        assert_eq!(r.iter().map(|u| u.unit.as_str()).collect::<Vec<_>>(), ["norr", "ekbacken", "stab"]);
        // norr: 10 000 × 450 = 4 500 000 against 4 700 000: −200 000.
        assert_eq!((r[0].allocation, r[0].result), (4_500_000.0, Some(-200_000.0)));
        // ekbacken: 3 650 × 2 000 + 7 300 × 2 600 = 26 280 000 against 25 000 000: +1 280 000.
        assert_eq!((r[1].allocation, r[1].result), (26_280_000.0, Some(1_280_000.0)));
        assert_eq!((r[2].allocation, r[2].result), (0.0, Some(-1e6)));

        // What-if: level 2 at 2 700 kr moves only ekbacken, by 7 300 × 100.
        let mut w = WhatIf::default();
        w.prices.insert(("sabo".into(), Some("2".into())), 2700.0);
        let r2 = allocate(&prices, &volumes, &costs, &w).unwrap();
        assert_eq!(r2[0].what_if_allocation, r2[0].allocation);
        assert_eq!(r2[1].what_if_allocation - r2[1].allocation, 730_000.0);
        // +2 % on hemtjänst moves only norr.
        let w = WhatIf { factors: [("hemtjanst".to_string(), 1.02)].into(), ..WhatIf::default() };
        let r3 = allocate(&prices, &volumes, &costs, &w).unwrap();
        assert!((r3[0].what_if_allocation - 4_590_000.0).abs() < 1e-6);
        assert_eq!(r3[1].what_if_allocation, r3[1].allocation);
    }

    #[test]
    fn a_volume_without_a_price_names_unit_service_and_level() {
        let e = allocate(&[], &[vol("norr", "sabo", Some("3"), 1.0)], &BTreeMap::new(), &WhatIf::default()).unwrap_err();
        assert_eq!(e.to_string(), "unit norr: no price for sabo, nivå 3");
    }
}
