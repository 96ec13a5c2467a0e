//! Population by region, year, single age and sex: replaced per region and year as a file brings
//! them, read back per region.

use sqlx::{Any, Row as _, Transaction};

use crate::schema::POPULATION;
use crate::table::{ROWS_PER_STATEMENT, StoredRow, Value, select_scope, values_tuples};
use crate::{Result, Store};

/// One stored count. `sex` is `m` or `k`; age 100 is 100+.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationRow {
    pub region: String,
    pub year: i32,
    pub age: u8,
    pub sex: String,
    pub persons: f64,
    pub source: String,
    pub imported_at: String,
}

/// Replaces every stored row of each (region, year) that `rows` has with `rows`: a year the file
/// brings is taken whole from it, other years and regions stay.
pub async fn replace(tx: &mut Transaction<'_, Any>, rows: &[PopulationRow]) -> Result<()> {
    let scopes: std::collections::BTreeSet<(&str, i32)> = rows.iter().map(|r| (r.region.as_str(), r.year)).collect();
    for (region, year) in scopes {
        sqlx::query("DELETE FROM population WHERE region = $1 AND year = $2")
            .bind(region.to_string())
            .bind(i64::from(year))
            .execute(&mut **tx)
            .await?;
    }
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO population (region, year, age, sex, persons, source, imported_at, revision) VALUES {}",
            values_tuples(tx, chunk.len(), 7, ", 1")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for r in chunk {
            q = q
                .bind(r.region.clone())
                .bind(i64::from(r.year))
                .bind(i64::from(r.age))
                .bind(r.sex.clone())
                .bind(r.persons)
                .bind(r.source.clone())
                .bind(r.imported_at.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The stored rows of one region, by year, sex and age.
pub async fn load(store: &Store, region: &str) -> Result<Vec<PopulationRow>> {
    let rows = select_scope(store.pool(), &POPULATION, &[Value::text(region)]).await?;
    Ok(rows.iter().map(row_of).collect())
}

/// Per region: the years stored, with their source (for listings and the import's change set).
pub async fn years(store: &Store) -> Result<Vec<(String, i32, String, i64)>> {
    let rows = sqlx::query("SELECT region, year, MIN(source), COUNT(*) FROM population GROUP BY region, year ORDER BY region, year")
        .fetch_all(store.pool())
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get::<String, _>(0)?, r.try_get::<i64, _>(1)? as i32, r.try_get::<String, _>(2)?, r.try_get::<i64, _>(3)?)))
        .collect()
}

fn row_of(r: &StoredRow) -> PopulationRow {
    PopulationRow {
        region: r.string(&POPULATION, "region"),
        year: r.int(&POPULATION, "year").unwrap_or_default() as i32,
        age: r.int(&POPULATION, "age").unwrap_or_default() as u8,
        sex: r.string(&POPULATION, "sex"),
        persons: r.real(&POPULATION, "persons").unwrap_or_default(),
        source: r.string(&POPULATION, "source"),
        imported_at: r.string(&POPULATION, "imported_at"),
    }
}
