//! Runs the real `acuchart-cli` binary on a fresh database with the real keyring.

use std::path::Path;
use std::process::{Command, Output};

use acuchart_core::keys::KeyStore;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-admin-password";

fn cli(db: &Path, password: &str, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--user", "admin"])
        .args(args)
        .env("ACUCHART_PASSWORD", password)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .output()
}

fn json(bytes: &[u8]) -> Result<Value, Box<dyn std::error::Error>> {
    Ok(serde_json::from_slice(bytes)?)
}

fn init(db: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let out = cli(
        db,
        PASSWORD,
        &[
            "init",
            "--clinic-name",
            "Test Clinic",
            "--time-zone",
            "Europe/Paris",
            "--admin-username",
            "admin",
            "--admin-name",
            "Ada Admin",
        ],
    )?;
    assert!(
        out.status.success(),
        "init failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout)?;
    Ok(v["recovery_key"].as_str().unwrap_or_default().to_owned())
}

#[test]
fn init_add_and_search_round_trip_as_json() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    let recovery = init(&db)?;
    assert_eq!(recovery.split('-').count(), 14);

    let out = cli(
        &db,
        PASSWORD,
        &[
            "patient",
            "add",
            "--given",
            "Zoë",
            "--family",
            "Nakamura",
            "--dob",
            "1988-12-01",
            "--phone",
            "+1 (416) 555-0199",
        ],
    )?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let added = json(&out.stdout)?;
    assert_eq!(added["family_name"], "Nakamura");
    assert_eq!(added["date_of_birth"], "1988-12-01");

    let out = cli(&db, PASSWORD, &["patient", "search", "zoe naka"])?;
    let found = json(&out.stdout)?;
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    assert_eq!(found[0]["id"], added["id"]);

    let out = cli(&db, PASSWORD, &["status"])?;
    let status = json(&out.stdout)?;
    assert_eq!(status["state"], "ready");
    assert_eq!(status["schema_version"], status["latest_schema_version"]);
    KeyStore::default().delete(&db)?;
    Ok(())
}

#[test]
fn errors_come_out_as_code_and_message_with_the_field() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    init(&db)?;

    let out = cli(
        &db,
        PASSWORD,
        &[
            "patient",
            "add",
            "--given",
            "Al",
            "--family",
            "Ng",
            "--dob",
            "2999-01-01",
        ],
    )?;
    assert_eq!(out.status.code(), Some(2));
    let err = json(&out.stderr)?;
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(err["fields"][0]["field"], "date_of_birth");
    assert!(err["message"]
        .as_str()
        .is_some_and(|m| m.contains("future")));

    let out = cli(&db, "wrong password", &["patient", "search", "ng"])?;
    assert_eq!(json(&out.stderr)?["code"], "invalid_credentials");

    let out = cli(
        &dir.path().join("missing.db"),
        PASSWORD,
        &["patient", "search", "ng"],
    )?;
    assert_eq!(json(&out.stderr)?["code"], "not_initialized");
    KeyStore::default().delete(&db)?;
    Ok(())
}

#[test]
fn the_recovery_key_unlocks_when_the_keyring_entry_is_gone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    let recovery = init(&db)?;
    KeyStore::default().delete(&db)?;

    let out = cli(&db, PASSWORD, &["patient", "search", "x"])?;
    assert_eq!(json(&out.stderr)?["code"], "key_missing");

    let out = cli(
        &db,
        PASSWORD,
        &["--recovery-key", "AAAA-BBBB", "patient", "search", "x"],
    )?;
    assert_eq!(json(&out.stderr)?["code"], "invalid_recovery_key");

    let out = cli(
        &db,
        PASSWORD,
        &["--recovery-key", &recovery, "patient", "search", "x"],
    )?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Re-stored: the next call needs no recovery key.
    let out = cli(&db, PASSWORD, &["patient", "search", "x"])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    KeyStore::default().delete(&db)?;
    Ok(())
}

#[test]
fn the_demo_generator_is_deterministic_and_searchable() -> TestResult {
    let mut first_names = Vec::new();
    let mut histories = Vec::new();
    for run in 0..2 {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("demo.db");
        init(&db)?;
        let out = cli(&db, PASSWORD, &["demo", "--scale", "1", "--seed", "42"])?;
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let made = json(&out.stdout)?;
        assert_eq!(made["patients"], 6000);
        assert_eq!(made["practitioners"], 2);
        assert_eq!(made["appointments"], 60_000);
        histories.push((made["notes"].clone(), made["points"].clone()));
        let out = cli(&db, PASSWORD, &["patient", "search", "", "--limit", "200"])?;
        let listed = json(&out.stdout)?;
        assert_eq!(listed.as_array().map(Vec::len), Some(200), "run {run}");
        first_names.push(listed[0]["family_name"].clone());
        // Generated names are found like typed ones.
        let family = listed[0]["family_name"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        let out = cli(&db, PASSWORD, &["patient", "search", &family])?;
        assert!(json(&out.stdout)?.as_array().is_some_and(|a| !a.is_empty()));
        KeyStore::default().delete(&db)?;
    }
    assert_eq!(
        first_names[0], first_names[1],
        "the same seed gives the same clinic"
    );
    assert_eq!(
        histories[0], histories[1],
        "and the same twenty years of visits"
    );
    Ok(())
}

#[test]
fn audit_verify_reports_a_row_edited_by_direct_sql() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    init(&db)?;
    cli(
        &db,
        PASSWORD,
        &["patient", "add", "--given", "Kai", "--family", "Moana"],
    )?;
    let out = cli(&db, PASSWORD, &["audit", "verify"])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out.stdout)?;
    assert_eq!(v["first_broken_id"], Value::Null);
    assert!(v["rows_checked"].as_i64().is_some_and(|n| n >= 3));

    let key = KeyStore::default().load(&db)?.ok_or("no key")?;
    let raw = acuchart_core::db::open(&db, &key, acuchart_core::db::OpenMode::Existing)?;
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET user_id = NULL WHERE id = 2;",
    )?;
    drop(raw);
    let out = cli(&db, PASSWORD, &["audit", "verify"])?;
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(json(&out.stdout)?["first_broken_id"], 2);
    KeyStore::default().delete(&db)?;
    Ok(())
}
