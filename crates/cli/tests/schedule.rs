//! `acuchart-cli schedule …` end to end on a real encrypted database and the real keyring:
//! setup as the admin, then the front desk books a course, sees a clash refused, moves and
//! cancels visits, finds free slots, uses the waitlist and exports ICS.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-admin-password";

fn run(db: &Path, user: &str, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--user", user])
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("ACUCHART_NEW_USER_PASSWORD", PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .output()
}

/// Runs and parses standard output; fails the test with standard error when it failed.
fn ok(db: &Path, user: &str, args: &[&str]) -> Result<Value, Box<dyn std::error::Error>> {
    let out = run(db, user, args)?;
    if !out.status.success() {
        return Err(format!("{args:?} failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn setup(db: &Path) -> TestResult {
    ok(
        db,
        "admin",
        &[
            "init",
            "--clinic-name",
            "Test Clinic",
            "--time-zone",
            "Europe/Paris",
            "--admin-username",
            "admin",
            "--admin-name",
            "Ada Admin",
            "--practitioner",
        ],
    )?;
    ok(
        db,
        "admin",
        &[
            "schedule",
            "setup",
            "practitioner",
            "admin",
            "--licence",
            "AC-1",
            "--colour",
            "#336699",
        ],
    )?;
    ok(
        db,
        "admin",
        &["schedule", "setup", "room", "--name", "Room 1"],
    )?;
    ok(
        db,
        "admin",
        &[
            "schedule",
            "setup",
            "type",
            "--name",
            "Follow-up",
            "--minutes",
            "45",
            "--colour",
            "#2a9d8f",
            "--billing-code",
            "97810",
        ],
    )?;
    let hours: Vec<String> = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| format!("{d} 09:00-17:00"))
        .collect();
    let mut args = vec!["schedule", "setup", "hours", "ada"];
    for h in &hours {
        args.extend(["--block", h.as_str()]);
    }
    let blocks = ok(db, "admin", &args)?;
    assert_eq!(blocks.as_array().map(Vec::len), Some(5));
    ok(
        db,
        "admin",
        &[
            "user",
            "add",
            "--username",
            "desk",
            "--name",
            "Front Desk",
            "--role",
            "receptionist",
        ],
    )?;
    for (given, family) in [("Ana", "Ruiz"), ("Ben", "Okafor")] {
        ok(
            db,
            "desk",
            &["patient", "add", "--given", given, "--family", family],
        )?;
    }
    Ok(())
}

#[test]
fn the_front_desk_books_a_course_and_runs_the_day_from_the_command_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    setup(&db)?;
    ok(
        &db,
        "desk",
        &[
            "schedule",
            "book",
            "--patient",
            "2",
            "--practitioner",
            "ada",
            "--type",
            "follow",
            "--at",
            "2030-03-18 10:00",
        ],
    )?;

    // Preview a weekly × 6 course: visit 3 clashes with Ben's appointment, and nothing is booked.
    let course = [
        "schedule",
        "series",
        "--patient",
        "1",
        "--practitioner",
        "ada",
        "--type",
        "Follow-up",
        "--at",
        "2030-03-04 10:00",
        "--count",
        "6",
    ];
    let preview = ok(&db, "desk", &[&course[..], &["--preview"]].concat())?;
    assert_eq!(preview["bookable"], false);
    assert_eq!(
        preview["occurrences"][2]["clashes"][0]["kind"],
        "practitioner"
    );
    let refused = run(&db, "desk", &course)?;
    assert_eq!(refused.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&refused.stderr)?;
    assert_eq!(err["code"], "conflict");
    assert!(
        err["message"].as_str().unwrap_or("").contains("Ben Okafor"),
        "{err}"
    );

    let booked = ok(
        &db,
        "desk",
        &[&course[..], &["--move", "3=2030-03-18 14:00"]].concat(),
    )?;
    let visits = booked["appointments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(visits.len(), 6);
    assert_eq!(visits[2]["local_start"], "2030-03-18T14:00");
    let id = |i: usize| visits[i]["id"].as_i64().unwrap_or_default().to_string();

    // Move one visit, cancel another with a reason.
    let moved = ok(
        &db,
        "desk",
        &["schedule", "move", &id(1), "--at", "2030-03-12 11:30"],
    )?;
    assert_eq!(moved[0]["local_start"], "2030-03-12T11:30");
    let cancelled = ok(
        &db,
        "desk",
        &["schedule", "cancel", &id(4), "--reason", "Away that week"],
    )?;
    assert_eq!(cancelled["cancelled"][0]["cancel_reason"], "Away that week");

    let list = ok(&db, "desk", &["schedule", "list", "1"])?;
    assert_eq!(list["appointments"].as_array().map(Vec::len), Some(6));
    assert_eq!(list["attendance"]["cancellations"], 1);

    let slots = ok(
        &db,
        "desk",
        &[
            "schedule",
            "slots",
            "--type",
            "follow",
            "--from",
            "2030-03-04",
            "--limit",
            "2",
        ],
    )?;
    assert_eq!(slots[0]["local_start"], "2030-03-04T09:00");
    assert_eq!(slots[1]["local_start"], "2030-03-04T10:45");

    let day = ok(&db, "desk", &["schedule", "day", "2030-03-18"])?;
    assert_eq!(day["appointments"].as_array().map(Vec::len), Some(2));
    let sheet = ok(&db, "desk", &["schedule", "sheet", "2030-03-18"])?;
    assert_eq!(
        sheet["columns"][0]["rows"].as_array().map(Vec::len),
        Some(2)
    );
    Ok(())
}

#[test]
fn waitlist_offers_and_ics_export() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    setup(&db)?;
    ok(
        &db,
        "desk",
        &[
            "schedule",
            "waitlist",
            "add",
            "--patient",
            "2",
            "--type",
            "follow",
            "--weekdays",
            "mon",
            "--earliest",
            "09:00",
            "--latest",
            "12:00",
            "--note",
            "Monday mornings",
        ],
    )?;
    assert_eq!(
        ok(&db, "desk", &["schedule", "waitlist", "list"])?
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let a = ok(
        &db,
        "desk",
        &[
            "schedule",
            "book",
            "--patient",
            "1",
            "--practitioner",
            "ada",
            "--type",
            "follow",
            "--at",
            "2030-03-04 10:00",
        ],
    )?;
    let id = a["appointments"][0]["id"]
        .as_i64()
        .unwrap_or_default()
        .to_string();
    let cancelled = ok(&db, "desk", &["schedule", "cancel", &id, "--reason", "Ill"])?;
    assert_eq!(
        cancelled["offers"][0]["entry"]["patient_name"],
        "Ben Okafor"
    );

    ok(
        &db,
        "desk",
        &[
            "schedule",
            "book",
            "--patient",
            "2",
            "--practitioner",
            "ada",
            "--type",
            "follow",
            "--at",
            "2030-03-05 10:00",
        ],
    )?;
    let file = dir.path().join("ada.ics");
    let f = file.to_string_lossy().to_string();
    let out = ok(
        &db,
        "desk",
        &[
            "schedule",
            "ics",
            "--practitioner",
            "ada",
            "--from",
            "2030-03-01",
            "--to",
            "2030-03-31",
            "--out",
            &f,
        ],
    )?;
    assert_eq!(out["events"], 2);
    let text = std::fs::read_to_string(&file)?;
    assert!(
        text.contains("STATUS:CANCELLED") && !text.contains("Okafor"),
        "{text}"
    );
    ok(
        &db,
        "desk",
        &[
            "schedule",
            "ics",
            "--practitioner",
            "ada",
            "--from",
            "2030-03-01",
            "--to",
            "2030-03-31",
            "--names",
            "--force",
            "--out",
            &f,
        ],
    )?;
    assert!(std::fs::read_to_string(&file)?.contains("Ben Okafor"));

    // The front desk may not change the setup.
    let refused = run(
        &db,
        "desk",
        &["schedule", "setup", "room", "--name", "Room 2"],
    )?;
    let err: Value = serde_json::from_slice(&refused.stderr)?;
    assert_eq!(err["code"], "permission_denied");
    Ok(())
}

/// The front desk's command names (`appointment …`, `slots next`, `waitlist …`, `ics export`)
/// do the same as their `schedule …` spellings. The course is in the past so that a no-show
/// can be recorded.
#[test]
fn the_front_desk_command_names_work_too() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    setup(&db)?;
    let booked = ok(
        &db,
        "desk",
        &[
            "appointment",
            "book",
            "--patient",
            "1",
            "--practitioner",
            "ada",
            "--type",
            "follow",
            "--at",
            "2020-03-02 10:00",
            "--count",
            "3",
        ],
    )?;
    let visits = booked["appointments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(visits.len(), 3, "{booked}");
    let id = |i: usize| visits[i]["id"].as_i64().unwrap_or_default().to_string();
    let arrived = ok(&db, "desk", &["appointment", "arrive", &id(0)])?;
    assert_eq!(arrived[0]["status"], "arrived");
    let missed = ok(&db, "desk", &["appointment", "no-show", &id(1)])?;
    assert_eq!(missed[0]["status"], "no_show");
    let moved = ok(
        &db,
        "desk",
        &["appointment", "move", &id(2), "--at", "2020-03-16 11:00"],
    )?;
    assert_eq!(moved[0]["local_start"], "2020-03-16T11:00");
    let cancelled = ok(
        &db,
        "desk",
        &["appointment", "cancel", &id(2), "--reason", "Away"],
    )?;
    assert_eq!(cancelled["cancelled"][0]["cancel_reason"], "Away");
    let list = ok(&db, "desk", &["appointment", "list", "1"])?;
    assert_eq!(list["attendance"]["no_shows"], 1, "{list}");
    assert_eq!(list["attendance"]["cancellations"], 1, "{list}");

    let slots = ok(
        &db,
        "desk",
        &[
            "slots",
            "next",
            "--type",
            "follow",
            "--from",
            "2030-03-04",
            "--limit",
            "1",
        ],
    )?;
    assert_eq!(slots[0]["local_start"], "2030-03-04T09:00");
    ok(
        &db,
        "desk",
        &["waitlist", "add", "--patient", "2", "--note", "Any morning"],
    )?;
    let waiting = ok(&db, "desk", &["waitlist", "list"])?;
    assert_eq!(waiting[0]["note"], "Any morning", "{waiting}");
    let file = dir.path().join("ada.ics");
    let f = file.to_string_lossy().to_string();
    let out = ok(
        &db,
        "desk",
        &[
            "ics",
            "export",
            "--practitioner",
            "ada",
            "--from",
            "2020-03-01",
            "--to",
            "2020-03-31",
            "--out",
            &f,
        ],
    )?;
    assert_eq!(out["events"], 3);
    assert!(std::fs::read_to_string(&file)?.contains("BEGIN:VCALENDAR"));
    Ok(())
}

/// Typos in the year are refused with a message that says to check it; no storage error
/// (a CHECK constraint) ever reaches the person, and nothing is booked.
#[test]
fn implausible_years_are_refused_with_a_clear_message() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    setup(&db)?;
    for at in [
        "0000-01-01 10:00",
        "0026-03-18 10:00",
        "9999-12-30 10:00",
        "10000-01-01 10:00",
    ] {
        let out = run(
            &db,
            "desk",
            &[
                "schedule",
                "book",
                "--patient",
                "1",
                "--practitioner",
                "ada",
                "--type",
                "follow",
                "--at",
                at,
            ],
        )?;
        assert_eq!(out.status.code(), Some(2), "{at} was booked");
        let err: Value = serde_json::from_slice(&out.stderr)?;
        assert_eq!(err["code"], "invalid_input", "{at}: {err}");
        let text = err.to_string();
        assert!(
            text.contains("check the year") || text.contains("YYYY-MM-DD"),
            "{at}: {err}"
        );
        assert!(!text.contains("CHECK constraint"), "{at}: {err}");
    }
    let list = ok(&db, "desk", &["schedule", "list", "1"])?;
    assert_eq!(list["appointments"].as_array().map(Vec::len), Some(0));
    Ok(())
}

/// A skip or a move for a visit the course does not have is refused, not ignored.
#[test]
fn choices_for_visits_a_course_does_not_have_are_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("clinic.db");
    setup(&db)?;
    let course = [
        "schedule",
        "series",
        "--patient",
        "1",
        "--practitioner",
        "ada",
        "--type",
        "follow",
        "--at",
        "2030-03-04 10:00",
        "--count",
        "3",
    ];
    for extra in [
        &["--skip", "4"][..],
        &["--skip", "4294967295"],
        &["--skip", "0"],
        &["--move", "999=2030-03-20 10:00"],
    ] {
        let out = run(&db, "desk", &[&course[..], extra].concat())?;
        assert_eq!(out.status.code(), Some(2), "{extra:?} was accepted");
        let err: Value = serde_json::from_slice(&out.stderr)?;
        assert!(
            err.to_string().contains("There is no visit") || err["code"] == "invalid_input",
            "{extra:?}: {err}"
        );
    }
    let list = ok(&db, "desk", &["schedule", "list", "1"])?;
    assert_eq!(list["appointments"].as_array().map(Vec::len), Some(0));
    Ok(())
}
