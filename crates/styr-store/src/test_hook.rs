//! A pause point for tests that must interrupt a write half-way, deterministically.
//!
//! When `STYR_TEST_PAUSE_AFTER_ROWS=N` is set, the process stops for good once it has inserted at
//! least N rows inside its transaction, after printing [`PAUSE_MARKER`] to stderr. A test waits
//! for the marker and then kills the process, so it knows the kill happened mid-write instead of
//! guessing with a sleep. Unset (always, outside tests), this costs one cached lookup per batch.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable that arms the pause.
pub const PAUSE_ENV: &str = "STYR_TEST_PAUSE_AFTER_ROWS";
/// Printed on its own line to stderr when the process pauses.
pub const PAUSE_MARKER: &str = "styr-test-hook: paused mid-write";

static ROWS_WRITTEN: AtomicUsize = AtomicUsize::new(0);

fn pause_after() -> Option<usize> {
    static LIMIT: OnceLock<Option<usize>> = OnceLock::new();
    *LIMIT.get_or_init(|| std::env::var(PAUSE_ENV).ok().and_then(|v| v.parse().ok()))
}

/// Records `rows` more inserted rows and pauses forever when the armed limit is reached.
pub(crate) fn rows_inserted(rows: usize) {
    let Some(limit) = pause_after() else { return };
    let total = ROWS_WRITTEN.fetch_add(rows, Ordering::Relaxed) + rows;
    if total >= limit {
        use std::io::Write;
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{PAUSE_MARKER} after {total} rows");
        let _ = err.flush();
        loop {
            std::thread::park();
        }
    }
}
