//! Storage for styr: one API over SQLite (embedded default, a file) and PostgreSQL (servers),
//! with one schema in two migration directories.
//!
//! Every write that spans rows runs in one transaction, bumps the revision of each changed row and
//! records who changed what, with before/after values, in `audit_log` in the same transaction.

pub mod economics;
pub mod followup;
pub mod history;
pub mod ledger;
pub mod outcomes;
pub mod personnel;
pub mod plan;
pub mod schema;
pub mod table;
pub mod test_hook;

use sqlx::any::{AnyPoolOptions, install_default_drivers};
use sqlx::{Any, AnyPool, Transaction};

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
        (format!("sqlite:{spec}?mode=rwc"), Backend::Sqlite)
    }
}

impl Store {
    /// Opens (and creates, for SQLite) the database and brings its schema up to date.
    pub async fn open(spec: &str) -> Result<Store> {
        install_default_drivers();
        let (url, backend) = database_url(spec);
        let max = if backend == Backend::Sqlite { 1 } else { 5 };
        let pool = AnyPoolOptions::new().max_connections(max).connect(&url).await?;
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA foreign_keys = ON").execute(&pool).await?;
            sqlx::query("PRAGMA busy_timeout = 5000").execute(&pool).await?;
            // WAL: readers do not block the writer, and a commit is one append instead of a rewrite
            // through a rollback journal; an interrupted write is still rolled back on next open.
            sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
            sqlx::query("PRAGMA synchronous = NORMAL").execute(&pool).await?;
        }
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    async fn migrate(&self) -> Result<()> {
        match self.backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub async fn begin(&self) -> Result<Transaction<'static, Any>> {
        Ok(self.pool.begin().await?)
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

pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}
