//! Careless and hostile command lines: every error under `--json` is one `{code, message,
//! fields}` object on its own line, and inputs that are not ordinary files (a FIFO, a folder,
//! an endless device) are refused at once with a message naming them.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use acuchart_core::keys::KeyStore;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;
type Res<T> = Result<T, Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-practitioner-password";

struct Db {
    dir: tempfile::TempDir,
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.path());
    }
}

impl Db {
    fn path(&self) -> PathBuf {
        self.dir.path().join("clinic.db")
    }
}

/// Runs with a deadline: a command that hangs (on a FIFO, say) fails the test instead of
/// hanging it.
fn run(db: &std::path::Path, args: &[&std::ffi::OsStr]) -> Res<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--user", "mei"])
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let started = Instant::now();
    while child.try_wait()?.is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            child.kill()?;
            return Err(format!("{args:?} hung").into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    Ok(child.wait_with_output()?)
}

fn os(args: &[&str]) -> Vec<std::ffi::OsString> {
    args.iter().map(Into::into).collect()
}

/// Exit code 2, nothing on standard output, and exactly one JSON error line on standard error.
fn one_json_error(out: &Output, what: &str) -> Res<Value> {
    assert_eq!(out.status.code(), Some(2), "{what}: {out:?}");
    let stderr = String::from_utf8(out.stderr.clone())?;
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{what}: not one line: {stderr}");
    let err: Value =
        serde_json::from_str(lines[0]).map_err(|e| format!("{what}: not JSON ({e}): {stderr}"))?;
    assert!(err["code"].is_string(), "{what}: {err}");
    assert!(
        err["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {err}"
    );
    assert!(err["fields"].is_array(), "{what}: {err}");
    Ok(err)
}

fn clinic() -> Res<Db> {
    let db = Db {
        dir: tempfile::tempdir()?,
    };
    let args = os(&[
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
    ]);
    let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
    let out = run(&db.path(), &refs)?;
    assert!(out.status.success(), "{out:?}");
    Ok(db)
}

#[test]
fn argument_errors_under_json_are_one_json_object() -> TestResult {
    let db = clinic()?;
    let cases: Vec<Vec<std::ffi::OsString>> = vec![
        os(&["patient", "show", "abc"]),
        os(&["patient", "show", "99999999999999999999999"]),
        os(&["patient", "shwo", "1"]),
        os(&["patient"]),
        os(&["note", "save", "1"]),
        os(&["doc", "daysheet", "--date"]),
        os(&["--no-such-flag"]),
        os(&["schedule", "ics", "--practitioner", "mei"]),
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            vec![
                "patient".into(),
                "search".into(),
                std::ffi::OsString::from_vec(vec![0xff, 0xfe, b'x']),
            ]
        },
    ];
    for args in &cases {
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let out = run(&db.path(), &refs)?;
        let err = one_json_error(&out, &format!("{args:?}"))?;
        assert_eq!(err["code"], "invalid_input", "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
    }
    println!(
        "{} malformed command lines answered with one JSON error",
        cases.len()
    );
    Ok(())
}

#[cfg(unix)]
#[test]
fn pipes_folders_and_endless_devices_are_refused_without_hanging() -> TestResult {
    let db = clinic()?;
    let fifo = db.dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status()?;
    assert!(made.success());

    // --db on a FIFO, a folder and a device.
    for target in [
        fifo.clone(),
        db.dir.path().to_path_buf(),
        PathBuf::from("/dev/null"),
    ] {
        let out = run(
            &target,
            &[
                std::ffi::OsStr::new("patient"),
                "search".as_ref(),
                "x".as_ref(),
            ],
        )?;
        let err = one_json_error(&out, &format!("--db {}", target.display()))?;
        let text = err.to_string();
        assert!(
            text.contains("not a database file"),
            "--db {}: {text}",
            target.display()
        );
    }
    // Files to read: a FIFO, an endless device, a folder.
    for (args, named) in [
        (vec!["note", "save", "1", "--file"], "pipe"),
        (vec!["import", "patients"], "pipe"),
    ] {
        for (file, what) in [
            (fifo.clone(), named),
            (PathBuf::from("/dev/urandom"), "device"),
            (db.dir.path().to_path_buf(), "folder"),
        ] {
            let mut all: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
            all.push(file.as_os_str());
            let out = run(&db.path(), &all)?;
            let err = one_json_error(&out, &format!("{args:?} {}", file.display()))?;
            assert!(
                err.to_string().contains(what),
                "{args:?} {}: {err}",
                file.display()
            );
        }
    }
    Ok(())
}

#[test]
fn a_set_that_does_not_fit_names_the_field_and_what_would() -> TestResult {
    let db = clinic()?;
    let added = run(
        &db.path(),
        &os(&["patient", "add", "--given", "Ngozi", "--family", "Okafor"])
            .iter()
            .map(|a| a.as_os_str())
            .collect::<Vec<_>>(),
    )?;
    assert!(added.status.success(), "{added:?}");
    for (set, field, says) in [
        ("given_name=", "given_name", "cannot be empty"),
        ("sex=Female", "sex", "use one of"),
    ] {
        let args = os(&["patient", "edit", "1", "--set", set]);
        let refs: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let err = one_json_error(&run(&db.path(), &refs)?, set)?;
        assert_eq!(err["fields"][0]["field"], field, "{set}: {err}");
        let message = err["message"].as_str().unwrap_or_default();
        assert!(message.contains(says), "{set}: {err}");
        assert!(
            !message.contains("invalid type") && !message.contains("unknown variant"),
            "{set}: {err}"
        );
    }
    Ok(())
}

fn args(list: &[&str]) -> Vec<std::ffi::OsString> {
    os(list)
}

fn refs(list: &[std::ffi::OsString]) -> Vec<&std::ffi::OsStr> {
    list.iter().map(|a| a.as_os_str()).collect()
}

#[test]
fn look_alikes_empty_names_junk_backups_and_huge_sums_are_refused() -> TestResult {
    let db = clinic()?;
    let path = db.path();
    let ok = |list: &[&str]| -> Res<Value> {
        let out = run(&path, &refs(&args(list)))?;
        assert!(out.status.success(), "{list:?}: {out:?}");
        Ok(serde_json::from_slice(&out.stdout)?)
    };
    ok(&["patient", "add", "--given", "Ngozi", "--family", "Okafor"])?;
    let note = ok(&["note", "start", "--patient", "1"])?;
    let id = note["id"].to_string();
    let mut tried = 0;
    // A long s (ſ) or a dotless i folds to ASCII in Unicode's upper case: not a point code.
    for entry in ["ſt36 b", "lı4 b", "ＳＴ36 b"] {
        let err = one_json_error(
            &run(&path, &refs(&args(&["note", "add-point", &id, entry])))?,
            entry,
        )?;
        assert_eq!(err["code"], "invalid_input", "{entry}: {err}");
        tried += 1;
    }
    let note = ok(&["note", "show", &id])?;
    assert_eq!(
        note["draft"]["points"],
        serde_json::json!([]),
        "nothing was added"
    );

    let ics = db.dir.path().join("empty.ics");
    let err = one_json_error(
        &run(
            &path,
            &refs(&args(&[
                "schedule",
                "ics",
                "--practitioner",
                "",
                "--from",
                "2026-02-01",
                "--to",
                "2026-02-28",
                "--out",
                &ics.to_string_lossy(),
            ])),
        )?,
        "empty practitioner",
    )?;
    assert!(err.to_string().contains("Name the practitioner"), "{err}");

    let out_pdf = db.dir.path().join("bill.pdf");
    let err = one_json_error(
        &run(
            &path,
            &refs(&args(&[
                "doc",
                "superbill",
                "--patient",
                "1",
                "--date",
                "2026-02-03",
                "--paid-cents",
                &i64::MAX.to_string(),
                "--out",
                &out_pdf.to_string_lossy(),
            ])),
        )?,
        "paid cents",
    )?;
    assert!(err.to_string().contains("check the figure"), "{err}");
    assert!(!out_pdf.exists());

    let made = ok(&["backup", "create"])?;
    let backup = PathBuf::from(made["path"].as_str().ok_or("no backup path")?);
    let good = std::fs::read(&backup)?;
    let mut junk = good.clone();
    junk.extend_from_slice(b"appended by someone else");
    for (name, bytes, says) in [
        ("junk.db", junk, "added after its end"),
        ("half.db", good[..good.len() / 2].to_vec(), "cut short"),
        ("page.db", good[..4096].to_vec(), "cut short"),
        ("empty.db", Vec::new(), "is empty"),
    ] {
        let file = db.dir.path().join(name);
        std::fs::write(&file, bytes)?;
        let err = one_json_error(
            &run(
                &path,
                &refs(&args(&["backup", "verify", &file.to_string_lossy()])),
            )?,
            name,
        )?;
        assert!(err.to_string().contains(says), "{name}: {err}");
        tried += 1;
    }
    println!("{tried} look-alike codes and damaged backups refused");
    Ok(())
}

/// One text policy for every free-text field: control characters, invisible-only values,
/// malformed emails and oversized or NUL-holding notes are refused by field, nothing stored.
#[test]
fn free_text_follows_one_policy_in_every_field() -> TestResult {
    let db = clinic()?;
    let path = db.path();
    let attempt = |list: &[&str]| -> Res<Output> { run(&path, &refs(&args(list))) };
    let mut tried = 0;
    for bad in [
        "A\u{1b}[31mB",
        "Ana\rBell",
        "Ana\nBell",
        "Ana\tBell",
        "Ana\u{7f}",
        "Ana\u{7}",
        "Ana\u{85}Bell",
        "\u{200B}",
        "\u{FEFF}",
        "\u{3164}",
        "\u{0301}",
        "\u{200B}\u{FEFF}",
        "Ana\u{202E}lleB",
    ] {
        let err = one_json_error(
            &attempt(&["patient", "add", "--given", bad, "--family", "Okafor"])?,
            &format!("given {bad:?}"),
        )?;
        assert_eq!(err["fields"][0]["field"], "given_name", "{bad:?}: {err}");
        tried += 1;
    }
    for bad in ["a@b..c", ".@a.b", "a@b.cd<script>", "a\u{1b}@b.cd", "a@b"] {
        let err = one_json_error(
            &attempt(&[
                "patient", "add", "--given", "Ana", "--family", "Bell", "--email", bad,
            ])?,
            &format!("email {bad:?}"),
        )?;
        assert_eq!(err["fields"][0]["field"], "email", "{bad:?}: {err}");
        tried += 1;
    }
    let staff = attempt(&[
        "user",
        "add",
        "--username",
        "rita",
        "--name",
        "\u{200B}",
        "--role",
        "receptionist",
    ])?;
    let err = one_json_error(&staff, "staff name")?;
    assert!(err.to_string().contains("invisible"), "{err}");
    tried += 1;
    let found = attempt(&["patient", "search", "Ana"])?;
    assert_eq!(
        serde_json::from_slice::<Value>(&found.stdout)?,
        serde_json::json!([]),
        "nothing stored"
    );

    // Notes: a NUL or five megabytes in one field is refused, the draft kept.
    let added = attempt(&["patient", "add", "--given", "Ngozi", "--family", "Okafor"])?;
    assert!(added.status.success(), "{added:?}");
    let note: Value =
        serde_json::from_slice(&attempt(&["note", "start", "--patient", "1"])?.stdout)?;
    let id = note["id"].to_string();
    for (content, what) in [
        (
            serde_json::json!({"chief_complaint": "pain\u{0}here"}),
            "control character",
        ),
        (
            serde_json::json!({"plan": "x".repeat(5 * 1024 * 1024)}),
            "at most 20000",
        ),
    ] {
        let file = db.dir.path().join("draft.json");
        std::fs::write(&file, serde_json::json!({ "content": content }).to_string())?;
        let err = one_json_error(
            &attempt(&["note", "save", &id, "--file", &file.to_string_lossy()])?,
            what,
        )?;
        assert!(err.to_string().contains(what), "{what}: {err}");
        tried += 1;
    }
    println!("{tried} hostile free-text values refused");
    Ok(())
}

/// The same text policy holds for protocol names and handout-free schedule text: an invisible
/// or control-laden value is refused by field, nothing stored.
#[test]
fn protocols_and_front_desk_text_follow_the_same_policy() -> TestResult {
    let db = clinic()?;
    let path = db.path();
    let attempt = |list: &[&str]| -> Res<Output> { run(&path, &refs(&args(list))) };
    let mut tried = 0;
    for name in ["\u{200B}\u{FEFF}", "Sciatica\u{1b}[2J"] {
        let file = db.dir.path().join("protocol.json");
        std::fs::write(
            &file,
            serde_json::json!({
                "name": name,
                "shared": false,
                "points": [{"code": "BL40", "side": "bilateral"}]
            })
            .to_string(),
        )?;
        let err = one_json_error(
            &attempt(&["protocol", "create", "--file", &file.to_string_lossy()])?,
            name,
        )?;
        assert_eq!(err["fields"][0]["field"], "name", "{name:?}: {err}");
        tried += 1;
    }
    println!("{tried} hostile protocol names refused");
    Ok(())
}
