//! Usage rates: a service's volume per inhabitant of its age band, from the committee's history.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{AgeBand, ForecastError, Population};

/// A volume history tied to the age band that uses it (särskilt boende platser ↔ 80+).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VolumeSeries {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub band: AgeBand,
    /// Volume per year (platser as yearly average, timmar, dygn, insatser).
    pub volumes: BTreeMap<i32, f64>,
}

/// One year of a rate: volume, population of the band, and their ratio.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RateYear {
    pub year: i32,
    pub volume: f64,
    pub population: f64,
    pub rate: f64,
}

/// A series' usage rates per year and the base rate a forecast starts from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UsageRate {
    pub series: String,
    pub band: AgeBand,
    /// Every year with both a volume and a population of the band (not 0).
    pub history: Vec<RateYear>,
    /// The years the base rate is computed from (the last `window` years of `history`).
    pub base_years: Vec<i32>,
    /// Σ volume / Σ population over `base_years`.
    pub base: f64,
    /// The change of the rate per year by least squares over `history`; `None` with fewer than two years.
    pub slope: Option<f64>,
}

impl UsageRate {
    /// The last year the base rate is computed from.
    pub fn base_year(&self) -> i32 {
        *self.base_years.last().expect("a usage rate has base years")
    }
}

/// The usage rate of `series` against `population`, its base over the last `window` years.
pub fn usage_rate(series: &VolumeSeries, population: &Population, window: usize) -> Result<UsageRate, ForecastError> {
    let history: Vec<RateYear> = series
        .volumes
        .iter()
        .filter_map(|(&year, &volume)| {
            let pop = population.band_total(year, series.band)?;
            (pop > 0.0).then_some(RateYear { year, volume, population: pop, rate: volume / pop })
        })
        .collect();
    if history.is_empty() {
        return Err(ForecastError::NoBase { series: series.id.clone(), band: series.band.label() });
    }
    let base = &history[history.len().saturating_sub(window.max(1))..];
    let (vol, pop) = base.iter().fold((0.0, 0.0), |(v, p), r| (v + r.volume, p + r.population));
    Ok(UsageRate {
        series: series.id.clone(),
        band: series.band,
        base_years: base.iter().map(|r| r.year).collect(),
        base: vol / pop,
        slope: least_squares_slope(&history),
        history,
    })
}

fn least_squares_slope(history: &[RateYear]) -> Option<f64> {
    if history.len() < 2 {
        return None;
    }
    let n = history.len() as f64;
    let mx = history.iter().map(|r| f64::from(r.year)).sum::<f64>() / n;
    let my = history.iter().map(|r| r.rate).sum::<f64>() / n;
    let sxy: f64 = history.iter().map(|r| (f64::from(r.year) - mx) * (r.rate - my)).sum();
    let sxx: f64 = history.iter().map(|r| (f64::from(r.year) - mx).powi(2)).sum();
    Some(sxy / sxx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Sex;

    fn pop(years: &[(i32, f64)]) -> Population {
        let mut p = Population::default();
        for &(y, n) in years {
            p.add(y, Sex::Female, 85, n);
        }
        p
    }

    #[test]
    fn rate_is_volume_per_inhabitant_of_the_band_over_the_base_years() {
        let series = VolumeSeries {
            id: "sabo".into(),
            name: "Särskilt boende".into(),
            unit: "platser".into(),
            band: AgeBand::parse("80-").unwrap(),
            volumes: [(2021, 100.0), (2022, 110.0), (2023, 120.0), (2024, 126.0)].into(),
        };
        // 2021 has no population: left out, not counted as 0.
        let p = pop(&[(2022, 1000.0), (2023, 1000.0), (2024, 1050.0)]);
        let r = usage_rate(&series, &p, 2).unwrap();
        assert_eq!(r.history.iter().map(|h| h.year).collect::<Vec<_>>(), vec![2022, 2023, 2024]);
        assert_eq!(r.base_years, vec![2023, 2024]);
        // (120 + 126) / (1000 + 1050)
        assert!((r.base - 246.0 / 2050.0).abs() < 1e-12);
        // rates 0.110, 0.120, 0.120: slope = 0.005 per year
        assert!((r.slope.unwrap() - 0.005).abs() < 1e-12);
    }

    #[test]
    fn a_series_without_any_population_year_is_an_error_naming_it() {
        let series = VolumeSeries {
            id: "lss".into(),
            name: "LSS".into(),
            unit: "insatser".into(),
            band: AgeBand::parse("0-64").unwrap(),
            volumes: [(2024, 5.0)].into(),
        };
        let e = usage_rate(&series, &pop(&[(2023, 10.0)]), 3).unwrap_err();
        assert!(e.to_string().contains("lss"), "{e}");
    }
}
