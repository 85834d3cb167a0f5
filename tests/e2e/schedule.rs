//! The front desk's day in the real app. The admin's setup (two practitioners with hours, two
//! rooms, two appointment types, a few patients and bookings) is made with the CLI; then a
//! receptionist books with the keyboard only, sees an overlapping booking refused with a
//! message naming the clashing appointment, previews and books a weekly × 8 course, checks a
//! patient in, cancels a visit with a reason and marks a no-show; the day view has one column
//! per practitioner, and the week view and ICS export work.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;
use serde_json::Value;

use crate::harness::{cli, cli_as, App, Res, TestResult};
use crate::patient_record::sign_in;

const PASSWORD: &str = "clinic-password-2026";

fn json(data: &std::path::Path, user: &str, args: &[&str]) -> Res<Value> {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    Ok(serde_json::from_str(&cli_as(data, user, PASSWORD, &all)?)?)
}

/// The clinic as the admin set it up, and today's date in its zone.
fn set_up_clinic(data: &std::path::Path) -> Res<String> {
    cli(
        data,
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
            "Wen Zhao",
            "--practitioner",
        ],
    )?;
    for (user, name, role) in [
        ("sara", "Sara Holm", "practitioner"),
        ("nuala", "Nuala Byrne", "receptionist"),
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
    for (user, name, colour) in [("owner", "Wen", "#2f6f9f"), ("sara", "Sara", "#8a4fbf")] {
        cli(
            data,
            PASSWORD,
            &[
                "schedule",
                "setup",
                "practitioner",
                user,
                "--colour",
                colour,
            ],
        )?;
        // Every day, so the test does not depend on which weekday it runs.
        let blocks: Vec<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .flat_map(|d| [format!("{d} 08:00-12:30"), format!("{d} 13:30-18:00")])
            .collect();
        let mut args = vec!["schedule", "setup", "hours", name];
        for b in &blocks {
            args.extend(["--block", b.as_str()]);
        }
        cli(data, PASSWORD, &args)?;
    }
    for room in ["Room 1", "Room 2"] {
        cli(
            data,
            PASSWORD,
            &["schedule", "setup", "room", "--name", room],
        )?;
    }
    for (name, minutes, colour) in [
        ("Initial consultation", "90", "#c2410c"),
        ("Follow-up treatment", "45", "#0f766e"),
    ] {
        cli(
            data,
            PASSWORD,
            &[
                "schedule",
                "setup",
                "type",
                "--name",
                name,
                "--minutes",
                minutes,
                "--colour",
                colour,
            ],
        )?;
    }
    for (given, family, phone) in [
        ("Aoife", "Brennan", "555-0101"),
        ("Carla", "Diaz", "555-0102"),
        ("Tomás", "Ruiz", "555-0103"),
        ("Priya", "Nair", "555-0104"),
    ] {
        cli(
            data,
            PASSWORD,
            &[
                "patient", "add", "--given", given, "--family", family, "--phone", phone,
            ],
        )?;
    }
    let setup = json(data, "owner", &["schedule", "setup", "show"])?;
    let today = setup["today"]
        .as_str()
        .ok_or("schedule setup show has no today")?
        .to_string();
    // Two visits already on the books today, so the day has more than the test's own.
    for (patient, who, kind, at) in [
        ("3", "wen", "initial", "14:00"),
        ("4", "sara", "follow", "08:30"),
    ] {
        let at = format!("{today} {at}");
        cli(
            data,
            PASSWORD,
            &[
                "schedule",
                "book",
                "--patient",
                patient,
                "--practitioner",
                who,
                "--type",
                kind,
                "--at",
                &at,
            ],
        )?;
    }
    Ok(today)
}

/// Types into whatever has the keyboard focus, as a person at the keyboard would.
async fn keys(app: &App, text: &str) -> TestResult {
    app.client.active_element().await?.send_keys(text).await?;
    Ok(())
}

async fn focused_test_id(app: &App) -> Res<String> {
    Ok(app
        .client
        .active_element()
        .await?
        .attr("data-testid")
        .await?
        .unwrap_or_default())
}

/// Presses Tab and checks where the focus went.
async fn tab_to(app: &App, test_id: &str) -> TestResult {
    keys(app, &Key::Tab.to_string()).await?;
    let now = focused_test_id(app).await?;
    if now != test_id {
        return Err(format!("Tab should reach {test_id}, it reached {now:?}").into());
    }
    Ok(())
}

