//! Storage for styr: one API over SQLite (embedded default, a file) and PostgreSQL (servers),
//! with one schema in two migration directories.
//!
//! Every write that spans rows runs in one transaction, bumps the revision of each changed row and
//! records who changed what, with before/after values, in `audit_log` in the same transaction.

pub mod accounts;
pub mod backup;
pub mod economics;
pub mod followup;
pub mod history;
pub mod kolada;
pub mod ledger;
pub mod measures;
pub mod outcomes;
pub mod personnel;
pub mod plan;
pub mod population;
pub mod schema;
pub mod table;
pub mod test_hook;
pub mod testing;
pub mod workflow;

use std::time::{Duration, Instant};

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyConnection, AnyPool, Connection as _, Executor as _, Transaction};

pub use table::{Actor, Changes, KindChanges};

/// A write transaction on the store.
pub type Tx = sqlx::Transaction<'static, Any>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("{object} was changed by someone else (you started from revision {expected}); reload and try again")]
    StaleRevision { object: String, expected: i64 },
    #[error("not found: {0}")]
    NotFound(String),
    #[error("duplicate key {key} in {table}")]
    Duplicate { table: &'static str, key: String },
    #[error("stored value is invalid: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection pool to one styr database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Turns what a user gives as `--database` into a connection URL: a `postgres://` URL, a
/// `sqlite:` URL, or a plain file path (created when missing).
pub fn database_url(spec: &str) -> (String, Backend) {
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        (spec.to_string(), Backend::Postgres)
    } else if spec.starts_with("sqlite:") {
        let url = if spec.contains("mode=") || spec.contains(":memory:") {
            spec.to_string()
        } else if spec.contains('?') {
            format!("{spec}&mode=rwc")
        } else {
            format!("{spec}?mode=rwc")
        };
        (url, Backend::Sqlite)
    } else {
        (format!("sqlite:{}?mode=rwc", encode_sqlite_path(spec)), Backend::Sqlite)
    }
}

/// A file path as the path part of a `sqlite:` URL (sqlx decodes `%`-escapes there, and `?` or `#`
/// would end the path).
pub(crate) fn encode_sqlite_path(path: &str) -> String {
    path.replace('%', "%25").replace('?', "%3F").replace('#', "%23")
}

/// How long a SQLite connection waits for another writer (another process or connection) before it
/// gives up with "database is locked". Imports of a large ledger take seconds, so this is generous.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The migrations embedded for a back end (the schema version is the highest applied one).
pub fn migrator(backend: Backend) -> &'static Migrator {
    match backend {
        Backend::Sqlite => &SQLITE_MIGRATIONS,
        Backend::Postgres => &POSTGRES_MIGRATIONS,
    }
}

/// The schema version this build of styr writes: its newest migration.
pub fn latest_schema_version() -> i64 {
    SQLITE_MIGRATIONS.iter().map(|m| m.version).max().unwrap_or(0)
}

impl Store {
    /// Opens (and creates, for SQLite) the database and brings its schema up to date.
    pub async fn open(spec: &str) -> Result<Store> {
        let store = Store::connect(spec).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens the database without touching its schema (for reading a backup as it is, and for tests
    /// that build an older schema).
    pub async fn connect(spec: &str) -> Result<Store> {
        install_default_drivers();
        let (url, backend) = database_url(spec);
        let options = match backend {
            // One connection: a second one in the same process would only wait for the first one's
            // write lock (SQLite has one writer), and the CLI runs one command at a time.
            Backend::Sqlite => {
                AnyPoolOptions::new().max_connections(1).after_connect(|conn, _meta| Box::pin(async move { configure_sqlite(conn).await }))
            }
            Backend::Postgres => AnyPoolOptions::new().max_connections(5),
        };
        let pool = options.connect(&url).await?;
        Ok(Store { pool, backend })
    }

    /// Applies the migrations this database lacks. Safe when several processes open a new database
    /// at once: on SQLite the migrations run inside one `BEGIN IMMEDIATE` transaction, so a second
    /// process waits for the first one's write lock and then finds the schema current; on
    /// PostgreSQL sqlx holds an advisory lock (`pg_advisory_lock`) on the database while it migrates.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = migrator(self.backend);
        // Most opens find the schema current; checking that without the write lock keeps readers
        // from waiting for a long import in another process.
        if self.applied_migrations().await.is_ok_and(|applied| applied == expected_migrations(migrator)) {
            return Ok(());
        }
        match self.backend {
            Backend::Sqlite => {
                let mut conn = self.pool.acquire().await?;
                let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
                // Inside the transaction sqlx applies each migration as a savepoint.
                migrator.run(&mut *tx).await?;
                tx.commit().await?;
            }
            Backend::Postgres => migrator.run(&self.pool).await?,
        }
        Ok(())
    }

    /// The applied migrations, as (version, checksum), oldest first.
    async fn applied_migrations(&self) -> Result<Vec<(i64, Vec<u8>)>> {
        Ok(sqlx::query_as("SELECT version, checksum FROM _sqlx_migrations WHERE success ORDER BY version").fetch_all(&self.pool).await?)
    }

    /// The database's schema version: the highest applied migration (0 for an empty database).
    pub async fn schema_version(&self) -> Result<i64> {
        schema_version(&self.pool).await
    }

    /// Checkpoints the SQLite write-ahead log into the database file and closes every connection, so
    /// that the `.db` file alone holds every committed write (a file copy without `-wal` is complete).
    /// Call it before the process ends; on PostgreSQL it only closes the pool.
    pub async fn close(&self) -> Result<()> {
        if self.pool.is_closed() {
            return Ok(());
        }
        let checkpoint = match self.backend {
            // TRUNCATE also empties the -wal file. When another process has the database open the
            // checkpoint may stop short; the last connection to close then completes it.
            Backend::Sqlite => sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await.map(drop),
            Backend::Postgres => Ok(()),
        };
        self.pool.close().await;
        Ok(checkpoint?)
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a transaction that began deferred and read first could not wait for another writer when it
    /// came to write (SQLite answers "database is locked" at once to avoid a deadlock), while this
    /// one waits up to [`BUSY_TIMEOUT`] for the other writer to finish.
    pub async fn begin(&self) -> Result<Transaction<'static, Any>> {
        Ok(match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        })
    }

