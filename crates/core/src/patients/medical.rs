//! Clinical history, kept in its own table and refused to the front desk by the core.

use chrono::Utc;

use super::profile::load_profile;
use super::validate::check_medical;
use super::MedicalHistory;
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Row;
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::sql_params;

fn medical_from_row(r: &Row) -> Result<MedicalHistory> {
    Ok(MedicalHistory {
        medical_history: r.get("medical_history")?,
        medications: r.get("medications")?,
        allergies: r.get("allergies")?,
        surgeries: r.get("surgeries")?,
        clinical_notes: r.get("clinical_notes")?,
    })
}

impl Clinic {
    pub fn patient_medical(&self, actor: &Actor, id: PatientId) -> Result<MedicalHistory> {
        actor.require(Operation::ReadPatientMedical)?;
        self.write_db(|db| {
            load_profile(db, id)?;
            let medical = db
                .query_opt(
                    "SELECT medical_history, medications, allergies, surgeries, clinical_notes
                     FROM patient_medical WHERE patient_id = ?1",
                    sql_params![id],
                )?
                .map(|r| medical_from_row(&r))
                .transpose()?;
            audit::record(
                db,
                Some(actor),
                Action::Read,
                "patient_medical",
                Some(id.to_string()),
            )?;
            Ok(medical.unwrap_or_default())
        })
    }

    pub fn update_patient_medical(
        &self,
        actor: &Actor,
        id: PatientId,
        medical: &MedicalHistory,
    ) -> Result<MedicalHistory> {
        actor.require(Operation::UpdatePatientMedical)?;
        let m = check_medical(medical).map_err(Error::Invalid)?;
        self.write_db(|db| {
            load_profile(db, id)?;
            db.execute(
                "INSERT INTO patient_medical (patient_id, medical_history, medications, allergies,
                     surgeries, clinical_notes, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (patient_id) DO UPDATE SET
                     medical_history = excluded.medical_history, medications = excluded.medications,
                     allergies = excluded.allergies, surgeries = excluded.surgeries,
                     clinical_notes = excluded.clinical_notes, updated_at = excluded.updated_at,
                     updated_by = excluded.updated_by",
                sql_params![
                    id,
                    m.medical_history,
                    m.medications,
                    m.allergies,
                    m.surgeries,
                    m.clinical_notes,
                    Utc::now().to_rfc3339(),
                    actor.user_id()
                ],
            )?;
            audit::record(
                db,
                Some(actor),
                Action::Update,
                "patient_medical",
                Some(id.to_string()),
            )?;
            Ok(m)
        })
    }
}
