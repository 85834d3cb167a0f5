//! Double booking refused by PostgreSQL itself (the exclusion constraints of 0003), with the
//! core's rule: every status but cancelled and no-show blocks, and back-to-back is fine.

use postgres::GenericClient;

use crate::parents::{self, refused, Parents, AT};
use crate::pg_support::PgResult;

const EXCLUSION_VIOLATION: &str = "23P01";
const BY_PRACTITIONER: &str = "appointments_no_practitioner_overlap";
const BY_ROOM: &str = "appointments_no_room_overlap";

/// One appointment on 2 March 2026 from `from` to `to` (`HH:MM`, UTC).
fn book(
    c: &mut impl GenericClient,
    p: &Parents,
    practitioner: i64,
    room: Option<i64>,
    (from, to): (&str, &str),
    status: &str,
) -> Result<i64, postgres::Error> {
    let (starts, ends) = (
        format!("2026-03-02T{from}:00Z"),
        format!("2026-03-02T{to}:00Z"),
    );
    // A cancelled visit records when and by whom (a CHECK of 0003).
    let cancelled = (status == "cancelled").then_some((AT, practitioner));
    Ok(c.query_one(
        "INSERT INTO appointments (patient_id, practitioner_id, room_id, type_id, starts_at,
             ends_at, time_zone, status, cancelled_at, cancelled_by, created_at, created_by,
             updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'UTC', $7, $8, $9, $10, $2, $10, $2)
         RETURNING id",
        &[
            &p.patient,
            &practitioner,
            &room,
            &p.type_id,
            &starts,
            &ends,
            &status,
            &cancelled.map(|c| c.0),
            &cancelled.map(|c| c.1),
            &AT,
        ],
    )?
    .get("id"))
}

/// The constraint named in a refusal, after checking it is an exclusion violation.
fn clash(what: &str, result: Result<impl std::fmt::Debug, postgres::Error>) -> String {
    let (code, message) = refused(what, result);
    assert_eq!(code, EXCLUSION_VIOLATION, "{what}: {message}");
    message
}

#[test]
fn a_practitioner_is_never_double_booked() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("booking")? else {
        return Ok(());
    };
    let p = parents::insert(&mut c)?;
    let lin = p.user;
    book(&mut c, &p, lin, None, ("09:00", "10:00"), "booked")?;

    let message = clash(
        "an overlapping visit",
        book(&mut c, &p, lin, None, ("09:30", "10:30"), "booked"),
    );
    assert!(message.contains(BY_PRACTITIONER), "{message}");
    // '[)' ranges: one visit may end exactly when the next begins, on either side.
    book(&mut c, &p, lin, None, ("10:00", "11:00"), "booked")?;
    book(&mut c, &p, lin, None, ("08:15", "09:00"), "arrived")?;
    // Cancelled and no-show visits neither block nor are blocked.
    book(&mut c, &p, lin, None, ("09:15", "09:45"), "cancelled")?;
    book(&mut c, &p, lin, None, ("09:15", "09:45"), "no_show")?;
    // Every other status blocks, completed too (schedule/conflicts.rs).
    for status in ["booked", "arrived", "in_treatment", "completed"] {
        clash(
            &format!("an overlapping {status} visit"),
            book(&mut c, &p, lin, None, ("09:50", "10:10"), status),
        );
    }
    // Another practitioner at the same time, with no room: fine.
    book(
        &mut c,
        &p,
        p.second_practitioner,
        None,
        ("09:00", "10:00"),
        "booked",
    )?;
    Ok(())
}

#[test]
fn a_room_is_never_double_booked() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("rooms")? else {
        return Ok(());
    };
    let p = parents::insert(&mut c)?;
    let (lin, okafor) = (p.user, p.second_practitioner);
    book(&mut c, &p, lin, Some(p.room), ("09:00", "10:00"), "booked")?;
    let message = clash(
        "the same room for another practitioner",
        book(
            &mut c,
            &p,
            okafor,
            Some(p.room),
            ("09:30", "10:30"),
            "booked",
        ),
    );
    assert!(message.contains(BY_ROOM), "{message}");
    book(
        &mut c,
        &p,
        okafor,
        Some(p.other_room),
        ("09:30", "10:30"),
        "booked",
    )?;
    book(&mut c, &p, lin, Some(p.room), ("10:00", "10:30"), "booked")?;
    let freed = book(
        &mut c,
        &p,
        okafor,
        Some(p.room),
        ("09:00", "09:30"),
        "cancelled",
    )?;
    // Taking a cancelled visit back is a booking like any other.
    let back = c.execute(
        "UPDATE appointments SET status = 'booked' WHERE id = $1",
        &[&freed],
    );
    assert!(clash("a cancelled visit taken back into a taken room", back).contains(BY_ROOM));
    Ok(())
}

/// Moving a course shifts its visits one UPDATE at a time; halfway, a visit may sit where the
/// next one still is. The constraints are checked at COMMIT, when the move is whole.
#[test]
fn a_course_moved_visit_by_visit_is_checked_when_it_commits() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("moves")? else {
        return Ok(());
    };
    let p = parents::insert(&mut c)?;
    let first = book(&mut c, &p, p.user, None, ("13:00", "14:00"), "booked")?;
    let second = book(&mut c, &p, p.user, None, ("14:00", "15:00"), "booked")?;
    let shift = "UPDATE appointments SET starts_at = $2, ends_at = $3 WHERE id = $1";

    let mut tx = c.transaction()?;
    tx.execute(
        shift,
        &[&first, &"2026-03-02T14:00:00Z", &"2026-03-02T15:00:00Z"],
    )?;
    tx.execute(
        shift,
        &[&second, &"2026-03-02T15:00:00Z", &"2026-03-02T16:00:00Z"],
    )?;
    tx.commit()?;

    // Half a move (the second visit stays) does not commit.
    let mut tx = c.transaction()?;
    tx.execute(
        shift,
        &[&first, &"2026-03-02T15:30:00Z", &"2026-03-02T16:30:00Z"],
    )?;
    clash("a move onto another visit", tx.commit());
    let starts: String = c
        .query_one(
            "SELECT starts_at FROM appointments WHERE id = $1",
            &[&first],
        )?
        .get("starts_at");
    assert_eq!(
        starts, "2026-03-02T14:00:00Z",
        "the refused move changed nothing"
    );
    Ok(())
}

#[test]
fn a_malformed_time_is_a_check_violation_not_a_cast_error() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("times")? else {
        return Ok(());
    };
    let p = parents::insert(&mut c)?;
    for bad in [
        "2026-03-02 09:00:00Z",
        "2026-03-02T09:00:00+0",
        "xxxxxxxxxxxxxxxxxxxx",
    ] {
        let result = c.execute(
            "INSERT INTO appointments (patient_id, practitioner_id, type_id, starts_at, ends_at,
                 time_zone, created_at, created_by, updated_at, updated_by)
             VALUES ($1, $2, $3, $4, '2026-03-02T23:00:00Z', 'UTC', $5, $2, $5, $2)",
            &[&p.patient, &p.user, &p.type_id, &bad, &AT],
        );
        let (code, message) = refused(bad, result);
        assert_eq!(code, "23514", "{bad}: {message}");
    }
    Ok(())
}
