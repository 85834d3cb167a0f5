//! Security end to end, in the real app: an admin adds a receptionist; the receptionist finds
//! no route to a clinical note (no section, no tab, and the IPC itself refuses), the screen
//! locks when idle and unlocks with the password without losing what was typed; the admin sees
//! all of it in the audit log and Verify passes; after one audit row is edited by direct SQL,
//! Verify names it.

use std::path::Path;
use std::time::Duration;

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use fantoccini::Locator;
use serde_json::{json, Value};

use crate::harness::{cli, App, Res, TestResult};
use crate::patient_record::{open_patient, sign_in};

const PASSWORD: &str = "clinic-password-2026";
const IDLE_SECONDS: &str = "10";
const CLINICAL: &str = "Marker-Sciatica-History";

/// A clinic with one patient who has a medical history and a signed visit note.
fn prepare(data: &Path) -> Res<i64> {
    cli(
        data,
        PASSWORD,
        &[
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
    cli(
        data,
        PASSWORD,
        &[
            "patient",
            "add",
            "--given",
            "Aoife",
            "--family",
            "Brennan",
            "--dob",
            "1975-09-30",
        ],
    )?;
    let medical = format!("medical_history={CLINICAL}");
    cli(
        data,
        PASSWORD,
        &["patient", "medical", "1", "--set", &medical],
    )?;
    let note: Value = serde_json::from_str(&cli(
        data,
        PASSWORD,
        &["--json", "note", "start", "--patient", "1"],
    )?)?;
    let id = note["id"].as_i64().ok_or("note start printed no id")?;
    let draft = data.join("draft.json");
    std::fs::write(
        &draft,
        r#"{"content": {"chief_complaint": "Pain down the left leg", "needles_inserted": 0, "needles_removed": 0}}"#,
    )?;
    let draft = draft.display().to_string();
    cli(
        data,
        PASSWORD,
        &["note", "save", &id.to_string(), "--file", &draft],
    )?;
    cli(data, PASSWORD, &["note", "sign", &id.to_string()])?;
    Ok(id)
}

fn error_code(answer: &Value) -> Option<&str> {
    answer["err"]["code"].as_str()
}

async fn admin_adds_a_receptionist(app: &App) -> TestResult {
    sign_in(app, "owner").await?;
    app.click("nav-staff").await?;
    app.el("staff-page").await?;
    app.click("staff-add").await?;
    app.fill("staff-name", "Nuala Desk").await?;
    app.fill("staff-username", "nuala").await?;
    app.fill("staff-password", PASSWORD).await?;
    app.fill("staff-password-confirm", PASSWORD).await?;
    app.click("staff-role-receptionist").await?;
    app.click("staff-save").await?;
    app.wait_for_text("Nuala Desk").await?;
    wait_gone(app, "staff-save").await?;
    let rows = app.all("staff-row").await?;
    let nuala = rows.get(1).ok_or("Nuala's row is missing")?;
    let actions = nuala
        .find(Locator::Css("[data-testid=\"staff-actions\"]"))
        .await?;
    actions.click().await?;
    app.el("staff-disable").await?;
    app.screenshot("security-staff").await?;
    actions.click().await?;
    wait_gone(app, "staff-disable").await?;
    app.click("nav-settings").await?;
    app.fill("idle-minutes", "10").await?;
    app.click("security-save").await?;
    app.wait_for_text("Screens now lock after 10 minutes")
        .await?;
    app.click("logout").await?;
    Ok(())
}

async fn receptionist_has_no_route_to_clinical_content(app: &App, note: i64) -> TestResult {
    for section in ["today", "protocols", "staff", "audit", "settings"] {
        assert!(
            app.all(&format!("nav-{section}")).await?.is_empty(),
            "reception must not see the {section} section"
        );
    }
    open_patient(app, "brennan", "Brennan").await?;
    app.el("tab-details").await?;
    for tab in ["tab-medical", "tab-visits"] {
        assert!(app.all(tab).await?.is_empty(), "reception sees {tab}");
    }
    // Not even a script in the window gets there: the backend refuses every clinical route.
    for (command, args) in [
        ("get_visit_note", json!({ "id": note })),
        ("patient_chart", json!({ "patientId": 1 })),
        ("patient_outcomes", json!({ "patientId": 1 })),
        ("get_patient_medical", json!({ "id": 1 })),
        ("previous_treatment", json!({ "id": note })),
        ("list_audit", json!({ "filter": {} })),
    ] {
        let answer = app.invoke(command, args).await?;
        assert_eq!(
            error_code(&answer),
            Some("permission_denied"),
            "{command}: {answer}"
        );
    }
    let profile = app.invoke("get_patient", json!({ "id": 1 })).await?;
    assert!(
        profile["ok"]["details"]["family_name"] == "Brennan",
        "{profile}"
    );
    assert!(!profile.to_string().contains(CLINICAL));
    let page = app.client.find(Locator::Css("body")).await?.text().await?;
    assert!(!page.contains(CLINICAL));
    Ok(())
}

async fn idle_lock_keeps_the_form_and_unlocks_with_the_password(app: &App) -> TestResult {
    app.click("details-edit").await?;
    app.fill("details-city", "Galway").await?;
    // Nobody touches anything: the window locks by itself.
    app.el("lock-screen").await?;
    app.wait_for_el_text("lock-reason", "without activity")
        .await?;
    app.screenshot("security-lock-screen").await?;
    let refused = app
        .invoke("search_patients", json!({ "query": { "text": "bren" } }))
        .await?;
    assert_eq!(error_code(&refused), Some("session_locked"), "{refused}");

    app.fill("lock-password", "not the password").await?;
    app.click("lock-submit").await?;
    app.wait_for_text("That password is not correct.").await?;
    app.fill("lock-password", PASSWORD).await?;
    app.click("lock-submit").await?;
    wait_gone(app, "lock-screen").await?;
    let city = app.el("details-city").await?.prop("value").await?;
    assert_eq!(
        city.as_deref(),
        Some("Galway"),
        "what was typed survives the lock"
    );

    // "Lock now" from the header, and privacy mode.
    app.click("lock-now").await?;
    app.wait_for_el_text("lock-reason", "Locked by hand")
        .await?;
    app.fill("lock-password", PASSWORD).await?;
    app.click("lock-submit").await?;
    wait_gone(app, "lock-screen").await?;
    app.click("privacy-toggle").await?;
    let blurred = app
        .client
        .execute(
            "return getComputedStyle(document.querySelector('[data-testid=\"profile-name\"] .patient-name')).filter",
            vec![],
        )
        .await?;
    assert!(blurred.to_string().contains("blur"), "{blurred}");
    app.screenshot("security-privacy-mode").await?;
    app.click("privacy-toggle").await?;
    app.click("logout").await?;
    Ok(())
}

async fn wait_gone(app: &App, test_id: &str) -> TestResult {
    for _ in 0..100 {
        if app.all(test_id).await?.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{test_id} stayed on screen").into())
}

async fn choose(app: &App, test_id: &str, option: &str) -> TestResult {
    app.click(test_id).await?;
    let xpath = format!("//*[@role='option'][contains(., '{option}')]");
    app.client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::XPath(&xpath))
        .await?
        .click()
        .await?;
    Ok(())
}

async fn admin_reviews_the_audit_log(app: &App, data: &Path) -> TestResult {
    sign_in(app, "owner").await?;
    app.click("nav-audit").await?;
    app.el("audit-row").await?;
    choose(app, "audit-filter-user", "Nuala Desk").await?;
    // The filtered list replaces the full one: wait until only Nuala's rows are left.
    let mut table = String::new();
    for _ in 0..100 {
        table = app.el("audit-table").await?.text().await?;
        if table.contains("Locked (idle)") && !table.contains("Clinic Owner") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        !table.contains("Clinic Owner"),
        "the filter shows only Nuala's rows:\n{table}"
    );
    for seen in [
        "Signed in",
        "Opened",
        "Locked (idle)",
        "Failed unlock",
        "Unlocked",
        "Locked (by hand)",
    ] {
        assert!(
            table.contains(seen),
            "{seen} missing from the audit screen:\n{table}"
        );
    }
    app.click("audit-verify").await?;
    let verdict = app.el("audit-verify-result").await?;
    assert_eq!(verdict.attr("data-intact").await?.as_deref(), Some("true"));
    app.screenshot("security-audit").await?;

    app.click("audit-export").await?;
    app.el("audit-export-result").await?;
    let exported: Vec<_> = std::fs::read_dir(data.join("exports"))?.flatten().collect();
    let csv = std::fs::read_to_string(exported.first().ok_or("no export file")?.path())?;
    assert!(
        csv.contains("idle_lock") && csv.contains("unlock_failed"),
        "{csv}"
    );
    assert!(!csv.contains("Brennan") && !csv.contains(CLINICAL));
    Ok(())
}

/// Edits one audit row behind the app's back, through the core's own connection function with
/// the key from the keyring, as someone with the key and a SQL shell could. Returns its id.
fn tamper_with_one_row(data: &Path) -> Res<i64> {
    let path = data.join("acuchart.db");
    let key = KeyStore::default()
        .load(&path)?
        .ok_or("no key in the keyring")?;
    let conn = db::open(&path, &key, OpenMode::Existing)?;
    let id: i64 = conn.query_row(
        "SELECT min(id) FROM audit_log WHERE action = 'idle_lock'",
        [],
        |r| r.get(0),
    )?;
    conn.execute_batch("DROP TRIGGER audit_log_no_update;")?;
    conn.execute("UPDATE audit_log SET entity_id = '999' WHERE id = ?1", [id])?;
    Ok(id)
}

#[tokio::test]
async fn a_receptionist_is_kept_from_clinical_notes_locked_when_idle_and_audited() -> TestResult {
    let data = tempfile::tempdir()?;
    let note = prepare(data.path())?;
    let app = App::launch(data.path()).await?;
    admin_adds_a_receptionist(&app).await?;
    cli(
        data.path(),
        PASSWORD,
        &["settings", "set", "--idle-lock-seconds", IDLE_SECONDS],
    )?;

    sign_in(&app, "nuala").await?;
    receptionist_has_no_route_to_clinical_content(&app, note).await?;
    idle_lock_keeps_the_form_and_unlocks_with_the_password(&app).await?;

    admin_reviews_the_audit_log(&app, data.path()).await?;
    let changed = tamper_with_one_row(data.path())?;
    app.click("audit-verify").await?;
    let verdict = app
        .wait_for_el_text("audit-verify-result", "tampered with")
        .await?;
    assert!(verdict.contains(&format!("row {changed}")), "{verdict}");
    app.screenshot("security-audit-tampered").await?;
    app.quit().await?;

    let out = std::process::Command::new(
        Path::new(env!("CARGO_BIN_EXE_acuchart")).with_file_name("acuchart-cli"),
    )
    .arg("--db")
    .arg(data.path().join("acuchart.db"))
    .args(["--user", "owner", "audit", "verify"])
    .env("ACUCHART_PASSWORD", PASSWORD)
    .output()?;
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("row {changed} was changed")));
    Ok(())
}
