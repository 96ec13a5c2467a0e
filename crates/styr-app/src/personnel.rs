//! Personnel listings: every statistic measure by measure, and a year beside the year before.

use styr_report::Table;
use styr_store::Store;

use crate::select::resolve_committee;
use crate::{AppError, Result};

/// Every stored personnel measure of a committee as its own table (see
/// [`crate::economics::personnel_tables`]).
pub async fn listing(store: &Store, committee: Option<&str>) -> Result<Vec<Table>> {
    crate::economics::personnel_tables(store, committee).await
}

/// Every statistic of `year` beside the same statistic a year earlier, with the difference.
pub async fn year_comparison(store: &Store, committee: Option<&str>, year: i32) -> Result<Table> {
    let key = resolve_committee(store, committee, None).await?;
    let facts = styr_store::personnel::load_personnel(store, &key).await?;
    let table = styr_report::personnel::year_comparison(&facts, year);
    if table.rows.is_empty() {
        return Err(AppError::NotFound(format!("{key} has no personnel statistics for {} or {year}", year - 1)));
    }
    Ok(table)
}
