//! What a bulk import needs from the patient record, inside the import's one transaction:
//! the same checks and duplicate rules as registration, an insert, and filling the empty
//! fields of an existing record (an import "merge" never overwrites what the clinic typed).

use chrono::{NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;

use super::profile::{detail_values, load_profile, touch, DETAIL_COLUMNS};
use super::search::index_row;
use super::{duplicates, NewPatient, PatientDetails, PatientSummary};
use crate::audit::{self, Action};
use crate::auth::Actor;
use crate::error::{FieldError, Result};
use crate::ids::PatientId;

/// The details tidied, or every problem with them (field names as in [`PatientDetails`]).
pub(crate) fn check(
    d: &PatientDetails,
    today: NaiveDate,
) -> Result<PatientDetails, Vec<FieldError>> {
    super::validate::check_details(d, today)
}

/// Existing patients with the same name and birth date, or the same phone.
pub(crate) fn duplicates_of(conn: &Connection, d: &PatientDetails) -> Result<Vec<PatientSummary>> {
    duplicates::find(
        conn,
        &NewPatient {
            given_name: d.given_name.clone(),
            family_name: d.family_name.clone(),
            date_of_birth: d.date_of_birth.clone(),
            phone: d.phone.clone(),
            ..NewPatient::default()
        },
    )
}

/// Registers checked details; audited as a creation like any registration.
pub(crate) fn insert(
    conn: &Connection,
    actor: &Actor,
    d: &PatientDetails,
    now: &str,
) -> Result<PatientId> {
    let chart_number: i64 = conn
        .prepare_cached(
            "UPDATE counters SET value = value + 1 WHERE name = 'chart_number' RETURNING value",
        )?
        .query_row([], |r| r.get(0))?;
    let n = DETAIL_COLUMNS.len();
    let sql =
        format!(
        "INSERT INTO patients ({}, chart_number, created_at, created_by, updated_at, updated_by)
         VALUES ({}, ?{}, ?{}, ?{}, ?{}, ?{})",
        DETAIL_COLUMNS.join(", "),
        (1..=n).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", "),
        n + 1,
        n + 2,
        n + 3,
        n + 2,
        n + 3
    );
    let mut params = detail_values(d);
    params.extend([
        Value::Integer(chart_number),
        Value::Text(now.to_owned()),
        Value::Integer(actor.user_id().0),
    ]);
    conn.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(params))?;
    let id = PatientId(conn.last_insert_rowid());
    index_row(conn, id, chart_number, d)?;
    audit::record(
        conn,
        Some(actor),
        Action::Create,
        "patient",
        Some(id.to_string()),
    )?;
    Ok(id)
}

/// Copies the fields `from` has and `into` lacks.
pub(crate) fn fill_empty(into: &mut PatientDetails, from: &PatientDetails) {
    macro_rules! fill {
        ($($f:ident),+) => { $( if into.$f.is_none() { into.$f = from.$f.clone(); } )+ };
    }
    fill!(
        preferred_name,
        date_of_birth,
        sex,
        gender,
        phone,
        phone_alt,
        email,
        address_line1,
        address_line2,
        city,
        region,
        postal_code,
        country,
        emergency_contact_name,
        emergency_contact_relationship,
        emergency_contact_phone,
        physician_name,
        physician_phone,
        occupation,
        referral_source,
        front_desk_notes,
        consent_date,
        consent_form_version
    );
}

/// Fills an existing record's empty fields from an imported row; audited as an update when
/// anything changed. Returns whether it did.
pub(crate) fn merge_into(
    conn: &Connection,
    actor: &Actor,
    id: PatientId,
    from: &PatientDetails,
) -> Result<bool> {
    let profile = load_profile(conn, id)?;
    let mut details = profile.details.clone();
    fill_empty(&mut details, from);
    if details == profile.details {
        return Ok(false);
    }
    let sets: Vec<String> = DETAIL_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect();
    let mut params = vec![Value::Integer(id.0)];
    params.extend(detail_values(&details));
    conn.execute(
        &format!("UPDATE patients SET {} WHERE id = ?1", sets.join(", ")),
        rusqlite::params_from_iter(params),
    )?;
    touch(conn, id, actor)?;
    index_row(conn, id, profile.chart_number, &details)?;
    audit::record(
        conn,
        Some(actor),
        Action::Update,
        "patient",
        Some(id.to_string()),
    )?;
    Ok(true)
}

/// Records a patient's identifier in the system the clinic moved from.
pub(crate) fn add_external_id(conn: &Connection, id: PatientId, external_id: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO patient_external_ids (external_id, patient_id, imported_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (external_id) DO NOTHING",
    )?
    .execute((external_id, id, Utc::now().to_rfc3339()))?;
    Ok(())
}

pub(crate) fn summary(conn: &Connection, id: PatientId) -> Result<PatientSummary> {
    Ok(conn.query_row(
        &format!(
            "SELECT {} FROM patients p WHERE p.id = ?1",
            super::search::SUMMARY_COLUMNS
        ),
        [id],
        super::search::summary_from_row,
    )?)
}
