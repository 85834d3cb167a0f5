//! Settings → Import and export in the real app: an admin imports a messy CSV of patients
//! through the wizard (how it was read, the mapping, a row's problem in the dry run, a
//! duplicate merged into the existing record), then finds the new patients in the list; and
//! exports the clinic as CSV files and a FHIR bundle.
//!
//! The native GTK file dialog cannot be driven through WebDriver, so the test names the file
//! with the app's test hook (`ACUCHART_TEST_PICK_FILE`); everything after the pick is the real
//! wizard, the real IPC and the real encrypted database.

use std::time::Duration;

use fantoccini::Locator;

use crate::harness::{cli, App, TestResult};
use crate::patient_record::sign_in;

const PASSWORD: &str = "clinic-password-2026";

/// UTF-8 with a byte-order mark, semicolons, Windows line ends, quoted commas, a blank line,
/// an impossible date (line 3) and the same person as an existing patient (line 5).
const MESSY: &str = "\u{feff}Patient ID;First Name;Surname;DOB;Mobile;Address\r\n\
P-101;Juniper;Ashcombe;14/03/1982;07700 900123;\"12 Mill Lane, Hove\"\r\n\
P-102;Bo;Park;31/02/1980;07700 900124;\r\n\
\r\n\
P-103;Eloise;Brightwater;21/05/1979;07700 900126;\r\n\
P-104;Tobias;Wren-Ellery;02/11/1990;07700 900125;\"Flat 2, 9 Quay St\"\r\n";

#[tokio::test]
async fn an_admin_imports_a_messy_csv_through_the_wizard_and_exports_the_clinic() -> TestResult {
    let data = tempfile::tempdir()?;
    cli(
        data.path(),
        PASSWORD,
        &[
            "init",
            "--clinic-name",
            "Larch House Acupuncture",
            "--time-zone",
            "Europe/London",
            "--admin-username",
            "owner",
            "--admin-name",
            "Clinic Owner",
        ],
    )?;
    cli(
        data.path(),
        PASSWORD,
        &[
            "patient",
            "add",
            "--given",
            "Eloise",
            "--family",
            "Brightwater",
            "--dob",
            "1979-05-21",
        ],
    )?;
    let file = data.path().join("old-system-patients.csv");
    std::fs::write(&file, MESSY)?;

    let app = App::launch_with_env(data.path(), &[("ACUCHART_TEST_PICK_FILE", &file)]).await?;
    sign_in(&app, "owner").await?;
    app.click("nav-settings").await?;
    app.click("settings-tab-data").await?;
    app.el("import-wizard").await?;
    app.screenshot("import-1-file").await?;
    app.click("import-choose-file").await?;

    // How the file was read, and the proposed mapping.
    app.wait_for_el_text("import-encoding", "UTF-8 with byte-order mark")
        .await?;
    let delimiter = app
        .el("import-delimiter")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert_eq!(delimiter, "Semicolon ( ; )");
    app.wait_for_el_text("import-date-note", "day").await?;
    let dob_field = app
        .el("import-field-3")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert_eq!(dob_field, "Date of birth");
    app.screenshot("import-2-columns").await?;

    // The dry run: the impossible date by line and column, and the duplicate.
    app.click("import-to-check").await?;
    let problems = app.wait_for_el_text("import-problems", "DOB").await?;
    assert!(problems.contains('3'), "{problems}");
    app.wait_for_el_text("import-count-problems", "1 row with problems")
        .await?;
    app.wait_for_el_text("import-duplicates", "Eloise Brightwater")
        .await?;
    app.wait_for_el_text("import-count-new", "2 to import")
        .await?;
    assert!(
        app.el("import-run")
            .await?
            .attr("disabled")
            .await?
            .is_some(),
        "the import must wait while a row has a problem"
    );
    let merge = app
        .el("import-duplicate-action-5")
        .await?
        .find(Locator::XPath(".//label[contains(., 'Merge')]"))
        .await?;
    merge.click().await?;
    app.wait_for_el_text("import-count-merge", "1 to merge")
        .await?;
    app.click("import-skip-invalid").await?;
    wait_enabled(&app, "import-run").await?;
    app.screenshot("import-3-check").await?;

    app.click("import-run").await?;
    app.wait_for_el_text("import-done-imported", "2").await?;
    app.wait_for_el_text("import-done-merged", "1").await?;
    app.wait_for_el_text("import-done-left-out", "1").await?;
    app.screenshot("import-4-done").await?;

    // The imported patient is in the list; the merged one kept one record with the new phone.
    app.click("nav-patients").await?;
    app.fill("patient-search", "Ashcombe").await?;
    let mut found = false;
    for _ in 0..50 {
        for row in app.all("patient-row").await.unwrap_or_default() {
            if row.text().await.unwrap_or_default().contains("Juniper") {
                found = true;
            }
        }
        if found {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(found, "Juniper Ashcombe should be listed after the import");
    app.screenshot("import-5-patient-list").await?;
    let merged: serde_json::Value = serde_json::from_str(&cli(
        data.path(),
        PASSWORD,
        &["--json", "patient", "search", "Brightwater"],
    )?)?;
    assert_eq!(merged.as_array().map(Vec::len), Some(1), "{merged}");

    // Exports: CSV files and a FHIR bundle in the export folder, both audited.
    app.click("nav-settings").await?;
    app.click("settings-tab-data").await?;
    app.click("export-csv").await?;
    app.wait_for_el_text("export-done", "3 patients").await?;
    app.click("export-fhir").await?;
    let done = app.wait_for_el_text("export-done", ".json").await?;
    app.screenshot("export-done").await?;
    assert!(done.contains("3 patients"), "{done}");
    let mut written = Vec::new();
    crate::harness::files_under(&data.path().join("exports"), &mut written);
    assert!(
        written.iter().any(|p| p.ends_with("patients.csv")),
        "{written:?}"
    );
    assert!(
        written
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "json")),
        "{written:?}"
    );
    let audit = cli(data.path(), PASSWORD, &["--json", "audit", "list"])?;
    assert!(audit.contains("\"import\""), "the import is audited");
    assert!(audit.contains("\"export\""), "the exports are audited");
    app.quit().await?;
    Ok(())
}

async fn wait_enabled(app: &App, test_id: &str) -> TestResult {
    for _ in 0..50 {
        if app.el(test_id).await?.attr("disabled").await?.is_none() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{test_id} stayed disabled").into())
}
