//! A practitioner charts today's appointment in the real app: pain down the back of the leg on
//! the body map, the suggested Bladder-channel protocol, a point typed in pinyin, signing
//! refused while the needle counts differ, then signed, and afterwards only addenda. The front
//! desk has no way to any note.

use std::path::Path;

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::vault::Vault;
use fantoccini::key::Key;
use serde_json::{json, Value};

use crate::harness::{cli, cli_as, App, Res, TestResult};
use crate::patient_record::{open_patient, sign_in};

pub(crate) const PASSWORD: &str = "clinic-password-2026";

pub(crate) fn prepare_clinic(data: &Path) -> TestResult {
    cli(
        data,
        PASSWORD,
        &[
            "init",
            "--clinic-name",
            "Harbour Acupuncture",
            "--time-zone",
            "UTC",
            "--date-format",
            "ymd",
            "--admin-username",
            "owner",
            "--admin-name",
            "Clinic Owner",
        ],
    )?;
    for (user, name, role) in [
        ("doc", "Dr. Chen Wu", "practitioner"),
        ("desk", "Rita Front", "receptionist"),
    ] {
        cli(
            data,
            PASSWORD,
            &[
                "user",
                "add",
                "--username",
                user,
                "--name",
                name,
                "--role",
                role,
            ],
        )?;
    }
    cli(
        data,
        PASSWORD,
        &[
            "patient",
            "add",
            "--given",
            "Ngozi",
            "--family",
            "Okafor",
            "--dob",
            "1979-05-21",
        ],
    )?;
    cli_as(
        data,
        "doc",
        PASSWORD,
        &[
            "patient",
            "medical",
            "1",
            "--set",
            "allergies=Latex; sticking plasters",
            "--set",
            "medications=Warfarin 5 mg daily",
        ],
    )?;
    Ok(())
}

/// Two earlier signed visits, so that the history has a trend and the header a last visit.
pub(crate) fn seed_history(data: &Path) -> TestResult {
    let path = data.join("acuchart.db");
    let key = KeyStore::default()
        .load(&path)?
        .ok_or("no key in the keyring")?;
    let conn = db::open(&path, &key, OpenMode::Existing)?;
    for (days, pain, sitting) in [(14, 8, 2), (7, 7, 4)] {
        let date: String =
            conn.query_row(&format!("SELECT date('now', '-{days} days')"), (), |r| {
                r.get(0)
            })?;
        let note: Value = serde_json::from_str(&cli_as(
            data,
            "doc",
            PASSWORD,
            &["--json", "note", "start", "--patient", "1", "--date", &date],
        )?)?;
        let id = note["id"].to_string();
        let draft = serde_json::json!({
            "content": {
                "chief_complaint": "Left sciatica after lifting",
                "pain_now": pain,
                "tcm_pattern": "Qi and Blood stagnation in the Bladder channel",
                "needles_inserted": 8, "needles_removed": 8, "face_to_face_minutes": 40,
                "home_advice": "Heat and short walks"
            },
            "points": [
                {"code": "GB30", "side": "left"}, {"code": "BL40", "side": "left"},
                {"code": "BL57", "side": "left"}, {"code": "BL60", "side": "left"},
                {"code": "EX-B2", "side": "bilateral"}, {"code": "BL25", "side": "bilateral"}
            ],
            "pain_regions": [{"region": "thigh_back", "side": "left"}],
            "diagnoses": [{"code": "M54.32"}],
            "psfs": [{"activity": "Sitting 30 minutes", "score": sitting}]
        });
        let file = data.join(format!("draft-{days}.json"));
        std::fs::write(&file, draft.to_string())?;
        let file = file.to_string_lossy().into_owned();
        cli_as(
            data,
            "doc",
            PASSWORD,
            &["note", "save", &id, "--file", &file],
        )?;
        cli_as(data, "doc", PASSWORD, &["note", "sign", &id])?;
    }
    Ok(())
}

/// A core input type from JSON, as the UI sends it.
fn input<T: serde::de::DeserializeOwned>(v: Value) -> Res<T> {
    Ok(serde_json::from_value(v)?)
}

