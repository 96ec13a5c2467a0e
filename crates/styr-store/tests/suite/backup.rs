//! Backups and restores, concurrent opens and writers, and the WAL checkpoint on close.
//! (A module of `suite.rs`, so it fills databases with the suite's round-trip cases.)

use std::path::{Path, PathBuf};

use styr_store::backup::{self, BackupError, BackupFormat, Snapshot};
use styr_store::testing::{PgSchema, postgres_url};
use styr_store::{Backend, Store, latest_schema_version};

/// A temporary SQLite file, removed with its `-wal` and `-shm` companions.
struct TempDb(PathBuf);

impl TempDb {
    fn new(label: &str) -> TempDb {
        let path = std::env::temp_dir().join(format!("styr-backup-test-{}-{label}.db", std::process::id()));
        let db = TempDb(path);
        db.remove();
        db
    }
    fn spec(&self) -> &str {
        self.0.to_str().unwrap()
    }
    fn sibling(&self, suffix: &str) -> PathBuf {
        PathBuf::from(format!("{}{suffix}", self.0.display()))
    }
    fn remove(&self) {
        for p in [self.0.clone(), self.sibling("-wal"), self.sibling("-shm"), self.sibling(".bak"), self.sibling(".jsonl")] {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        self.remove();
    }
}

/// Fills a database with every kind of object the suite knows, an audit trail, and REAL values
/// that only survive a bit-exact round trip.
async fn fill(store: &Store) {
    super::plans_round_trip(store).await;
    super::followups_round_trip(store).await;
    super::outcomes_round_trip(store).await;
    super::economics_round_trip(store).await;
    super::typed_delar_economics_round_trip(store).await;
    super::personnel_round_trip(store).await;
    super::ledger_round_trip(store).await;
    super::mapping_and_forecasts_round_trip(store).await;
    let mut tx = store.begin().await.unwrap();
    // (Not -0.0: SQLite itself stores it as 0.)
    for (i, v) in [0.1 + 0.2, 1.0 / 3.0, 1e-300, f64::MAX, f64::INFINITY].into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO key_figure_values (committee, year, key_figure_id, value_year, value, revision) VALUES ($1, $2, $3, $4, $5, 1)",
        )
        .bind("9999-test")
        .bind(2025_i64)
        .bind("precision")
        .bind(i as i64)
        .bind(v)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Rows per table, each table's rows sorted (the back ends sort text differently).
fn normalised(snapshot: Snapshot) -> Vec<(String, Vec<String>)> {
    snapshot
        .into_iter()
        .map(|(table, rows)| {
            let mut rows: Vec<String> = rows.iter().map(|r| format!("{r:?}")).collect();
            rows.sort();
            (table, rows)
        })
        .collect()
}

async fn assert_same_contents(a: &Store, b: &Store) {
    let (a, b) = (normalised(backup::snapshot(a).await.unwrap()), normalised(backup::snapshot(b).await.unwrap()));
    assert_eq!(a.iter().map(|(t, _)| t).collect::<Vec<_>>(), b.iter().map(|(t, _)| t).collect::<Vec<_>>(), "the same tables");
    for ((table, rows_a), (_, rows_b)) in a.iter().zip(&b) {
        assert_eq!(rows_a.len(), rows_b.len(), "rows in {table}");
        let differing: Vec<_> = rows_a.iter().zip(rows_b).filter(|(x, y)| x != y).take(3).collect();
        assert!(differing.is_empty(), "the rows of {table} differ: {differing:?}");
    }
    let total: usize = a.iter().map(|(_, r)| r.len()).sum();
    assert!(total > 500, "the databases hold data ({total} rows)");
}

async fn row_count(store: &Store) -> usize {
    backup::snapshot(store).await.unwrap().iter().map(|(_, r)| r.len()).sum()
}

async fn sqlite_store(db: &TempDb) -> Store {
    Store::open(db.spec()).await.unwrap()
}

#[tokio::test]
async fn sqlite_file_backup_restores_every_row() {
    let (a, b) = (TempDb::new("file-a"), TempDb::new("file-b"));
    let source = sqlite_store(&a).await;
    fill(&source).await;
    let file = a.sibling(".bak");
    let written = backup::backup(&source, &file, BackupFormat::Auto, false).await.unwrap();
    assert_eq!((written.format, written.schema_version), (BackupFormat::Sqlite, latest_schema_version()));
    assert_eq!(written.rows as usize, row_count(&source).await);
    // The file is a database of its own.
    let opened = Store::open(file.to_str().unwrap()).await.unwrap();
    assert_same_contents(&source, &opened).await;
    opened.close().await.unwrap();

    let target = sqlite_store(&b).await;
    let restored = backup::restore(&target, &file, false).await.unwrap();
    assert_eq!((restored.format, restored.rows, restored.replaced_rows), (BackupFormat::Sqlite, written.rows, 0));
    assert_same_contents(&source, &target).await;
    // A second backup to the same file is refused unless forced.
    let err = backup::backup(&source, &file, BackupFormat::Auto, false).await.unwrap_err();
    assert!(matches!(err, BackupError::Exists(_)), "{err}");
    backup::backup(&source, &file, BackupFormat::Auto, true).await.unwrap();
    source.close().await.unwrap();
    target.close().await.unwrap();
}

#[tokio::test]
async fn sqlite_dump_restores_every_row() {
    let (a, b) = (TempDb::new("dump-a"), TempDb::new("dump-b"));
    let source = sqlite_store(&a).await;
    fill(&source).await;
    let file = a.sibling(".jsonl");
    let written = backup::backup(&source, &file, BackupFormat::Dump, false).await.unwrap();
    assert_eq!(written.format, BackupFormat::Dump);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.lines().next().unwrap().contains("\"format\":\"styr-dump\""));
    assert!(text.contains("\"Infinity\""), "infinity is written as a string");
    let target = sqlite_store(&b).await;
    let restored = backup::restore(&target, &file, false).await.unwrap();
    assert_eq!((restored.format, restored.rows), (BackupFormat::Dump, written.rows));
    assert_same_contents(&source, &target).await;
    // The same dump again: refused, then replaced with --force.
    let err = backup::restore(&target, &file, false).await.unwrap_err();
    assert!(matches!(err, BackupError::NotEmpty { .. }), "{err}");
    let again = backup::restore(&target, &file, true).await.unwrap();
    assert_eq!(again.replaced_rows, written.rows);
    assert_same_contents(&source, &target).await;
    source.close().await.unwrap();
    target.close().await.unwrap();
}

