//! Reading and updating a patient's details, and archiving (patients are never deleted).

use chrono::Utc;

use super::safety::load_safety;
use super::search::index_row;
use super::validate::check_details;
use super::{PatientDetails, PatientProfile, Sex};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row, ToValue, Value};
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::sql_params;

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

fn details_from_row(r: &Row) -> Result<PatientDetails> {
    let g = |name: &str| r.get::<Option<String>>(name);
    let sex = match g("sex")? {
        None => None,
        Some(s) => Some(
            Sex::parse(&s)
                .ok_or_else(|| Error::Internal(format!("column sex: unknown sex {s:?}")))?,
        ),
    };
    Ok(PatientDetails {
        given_name: r.get("given_name")?,
        family_name: r.get("family_name")?,
        preferred_name: g("preferred_name")?,
        date_of_birth: g("date_of_birth")?,
        sex,
        gender: g("gender")?,
        phone: g("phone")?,
        phone_alt: g("phone_alt")?,
        email: g("email")?,
        address_line1: g("address_line1")?,
        address_line2: g("address_line2")?,
        city: g("city")?,
        region: g("region")?,
        postal_code: g("postal_code")?,
        country: g("country")?,
        emergency_contact_name: g("emergency_contact_name")?,
        emergency_contact_relationship: g("emergency_contact_relationship")?,
        emergency_contact_phone: g("emergency_contact_phone")?,
        physician_name: g("physician_name")?,
        physician_phone: g("physician_phone")?,
        occupation: g("occupation")?,
        referral_source: g("referral_source")?,
        front_desk_notes: g("front_desk_notes")?,
        consent_date: g("consent_date")?,
        consent_form_version: g("consent_form_version")?,
    })
}

pub(crate) fn load_profile<'c>(db: impl Into<Db<'c>>, id: PatientId) -> Result<PatientProfile> {
    let db = db.into();
    let sql = format!(
        "SELECT p.id, p.chart_number, p.archived_at, p.merged_into, p.created_at, p.updated_at,
                u.display_name, {}
         FROM patients p JOIN users u ON u.id = p.updated_by WHERE p.id = ?1",
        DETAIL_COLUMNS.map(|c| format!("p.{c}")).join(", ")
    );
    let r = db
        .query_opt(&sql, sql_params![id])?
        .ok_or_else(|| Error::NotFound(format!("Patient {id}")))?;
    Ok(PatientProfile {
        id: r.get("id")?,
        chart_number: r.get("chart_number")?,
        archived_at: r.get("archived_at")?,
        merged_into: r.get("merged_into")?,
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
        updated_by: r.get("display_name")?,
        details: details_from_row(&r)?,
        safety: load_safety(db, id)?,
    })
}

pub(super) fn touch(db: &Db<'_>, id: PatientId, actor: &Actor) -> Result<()> {
    db.execute(
        "UPDATE patients SET updated_at = ?2, updated_by = ?3 WHERE id = ?1",
        sql_params![id, Utc::now().to_rfc3339(), actor.user_id()],
    )?;
    Ok(())
}

/// Writes checked details over a patient's row.
pub(super) fn write_details(db: &Db<'_>, id: PatientId, details: &PatientDetails) -> Result<()> {
    let sets = DETAIL_COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 2))
        .collect::<Vec<_>>();
    let mut params = vec![Value::Integer(id.0)];
    params.extend(detail_values(details));
    let refs: Vec<&dyn ToValue> = params.iter().map(|v| v as &dyn ToValue).collect();
    db.execute(
        &format!("UPDATE patients SET {} WHERE id = ?1", sets.join(", ")),
        &refs,
    )?;
    Ok(())
}

impl Clinic {
    pub fn patient(&self, actor: &Actor, id: PatientId) -> Result<PatientProfile> {
        actor.require(Operation::ReadPatient)?;
        self.write_db(|db| {
            let profile = load_profile(db, id)?;
            audit::record(
                db,
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
        self.write_db(|db| {
            let chart_number = load_profile(db, id)?.chart_number;
            write_details(db, id, &tidied)?;
            touch(db, id, actor)?;
            index_row(db, id, chart_number, &tidied)?;
            audit::record(
                db,
                Some(actor),
                Action::Update,
                "patient",
                Some(id.to_string()),
            )?;
            load_profile(db, id)
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
        self.write_db(|db| {
            let current = load_profile(db, id)?;
            if !archived && current.merged_into.is_some() {
                return Err(Error::Conflict(
                    "This record was merged into another and stays archived; open the kept record instead.".into(),
                ));
            }
            if current.archived_at.is_some() != archived {
                db.execute(
                    "UPDATE patients SET archived_at = ?2, archived_by = ?3 WHERE id = ?1",
                    sql_params![id, archived.then(|| Utc::now().to_rfc3339()), archived.then(|| actor.user_id())],
                )?;
                touch(db, id, actor)?;
                let action = if archived { Action::Archive } else { Action::Unarchive };
                audit::record(db, Some(actor), action, "patient", Some(id.to_string()))?;
            }
            load_profile(db, id)
        })
    }
}
