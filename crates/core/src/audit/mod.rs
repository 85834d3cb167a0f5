//! The audit log: every service that reads or changes a record writes one row here in the
//! same transaction. Rows say who, when and what (action, record type and id, the patient it
//! concerns), never the clinical content. Rows are chained by SHA-256 (each hash covers the
//! row and the previous hash) and triggers refuse UPDATE and DELETE, so tampering by hand
//! shows up in [`Clinic::verify_audit`]; the chain's head is also kept beside the database
//! ([`anchor`]) so that removing the newest rows shows up too.

pub(crate) mod anchor;
mod query;
mod verify;

pub use query::{AuditEntry, AuditExport, AuditFilter, AuditPage};
pub use verify::{AnchorStatus, AuditVerification};

use chrono::Utc;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::auth::Actor;
use crate::db::{Backend, Db};
use crate::error::Result;
use crate::ids::PatientId;
use crate::sql_params;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

macro_rules! actions {
    ($($(#[$doc:meta])* $variant:ident => $name:literal,)+) => {
        /// What an audit row records. Stored as its snake_case name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($(#[$doc])* $variant,)+
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            pub fn parse(s: &str) -> Option<Action> {
                match s {
                    $($name => Some(Action::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

actions! {
    SetUp => "set_up",
    Login => "login",
    /// A wrong password at sign-in or when changing one's own password, or a sign-in refused
    /// while waiting after repeated failures.
    LoginFailed => "login_failed",
    /// "Lock now".
    Lock => "lock",
    /// The window locked after the clinic's idle time.
    IdleLock => "idle_lock",
    Unlock => "unlock",
    UnlockFailed => "unlock_failed",
    Create => "create",
    /// A patient's record, clinical history or chart, or a visit note, was opened.
    Read => "read",
    Update => "update",
    Archive => "archive",
    Unarchive => "unarchive",
    Merge => "merge",
    LoadDemo => "load_demo",
    Delete => "delete",
    Sign => "sign",
    AddAddendum => "add_addendum",
    /// An appointment (or a series of them) was cancelled.
    Cancel => "cancel",
    Disable => "disable",
    Enable => "enable",
    ResetPassword => "reset_password",
    ChangePassword => "change_password",
    ChangeRoles => "change_roles",
    /// A document (PDF) was generated.
    GenerateDocument => "generate_document",
    /// Patients or appointments were imported from a CSV file (one row per import; each
    /// record it created or changed has its own row too).
    Import => "import",
    /// Data left the database as a file (CSV, FHIR, the audit log itself).
    Export => "export",
    /// An encrypted backup was made (by hand or on schedule).
    Backup => "backup",
    /// A backup replaced the clinic's data.
    Restore => "restore",
    /// The database key was changed.
    RotateKey => "rotate_key",
    ChangeSettings => "change_settings",
    /// An admin accepted the current head of the log as its new anchor (after a restore).
    ResetAnchor => "reset_anchor",
}

struct Row<'a> {
    id: i64,
    at: &'a str,
    user_id: Option<i64>,
    action: &'a str,
    entity: &'a str,
    entity_id: Option<&'a str>,
    patient_id: Option<i64>,
}

/// The hash of one row given the previous row's hash. Fields are length-prefixed so that no
/// two different rows can produce the same input. The patient is hashed only when present, so
/// rows written before migration 0005 (which have none) keep their hashes.
fn chain_hash(prev: &str, row: &Row<'_>) -> String {
    let mut h = Sha256::new();
    let user = row.user_id.map(|u| u.to_string()).unwrap_or_default();
    let entity_id = row.entity_id.unwrap_or("\u{0}");
    let patient = row.patient_id.map(|p| p.to_string());
    let parts = [
        Some(prev),
        Some(&row.id.to_string()),
        Some(row.at),
        Some(&user),
        Some(row.action),
        Some(row.entity),
        Some(entity_id),
        patient.as_deref(),
    ];
    for part in parts.into_iter().flatten() {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

/// Record types whose id is the patient's own id (`merge` rows name `merged->kept`).
const PATIENT_ENTITIES: &[&str] = &[
    "patient",
    "patient_medical",
    "patient_safety",
    "patient_appointments",
    "chart",
];

/// Record types that belong to a patient, and how to find which one. A new record type that
/// belongs to a patient is added here (or its service calls [`record_for_patient`]), so the
/// audit screen's patient filter finds its rows.
const PATIENT_OF: &[(&str, &str)] = &[
    (
        "visit_note",
        "SELECT patient_id FROM visit_notes WHERE id = ?1",
    ),
    (
        "visit_addendum",
        "SELECT n.patient_id FROM visit_addenda a JOIN visit_notes n ON n.id = a.note_id WHERE a.id = ?1",
    ),
    (
        "appointment",
        "SELECT patient_id FROM appointments WHERE id = ?1",
    ),
    (
        "appointment_status",
        "SELECT patient_id FROM appointments WHERE id = ?1",
    ),
    (
        "appointment_series",
        "SELECT patient_id FROM appointment_series WHERE id = ?1",
    ),
    (
        "waitlist",
        "SELECT patient_id FROM waitlist WHERE id = ?1",
    ),
];

fn patient_of(db: &Db<'_>, entity: &str, entity_id: Option<&str>) -> Result<Option<PatientId>> {
    let Some(id) = entity_id else { return Ok(None) };
    if PATIENT_ENTITIES.contains(&entity) {
        let own = id.rsplit("->").next().unwrap_or(id);
        return Ok(own.parse().ok().map(PatientId));
    }
    let Some((_, sql)) = PATIENT_OF.iter().find(|(e, _)| *e == entity) else {
        return Ok(None);
    };
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    db.query_opt(sql, sql_params![id])?
        .map(|r| r.get("patient_id"))
        .transpose()
}

/// Appends one row. The patient it concerns is found from the record type and id.
pub(crate) fn record<'c>(
    db: impl Into<Db<'c>>,
    actor: Option<&Actor>,
    action: Action,
    entity: &str,
    entity_id: Option<String>,
) -> Result<()> {
    let db = db.into();
    let patient = patient_of(&db, entity, entity_id.as_deref())?;
    record_for_patient(db, actor, action, entity, entity_id, patient)
}

/// Appends one row about a record of `patient` (documents, exports of one patient).
pub(crate) fn record_for_patient<'c>(
    db: impl Into<Db<'c>>,
    actor: Option<&Actor>,
    action: Action,
    entity: &str,
    entity_id: Option<String>,
    patient: Option<PatientId>,
) -> Result<()> {
    let db = db.into();
    if db.backend() == Backend::Postgres {
        // Each append waits for the one before it to commit, so every row extends the last
        // committed head and the chain never forks. Every write transaction already holds
        // this lock from its start (`PgPool::write`); taking it again here costs nothing and
        // keeps the chain safe for any caller. (SQLite has one writer, the same order.)
        db.execute(
            "SELECT pg_advisory_xact_lock(?1)",
            sql_params![crate::db::WRITER_LOCK],
        )?;
    }
    let last = db.query_opt(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
        sql_params![],
    )?;
    let (last_id, prev) = match last {
        Some(row) => (row.get::<i64>("id")?, row.get::<String>("hash")?),
        None => (0, GENESIS.to_owned()),
    };
    let at = Utc::now().to_rfc3339();
    let row = Row {
        id: last_id + 1,
        at: &at,
        user_id: actor.map(|a| a.user_id().0),
        action: action.as_str(),
        entity,
        entity_id: entity_id.as_deref(),
        patient_id: patient.map(|p| p.0),
    };
    db.execute(
        "INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, patient_id, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        sql_params![
            row.id,
            row.at,
            row.user_id,
            row.action,
            row.entity,
            row.entity_id,
            row.patient_id,
            chain_hash(&prev, &row)
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_names_match_their_wire_form() -> std::result::Result<(), serde_json::Error> {
        for action in Action::ALL {
            let wire = serde_json::to_value(action)?;
            assert_eq!(wire, serde_json::Value::from(action.as_str()));
            assert_eq!(Action::parse(action.as_str()), Some(*action));
        }
        Ok(())
    }

    #[test]
    fn a_row_without_a_patient_hashes_as_before_and_differs_from_one_with() {
        let row = |patient_id| Row {
            id: 7,
            at: "2026-01-01T00:00:00+00:00",
            user_id: Some(1),
            action: "read",
            entity: "patient",
            entity_id: Some("3"),
            patient_id,
        };
        // The hash of this row as the foundation's code computed it (no patient field),
        // computed independently (Python hashlib, the same length-prefixed encoding).
        assert_eq!(
            chain_hash(GENESIS, &row(None)),
            "a2c67d615d009a39d119233d2b6656a9c07b946f4252ea3f5128ecc759e9b2d5"
        );
        assert_ne!(
            chain_hash(GENESIS, &row(None)),
            chain_hash(GENESIS, &row(Some(3)))
        );
        assert_ne!(
            chain_hash(GENESIS, &row(Some(3))),
            chain_hash(GENESIS, &row(Some(4)))
        );
    }
}
