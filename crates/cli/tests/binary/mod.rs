//! The real `acuchart-cli` on a clinic in a temp folder, for tests that read its answers:
//! every run signs in as `mei`, reads nothing from standard input, and a refusal is checked
//! to be one `{code, message, fields}` JSON line with nothing on standard output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use acuchart_core::keys::KeyStore;
use serde_json::Value;

pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

pub const PASSWORD: &str = "a-long-practitioner-password";

/// A clinic database in its own temp folder; its key leaves the keyring with it.
pub struct TempDb {
    pub dir: tempfile::TempDir,
}

impl Drop for TempDb {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.path());
    }
}

impl TempDb {
    pub fn new() -> Res<TempDb> {
        Ok(TempDb {
            dir: tempfile::tempdir()?,
        })
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("clinic.db")
    }

    pub fn run(&self, json: bool, args: &[&str]) -> Res<Output> {
        run(&self.path(), json, args)
    }

    /// A command that must succeed: its JSON answer.
    pub fn ok(&self, args: &[&str]) -> Res<Value> {
        let out = self.run(true, args)?;
        if !out.status.success() {
            return Err(format!("{args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        Ok(serde_json::from_slice(&out.stdout)?)
    }

    /// A command that must be refused: its JSON error.
    pub fn refused(&self, args: &[&str]) -> Res<Value> {
        refused_json(&self.path(), args)
    }
}

/// Runs the binary on the database at `db`.
pub fn run(db: &Path, json: bool, args: &[&str]) -> Res<Output> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"));
    cmd.arg("--db").arg(db).args(["--user", "mei"]);
    if json {
        cmd.arg("--json");
    }
    Ok(cmd
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .env_remove("ACUCHART_DATABASE_URL")
        .stdin(Stdio::null())
        .output()?)
}

/// Refused under `--json`: exit code 2, nothing on standard output, and one JSON error line.
pub fn refused_json(db: &Path, args: &[&str]) -> Res<Value> {
    let out = run(db, true, args)?;
    assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
    assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    let stderr = String::from_utf8(out.stderr)?;
    Ok(serde_json::from_str(json_error_line(args, &stderr)?)?)
}

/// The error's one JSON line: the last on standard error, on a line of its own. A progress
/// bar may come before it (backups and imports draw one there, under `--json` too), but no
/// other JSON and no other text.
pub fn json_error_line<'a>(args: &[&str], stderr: &'a str) -> Res<&'a str> {
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    let (last, before) = lines
        .split_last()
        .ok_or(format!("{args:?}: nothing on stderr"))?;
    for line in before {
        let progress = line.contains(" of ") || line.contains('%');
        assert!(
            progress && !line.contains('{'),
            "{args:?}: stray line {line:?}"
        );
    }
    Ok(last)
}
