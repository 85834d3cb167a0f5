//! Starting, reading, saving and discarding visit notes.

use chrono::{DateTime, NaiveDate, Utc};

use super::alerts::{accept_acknowledgements, alerts_for, SafetyAlert};
use super::store::{load_head, load_note, lock_note, write_draft, NoteHead};
use super::validate::check_draft;
use super::{NoteDraft, PreviousTreatment, StartNote, VisitNote};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, NoteId, PatientId};
use crate::patients::{load_profile, load_safety, safety_set_at};
use crate::settings;
use crate::sql_params;

/// The refusal of any change to a signed note.
pub(super) fn signed_note_cannot_change() -> Error {
    Error::Conflict(
        "This note is signed and can no longer change; add an addendum instead.".to_owned(),
    )
}

/// The database's own refusal of a change to a signed note, as the same conflict the checks
/// before it give. On PostgreSQL a note's rows can be signed by another computer between the
/// check and the write only if a path forgot [`lock_note`](super::store::lock_note); the
/// immutability triggers (SQLSTATE 23000, migration 0004) are then the last word, and the
/// person saving reads what SQLite's single writer would have told them.
pub(super) fn refused_if_signed(err: Error) -> Error {
    let Error::Database(e) = &err else { return err };
    let Some(db_error) = e.as_db_error() else {
        return err;
    };
    let from_trigger = matches!(
        db_error.message(),
        "a signed visit note cannot be changed; add an addendum"
            | "a signed visit note cannot be deleted"
    );
    if *db_error.code() == postgres::error::SqlState::INTEGRITY_CONSTRAINT_VIOLATION && from_trigger
    {
        signed_note_cannot_change()
    } else {
        err
    }
}

/// Refuses edits to a note that is signed, someone else's, or changed since it was loaded.
pub(super) fn require_editable(head: &NoteHead, actor: &Actor, revision: i64) -> Result<()> {
    if head.signed {
        return Err(signed_note_cannot_change());
    }
    if head.practitioner_id != actor.user_id() {
        return Err(Error::Conflict(format!(
            "Only {}, who wrote this note, can change it.",
            head.practitioner_name
        )));
    }
    if head.revision != revision {
        return Err(Error::Conflict(
            "This note was changed in another window since you opened it. Reload it to see the latest version."
                .to_owned(),
        ));
    }
    Ok(())
}

/// Every alert the draft raises must carry an acknowledgement (stored or in the draft).
pub(super) fn require_acknowledged(alerts: &[SafetyAlert]) -> Result<()> {
    let pending: Vec<&str> = alerts
        .iter()
        .filter(|a| !a.acknowledged)
        .map(|a| a.message.as_str())
        .collect();
    if pending.is_empty() {
        Ok(())
    } else {
        Err(Error::NeedsAcknowledgement(format!(
            "Acknowledge with a reason before saving: {}",
            pending.join(" ")
        )))
    }
}

fn appointment_date(db: &Db<'_>, id: AppointmentId, patient: PatientId) -> Result<NaiveDate> {
    let r = db
        .query_opt(
            "SELECT patient_id, starts_at, time_zone, status FROM appointments WHERE id = ?1",
            sql_params![id],
        )?
        .ok_or_else(|| Error::NotFound(format!("Appointment {id}")))?;
    let owner: PatientId = r.get("patient_id")?;
    let starts_at: String = r.get("starts_at")?;
    let zone: String = r.get("time_zone")?;
    let status: String = r.get("status")?;
    if status == "cancelled" {
        return Err(Error::Conflict(
            "That appointment was cancelled; chart the visit as a walk-in from the patient's Visits tab."
                .to_owned(),
        ));
    }
    if owner != patient {
        return Err(Error::invalid(
            "appointment_id",
            "That appointment is for another patient.",
        ));
    }
    let tz = settings::parse_time_zone(&zone)
        .ok_or_else(|| Error::Internal(format!("appointment {id} has an unknown zone {zone:?}")))?;
    let at = DateTime::parse_from_rfc3339(&starts_at).map_err(|e| {
        Error::Internal(format!(
            "appointment {id} has a bad start {starts_at:?}: {e}"
        ))
    })?;
    Ok(at.with_timezone(&tz).date_naive())
}

