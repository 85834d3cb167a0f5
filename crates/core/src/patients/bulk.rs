//! What a bulk import needs from the patient record, inside the import's one transaction:
//! the same checks and duplicate rules as registration, an insert, and filling the empty
//! fields of an existing record (an import "merge" never overwrites what the clinic typed).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};

use super::profile::{detail_values, load_profile, touch, write_details, DETAIL_COLUMNS};
use super::search::index_row;
use super::{duplicates, NewPatient, PatientDetails, PatientSummary};
use crate::audit::{self, Action};
use crate::auth::Actor;
use crate::db::{Db, ToValue, Value};
use crate::error::{FieldError, Result};
use crate::ids::{PatientId, UserId};
use crate::sql_params;

/// The details tidied, or every problem with them (field names as in [`PatientDetails`]).
pub(crate) fn check(
    d: &PatientDetails,
    today: NaiveDate,
) -> Result<PatientDetails, Vec<FieldError>> {
    super::validate::check_details(d, today)
}

/// Existing patients with the same name and birth date, or the same phone.
pub(crate) fn duplicates_of<'c>(
    db: impl Into<Db<'c>>,
    d: &PatientDetails,
) -> Result<Vec<PatientSummary>> {
    duplicates::find(
        &db.into(),
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
pub(crate) fn insert<'c>(
    db: impl Into<Db<'c>>,
    actor: &Actor,
    d: &PatientDetails,
    now: &str,
) -> Result<PatientId> {
    let db = db.into();
    let id = insert_unaudited(db, actor.user_id(), d, now)?;
    audit::record(
        db,
        Some(actor),
        Action::Create,
        "patient",
        Some(id.to_string()),
    )?;
    Ok(id)
}

/// The patient's row, next chart number and search index, for callers that audit the whole
/// batch in one row (the demo clinic's thousands of made-up patients).
pub(crate) fn insert_unaudited<'c>(
    db: impl Into<Db<'c>>,
    by: UserId,
    d: &PatientDetails,
    now: &str,
) -> Result<PatientId> {
    let db = db.into();
    let chart_number: i64 = db
        .query_one(
            "UPDATE counters SET value = value + 1 WHERE name = 'chart_number' RETURNING value",
            sql_params![],
        )?
        .get("value")?;
    let n = DETAIL_COLUMNS.len();
    let sql =
        format!(
        "INSERT INTO patients ({}, chart_number, created_at, created_by, updated_at, updated_by)
         VALUES ({}, ?{}, ?{}, ?{}, ?{}, ?{}) RETURNING id",
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
        Value::Integer(by.0),
    ]);
    let refs: Vec<&dyn ToValue> = params.iter().map(|v| v as &dyn ToValue).collect();
    let id = PatientId(db.insert_returning_id(&sql, &refs)?);
    index_row(&db, id, chart_number, d)?;
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
pub(crate) fn merge_into<'c>(
    db: impl Into<Db<'c>>,
    actor: &Actor,
    id: PatientId,
    from: &PatientDetails,
) -> Result<bool> {
    let db = db.into();
    let profile = load_profile(db, id)?;
    let mut details = profile.details.clone();
    fill_empty(&mut details, from);
    if details == profile.details {
        return Ok(false);
    }
    write_details(&db, id, &details)?;
    touch(&db, id, actor)?;
    index_row(&db, id, profile.chart_number, &details)?;
    audit::record(
        db,
        Some(actor),
        Action::Update,
        "patient",
        Some(id.to_string()),
    )?;
    Ok(true)
}

/// Records a patient's identifier in the system the clinic moved from.
pub(crate) fn add_external_id<'c>(
    db: impl Into<Db<'c>>,
    id: PatientId,
    external_id: &str,
) -> Result<()> {
    db.into().execute(
        "INSERT INTO patient_external_ids (external_id, patient_id, imported_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (external_id) DO NOTHING",
        sql_params![external_id, id, Utc::now().to_rfc3339()],
    )?;
    Ok(())
}

pub(crate) fn summary<'c>(db: impl Into<Db<'c>>, id: PatientId) -> Result<PatientSummary> {
    super::search::summary_from_row(&db.into().query_one(
        &format!(
            "SELECT {} FROM patients p WHERE p.id = ?1",
            super::search::SUMMARY_COLUMNS
        ),
        sql_params![id],
    )?)
}