#[tokio::test]
async fn restore_refuses_a_database_with_data_and_replaces_it_only_when_forced() {
    let (a, b) = (TempDb::new("force-a"), TempDb::new("force-b"));
    let source = sqlite_store(&a).await;
    fill(&source).await;
    let file = a.sibling(".bak");
    backup::backup(&source, &file, BackupFormat::Sqlite, false).await.unwrap();
    let target = sqlite_store(&b).await;
    super::changed_plan_is_audited(&target).await;
    let before = normalised(backup::snapshot(&target).await.unwrap());
    let err = backup::restore(&target, &file, false).await.unwrap_err();
    assert!(matches!(err, BackupError::NotEmpty { .. }), "{err}");
    assert!(err.to_string().contains("--force"), "{err}");
    assert_eq!(normalised(backup::snapshot(&target).await.unwrap()), before, "a refused restore changes nothing");
    let restored = backup::restore(&target, &file, true).await.unwrap();
    assert_eq!(restored.replaced_rows as usize, before.iter().map(|(_, r)| r.len()).sum::<usize>());
    assert_same_contents(&source, &target).await;
    source.close().await.unwrap();
    target.close().await.unwrap();
}

/// Writes a dump of `store` and returns its lines.
async fn dump_lines(store: &Store) -> Vec<String> {
    let mut out = Vec::new();
    backup::write_dump(store, &mut out).await.unwrap();
    String::from_utf8(out).unwrap().lines().map(str::to_string).collect()
}

