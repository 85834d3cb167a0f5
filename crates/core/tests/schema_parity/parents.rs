//! The fewest rows the rule tests stand on, written with plain SQL (the core's PostgreSQL
//! backend does not exist yet), and how a refused statement is examined.

use postgres::{Client, GenericClient};

use crate::pg_support::PgResult;

pub const AT: &str = "2026-03-02T08:00:00Z";

/// A practitioner (also the acting user), a patient, an appointment type and two rooms.
pub struct Parents {
    pub user: i64,
    pub second_practitioner: i64,
    pub patient: i64,
    /// A duplicate record of the same person, for merges.
    pub duplicate: i64,
    pub type_id: i64,
    pub room: i64,
    pub other_room: i64,
}

pub fn insert(c: &mut Client) -> PgResult<Parents> {
    let user = add_user(c, "lin")?;
    let second_practitioner = add_user(c, "okafor")?;
    for p in [user, second_practitioner] {
        c.execute("INSERT INTO practitioners (user_id) VALUES ($1)", &[&p])?;
    }
    let patient = add_patient(c, 1001, user)?;
    let duplicate = add_patient(c, 1002, user)?;
    let type_id = c
        .query_one(
            "INSERT INTO appointment_types (name, duration_minutes, colour)
             VALUES ('Follow-up', 45, '#2f9e44') RETURNING id",
            &[],
        )?
        .get("id");
    let room = add_room(c, "Room 1")?;
    let other_room = add_room(c, "Room 2")?;
    Ok(Parents {
        user,
        second_practitioner,
        patient,
        duplicate,
        type_id,
        room,
        other_room,
    })
}

fn add_user(c: &mut Client, name: &str) -> PgResult<i64> {
    Ok(c.query_one(
        "INSERT INTO users (username, display_name, password_hash, created_at)
         VALUES ($1, $1, 'x', $2) RETURNING id",
        &[&name, &AT],
    )?
    .get("id"))
}

fn add_patient(c: &mut Client, chart_number: i64, user: i64) -> PgResult<i64> {
    Ok(c.query_one(
        "INSERT INTO patients (chart_number, given_name, family_name, created_at, created_by,
             updated_at, updated_by)
         VALUES ($1, 'Emeka', 'Okafor', $2, $3, $2, $3) RETURNING id",
        &[&chart_number, &AT, &user],
    )?
    .get("id"))
}

fn add_room(c: &mut Client, name: &str) -> PgResult<i64> {
    Ok(c.query_one(
        "INSERT INTO rooms (name) VALUES ($1) RETURNING id",
        &[&name],
    )?
    .get("id"))
}

/// A visit note for the patient, signed or a draft, with one point.
pub fn note(c: &mut impl GenericClient, p: &Parents, signed: bool) -> PgResult<i64> {
    let id: i64 = c
        .query_one(
            "INSERT INTO visit_notes (patient_id, practitioner_id, visit_date, created_at,
                 updated_at)
             VALUES ($1, $2, '2026-03-02', $3, $3) RETURNING id",
            &[&p.patient, &p.user, &AT],
        )?
        .get("id");
    c.execute(
        "INSERT INTO visit_points (note_id, position, point_code, side)
         VALUES ($1, 1, 'BL40', 'bilateral')",
        &[&id],
    )?;
    if signed {
        sign(c, p, id)?;
    }
    Ok(id)
}

pub fn sign(c: &mut impl GenericClient, p: &Parents, note: i64) -> PgResult<()> {
    c.execute(
        "UPDATE visit_notes SET signed_at = $2, signed_by = $3 WHERE id = $1",
        &[&note, &AT, &p.user],
    )?;
    Ok(())
}

/// The SQLSTATE and message of a statement the database refused; a test failure when the
/// statement went through.
pub fn refused<T: std::fmt::Debug>(
    what: &str,
    result: Result<T, postgres::Error>,
) -> (String, String) {
    match result {
        Ok(v) => panic!("{what}: accepted ({v:?}), but the database must refuse it"),
        Err(e) => match e.as_db_error() {
            Some(db) => (db.code().code().to_owned(), db.message().to_owned()),
            None => panic!("{what}: failed without a server error: {e}"),
        },
    }
}
