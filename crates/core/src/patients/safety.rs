//! Needling safety flags: read by every role (badges), set by clinicians.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension};

use super::profile::{load_profile, touch};
use super::validate::check_safety;
use super::{PatientProfile, SafetyFlags};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::PatientId;

pub(crate) fn load_safety(conn: &Connection, id: PatientId) -> Result<SafetyFlags> {
    let flags = conn
        .query_row(
            "SELECT pregnant, pregnancy_due_date, pregnancy_trimester, pacemaker, anticoagulants,
                    needle_phobia, diabetes, metal_allergy, epilepsy, other
             FROM patient_safety WHERE patient_id = ?1",
            [id],
            |r| {
                Ok(SafetyFlags {
                    pregnant: r.get(0)?,
                    pregnancy_due_date: r.get(1)?,
                    pregnancy_trimester: r.get(2)?,
                    pacemaker: r.get(3)?,
                    anticoagulants: r.get(4)?,
                    needle_phobia: r.get(5)?,
                    diabetes: r.get(6)?,
                    metal_allergy: r.get(7)?,
                    epilepsy: r.get(8)?,
                    other: r.get(9)?,
                })
            },
        )
        .optional()?;
    Ok(flags.unwrap_or_default())
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
        self.write(|tx| {
            load_profile(tx, id)?;
            tx.execute(
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
                rusqlite::params![
                    id, f.pregnant, f.pregnancy_due_date, f.pregnancy_trimester, f.pacemaker,
                    f.anticoagulants, f.needle_phobia, f.diabetes, f.metal_allergy, f.epilepsy, f.other,
                    Utc::now().to_rfc3339(), actor.user_id()
                ],
            )?;
            touch(tx, id, actor)?;
            audit::record(tx, Some(actor), Action::Update, "patient_safety", Some(id.to_string()))?;
            load_profile(tx, id)
        })
    }
}
