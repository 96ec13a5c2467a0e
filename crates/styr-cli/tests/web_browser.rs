//! The web application in a real browser: `styr serve` on an ephemeral port over a fresh SQLite
//! database with the demo, driven by Playwright in Debian's Chromium (`tests/browser/web-flow.mjs`:
//! review flow, another unit's form refused in the UI and the API, a concurrent edit, the checklist,
//! the lock of a fastställd round, axe-core on every page, screenshots). Then SIGTERM: the server
//! finishes and exits 0, and its request log is JSON lines.
//!
//! Needs node, `npm ci --prefix tests/browser` and /usr/bin/chromium (or `STYR_CHROMIUM`); it fails,
//! saying which is missing, without them. `.ci/run` installs the npm packages first.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{TempDir, ok};

const PASSWORD: &str = "ett långt lösenord för testet";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Fails the test, naming what to install, when node, the npm packages or Chromium are missing.
fn require_browser_tools() {
    let node = Command::new("node").arg("--version").output();
    assert!(node.is_ok_and(|o| o.status.success()), "node is not installed: the browser test needs node (apt-get install nodejs)");
    let modules = repo().join("tests/browser/node_modules/playwright-core");
    assert!(modules.exists(), "{} is missing: run `npm ci --prefix tests/browser` first", modules.display());
    let chromium = std::env::var("STYR_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(Path::new(&chromium).exists(), "{chromium} is missing: the browser test needs Debian's chromium (apt-get install chromium)");
}

fn add_user(db: &Path, name: &str, role: &str, unit: Option<&str>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_styr"));
    cmd.arg("--database").arg(db).args(["user", "add", name, "--role", role]);
    if let Some(u) = unit {
        cmd.args(["--unit", u]);
    }
    let out = cmd.env("STYR_PASSWORD", PASSWORD).env_remove("STYR_DATABASE").output().expect("run styr user add");
    assert!(out.status.success(), "styr user add {name}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The server process; killed if the test fails before it is stopped.
struct Server(Option<Child>);

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut c) = self.0.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[test]
fn the_web_app_in_chromium_review_flow_conflict_checklist_lock_and_axe() {
    require_browser_tools();
    let dir = TempDir::new("web-browser");
    let db = dir.path("styr.db");
    ok(&db, &["demo"]);
    add_user(&db, "admin", "admin", None);
    add_user(&db, "controller", "controller", None);
    add_user(&db, "skribent", "skribent", Some("0126-von/aldre"));
    add_user(&db, "lasare", "lasare", None);
    for (goal, unit) in [("aldre-trygghet", "aldre"), ("aldre-sjalvstandighet", "ifo")] {
        ok(&db, &["user", "assign-goal", "--year", "2023", "--committee", "0126-von", "--goal", goal, "--unit", unit]);
    }
    ok(
        &db,
        &[
            "user",
            "assign-indicator",
            "--year",
            "2023",
            "--committee",
            "0126-von",
            "--indicator",
            "kurser-deltagare",
            "--user",
            "controller",
        ],
    );
    let skribent_token = ok(&db, &["user", "token", "skribent"]).trim().to_string();
    let admin_token = ok(&db, &["user", "token", "admin"]).trim().to_string();

    let log = dir.path("server.log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_styr"))
        .arg("--database")
        .arg(&db)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .env_remove("STYR_DATABASE")
        .env_remove("STYR_PUBLIC_ORIGIN")
        .env("STYR_LOG", "info")
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start styr serve");
    let stdout = child.stdout.take().unwrap();
    let mut server = Server(Some(child));
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).expect("read the address");
    let url = first.trim().to_string();
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "styr serve printed `{url}`; its log: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );

    let artefacts = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("web-browser");
    let _ = std::fs::remove_dir_all(&artefacts);
    let out = Command::new("node")
        .arg(repo().join("tests/browser/web-flow.mjs"))
        .env("STYR_URL", &url)
        .env("STYR_PASSWORD", PASSWORD)
        .env("STYR_SKRIBENT_TOKEN", &skribent_token)
        .env("STYR_ADMIN_TOKEN", &admin_token)
        .env("STYR_ARTEFACTS", &artefacts)
        .output()
        .expect("run node");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    println!("{report}");
    assert!(out.status.success(), "the browser flow failed:\n{report}");
    for shot in ["overview.png", "overview-tablet.png", "goal.png", "conflict.png", "report.png"] {
        let len = std::fs::metadata(artefacts.join(shot)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 10_000, "screenshot {shot} missing or empty in {}", artefacts.display());
    }
    println!("screenshots: {}", artefacts.display());

    // Graceful shutdown: SIGTERM, the server says so and exits 0 (bounded wait, polled).
    let mut child = server.0.take().unwrap();
    let term = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("run kill");
    assert!(term.success());
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(Instant::now() < deadline, "styr serve did not stop within 60 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "styr serve exited with {status} after SIGTERM");
    let log = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<serde_json::Value> =
        log.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("a log line that is not JSON ({e}): {l}"))).collect();
    let requests = lines.iter().filter(|l| l["fields"]["message"] == "finished processing request").count();
    assert!(requests > 50, "one structured line per request, found {requests}:\n{log}");
    assert!(lines.iter().any(|l| l["fields"]["status"] == 409), "refused writes are logged with their status");
    assert!(log.contains("shutting down"), "the shutdown is logged:\n{log}");
}
