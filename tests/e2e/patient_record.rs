//! The front desk registers a patient, meets the duplicate warning, finds them by phone digits
//! and an accent-less name, and has no medical section; a practitioner does.

use std::path::Path;
use std::process::Command;

use crate::harness::{App, Res, TestResult};

const PASSWORD: &str = "clinic-password-2026";

/// The clinic and its staff made with the real CLI (same keyring, same database path).
fn prepare_clinic(data: &Path) -> TestResult {
    let cli = Path::new(env!("CARGO_BIN_EXE_acuchart")).with_file_name("acuchart-cli");
    let db = data.join("acuchart.db");
    let run = |args: &[&str]| -> TestResult {
        let out = Command::new(&cli)
            .arg("--db")
            .arg(&db)
            .args(["--user", "owner"])
            .args(args)
            .env("ACUCHART_PASSWORD", PASSWORD)
            .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
            .output()
            .map_err(|e| {
                format!("running {cli:?} (build it with cargo build -p acuchart-cli): {e}")
            })?;
        if !out.status.success() {
            return Err(format!(
                "acuchart-cli {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        Ok(())
    };
    run(&[
        "init",
        "--clinic-name",
        "Maple Street Acupuncture",
        "--time-zone",
        "America/Vancouver",
        "--date-format",
        "ymd",
        "--admin-username",
        "owner",
        "--admin-name",
        "Clinic Owner",
    ])?;
    run(&[
        "user",
        "add",
        "--username",
        "desk",
        "--name",
        "Rita Front",
        "--role",
        "receptionist",
    ])?;
    run(&[
        "user",
        "add",
        "--username",
        "doc",
        "--name",
        "Dr. Chen Wu",
        "--role",
        "practitioner",
    ])?;
    Ok(())
}

async fn sign_in(app: &App, user: &str) -> TestResult {
    app.fill("login-username", user).await?;
    app.fill("login-password", PASSWORD).await?;
    app.click("login-submit").await?;
    app.el("current-user").await?;
    Ok(())
}

async fn register(app: &App, given: &str, family: &str, dob: &str, phone: &str) -> TestResult {
    app.click("new-patient").await?;
    app.fill("patient-given-name", given).await?;
    app.fill("patient-family-name", family).await?;
    app.fill("patient-dob", dob).await?;
    app.fill("patient-phone", phone).await?;
    app.click("patient-save").await?;
    Ok(())
}

/// Types into the search box and opens the first result whose text has `needle`.
async fn open_patient(app: &App, search: &str, needle: &str) -> TestResult {
    app.fill("patient-search", search).await?;
    let mut last = String::new();
    for _ in 0..20 {
        let row = find_row(app, needle).await?;
        let cells = row.find_all(fantoccini::Locator::Css("td")).await?;
        let Some(name_cell) = cells.get(1) else {
            return Err("a patient row has no name cell".into());
        };
        match name_cell.click().await {
            Ok(()) => {
                app.el("patient-profile").await?;
                return Ok(());
            }
            Err(e) => last = format!("{e:?}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("opening the row for {needle}: {last}").into())
}

async fn find_row(app: &App, needle: &str) -> Res<fantoccini::elements::Element> {
    for _ in 0..100 {
        for row in app.all("patient-row").await? {
            if row.text().await?.contains(needle) {
                return Ok(row);
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("no patient row shows {needle:?}").into())
}

#[tokio::test]
async fn reception_registers_and_finds_patients_without_clinical_access() -> TestResult {
    let data = tempfile::tempdir()?;
    prepare_clinic(data.path())?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "desk").await?;

    register(&app, "Zoë", "Ångström", "1986-04-12", "(555) 201-3344").await?;
    app.wait_for_text("Registered").await?;
    // The same person typed again, without accents: warned before anything is saved.
    register(&app, "Zoe", "Angstrom", "1986-04-12", "").await?;
    let warning = app.el("duplicate-warning").await?.text().await?;
    assert!(
        warning.contains("Ångström"),
        "the warning names the existing record: {warning:?}"
    );
    app.el("duplicate-register-anyway").await?;
    app.click("duplicate-open").await?;
    app.el("patient-profile").await?;
    app.click("profile-back").await?;

    // Found by phone digits typed without punctuation, and by the name without accents.
    app.fill("patient-search", "5552013344").await?;
    find_row(&app, "Ångström").await?;
    open_patient(&app, "zoe angst", "Ångström").await?;
    app.el("tab-details").await?;
    assert!(
        app.all("tab-medical").await?.is_empty(),
        "reception must not see the medical tab"
    );
    app.screenshot("profile-receptionist").await?;
    app.click("logout").await?;

    // A practitioner sees and writes the medical section and sets a safety flag.
    sign_in(&app, "doc").await?;
    open_patient(&app, "angstrom", "Ångström").await?;
    app.click("tab-medical").await?;
    app.click("medical-edit").await?;
    app.fill("medical-medications", "Apixaban 5 mg twice daily")
        .await?;
    app.click("medical-save").await?;
    app.wait_for_text("Apixaban 5 mg twice daily").await?;
    app.click("safety-edit").await?;
    app.click("safety-anticoagulants").await?;
    app.click("safety-save").await?;
    app.el("safety-badge-anticoagulants").await?;
    app.screenshot("profile-practitioner").await?;
    app.quit().await?;
    Ok(())
}
