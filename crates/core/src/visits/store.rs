//! Reading and writing one visit note and the rows that belong to it.

use super::alerts::alerts_for;
use super::{
    Addendum, AlertAcknowledgement, Diagnosis, NoteContent, NoteDraft, NoteStatus, PainRegion,
    PsfsItem, Side, Technique, TreatmentPoint, VisitNote,
};
use crate::db::{Backend, Db, ToValue, Value};
use crate::error::{Error, Result};
use crate::ids::{NoteId, PatientId, UserId};
use crate::patients::{load_safety, safety_set_at};
use crate::sql_params;

/// The columns every note read needs besides the SOAP content.
#[derive(Debug, Clone)]
pub(super) struct NoteHead {
    pub id: NoteId,
    pub patient_id: PatientId,
    pub practitioner_id: UserId,
    pub practitioner_name: String,
    pub revision: i64,
    pub signed: bool,
}

/// Holds the note's row until the transaction ends, before a change that depends on it being
/// a draft (saving, signing, discarding). On PostgreSQL several computers write at once: a
/// draft saved while another computer signs the note would otherwise read the note as an
/// unsigned draft and then write over it as it is signed. With the row held, the second of
/// the two waits for the first to commit and then reads what it left (READ COMMITTED takes a
/// fresh snapshot per statement). SQLite has one writer, whose IMMEDIATE transaction already
/// serialises them, and has no row locks (nor `FOR UPDATE`).
pub(super) fn lock_note(db: &Db<'_>, id: NoteId) -> Result<()> {
    if db.backend() == Backend::Postgres {
        // A note that does not exist is reported by the read that follows.
        db.query_opt(
            "SELECT id FROM visit_notes WHERE id = ?1 FOR UPDATE",
            sql_params![id],
        )?;
    }
    Ok(())
}

pub(super) fn load_head(db: &Db<'_>, id: NoteId) -> Result<NoteHead> {
    let r = db
        .query_opt(
            "SELECT n.id, n.patient_id, n.practitioner_id, u.display_name, n.revision,
                    n.signed_at IS NOT NULL AS signed
             FROM visit_notes n JOIN users u ON u.id = n.practitioner_id WHERE n.id = ?1",
            sql_params![id],
        )?
        .ok_or_else(|| Error::NotFound(format!("Visit note {id}")))?;
    Ok(NoteHead {
        id: r.get("id")?,
        patient_id: r.get("patient_id")?,
        practitioner_id: r.get("practitioner_id")?,
        practitioner_name: r.get("display_name")?,
        revision: r.get("revision")?,
        signed: r.get("signed")?,
    })
}

fn corrupt(what: &str, id: NoteId, value: &str) -> Error {
    Error::Internal(format!("visit note {id} holds an unknown {what} {value:?}"))
}

fn load_points(db: &Db<'_>, id: NoteId) -> Result<Vec<TreatmentPoint>> {
    let rows = db.query(
        "SELECT point_code, side, technique, depth_mm, retention_minutes, electro_pair, electro_hz,
                electro_minutes, note
         FROM visit_points WHERE note_id = ?1 ORDER BY position",
        sql_params![id],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let side: String = r.get("side")?;
        let technique: Option<String> = r.get("technique")?;
        out.push(TreatmentPoint {
            code: r.get("point_code")?,
            side: Side::parse(&side).ok_or_else(|| corrupt("side", id, &side))?,
            technique: match technique {
                Some(t) => Some(Technique::parse(&t).ok_or_else(|| corrupt("technique", id, &t))?),
                None => None,
            },
            depth_mm: r.get("depth_mm")?,
            retention_minutes: r.get("retention_minutes")?,
            electro_pair: r.get("electro_pair")?,
            electro_hz: r.get("electro_hz")?,
            electro_minutes: r.get("electro_minutes")?,
            note: r.get("note")?,
        });
    }
    Ok(out)
}

fn load_regions(db: &Db<'_>, id: NoteId) -> Result<Vec<PainRegion>> {
    let rows = db.query(
        "SELECT region, side FROM visit_pain_regions WHERE note_id = ?1 ORDER BY region, side",
        sql_params![id],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let side: String = r.get("side")?;
        out.push(PainRegion {
            region: r.get("region")?,
            side: Side::parse(&side).ok_or_else(|| corrupt("side", id, &side))?,
        });
    }
    Ok(out)
}

