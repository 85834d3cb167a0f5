//! The letterhead's logo and condition handouts in the real app: the admin chooses a logo in
//! Settings → Documents (the native dialog answered by a test hook), a practitioner writes a
//! handout on the Handouts page and appends it to a patient's treatment summary; the saved PDF
//! has the handout's text after the summary and the logo on its first page.

use std::path::Path;
use std::process::Command;

use fantoccini::Locator;

use crate::charting::{prepare_clinic, seed_history};
use crate::documents::{close_dialogs, save_and_read};
use crate::harness::{App, TestResult};
use crate::patient_record::{open_patient, sign_in};

#[tokio::test]
async fn a_handout_written_in_the_app_follows_the_summary_under_the_clinic_logo() -> TestResult {
    let data = tempfile::tempdir()?;
    prepare_clinic(data.path())?;
    seed_history(data.path())?;
    let logo = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/icons/128x128.png");
    let app = App::launch_with_env(data.path(), &[("ACUCHART_TEST_PICK_LOGO", &logo)]).await?;

    sign_in(&app, "owner").await?;
    app.click("nav-settings").await?;
    app.click("settings-tab-documents").await?;
    app.el("logo-card").await?;
    app.wait_for_el_text("logo-card", "No logo").await?;
    app.click("logo-choose").await?;
    app.wait_for_el_text("logo-size", "128 × 128").await?;
    app.el("logo-image").await?;
    app.client
        .execute(
            "document.querySelector('[data-testid=\"logo-card\"]').scrollIntoView();",
            vec![],
        )
        .await?;
    app.screenshot("handouts-settings-logo").await?;
    app.click("logout").await?;

    sign_in(&app, "doc").await?;
    app.click("nav-handouts").await?;
    app.wait_for_el_text("handout-list", "Acupuncture for sciatica")
        .await?;
    app.click("handout-new").await?;
    app.fill("handout-title", "Acupuncture for neck pain")
        .await?;
    app.fill("handout-condition", "Neck pain").await?;
    // Enter (U+E007 in WebDriver) for each line break, as a person types them.
    app.fill(
        "handout-body",
        "# Home care\u{E007}- Turn the head gently side to side each hour.\u{E007}- Keep the neck warm.",
    )
    .await?;
    let preview = app
        .wait_for_el_text("handout-preview", "Keep the neck warm.")
        .await?;
    let bullets = app
        .el("handout-preview")
        .await?
        .find_all(Locator::Css("li"))
        .await?;
    assert_eq!(
        bullets.len(),
        2,
        "two bullets under the heading: {preview:?}"
    );
    app.screenshot("handouts-editor").await?;
    app.click("handout-save").await?;
    app.wait_for_el_text("handout-list", "Acupuncture for neck pain")
        .await?;
    app.screenshot("handouts-page").await?;

    app.click("nav-patients").await?;
    open_patient(&app, "okafor", "Okafor").await?;
    app.click("tab-documents").await?;
    app.click("new-summary").await?;
    app.wait_for_el_text("summary-period-text", "2 visits")
        .await?;
    app.click("summary-handouts").await?;
    let option = app
        .client
        .wait()
        .for_element(Locator::XPath(
            "//*[@role='option'][contains(., 'Acupuncture for neck pain')]",
        ))
        .await?;
    option.click().await?;
    // A multi-select keeps its list open for more choices: Escape closes it.
    app.el("summary-handouts")
        .await?
        .send_keys("\u{E00C}")
        .await?;
    app.screenshot("handouts-summary-dialog").await?;
    app.click("summary-generate").await?;
    app.el("pdf-pages").await?;
    close_dialogs(&app).await?;
    app.wait_for_el_text("documents-table", "Treatment summary")
        .await?;
    let id: i64 = app.all("document-row").await?[0]
        .attr("data-document-id")
        .await?
        .ok_or("no document id")?
        .parse()?;

    let saved = tempfile::tempdir()?;
    let out = saved.path().join("summary with handout.pdf");
    let flat = save_and_read(&app, id, &out).await?;
    let summary_end = flat.find("BL40 Weizhong").ok_or("the visits are printed")?;
    let handout = flat
        .find("Acupuncture for neck pain")
        .ok_or_else(|| format!("the handout is printed: {flat}"))?;
    assert!(summary_end < handout, "the handout follows the summary");
    assert!(
        flat.contains("Turn the head gently side to side each hour."),
        "{flat}"
    );
    let images = String::from_utf8(
        Command::new("pdfimages")
            .arg("-list")
            .arg(&out)
            .output()?
            .stdout,
    )?;
    assert!(
        images
            .lines()
            .skip(2)
            .any(|l| l.split_whitespace().take(5).collect::<Vec<_>>()[..]
                == ["1", "0", "image", "128", "128"]),
        "the logo is on page 1: {images}"
    );
    app.quit().await
}
