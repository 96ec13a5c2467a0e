//! Helpers shared by the CLI tests: a temporary directory and running the built `styr`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A directory removed when dropped; named by process and test so parallel tests never share one.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("styr-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn styr(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_styr"))
        .arg("--database")
        .arg(db)
        .args(args)
        .env_remove("STYR_DATABASE")
        .env("STYR_USER", "cli-test")
        .output()
        .expect("run styr")
}

/// Runs `styr` and returns its stdout; fails the test when it fails.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = styr(db, args);
    assert!(out.status.success(), "styr {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs `styr`, expects it to fail, and returns its stderr.
pub fn fails(db: &Path, args: &[&str]) -> String {
    let out = styr(db, args);
    assert!(!out.status.success(), "styr {args:?} succeeded: {}", String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stderr).unwrap()
}

/// A file of the repository's `demo/` directory.
pub fn demo_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo").join(name)
}
