//! The four bad-input findings that could lose or endanger a clinic's data, each tried
//! through the real CLI on a real encrypted database with the real keyring:
//! 1. an output path naming the database (or anything of the clinic's) is refused, and an
//!    existing file is replaced only with --force;
//! 2. CSV cells a spreadsheet would run as formulas are neutralised;
//! 3. a typo in a note draft is refused, naming the field, instead of saving an empty draft;
//! 4. a safety acknowledgement counts only for an alert raised now, bound to what raised it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use acuchart_core::keys::KeyStore;
use serde_json::{json, Value};

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

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> Res<Output> {
        Ok(Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
            .arg("--db")
            .arg(self.path())
            .args(["--json", "--user", "mei"])
            .args(args)
            .env("ACUCHART_PASSWORD", PASSWORD)
            .env_remove("ACUCHART_RECOVERY_KEY")
            .output()?)
    }

    fn ok(&self, args: &[&str]) -> Res<Value> {
        let out = self.run(args)?;
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Ok(serde_json::from_slice(&out.stdout)?)
    }

    /// Expects exit code 2 and one JSON error; returns it.
    fn refused(&self, args: &[&str]) -> Res<Value> {
        let out = self.run(args)?;
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} should have been refused: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        Ok(serde_json::from_slice(&out.stderr)?)
    }

    /// The database still opens with its key, its audit chain verifies, and no temporary
    /// output file is left in its folder.
    fn intact(&self) -> TestResult {
        let found = self.ok(&["patient", "search", "Okafor"])?;
        assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
        let verify = self.ok(&["audit", "verify"])?;
        assert_eq!(verify["first_broken_id"], Value::Null, "{verify}");
        for entry in std::fs::read_dir(self.dir.path())? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with(".part"), "{name} was left behind");
        }
        Ok(())
    }
}

fn clinic() -> Res<Db> {
    let db = Db {
        dir: tempfile::tempdir()?,
    };
    db.ok(&[
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
    ])?;
    db.ok(&["patient", "add", "--given", "Ngozi", "--family", "Okafor"])?;
    Ok(db)
}

fn message(err: &Value) -> String {
    let mut text = err["message"].as_str().unwrap_or_default().to_owned();
    for f in err["fields"].as_array().into_iter().flatten() {
        text.push(' ');
        text.push_str(f["message"].as_str().unwrap_or_default());
    }
    text
}

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn no_output_path_can_replace_the_clinics_data() -> TestResult {
    let db = clinic()?;
    let dot_dot = db
        .dir
        .path()
        .join("..")
        .join(db.dir.path().file_name().ok_or("temp dir has a name")?);
    let mut targets = vec![
        db.path(),
        dot_dot.join("clinic.db"),
        db.file("clinic.db-wal"),
        db.file("clinic.db.audit-head"),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(db.path(), db.file("shortcut.pdf"))?;
        std::fs::hard_link(db.path(), db.file("linked.pdf"))?;
        targets.push(db.file("shortcut.pdf"));
        targets.push(db.file("linked.pdf"));
    }
    let mut tried = 0;
    for target in &targets {
        let t = s(target);
        for args in [
            vec!["doc", "daysheet", "--date", "2026-02-03", "--out", &t],
            vec!["export", "fhir", &t],
            vec!["audit", "export", "--out", &t],
            vec![
                "schedule",
                "ics",
                "--practitioner",
                "mei",
                "--from",
                "2026-02-01",
                "--to",
                "2026-02-28",
                "--out",
                &t,
            ],
        ] {
            for force in [false, true] {
                let mut args = args.clone();
                if force {
                    args.push("--force");
                }
                let err = db.refused(&args)?;
                assert_eq!(err["code"], "invalid_input", "{args:?}: {err}");
                assert!(
                    message(&err).contains("clinic's data")
                        || message(&err).contains("already exists"),
                    "{args:?}: {err}"
                );
                tried += 1;
            }
        }
    }
    // An export folder named like the database is the database.
    let err = db.refused(&["export", "csv", &s(&db.path())])?;
    assert_eq!(err["code"], "invalid_input", "{err}");
    // Still the encrypted database (sign-ins wrote to it meanwhile, so its bytes moved on).
    let now = std::fs::read(db.path())?;
    for written in [&b"%PDF"[..], b"{", b"BEGIN:VCALENDAR", b"id,"] {
        assert!(!now.starts_with(written), "the database was replaced");
    }
    db.intact()?;
    println!("{tried} output paths into the clinic's data refused");
    Ok(())
}

