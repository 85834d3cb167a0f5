//! A clinic run through the real binary for the input properties: each invocation with a
//! deadline and its output in files (a pipe that fills up would look like a hang), the verdict
//! on what it answered, and a digest of what is stored, read on a connection of our own.
#![allow(dead_code)]

use std::collections::hash_map::DefaultHasher;
use std::ffi::OsString;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;
pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-practitioner-password";
/// Longer than any command takes on a loaded machine; a command past it hangs.
const DEADLINE: Duration = Duration::from_secs(30);

pub struct Clinic {
    pub dir: tempfile::TempDir,
    conn: std::cell::OnceCell<rusqlite::Connection>,
    /// Accepted and refused invocations of the property running now.
    tally: std::cell::Cell<(u32, u32)>,
}

impl Drop for Clinic {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.db());
    }
}

impl Clinic {
    /// A new clinic: `mei` is the admin and a practitioner.
    pub fn new() -> Res<Clinic> {
        let c = Clinic {
            dir: tempfile::tempdir()?,
            conn: std::cell::OnceCell::new(),
            tally: std::cell::Cell::new((0, 0)),
        };
        let init = [
            "init",
            "--clinic-name",
            "Harbour",
            "--time-zone",
            "Europe/London",
            "--admin-username",
            "mei",
            "--admin-name",
            "Dr. Lin Mei",
            "--practitioner",
        ];
        c.ok(&init.iter().map(Into::into).collect::<Vec<OsString>>())?;
        Ok(c)
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("clinic.db")
    }

    fn conn(&self) -> Res<&rusqlite::Connection> {
        if let Some(c) = self.conn.get() {
            return Ok(c);
        }
        let key = KeyStore::default().load(&self.db())?.ok_or("no key")?;
        let conn = db::open(&self.db(), &key, OpenMode::Existing)?;
        Ok(self.conn.get_or_init(|| conn))
    }

    /// Runs the binary in the clinic's folder (so relative output paths land there), with a
    /// deadline. Returns the exit code (`None` when killed by a signal), stdout and stderr.
    pub fn run(&self, args: &[OsString]) -> Res<(Option<i32>, Vec<u8>, Vec<u8>)> {
        let (out_path, err_path) = (self.dir.path().join(".out"), self.dir.path().join(".err"));
        // An argument cannot hold NUL (the OS ends it there): hostile text loses its NULs
        // here and keeps them in files.
        let args: Vec<OsString> = args
            .iter()
            .map(|a| match a.to_str() {
                Some(t) if t.contains('\0') => t.replace('\0', "").into(),
                _ => a.clone(),
            })
            .collect();
        let mut child = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
            .current_dir(self.dir.path())
            .arg("--db")
            .arg(self.db())
            .args(["--json", "--user", "mei"])
            .args(&args)
            .env("ACUCHART_PASSWORD", PASSWORD)
            .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
            .env_remove("ACUCHART_RECOVERY_KEY")
            .env_remove("ACUCHART_USER")
            .env("RUST_BACKTRACE", "1")
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(&out_path)?)
            .stderr(std::fs::File::create(&err_path)?)
            .spawn()?;
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait()? {
                break status;
            }
            if started.elapsed() > DEADLINE {
                child.kill()?;
                child.wait()?;
                return Err(format!("{args:?} hung").into());
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        Ok((
            status.code(),
            std::fs::read(out_path)?,
            std::fs::read(err_path)?,
        ))
    }

    /// Runs and fails unless it succeeded; the JSON it printed.
    pub fn ok(&self, args: &[OsString]) -> Res<Option<Value>> {
        let (code, out, err) = self.run(args)?;
        if code != Some(0) {
            return Err(format!("{args:?}: {}", String::from_utf8_lossy(&err)).into());
        }
        Ok(serde_json::from_slice(&out).ok())
    }

