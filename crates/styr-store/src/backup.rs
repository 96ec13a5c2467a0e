//! Backups (`styr backup`) and restores (`styr restore`) of a whole styr database.
//!
//! Two formats:
//!
//! - **SQLite file**, the default on SQLite: `VACUUM INTO` writes a consistent, compacted copy of
//!   the database while other processes go on reading and writing. It is a complete database:
//!   `styr --database FILE …` opens it directly.
//! - **Portable dump**, the default on PostgreSQL and available on SQLite: every table as JSON
//!   lines, restorable into either back end. Line 1 is a header, then each table in dependency
//!   order is a line naming the table and its columns followed by one JSON array per row (sorted),
//!   and the last line closes the dump with its counts, so a dump cut short is recognised:
//!
//!   ```text
//!   {"backend":"postgres","created_at":"2026-12-01T20:58:00.000Z","format":"styr-dump","format_version":1,"schema_version":4}
//!   {"columns":["code","name","revision"],"table":"municipalities"}
//!   ["0126","Huddinge",1]
//!   …
//!   {"end":"styr-dump","rows":64798,"tables":43}
//!   ```
//!
//!   REAL values that JSON cannot hold are written as the strings `"NaN"`, `"Infinity"` and
//!   `"-Infinity"`.
//!
//! A restore reads either format (it looks at the file's first bytes), refuses a database that is
//! not empty unless forced (then it replaces everything in one transaction), refuses a backup from
//! a newer schema, and upgrades one from an older schema through the migrations (in a temporary
//! SQLite database) before copying it in. Everything is copied in one transaction: a broken
//! backup, named by file and line, leaves the database as it was.

use std::collections::BTreeSet;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use futures_util::TryStreamExt as _;
use sqlx::{Any, AnyConnection, AssertSqlSafe, Transaction};

use crate::table::{ColType, Value, bind_all, decode};
use crate::{Backend, Store, StoreError, latest_schema_version, migrator, schema};

/// The `format` of a dump's header line.
pub const DUMP_FORMAT: &str = "styr-dump";
/// The version of the dump format this build writes and the newest it reads.
pub const DUMP_FORMAT_VERSION: i64 = 1;
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
/// Rows per multi-row INSERT (see `table::ROWS_PER_STATEMENT`).
const ROWS_PER_STATEMENT: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BackupFormat {
    /// A SQLite file on SQLite, a portable dump on PostgreSQL.
    #[default]
    Auto,
    /// A SQLite database file (`VACUUM INTO`); only from SQLite.
    Sqlite,
    /// The portable JSON-lines dump.
    Dump,
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// (The I/O error is part of the message, not a separate cause, so it is shown once.)
    #[error("{file}: {error}")]
    Io { file: String, error: std::io::Error },
    #[error("{0} exists already; choose another file, or overwrite it with --force")]
    Exists(String),
    #[error("a SQLite file backup needs a SQLite database; use the portable dump format for PostgreSQL")]
    SqliteFileFromPostgres,
    #[error("{file}:{line}: {message}")]
    Broken { file: String, line: usize, message: String },
    #[error("{file} is neither a styr dump nor a SQLite database")]
    NotABackup { file: String },
    #[error(
        "{file} comes from a newer styr (schema version {found}; this styr knows versions up to {supported}); restore it with \
         that version of styr or a newer one"
    )]
    NewerSchema { file: String, found: i64, supported: i64 },
    #[error("{file} does not match this database's schema: {message}")]
    Mismatch { file: String, message: String },
    #[error("the database is not empty ({rows} rows in {tables} tables); `restore --force` replaces its contents with the backup")]
    NotEmpty { rows: u64, tables: usize },
}

impl From<sqlx::Error> for BackupError {
    fn from(e: sqlx::Error) -> Self {
        BackupError::Store(StoreError::Database(e))
    }
}

impl From<sqlx::migrate::MigrateError> for BackupError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        BackupError::Store(StoreError::Migrate(e))
    }
}

type Result<T, E = BackupError> = std::result::Result<T, E>;