fn write_lines(path: &Path, lines: &[String]) {
    std::fs::write(path, lines.iter().map(|l| format!("{l}\n")).collect::<String>()).unwrap();
}

#[tokio::test]
async fn a_broken_dump_is_refused_with_file_and_line_and_changes_nothing() {
    let (a, b) = (TempDb::new("broken-a"), TempDb::new("broken-b"));
    let source = sqlite_store(&a).await;
    fill(&source).await;
    let lines = dump_lines(&source).await;
    let target = sqlite_store(&b).await;
    let file = b.sibling(".jsonl");
    let name = file.display().to_string();
    // Line numbers count from 1: the table line of ledger_amounts, then its first row.
    let table_line = lines.iter().position(|l| l.contains("\"table\":\"ledger_amounts\"")).unwrap() + 1;
    let row_line = table_line + 1;
    let edit = |f: &dyn Fn(&mut Vec<String>)| {
        let mut l = lines.clone();
        f(&mut l);
        l
    };
    let cases: Vec<(&str, Vec<String>, usize, &str)> = vec![
        ("cut short", lines[..lines.len() / 2].to_vec(), lines.len() / 2 + 1, "incomplete"),
        ("no closing line", lines[..lines.len() - 1].to_vec(), lines.len(), "incomplete"),
        ("not JSON", edit(&|l| l[row_line - 1].truncate(10)), row_line, "not a JSON value"),
        (
            "a text for an integer",
            edit(&|l| l[row_line - 1] = l[row_line - 1].replacen(",2025,", ",\"2025\",", 1)),
            row_line,
            "expected an integer",
        ),
        ("wrong counts", edit(&|l| drop(l.remove(row_line - 1))), lines.len() - 1, "closing line counts"),
        (
            "an unknown table",
            edit(&|l| l[table_line - 1] = l[table_line - 1].replace("ledger_amounts", "ledger_rows")),
            table_line,
            "no table ledger_rows",
        ),
        // The database finds the duplicate when it writes the batch that holds it.
        ("a row twice", edit(&|l| l.insert(row_line, l[row_line - 1].clone())), row_line, "rows on lines"),
    ];
    for (what, broken, line, message) in cases {
        write_lines(&file, &broken);
        let err = backup::restore(&target, &file, false).await.unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with(&format!("{name}:{line}: ")), "{what}: {text}");
        assert!(matches!(err, BackupError::Broken { .. }), "{what}: {text}");
        assert!(text.contains(message), "{what}: {text}");
        assert_eq!(row_count(&target).await, 0, "{what}: nothing was written");
    }
    // Not a dump at all.
    std::fs::write(&file, "id;name\n1;x\n").unwrap();
    let err = backup::restore(&target, &file, false).await.unwrap_err();
    assert!(matches!(err, BackupError::NotABackup { .. }), "{err}");
    source.close().await.unwrap();
    target.close().await.unwrap();
}

#[tokio::test]
async fn a_backup_from_a_newer_schema_is_refused() {
    let (a, b) = (TempDb::new("newer-a"), TempDb::new("newer-b"));
    let source = sqlite_store(&a).await;
    super::plans_round_trip(&source).await;
    let newer = latest_schema_version() + 1;
    let mut lines = dump_lines(&source).await;
    lines[0] = lines[0].replace(&format!("\"schema_version\":{}", latest_schema_version()), &format!("\"schema_version\":{newer}"));
    let file = b.sibling(".jsonl");
    write_lines(&file, &lines);
    let target = sqlite_store(&b).await;
    let err = backup::restore(&target, &file, false).await.unwrap_err();
    assert!(matches!(err, BackupError::NewerSchema { found, .. } if found == newer), "{err}");
    // A SQLite file that a newer styr migrated.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) VALUES ($1, 'future', TRUE, x'00', 0)",
    )
    .bind(newer)
    .execute(source.pool())
    .await
    .unwrap();
    let copy = a.sibling(".bak");
    backup::backup(&source, &copy, BackupFormat::Sqlite, false).await.unwrap();
    let err = backup::restore(&target, &copy, false).await.unwrap_err();
    assert!(matches!(err, BackupError::NewerSchema { found, .. } if found == newer), "{err}");
    assert_eq!(row_count(&target).await, 0);
    source.close().await.unwrap();
    target.close().await.unwrap();
}

