//! Personnel statistics.

use chrono::{Datelike, NaiveDate};
use sqlx::{Any, Transaction};
use styr_domain::Gender;
use styr_domain::personnel::{Employment, PersonnelFacts, PersonnelMeasure, PersonnelStat, Window};

use crate::schema::PERSONNEL_STATS;
use crate::table::{Actor, Changes, Row, Value, select_scope, sync_rows_where};
use crate::{Result, Store, corrupt};

/// Stores the personnel statistics of `committee`, replacing only the years `facts` contains
/// (by the year of each statistic's date); other years stay.
pub async fn save_personnel(tx: &mut Transaction<'_, Any>, committee: &str, facts: &PersonnelFacts, actor: &Actor) -> Result<Changes> {
    let rows = facts
        .stats
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Row::new(
                vec![
                    Value::text(committee),
                    Value::text(s.measure.key()),
                    Value::text(s.date.to_string()),
                    Value::text(s.window.as_str()),
                    Value::text(s.org_unit.clone().unwrap_or_default()),
                    Value::text(s.gender.as_str()),
                    Value::text(s.age_band.clone().unwrap_or_default()),
                    Value::text(s.length.clone().unwrap_or_default()),
                    Value::text(s.employment.map(Employment::as_str).unwrap_or_default()),
                    Value::text(s.from.map(|d| d.to_string()).unwrap_or_default()),
                    Value::text(s.label.clone().unwrap_or_default()),
                ],
                vec![Value::real(s.value), Value::int(i as i64)],
            )
        })
        .collect();
    let years: std::collections::BTreeSet<i32> = facts.stats.iter().map(|s| s.date.year()).collect();
    let of_years = |r: &crate::table::StoredRow| r.year(&PERSONNEL_STATS, "stat_date").is_some_and(|y| years.contains(&y));
    sync_rows_where(tx, &PERSONNEL_STATS, &[Value::text(committee)], rows, actor, of_years).await
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

pub async fn load_personnel(store: &Store, committee: &str) -> Result<PersonnelFacts> {
    let d = &PERSONNEL_STATS;
    let stats = select_scope(store.pool(), d, &[Value::text(committee)])
        .await?
        .iter()
        .map(|r| {
            let measure = r.string(d, "measure");
            let date = r.string(d, "stat_date");
            let window = r.string(d, "time_window");
            let gender = r.string(d, "gender");
            let employment = r.string(d, "employment");
            Ok(PersonnelStat {
                measure: PersonnelMeasure::parse(&measure).ok_or_else(|| corrupt(format!("measure {measure}")))?,
                date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|_| corrupt(format!("date {date}")))?,
                window: Window::parse(&window).ok_or_else(|| corrupt(format!("window {window}")))?,
                from: match r.string(d, "from_date").as_str() {
                    "" => None,
                    f => Some(NaiveDate::parse_from_str(f, "%Y-%m-%d").map_err(|_| corrupt(format!("date {f}")))?),
                },
                label: non_empty(r.string(d, "label")),
                org_unit: non_empty(r.string(d, "org_unit")),
                gender: Gender::parse(&gender).ok_or_else(|| corrupt(format!("gender {gender}")))?,
                age_band: non_empty(r.string(d, "age_band")),
                length: non_empty(r.string(d, "length_band")),
                employment: match employment.as_str() {
                    "" => None,
                    e => Some(Employment::parse(e).ok_or_else(|| corrupt(format!("employment {e}")))?),
                },
                value: r.real(d, "value").ok_or_else(|| corrupt("personnel value"))?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PersonnelFacts { stats })
}