fn load_draft(db: &Db<'_>, id: NoteId, content: NoteContent) -> Result<NoteDraft> {
    let diagnoses = db
        .query(
            "SELECT code, title FROM visit_diagnoses WHERE note_id = ?1 ORDER BY position",
            sql_params![id],
        )?
        .into_iter()
        .map(|r| {
            Ok(Diagnosis {
                code: r.get("code")?,
                title: r.get("title")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let psfs = db
        .query(
            "SELECT activity, score FROM visit_psfs WHERE note_id = ?1 ORDER BY position",
            sql_params![id],
        )?
        .into_iter()
        .map(|r| {
            Ok(PsfsItem {
                activity: r.get("activity")?,
                score: r.get("score")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let acknowledgements = db
        .query(
            "SELECT a.alert_key, a.reason, u.display_name, a.acknowledged_at, a.basis
             FROM visit_alert_acks a JOIN users u ON u.id = a.acknowledged_by
             WHERE a.note_id = ?1 ORDER BY a.acknowledged_at, a.alert_key",
            sql_params![id],
        )?
        .into_iter()
        .map(|r| {
            Ok(AlertAcknowledgement {
                alert_key: r.get("alert_key")?,
                reason: r.get("reason")?,
                acknowledged_by: r.get("display_name")?,
                acknowledged_at: r.get("acknowledged_at")?,
                basis: Some(r.get("basis")?),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(NoteDraft {
        content,
        points: load_points(db, id)?,
        pain_regions: load_regions(db, id)?,
        diagnoses,
        psfs,
        acknowledgements,
    })
}

fn load_addenda(db: &Db<'_>, id: NoteId) -> Result<Vec<Addendum>> {
    db.query(
        "SELECT a.id, u.display_name, a.created_at, a.body
         FROM visit_addenda a JOIN users u ON u.id = a.author_id WHERE a.note_id = ?1 ORDER BY a.id",
        sql_params![id],
    )?
    .into_iter()
    .map(|r| {
        Ok(Addendum {
            id: r.get("id")?,
            author: r.get("display_name")?,
            created_at: r.get("created_at")?,
            body: r.get("body")?,
        })
    })
    .collect()
}

pub(crate) fn load_note<'c>(db: impl Into<Db<'c>>, id: NoteId) -> Result<VisitNote> {
    let db = db.into();
    let columns = NoteContent::COLUMNS
        .iter()
        .map(|c| format!("n.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT n.id, n.patient_id, n.practitioner_id, u.display_name AS practitioner_name,
                n.appointment_id, n.visit_date,
                n.revision, n.needle_count_explanation, n.signed_at, s.display_name AS signed_by_name, n.created_at,
                n.updated_at, {columns}
         FROM visit_notes n JOIN users u ON u.id = n.practitioner_id
         LEFT JOIN users s ON s.id = n.signed_by
         WHERE n.id = ?1"
    );
    let r = db
        .query_opt(&sql, sql_params![id])?
        .ok_or_else(|| Error::NotFound(format!("Visit note {id}")))?;
    let signed_at: Option<String> = r.get("signed_at")?;
    let content = NoteContent::from_row(&r)?;
    let mut note = VisitNote {
        id: r.get("id")?,
        patient_id: r.get("patient_id")?,
        practitioner_id: r.get("practitioner_id")?,
        practitioner_name: r.get("practitioner_name")?,
        appointment_id: r.get("appointment_id")?,
        visit_date: r.get("visit_date")?,
        status: if signed_at.is_some() {
            NoteStatus::Signed
        } else {
            NoteStatus::Draft
        },
        revision: r.get("revision")?,
        draft: NoteDraft::default(),
        alerts: Vec::new(),
        needles_expected: 0,
        needle_count_explanation: r.get("needle_count_explanation")?,
        signed_at,
        signed_by: r.get("signed_by_name")?,
        addenda: Vec::new(),
        created_at: r.get("created_at")?,
        updated_at: r.get("updated_at")?,
    };
    note.draft = load_draft(&db, id, content)?;
    let patients = db;
    let flags = load_safety(patients, note.patient_id)?;
    let set_at = safety_set_at(patients, note.patient_id)?;
    note.alerts = if note.signed_at.is_some() {
        // A signed note keeps the decisions it was signed with, whatever the flags are now.
        let signed: Vec<AlertAcknowledgement> = (note.draft.acknowledgements.iter())
            .map(|a| AlertAcknowledgement {
                basis: None,
                ..a.clone()
            })
            .collect();
        alerts_for(&flags, &set_at, &note.draft, &signed)
    } else {
        alerts_for(&flags, &set_at, &note.draft, &note.draft.acknowledgements)
    };
    note.needles_expected = note.draft.points.iter().map(|p| p.side.needles()).sum();
    note.addenda = load_addenda(&db, id)?;
    Ok(note)
}

/// Writes a validated draft over the note's content and child rows; new acknowledgements are
/// added, earlier ones kept.
pub(super) fn write_draft(
    db: &Db<'_>,
    id: NoteId,
    user: UserId,
    draft: &NoteDraft,
    now: &str,
) -> Result<()> {
    let sets = NoteContent::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{c} = ?{}", i + 3))
        .collect::<Vec<_>>()
        .join(", ");
    let mut values = vec![Value::Integer(id.0), Value::Text(now.to_owned())];
    values.extend(draft.content.values());
    let params: Vec<&dyn ToValue> = values.iter().map(|v| v as &dyn ToValue).collect();
    db.execute(
        &format!(
            "UPDATE visit_notes SET revision = revision + 1, updated_at = ?2, {sets} WHERE id = ?1"
        ),
        &params,
    )?;
    for table in [
        "visit_points",
        "visit_pain_regions",
        "visit_diagnoses",
        "visit_psfs",
    ] {
        db.execute(
            &format!("DELETE FROM {table} WHERE note_id = ?1"),
            sql_params![id],
        )?;
    }
    for (i, p) in draft.points.iter().enumerate() {
        db.execute(
            "INSERT INTO visit_points (note_id, position, point_code, side, technique, depth_mm,
                 retention_minutes, electro_pair, electro_hz, electro_minutes, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            sql_params![
                id,
                i as i64 + 1,
                p.code,
                p.side.as_str(),
                p.technique.map(Technique::as_str),
                p.depth_mm,
                p.retention_minutes,
                p.electro_pair,
                p.electro_hz,
                p.electro_minutes,
                p.note
            ],
        )?;
    }
    for r in &draft.pain_regions {
        db.execute(
            "INSERT INTO visit_pain_regions (note_id, region, side) VALUES (?1, ?2, ?3)",
            sql_params![id, r.region, r.side.as_str()],
        )?;
    }
    for (i, d) in draft.diagnoses.iter().enumerate() {
        db.execute(
            "INSERT INTO visit_diagnoses (note_id, position, code, title) VALUES (?1, ?2, ?3, ?4)",
            sql_params![id, i as i64 + 1, d.code, d.title],
        )?;
    }
    for (i, p) in draft.psfs.iter().enumerate() {
        db.execute(
            "INSERT INTO visit_psfs (note_id, position, activity, score) VALUES (?1, ?2, ?3, ?4)",
            sql_params![id, i as i64 + 1, p.activity, p.score],
        )?;
    }
    // Only acknowledgements given now reach here, each with the basis of the alert it answers
    // (see `service::accept_acknowledgements`); one for an alert raised again replaces the old.
    for a in &draft.acknowledgements {
        db.execute(
            "INSERT INTO visit_alert_acks (note_id, alert_key, reason, acknowledged_by, acknowledged_at, basis)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (note_id, alert_key) DO UPDATE SET reason = excluded.reason,
                 acknowledged_by = excluded.acknowledged_by,
                 acknowledged_at = excluded.acknowledged_at, basis = excluded.basis",
            sql_params![id, a.alert_key, a.reason, user, now, a.basis],
        )?;
    }
    Ok(())
}
