//! A small table-mapping layer: every stored object is a row of a [`TableDef`] with key and data
//! columns. All writes go through [`sync_rows`] (or [`sync_rows_where`], [`upsert_rows`]), [`upsert_row`] or [`update_checked`], which keep
//! each row's revision and write the audit log in the caller's transaction.

use std::collections::BTreeMap;

use sqlx::any::AnyRow;
use sqlx::{Any, Row as _, Transaction};

use crate::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Text,
    Int,
    Real,
}

/// A column value; `None` is SQL NULL.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(Option<String>),
    Int(Option<i64>),
    Real(Option<f64>),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(Some(s.into()))
    }
    pub fn opt_text(s: Option<impl Into<String>>) -> Value {
        Value::Text(s.map(Into::into))
    }
    pub fn int(i: impl Into<i64>) -> Value {
        Value::Int(Some(i.into()))
    }
    pub fn real(f: f64) -> Value {
        Value::Real(Some(f))
    }
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => s.as_deref(),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => *i,
            _ => None,
        }
    }
    pub fn as_real(&self) -> Option<f64> {
        match self {
            Value::Real(f) => *f,
            Value::Int(i) => i.map(|i| i as f64),
            _ => None,
        }
    }
    fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Text(s) => s.clone().map_or(serde_json::Value::Null, serde_json::Value::String),
            Value::Int(i) => i.map_or(serde_json::Value::Null, |i| i.into()),
            Value::Real(f) => f.and_then(serde_json::Number::from_f64).map_or(serde_json::Value::Null, serde_json::Value::Number),
        }
    }
    fn render_key(&self) -> String {
        match self {
            Value::Text(s) => s.clone().unwrap_or_default(),
            Value::Int(i) => i.map(|i| i.to_string()).unwrap_or_default(),
            Value::Real(f) => f.map(|f| f.to_string()).unwrap_or_default(),
        }
    }
}

/// Describes one table: its key columns (a prefix of which scopes a sync) and data columns.
/// Every table also has a `revision` column.
#[derive(Debug)]
pub struct TableDef {
    pub name: &'static str,
    pub key: &'static [(&'static str, ColType)],
    pub data: &'static [(&'static str, ColType)],
}

/// A row: key values then data values, in the order of the table definition.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub key: Vec<Value>,
    pub data: Vec<Value>,
}

impl Row {
    pub fn new(key: Vec<Value>, data: Vec<Value>) -> Row {
        Row { key, data }
    }
}

/// A stored row with its revision.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRow {
    pub row: Row,
    pub revision: i64,
}

impl StoredRow {
    /// The data value of column `name`.
    pub fn get(&self, def: &TableDef, name: &str) -> &Value {
        if let Some(i) = def.data.iter().position(|(n, _)| *n == name) {
            &self.row.data[i]
        } else {
            let i = def.key.iter().position(|(n, _)| *n == name).unwrap_or_else(|| {
                panic!("column {name} is not in table {}", def.name);
            });
            &self.row.key[i]
        }
    }
    pub fn text(&self, def: &TableDef, name: &str) -> Option<String> {
        self.get(def, name).as_text().map(str::to_string)
    }
    pub fn string(&self, def: &TableDef, name: &str) -> String {
        self.text(def, name).unwrap_or_default()
    }
    pub fn int(&self, def: &TableDef, name: &str) -> Option<i64> {
        self.get(def, name).as_int()
    }
    pub fn real(&self, def: &TableDef, name: &str) -> Option<f64> {
        self.get(def, name).as_real()
    }
    /// The year a row belongs to, from a year column or the first four digits of a date or period
    /// column (`2024-08-31`, `2024-T2`).
    pub fn year(&self, def: &TableDef, column: &str) -> Option<i32> {
        match self.get(def, column) {
            Value::Int(Some(y)) => i32::try_from(*y).ok(),
            Value::Text(Some(t)) => t.get(..4).and_then(|y| y.parse().ok()),
            _ => None,
        }
    }
}

