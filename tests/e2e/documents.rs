//! A practitioner makes a treatment summary for a patient with signed notes in the real app:
//! the dialog offers this course of care, the PDF is previewed inside the app (pdf.js under the
//! app's CSP), it is listed on the patient's Documents tab with who made it, and Save as…
//! writes a real PDF (pdftotext finds the patient and the points' pinyin). The front desk sees
//! no summary button and the core refuses it one.

use std::path::Path;
use std::process::Command;

use serde_json::json;

use crate::charting::{prepare_clinic, seed_history, PASSWORD};
use crate::harness::{cli_as, App, Res, TestResult};
use crate::patient_record::{open_patient, sign_in};

/// Waits until the preview has drawn its first page, and returns how many canvases it has and
/// whether the first one has ink on it (not a blank white page).
async fn wait_for_preview(app: &App) -> Res<(u64, bool)> {
    for _ in 0..200 {
        let state = app
            .client
            .execute(
                "const box = document.querySelector('[data-testid=\"pdf-pages\"]');
                 if (!box) return null;
                 const canvases = box.querySelectorAll('canvas');
                 if (box.dataset.state !== 'ready' || canvases.length === 0) return box.dataset.state;
                 const c = canvases[0];
                 const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let ink = 0;
                 for (let i = 0; i < px.length; i += 4) if (px[i] < 128) ink++;
                 return { pages: canvases.length, ink: ink > 1000 };",
                vec![],
            )
            .await?;
        if state == json!("failed") {
            let text = app.el("pdf-preview").await?.text().await?;
            return Err(format!("the preview failed: {text}").into());
        }
        if let (Some(pages), Some(ink)) = (state["pages"].as_u64(), state["ink"].as_bool()) {
            return Ok((pages, ink));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err("the PDF preview never drew a page".into())
}

/// A 30-minute visit today with electro-acupuncture, charted and signed by Dr. Chen Wu.
fn sign_a_visit_today(data: &std::path::Path) -> TestResult {
    let today = chrono::Utc::now().date_naive().to_string();
    let note: serde_json::Value = serde_json::from_str(&cli_as(
        data,
        "doc",
        PASSWORD,
        &[
            "--json",
            "note",
            "start",
            "--patient",
            "1",
            "--date",
            &today,
        ],
    )?)?;
    let id = note["id"].to_string();
    let draft = json!({
        "content": {"chief_complaint": "Left sciatica, review", "pain_now": 5, "needles_inserted": 4, "needles_removed": 4, "face_to_face_minutes": 30},
        "points": [{"code": "GB30", "side": "left"}, {"code": "BL40", "side": "left"}],
        "diagnoses": [{"code": "M54.32"}]
    });
    let file = data.join("today.json");
    std::fs::write(&file, draft.to_string())?;
    cli_as(
        data,
        "doc",
        PASSWORD,
        &["note", "save", &id, "--file", &file.to_string_lossy()],
    )?;
    cli_as(data, "doc", PASSWORD, &["note", "sign", &id])?;
    Ok(())
}

/// Closes every open dialog (the preview) with its close button.
pub(crate) async fn close_dialogs(app: &App) -> TestResult {
    app.client
        .execute(
            "document.querySelectorAll('.mantine-Modal-close').forEach((b) => b.click());",
            vec![],
        )
        .await?;
    Ok(())
}

/// Save as…, as the button does once the native dialog has returned `path`; returns the
/// saved PDF's text (pdftotext) with its whitespace collapsed.
pub(crate) async fn save_and_read(app: &App, document_id: i64, path: &Path) -> Res<String> {
    let saved = app
        .invoke(
            "save_document_pdf",
            json!({ "documentId": document_id, "path": path.to_string_lossy() }),
        )
        .await?;
    assert!(saved.get("ok").is_some(), "{saved}");
    assert!(std::fs::read(path)?.starts_with(b"%PDF-"), "not a PDF");
    let out = Command::new("pdftotext").arg(path).arg("-").output()?;
    if !out.status.success() {
        return Err(format!("pdftotext: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" "))
}

#[tokio::test]
async fn a_practitioner_makes_a_treatment_summary_previews_it_and_finds_it_in_documents(
) -> TestResult {
    let data = tempfile::tempdir()?;
    prepare_clinic(data.path())?;
    seed_history(data.path())?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "doc").await?;
    open_patient(&app, "okafor", "Okafor").await?;
    app.click("tab-documents").await?;
    app.el("documents-empty").await?;

    app.click("new-summary").await?;
    app.wait_for_el_text("summary-period-text", "2 visits")
        .await?;
    app.screenshot("documents-summary-dialog").await?;
    app.click("summary-generate").await?;
    let (pages, ink) = wait_for_preview(&app).await?;
    assert!(pages >= 1 && ink, "pages {pages}, ink {ink}");
    app.screenshot("documents-preview").await?;
    close_dialogs(&app).await?;

    let row = app
        .wait_for_el_text("documents-table", "Treatment summary")
        .await?;
    assert!(row.contains("Dr. Chen Wu"), "who made it: {row}");
    let rows = app.all("document-row").await?;
    assert_eq!(rows.len(), 1);
    let id: i64 = rows[0]
        .attr("data-document-id")
        .await?
        .ok_or("no document id")?
        .parse()?;
    for _ in 0..50 {
        if app.all("pdf-pages").await?.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("documents-tab").await?;

    // Save as…: what the button sends once the native dialog has returned a path.
    // Saved outside the data folder: the core refuses to write a file into the clinic's data.
    let saved = tempfile::tempdir()?;
    let out = saved.path().join("Okafor summary.pdf");
    let flat = save_and_read(&app, id, &out).await?;
    assert!(flat.contains("Ngozi Okafor"), "{flat}");
    assert!(flat.contains("BL40 Weizhong"), "{flat}");
    assert!(flat.contains("GB30 Huantiao"), "{flat}");
    // Save as… can never name the clinic's own data: the core refuses and the database stays.
    let db = data.path().join("acuchart.db");
    let refused = app
        .invoke(
            "save_document_pdf",
            json!({ "documentId": id, "path": db.to_string_lossy() }),
        )
        .await?;
    assert_eq!(refused["err"]["code"], "invalid_input", "{refused}");
    assert!(
        !std::fs::read(&db)?.starts_with(b"%PDF"),
        "the database was replaced"
    );
    app.click("logout").await?;

    // The front desk: the list, but no summary button, and the core says no.
    sign_in(&app, "desk").await?;
    open_patient(&app, "okafor", "Okafor").await?;
    app.click("tab-documents").await?;
    app.wait_for_el_text("documents-table", "Clinical staff only")
        .await?;
    assert!(app.all("new-summary").await?.is_empty());
    app.el("new-superbill").await?;
    let refused = app
        .invoke(
            "generate_treatment_summary",
            json!({ "request": { "patient_id": 1 } }),
        )
        .await?;
    assert_eq!(refused["err"]["code"], "permission_denied", "{refused}");

    // …but it prints today's receipt (a visit charted and signed meanwhile), with what the
    // patient paid.
    sign_a_visit_today(data.path())?;
    app.click("new-superbill").await?;
    app.fill("superbill-paid", "95").await?;
    app.click("superbill-generate").await?;
    let (_, ink) = wait_for_preview(&app).await?;
    assert!(ink, "the superbill preview is blank");
    app.screenshot("documents-superbill-preview").await?;
    close_dialogs(&app).await?;
    app.wait_for_el_text("documents-table", "Superbill").await?;
    let bill = app
        .all("document-row")
        .await?
        .into_iter()
        .next()
        .ok_or("no rows")?;
    assert_eq!(bill.attr("data-kind").await?.as_deref(), Some("superbill"));
    let bill_id: i64 = bill
        .attr("data-document-id")
        .await?
        .ok_or("no document id")?
        .parse()?;
    let saved = tempfile::tempdir()?;
    let receipt = saved.path().join("receipt.pdf");
    let flat = save_and_read(&app, bill_id, &receipt).await?;
    assert!(flat.contains("97810") && flat.contains("M54.32"), "{flat}");
    assert!(
        flat.contains("$95.00"),
        "the payment is on the receipt: {flat}"
    );

    // The day sheet from the schedule.
    app.click("nav-schedule").await?;
    app.click("schedule-day-sheet").await?;
    let (pages, _) = wait_for_preview(&app).await?;
    assert!(pages >= 1);
    app.wait_for_el_text("pdf-preview", "Day sheet").await?;
    app.quit().await
}