/// Books today's appointment for patient 1 with the practitioner `doc` through the scheduling
/// core, as the front desk would, and checks the patient in.
fn book_today(data: &Path) -> Res<i64> {
    let vault = Vault::new(data.join("acuchart.db"), KeyStore::default());
    let clinic = vault.open()?;
    let owner = clinic.login("owner", PASSWORD)?;
    let doc = clinic
        .list_users(&owner)?
        .into_iter()
        .find(|u| u.username == "doc")
        .ok_or("no user doc")?
        .id;
    clinic.save_practitioner(
        &owner,
        &input(json!({ "user_id": doc, "colour": "#2f6f9f" }))?,
    )?;
    clinic.save_room(&owner, &input(json!({ "name": "Room 1" }))?)?;
    let kind = clinic.save_appointment_type(
        &owner,
        &input(json!({ "name": "Follow-up", "duration_minutes": 45, "colour": "#2f9e44", "needs_room": true }))?,
    )?;
    // The clinic's zone is UTC, so the current UTC minute is today's local time.
    let now = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%M"])
        .output()?;
    let now = String::from_utf8(now.stdout)?.trim().to_owned();
    let booked = clinic.book_appointment(
        &owner,
        &input(json!({
            "patient_id": 1,
            "practitioner_id": doc,
            "type_id": kind.id,
            "starts_at": now,
            "override_reason": "Fitted in today (test clinic has no working hours)"
        }))?,
    )?;
    let id = booked.appointments.first().ok_or("nothing booked")?.id;
    Ok(id.0)
}