#[tokio::test]
async fn a_backup_from_an_older_schema_is_upgraded_by_the_migrations() {
    let (a, b, c) = (TempDb::new("older-a"), TempDb::new("older-b"), TempDb::new("older-c"));
    // A database as styr left it at schema version 3, when volumes had no round.
    let old = Store::connect(a.spec()).await.unwrap();
    styr_store::migrator(Backend::Sqlite).run_to(3, old.pool()).await.unwrap();
    sqlx::query(
        "INSERT INTO volumes (committee, year, id, name, unit, commitment, outcome, forecast, comment, ordinal, revision) \
         VALUES ('0126-von', 2023, 'hemtjanst', 'Hemtjänsttimmar', 'timmar', 1000.5, 990.0, NULL, NULL, 0, 3)",
    )
    .execute(old.pool())
    .await
    .unwrap();
    assert_eq!(old.schema_version().await.unwrap(), 3);
    let dump = a.sibling(".jsonl");
    let file = a.sibling(".bak");
    backup::backup(&old, &dump, BackupFormat::Dump, false).await.unwrap();
    backup::backup(&old, &file, BackupFormat::Sqlite, false).await.unwrap();
    old.close().await.unwrap();
    for (target, from) in [(&b, &dump), (&c, &file)] {
        let store = sqlite_store(target).await;
        let restored = backup::restore(&store, from, false).await.unwrap();
        assert_eq!(restored.schema_version, 3);
        let rows: Vec<(String, String, Option<f64>, i64)> =
            sqlx::query_as("SELECT round_id, id, commitment, revision FROM volume_figures").fetch_all(store.pool()).await.unwrap();
        assert_eq!(rows, [(String::new(), "hemtjanst".to_string(), Some(1000.5), 3)], "from {}", from.display());
        store.close().await.unwrap();
    }
}

#[tokio::test]
async fn tables_are_dumped_after_the_tables_they_reference() {
    let a = TempDb::new("order");
    let store = sqlite_store(&a).await;
    let mut conn = store.pool().acquire().await.unwrap();
    let tables = backup::tables(&mut conn, Backend::Sqlite).await.unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    let known: Vec<&str> = styr_store::schema::ALL.iter().map(|d| d.name).chain(["audit_log"]).collect();
    for name in &names {
        assert!(known.contains(name), "table {name} is not in schema::ALL: add it there (in dependency order) so backups order it");
    }
    let mut references = 0;
    for (i, name) in names.iter().enumerate() {
        let parents: Vec<String> = sqlx::query_scalar("SELECT \"table\" FROM pragma_foreign_key_list($1)")
            .bind(name.to_string())
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        for parent in parents {
            let at = names.iter().position(|n| *n == parent).unwrap();
            // A table may reference itself (goals: a goal's parent); the restore checks keys at commit.
            assert!(at <= i, "{name} references {parent}, which comes later");
            references += 1;
        }
    }
    assert!(references > 0, "the check saw a foreign key");
    drop(conn);
    store.close().await.unwrap();
}

