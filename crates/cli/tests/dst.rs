//! Issue 24, finding 7, through the real binary: the night the clocks go back (Europe/Dublin,
//! 27 October 2030), 01:30 happens twice. Typed alone it is refused, naming both readings,
//! and nothing is stored; with its UTC offset each reading is booked as its own instant and
//! listed with its offset, its end read from its own instant. The spring-forward gap stays
//! refused, and an import row in the repeated hour is refused by line.

mod binary;

use binary::{Res, TempDb as Db};
use serde_json::Value;

const TWICE: &str = "01:30 on 2030-10-27 happens twice in Europe/Dublin (the clocks go back \
                     that night): write 01:30+01:00 for the first or 01:30+00:00 for the second.";

/// The visits listed on the night the clocks go back.
fn day(db: &Db) -> Res<Vec<Value>> {
    let view = db.ok(&["schedule", "day", "2030-10-27"])?;
    Ok(view["appointments"].as_array().cloned().unwrap_or_default())
}

fn book_args(at: &str) -> Vec<&str> {
    vec![
        "schedule",
        "book",
        "--patient",
        "1",
        "--practitioner",
        "mei",
        "--type",
        "follow",
        "--override",
        "Night clinic",
        "--at",
        at,
    ]
}

fn clinic() -> Res<Db> {
    let db = Db::new()?;
    db.ok(&[
        "init",
        "--clinic-name",
        "Harbour",
        "--time-zone",
        "Europe/Dublin",
        "--admin-username",
        "mei",
        "--admin-name",
        "Dr. Lin Mei",
        "--practitioner",
    ])?;
    db.ok(&["schedule", "setup", "practitioner", "mei"])?;
    db.ok(&["schedule", "setup", "room", "--name", "Room 1"])?;
    db.ok(&[
        "schedule",
        "setup",
        "type",
        "--name",
        "Follow-up",
        "--minutes",
        "45",
        "--colour",
        "#2a9d8f",
    ])?;
    db.ok(&["patient", "add", "--given", "Ana", "--family", "Ruiz"])?;
    Ok(db)
}

fn audit_holds(db: &Db) -> Res<()> {
    let v = db.ok(&["audit", "verify"])?;
    assert!(v["first_broken_id"].is_null(), "{v}");
    Ok(())
}

