//! An admin adds a receptionist in the app; the receptionist signs in and has neither the
//! Staff page nor the medical tab; the audit chain stays intact.

use crate::harness::{cli, App, TestResult};
use crate::patient_record::sign_in;

const PASSWORD: &str = "clinic-password-2026";

#[tokio::test]
async fn an_admin_adds_a_receptionist_who_sees_no_clinical_content() -> TestResult {
    let data = tempfile::tempdir()?;
    cli(
        data.path(),
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
        data.path(),
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

    let app = App::launch(data.path()).await?;
    sign_in(&app, "owner").await?;
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
    app.screenshot("staff").await?;
    app.click("logout").await?;

    sign_in(&app, "nuala").await?;
    assert!(
        app.all("nav-staff").await?.is_empty(),
        "reception must not see the Staff page"
    );
    let row = app.el("patient-row").await?;
    row.find(fantoccini::Locator::Css("td:nth-child(2)"))
        .await?
        .click()
        .await?;
    app.el("tab-details").await?;
    assert!(app.all("tab-medical").await?.is_empty());
    app.quit().await?;

    let verify = cli(data.path(), PASSWORD, &["--json", "audit", "verify"])?;
    let v: serde_json::Value = serde_json::from_str(&verify)?;
    assert_eq!(v["first_broken_id"], serde_json::Value::Null, "{verify}");
    Ok(())
}