#[test]
fn an_existing_file_is_replaced_only_with_force() -> TestResult {
    let db = clinic()?;
    let out = db.file("sheet.pdf");
    std::fs::write(&out, b"the clinic's own letter")?;
    let args = ["doc", "daysheet", "--date", "2026-02-03", "--out", &s(&out)];
    let err = db.refused(&args)?;
    assert!(message(&err).contains("already exists"), "{err}");
    assert!(message(&err).contains("--force"), "{err}");
    assert_eq!(std::fs::read(&out)?, b"the clinic's own letter");
    // A refused document is not recorded either: the check comes first.
    let audit = db.ok(&["audit", "list", "--limit", "50"])?;
    assert!(!audit.to_string().contains("day_sheet"), "{audit}");

    let mut forced = args.to_vec();
    forced.push("--force");
    db.ok(&forced)?;
    assert!(std::fs::read(&out)?.starts_with(b"%PDF"));

    let missing = db.file("no such folder/sheet.pdf");
    let err = db.refused(&[
        "doc",
        "daysheet",
        "--date",
        "2026-02-03",
        "--out",
        &s(&missing),
    ])?;
    assert!(message(&err).contains("does not exist"), "{err}");
    let err = db.refused(&[
        "doc",
        "daysheet",
        "--date",
        "2026-02-03",
        "--out",
        &s(db.dir.path()),
    ])?;
    assert!(message(&err).contains("folder"), "{err}");
    db.intact()
}

#[test]
fn csv_exports_neutralise_formula_cells() -> TestResult {
    let db = clinic()?;
    let hostile = [
        "=HYPERLINK(\"http://example.invalid\",\"x\")",
        "+SUM(1,2)",
        "-2+3",
        "@cmd",
    ];
    for name in hostile {
        db.ok(&[
            "patient",
            "add",
            "--given",
            "Evil",
            &format!("--family={name}"),
        ])?;
    }
    let dir = db.file("export");
    db.ok(&["export", "csv", &s(&dir)])?;
    let text = std::fs::read_to_string(dir.join("patients.csv"))?;
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        cells.extend(record?.iter().map(str::to_owned));
    }
    for name in hostile {
        assert!(
            cells.iter().any(|c| *c == format!("'{name}")),
            "{name} was not neutralised: {text}"
        );
    }
    for c in &cells {
        assert!(
            !c.starts_with(['=', '+', '@', '\t', '\r']),
            "a live formula cell: {c:?}"
        );
    }

    let audit = db.file("audit.csv");
    db.ok(&["audit", "export", "--out", &s(&audit)])?;
    let text = std::fs::read_to_string(&audit)?;
    for line in text.lines() {
        for cell in line.split(',') {
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "{cell:?} in the audit export"
            );
        }
    }
    db.intact()
}

fn draft_note(db: &Db) -> Res<String> {
    let note = db.ok(&["note", "start", "--patient", "1", "--date", "2026-02-03"])?;
    let id = note["id"].to_string();
    let draft = json!({
        "content": {
            "chief_complaint": "Pain down the back of the left leg",
            "pain_now": 6,
            "needles_inserted": 3,
            "needles_removed": 3
        },
        "points": [{"code": "LI4", "side": "bilateral"}, {"code": "BL40", "side": "left"}]
    });
    save(db, &id, &draft, true)?;
    Ok(id)
}

fn save(db: &Db, id: &str, draft: &Value, expect_ok: bool) -> Res<Value> {
    let file = db.file("draft.json");
    std::fs::write(&file, draft.to_string())?;
    let args = ["note", "save", id, "--file", &s(&file)];
    if expect_ok {
        db.ok(&args)
    } else {
        db.refused(&args)
    }
}