#[tokio::test]
async fn four_stores_opening_a_new_file_at_once_all_migrate_and_write() {
    let a = TempDb::new("concurrent");
    // Four pools are four connections, as four processes would have.
    let open = || Store::open(a.spec());
    let opened = tokio::join!(open(), open(), open(), open());
    let stores: Vec<Store> = [opened.0, opened.1, opened.2, opened.3].into_iter().map(|s| s.unwrap()).collect();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version").fetch_all(stores[0].pool()).await.unwrap();
    assert_eq!(versions, embedded_versions(&stores[0]), "each migration applied once");
    // Each writes a plan in a transaction that reads before it writes.
    let plans = [super::HUDDINGE_PLAN, super::HELSINGBORG_PLAN, super::COVERAGE_PLAN, super::HUDDINGE_PLAN];
    let write = |i: usize| {
        let store = &stores[i];
        async move {
            let plan = styr_formats::plan_file::parse(plans[i], "plan").unwrap();
            let mut tx = store.begin().await?;
            styr_store::plan::save_plan(&mut tx, &plan, &super::actor()).await?;
            tx.commit().await?;
            Ok::<_, styr_store::StoreError>(())
        }
    };
    let written = tokio::join!(write(0), write(1), write(2), write(3));
    for result in [written.0, written.1, written.2, written.3] {
        result.unwrap();
    }
    assert_eq!(styr_store::plan::list_plans(&stores[0]).await.unwrap().len(), 3);
    for store in stores {
        store.close().await.unwrap();
    }
}

#[tokio::test]
async fn after_close_the_database_file_alone_holds_every_write() {
    let (a, b) = (TempDb::new("close-a"), TempDb::new("close-b"));
    let store = sqlite_store(&a).await;
    fill(&store).await;
    let expected = normalised(backup::snapshot(&store).await.unwrap());
    store.close().await.unwrap();
    // Copy the .db file alone, as a file backup that ignores -wal would.
    std::fs::copy(&a.0, &b.0).unwrap();
    assert!(!b.sibling("-wal").exists());
    let copy = sqlite_store(&b).await;
    assert_eq!(normalised(backup::snapshot(&copy).await.unwrap()), expected);
    copy.close().await.unwrap();
}

// PostgreSQL

#[tokio::test]
async fn postgres_dump_restores_into_postgres_and_sqlite() {
    let Some(url) = postgres_url() else { return };
    let (source_schema, target_schema) =
        (PgSchema::create(&url, "dump_source").await.unwrap(), PgSchema::create(&url, "dump_target").await.unwrap());
    let source = Store::open(&source_schema.url).await.unwrap();
    fill(&source).await;
    let a = TempDb::new("pg-dump");
    let file = a.sibling(".jsonl");
    let written = backup::backup(&source, &file, BackupFormat::Auto, false).await.unwrap();
    assert_eq!(written.format, BackupFormat::Dump);
    assert!(matches!(
        backup::backup(&source, &a.sibling(".bak"), BackupFormat::Sqlite, false).await,
        Err(BackupError::SqliteFileFromPostgres)
    ));

    let pg = Store::open(&target_schema.url).await.unwrap();
    let restored = backup::restore(&pg, &file, false).await.unwrap();
    assert_eq!(restored.rows, written.rows);
    assert_same_contents(&source, &pg).await;
    // New audit entries get ids after the restored ones.
    let last_id = || async { sqlx::query_scalar::<_, i64>("SELECT MAX(id) FROM audit_log").fetch_one(pg.pool()).await.unwrap() };
    let before = last_id().await;
    let mut plan = styr_formats::plan_file::parse(super::HUDDINGE_PLAN, "plan").unwrap();
    plan.goal_areas[0].title = "Ändrad efter återställningen".into();
    assert_eq!(super::save(&pg, &plan).await.updated, 1);
    assert!(last_id().await > before);

    let sqlite = sqlite_store(&a).await;
    backup::restore(&sqlite, &file, false).await.unwrap();
    assert_same_contents(&source, &sqlite).await;
    for store in [source, pg, sqlite] {
        store.close().await.unwrap();
    }
}

#[tokio::test]
async fn sqlite_backup_restores_into_postgres() {
    let Some(url) = postgres_url() else { return };
    let schema = PgSchema::create(&url, "from_sqlite").await.unwrap();
    let a = TempDb::new("to-pg");
    let source = sqlite_store(&a).await;
    fill(&source).await;
    let file = a.sibling(".bak");
    backup::backup(&source, &file, BackupFormat::Sqlite, false).await.unwrap();
    let pg = Store::open(&schema.url).await.unwrap();
    backup::restore(&pg, &file, false).await.unwrap();
    assert_same_contents(&source, &pg).await;
    // Replacing it again with --force happens in one transaction as well.
    let again = backup::restore(&pg, &file, true).await.unwrap();
    assert_eq!(again.replaced_rows, again.rows);
    assert_same_contents(&source, &pg).await;
    source.close().await.unwrap();
    pg.close().await.unwrap();
}

