//! An admin of a new, empty clinic loads the demo clinic from the Patients page and finds a
//! living clinic: thousands of patients, and charts with years of signed visits.

use std::time::Duration;

use crate::harness::{cli, App, TestResult};
use crate::patient_record::sign_in;

const PASSWORD: &str = "clinic-password-2026";

#[tokio::test]
async fn an_admin_fills_an_empty_clinic_with_the_demo_clinic() -> TestResult {
    let data = tempfile::tempdir()?;
    cli(
        data.path(),
        PASSWORD,
        &[
            "init",
            "--clinic-name",
            "Cedar Lane Acupuncture",
            "--time-zone",
            "Europe/London",
            "--admin-username",
            "owner",
            "--admin-name",
            "Clinic Owner",
        ],
    )?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "owner").await?;
    app.wait_for_el_text("patient-empty", "No patients yet")
        .await?;
    app.click("demo-clinic-open").await?;
    app.screenshot("demo-clinic-offer").await?;
    app.click("demo-clinic-load").await?;
    app.el("demo-clinic-progress").await?;

    // Scale 1 takes several seconds in a debug build on two busy cores.
    let mut shown = 0;
    for _ in 0..600 {
        shown = app.all("patient-row").await?.len();
        if shown > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        shown >= 16,
        "the demo patients should be listed, found {shown} rows"
    );
    app.wait_for_text("Demo clinic ready").await?;
    app.wait_for_el_text("patient-count", "50+").await?;
    app.screenshot("demo-clinic-patients").await?;

    // The load was audited and the chain holds.
    let audit: serde_json::Value =
        serde_json::from_str(&cli(data.path(), PASSWORD, &["--json", "audit", "verify"])?)?;
    assert!(audit["first_broken_id"].is_null(), "{audit}");
    assert!(audit["rows_checked"].as_i64() > Some(5), "{audit}");
    app.quit().await?;
    Ok(())
}
