//! Signing a note (after which the database refuses any change to it) and addenda.

use chrono::Utc;

use super::service::{refused_if_signed, require_acknowledged, require_editable};
use super::store::{load_head, load_note, lock_note};
use super::VisitNote;
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, FieldError, Result};
use crate::ids::NoteId;
use crate::sql_params;

/// Why a note cannot be signed yet, all at once, by field.
fn signing_problems(note: &VisitNote, explanation: Option<&str>) -> Vec<FieldError> {
    let c = &note.draft.content;
    let mut problems = Vec::new();
    if c.chief_complaint.is_none() {
        problems.push(FieldError::new(
            "chief_complaint",
            "Record the chief complaint before signing.",
        ));
    }
    match (c.needles_inserted, c.needles_removed) {
        (None, _) => problems.push(FieldError::new(
            "needles_inserted",
            "Record how many needles were inserted (0 if none) before signing.",
        )),
        (Some(_), None) => problems.push(FieldError::new(
            "needles_removed",
            "Count the needles removed before signing.",
        )),
        (Some(inserted), Some(removed)) if inserted != removed && explanation.is_none() => problems
            .push(FieldError::new(
                "needles_removed",
                format!(
                    "Needles removed ({removed}) does not match needles inserted ({inserted}). \
                     Count again, or explain the difference to sign."
                ),
            )),
        _ => {}
    }
    problems
}

impl Clinic {
    /// Signs the actor's own draft. Needles removed must equal needles inserted unless an
    /// explanation is given (it is kept with the note); every safety alert must be acknowledged.
    pub fn sign_visit_note(
        &self,
        actor: &Actor,
        id: NoteId,
        revision: i64,
        needle_explanation: Option<&str>,
    ) -> Result<VisitNote> {
        actor.require(Operation::SignVisitNote)?;
        let explanation = needle_explanation.map(str::trim).filter(|s| !s.is_empty());
        self.write_db(|db| {
            // Held until the signature commits: a draft saved from another computer meanwhile
            // waits and is then refused as a change to a signed note.
            lock_note(db, id)?;
            let head = load_head(db, id)?;
            require_editable(&head, actor, revision)?;
            let note = load_note(db, id)?;
            require_acknowledged(&note.alerts)?;
            let problems = signing_problems(&note, explanation);
            if !problems.is_empty() {
                return Err(Error::Invalid(problems));
            }
            let c = &note.draft.content;
            let kept = explanation.filter(|_| c.needles_inserted != c.needles_removed);
            db.execute(
                "UPDATE visit_notes SET needle_count_explanation = ?2, signed_at = ?3, signed_by = ?4
                 WHERE id = ?1 AND signed_at IS NULL",
                sql_params![id, kept, Utc::now().to_rfc3339(), actor.user_id()],
            )?;
            audit::record(db, Some(actor), Action::Sign, "visit_note", Some(id.to_string()))?;
            load_note(db, id)
        })
        .map_err(refused_if_signed)
    }

    /// Adds a correction or later information under a signed note.
    pub fn add_addendum(&self, actor: &Actor, id: NoteId, body: &str) -> Result<VisitNote> {
        actor.require(Operation::AddAddendum)?;
        let body = match crate::text::check("The addendum", body, crate::text::NOTE) {
            Ok(Some(body)) => body,
            Ok(None) => return Err(Error::invalid("body", "Write the addendum's text.")),
            Err(problem) => return Err(Error::invalid("body", problem)),
        };
        let body = body.as_str();
        self.write_db(|db| {
            let head = load_head(db, id)?;
            if !head.signed {
                return Err(Error::Conflict(
                    "This note is still a draft: edit it directly; addenda are for signed notes.".to_owned(),
                ));
            }
            let addendum = db.insert_returning_id(
                "INSERT INTO visit_addenda (note_id, author_id, created_at, body) VALUES (?1, ?2, ?3, ?4)
                 RETURNING id",
                sql_params![id, actor.user_id(), Utc::now().to_rfc3339(), body],
            )?;
            audit::record(db, Some(actor), Action::AddAddendum, "visit_addendum", Some(addendum.to_string()))?;
            load_note(db, id)
        })
    }
}