/// Picks an option of a searchable select by typing part of it and pressing Enter.
async fn choose(app: &App, text: &str) -> TestResult {
    keys(app, text).await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    keys(app, &Key::Enter.to_string()).await
}

/// Opens the booking dialog with Alt+B and fills it with the keyboard only, from the patient
/// search to the time; the date stays today.
async fn type_booking(app: &App, patient: &str, kind: &str, who: &str, time: &str) -> TestResult {
    keys(app, &format!("{}b{}", Key::Alt, Key::Null)).await?;
    app.el("booking-dialog").await?;
    for _ in 0..50 {
        if focused_test_id(app).await? == "booking-patient" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    keys(app, patient).await?;
    app.el("booking-patient-options").await?;
    wait_for_option(app).await?;
    keys(app, &Key::Enter.to_string()).await?;
    tab_to(app, "booking-type").await?;
    choose(app, kind).await?;
    tab_to(app, "booking-practitioner").await?;
    choose(app, who).await?;
    tab_to(app, "booking-date").await?;
    tab_to(app, "booking-time").await?;
    keys(app, time).await
}

async fn wait_for_option(app: &App) -> TestResult {
    for _ in 0..100 {
        let found = app
            .client
            .find_all(Locator::Css("[data-testid^=\"booking-patient-option-\"]"))
            .await?;
        if !found.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err("no patient matched in the booking dialog".into())
}

async fn closed(app: &App, test_id: &str) -> TestResult {
    for _ in 0..100 {
        if app.all(test_id).await?.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{test_id} stayed open").into())
}

/// The calendar tile of the appointment whose text has `needle`.
async fn tile(app: &App, needle: &str) -> Res<Element> {
    let mut seen = Vec::new();
    for _ in 0..100 {
        seen.clear();
        let tiles = app
            .client
            .find_all(Locator::Css("[data-testid^=\"appointment-\"][data-start]"))
            .await?;
        for t in tiles {
            let label = t.attr("aria-label").await?.unwrap_or_default();
            if label.contains(needle) {
                return Ok(t);
            }
            seen.push(label);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("no appointment tile shows {needle:?}; tiles: {seen:?}").into())
}

async fn tile_label(app: &App, needle: &str) -> Res<String> {
    Ok(tile(app, needle)
        .await?
        .attr("aria-label")
        .await?
        .unwrap_or_default())
}

/// Waits until the tile's accessible label (name, times, type, status) has `status`.
async fn wait_for_status(app: &App, needle: &str, status: &str) -> TestResult {
    let mut label = String::new();
    for _ in 0..100 {
        label = tile_label(app, needle).await?;
        if label.contains(status) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{needle} never showed {status}: {label}").into())
}

async fn gone(app: &App, needle: &str) -> TestResult {
    for _ in 0..100 {
        let mut found = false;
        let tiles = app
            .client
            .find_all(Locator::Css("[data-testid^=\"appointment-\"][data-start]"))
            .await?;
        for t in tiles {
            found |= t
                .attr("aria-label")
                .await?
                .unwrap_or_default()
                .contains(needle);
        }
        if !found {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{needle} stayed on the calendar").into())
}

async fn menu_action(app: &App, needle: &str, action: &str) -> TestResult {
    tile(app, needle).await?.click().await?;
    app.el("appointment-menu").await?;
    app.click(&format!("appointment-action-{action}")).await
}

#[tokio::test]
async fn a_receptionist_runs_the_day_in_the_schedule() -> TestResult {
    let data = tempfile::tempdir()?;
    let today = set_up_clinic(data.path())?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "nuala").await?;
    app.click("nav-schedule").await?;
    app.el("schedule-calendar").await?;

    // Day view: one column per practitioner.
    let columns = app
        .client
        .find_all(Locator::Css(".rbc-time-header [data-testid^=\"column-\"]"))
        .await?;
    let mut titles = Vec::new();
    for c in &columns {
        titles.push(c.text().await?);
    }
    assert_eq!(titles, ["Wen Zhao", "Sara Holm"], "columns: {titles:?}");

    // A booking made with the keyboard only.
    type_booking(&app, "bren", "follow", "zhao", "930").await?;
    app.wait_for_el_text("booking-preview-summary", "Room 1")
        .await?;
    app.screenshot("schedule-booking-dialog").await?;
    keys(&app, &Key::Enter.to_string()).await?;
    closed(&app, "booking-dialog").await?;
    let label = tile_label(&app, "Brennan").await?;
    assert!(label.contains("09:30 to 10:15"), "{label}");

    // An overlapping booking with the same practitioner is refused, naming the visit it hits.
    type_booking(&app, "diaz", "follow", "zhao", "945").await?;
    app.wait_for_el_text("booking-preview-summary", "Aoife Brennan")
        .await?;
    app.screenshot("schedule-booking-clash").await?;
    keys(&app, &Key::Enter.to_string()).await?;
    let refusal = app.wait_for_el_text("booking-error", "Brennan").await?;
    assert!(
        refusal.contains("Wen Zhao") && refusal.contains("09:30"),
        "the refusal should name who and when: {refusal}"
    );
    keys(&app, &Key::Escape.to_string()).await?;
    closed(&app, "booking-dialog").await?;
    let booked = json(data.path(), "nuala", &["schedule", "day", &today])?;
    let count = |v: &Value| v["appointments"].as_array().map_or(0, Vec::len);
    assert_eq!(
        count(&booked),
        3,
        "the refused booking saved nothing: {booked}"
    );

    // A weekly × 8 course, previewed visit by visit, then booked.
    type_booking(&app, "diaz", "follow", "sara", "1030").await?;
    tab_to(&app, "booking-room").await?;
    tab_to(&app, "booking-note").await?;
    keys(&app, "Course for low back pain").await?;
    tab_to(&app, "booking-repeat").await?;
    choose(&app, "week").await?;
    app.el("occurrence-8").await?;
    assert!(app.all("occurrence-9").await?.is_empty(), "8 visits");
    app.wait_for_el_text("booking-submit", "Book 8 visits")
        .await?;
    app.screenshot("schedule-booking-course").await?;
    tab_to(&app, "booking-interval").await?;
    keys(&app, &Key::Enter.to_string()).await?;
    closed(&app, "booking-dialog").await?;
    wait_for_status(&app, "Carla Diaz, 10:30 to 11:15", "Booked").await?;
    let course = json(data.path(), "nuala", &["schedule", "list", "2"])?;
    assert_eq!(
        course["appointments"].as_array().map(Vec::len),
        Some(8),
        "{course}"
    );

    // Check in, cancel with a reason, and a no-show, each shown on the calendar.
    menu_action(&app, "Aoife Brennan", "arrived").await?;
    wait_for_status(&app, "Aoife Brennan", "Arrived").await?;
    menu_action(&app, "Priya Nair", "no_show").await?;
    wait_for_status(&app, "Priya Nair", "No-show").await?;
    menu_action(&app, "Carla Diaz", "cancel").await?;
    app.fill("cancel-reason", "Unwell, will call to rebook")
        .await?;
    app.click("cancel-confirm").await?;
    app.el("cancel-result").await?;
    keys(&app, &Key::Escape.to_string()).await?;
    closed(&app, "cancel-result").await?;
    // Cancelled visits leave the calendar until asked for.
    gone(&app, "Carla Diaz").await?;
    app.click("schedule-show-cancelled").await?;
    wait_for_status(&app, "Carla Diaz", "Cancelled").await?;
    app.screenshot("schedule-day").await?;

    let status_of = |patient: &str| -> Res<Value> {
        let list = json(data.path(), "nuala", &["schedule", "list", patient])?;
        Ok(list["appointments"][0]["status"].clone())
    };
    assert_eq!(status_of("1")?, "arrived");
    assert_eq!(status_of("2")?, "cancelled");
    assert_eq!(status_of("4")?, "no_show");

    // The week of one practitioner.
    app.client
        .find(Locator::XPath(
            "//*[@data-testid='schedule-mode']//label[normalize-space()='Week']",
        ))
        .await?
        .click()
        .await?;
    app.el("schedule-week-practitioner").await?;
    app.wait_for_el_text("schedule-calendar", "Brennan").await?;
    app.screenshot("schedule-week").await?;

    // The ICS export of the practitioner's schedule lands in the export folder.
    app.click("schedule-export").await?;
    app.el("ics-dialog").await?;
    app.click("ics-export").await?;
    let done = app.wait_for_el_text("ics-done", ".ics").await?;
    app.quit().await?;
    let exported: Vec<_> = std::fs::read_dir(data.path().join("exports"))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ics"))
        .collect();
    assert_eq!(exported.len(), 1, "{done}");
    let ics = std::fs::read_to_string(&exported[0])?;
    assert!(ics.contains("BEGIN:VEVENT"), "{ics}");
    assert!(
        !ics.contains("Brennan"),
        "names stay out unless asked for: {ics}"
    );
    Ok(())
}