    /// Begins a read-only transaction that sees one consistent snapshot of the database.
    pub async fn begin_read(&self) -> Result<Transaction<'static, Any>> {
        Ok(match self.backend {
            // Deferred: the first read takes the snapshot (in WAL mode writers go on meanwhile).
            Backend::Sqlite => self.pool.begin().await?,
            Backend::Postgres => self.pool.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY").await?,
        })
    }

    /// Removes every row of every styr table (for tests against a shared PostgreSQL database).
    pub async fn clear_all(&self) -> Result<()> {
        let mut tx = self.begin().await?;
        for def in schema::ALL.iter().rev() {
            sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {}", def.name))).execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM audit_log").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// The highest applied migration of a database (0 when it has none).
pub(crate) async fn schema_version<'c, E>(exec: E) -> Result<i64>
where
    E: sqlx::Executor<'c, Database = Any>,
{
    let version: Option<i64> = sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success").fetch_one(exec).await?;
    Ok(version.unwrap_or(0))
}

fn expected_migrations(migrator: &Migrator) -> Vec<(i64, Vec<u8>)> {
    migrator.iter().filter(|m| m.migration_type.is_up_migration()).map(|m| (m.version, m.checksum.to_vec())).collect()
}

/// Settings for every new SQLite connection (a pool may open a new one at any time, so setting
/// them once on one connection is not enough).
async fn configure_sqlite(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    conn.execute(sqlx::AssertSqlSafe(format!("PRAGMA busy_timeout = {}", BUSY_TIMEOUT.as_millis()))).await?;
    conn.execute("PRAGMA foreign_keys = ON").await?;
    enable_wal(conn).await?;
    // In WAL mode NORMAL syncs at checkpoints, not at every commit: a power cut may lose the last
    // commits but never corrupts the file.
    conn.execute("PRAGMA synchronous = NORMAL").await?;
    Ok(())
}

/// Switches the database to WAL (readers do not block the writer, and a commit is one append
/// instead of a rewrite through a rollback journal; an interrupted write is still rolled back on
/// the next open). WAL is stored in the file, so this changes something only on a new database.
/// The switch needs an exclusive lock that SQLite does not wait for with the busy timeout, so when
/// another process holds the database (several processes opening a new file at once) it is retried.
async fn enable_wal(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    let start = Instant::now();
    loop {
        match sqlx::query_scalar::<_, String>("PRAGMA journal_mode = WAL").fetch_one(&mut *conn).await {
            // An in-memory database stays "memory".
            Ok(mode) if mode.eq_ignore_ascii_case("wal") || mode.eq_ignore_ascii_case("memory") => return Ok(()),
            // SQLite answers with the old mode when it could not switch.
            Ok(mode) if start.elapsed() > BUSY_TIMEOUT => {
                return Err(sqlx::Error::Protocol(format!("cannot switch the database to WAL mode (it stays {mode})")));
            }
            Err(e) if !is_busy(&e) || start.elapsed() > BUSY_TIMEOUT => return Err(e),
            _ => tokio::time::sleep(Duration::from_millis(20)).await,
        }
    }
}

/// SQLITE_BUSY or SQLITE_LOCKED, with any extended code.
pub(crate) fn is_busy(e: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = e else { return false };
    db.code().and_then(|c| c.parse::<i32>().ok()).is_some_and(|c| matches!(c & 0xff, 5 | 6))
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}