async fn wait_saved(app: &App) -> TestResult {
    for _ in 0..100 {
        let state = app.el("save-state").await?.attr("data-state").await?;
        if state.as_deref() == Some("saved") {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let tip = app.el("save-state").await?.text().await?;
    Err(format!("the draft never saved: {tip}").into())
}

/// Waits until `n` elements have a test id starting with `prefix` (a list reloads after a
/// note closes).
async fn wait_rows(app: &App, prefix: &str, n: usize) -> TestResult {
    let mut seen = 0;
    for _ in 0..100 {
        seen = count_rows(app, prefix).await?;
        if seen == n {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    Err(format!("expected {n} {prefix}* rows, saw {seen}").into())
}

async fn count_rows(app: &App, prefix: &str) -> Res<usize> {
    Ok(app
        .client
        .find_all(fantoccini::Locator::Css(&format!(
            "[data-testid^=\"{prefix}\"]"
        )))
        .await?
        .len())
}

#[tokio::test]
async fn a_practitioner_charts_todays_appointment_and_signs_it() -> TestResult {
    let data = tempfile::tempdir()?;
    prepare_clinic(data.path())?;
    seed_history(data.path())?;
    let appointment = book_today(data.path())?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "doc").await?;

    app.click("nav-today").await?;
    app.wait_for_el_text(&format!("today-appointment-{appointment}"), "Okafor")
        .await?;
    app.screenshot("charting-today").await?;
    app.click(&format!("today-chart-{appointment}")).await?;
    app.wait_for_el_text("chart-patient-name", "Ngozi Okafor")
        .await?;
    app.wait_for_el_text("last-visit", "BL40").await?;
    // Allergies and medications beside the safety badges, where the points are chosen.
    app.wait_for_el_text("chart-allergies", "Latex; sticking plasters")
        .await?;
    app.wait_for_el_text("chart-medications", "Warfarin 5 mg daily")
        .await?;

    app.fill(
        "field-chief_complaint",
        "Pain down the back of the left leg since lifting",
    )
    .await?;
    app.fill("field-pain_now", "6").await?;
    app.click("bodymap-thigh_back-left").await?;
    app.click("bodymap-calf-left").await?;
    app.wait_for_el_text("pain-regions", "Calf (left)").await?;

    // The body map suggests the Bladder-channel protocol; the practitioner accepts it.
    let banner = app
        .wait_for_el_text("protocol-suggestion-sciatica-bladder", "Bladder")
        .await?;
    assert!(banner.contains("back of the leg"), "{banner}");
    app.click("protocol-suggestion-apply").await?;
    app.el("point-row-BL40").await?;
    app.el("point-row-GB30").await?;

    // A point typed by its pinyin.
    app.fill("point-entry", "zusanli").await?;
    app.el("point-option-ST36").await?;
    app.el("point-entry")
        .await?
        .send_keys(&Key::Enter.to_string())
        .await?;
    app.el("point-row-ST36").await?;
    let points = count_rows(&app, "point-row-").await?;
    assert_eq!(points, 9, "eight protocol points and ST36");

    app.fill("field-needles_inserted", "12").await?;
    app.fill("field-needles_removed", "11").await?;
    wait_saved(&app).await?;
    app.screenshot("charting-draft").await?;

    // Signing is refused while the counts differ, with a message saying what to do.
    app.click("sign-open").await?;
    app.click("sign-confirm").await?;
    let refusal = app
        .wait_for_el_text("sign-dialog", "does not match")
        .await?;
    assert!(refusal.contains("Needles removed (11)"), "{refusal}");
    app.screenshot("charting-sign-refused").await?;
    app.fill("sign-needles-removed", "12").await?;
    app.click("sign-confirm").await?;
    app.wait_for_el_text("note-signed", "Signed").await?;

    // Signed: read-only, only an addendum can be added.
    assert!(
        app.all("point-entry").await?.is_empty(),
        "no point entry on a signed note"
    );
    assert!(app.all("field-chief_complaint").await?.is_empty());
    assert!(app.all("sign-open").await?.is_empty());
    app.wait_for_el_text("signed-points", "Zusanli").await?;
    app.fill(
        "addendum-text",
        "Phoned next day: pain 3/10, walking further.",
    )
    .await?;
    app.click("addendum-add").await?;
    app.wait_for_el_text("addenda", "walking further").await?;
    app.screenshot("charting-signed").await?;

    let shown: Value = serde_json::from_str(&cli_as(
        data.path(),
        "doc",
        PASSWORD,
        &["--json", "note", "show", "3"],
    )?)?;
    assert_eq!(shown["status"], "signed");
    assert_eq!(shown["draft"]["content"]["needles_removed"], 12);
    assert_eq!(shown["addenda"][0]["author"], "Dr. Chen Wu");

    // The visit history on the patient, with the trend once there are two visits.
    app.click("chart-back").await?;
    app.wait_for_el_text(&format!("today-appointment-{appointment}"), "Signed")
        .await?;
    app.click("nav-patients").await?;
    open_patient(&app, "okafor", "Okafor").await?;
    app.click("tab-visits").await?;
    app.wait_for_el_text("visit-history", "BL40").await?;
    // Each functional-scale activity is its own line, named in the legend (not an average).
    app.wait_for_el_text("outcome-chart", "PSFS: Sitting 30 minutes")
        .await?;
    wait_rows(&app, "visit-row-", 3).await?;
    app.screenshot("charting-visit-history").await?;
    // A draft with a misspelt field is refused naming it, never saved as an empty draft.
    for (draft, field) in [
        (json!({ "contnet": { "chief_complaint": "x" } }), "contnet"),
        (
            json!({ "content": { "chef_complaint": "x" } }),
            "chef_complaint",
        ),
    ] {
        let refused = app
            .invoke(
                "save_visit_note",
                json!({ "id": 1, "revision": 1, "draft": draft }),
            )
            .await?;
        assert!(refused["err"].to_string().contains(field), "{refused}");
    }
    app.click("logout").await?;

    // The front desk: no Today, no Protocols, no Visits tab, and the core refuses a note.
    sign_in(&app, "desk").await?;
    assert!(app.all("nav-today").await?.is_empty());
    assert!(app.all("nav-protocols").await?.is_empty());
    open_patient(&app, "okafor", "Okafor").await?;
    assert!(app.all("tab-visits").await?.is_empty());
    let answer = app
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             window.__TAURI_INTERNALS__.invoke('get_visit_note', { id: 1 })
               .then(() => done('opened'), (e) => done(e.code || String(e)));",
            vec![],
        )
        .await?;
    assert_eq!(answer, "permission_denied");
    app.quit().await?;
    Ok(())
}

/// A follow-up visit charted from the patient's Visits tab in a handful of actions: new note,
/// copy last treatment, today's pain, the needle count, sign.
#[tokio::test]
async fn a_follow_up_is_charted_by_copying_the_last_treatment() -> TestResult {
    let data = tempfile::tempdir()?;
    prepare_clinic(data.path())?;
    seed_history(data.path())?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "doc").await?;

    app.click("nav-patients").await?;
    open_patient(&app, "okafor", "Okafor").await?;
    app.click("tab-visits").await?;
    app.click("visit-new").await?;
    app.wait_for_el_text("last-visit", "BL40").await?;
    app.click("copy-last").await?;
    app.el("point-row-BL40").await?;
    assert_eq!(count_rows(&app, "point-row-").await?, 6);
    let complaint = app.el("field-chief_complaint").await?.prop("value").await?;
    assert_eq!(complaint.as_deref(), Some("Left sciatica after lifting"));
    let pain = app.el("field-pain_now").await?.prop("value").await?;
    assert_eq!(pain.as_deref(), Some(""), "today's pain is asked again");
    app.fill("field-pain_now", "5").await?;
    app.fill("field-needles_inserted", "8").await?;
    app.fill("field-needles_removed", "8").await?;
    wait_saved(&app).await?;
    app.screenshot("charting-follow-up").await?;
    app.click("sign-open").await?;
    app.click("sign-confirm").await?;
    app.wait_for_el_text("note-signed", "Signed").await?;

    app.click("chart-back").await?;
    app.wait_for_el_text("visit-history", "Signed").await?;
    wait_rows(&app, "visit-row-", 3).await?;
    // Protocols: the starters, and a copy of one as the practitioner's own.
    app.click("nav-protocols").await?;
    app.wait_for_el_text("protocol-list", "Sciatica — back of the leg")
        .await?;
    app.click("protocol-copy-1").await?;
    app.wait_for_el_text("protocol-list", "(my copy)").await?;
    app.screenshot("charting-protocols").await?;
    app.quit().await?;
    Ok(())
}

/// A pregnancy-caution point for a pregnant patient: the alert shows inline, the draft is held
/// until the practitioner gives a reason, then it saves with the reason recorded.
#[tokio::test]
async fn a_safety_alert_is_acknowledged_with_a_reason_before_the_draft_saves() -> TestResult {
    let data = tempfile::tempdir()?;
    prepare_clinic(data.path())?;
    cli(
        data.path(),
        PASSWORD,
        &[
            "patient",
            "flags",
            "1",
            "--set",
            "pregnant=true",
            "--set",
            "pregnancy_trimester=3",
        ],
    )?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "doc").await?;
    open_patient(&app, "okafor", "Okafor").await?;
    app.click("tab-visits").await?;
    app.click("visit-new").await?;
    app.el("safety-badge-pregnant").await?;
    app.fill("field-chief_complaint", "Low back ache, 36 weeks")
        .await?;
    app.fill("point-entry", "li4 b").await?;
    app.el("point-entry")
        .await?
        .send_keys(&Key::Enter.to_string())
        .await?;
    app.el("point-row-LI4").await?;
    let alert = app
        .wait_for_el_text("safety-alert-pregnancy:LI4", "pregnant")
        .await?;
    assert!(alert.contains("LI4"), "{alert}");
    for _ in 0..50 {
        let state = app.el("save-state").await?.attr("data-state").await?;
        if state.as_deref() == Some("blocked") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.el("save-state")
            .await?
            .attr("data-state")
            .await?
            .as_deref(),
        Some("blocked"),
        "the draft is held until the alert is acknowledged"
    );
    app.screenshot("charting-safety-alert").await?;
    app.fill(
        "alert-reason-pregnancy:LI4",
        "Term, induction agreed with midwife",
    )
    .await?;
    app.click("alert-ack-pregnancy:LI4").await?;
    wait_saved(&app).await?;
    app.wait_for_el_text("safety-alert-pregnancy:LI4", "Acknowledged: Term")
        .await?;

    let shown: Value = serde_json::from_str(&cli_as(
        data.path(),
        "doc",
        PASSWORD,
        &["--json", "note", "show", "1"],
    )?)?;
    assert_eq!(shown["alerts"][0]["acknowledged"], true);
    assert_eq!(
        shown["draft"]["acknowledgements"][0]["acknowledged_by"],
        "Dr. Chen Wu"
    );
    app.quit().await?;
    Ok(())
}