#[test]
fn a_visit_in_the_repeated_hour_is_refused_unless_its_offset_says_which() -> Res<()> {
    let db = clinic()?;
    let mut tried = 0;
    for at in [
        "2030-10-27 01:30",
        "2030-10-27T01:30",
        "2030-10-27 01:30:00",
    ] {
        let err = db.refused(&book_args(at))?;
        assert_eq!(err["code"], "invalid_input", "{at}: {err}");
        assert_eq!(err["message"], TWICE, "{at}: {err}");
        assert_eq!(err["fields"][0]["field"], "starts_at", "{at}: {err}");
        tried += 1;
    }
    for (at, says) in [
        ("2030-10-27 01:30+02:00", "+02:00 is neither"),
        ("2030-10-27 01:30+1", "UTC offset"),
        ("2030-10-27 01:30Z", "UTC offset"),
        ("2030-10-27 01:30+01:00junk", "UTC offset"),
    ] {
        let err = db.refused(&book_args(at))?;
        assert!(
            err["message"].as_str().is_some_and(|m| m.contains(says)),
            "{at}: {err}"
        );
        tried += 1;
    }
    // Without --json the same words reach the person.
    let plain = db.run(false, &book_args("2030-10-27 01:30"))?;
    assert_eq!(plain.status.code(), Some(2));
    assert!(String::from_utf8(plain.stderr)?.contains(TWICE));
    tried += 1;
    assert!(day(&db)?.is_empty(), "nothing was booked");

    // With the offset, both readings are booked: an hour apart, not clashing.
    let first = db.ok(&book_args("2030-10-27 01:30+01:00"))?;
    let second = db.ok(&book_args("2030-10-27T01:30+00:00"))?;
    let shown = |v: &Value| -> Vec<String> {
        ["starts_at", "local_start", "local_end"]
            .iter()
            .map(|k| {
                v["appointments"][0][k]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    assert_eq!(
        shown(&first),
        [
            "2030-10-27T00:30:00Z",
            "2030-10-27T01:30+01:00",
            "2030-10-27T01:15+00:00"
        ]
    );
    assert_eq!(
        shown(&second),
        [
            "2030-10-27T01:30:00Z",
            "2030-10-27T01:30+00:00",
            "2030-10-27T02:15"
        ]
    );
    assert_eq!(day(&db)?.len(), 2);
    // The day as a person reads it: each visit with its own offsets, none ending before it
    // starts without saying why.
    let listed = db.run(false, &["schedule", "day", "2030-10-27"])?;
    let text = String::from_utf8(listed.stdout)?;
    assert!(
        text.contains("2030-10-27 01:30+01:00–01:15+00:00"),
        "{text}"
    );
    assert!(text.contains("2030-10-27 01:30+00:00–02:15"), "{text}");

    // Moving a visit there follows the same rule.
    let id = first["appointments"][0]["id"].to_string();
    let err = db.refused(&[
        "schedule",
        "move",
        &id,
        "--at",
        "2030-10-27 01:45",
        "--override",
        "Night clinic",
    ])?;
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("01:45 on 2030-10-27 happens twice")),
        "{err}"
    );
    tried += 1;
    assert_eq!(day(&db)?.len(), 2);
    audit_holds(&db)?;
    println!("{tried} ambiguous or malformed repeated-hour times refused");
    Ok(())
}

#[test]
fn the_spring_forward_gap_is_still_refused_offset_or_not() -> Res<()> {
    let db = clinic()?;
    for at in [
        "2030-03-31 01:30",
        "2030-03-31 01:30+00:00",
        "2030-03-31 01:30+01:00",
    ] {
        let err = db.refused(&book_args(at))?;
        assert!(
            err["message"].as_str().is_some_and(|m| m.contains(
                "01:30 on 2030-03-31 does not exist in Europe/Dublin (the clocks go forward"
            )),
            "{at}: {err}"
        );
    }
    let view = db.ok(&["schedule", "day", "2030-03-31"])?;
    assert_eq!(view["appointments"], serde_json::json!([]));
    audit_holds(&db)?;
    Ok(())
}

#[test]
fn an_import_row_in_the_repeated_hour_is_refused_by_line() -> Res<()> {
    let db = clinic()?;
    let dir = db.dir.path();
    let patients = dir.join("patients.csv");
    std::fs::write(
        &patients,
        "Patient ID,First Name,Surname,DOB\nP-1,Ben,Okafor,1990-04-03\n",
    )?;
    db.ok(&["import", "patients", &patients.to_string_lossy()])?;
    let visits = dir.join("visits.csv");
    std::fs::write(
        &visits,
        "Patient ID,Start,Practitioner,Type,Duration\n\
         P-1,2030-10-26 10:00,Dr. Lin Mei,Follow-up,45\n\
         P-1,2030-10-27 01:30,Dr. Lin Mei,Follow-up,45\n\
         P-1,2030-10-27 00:30,Dr. Lin Mei,Follow-up,45\n",
    )?;
    let file = visits.to_string_lossy();
    let preview = db.ok(&["import", "appointments", &file, "--dry-run"])?;
    let problems = preview["problems"].as_array().cloned().unwrap_or_default();
    assert_eq!(problems.len(), 1, "{preview}");
    assert_eq!(problems[0]["line"], 3, "{preview}");
    let message = problems[0]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("01:30 on 2030-10-27 happens twice in Europe/Dublin")
            && message.contains("book this visit by hand"),
        "{message}"
    );
    let err = db.refused(&["import", "appointments", &file])?;
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("nothing was imported") && m.contains("line 3")),
        "{err}"
    );
    assert!(day(&db)?.is_empty(), "nothing was imported");
    audit_holds(&db)?;
    Ok(())
}
