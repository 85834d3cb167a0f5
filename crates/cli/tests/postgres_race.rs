//! Twenty front desks booking the same slot at once, each a separate `acuchart-cli` process on
//! one PostgreSQL clinic: exactly one booking is made and the other nineteen are told, in
//! words, what it clashes with. Run inside scripts/with-postgres.sh (make test-rust does).

#[path = "../../core/tests/pg_support/mod.rs"]
mod pg_support;

mod pg_cli;

use std::process::{Child, Output, Stdio};

use pg_cli::{answer, command, ok, INIT};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const DESKS: usize = 20;
const PATIENTS: [(&str, &str); 4] = [
    ("Ana", "Ruiz"),
    ("Ben", "Okafor"),
    ("Chen", "Wei"),
    ("Dara", "Byrne"),
];

fn set_up(url: &str) -> TestResult {
    ok(url, "admin", &[INIT, &["--practitioner"]].concat())?;
    ok(
        url,
        "admin",
        &[
            "schedule",
            "setup",
            "practitioner",
            "admin",
            "--licence",
            "AC-1",
        ],
    )?;
    ok(
        url,
        "admin",
        &["schedule", "setup", "room", "--name", "Room 1"],
    )?;
    ok(
        url,
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
        ],
    )?;
    ok(
        url,
        "admin",
        &[
            "schedule",
            "setup",
            "hours",
            "ada",
            "--block",
            "mon 09:00-17:00",
        ],
    )?;
    ok(
        url,
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
    for (given, family) in PATIENTS {
        ok(
            url,
            "desk",
            &["patient", "add", "--given", given, "--family", family],
        )?;
    }
    Ok(())
}

#[test]
fn twenty_desks_booking_one_slot_at_once_make_one_booking_and_nineteen_clear_refusals() -> TestResult
{
    let Some(server) = pg_support::database_url() else {
        return Ok(());
    };
    let database = pg_support::TempDatabase::create(&server, "race")?;
    let url = database.url();
    set_up(&url)?;

    // Every process is started before any is waited for, so their bookings overlap.
    let desks: Vec<Child> = (0..DESKS)
        .map(|i| {
            let patient = (i % PATIENTS.len() + 1).to_string();
            command(
                &url,
                "desk",
                &[
                    "schedule",
                    "book",
                    "--patient",
                    &patient,
                    "--practitioner",
                    "ada",
                    "--type",
                    "follow",
                    "--at",
                    "2030-03-18 10:00",
                ],
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
        })
        .collect::<Result<_, _>>()?;
    let outputs: Vec<Output> = desks
        .into_iter()
        .map(Child::wait_with_output)
        .collect::<Result<_, _>>()?;

    let (booked, refused): (Vec<&Output>, Vec<&Output>) =
        outputs.iter().partition(|o| o.status.success());
    assert_eq!(
        booked.len(),
        1,
        "exactly one desk books the slot; the first refusal: {}",
        refused
            .first()
            .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
            .unwrap_or_default()
    );
    assert_eq!(refused.len(), DESKS - 1);
    let winner: Value = serde_json::from_slice(&booked[0].stdout)?;
    let winner_name = PATIENTS
        .iter()
        .map(|(given, family)| format!("{given} {family}"))
        .find(|name| {
            winner["appointments"][0]["patient_name"]
                .as_str()
                .is_some_and(|n| n.contains(name.as_str()))
        })
        .ok_or_else(|| format!("the booking names one of the patients: {winner}"))?;
    for out in refused {
        assert_eq!(out.status.code(), Some(2));
        let err = answer(out)?;
        assert_eq!(err["code"], "conflict", "{err}");
        let message = err["message"].as_str().unwrap_or_default();
        // Each refusal says who already has the practitioner then, e.g. "Not booked: Ada
        // Admin already sees Ben Okafor Mon 18 Mar 10:00–10:45."
        assert!(
            message.starts_with("Not booked:") && message.contains(&winner_name),
            "{message}"
        );
    }

    // The database holds the one booking, and the audit chain is one unbroken chain.
    let day = ok(&url, "desk", &["schedule", "day", "2030-03-18"])?;
    let text = day.to_string();
    assert_eq!(text.matches("\"status\":\"booked\"").count(), 1, "{day}");
    let verified = ok(&url, "admin", &["audit", "verify"])?;
    assert_eq!(verified["first_broken_id"], Value::Null, "{verified}");
    Ok(())
}
