//! Reading and updating a patient's details, and archiving (patients are never deleted).

use chrono::Utc;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

use super::safety::load_safety;
use super::search::index_row;
use super::validate::check_details;
use super::{PatientDetails, PatientProfile, Sex};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::PatientId;

/// The `patients` columns behind [`PatientDetails`], in field order.
pub(super) const DETAIL_COLUMNS: [&str; 25] = [
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "sex",
    "gender",
    "phone",
    "phone_alt",
    "email",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
    "emergency_contact_name",
    "emergency_contact_relationship",
    "emergency_contact_phone",
    "physician_name",
    "physician_phone",
    "occupation",
    "referral_source",
    "front_desk_notes",
    "consent_date",
    "consent_form_version",
];

pub(super) fn detail_values(d: &PatientDetails) -> Vec<Value> {
    let opt = |v: &Option<String>| v.clone().map_or(Value::Null, Value::Text);
    vec![
        Value::Text(d.given_name.clone()),
        Value::Text(d.family_name.clone()),
        opt(&d.preferred_name),
        opt(&d.date_of_birth),
        d.sex
            .map_or(Value::Null, |s| Value::Text(s.as_str().into())),
        opt(&d.gender),
        opt(&d.phone),
        opt(&d.phone_alt),
        opt(&d.email),
        opt(&d.address_line1),
        opt(&d.address_line2),
        opt(&d.city),
        opt(&d.region),
        opt(&d.postal_code),
        opt(&d.country),
        opt(&d.emergency_contact_name),
        opt(&d.emergency_contact_relationship),
        opt(&d.emergency_contact_phone),
        opt(&d.physician_name),
        opt(&d.physician_phone),
        opt(&d.occupation),
        opt(&d.referral_source),
        opt(&d.front_desk_notes),
        opt(&d.consent_date),
        opt(&d.consent_form_version),
    ]
}

fn details_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<PatientDetails> {
    let g = |i: usize| r.get::<_, Option<String>>(at + i);
    let sex = match g(4)? {
        None => None,
        Some(s) => Some(Sex::parse(&s).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                at + 4,
                rusqlite::types::Type::Text,
                format!("unknown sex {s:?}").into(),
            )
        })?),
    };
    Ok(PatientDetails {
        given_name: r.get(at)?,
        family_name: r.get(at + 1)?,
        preferred_name: g(2)?,
        date_of_birth: g(3)?,
        sex,
        gender: g(5)?,
        phone: g(6)?,
        phone_alt: g(7)?,
        email: g(8)?,
        address_line1: g(9)?,
        address_line2: g(10)?,
        city: g(11)?,
        region: g(12)?,
        postal_code: g(13)?,
        country: g(14)?,
        emergency_contact_name: g(15)?,
        emergency_contact_relationship: g(16)?,
        emergency_contact_phone: g(17)?,
        physician_name: g(18)?,
        physician_phone: g(19)?,
        occupation: g(20)?,
        referral_source: g(21)?,
        front_desk_notes: g(22)?,
        consent_date: g(23)?,
        consent_form_version: g(24)?,
    })
}

pub(crate) fn load_profile(conn: &Connection, id: PatientId) -> Result<PatientProfile> {
    let sql = format!(
        "SELECT p.id, p.chart_number, p.archived_at, p.merged_into, p.created_at, p.updated_at,
                u.display_name, {}
         FROM patients p JOIN users u ON u.id = p.updated_by WHERE p.id = ?1",
        DETAIL_COLUMNS.map(|c| format!("p.{c}")).join(", ")
    );
    let found = conn
        .query_row(&sql, [id], |r| {
            Ok(PatientProfile {
                id: r.get(0)?,
                chart_number: r.get(1)?,
                archived_at: r.get(2)?,
                merged_into: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
                updated_by: r.get(6)?,
                details: details_from_row(r, 7)?,
                safety: Default::default(),
            })
        })
        .optional()?;
    let mut profile = found.ok_or_else(|| Error::NotFound(format!("Patient {id}")))?;
    profile.safety = load_safety(conn, id)?;
    Ok(profile)
}

pub(super) fn touch(conn: &Connection, id: PatientId, actor: &Actor) -> Result<()> {
    conn.execute(
        "UPDATE patients SET updated_at = ?2, updated_by = ?3 WHERE id = ?1",
        (id, Utc::now().to_rfc3339(), actor.user_id()),
    )?;
    Ok(())
}

impl Clinic {
    pub fn patient(&self, actor: &Actor, id: PatientId) -> Result<PatientProfile> {
        actor.require(Operation::ReadPatient)?;
        self.write(|tx| {
            let profile = load_profile(tx, id)?;
            audit::record(
                tx,
                Some(actor),
                Action::Read,
                "patient",
                Some(id.to_string()),
            )?;
            Ok(profile)
        })
    }

    pub fn update_patient_details(
        &self,
        actor: &Actor,
        id: PatientId,
        details: &PatientDetails,
    ) -> Result<PatientProfile> {
        actor.require(Operation::UpdatePatientDetails)?;
        let tidied = check_details(details, self.today()?).map_err(Error::Invalid)?;
        self.write(|tx| {
            let chart_number = load_profile(tx, id)?.chart_number;
            let sets = DETAIL_COLUMNS
                .iter()
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 2))
                .collect::<Vec<_>>();
            let mut params = vec![Value::Integer(id.0)];
            params.extend(detail_values(&tidied));
            tx.execute(
                &format!("UPDATE patients SET {} WHERE id = ?1", sets.join(", ")),
                rusqlite::params_from_iter(params),
            )?;
            touch(tx, id, actor)?;
            index_row(tx, id, chart_number, &tidied)?;
            audit::record(
                tx,
                Some(actor),
                Action::Update,
                "patient",
                Some(id.to_string()),
            )?;
            load_profile(tx, id)
        })
    }

    /// Archived patients disappear from search (unless asked for) but keep every record.
    pub fn set_patient_archived(
        &self,
        actor: &Actor,
        id: PatientId,
        archived: bool,
    ) -> Result<PatientProfile> {
        actor.require(Operation::ArchivePatient)?;
        self.write(|tx| {
            let current = load_profile(tx, id)?;
            if !archived && current.merged_into.is_some() {
                return Err(Error::Conflict(
                    "This record was merged into another and stays archived; open the kept record instead.".into(),
                ));
            }
            if current.archived_at.is_some() != archived {
                tx.execute(
                    "UPDATE patients SET archived_at = ?2, archived_by = ?3 WHERE id = ?1",
                    (id, archived.then(|| Utc::now().to_rfc3339()), archived.then(|| actor.user_id())),
                )?;
                touch(tx, id, actor)?;
                let action = if archived { Action::Archive } else { Action::Unarchive };
                audit::record(tx, Some(actor), action, "patient", Some(id.to_string()))?;
            }
            load_profile(tx, id)
        })
    }
}