/// Who writes, for the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: String,
}

impl Actor {
    pub fn new(user: impl Into<String>) -> Actor {
        Actor { user: user.into() }
    }
}

/// What a write changed, in total and per kind of object (the table name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub inserted: usize,
    pub updated: usize,
    pub deleted: usize,
    /// The same counts per table, e.g. `goals`, `indicator_targets`, `ledger_amounts`.
    pub by_kind: BTreeMap<&'static str, KindChanges>,
}

/// Inserted, updated and deleted rows of one kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindChanges {
    pub inserted: usize,
    pub updated: usize,
    pub deleted: usize,
}

impl Changes {
    fn of(kind: &'static str, k: KindChanges) -> Changes {
        let mut by_kind = BTreeMap::new();
        if k != KindChanges::default() {
            by_kind.insert(kind, k);
        }
        Changes { inserted: k.inserted, updated: k.updated, deleted: k.deleted, by_kind }
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.inserted == 0 && self.updated == 0 && self.deleted == 0
    }
}

impl std::ops::AddAssign for Changes {
    fn add_assign(&mut self, o: Changes) {
        self.inserted += o.inserted;
        self.updated += o.updated;
        self.deleted += o.deleted;
        for (kind, k) in o.by_kind {
            let e = self.by_kind.entry(kind).or_default();
            e.inserted += k.inserted;
            e.updated += k.updated;
            e.deleted += k.deleted;
        }
    }
}

/// Marks SQL built only from the static table and column names of [`TableDef`]s (values are always bound).
fn trusted(sql: String) -> sqlx::AssertSqlSafe<String> {
    sqlx::AssertSqlSafe(sql)
}

/// The VALUES tuples of a multi-row INSERT: `rows` tuples of `cols` parameters, each tuple ending
/// in `suffix` (such as `, 1` for the revision); the parameters are bound in order. SQLite gets bare
/// `?`: for a numbered `$N` it finds each parameter's name by walking a list as long as the
/// statement, so binding a statement of numbered parameters costs the square of their count (it
/// was 80 % of the time of a 1M-value Kolada import at 500 rows per statement).
pub(crate) fn values_tuples(tx: &Transaction<'_, Any>, rows: usize, cols: usize, suffix: &str) -> String {
    let sqlite = tx.backend_name().eq_ignore_ascii_case("sqlite");
    let tuple = |r: usize| {
        let params: Vec<String> = (1..=cols).map(|c| if sqlite { "?".to_string() } else { format!("${}", r * cols + c) }).collect();
        format!("({}{suffix})", params.join(", "))
    };
    (0..rows).map(tuple).collect::<Vec<_>>().join(", ")
}

pub(crate) fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, Any, sqlx::any::AnyArguments>,
    values: impl IntoIterator<Item = &'q Value>,
) -> sqlx::query::Query<'q, Any, sqlx::any::AnyArguments> {
    for v in values {
        q = match v {
            Value::Text(s) => q.bind(s.clone()),
            Value::Int(i) => q.bind(*i),
            Value::Real(f) => q.bind(*f),
        };
    }
    q
}

pub(crate) fn decode(row: &AnyRow, idx: usize, ty: ColType) -> Result<Value, sqlx::Error> {
    Ok(match ty {
        ColType::Text => Value::Text(row.try_get::<Option<String>, _>(idx)?),
        ColType::Int => Value::Int(row.try_get::<Option<i64>, _>(idx)?),
        ColType::Real => Value::Real(row.try_get::<Option<f64>, _>(idx)?),
    })
}

fn column_list(def: &TableDef) -> String {
    def.key.iter().chain(def.data).map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
}

fn order_clause(def: &TableDef) -> String {
    let mut cols: Vec<&str> = Vec::new();
    if def.data.iter().any(|(n, _)| *n == "ordinal") {
        cols.push("ordinal");
    }
    cols.extend(def.key.iter().map(|(n, _)| *n));
    cols.join(", ")
}

