//! The demo: the data of `styr_demo` and Exempelkommun's population for the forecasts.

pub use styr_demo::*;

use crate::{Actor, AppError, Changes, Result, Store};

/// Creates or refreshes the demo data, and stores Exempelkommun's population, so `styr forecast`
/// works on the demo model without a population file. Running it again changes nothing.
pub async fn load(store: &Store, actor: &Actor) -> Result<Changes> {
    let changes = styr_demo::load(store, actor).await?;
    let (name, text) = EXEMPELKOMMUN_POPULATION;
    let records = styr_population::csvfile::read(text.as_bytes(), name).map_err(|e| AppError::Invalid(e.to_string()))?;
    crate::forecast::import_population(store, &records, "exempelkommun-population.csv", false)
        .await
        .map_err(|e| AppError::Invalid(e.to_string()))?;
    Ok(changes)
}
