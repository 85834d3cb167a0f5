//! `acuchart-cli note …` and `protocol …` on a real database with the real keyring.

use std::path::Path;
use std::process::{Command, Output};

use acuchart_core::keys::KeyStore;
use serde_json::{json, Value};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-practitioner-password";

fn run_as(db: &Path, user: &str, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--user", user])
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .output()
}

/// Runs as the practitioner and returns the JSON printed; panics with stderr on failure.
fn ok(db: &Path, args: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
    let out = run_as(db, "mei", args)?;
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// Runs and expects exit code 2 with a JSON error; returns it.
fn refused(db: &Path, user: &str, args: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
    let out = run_as(db, user, args)?;
    assert_eq!(out.status.code(), Some(2), "{args:?} should have failed");
    Ok(serde_json::from_slice(&out.stderr)?)
}

struct Db {
    dir: tempfile::TempDir,
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.path());
    }
}

impl Db {
    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("clinic.db")
    }
}

fn clinic() -> Result<Db, Box<dyn std::error::Error>> {
    let db = Db {
        dir: tempfile::tempdir()?,
    };
    ok(
        &db.path(),
        &[
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
        ],
    )?;
    ok(
        &db.path(),
        &["patient", "add", "--given", "Ngozi", "--family", "Okafor"],
    )?;
    Ok(db)
}

#[test]
fn a_note_is_started_filled_signed_and_then_only_takes_addenda() -> TestResult {
    let db = clinic()?;
    let db = db.path();
    let note = ok(
        &db,
        &["note", "start", "--patient", "1", "--date", "2026-02-03"],
    )?;
    assert_eq!(note["status"], "draft");
    let id = note["id"].to_string();

    let draft = json!({
        "content": {
            "chief_complaint": "Pain down the back of the left leg",
            "pain_now": 6,
            "needles_inserted": 6,
            "needles_removed": 5
        },
        "points": [
            {"code": "ub40", "side": "left"},
            {"code": "GB30", "side": "left"}
        ],
        "pain_regions": [{"region": "thigh_back", "side": "left"}],
        "diagnoses": [{"code": "m54.32"}]
    });
    let file = db.with_file_name("draft.json");
    std::fs::write(&file, draft.to_string())?;
    let saved = ok(
        &db,
        &["note", "save", &id, "--file", &file.to_string_lossy()],
    )?;
    assert_eq!(saved["draft"]["points"][0]["code"], "BL40");
    assert_eq!(
        saved["draft"]["diagnoses"][0]["title"],
        "Sciatica, left side"
    );

    let added = ok(&db, &["note", "add-point", &id, "st36 b"])?;
    assert_eq!(added["draft"]["points"][2]["code"], "ST36");
    assert_eq!(added["draft"]["points"][2]["side"], "bilateral");
    assert_eq!(added["needles_expected"], 4);

    let err = refused(&db, "mei", &["note", "sign", &id])?;
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["fields"][0]["field"], "needles_removed");
    assert!(err["fields"][0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("does not match")));

    let signed = ok(
        &db,
        &[
            "note",
            "sign",
            &id,
            "--explain",
            "One needle dropped on the floor, counted in sharps",
        ],
    )?;
    assert_eq!(signed["status"], "signed");
    assert!(signed["needle_count_explanation"].as_str().is_some());

    let err = refused(&db, "mei", &["note", "add-point", &id, "lr3 l"])?;
    assert_eq!(err["code"], "conflict");
    let with = ok(
        &db,
        &[
            "note",
            "addendum",
            &id,
            "Patient called: pain eased next day.",
        ],
    )?;
    assert_eq!(with["addenda"][0]["author"], "Dr. Lin Mei");

    let history = ok(&db, &["note", "history", "1"])?;
    assert_eq!(history[0]["points"], json!(["BL40", "GB30", "ST36"]));
    assert_eq!(history[0]["addenda"], 1);
    Ok(())
}

#[test]
fn protocols_list_show_copy_and_the_front_desk_is_refused() -> TestResult {
    let db = clinic()?;
    let db = db.path();
    let list = ok(&db, &["protocol", "list"])?;
    let keys: Vec<&str> = list
        .as_array()
        .ok_or("not a list")?
        .iter()
        .filter_map(|p| p["key"].as_str())
        .collect();
    assert!(keys.contains(&"sciatica-bladder") && keys.contains(&"sciatica-stomach"));
    let bladder = ok(&db, &["protocol", "show", "sciatica-bladder"])?;
    assert!(bladder["points"]
        .as_array()
        .is_some_and(|p| p.iter().any(|x| x["code"] == "BL40")));
    let copy = ok(&db, &["protocol", "copy", "sciatica-bladder"])?;
    assert_eq!(copy["editable"], true);
    let icd = ok(&db, &["note", "icd10", "sciatica left"])?;
    assert_eq!(icd[0]["code"], "M54.32");

    ok(
        &db,
        &[
            "user",
            "add",
            "--username",
            "rita",
            "--name",
            "Rita Front",
            "--role",
            "receptionist",
        ],
    )?;
    ok(&db, &["note", "start", "--patient", "1"])?;
    for args in [
        &["note", "show", "1"][..],
        &["note", "history", "1"],
        &["note", "today"],
        &["protocol", "list"],
    ] {
        let err = refused(&db, "rita", args)?;
        assert_eq!(err["code"], "permission_denied", "{args:?}");
    }
    Ok(())
}
