//! Support for tests that run against the PostgreSQL test server (this crate's and other crates').
//!
//! The server is named by `STYR_TEST_DATABASE_URL` (e.g. `postgres://postgres@127.0.0.1:5432/test`).
//! When it is not set, PostgreSQL cases are skipped and say so on the terminal, except under
//! `CI=true`, where a missing server fails the run: CI must not report untested storage as `ok`.
//! Each case gets a fresh schema of its own ([`PgSchema`]), so cases run in parallel and do not
//! see each other's rows, nor those of other checkouts testing against the same server.

use std::io::Write as _;
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use sqlx::Connection as _;

/// The variable naming the PostgreSQL test server.
pub const DATABASE_URL_ENV: &str = "STYR_TEST_DATABASE_URL";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The PostgreSQL test server's URL, or `None` when it is not configured (then the caller skips).
///
/// # Panics
/// When it is not configured and `CI` is set to anything but `false`/`0`.
pub fn postgres_url() -> Option<String> {
    if let Some(url) = std::env::var(DATABASE_URL_ENV).ok().filter(|u| !u.is_empty()) {
        return Some(url);
    }
    assert!(
        !in_ci(),
        "CI is set but {DATABASE_URL_ENV} is not: the PostgreSQL tests cannot run. Start PostgreSQL and set \
         {DATABASE_URL_ENV}=postgres://postgres@127.0.0.1:5432/test (see the README), or unset CI to skip them."
    );
    static SAID: Once = Once::new();
    SAID.call_once(|| {
        // Written to the terminal directly: the test harness captures print! output of passing tests.
        let _ = writeln!(
            std::io::stderr(),
            "note: PostgreSQL test cases are skipped because {DATABASE_URL_ENV} is not set \
             (e.g. {DATABASE_URL_ENV}=postgres://postgres@127.0.0.1:5432/test; see the README)"
        );
    });
    None
}

/// A fresh, empty schema on the test server; dropped with everything in it when this is dropped.
pub struct PgSchema {
    /// The server URL with this schema as the search path: give it to [`crate::Store::open`].
    pub url: String,
    pub name: String,
    base: String,
}

impl PgSchema {
    /// Creates the schema `styr_t_<label>_<process>_<n>` on the server at `base_url`.
    pub async fn create(base_url: &str, label: &str) -> Result<PgSchema, sqlx::Error> {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        sqlx::any::install_default_drivers();
        let label: String = label.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).take(30).collect();
        let name = format!("styr_t_{label}_{}_{}", std::process::id(), SEQ.fetch_add(1, Ordering::Relaxed));
        let mut conn = sqlx::AnyConnection::connect(base_url).await?;
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}")))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        let sep = if base_url.contains('?') { '&' } else { '?' };
        Ok(PgSchema { url: format!("{base_url}{sep}options[search_path]={name}"), name, base: base_url.to_string() })
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        // Drop may run inside an async test (or during a panic); a thread of its own with its own
        // runtime can wait for the server either way.
        let (base, name) = (self.base.clone(), self.name.clone());
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            rt.block_on(async {
                let mut conn = sqlx::AnyConnection::connect(&base).await.ok()?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {name} CASCADE"))).execute(&mut conn).await.ok()?;
                conn.close().await.ok()
            })
        })
        .join();
        if !matches!(dropped, Ok(Some(()))) {
            let _ = writeln!(std::io::stderr(), "warning: could not drop the test schema {}", self.name);
        }
    }
}