#[tokio::test]
async fn four_stores_opening_a_new_postgres_schema_at_once_migrate_once() {
    let Some(url) = postgres_url() else { return };
    let schema = PgSchema::create(&url, "concurrent").await.unwrap();
    let open = || Store::open(&schema.url);
    let opened = tokio::join!(open(), open(), open(), open());
    let stores: Vec<Store> = [opened.0, opened.1, opened.2, opened.3].into_iter().map(|s| s.unwrap()).collect();
    let versions: Vec<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations ORDER BY version").fetch_all(stores[0].pool()).await.unwrap();
    assert_eq!(versions, embedded_versions(&stores[0]));
    for store in stores {
        store.close().await.unwrap();
    }
}

/// The versions of the migrations built in, oldest first (numbers may have gaps while branches
/// that add migrations are merged).
fn embedded_versions(store: &Store) -> Vec<i64> {
    let versions: Vec<i64> = styr_store::migrator(store.backend()).iter().map(|m| m.version).collect();
    assert_eq!(versions.last().copied(), Some(latest_schema_version()));
    versions
}

/// Migration 0008 keeps every uppdrag and its link to a goal that exists, clears a link to a goal
/// that does not (it could not satisfy the new foreign key), and keeps the assessment rules, not
/// required.
#[tokio::test]
async fn migration_0008_keeps_uppdrag_and_clears_links_to_missing_goals() {
    let a = TempDb::new("m0008");
    let store = Store::connect(a.spec()).await.unwrap();
    styr_store::migrator(Backend::Sqlite).run_to(7, store.pool()).await.unwrap();
    for sql in [
        "INSERT INTO goals (committee, year, id, level, parent_id, title, description, ordinal, revision) \
         VALUES ('9998-sn', 2024, 'kf', 'kf_goal', NULL, 'KF-mål', NULL, 0, 1)",
        "INSERT INTO commissions (committee, year, id, origin, source, goal_id, body, ordinal, revision, group_name, start_date, end_date) \
         VALUES ('9998-sn', 2024, 'u1', 'kf', NULL, 'kf', 'Uppdrag 1', 0, 2, 'Projekt', '2024-01-01', NULL)",
        "INSERT INTO commissions (committee, year, id, origin, source, goal_id, body, ordinal, revision, group_name, start_date, end_date) \
         VALUES ('9998-sn', 2024, 'u2', 'nämnd', NULL, 'borta', 'Uppdrag 2', 1, 1, NULL, NULL, NULL)",
        "INSERT INTO assessment_rules (committee, year, method, min_share_with_outcome, revision) \
         VALUES ('9998-sn', 2024, 'share_reaching_etappmal', 0.8, 4)",
    ] {
        sqlx::query(sql).execute(store.pool()).await.unwrap();
    }
    styr_store::migrator(Backend::Sqlite).run(store.pool()).await.unwrap();
    assert_eq!(store.schema_version().await.unwrap(), latest_schema_version());
    let rows: Vec<(String, Option<String>, Option<String>, i64)> =
        sqlx::query_as("SELECT id, goal_id, group_name, revision FROM commissions ORDER BY ordinal").fetch_all(store.pool()).await.unwrap();
    assert_eq!(rows, [("u1".into(), Some("kf".into()), Some("Projekt".into()), 2), ("u2".into(), None, None, 1)]);
    let rule: (Option<String>, Option<f64>, i64) =
        sqlx::query_as("SELECT method, min_share_with_outcome, required FROM assessment_rules").fetch_one(store.pool()).await.unwrap();
    assert_eq!(rule, (Some("share_reaching_etappmal".into()), Some(0.8), 0));
    store.close().await.unwrap();
}