/// Rows whose leading key columns equal `scope`, in `ordinal` order when the table has one.
pub async fn select_scope<'c, E>(exec: E, def: &TableDef, scope: &[Value]) -> Result<Vec<StoredRow>, StoreError>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    let filter = scope_filter(def, scope, 1);
    let sql = format!("SELECT {}, revision FROM {}{} ORDER BY {}", column_list(def), def.name, filter, order_clause(def));
    let rows = bind_all(sqlx::query(trusted(sql)), scope).fetch_all(exec).await?;
    rows.iter().map(|r| decode_stored(def, r)).collect()
}

fn scope_filter(def: &TableDef, scope: &[Value], first_placeholder: usize) -> String {
    if scope.is_empty() {
        return String::new();
    }
    let conds: Vec<String> =
        def.key[..scope.len()].iter().enumerate().map(|(i, (n, _))| format!("{n} = ${}", first_placeholder + i)).collect();
    format!(" WHERE {}", conds.join(" AND "))
}

fn decode_stored(def: &TableDef, r: &AnyRow) -> Result<StoredRow, StoreError> {
    let nk = def.key.len();
    let key = def.key.iter().enumerate().map(|(i, (_, t))| decode(r, i, *t)).collect::<Result<_, _>>()?;
    let data = def.data.iter().enumerate().map(|(i, (_, t))| decode(r, nk + i, *t)).collect::<Result<_, _>>()?;
    let revision: i64 = r.try_get(nk + def.data.len())?;
    Ok(StoredRow { row: Row { key, data }, revision })
}

/// The key as shown in the audit log and errors: parts joined with `/`.
fn key_string(key: &[Value]) -> String {
    key.iter().map(Value::render_key).collect::<Vec<_>>().join("/")
}

/// The key for matching rows within a sync: parts joined with a control character that no part
/// contains, so free-text parts with `/` cannot collide.
fn match_key(key: &[Value]) -> String {
    key.iter().map(Value::render_key).collect::<Vec<_>>().join("\u{1f}")
}

fn data_json(def: &TableDef, data: &[Value]) -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        def.data.iter().zip(data).map(|((n, _), v)| (n.to_string(), v.to_json())).collect();
    serde_json::Value::Object(map).to_string()
}

/// The audit log's object key for a row of `def`.
pub fn object_key(key: &[Value]) -> String {
    key_string(key)
}

/// One audited change of a row: what happened, the revision after it, and the values around it.
struct AuditChange {
    action: &'static str,
    revision: i64,
    before: Option<String>,
    after: Option<String>,
}