impl Clinic {
    /// Opens the note for a session: the appointment's existing note if there is one,
    /// otherwise a new draft by the acting practitioner.
    pub fn start_visit_note(&self, actor: &Actor, input: &StartNote) -> Result<VisitNote> {
        actor.require(Operation::WriteVisitNotes)?;
        let today = self.today()?;
        self.write_db(|db| {
            let patient = load_profile(db, input.patient_id)?;
            if let Some(appt) = input.appointment_id {
                let existing: Option<NoteId> = db
                    .query_opt("SELECT id FROM visit_notes WHERE appointment_id = ?1", sql_params![appt])?
                    .map(|r| r.get("id"))
                    .transpose()?;
                if let Some(id) = existing {
                    audit::record(db, Some(actor), Action::Read, "visit_note", Some(id.to_string()))?;
                    return load_note(db, id);
                }
            }
            if patient.archived_at.is_some() {
                return Err(Error::Conflict(format!(
                    "Chart #{} is archived; un-archive it before charting a visit.",
                    patient.chart_number
                )));
            }
            let date = match (input.appointment_id, input.visit_date.as_deref()) {
                (Some(appt), _) => appointment_date(db, appt, input.patient_id)?,
                (None, Some(text)) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                    Error::invalid("visit_date", "Write the visit date as YYYY-MM-DD.")
                })?,
                (None, None) => today,
            };
            if date > today {
                return Err(Error::invalid("visit_date", "A visit cannot be charted before it happens."));
            }
            if input.appointment_id.is_none() {
                // A second click on "new visit note" reopens today's walk-in draft.
                let open: Option<NoteId> = db
                    .query_opt(
                        "SELECT id FROM visit_notes
                         WHERE patient_id = ?1 AND practitioner_id = ?2 AND visit_date = ?3
                           AND appointment_id IS NULL AND signed_at IS NULL
                         ORDER BY id DESC LIMIT 1",
                        sql_params![input.patient_id, actor.user_id(), date.to_string()],
                    )?
                    .map(|r| r.get("id"))
                    .transpose()?;
                if let Some(id) = open {
                    audit::record(db, Some(actor), Action::Read, "visit_note", Some(id.to_string()))?;
                    return load_note(db, id);
                }
            }
            let now = Utc::now().to_rfc3339();
            let id = NoteId(db.insert_returning_id(
                "INSERT INTO visit_notes (patient_id, practitioner_id, appointment_id, visit_date, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5) RETURNING id",
                sql_params![input.patient_id, actor.user_id(), input.appointment_id, date.to_string(), now],
            )?);
            audit::record(db, Some(actor), Action::Create, "visit_note", Some(id.to_string()))?;
            load_note(db, id)
        })
    }

    pub fn visit_note(&self, actor: &Actor, id: NoteId) -> Result<VisitNote> {
        actor.require(Operation::ReadVisitNotes)?;
        self.write_db(|db| {
            let note = load_note(db, id)?;
            audit::record(
                db,
                Some(actor),
                Action::Read,
                "visit_note",
                Some(id.to_string()),
            )?;
            Ok(note)
        })
    }

    /// Saves the whole draft (autosave calls this). Refused, with nothing written, when the
    /// draft raises a safety alert that has not been acknowledged with a reason.
    pub fn save_visit_note(
        &self,
        actor: &Actor,
        id: NoteId,
        revision: i64,
        draft: &NoteDraft,
    ) -> Result<VisitNote> {
        actor.require(Operation::WriteVisitNotes)?;
        let draft = check_draft(draft)?;
        self.write_db(|db| {
            lock_note(db, id)?;
            let head = load_head(db, id)?;
            require_editable(&head, actor, revision)?;
            let stored = load_note(db, id)?.draft.acknowledgements;
            let patients = db;
            let flags = load_safety(patients, head.patient_id)?;
            let set_at = safety_set_at(patients, head.patient_id)?;
            let raised = alerts_for(&flags, &set_at, &draft, &[]);
            let given = accept_acknowledgements(&raised, &stored, &draft.acknowledgements)?;
            let acks: Vec<_> = stored.iter().chain(&given).cloned().collect();
            require_acknowledged(&alerts_for(&flags, &set_at, &draft, &acks))?;
            let draft = NoteDraft {
                acknowledgements: given,
                ..draft
            };
            let now = Utc::now().to_rfc3339();
            write_draft(db, id, actor.user_id(), &draft, &now)?;
            audit::record(
                db,
                Some(actor),
                Action::Update,
                "visit_note",
                Some(id.to_string()),
            )?;
            load_note(db, id)
        })
        .map_err(refused_if_signed)
    }

    /// The alerts a draft would raise for this patient, before it is saved.
    pub fn check_visit_alerts(
        &self,
        actor: &Actor,
        patient: PatientId,
        draft: &NoteDraft,
    ) -> Result<Vec<SafetyAlert>> {
        actor.require(Operation::WriteVisitNotes)?;
        self.read_db(|db| {
            let patients = db;
            let flags = load_safety(patients, patient)?;
            let set_at = safety_set_at(patients, patient)?;
            Ok(alerts_for(&flags, &set_at, draft, &draft.acknowledgements))
        })
    }

    /// Discards a draft the actor started (a signed note is never removed).
    pub fn discard_visit_note(&self, actor: &Actor, id: NoteId, revision: i64) -> Result<()> {
        actor.require(Operation::WriteVisitNotes)?;
        self.write_db(|db| {
            lock_note(db, id)?;
            let head = load_head(db, id)?;
            require_editable(&head, actor, revision)?;
            for table in [
                "visit_points",
                "visit_pain_regions",
                "visit_diagnoses",
                "visit_psfs",
                "visit_alert_acks",
            ] {
                db.execute(
                    &format!("DELETE FROM {table} WHERE note_id = ?1"),
                    sql_params![id],
                )?;
            }
            db.execute("DELETE FROM visit_notes WHERE id = ?1", sql_params![id])?;
            audit::record(
                db,
                Some(actor),
                Action::Delete,
                "visit_note",
                Some(id.to_string()),
            )
        })
        .map_err(refused_if_signed)
    }

    /// The points of the patient's previous visit, for "copy last treatment".
    pub fn previous_treatment(
        &self,
        actor: &Actor,
        id: NoteId,
    ) -> Result<Option<PreviousTreatment>> {
        actor.require(Operation::ReadVisitNotes)?;
        self.write_db(|db| {
            let head = load_head(db, id)?;
            let previous: Option<NoteId> = db
                .query_opt(
                    "SELECT p.id FROM visit_notes p, visit_notes n
                     WHERE n.id = ?1 AND p.patient_id = n.patient_id AND p.id <> n.id
                       AND (p.visit_date < n.visit_date OR (p.visit_date = n.visit_date AND p.id < n.id))
                     ORDER BY p.visit_date DESC, p.id DESC LIMIT 1",
                    sql_params![head.id],
                )?
                .map(|r| r.get("id"))
                .transpose()?;
            let Some(prev) = previous else { return Ok(None) };
            let note = load_note(db, prev)?;
            audit::record(db, Some(actor), Action::Read, "visit_note", Some(prev.to_string()))?;
            Ok(Some(PreviousTreatment::from_note(note)))
        })
    }
}
