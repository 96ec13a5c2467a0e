//! Least-squares linear trend over yearly outcomes, and the year a målvärde would be reached if the
//! trend held.

use serde::Serialize;
use styr_domain::Direction;

use crate::direction::{better_sign, reaches, tidy};

/// A projection further ahead than this is reported as "not at the current trend": a trend that
/// needs a century is flat for any plan.
const HORIZON_YEARS: i32 = 100;

/// The fitted line `value = mean_value + slope * (year - mean_year)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearTrend {
    /// Change per year in the indicator's unit (not direction-adjusted).
    pub slope: f64,
    mean_year: f64,
    mean_value: f64,
}

impl LinearTrend {
    /// Fits a line through `(year, value)` points; needs at least two different years.
    pub fn fit(points: &[(i32, f64)]) -> Option<LinearTrend> {
        let n = points.len() as f64;
        if points.len() < 2 {
            return None;
        }
        let mean_year = points.iter().map(|&(y, _)| f64::from(y)).sum::<f64>() / n;
        let mean_value = points.iter().map(|&(_, v)| v).sum::<f64>() / n;
        let (mut sxy, mut sxx) = (0.0, 0.0);
        for &(y, v) in points {
            let dx = f64::from(y) - mean_year;
            sxy += dx * (v - mean_value);
            sxx += dx * dx;
        }
        (sxx > 0.0).then(|| LinearTrend { slope: sxy / sxx, mean_year, mean_value })
    }

    pub fn value_at(&self, year: f64) -> f64 {
        self.mean_value + self.slope * (year - self.mean_year)
    }

    /// The (fractional) year at which the line crosses `target`; `None` for a flat line.
    pub fn year_at(&self, target: f64) -> Option<f64> {
        (!self.is_flat()).then(|| self.mean_year + (target - self.mean_value) / self.slope)
    }

    fn is_flat(&self) -> bool {
        self.slope.abs() <= 1e-9 * self.mean_value.abs().max(1.0)
    }
}

/// When the målvärde is reached at the current trend.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Projection {
    /// The latest full-year outcome already meets the målvärde.
    AlreadyReached,
    /// The trend line reaches the målvärde in `year`; `in_time` when that is no later than the
    /// målvärde's year.
    ReachedIn { year: i32, in_time: bool },
    /// The trend is flat or goes the wrong way (or would take more than a century).
    NotAtCurrentTrend,
    /// Fewer than two yearly outcomes.
    TooFewOutcomes,
}

/// Projects yearly outcomes (sorted by year) towards `target`, due in `target_year`.
///
/// The year is the first whole year on the fitted line that meets the target, but never earlier than
/// the year after the latest outcome: the line can cross the target in the past while the latest
/// actual outcome still falls short. `None` when the indicator has no direction.
pub fn project(points: &[(i32, f64)], target: f64, target_year: i32, direction: Direction) -> Option<Projection> {
    let sign = better_sign(direction)?;
    let Some(&(last_year, last_value)) = points.last() else {
        return Some(Projection::TooFewOutcomes);
    };
    if reaches(last_value, target, direction)? {
        return Some(Projection::AlreadyReached);
    }
    let Some(trend) = LinearTrend::fit(points) else {
        return Some(Projection::TooFewOutcomes);
    };
    if trend.slope * sign <= 0.0 {
        return Some(Projection::NotAtCurrentTrend);
    }
    let Some(at) = trend.year_at(target) else {
        return Some(Projection::NotAtCurrentTrend);
    };
    let year = (tidy(at).ceil() as i32).max(last_year + 1);
    if year > last_year + HORIZON_YEARS {
        return Some(Projection::NotAtCurrentTrend);
    }
    Some(Projection::ReachedIn { year, in_time: year <= target_year })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_a_straight_line() {
        let t = LinearTrend::fit(&[(2021, 74.2), (2022, 75.75), (2023, 77.45)]).unwrap();
        assert!((t.slope - 1.625).abs() < 1e-9);
        assert!((t.value_at(2022.0) - 75.8).abs() < 1e-9);
        assert!(LinearTrend::fit(&[(2023, 1.0)]).is_none());
        assert!(LinearTrend::fit(&[(2023, 1.0), (2023, 2.0)]).is_none());
    }

    #[test]
    fn projects_towards_the_malvarde() {
        // Adekvat utbildning: +1.625 per year from 75.8 in 2022 reaches 90 in 2030.74 -> 2031.
        let pts = [(2021, 74.2), (2022, 75.75), (2023, 77.45)];
        assert_eq!(project(&pts, 90.0, 2030, Direction::Higher), Some(Projection::ReachedIn { year: 2031, in_time: false }));
        // Sjukfrånvaro (lower is better): 9.7, 9.7, 8.7 towards 8 -> -0.5 per year.
        let sick = [(2021, 9.7), (2022, 9.7), (2023, 8.7)];
        assert_eq!(project(&sick, 8.0, 2030, Direction::Lower), Some(Projection::ReachedIn { year: 2025, in_time: true }));
        // Wrong way: personalkontinuitet rises.
        assert_eq!(project(&[(2021, 21.0), (2022, 22.0)], 19.0, 2030, Direction::Lower), Some(Projection::NotAtCurrentTrend));
        // Flat.
        assert_eq!(project(&[(2021, 80.0), (2022, 80.0)], 90.0, 2030, Direction::Higher), Some(Projection::NotAtCurrentTrend));
        assert_eq!(project(&[(2023, 95.0)], 90.0, 2030, Direction::Higher), Some(Projection::AlreadyReached));
        assert_eq!(project(&[(2023, 85.0)], 90.0, 2030, Direction::Higher), Some(Projection::TooFewOutcomes));
        assert_eq!(project(&[], 90.0, 2030, Direction::Higher), Some(Projection::TooFewOutcomes));
        assert_eq!(project(&pts, 90.0, 2030, Direction::None), None);
    }

    #[test]
    fn never_projects_into_the_past() {
        // The line crosses 25 at 2022 while the 2022 outcome is 20: next year at the earliest.
        assert_eq!(
            project(&[(2020, 10.0), (2021, 30.0), (2022, 20.0)], 25.0, 2030, Direction::Higher),
            Some(Projection::ReachedIn { year: 2023, in_time: true })
        );
    }
}
