//! Demographic forecasting for a care committee, as pure computation (no I/O, no storage).
//!
//! - [`population`]: a population by year, single age (0–100+) and sex, and age bands.
//! - [`rates`]: usage rates per age band from a committee's volume history (platser per
//!   inhabitant 80+, hemtjänsttimmar per inhabitant 65–79 …), with the years they come from.
//! - [`projection`]: volumes, cost and staff need for 1–10 years under the scenarios constant
//!   rates, trend and a policy target; the working-age population against the staff need.
//! - [`decompose`]: the change in net cost between two years split into wage/price effect, volume
//!   effect and remainder, volume growth against demographic growth; the volume budget result.
//! - [`allocation`]: resource allocation per unit (volumes × prices against cost) with what-if.
//!
//! Money is in kronor as `f64`: these are estimates, rounded only where they are printed.

pub mod allocation;
pub mod decompose;
pub mod population;
pub mod projection;
pub mod rates;

pub use population::{AgeBand, Population, Pyramid, Sex};

/// What makes a forecast impossible, naming the series, year or unit concerned.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForecastError {
    #[error("age band `{0}`: expected `FROM-TO` or `FROM-` (ages 0–100), e.g. `65-79`, `80-`")]
    AgeBand(String),
    #[error("series {series}: no year has both a volume and a population in {band}")]
    NoBase { series: String, band: String },
    #[error("series {series}: a trend needs at least two years with volume and population, found {found}")]
    ShortHistory { series: String, found: usize },
    #[error("no population for {year}")]
    NoPopulation { year: i32 },
    #[error("{what} must be between 1 and 10 years, was {years}")]
    Horizon { what: &'static str, years: i32 },
    #[error("unit {unit}: no price for {service}{}", level.as_ref().map(|l| format!(", nivå {l}")).unwrap_or_default())]
    NoPrice { unit: String, service: String, level: Option<String> },
    #[error("{0}")]
    Invalid(String),
}
