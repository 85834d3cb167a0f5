//! The front desk's day in the real app. The admin's setup (two practitioners with hours, two
//! rooms, two appointment types, a few patients and bookings) is made with the CLI; then a
//! receptionist books with the keyboard only, sees an overlapping booking refused with a
//! message naming the clashing appointment, previews and books a weekly × 8 course, checks a
//! patient in, cancels a visit with a reason and marks a no-show, and moves a visit by dragging
//! it; the day view has one column per practitioner. (The week view and the ICS export dialog
//! are not driven here.)

use std::time::Duration;

use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
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
            .await
            .unwrap_or_default();
        for t in tiles {
            // A tile re-rendered between the query and the read is stale: look again.
            let Ok(label) = t.attr("aria-label").await else {
                continue;
            };
            let label = label.unwrap_or_default();
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
    for _ in 0..20 {
        if let Ok(label) = tile(app, needle).await?.attr("aria-label").await {
            return Ok(label.unwrap_or_default());
        }
    }
    Err(format!("the tile of {needle:?} kept re-rendering").into())
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
                .await
                .map(|l| l.unwrap_or_default().contains(needle))
                .unwrap_or(true);
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

/// Drags a tile down by `slots` quarter-hours with the mouse, in small steps as a hand would.
async fn drag_down(app: &App, needle: &str, slots: u32) -> TestResult {
    let tile = tile(app, needle).await?;
    let slot = app
        .client
        .execute(
            "return document.querySelector('.rbc-time-slot').getBoundingClientRect().height",
            vec![],
        )
        .await?
        .as_f64()
        .ok_or("no time slot on the calendar")?;
    let mut mouse = MouseActions::new("mouse".to_string())
        .then(PointerAction::MoveToElement {
            element: tile,
            duration: None,
            x: 0.0,
            y: -4.0,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    let steps = 10;
    for _ in 0..steps {
        mouse = mouse.then(PointerAction::MoveBy {
            duration: Some(Duration::from_millis(40)),
            x: 0.0,
            y: slot * f64::from(slots) / f64::from(steps),
        });
    }
    mouse = mouse.then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    app.client.perform_actions(mouse).await?;
    Ok(())
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
    // Read again while the calendar is still rendering (a header replaced under us is stale).
    let mut titles = Vec::new();
    for _ in 0..100 {
        titles.clear();
        let columns = app
            .client
            .find_all(Locator::Css(".rbc-time-header [data-testid^=\"column-\"]"))
            .await
            .unwrap_or_default();
        for c in &columns {
            match c.attr("title").await {
                Ok(t) => titles.push(t.unwrap_or_default()),
                Err(_) => titles.clear(),
            }
        }
        if titles.len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(titles, ["Wen Zhao", "Sara Holm"], "columns: {titles:?}");

    // A booking made with the keyboard only.
    type_booking(&app, "bren", "follow", "zhao", "930").await?;
    app.wait_for_el_text("booking-preview-summary", "free")
        .await?;
    app.screenshot("schedule-booking-dialog").await?;
    keys(&app, &Key::Enter.to_string()).await?;
    // The modal's root stays mounted; its form goes when it closes.
    closed(&app, "booking-form").await?;
    let label = tile_label(&app, "Brennan").await?;
    assert!(label.contains("09:30 to 10:15"), "{label}");
    let count = |v: &Value| v["appointments"].as_array().map_or(0, Vec::len);
    let day = json(data.path(), "nuala", &["schedule", "day", &today])?;
    assert_eq!(count(&day), 3, "two seeded and the one booked: {day}");

    // An overlapping booking with the same practitioner is refused, naming the visit it hits.
    type_booking(&app, "diaz", "follow", "zhao", "945").await?;
    app.wait_for_el_text("booking-preview-summary", "Aoife Brennan")
        .await?;
    app.screenshot("schedule-booking-clash").await?;
    keys(&app, &Key::Enter.to_string()).await?;
    let refusal = app.wait_for_el_text("booking-error", "Brennan").await?;
    assert!(
        refusal.contains("09:30"),
        "the refusal should say when the clashing visit is: {refusal}"
    );
    keys(&app, &Key::Escape.to_string()).await?;
    closed(&app, "booking-form").await?;
    let day = json(data.path(), "nuala", &["schedule", "day", &today])?;
    assert_eq!(count(&day), 3, "the refused booking saved nothing: {day}");

    // A weekly × 8 course, previewed visit by visit, then booked — keyboard only.
    type_booking(&app, "diaz", "follow", "holm", "1030").await?;
    tab_to(&app, "booking-room").await?;
    tab_to(&app, "booking-note").await?;
    keys(&app, "Course for low back pain").await?;
    tab_to(&app, "booking-repeat").await?;
    choose(&app, "week").await?;
    app.el("occurrence-8").await?;
    assert!(app.all("occurrence-9").await?.is_empty(), "8 visits");
    app.screenshot("schedule-booking-course").await?;
    // The button may sit below the fold of the dialog's scrolling body: read its DOM text.
    let mut submit = String::new();
    for _ in 0..100 {
        submit = app
            .el("booking-submit")
            .await?
            .prop("textContent")
            .await?
            .unwrap_or_default();
        if submit.contains("Book 8 visits") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(submit.contains("Book 8 visits"), "submit says {submit:?}");
    tab_to(&app, "booking-interval").await?;
    keys(&app, &Key::Enter.to_string()).await?;
    closed(&app, "booking-form").await?;
    wait_for_status(&app, "Carla Diaz, 10:30 to 11:15", "Booked").await?;
    let course = json(data.path(), "nuala", &["schedule", "list", "2"])?;
    assert_eq!(count(&course), 8, "{course}");

    // Drag Aoife's visit from 09:30 down about an hour and a half; the calendar and the
    // database then agree on the new time.
    drag_down(&app, "Aoife Brennan", 6).await?;
    let mut label = String::new();
    for _ in 0..100 {
        label = tile_label(&app, "Aoife Brennan").await?;
        if !label.contains("09:30 to") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let start = label
        .split(", ")
        .nth(1)
        .and_then(|times| times.split(" to ").next())
        .ok_or(format!("no times in {label:?}"))?
        .to_string();
    assert!(
        start.as_str() >= "10:30" && start.as_str() <= "11:30",
        "dragged 90 minutes down from 09:30, it shows {label}"
    );
    let moved = json(data.path(), "nuala", &["schedule", "list", "1"])?;
    assert_eq!(
        moved["appointments"][0]["local_start"]
            .as_str()
            .map(|s| s.ends_with(&format!("T{start}"))),
        Some(true),
        "the calendar shows {start}: {moved}"
    );

    // Check in, a no-show, and a cancel with a reason, each shown on the calendar.
    menu_action(&app, "Aoife Brennan", "arrived").await?;
    wait_for_status(&app, "Aoife Brennan", "Arrived").await?;
    menu_action(&app, "Priya Nair", "no_show").await?;
    wait_for_status(&app, "Priya Nair", "No-show").await?;
    menu_action(&app, "Carla Diaz", "cancel").await?;
    app.fill("cancel-reason", "Unwell, will call to rebook")
        .await?;
    app.click("cancel-confirm").await?;
    // Nobody waits for this time, so the dialog closes with a notice.
    closed(&app, "cancel-dialog").await?;
    app.wait_for_text("Appointment cancelled").await?;
    // Cancelled visits leave the calendar until asked for.
    gone(&app, "Carla Diaz").await?;
    app.click("schedule-show-cancelled").await?;
    wait_for_status(&app, "Carla Diaz", "Cancelled").await?;
    app.screenshot("schedule-day").await?;
    app.quit().await?;

    let list = json(data.path(), "nuala", &["schedule", "list", "2"])?;
    let statuses: Vec<&str> = list["appointments"]
        .as_array()
        .map(|a| a.iter().filter_map(|x| x["status"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        statuses.iter().filter(|s| **s == "cancelled").count(),
        1,
        "one visit of the course cancelled, the other seven kept: {statuses:?}"
    );
    assert_eq!(
        list["appointments"][0]["cancel_reason"],
        "Unwell, will call to rebook"
    );
    let priya = json(data.path(), "nuala", &["schedule", "list", "4"])?;
    assert_eq!(priya["attendance"]["no_shows"], 1, "{priya}");
    Ok(())
}