fn io(file: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io { file: file.display().to_string(), error: source }
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// [`BackupFormat::Sqlite`] or [`BackupFormat::Dump`].
    pub format: BackupFormat,
    pub schema_version: i64,
    pub tables: usize,
    pub rows: u64,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreSummary {
    /// [`BackupFormat::Sqlite`] or [`BackupFormat::Dump`].
    pub format: BackupFormat,
    /// The schema version of the backup; older backups are upgraded by the migrations.
    pub schema_version: i64,
    pub tables: usize,
    pub rows: u64,
    /// Rows the restore removed from the database (only with `force`).
    pub replaced_rows: u64,
}

/// A table as the database describes it: columns in order, with the type styr stores in them.
#[derive(Debug, Clone, PartialEq)]
pub struct TableInfo {
    pub name: String,
    pub columns: Vec<(String, ColType)>,
    /// A PostgreSQL identity column (`audit_log.id`), which a restore must write explicitly.
    pub identity: Option<String>,
}

/// The rows of every table, for comparing two databases (tests, checks after a restore).
pub type Snapshot = Vec<(String, Vec<Vec<Value>>)>;

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn column_type(table: &str, column: &str, declared: &str) -> Result<ColType, StoreError> {
    let t = declared.to_ascii_uppercase();
    if t.contains("INT") {
        Ok(ColType::Int)
    } else if t.contains("DOUBLE") || t.contains("REAL") || t.contains("FLOAT") {
        Ok(ColType::Real)
    } else if t.contains("TEXT") || t.contains("CHAR") {
        Ok(ColType::Text)
    } else {
        Err(crate::corrupt(format!("{table}.{column} has the type {declared}, which backups do not handle")))
    }
}

/// The position of a table in dependency order: the order of [`schema::ALL`] (referenced tables
/// first), then the audit log, then tables this build does not know, by name.
fn table_order(name: &str) -> (usize, String) {
    let known = schema::ALL.iter().position(|d| d.name == name);
    let rank = known.unwrap_or(schema::ALL.len() + usize::from(name != "audit_log"));
    (rank, name.to_string())
}

/// Every styr table of the database (not sqlx's migration table), in dependency order.
pub async fn tables(conn: &mut AnyConnection, backend: Backend) -> Result<Vec<TableInfo>, StoreError> {
    let names: Vec<String> = match backend {
        Backend::Sqlite => {
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
                .fetch_all(&mut *conn)
                .await?
        }
        Backend::Postgres => sqlx::query_scalar(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
        )
        .fetch_all(&mut *conn)
        .await?,
    };
    let mut names: Vec<String> = names.into_iter().filter(|n| !n.starts_with("_sqlx")).collect();
    names.sort_by_key(|n| table_order(n));
    let mut out = Vec::new();
    for name in names {
        let described: Vec<(String, String, String)> = match backend {
            Backend::Sqlite => sqlx::query_as("SELECT name, type, '' FROM pragma_table_info($1) ORDER BY cid"),
            Backend::Postgres => sqlx::query_as(
                "SELECT column_name::text, data_type::text, is_identity::text FROM information_schema.columns \
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            ),
        }
        .bind(name.clone())
        .fetch_all(&mut *conn)
        .await?;
        let mut columns = Vec::new();
        let mut identity = None;
        for (column, declared, is_identity) in described {
            columns.push((column.clone(), column_type(&name, &column, &declared)?));
            if is_identity == "YES" {
                identity = Some(column);
            }
        }
        out.push(TableInfo { name, columns, identity });
    }
    Ok(out)
}

/// All rows of a table; `ordered` sorts them by every column, for dumps that compare line by line.
fn select_all(table: &TableInfo, ordered: bool) -> String {
    let cols: Vec<String> = table.columns.iter().map(|(c, _)| ident(c)).collect();
    let mut sql = format!("SELECT {} FROM {}", cols.join(", "), ident(&table.name));
    if ordered {
        let order: Vec<String> = (1..=cols.len()).map(|i| i.to_string()).collect();
        sql.push_str(&format!(" ORDER BY {}", order.join(", ")));
    }
    sql
}

/// Reads every row of every table in one snapshot, in a stable order.
pub async fn snapshot(store: &Store) -> Result<Snapshot, StoreError> {
    let mut tx = store.begin_read().await?;
    let mut out = Vec::new();
    for table in tables(&mut tx, store.backend()).await? {
        let rows = sqlx::query(AssertSqlSafe(select_all(&table, true))).fetch_all(&mut *tx).await?;
        let rows = rows
            .iter()
            .map(|r| table.columns.iter().enumerate().map(|(i, (_, t))| decode(r, i, *t)).collect::<Result<Vec<_>, _>>())
            .collect::<Result<Vec<_>, _>>()?;
        out.push((table.name, rows));
    }
    tx.commit().await?;
    Ok(out)
}

/// A file written under a temporary name next to its destination and renamed into place only when
/// complete, so a failed or interrupted backup never leaves a half file under the real name.
struct PendingFile {
    tmp: PathBuf,
    dest: PathBuf,
}

impl PendingFile {
    fn new(dest: &Path, overwrite: bool) -> Result<PendingFile> {
        if dest.exists() && !overwrite {
            return Err(BackupError::Exists(dest.display().to_string()));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty() && !d.is_dir()) {
            let missing = std::io::Error::new(std::io::ErrorKind::NotFound, format!("the directory {} does not exist", dir.display()));
            return Err(BackupError::Io { file: dest.display().to_string(), error: missing });
        }
        let name = dest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "backup".into());
        let tmp = dest.with_file_name(format!(".{name}.{}.partial", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        Ok(PendingFile { tmp, dest: dest.to_path_buf() })
    }

    fn finish(self) -> Result<()> {
        std::fs::File::open(&self.tmp).and_then(|f| f.sync_all()).map_err(io(&self.dest))?;
        std::fs::rename(&self.tmp, &self.dest).map_err(io(&self.dest))?;
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// Writes a backup of the whole database to `dest`. `overwrite` replaces an existing file.
pub async fn backup(store: &Store, dest: &Path, format: BackupFormat, overwrite: bool) -> Result<BackupSummary> {
    let format = match (format, store.backend()) {
        (BackupFormat::Auto, Backend::Sqlite) => BackupFormat::Sqlite,
        (BackupFormat::Auto, Backend::Postgres) => BackupFormat::Dump,
        (BackupFormat::Sqlite, Backend::Postgres) => return Err(BackupError::SqliteFileFromPostgres),
        (f, _) => f,
    };
    let pending = PendingFile::new(dest, overwrite)?;
    let summary = if format == BackupFormat::Sqlite {
        let tmp = pending.tmp.to_str().ok_or_else(|| BackupError::Io {
            file: dest.display().to_string(),
            error: std::io::Error::other("the path is not valid UTF-8"),
        })?;
        // VACUUM INTO reads one snapshot (a read transaction), so writers in other processes go on.
        sqlx::query(AssertSqlSafe(format!("VACUUM INTO '{}'", tmp.replace('\'', "''")))).execute(store.pool()).await?;
        // Check the copy by reading it back.
        let copy = open_sqlite_file(&pending.tmp).await?;
        let counted = count_rows(&copy).await;
        copy.pool().close().await;
        let (schema_version, tables, rows) = counted?;
        BackupSummary { format, schema_version, tables, rows }
    } else {
        let file = std::fs::File::create(&pending.tmp).map_err(io(dest))?;
        let mut out = std::io::BufWriter::new(file);
        let summary = write_dump(store, &mut out).await.map_err(|e| match e {
            BackupError::Io { error, .. } => BackupError::Io { file: dest.display().to_string(), error },
            e => e,
        })?;
        out.flush().map_err(io(dest))?;
        summary
    };
    pending.finish()?;
    Ok(summary)
}

/// Opens a SQLite file as it is: no settings changed, no migrations run.
async fn open_sqlite_file(path: &Path) -> Result<Store> {
    sqlx::any::install_default_drivers();
    let url = format!("sqlite:{}?mode=ro", crate::encode_sqlite_path(&path.to_string_lossy()));
    let pool = sqlx::any::AnyPoolOptions::new().max_connections(1).connect(&url).await?;
    Ok(Store { pool, backend: Backend::Sqlite })
}

/// (schema version, tables, rows) of a database.
async fn count_rows(store: &Store) -> Result<(i64, usize, u64)> {
    let mut tx = store.begin_read().await?;
    let version = crate::schema_version(&mut *tx).await?;
    let tables = tables(&mut tx, store.backend()).await?;
    let mut rows = 0u64;
    for t in &tables {
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", ident(&t.name)))).fetch_one(&mut *tx).await?;
        rows += n as u64;
    }
    tx.commit().await?;
    Ok((version, tables.len(), rows))
}

fn value_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Text(s) => s.clone().map_or(serde_json::Value::Null, serde_json::Value::String),
        Value::Int(i) => i.map_or(serde_json::Value::Null, Into::into),
        Value::Real(None) => serde_json::Value::Null,
        Value::Real(Some(f)) => match serde_json::Number::from_f64(*f) {
            Some(n) => serde_json::Value::Number(n),
            None if f.is_nan() => "NaN".into(),
            None if *f > 0.0 => "Infinity".into(),
            None => "-Infinity".into(),
        },
    }
}

/// Writes the portable dump of the whole database (one consistent snapshot) to `out`.
pub async fn write_dump(store: &Store, out: &mut impl Write) -> Result<BackupSummary> {
    let mut tx = store.begin_read().await?;
    let schema_version = crate::schema_version(&mut *tx).await?;
    let tables = tables(&mut tx, store.backend()).await?;
    let mut line = |value: &serde_json::Value| -> std::io::Result<()> {
        serde_json::to_writer(&mut *out, value)?;
        out.write_all(b"\n")
    };
    let dump_io = |error| BackupError::Io { file: "dump".into(), error };
    let backend = match store.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    line(&serde_json::json!({
        "format": DUMP_FORMAT,
        "format_version": DUMP_FORMAT_VERSION,
        "schema_version": schema_version,
        "backend": backend,
        "created_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    }))
    .map_err(dump_io)?;
    let mut rows = 0u64;
    for table in &tables {
        let columns: Vec<&str> = table.columns.iter().map(|(c, _)| c.as_str()).collect();
        line(&serde_json::json!({ "table": table.name, "columns": columns })).map_err(dump_io)?;
        let sql = select_all(table, true);
        let mut stream = sqlx::query(AssertSqlSafe(sql)).fetch(&mut *tx);
        while let Some(row) = stream.try_next().await? {
            let values = table
                .columns
                .iter()
                .enumerate()
                .map(|(i, (_, t))| decode(&row, i, *t).map(|v| value_json(&v)))
                .collect::<Result<Vec<_>, _>>()?;
            line(&serde_json::Value::Array(values)).map_err(dump_io)?;
            rows += 1;
        }
    }
    line(&serde_json::json!({ "end": DUMP_FORMAT, "tables": tables.len(), "rows": rows })).map_err(dump_io)?;
    tx.commit().await?;
    Ok(BackupSummary { format: BackupFormat::Dump, schema_version, tables: tables.len(), rows })
}

/// Replaces the contents of `store` with the backup in `path` (a SQLite file or a dump). Refuses a
/// database that holds any row unless `force`.
pub async fn restore(store: &Store, path: &Path, force: bool) -> Result<RestoreSummary> {
    let file = path.display().to_string();
    let mut head = Vec::with_capacity(SQLITE_MAGIC.len());
    std::io::Read::read_to_end(&mut std::io::Read::take(std::fs::File::open(path).map_err(io(path))?, 16), &mut head).map_err(io(path))?;
    let current = store.schema_version().await?;
    let supported = latest_schema_version();
    if head == SQLITE_MAGIC {
        let source = open_sqlite_file(path).await?;
        let version = source.schema_version().await;
        let version = match version {
            Ok(v) => v,
            Err(_) => {
                source.pool().close().await;
                return Err(BackupError::NotABackup { file });
            }
        };
        if version > supported {
            source.pool().close().await;
            return Err(BackupError::NewerSchema { file, found: version, supported });
        }
        let mut summary = if version < current {
            // Upgrade a copy through the migrations, then copy that.
            source.pool().close().await;
            let staging = Staging::new();
            std::fs::copy(path, &staging.path).map_err(io(path))?;
            let wal = PathBuf::from(format!("{}-wal", path.display()));
            if wal.exists() {
                std::fs::copy(&wal, staging.companion("-wal")).map_err(io(&wal))?;
            }
            let upgraded = Store::open(&staging.spec()).await?;
            let result = copy_database(&upgraded, store, force, &file).await;
            upgraded.pool().close().await;
            result?
        } else {
            let result = copy_database(&source, store, force, &file).await;
            source.pool().close().await;
            result?
        };
        summary.schema_version = version;
        return Ok(summary);
    }
    let reader = std::io::BufReader::new(std::fs::File::open(path).map_err(io(path))?);
    let mut dump = DumpReader::new(reader, file.clone());
    let header = dump.header()?;
    if header.schema_version > supported {
        return Err(BackupError::NewerSchema { file, found: header.schema_version, supported });
    }
    if header.schema_version < current {
        // Load the dump into a temporary SQLite database at the dump's schema version, upgrade it
        // through the migrations, then copy that.
        let staging = Staging::new();
        let temp = Store::connect(&staging.spec()).await?;
        let result = async {
            migrator(Backend::Sqlite).run_to(header.schema_version, temp.pool()).await?;
            load_dump(&mut dump, &temp, false).await?;
            temp.migrate().await?;
            copy_database(&temp, store, force, &file).await
        }
        .await;
        temp.pool().close().await;
        let mut summary = result?;
        summary.format = BackupFormat::Dump;
        summary.schema_version = header.schema_version;
        return Ok(summary);
    }
    let mut summary = load_dump(&mut dump, store, force).await?;
    summary.schema_version = header.schema_version;
    Ok(summary)
}

/// A temporary SQLite database file, removed with its companions when dropped.
struct Staging {
    path: PathBuf,
}

impl Staging {
    fn new() -> Staging {
        static SEQ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let path = std::env::temp_dir().join(format!("styr-restore-{}-{n}-{nanos}.db", std::process::id()));
        let staging = Staging { path };
        staging.remove();
        staging
    }
    fn spec(&self) -> String {
        self.path.display().to_string()
    }
    fn companion(&self, suffix: &str) -> PathBuf {
        PathBuf::from(format!("{}{suffix}", self.path.display()))
    }
    fn remove(&self) {
        for p in [self.path.clone(), self.companion("-wal"), self.companion("-shm")] {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Writes tables into a database inside one write transaction.
struct Loader {
    tx: Transaction<'static, Any>,
    backend: Backend,
    targets: Vec<TableInfo>,
    file: String,
    done: BTreeSet<String>,
    tables: usize,
    rows: u64,
    replaced_rows: u64,
}

/// A table being loaded: the target table and the order of the source's columns in it.
struct Current {
    table: TableInfo,
    /// Target column types in the source's column order.
    types: Vec<ColType>,
    insert_prefix: String,
    batch: Vec<Vec<Value>>,
    /// The dump lines of the rows in `batch` (0 when they come from a database).
    batch_lines: (usize, usize),
}

impl Loader {
    async fn start(store: &Store, force: bool, file: &str) -> Result<Loader> {
        let mut tx = store.begin().await?;
        let targets = tables(&mut tx, store.backend()).await?;
        let mut counts = Vec::new();
        for t in &targets {
            let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!("SELECT COUNT(*) FROM {}", ident(&t.name)))).fetch_one(&mut *tx).await?;
            counts.push(n as u64);
        }
        let existing: u64 = counts.iter().sum();
        if existing > 0 && !force {
            return Err(BackupError::NotEmpty { rows: existing, tables: counts.iter().filter(|n| **n > 0).count() });
        }
        if existing > 0 {
            for t in targets.iter().rev() {
                sqlx::query(AssertSqlSafe(format!("DELETE FROM {}", ident(&t.name)))).execute(&mut *tx).await?;
            }
        }
        Ok(Loader {
            tx,
            backend: store.backend(),
            targets,
            file: file.to_string(),
            done: BTreeSet::new(),
            tables: 0,
            rows: 0,
            replaced_rows: existing,
        })
    }

    fn mismatch(&self, message: String) -> BackupError {
        BackupError::Mismatch { file: self.file.clone(), message }
    }

    /// Starts a table whose rows come with `columns` in this order.
    fn table(&mut self, name: &str, columns: &[String]) -> Result<Current> {
        let Some(table) = self.targets.iter().find(|t| t.name == name).cloned() else {
            return Err(self.mismatch(format!("this database has no table {name}")));
        };
        if !self.done.insert(name.to_string()) {
            return Err(self.mismatch(format!("table {name} appears twice")));
        }
        let mut types = Vec::new();
        for c in columns {
            match table.columns.iter().find(|(n, _)| n == c) {
                Some((_, t)) => types.push(*t),
                None => return Err(self.mismatch(format!("table {name} has no column {c}"))),
            }
        }
        let wanted: BTreeSet<&str> = table.columns.iter().map(|(n, _)| n.as_str()).collect();
        let given: BTreeSet<&str> = columns.iter().map(String::as_str).collect();
        if wanted != given || columns.len() != given.len() {
            let missing: Vec<&str> = wanted.difference(&given).copied().collect();
            return Err(self.mismatch(format!("table {name} lacks the columns {}", missing.join(", "))));
        }
        let cols: Vec<String> = columns.iter().map(|c| ident(c)).collect();
        let overriding = if table.identity.is_some() && self.backend == Backend::Postgres { " OVERRIDING SYSTEM VALUE" } else { "" };
        let insert_prefix = format!("INSERT INTO {} ({}){overriding} VALUES ", ident(name), cols.join(", "));
        self.tables += 1;
        Ok(Current { table, types, insert_prefix, batch: Vec::new(), batch_lines: (0, 0) })
    }

    /// Adds a row; `line` is its line in a dump (0 for a row from a database).
    async fn row(&mut self, current: &mut Current, values: Vec<Value>, line: usize) -> Result<()> {
        if current.batch.is_empty() {
            current.batch_lines.0 = line;
        }
        current.batch_lines.1 = line;
        current.batch.push(values);
        self.rows += 1;
        if current.batch.len() >= ROWS_PER_STATEMENT {
            self.flush(current).await?;
        }
        Ok(())
    }

    async fn flush(&mut self, current: &mut Current) -> Result<()> {
        if current.batch.is_empty() {
            return Ok(());
        }
        let n = current.types.len();
        let sql = format!("{}{}", current.insert_prefix, crate::table::values_tuples(&self.tx, current.batch.len(), n, ""));
        let batch = std::mem::take(&mut current.batch);
        let result = bind_all(sqlx::query(AssertSqlSafe(sql)), batch.iter().flatten()).execute(&mut *self.tx).await;
        match (result, current.batch_lines) {
            (Ok(_), _) => Ok(()),
            (Err(e), (0, _)) => Err(e.into()),
            (Err(e), (first, last)) => {
                let lines = if first == last { format!("{first}") } else { format!("{first}-{last}") };
                let message = format!("table {}: {}", current.table.name, StoreError::from(e));
                Err(BackupError::Broken { file: self.file.clone(), line: first, message: format!("{message} (rows on lines {lines})") })
            }
        }
    }

    async fn end_table(&mut self, mut current: Current) -> Result<()> {
        self.flush(&mut current).await?;
        if let (Some(identity), Backend::Postgres) = (&current.table.identity, self.backend) {
            // The next generated id follows the restored ones.
            let sql = format!(
                "SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX({}), 0) + 1, false) FROM {}",
                ident(identity),
                ident(&current.table.name)
            );
            sqlx::query(AssertSqlSafe(sql)).bind(current.table.name.clone()).bind(identity.clone()).execute(&mut *self.tx).await?;
        }
        Ok(())
    }

    async fn commit(self, format: BackupFormat) -> Result<RestoreSummary> {
        let missing: Vec<&str> = self.targets.iter().map(|t| t.name.as_str()).filter(|n| !self.done.contains(*n)).collect();
        if !missing.is_empty() {
            return Err(BackupError::Mismatch { file: self.file, message: format!("the backup has no table {}", missing.join(", ")) });
        }
        self.tx.commit().await?;
        Ok(RestoreSummary { format, schema_version: 0, tables: self.tables, rows: self.rows, replaced_rows: self.replaced_rows })
    }
}

/// Copies every table of `source` (same schema version) into `target`.
async fn copy_database(source: &Store, target: &Store, force: bool, file: &str) -> Result<RestoreSummary> {
    let mut loader = Loader::start(target, force, file).await?;
    let mut tx = source.begin_read().await?;
    for table in tables(&mut tx, source.backend()).await? {
        let columns: Vec<String> = table.columns.iter().map(|(c, _)| c.clone()).collect();
        let mut current = loader.table(&table.name, &columns)?;
        let sql = select_all(&table, false);
        let mut stream = sqlx::query(AssertSqlSafe(sql)).fetch(&mut *tx);
        while let Some(row) = stream.try_next().await? {
            let values = table.columns.iter().enumerate().map(|(i, (_, t))| decode(&row, i, *t)).collect::<Result<Vec<_>, _>>()?;
            loader.row(&mut current, values, 0).await?;
        }
        drop(stream);
        loader.end_table(current).await?;
    }
    tx.commit().await?;
    loader.commit(BackupFormat::Sqlite).await
}

struct DumpHeader {
    schema_version: i64,
}

/// Reads a dump line by line, keeping the line number for messages.
struct DumpReader<R> {
    input: R,
    file: String,
    line: usize,
    buf: String,
}

impl<R: BufRead> DumpReader<R> {
    fn new(input: R, file: String) -> Self {
        DumpReader { input, file, line: 0, buf: String::new() }
    }

    fn broken(&self, line: usize, message: impl Into<String>) -> BackupError {
        BackupError::Broken { file: self.file.clone(), line, message: message.into() }
    }

    /// The next line as JSON, or `None` at the end of the file.
    fn next(&mut self) -> Result<Option<serde_json::Value>> {
        self.buf.clear();
        let read = self.input.read_line(&mut self.buf).map_err(|error| BackupError::Io { file: self.file.clone(), error })?;
        if read == 0 {
            return Ok(None);
        }
        self.line += 1;
        let text = self.buf.trim_end_matches(['\n', '\r']);
        serde_json::from_str(text).map(Some).map_err(|e| self.broken(self.line, format!("not a JSON value: {e}")))
    }

    /// Whether only blank lines follow; otherwise `line` is left at the first other line.
    fn rest_is_blank(&mut self) -> Result<bool> {
        loop {
            self.buf.clear();
            let read = self.input.read_line(&mut self.buf).map_err(|error| BackupError::Io { file: self.file.clone(), error })?;
            if read == 0 {
                return Ok(true);
            }
            self.line += 1;
            if !self.buf.trim().is_empty() {
                return Ok(false);
            }
        }
    }

    fn header(&mut self) -> Result<DumpHeader> {
        let file = self.file.clone();
        let not_a_dump = || BackupError::NotABackup { file };
        let Ok(Some(header)) = self.next() else { return Err(not_a_dump()) };
        if header.get("format").and_then(|f| f.as_str()) != Some(DUMP_FORMAT) {
            return Err(not_a_dump());
        }
        let version = header.get("format_version").and_then(|v| v.as_i64());
        match version {
            Some(v) if (1..=DUMP_FORMAT_VERSION).contains(&v) => {}
            Some(v) if v > DUMP_FORMAT_VERSION => {
                return Err(
                    self.broken(1, format!("dump format version {v} comes from a newer styr (this one reads up to {DUMP_FORMAT_VERSION})"))
                );
            }
            _ => return Err(self.broken(1, "the header has no valid format_version")),
        }
        let Some(schema_version) = header.get("schema_version").and_then(|v| v.as_i64()) else {
            return Err(self.broken(1, "the header has no schema_version"));
        };
        Ok(DumpHeader { schema_version })
    }

    fn value(&self, table: &str, column: &str, ty: ColType, v: &serde_json::Value) -> Result<Value> {
        use serde_json::Value as J;
        let wrong = |expected: &str| self.broken(self.line, format!("table {table}, column {column}: expected {expected}, found {v}"));
        Ok(match (ty, v) {
            (ColType::Text, J::Null) => Value::Text(None),
            (ColType::Text, J::String(s)) => Value::Text(Some(s.clone())),
            (ColType::Text, _) => return Err(wrong("a string")),
            (ColType::Int, J::Null) => Value::Int(None),
            (ColType::Int, J::Number(n)) => Value::Int(Some(n.as_i64().ok_or_else(|| wrong("an integer"))?)),
            (ColType::Int, _) => return Err(wrong("an integer")),
            (ColType::Real, J::Null) => Value::Real(None),
            (ColType::Real, J::Number(n)) => Value::Real(Some(n.as_f64().ok_or_else(|| wrong("a number"))?)),
            (ColType::Real, J::String(s)) => Value::Real(Some(match s.as_str() {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                "-Infinity" => f64::NEG_INFINITY,
                _ => return Err(wrong("a number")),
            })),
            (ColType::Real, _) => return Err(wrong("a number")),
        })
    }
}

/// Loads a dump (after its header) into `target`.
async fn load_dump<R: BufRead>(dump: &mut DumpReader<R>, target: &Store, force: bool) -> Result<RestoreSummary> {
    let mut loader = Loader::start(target, force, &dump.file).await?;
    let mut current: Option<(Current, Vec<String>)> = None;
    loop {
        let Some(line) = dump.next()? else {
            return Err(dump.broken(dump.line + 1, "the dump ends without its closing line: it is incomplete"));
        };
        match line {
            serde_json::Value::Array(items) => {
                let Some((cur, columns)) = current.as_mut() else {
                    return Err(dump.broken(dump.line, "a row before the first table line"));
                };
                if items.len() != columns.len() {
                    return Err(dump.broken(
                        dump.line,
                        format!("table {}: a row with {} values for {} columns", cur.table.name, items.len(), columns.len()),
                    ));
                }
                let values = items
                    .iter()
                    .zip(columns.iter().zip(&cur.types))
                    .map(|(v, (c, t))| dump.value(&cur.table.name, c, *t, v))
                    .collect::<Result<Vec<_>>>()?;
                loader.row(cur, values, dump.line).await?;
            }
            serde_json::Value::Object(obj) if obj.contains_key("table") => {
                if let Some((cur, _)) = current.take() {
                    loader.end_table(cur).await?;
                }
                let name = obj.get("table").and_then(|t| t.as_str());
                let columns: Option<Vec<String>> =
                    obj.get("columns").and_then(|c| c.as_array()).and_then(|c| c.iter().map(|c| c.as_str().map(str::to_string)).collect());
                let (Some(name), Some(columns)) = (name, columns) else {
                    return Err(dump.broken(dump.line, "a table line needs \"table\" (a name) and \"columns\" (a list of names)"));
                };
                let cur = loader.table(name, &columns).map_err(|e| at_line(e, dump))?;
                current = Some((cur, columns));
            }
            serde_json::Value::Object(obj) if obj.contains_key("end") => {
                if let Some((cur, _)) = current.take() {
                    loader.end_table(cur).await?;
                }
                let tables = obj.get("tables").and_then(|t| t.as_u64());
                let rows = obj.get("rows").and_then(|r| r.as_u64());
                if tables != Some(loader.tables as u64) || rows != Some(loader.rows) {
                    return Err(dump.broken(
                        dump.line,
                        format!(
                            "the closing line counts {} tables and {} rows, but the dump holds {} tables and {} rows",
                            tables.map_or("?".into(), |t| t.to_string()),
                            rows.map_or("?".into(), |r| r.to_string()),
                            loader.tables,
                            loader.rows
                        ),
                    ));
                }
                if dump.rest_is_blank()? {
                    return loader.commit(BackupFormat::Dump).await;
                }
                return Err(dump.broken(dump.line, "text after the closing line"));
            }
            _ => return Err(dump.broken(dump.line, "expected a row (a JSON array), a table line or the closing line")),
        }
    }
}

/// Places a mismatch found at a table line of a dump at that line.
fn at_line<R>(e: BackupError, dump: &DumpReader<R>) -> BackupError {
    match e {
        BackupError::Mismatch { message, .. } => BackupError::Broken { file: dump.file.clone(), line: dump.line, message },
        e => e,
    }
}
