//! Needling safety flags: read by every role (badges), set by clinicians.

use chrono::Utc;

use super::profile::{load_profile, touch};
use super::validate::check_safety;
use super::{PatientProfile, SafetyFlags};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::sql_params;

pub(crate) fn load_safety<'c>(db: impl Into<Db<'c>>, id: PatientId) -> Result<SafetyFlags> {
    let Some(r) = db.into().query_opt(
        "SELECT pregnant, pregnancy_due_date, pregnancy_trimester, pacemaker, anticoagulants,
                needle_phobia, diabetes, metal_allergy, epilepsy, other
         FROM patient_safety WHERE patient_id = ?1",
        sql_params![id],
    )?
    else {
        return Ok(SafetyFlags::default());
    };
    SafetyFlags::from_row(&r)
}

impl SafetyFlags {
    /// The flags from a row holding `patient_safety`'s columns by their own names (its own
    /// query, or a join such as the schedule's).
    pub(crate) fn from_row(r: &Row) -> Result<Self> {
        Ok(SafetyFlags {
            pregnant: r.get("pregnant")?,
            pregnancy_due_date: r.get("pregnancy_due_date")?,
            pregnancy_trimester: r.get("pregnancy_trimester")?,
            pacemaker: r.get("pacemaker")?,
            anticoagulants: r.get("anticoagulants")?,
            needle_phobia: r.get("needle_phobia")?,
            diabetes: r.get("diabetes")?,
            metal_allergy: r.get("metal_allergy")?,
            epilepsy: r.get("epilepsy")?,
            other: r.get("other")?,
        })
    }
}

/// When the patient's safety flags were last set (empty when never): part of every safety
/// alert's basis, so that a change in the flags raises its alerts again.
pub(crate) fn safety_set_at<'c>(db: impl Into<Db<'c>>, id: PatientId) -> Result<String> {
    let at = db.into().query_opt(
        "SELECT updated_at FROM patient_safety WHERE patient_id = ?1",
        sql_params![id],
    )?;
    at.map_or_else(|| Ok(String::new()), |r| r.get("updated_at"))
}

impl Clinic {
    pub fn update_safety_flags(
        &self,
        actor: &Actor,
        id: PatientId,
        flags: &SafetyFlags,
    ) -> Result<PatientProfile> {
        actor.require(Operation::UpdateSafetyFlags)?;
        let f = check_safety(flags).map_err(Error::Invalid)?;
        self.write_db(|db| {
            load_profile(db, id)?;
            db.execute(
                "INSERT INTO patient_safety (patient_id, pregnant, pregnancy_due_date, pregnancy_trimester,
                     pacemaker, anticoagulants, needle_phobia, diabetes, metal_allergy, epilepsy, other,
                     updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (patient_id) DO UPDATE SET
                     pregnant = excluded.pregnant, pregnancy_due_date = excluded.pregnancy_due_date,
                     pregnancy_trimester = excluded.pregnancy_trimester, pacemaker = excluded.pacemaker,
                     anticoagulants = excluded.anticoagulants, needle_phobia = excluded.needle_phobia,
                     diabetes = excluded.diabetes, metal_allergy = excluded.metal_allergy,
                     epilepsy = excluded.epilepsy, other = excluded.other,
                     updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                sql_params![
                    id, f.pregnant, f.pregnancy_due_date, f.pregnancy_trimester, f.pacemaker,
                    f.anticoagulants, f.needle_phobia, f.diabetes, f.metal_allergy, f.epilepsy, f.other,
                    Utc::now().to_rfc3339(), actor.user_id()
                ],
            )?;
            touch(db, id, actor)?;
            audit::record(db, Some(actor), Action::Update, "patient_safety", Some(id.to_string()))?;
            load_profile(db, id)
        })
    }
}