/// Writes audit entries, many per statement.
async fn audit_many(
    tx: &mut Transaction<'_, Any>,
    actor: &Actor,
    def: &TableDef,
    changes: Vec<(&[Value], AuditChange)>,
) -> Result<(), StoreError> {
    const COLS: usize = 8;
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    for chunk in changes.chunks(ROWS_PER_STATEMENT) {
        let sql = format!(
            "INSERT INTO audit_log (at, user_name, object_kind, object_key, action, revision, before_json, after_json) VALUES {}",
            values_tuples(tx, chunk.len(), COLS, "")
        );
        let mut q = sqlx::query(trusted(sql));
        for (key, change) in chunk {
            q = q
                .bind(at.clone())
                .bind(actor.user.clone())
                .bind(def.name)
                .bind(key_string(key))
                .bind(change.action)
                .bind(change.revision)
                .bind(change.before.clone())
                .bind(change.after.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

async fn audit(tx: &mut Transaction<'_, Any>, actor: &Actor, def: &TableDef, key: &[Value], change: AuditChange) -> Result<(), StoreError> {
    audit_many(tx, actor, def, vec![(key, change)]).await
}

/// Rows per multi-row INSERT. Batching saves a round trip to the database per row (the SQLite
/// driver runs on its own thread); beyond some tens of rows a statement gets slower again, because
/// binding cost grows faster than the parameter count (measured: 50 rows 1,5 s, 200 rows 1,6 s,
/// 1 000 rows 10 s for the 1M-row SIE benchmark).
pub(crate) const ROWS_PER_STATEMENT: usize = 50;

/// Inserts rows with revision 1, many per statement, and audits each.
async fn insert_many(tx: &mut Transaction<'_, Any>, def: &TableDef, rows: &[Row], actor: &Actor) -> Result<(), StoreError> {
    let n = def.key.len() + def.data.len();
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let sql = format!("INSERT INTO {} ({}, revision) VALUES {}", def.name, column_list(def), values_tuples(tx, chunk.len(), n, ", 1"));
        bind_all(sqlx::query(trusted(sql)), chunk.iter().flat_map(|r| r.key.iter().chain(&r.data))).execute(&mut **tx).await?;
        crate::test_hook::rows_inserted(chunk.len());
    }
    let changes: Vec<(&[Value], AuditChange)> = rows
        .iter()
        .map(|r| (r.key.as_slice(), AuditChange { action: "insert", revision: 1, before: None, after: Some(data_json(def, &r.data)) }))
        .collect();
    audit_many(tx, actor, def, changes).await
}

async fn update(tx: &mut Transaction<'_, Any>, def: &TableDef, old: &StoredRow, data: &[Value], actor: &Actor) -> Result<i64, StoreError> {
    let sets: Vec<String> = def.data.iter().enumerate().map(|(i, (n, _))| format!("{n} = ${}", i + 1)).collect();
    let nd = def.data.len();
    let conds: Vec<String> = def.key.iter().enumerate().map(|(i, (n, _))| format!("{n} = ${}", nd + 1 + i)).collect();
    let sql = format!(
        "UPDATE {} SET {}, revision = revision + 1 WHERE {} AND revision = ${}",
        def.name,
        sets.join(", "),
        conds.join(" AND "),
        nd + def.key.len() + 1
    );
    let revision_value = Value::Int(Some(old.revision));
    let result = bind_all(sqlx::query(trusted(sql)), data.iter().chain(&old.row.key).chain([&revision_value])).execute(&mut **tx).await?;
    if result.rows_affected() != 1 {
        return Err(StoreError::StaleRevision { object: format!("{} {}", def.name, key_string(&old.row.key)), expected: old.revision });
    }
    let revision = old.revision + 1;
    let change = AuditChange { action: "update", revision, before: Some(data_json(def, &old.row.data)), after: Some(data_json(def, data)) };
    audit(tx, actor, def, &old.row.key, change).await?;
    Ok(revision)
}

async fn delete(tx: &mut Transaction<'_, Any>, def: &TableDef, old: &StoredRow, actor: &Actor) -> Result<(), StoreError> {
    let conds: Vec<String> = def.key.iter().enumerate().map(|(i, (n, _))| format!("{n} = ${}", i + 1)).collect();
    let sql = format!("DELETE FROM {} WHERE {}", def.name, conds.join(" AND "));
    bind_all(sqlx::query(trusted(sql)), &old.row.key).execute(&mut **tx).await?;
    let change = AuditChange { action: "delete", revision: old.revision, before: Some(data_json(def, &old.row.data)), after: None };
    audit(tx, actor, def, &old.row.key, change).await
}

/// Makes the rows within `scope` equal to `rows`: inserts new rows, updates changed ones (revision + 1)
/// and deletes rows that are no longer there. Unchanged rows keep their revision.
pub async fn sync_rows(
    tx: &mut Transaction<'_, Any>,
    def: &TableDef,
    scope: &[Value],
    rows: Vec<Row>,
    actor: &Actor,
) -> Result<Changes, StoreError> {
    sync_rows_where(tx, def, scope, rows, actor, |_| true).await
}

/// Like [`sync_rows`], but only stored rows for which `replaceable` holds are deleted when `rows`
/// lacks them; others stay (e.g. other years than the ones a file holds).
pub async fn sync_rows_where(
    tx: &mut Transaction<'_, Any>,
    def: &TableDef,
    scope: &[Value],
    rows: Vec<Row>,
    actor: &Actor,
    replaceable: impl Fn(&StoredRow) -> bool,
) -> Result<Changes, StoreError> {
    let existing = select_scope(&mut **tx, def, scope).await?;
    let mut old_by_key: BTreeMap<String, StoredRow> = existing.into_iter().map(|r| (match_key(&r.row.key), r)).collect();
    let mut counts = KindChanges::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut new_rows = Vec::new();
    for row in rows {
        debug_assert_eq!(row.key.len(), def.key.len(), "key arity of {}", def.name);
        debug_assert_eq!(row.data.len(), def.data.len(), "data arity of {}", def.name);
        let k = match_key(&row.key);
        if !seen.insert(k.clone()) {
            return Err(StoreError::Duplicate { table: def.name, key: key_string(&row.key) });
        }
        match old_by_key.remove(&k) {
            None => new_rows.push(row),
            Some(old) if old.row.data != row.data => {
                update(tx, def, &old, &row.data, actor).await?;
                counts.updated += 1;
            }
            Some(_) => {}
        }
    }
    insert_many(tx, def, &new_rows, actor).await?;
    counts.inserted += new_rows.len();
    for old in old_by_key.into_values().filter(|r| replaceable(r)) {
        delete(tx, def, &old, actor).await?;
        counts.deleted += 1;
    }
    Ok(Changes::of(def.name, counts))
}

/// Inserts or updates `rows` within `scope`, leaving other stored rows alone: the scope is read
/// once and new rows are inserted many per statement, instead of a read and a write per row.
pub async fn upsert_rows(
    tx: &mut Transaction<'_, Any>,
    def: &TableDef,
    scope: &[Value],
    rows: Vec<Row>,
    actor: &Actor,
) -> Result<Changes, StoreError> {
    sync_rows_where(tx, def, scope, rows, actor, |_| false).await
}

/// Inserts or updates one row by its full key, leaving other rows alone.
pub async fn upsert_row(tx: &mut Transaction<'_, Any>, def: &TableDef, row: Row, actor: &Actor) -> Result<Changes, StoreError> {
    let existing = select_scope(&mut **tx, def, &row.key).await?;
    match existing.into_iter().next() {
        None => {
            insert_many(tx, def, std::slice::from_ref(&row), actor).await?;
            Ok(Changes::of(def.name, KindChanges { inserted: 1, ..KindChanges::default() }))
        }
        Some(old) if old.row.data != row.data => {
            update(tx, def, &old, &row.data, actor).await?;
            Ok(Changes::of(def.name, KindChanges { updated: 1, ..KindChanges::default() }))
        }
        Some(_) => Ok(Changes::default()),
    }
}

/// Updates one existing row only if it still has `expected_revision` (optimistic locking for
/// edits that started from a revision someone else may have changed since). Returns the new revision.
pub async fn update_checked(
    tx: &mut Transaction<'_, Any>,
    def: &TableDef,
    key: Vec<Value>,
    expected_revision: i64,
    data: Vec<Value>,
    actor: &Actor,
) -> Result<i64, StoreError> {
    let existing = select_scope(&mut **tx, def, &key).await?;
    let old = existing.into_iter().next().ok_or_else(|| StoreError::NotFound(format!("{} {}", def.name, key_string(&key))))?;
    if old.revision != expected_revision {
        return Err(StoreError::StaleRevision { object: format!("{} {}", def.name, key_string(&key)), expected: expected_revision });
    }
    if old.row.data == data {
        return Ok(old.revision);
    }
    update(tx, def, &old, &data, actor).await
}