    /// The general rules for one invocation: it ends, never panics, and either succeeds
    /// with JSON on stdout (returned) or exits 2 with one JSON error line on stderr, nothing
    /// on stdout, and nothing stored (`None`).
    pub fn attempt(&self, args: &[OsString]) -> Result<Option<Value>, TestCaseError> {
        let before = self.digest()?;
        let (code, out, err) = self
            .run(args)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let stderr = String::from_utf8_lossy(&err);
        prop_assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{args:?} panicked: {stderr}"
        );
        let (accepted, refused) = self.tally.get();
        self.tally.set(if code == Some(0) {
            (accepted + 1, refused)
        } else {
            (accepted, refused + 1)
        });
        if code == Some(0) {
            let done: Value = serde_json::from_slice(&out)
                .map_err(|e| TestCaseError::fail(format!("{args:?}: stdout is not JSON: {e}")))?;
            return Ok(Some(done));
        }
        prop_assert_eq!(code, Some(2), "{:?}: exit code; stderr {}", args, stderr);
        prop_assert!(out.is_empty(), "{args:?}: a refusal printed to stdout");
        // Progress (`\r`-led, on standard error by design) may come first; the error is one
        // JSON object on a line of its own, the last.
        let lines: Vec<&str> = stderr
            .split('\n')
            .filter(|l| !l.trim().is_empty())
            .collect();
        let (last, progress) = lines
            .split_last()
            .ok_or_else(|| fail(format!("{args:?}: silent")))?;
        prop_assert!(
            progress
                .iter()
                .all(|l| l.starts_with('\r') && !l.contains('{')),
            "{:?}: more than the error on stderr: {}",
            args,
            stderr
        );
        let e: Value = serde_json::from_str(last)
            .map_err(|e| TestCaseError::fail(format!("{args:?}: not JSON ({e}): {stderr}")))?;
        prop_assert!(e["code"].is_string(), "{args:?}: {e}");
        prop_assert!(
            e["message"].as_str().is_some_and(|m| !m.trim().is_empty()),
            "{args:?}: {e}"
        );
        prop_assert!(e["fields"].is_array(), "{args:?}: {e}");
        // A refusal of the input itself: never a storage or internal error, and not one about
        // the keyring or the sign-in either (that would make every case pass without testing
        // anything).
        let refusals = [
            "invalid_input",
            "conflict",
            "not_found",
            "needs_acknowledgement",
            "invalid_recovery_key",
        ];
        prop_assert!(
            e["code"].as_str().is_some_and(|c| refusals.contains(&c)),
            "{args:?}: {e}"
        );
        prop_assert_eq!(
            before,
            self.digest()?,
            "{:?} was refused yet stored something",
            args
        );
        Ok(None)
    }

    /// Runs `test` on `cases` inputs and prints how many were tried.
    pub fn check<S: Strategy>(
        &self,
        surface: &str,
        cases: u32,
        strategy: S,
        test: impl Fn(S::Value) -> Result<(), TestCaseError>,
    ) -> TestResult
    where
        S::Value: std::fmt::Debug,
    {
        let tried = std::cell::Cell::new(0u32);
        self.tally.set((0, 0));
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            // Each shrinking step spawns the binary again.
            max_shrink_iters: 64,
            ..Config::default()
        });
        runner
            .run(&strategy, |v| {
                tried.set(tried.get() + 1);
                test(v)
            })
            .map_err(|e| format!("{surface}: {e}"))?;
        let (accepted, refused) = self.tally.get();
        eprintln!(
            "hostile input: {surface}: {} inputs ({accepted} accepted, {refused} refused)",
            tried.get()
        );
        Ok(())
    }

    /// The database opens with its key, reads, and its audit chain verifies.
    pub fn intact(&self) -> TestResult {
        let verify = self
            .ok(&["audit".into(), "verify".into()])?
            .ok_or("no verdict")?;
        assert_eq!(verify["first_broken_id"], Value::Null, "{verify}");
        self.ok(&["patient".into(), "search".into(), "a".into()])?;
        Ok(())
    }

    /// A digest of every row of every table but the audit log and sign-in records.
    pub fn digest(&self) -> Result<u64, TestCaseError> {
        let conn = self
            .conn()
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let go = || -> rusqlite::Result<u64> {
            let mut h = DefaultHasher::new();
            let tables: Vec<String> = conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for t in tables
                .iter()
                .filter(|t| !t.starts_with("audit") && !t.contains("login"))
            {
                t.hash(&mut h);
                let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\""))?;
                let width = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    for i in 0..width {
                        format!("{:?}", row.get_ref(i)?).hash(&mut h);
                    }
                }
            }
            Ok(h.finish())
        };
        go().map_err(|e| TestCaseError::fail(format!("reading the database: {e}")))
    }
}

