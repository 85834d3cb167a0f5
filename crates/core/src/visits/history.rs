//! Signed notes written whole, without the charting screen's draft steps: the demo clinic's
//! history (and later, records moved in from another system). The rows are the ones a
//! signed chart leaves; the database's triggers still guard them, so the points and findings
//! go in before the note is signed.

use crate::db::Db;
use crate::error::Result;
use crate::ids::{AppointmentId, NoteId, PatientId, UserId};
use crate::sql_params;

/// The note's own fields; optional findings are `None` where nothing was recorded.
pub(crate) struct HistoricNote<'a> {
    pub patient: PatientId,
    pub practitioner: UserId,
    pub appointment: AppointmentId,
    pub visit_date: &'a str,
    pub chief_complaint: &'a str,
    pub pain_now: Option<u8>,
    pub pain_best: Option<u8>,
    pub pain_worst: Option<u8>,
    pub onset: Option<String>,
    pub tongue_body: &'a str,
    pub tongue_coat: &'a str,
    pub pulse_qualities: &'a str,
    pub palpation: Option<String>,
    pub tcm_pattern: &'a str,
    pub plan: &'a str,
    pub moxa: Option<&'a str>,
    pub cupping: Option<&'a str>,
    /// Needles in, and the same number out.
    pub needles: i64,
    pub face_to_face_minutes: i64,
    pub home_advice: &'a str,
    pub signed_at: &'a str,
}

/// One needled point of a historic note, in prescription order.
pub(crate) struct HistoricPoint<'a> {
    pub code: &'a str,
    pub side: &'a str,
    pub technique: &'a str,
    pub depth_mm: i64,
    pub retention_minutes: i64,
    /// The point it is joined to by electro-acupuncture, with Hz and minutes.
    pub electro: Option<(&'a str, f64, i64)>,
}

/// Writes the note (unsigned: its findings follow) and returns its id.
pub(crate) fn insert_note<'c>(db: impl Into<Db<'c>>, n: &HistoricNote<'_>) -> Result<NoteId> {
    let id = db.into().insert_returning_id(
        "INSERT INTO visit_notes (patient_id, practitioner_id, appointment_id, visit_date,
            chief_complaint, pain_now, pain_best, pain_worst, onset, tongue_body, tongue_coat,
            pulse_qualities, palpation, tcm_pattern, plan, moxa, cupping, needles_inserted,
            needles_removed, face_to_face_minutes, home_advice, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?18, ?19, ?20, ?21, ?21)
         RETURNING id",
        sql_params![
            n.patient,
            n.practitioner,
            n.appointment,
            n.visit_date,
            n.chief_complaint,
            n.pain_now,
            n.pain_best,
            n.pain_worst,
            n.onset,
            n.tongue_body,
            n.tongue_coat,
            n.pulse_qualities,
            n.palpation,
            n.tcm_pattern,
            n.plan,
            n.moxa,
            n.cupping,
            n.needles,
            n.face_to_face_minutes,
            n.home_advice,
            n.signed_at,
        ],
    )?;
    Ok(NoteId(id))
}

pub(crate) fn insert_points<'c>(
    db: impl Into<Db<'c>>,
    note: NoteId,
    points: &[HistoricPoint<'_>],
) -> Result<()> {
    let db = db.into();
    for (i, p) in points.iter().enumerate() {
        db.execute(
            "INSERT INTO visit_points (note_id, position, point_code, side, technique, depth_mm,
                retention_minutes, electro_pair, electro_hz, electro_minutes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            sql_params![
                note,
                i as i64 + 1,
                p.code,
                p.side,
                p.technique,
                p.depth_mm,
                p.retention_minutes,
                p.electro.map(|e| e.0),
                p.electro.map(|e| e.1),
                p.electro.map(|e| e.2),
            ],
        )?;
    }
    Ok(())
}

/// A body-map region marked painful; marking the same one twice keeps one.
pub(crate) fn insert_pain_region<'c>(
    db: impl Into<Db<'c>>,
    note: NoteId,
    region: &str,
    side: &str,
) -> Result<()> {
    db.into().execute(
        "INSERT INTO visit_pain_regions (note_id, region, side) VALUES (?1, ?2, ?3)
         ON CONFLICT (note_id, region, side) DO NOTHING",
        sql_params![note, region, side],
    )?;
    Ok(())
}

/// The note's first (main) diagnosis.
pub(crate) fn insert_diagnosis<'c>(
    db: impl Into<Db<'c>>,
    note: NoteId,
    code: &str,
    title: &str,
) -> Result<()> {
    db.into().execute(
        "INSERT INTO visit_diagnoses (note_id, position, code, title) VALUES (?1, 1, ?2, ?3)",
        sql_params![note, code, title],
    )?;
    Ok(())
}

/// The note's first PSFS activity and its score.
pub(crate) fn insert_psfs<'c>(
    db: impl Into<Db<'c>>,
    note: NoteId,
    activity: &str,
    score: i32,
) -> Result<()> {
    db.into().execute(
        "INSERT INTO visit_psfs (note_id, position, activity, score) VALUES (?1, 1, ?2, ?3)",
        sql_params![note, activity, score],
    )?;
    Ok(())
}

/// Signs the note; from here the triggers refuse changes to it and its findings.
pub(crate) fn sign<'c>(db: impl Into<Db<'c>>, note: NoteId, at: &str, by: UserId) -> Result<()> {
    db.into().execute(
        "UPDATE visit_notes SET signed_at = ?2, signed_by = ?3 WHERE id = ?1",
        sql_params![note, at, by],
    )?;
    Ok(())
}

pub(crate) fn insert_addendum<'c>(
    db: impl Into<Db<'c>>,
    note: NoteId,
    author: UserId,
    at: &str,
    body: &str,
) -> Result<()> {
    db.into().execute(
        "INSERT INTO visit_addenda (note_id, author_id, created_at, body) VALUES (?1, ?2, ?3, ?4)",
        sql_params![note, author, at, body],
    )?;
    Ok(())
}