/// The registration duplicate rules over every patient at once, held in memory: an import
/// asks for tens of thousands of rows, and one index beats two full-text queries per row.
/// Names are compared as the search index's tokens (case and accents folded, every word of
/// the row's name among the record's words) with the same birth date; a phone as the digits
/// the index holds (phones, chart number, birth-date digit runs), seven or more.
pub(crate) struct DuplicateIndex {
    by_dob: HashMap<String, Vec<(PatientId, Vec<String>)>>,
    by_number: HashMap<String, Vec<PatientId>>,
}

fn tokens(text: &str) -> Vec<String> {
    super::fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl DuplicateIndex {
    pub(crate) fn load<'c>(db: impl Into<Db<'c>>) -> Result<Self> {
        let mut index = DuplicateIndex {
            by_dob: HashMap::new(),
            by_number: HashMap::new(),
        };
        db.into().for_each(
            "SELECT id, given_name, family_name, coalesce(preferred_name, '') AS preferred_name, date_of_birth, phone, phone_alt, chart_number
             FROM patients WHERE merged_into IS NULL ORDER BY id",
            sql_params![],
            |r| {
            let id: PatientId = r.get("id")?;
            let names = tokens(&format!(
                "{} {} {}",
                r.get::<String>("given_name")?,
                r.get::<String>("family_name")?,
                r.get::<String>("preferred_name")?
            ));
            let dob: Option<String> = r.get("date_of_birth")?;
            let mut numbers: Vec<String> = vec![r.get::<i64>("chart_number")?.to_string()];
            for phone in [
                r.get::<Option<String>>("phone")?,
                r.get::<Option<String>>("phone_alt")?,
            ]
            .into_iter()
            .flatten()
            {
                numbers.push(super::search::digits(&phone));
            }
            if let Some(dob) = dob {
                if let Ok(d) = NaiveDate::parse_from_str(&dob, "%Y-%m-%d") {
                    numbers.extend(["%Y%m%d", "%d%m%Y", "%m%d%Y"].map(|f| d.format(f).to_string()));
                }
                index.by_dob.entry(dob).or_default().push((id, names));
            }
            for n in numbers.into_iter().filter(|n| !n.is_empty()) {
                index.by_number.entry(n).or_default().push(id);
            }
            Ok(())
        })?;
        Ok(index)
    }

    /// Matching patients: name and birth date first, then phone, each by id.
    pub(crate) fn find(&self, d: &PatientDetails) -> Vec<PatientId> {
        let mut found: Vec<PatientId> = Vec::new();
        let wanted = tokens(&format!("{} {}", d.given_name, d.family_name));
        if let (Some(dob), false) = (d.date_of_birth.as_deref(), wanted.is_empty()) {
            if let Some(candidates) = self.by_dob.get(dob.trim()) {
                found.extend(
                    candidates
                        .iter()
                        .filter(|(_, names)| wanted.iter().all(|w| names.contains(w)))
                        .map(|(id, _)| *id),
                );
            }
        }
        found.sort();
        let phone = d
            .phone
            .as_deref()
            .map(super::search::digits)
            .unwrap_or_default();
        if phone.len() >= MIN_PHONE_DIGITS {
            let mut by_phone = self.by_number.get(&phone).cloned().unwrap_or_default();
            by_phone.sort();
            by_phone.dedup();
            found.extend(
                by_phone
                    .into_iter()
                    .filter(|id| !found.contains(id))
                    .collect::<Vec<_>>(),
            );
        }
        found
    }
}

/// Fewer digits than this are too short to call two phone numbers the same (as registration).
const MIN_PHONE_DIGITS: usize = 7;

/// The id the next registered patient will get (ids are never reused).
pub(crate) fn next_id<'c>(db: impl Into<Db<'c>>) -> Result<i64> {
    db.into()
        .query_one(
            "SELECT CAST(coalesce(max(id), 0) + 1 AS BIGINT) AS next_id FROM patients",
            sql_params![],
        )?
        .get("next_id")
}
