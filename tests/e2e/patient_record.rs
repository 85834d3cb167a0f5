//! The front desk registers a patient, meets the duplicate warning, finds them by phone digits
//! and an accent-less name, and has no medical section; a practitioner does.

use std::path::Path;

use crate::harness::{cli, App, Res, TestResult};

const PASSWORD: &str = "clinic-password-2026";

/// The clinic and its staff made with the real CLI (same keyring, same database path).
fn prepare_clinic(data: &Path) -> TestResult {
    cli(
        data,
        PASSWORD,
        &[
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
        ],
    )?;
    cli(
        data,
        PASSWORD,
        &[
            "user",
            "add",
            "--username",
            "desk",
            "--name",
            "Rita Front",
            "--role",
            "receptionist",
        ],
    )?;
    cli(
        data,
        PASSWORD,
        &[
            "user",
            "add",
            "--username",
            "doc",
            "--name",
            "Dr. Chen Wu",
            "--role",
            "practitioner",
        ],
    )?;
    Ok(())
}

pub async fn sign_in(app: &App, user: &str) -> TestResult {
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
pub async fn open_patient(app: &App, search: &str, needle: &str) -> TestResult {
    app.fill("patient-search", search).await?;
    let mut last = String::new();
    for _ in 0..20 {
        let row = find_row(app, needle).await?;
        let Ok(cells) = row.find_all(fantoccini::Locator::Css("td")).await else {
            continue;
        };
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

/// The list re-renders while results arrive, so a row read a moment ago may be gone
/// (stale): such errors mean "look again", not failure.
async fn find_row(app: &App, needle: &str) -> Res<fantoccini::elements::Element> {
    for _ in 0..200 {
        for row in app.all("patient-row").await.unwrap_or_default() {
            if row.text().await.is_ok_and(|t| t.contains(needle)) {
                return Ok(row);
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let typed = app.el("patient-search").await?.prop("value").await?;
    let mut shown = Vec::new();
    for row in app.all("patient-row").await.unwrap_or_default() {
        shown.push(row.text().await.unwrap_or_default());
    }
    Err(format!("no patient row shows {needle:?}; search box {typed:?}, rows {shown:?}").into())
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
    // Waits for the text: the warning's frame can be on screen a moment before its rows.
    let warning = app
        .wait_for_el_text("duplicate-warning", "Ångström")
        .await?;
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
