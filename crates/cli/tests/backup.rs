//! `backup` and `key rotate` through the real binary, the real keyring and real files.

use std::path::Path;
use std::process::{Command, Output};

use acuchart_core::keys::KeyStore;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-admin-password";
const GIVEN: &str = "Vespertine";
const FAMILY: &str = "Quarrendale";

fn cli(db: &Path, extra_env: &[(&str, &str)], args: &[&str]) -> Result<Output, std::io::Error> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"));
    cmd.arg("--db")
        .arg(db)
        .args(["--json", "--user", "admin"])
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("RUST_LOG", "trace")
        .env_remove("ACUCHART_RECOVERY_KEY");
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    cmd.output()
}

fn ok(out: Output) -> Result<(Value, String), Box<dyn std::error::Error>> {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !out.status.success() {
        return Err(format!("failed: {stderr}").into());
    }
    // Whatever was logged, even at trace, never names the patient nor shows the keyring's
    // messages (which carry the database key).
    for needle in [GIVEN, FAMILY, "GetSecret", "database-key"] {
        assert!(!stderr.contains(needle), "{needle} in the log: {stderr}");
    }
    let value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("{e} in stdout {:?}", String::from_utf8_lossy(&out.stdout)))?;
    Ok((value, stderr))
}

/// The `{code, message, fields}` error, printed after any log lines.
fn last_json_line(stderr: &[u8]) -> Result<Value, Box<dyn std::error::Error>> {
    let text = String::from_utf8_lossy(stderr);
    let line = text.lines().last().unwrap_or_default();
    Ok(serde_json::from_str(line)?)
}

struct Cleanup(Vec<std::path::PathBuf>);
impl Drop for Cleanup {
    fn drop(&mut self) {
        for p in &self.0 {
            let _ = KeyStore::default().delete(p);
        }
    }
}

#[test]
fn backup_rotate_and_restore_on_a_new_computer_through_the_cli() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    let fresh = dir.path().join("new-computer").join("clinic.db");
    let _cleanup = Cleanup(vec![db.clone(), fresh.clone()]);
    let (init, _) = ok(cli(
        &db,
        &[],
        &[
            "init",
            "--clinic-name",
            "Backup Clinic",
            "--time-zone",
            "Europe/Paris",
            "--admin-username",
            "admin",
            "--admin-name",
            "Ada Admin",
        ],
    )?)?;
    let first_recovery = init["recovery_key"].as_str().unwrap_or_default().to_owned();
    ok(cli(
        &db,
        &[],
        &["patient", "add", "--given", GIVEN, "--family", FAMILY],
    )?)?;

    let (made, progress) = ok(cli(&db, &[], &["backup", "create"])?)?;
    assert!(
        progress.contains("Copying database") && progress.contains("100%"),
        "{progress}"
    );
    let file = made["path"].as_str().ok_or("no path")?.to_owned();
    let (list, _) = ok(cli(&db, &[], &["backup", "list"])?)?;
    assert_eq!(list["backups"].as_array().map(Vec::len), Some(1));
    let (check, _) = ok(cli(&db, &[], &["backup", "verify", &file])?)?;
    assert_eq!(check["patients"], 1);
    assert_eq!(check["clinic_name"], "Backup Clinic");

    let (rotated, _) = ok(cli(&db, &[], &["key", "rotate"])?)?;
    let new_recovery = rotated["recovery_key"].as_str().ok_or("no key")?.to_owned();
    assert_ne!(new_recovery, first_recovery);
    assert_eq!(rotated["backups_reencrypted"], 1);

    // A new computer: only the backup file and the recovery key. The old key is refused.
    let refused = cli(
        &fresh,
        &[("ACUCHART_RECOVERY_KEY", &first_recovery)],
        &["backup", "restore", &file],
    )?;
    assert_eq!(refused.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&refused.stderr).or_else(|_| {
        serde_json::from_str(
            String::from_utf8_lossy(&refused.stderr)
                .lines()
                .last()
                .unwrap_or(""),
        )
    })?;
    assert_eq!(err["code"], "invalid_recovery_key");
    assert!(!fresh.exists(), "a refused restore creates nothing");
    let (restored, bar) = ok(cli(
        &fresh,
        &[("ACUCHART_RECOVERY_KEY", &new_recovery)],
        &["backup", "restore", &file],
    )?)?;
    assert!(bar.contains("Checking the backup"), "{bar}");
    assert_eq!(restored["restored"]["patients"], 1);
    let (found, _) = ok(cli(&fresh, &[], &["patient", "search", FAMILY])?)?;
    assert_eq!(found.as_array().map(Vec::len), Some(1));

    // Restoring over the live database keeps the current one first.
    ok(cli(
        &db,
        &[],
        &["patient", "add", "--given", "Second", "--family", "Person"],
    )?)?;
    let (report, _) = ok(cli(&db, &[], &["backup", "restore", &file])?)?;
    assert_eq!(report["previous_database"]["kind"], "pre_restore");
    let (all, _) = ok(cli(&db, &[], &["patient", "search", ""])?)?;
    assert_eq!(all.as_array().map(Vec::len), Some(1));
    let (audit, _) = ok(cli(&db, &[], &["audit", "verify"])?)?;
    assert_eq!(audit["first_broken_id"], Value::Null);
    Ok(())
}

#[test]
fn backup_settings_are_checked_and_the_folder_is_used() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    let _cleanup = Cleanup(vec![db.clone()]);
    ok(cli(
        &db,
        &[],
        &[
            "init",
            "--clinic-name",
            "S",
            "--time-zone",
            "UTC",
            "--admin-username",
            "admin",
            "--admin-name",
            "Ada Admin",
        ],
    )?)?;
    let drive = dir.path().join("usb-drive");
    let drive_s = drive.display().to_string();
    ok(cli(
        &db,
        &[],
        &[
            "backup",
            "settings",
            "--folder",
            &drive_s,
            "--keep-daily",
            "3",
        ],
    )?)?;
    let (made, _) = ok(cli(&db, &[], &["backup", "scheduled"])?)?;
    let path = made["backup"]["path"]
        .as_str()
        .ok_or("a first automatic backup is due")?;
    assert!(path.starts_with(&drive_s));
    let (again, _) = ok(cli(&db, &[], &["backup", "scheduled"])?)?;
    assert_eq!(again["backup"], Value::Null, "not due again yet");
    let bad = cli(&db, &[], &["backup", "settings", "--interval-hours", "0"])?;
    assert_eq!(bad.status.code(), Some(2));
    let err = last_json_line(&bad.stderr)?;
    assert_eq!(err["fields"][0]["field"], "interval_hours");
    Ok(())
}
