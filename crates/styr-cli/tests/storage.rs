//! The `styr` binary and its database: concurrent processes, the database file after a command,
//! `styr backup` and `styr restore`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use styr_store::Store;
use styr_store::backup::snapshot;

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("styr-cli-storage-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn command(db: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_styr"));
    c.arg("--database").arg(db).args(args).env_remove("STYR_DATABASE").env("STYR_USER", "cli-test");
    c
}

fn styr(db: &str, args: &[&str]) -> Output {
    command(db, args).output().expect("run styr")
}

fn ok(db: &str, args: &[&str]) -> String {
    let out = styr(db, args);
    assert!(out.status.success(), "styr {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn spawn(db: &str, args: &[&str]) -> Child {
    command(db, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start styr")
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

/// Every table's rows, sorted, to compare two databases.
async fn contents(db: &str) -> Vec<(String, Vec<String>)> {
    let store = Store::open(db).await.unwrap();
    let tables = snapshot(&store).await.unwrap();
    store.close().await.unwrap();
    tables
        .into_iter()
        .map(|(t, rows)| {
            let mut rows: Vec<String> = rows.iter().map(|r| format!("{r:?}")).collect();
            rows.sort();
            (t, rows)
        })
        .collect()
}

fn rows_in(contents: &[(String, Vec<String>)], table: &str) -> usize {
    contents.iter().find(|(t, _)| t == table).map_or(0, |(_, r)| r.len())
}

#[test]
fn four_concurrent_plan_imports_on_a_new_file_all_succeed() {
    let dir = TempDir::new("concurrent");
    let plans = [
        repo("demo/huddinge-2023-plan.yaml"),
        repo("demo/helsingborg-2024-plan.yaml"),
        repo("demo/demo-kommun-2025-plan.yaml"),
        repo("crates/styr-store/tests/fixtures/coverage-plan.yaml"),
    ];
    // Several rounds, each on a new file: the four processes race to create and migrate it, then
    // to write. Before BEGIN IMMEDIATE and the locked migrations most rounds had failures
    // ("database is locked", "table … already exists").
    for round in 0..3 {
        let db = dir.path(&format!("r{round}.db"));
        let children: Vec<Child> = plans.iter().map(|plan| spawn(path_str(&db), &["plan", "import", plan])).collect();
        for (plan, child) in plans.iter().zip(children) {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "round {round}, import of {plan} failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let list = ok(path_str(&db), &["plan", "list"]);
        assert_eq!(list.lines().filter(|l| l.contains("-von") || l.contains("-son")).count(), 4, "{list}");
    }
    // Two more writers on the existing file.
    let db = dir.path("r0.db");
    let children: Vec<Child> = plans[..2].iter().map(|plan| spawn(path_str(&db), &["plan", "import", plan])).collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("0 nya, 0 ändrade, 0 borttagna"));
    }
}

#[tokio::test]
async fn a_copy_of_the_database_file_alone_holds_every_row_after_a_command() {
    let dir = TempDir::new("wal");
    let db = dir.path("styr.db");
    let fixture = |name: &str| repo(&format!("crates/styr-store/tests/fixtures/{name}"));
    let commands: Vec<Vec<String>> = vec![
        vec!["demo".into()],
        vec!["plan".into(), "import".into(), fixture("coverage-plan.yaml")],
        vec!["followup".into(), "import".into(), fixture("coverage-followup.yaml")],
        vec!["personnel".into(), "import".into(), fixture("coverage-personnel.yaml")],
    ];
    for (i, args) in commands.iter().enumerate() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        ok(path_str(&db), &args);
        // What a file backup that ignores styr.db-wal copies. Without the checkpoint on close the
        // newest writes were often only in styr.db-wal (a copy after `styr demo` held 16 684 of
        // 31 633 ledger rows); whether the process got to close its connection before it ended
        // was a race, hence several commands.
        let copy = dir.path(&format!("copy-{i}.db"));
        std::fs::copy(&db, &copy).unwrap();
        let copied = contents(path_str(&copy)).await;
        let original = contents(path_str(&db)).await;
        assert!(rows_in(&original, "ledger_amounts") > 30_000);
        let differing: Vec<&str> = original.iter().zip(&copied).filter(|(a, b)| a != b).map(|((t, _), _)| t.as_str()).collect();
        assert!(differing.is_empty(), "after `styr {}` the copy lacks rows of {differing:?}", args.join(" "));
    }
}

#[tokio::test]
async fn backup_and_restore_round_trip_through_the_cli() {
    let dir = TempDir::new("backup");
    let db = dir.path("styr.db");
    let db = path_str(&db);
    ok(db, &["demo"]);
    let original = contents(db).await;

    let file = dir.path("backup.db");
    let out = ok(db, &["backup", path_str(&file)]);
    assert!(out.starts_with(&format!("Säkerhetskopia {} (SQLite-fil, schemaversion ", file.display())), "{out}");
    let refused = styr(db, &["backup", path_str(&file)]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));

    let restored = dir.path("restored.db");
    let out = ok(path_str(&restored), &["restore", path_str(&file)]);
    assert!(out.starts_with("Återställt från "), "{out}");
    assert!(contents(path_str(&restored)).await == original, "restored from the SQLite file");

    let dump = dir.path("backup.jsonl");
    ok(db, &["backup", "--format", "dump", path_str(&dump)]);
    let refused = styr(path_str(&restored), &["restore", path_str(&dump)]);
    assert!(!refused.status.success(), "a database with data is not overwritten");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("not empty") && stderr.contains("--force"), "{stderr}");
    let out = ok(path_str(&restored), &["restore", "--force", path_str(&dump)]);
    assert!(out.contains("(ersatte "), "{out}");
    assert!(contents(path_str(&restored)).await == original, "restored from the dump");

    // A dump cut short names the file and line and changes nothing.
    let text = std::fs::read_to_string(&dump).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let cut = dir.path("cut.jsonl");
    std::fs::write(&cut, lines[..1000].join("\n") + "\n").unwrap();
    let fresh = dir.path("fresh.db");
    let out = styr(path_str(&fresh), &["restore", path_str(&cut)]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("{}:1001: ", cut.display())) && stderr.contains("incomplete"), "{stderr}");
    assert!(contents(path_str(&fresh)).await.iter().all(|(_, rows)| rows.is_empty()));
}

#[tokio::test]
async fn a_postgres_database_is_backed_up_and_restored_into_sqlite_through_the_cli() {
    let Some(url) = styr_store::testing::postgres_url() else { return };
    let schema = styr_store::testing::PgSchema::create(&url, "cli_backup").await.unwrap();
    let dir = TempDir::new("pg-backup");
    ok(&schema.url, &["demo"]);
    let dump = dir.path("pg.jsonl");
    let out = ok(&schema.url, &["backup", path_str(&dump)]);
    assert!(out.contains("(dumpfil, schemaversion "), "{out}");
    let db = dir.path("from-pg.db");
    ok(path_str(&db), &["restore", path_str(&dump)]);
    let (pg, sqlite) = (contents(&schema.url).await, contents(path_str(&db)).await);
    assert!(rows_in(&pg, "ledger_amounts") > 30_000);
    assert!(pg == sqlite, "the SQLite database holds what PostgreSQL held");
}
