//! Settings → Backups and Security in the real app: back up, restore (and sign in again),
//! change the database key; then the audit chain holds, the CLI opens the database with the
//! new key from the keyring, and no file in the data folder — the database, its WAL, the
//! backups, the app's log — holds a patient's name in plaintext.

use crate::harness::{cli, files_under, App, TestResult};
use crate::patient_record::sign_in;

const PASSWORD: &str = "clinic-password-2026";
const GIVEN: &str = "Wrenfield";
const FAMILY: &str = "Oakhurst-Pym";

#[tokio::test]
async fn an_admin_backs_up_restores_and_changes_the_key_in_the_app() -> TestResult {
    let data = tempfile::tempdir()?;
    let init = cli(
        data.path(),
        PASSWORD,
        &[
            "--json",
            "init",
            "--clinic-name",
            "Harbour Clinic",
            "--time-zone",
            "Europe/Dublin",
            "--admin-username",
            "owner",
            "--admin-name",
            "Clinic Owner",
            "--practitioner",
        ],
    )?;
    let first_recovery: serde_json::Value = serde_json::from_str(&init)?;
    cli(
        data.path(),
        PASSWORD,
        &["patient", "add", "--given", GIVEN, "--family", FAMILY],
    )?;

    let app = App::launch(data.path()).await?;
    sign_in(&app, "owner").await?;
    app.click("nav-settings").await?;
    app.click("settings-tab-backups").await?;
    app.el("backups-panel").await?;
    app.el("backup-empty").await?;
    app.click("backup-now").await?;
    app.wait_for_el_text("backup-list", "Manual").await?;
    assert_eq!(app.all("backup-row").await?.len(), 1);
    app.screenshot("settings-backups").await?;

    // A patient registered after the backup is gone once the backup is restored.
    cli(
        data.path(),
        PASSWORD,
        &[
            "patient",
            "add",
            "--given",
            "Later",
            "--family",
            "Registrant",
        ],
    )?;
    app.click("backup-restore").await?;
    app.el("restore-confirm").await?;
    app.screenshot("restore-confirm").await?;
    app.click("restore-confirm").await?;
    app.wait_for_el_text("restore-done", "1 patient").await?;
    app.screenshot("restore-done").await?;
    app.click("restore-sign-in").await?;
    sign_in(&app, "owner").await?;
    let found = cli(
        data.path(),
        PASSWORD,
        &["--json", "patient", "search", "Registrant"],
    )?;
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&found)?,
        serde_json::json!([])
    );

    app.click("nav-settings").await?;
    app.click("settings-tab-backups").await?;
    app.wait_for_el_text("backup-list", "Before restore")
        .await?;
    app.click("settings-tab-security").await?;
    app.click("rotate-key").await?;
    app.click("rotate-key-confirm").await?;
    // The dialog fades in: wait until the key's text is visible.
    let key = app.wait_for_el_text("recovery-key", "-").await?;
    let key: String = key.split_whitespace().collect();
    assert_eq!(key.split('-').count(), 14, "{key}");
    assert_ne!(Some(key.as_str()), first_recovery["recovery_key"].as_str());
    app.wait_for_el_text("rotate-key-done", "2 backups were re-encrypted")
        .await?;
    app.screenshot("rotate-key").await?;
    app.click("recovery-key-stored").await?;
    app.click("recovery-key-continue").await?;
    app.quit().await?;

    // The CLI finds the new key in the keyring; the chain of audit rows is intact.
    let verify = cli(data.path(), PASSWORD, &["--json", "audit", "verify"])?;
    let v: serde_json::Value = serde_json::from_str(&verify)?;
    assert_eq!(v["first_broken_id"], serde_json::Value::Null, "{verify}");
    let list = cli(data.path(), PASSWORD, &["--json", "backup", "list"])?;
    let backups: serde_json::Value = serde_json::from_str(&list)?;
    for b in backups["backups"].as_array().ok_or("no backups")? {
        let path = b["path"].as_str().ok_or("no path")?;
        cli(data.path(), PASSWORD, &["backup", "verify", path])?;
    }

    let mut files = Vec::new();
    files_under(data.path(), &mut files);
    let log = data.path().join("logs/acuchart.log");
    assert!(
        files.contains(&log),
        "the app writes its log to {log:?}: {files:?}"
    );
    assert!(
        std::fs::read_to_string(&log)?.contains("backup"),
        "the log has the backup lines"
    );
    for file in &files {
        let bytes = std::fs::read(file)?;
        for needle in [GIVEN, FAMILY, "Registrant", &GIVEN.to_lowercase()] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{needle} in plaintext in {}",
                file.display()
            );
        }
    }
    Ok(())
}