/// Text as people paste it and attackers try it (the same classes as the core's generators:
/// controls, direction overrides, invisible characters, look-alikes, huge values).
pub fn hostile_text() -> impl Strategy<Value = String> {
    let c = prop::sample::select(vec![
        '\0', '\u{7}', '\t', '\n', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{202E}', '\u{2066}',
        '\u{200B}', '\u{FEFF}', '\u{3164}', '\u{0301}', 'ſ', 'ı', 'Ｓ', 'а', '\u{2028}',
        '\u{FFFF}', '=', '@', '"', '\'', ';',
    ]);
    let token = prop_oneof![
        3 => "[A-Za-z]{1,6}",
        1 => "[0-9]{1,4}",
        3 => c.prop_map(String::from),
        1 => Just("\u{1b}[2J".to_owned()),
        1 => Just(" ".to_owned()),
    ];
    prop_oneof![
        6 => prop::collection::vec(token, 1..6).prop_map(|v| v.concat()),
        1 => (prop::sample::select(vec![101usize, 201, 20_001]), "[a-z]").prop_map(|(n, c)| c.repeat(n)),
        1 => "[ \u{200B}\u{FEFF}]{0,3}",
        1 => any::<String>().prop_map(|s| s.chars().filter(|c| *c != '\0').take(40).collect()),
    ]
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}

/// A valid file cut short, with bytes changed or appended, or random bytes.
pub fn damaged(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len().max(1);
    let (cut, flip, add) = (valid.clone(), valid.clone(), valid);
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512),
        (0..len).prop_map(move |n| cut[..n.min(cut.len())].to_vec()),
        prop::collection::vec((0..len, 1u8..=255), 1..6).prop_map(move |edits| {
            let mut b = flip.clone();
            for (at, d) in edits {
                if let Some(x) = b.get_mut(at) {
                    *x = x.wrapping_add(d);
                }
            }
            b
        }),
        prop::collection::vec(any::<u8>(), 1..32).prop_map(move |tail| {
            let mut b = add.clone();
            b.extend(tail);
            b
        }),
    ]
}

/// An accepted text value: trimmed, no control characters (line breaks and tabs only in
/// many-line fields), no direction overrides.
pub fn tidy(field: &str, text: &str, many: bool) -> Result<(), TestCaseError> {
    prop_assert_eq!(text.trim(), text, "{} not trimmed", field);
    for c in text.chars() {
        let line = many && matches!(c, '\n' | '\t' | '\r');
        prop_assert!(
            !c.is_control() || line,
            "{field}: control {c:?} stored in {text:?}"
        );
        prop_assert!(
            !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
            "{field}: direction override stored"
        );
    }
    Ok(())
}

pub fn os(list: &[&str]) -> Vec<OsString> {
    list.iter().map(Into::into).collect()
}

/// Words and values a command line is made of: commands that take input (none that would
/// restore, rotate the key, change accounts or write outside the test's folder), flags, ids at
/// and past the limits of their types, dates, and hostile text.
pub fn word() -> impl Strategy<Value = String> {
    let words =
        |list: &'static str| prop::sample::select(list.split_whitespace().collect::<Vec<_>>());
    let commands = words(
        "patient show search add edit flags medical note start save add-point addendum icd10 \
         points schedule book day week slots sheet list doc superbill daysheet summary audit \
         verify backup import patients appointments protocol waitlist appointment help",
    );
    let flags = words(
        "--limit --set --given --family --dob --email --phone --date --at --minutes --count \
         --until --skip --move --every-weeks --weekdays --paid-cents --patient --practitioner \
         --type --out --file --from --to --channel --region --dry-run --preview -- - --json \
         --force",
    );
    // Ids and counts at and past the limits of u32 and i64, and numbers as people misread them.
    let numbers = words(
        "0 1 -1 2 255 256 4294967295 4294967296 9223372036854775807 9223372036854775808 \
         -9223372036854775809 1e3 0x10 1.5 +1 ٣ １",
    );
    prop_oneof![
        4 => commands.prop_map(str::to_owned),
        3 => flags.prop_map(str::to_owned),
        2 => numbers.prop_map(str::to_owned),
        1 => "(19|20|00|99)[0-9]{2}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?",
        2 => hostile_text(),
    ]
}
