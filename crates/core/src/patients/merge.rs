//! Merging a duplicate record into the one to keep: its child records move over, and it is
//! archived with a pointer to the kept record. Nothing is deleted.

use super::profile::{load_profile, touch};
use super::PatientProfile;
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::sql_params;

/// Every table whose rows belong to a patient and move on a merge, with its patient column.
/// Later tables (appointments, visit notes, documents) are added here; a test fails when a
/// table refers to `patients` without being listed here or in [`STAYS_WITH_RECORD`].
pub const CHILD_TABLES: &[(&str, &str)] = &[
    ("appointment_series", "patient_id"),
    ("appointments", "patient_id"),
    ("waitlist", "patient_id"),
    ("visit_notes", "patient_id"),
    ("patient_external_ids", "patient_id"),
    ("documents", "patient_id"),
];

/// One-to-one tables that stay with the archived record (the kept record has its own).
pub const STAYS_WITH_RECORD: &[&str] = &["patient_safety", "patient_medical", "patients"];

impl Clinic {
    pub fn merge_patients(
        &self,
        actor: &Actor,
        keep: PatientId,
        merge: PatientId,
    ) -> Result<PatientProfile> {
        actor.require(Operation::MergePatients)?;
        if keep == merge {
            return Err(Error::invalid(
                "merge",
                "Choose two different patients to merge.",
            ));
        }
        self.write_db(|db| {
            let kept = load_profile(db, keep)?;
            let gone = load_profile(db, merge)?;
            if kept.merged_into.is_some() || kept.archived_at.is_some() {
                return Err(Error::Conflict(format!(
                    "Chart #{} is archived; un-archive it first or keep the other record.",
                    kept.chart_number
                )));
            }
            if gone.merged_into.is_some() {
                return Err(Error::Conflict(format!(
                    "Chart #{} was already merged.",
                    gone.chart_number
                )));
            }
            for (table, column) in CHILD_TABLES {
                db.execute(
                    &format!("UPDATE {table} SET {column} = ?1 WHERE {column} = ?2"),
                    sql_params![keep, merge],
                )?;
            }
            db.execute(
                "UPDATE patients SET merged_into = ?2, archived_at = coalesce(archived_at, ?3),
                     archived_by = coalesce(archived_by, ?4) WHERE id = ?1",
                sql_params![
                    merge,
                    keep,
                    chrono::Utc::now().to_rfc3339(),
                    actor.user_id()
                ],
            )?;
            touch(db, merge, actor)?;
            touch(db, keep, actor)?;
            audit::record(
                db,
                Some(actor),
                Action::Merge,
                "patient",
                Some(format!("{merge}->{keep}")),
            )?;
            load_profile(db, keep)
        })
    }
}
