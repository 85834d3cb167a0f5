//! Starting, reading, saving and discarding visit notes.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::alerts::{alerts_for, SafetyAlert};
use super::store::{load_head, load_note, write_draft, NoteHead};
use super::validate::check_draft;
use super::{NoteDraft, PreviousTreatment, StartNote, VisitNote};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, NoteId, PatientId};
use crate::patients::{load_profile, load_safety};
use crate::settings;

/// Refuses edits to a note that is signed, someone else's, or changed since it was loaded.
pub(super) fn require_editable(head: &NoteHead, actor: &Actor, revision: i64) -> Result<()> {
    if head.signed {
        return Err(Error::Conflict(
            "This note is signed and can no longer change; add an addendum instead.".to_owned(),
        ));
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

fn appointment_date(conn: &Connection, id: AppointmentId, patient: PatientId) -> Result<NaiveDate> {
    let (owner, starts_at, zone): (PatientId, String, String) = conn
        .query_row(
            "SELECT patient_id, starts_at, time_zone FROM appointments WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Appointment {id}")))?;
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
        self.write(|tx| {
            let patient = load_profile(tx, input.patient_id)?;
            if let Some(appt) = input.appointment_id {
                let existing: Option<NoteId> = tx
                    .query_row("SELECT id FROM visit_notes WHERE appointment_id = ?1", [appt], |r| r.get(0))
                    .optional()?;
                if let Some(id) = existing {
                    audit::record(tx, Some(actor), Action::Read, "visit_note", Some(id.to_string()))?;
                    return load_note(tx, id);
                }
            }
            if patient.archived_at.is_some() {
                return Err(Error::Conflict(format!(
                    "Chart #{} is archived; un-archive it before charting a visit.",
                    patient.chart_number
                )));
            }
            let date = match (input.appointment_id, input.visit_date.as_deref()) {
                (Some(appt), _) => appointment_date(tx, appt, input.patient_id)?,
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
                let open: Option<NoteId> = tx
                    .query_row(
                        "SELECT id FROM visit_notes
                         WHERE patient_id = ?1 AND practitioner_id = ?2 AND visit_date = ?3
                           AND appointment_id IS NULL AND signed_at IS NULL
                         ORDER BY id DESC LIMIT 1",
                        rusqlite::params![input.patient_id, actor.user_id(), date.to_string()],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(id) = open {
                    audit::record(tx, Some(actor), Action::Read, "visit_note", Some(id.to_string()))?;
                    return load_note(tx, id);
                }
            }
            let now = Utc::now().to_rfc3339();
            tx.execute(
                "INSERT INTO visit_notes (patient_id, practitioner_id, appointment_id, visit_date, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                rusqlite::params![input.patient_id, actor.user_id(), input.appointment_id, date.to_string(), now],
            )?;
            let id = NoteId(tx.last_insert_rowid());
            audit::record(tx, Some(actor), Action::Create, "visit_note", Some(id.to_string()))?;
            load_note(tx, id)
        })
    }

    pub fn visit_note(&self, actor: &Actor, id: NoteId) -> Result<VisitNote> {
        actor.require(Operation::ReadVisitNotes)?;
        self.write(|tx| {
            let note = load_note(tx, id)?;
            audit::record(
                tx,
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
        self.write(|tx| {
            let head = load_head(tx, id)?;
            require_editable(&head, actor, revision)?;
            let stored = load_note(tx, id)?;
            let mut acks = stored.draft.acknowledgements.clone();
            acks.extend(draft.acknowledgements.iter().cloned());
            let flags = load_safety(tx, head.patient_id)?;
            require_acknowledged(&alerts_for(&flags, &draft, &acks))?;
            let now = Utc::now().to_rfc3339();
            write_draft(tx, id, actor.user_id(), &draft, &now)?;
            audit::record(
                tx,
                Some(actor),
                Action::Update,
                "visit_note",
                Some(id.to_string()),
            )?;
            load_note(tx, id)
        })
    }

    /// The alerts a draft would raise for this patient, before it is saved.
    pub fn check_visit_alerts(
        &self,
        actor: &Actor,
        patient: PatientId,
        draft: &NoteDraft,
    ) -> Result<Vec<SafetyAlert>> {
        actor.require(Operation::WriteVisitNotes)?;
        self.read(|c| {
            let flags = load_safety(c, patient)?;
            Ok(alerts_for(&flags, draft, &draft.acknowledgements))
        })
    }

    /// Discards a draft the actor started (a signed note is never removed).
    pub fn discard_visit_note(&self, actor: &Actor, id: NoteId, revision: i64) -> Result<()> {
        actor.require(Operation::WriteVisitNotes)?;
        self.write(|tx| {
            let head = load_head(tx, id)?;
            require_editable(&head, actor, revision)?;
            for table in [
                "visit_points",
                "visit_pain_regions",
                "visit_diagnoses",
                "visit_psfs",
                "visit_alert_acks",
            ] {
                tx.execute(&format!("DELETE FROM {table} WHERE note_id = ?1"), [id])?;
            }
            tx.execute("DELETE FROM visit_notes WHERE id = ?1", [id])?;
            audit::record(
                tx,
                Some(actor),
                Action::Delete,
                "visit_note",
                Some(id.to_string()),
            )
        })
    }

    /// The points of the patient's previous visit, for "copy last treatment".
    pub fn previous_treatment(
        &self,
        actor: &Actor,
        id: NoteId,
    ) -> Result<Option<PreviousTreatment>> {
        actor.require(Operation::ReadVisitNotes)?;
        self.write(|tx| {
            let head = load_head(tx, id)?;
            let previous: Option<NoteId> = tx
                .query_row(
                    "SELECT p.id FROM visit_notes p, visit_notes n
                     WHERE n.id = ?1 AND p.patient_id = n.patient_id AND p.id <> n.id
                       AND (p.visit_date < n.visit_date OR (p.visit_date = n.visit_date AND p.id < n.id))
                     ORDER BY p.visit_date DESC, p.id DESC LIMIT 1",
                    [head.id],
                    |r| r.get(0),
                )
                .optional()?;
            let Some(prev) = previous else { return Ok(None) };
            let note = load_note(tx, prev)?;
            audit::record(tx, Some(actor), Action::Read, "visit_note", Some(prev.to_string()))?;
            Ok(Some(PreviousTreatment::from_note(note)))
        })
    }
}