#[test]
fn a_typo_in_a_note_draft_is_refused_and_the_draft_kept() -> TestResult {
    let db = clinic()?;
    let id = draft_note(&db)?;
    for (draft, field) in [
        (json!({"contnet": {"chief_complaint": "x"}}), "contnet"),
        (
            json!({"content": {"chef_complaint": "x"}}),
            "chef_complaint",
        ),
        (
            json!({"points": [{"code": "ST36", "sied": "left"}]}),
            "sied",
        ),
        (
            json!({"acknowledgements": [{"alert_key": "x", "reason": "y", "reasn": "z"}]}),
            "reasn",
        ),
    ] {
        let err = save(&db, &id, &draft, false)?;
        assert_eq!(err["code"], "invalid_input", "{err}");
        assert!(message(&err).contains(field), "{field} not named: {err}");
    }
    let note = db.ok(&["note", "show", &id])?;
    assert_eq!(
        note["draft"]["content"]["chief_complaint"],
        "Pain down the back of the left leg"
    );
    assert_eq!(note["draft"]["points"].as_array().map(Vec::len), Some(2));
    db.intact()
}

fn alert<'a>(note: &'a Value, key: &str) -> Option<&'a Value> {
    note["alerts"].as_array()?.iter().find(|a| a["key"] == key)
}

#[test]
fn an_acknowledgement_counts_only_for_the_alert_raised_now() -> TestResult {
    let db = clinic()?;
    let id = draft_note(&db)?;
    // Not pregnant: there is no alert to acknowledge in advance.
    let err = db.refused(&[
        "note",
        "acknowledge",
        &id,
        "--alert",
        "pregnancy:LI4",
        "--reason",
        "in case",
    ])?;
    assert!(message(&err).contains("no safety alert"), "{err}");
    let long = "k".repeat(10_000);
    for key in ["made:up", "", long.as_str()] {
        let err = db.refused(&["note", "acknowledge", &id, "--alert", key, "--reason", "r"])?;
        assert_eq!(err["code"], "invalid_input", "{key:.20}: {err}");
    }
    let flood: Vec<Value> = (0..10_000)
        .map(|i| json!({"alert_key": format!("pregnancy:LI{i}"), "reason": "r"}))
        .collect();
    let mut draft = db.ok(&["note", "show", &id])?["draft"].clone();
    draft["acknowledgements"] = Value::Array(flood);
    let err = save(&db, &id, &draft, false)?;
    assert!(message(&err).contains("at most"), "{err}");
    let note = db.ok(&["note", "show", &id])?;
    assert_eq!(
        note["draft"]["acknowledgements"],
        json!([]),
        "nothing stored"
    );

    // Flagged pregnant: the alert is raised, unacknowledged, and signing is refused.
    db.ok(&["patient", "flags", "1", "--set", "pregnant=true"])?;
    let note = db.ok(&["note", "show", &id])?;
    assert_eq!(
        alert(&note, "pregnancy:LI4").ok_or("no alert")?["acknowledged"],
        false
    );
    let err = db.refused(&["note", "sign", &id])?;
    assert_eq!(err["code"], "needs_acknowledgement", "{err}");

    let note = db.ok(&[
        "note",
        "acknowledge",
        &id,
        "--alert",
        "pregnancy:LI4",
        "--reason",
        "Discussed; patient consents",
    ])?;
    let raised = alert(&note, "pregnancy:LI4").ok_or("no alert")?;
    assert_eq!(raised["acknowledged"], true);
    assert_eq!(
        note["draft"]["acknowledgements"][0]["basis"],
        raised["basis"]
    );

    // A change in the patient's flags raises it again, and a plain re-save does not silence it.
    db.ok(&["patient", "flags", "1", "--set", "pregnancy_trimester=2"])?;
    let note = db.ok(&["note", "show", &id])?;
    assert_eq!(
        alert(&note, "pregnancy:LI4").ok_or("no alert")?["acknowledged"],
        false
    );
    let err = save(&db, &id, &note["draft"], false)?;
    assert_eq!(err["code"], "needs_acknowledgement", "{err}");
    let note = db.ok(&[
        "note",
        "acknowledge",
        &id,
        "--alert",
        "pregnancy:LI4",
        "--reason",
        "Second trimester: reviewed again",
    ])?;
    assert_eq!(
        alert(&note, "pregnancy:LI4").ok_or("no alert")?["acknowledged"],
        true
    );
    let signed = db.ok(&["note", "sign", &id])?;
    assert_eq!(signed["status"], "signed", "{signed}");
    db.intact()
}
