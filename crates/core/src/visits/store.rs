//! Reading and writing one visit note and the rows that belong to it.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension};

use super::alerts::alerts_for;
use super::{
    Addendum, AlertAcknowledgement, Diagnosis, NoteContent, NoteDraft, NoteStatus, PainRegion,
    PsfsItem, Side, Technique, TreatmentPoint, VisitNote,
};
use crate::error::{Error, Result};
use crate::ids::{NoteId, PatientId, UserId};
use crate::patients::load_safety;

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

pub(super) fn load_head(conn: &Connection, id: NoteId) -> Result<NoteHead> {
    conn.query_row(
        "SELECT n.id, n.patient_id, n.practitioner_id, u.display_name, n.revision, n.signed_at IS NOT NULL
         FROM visit_notes n JOIN users u ON u.id = n.practitioner_id WHERE n.id = ?1",
        [id],
        |r| {
            Ok(NoteHead {
                id: r.get(0)?,
                patient_id: r.get(1)?,
                practitioner_id: r.get(2)?,
                practitioner_name: r.get(3)?,
                revision: r.get(4)?,
                signed: r.get(5)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("Visit note {id}")))
}

fn corrupt(what: &str, id: NoteId, value: &str) -> Error {
    Error::Internal(format!("visit note {id} holds an unknown {what} {value:?}"))
}

fn load_points(conn: &Connection, id: NoteId) -> Result<Vec<TreatmentPoint>> {
    let mut stmt = conn.prepare_cached(
        "SELECT point_code, side, technique, depth_mm, retention_minutes, electro_pair, electro_hz,
                electro_minutes, note
         FROM visit_points WHERE note_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            TreatmentPoint {
                code: String::new(),
                side: Side::Bilateral,
                technique: None,
                depth_mm: r.get(3)?,
                retention_minutes: r.get(4)?,
                electro_pair: r.get(5)?,
                electro_hz: r.get(6)?,
                electro_minutes: r.get(7)?,
                note: r.get(8)?,
            },
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, side, technique, mut point) = row?;
        point.side = Side::parse(&side).ok_or_else(|| corrupt("side", id, &side))?;
        point.technique = match technique {
            Some(t) => Some(Technique::parse(&t).ok_or_else(|| corrupt("technique", id, &t))?),
            None => None,
        };
        point.code = code;
        out.push(point);
    }
    Ok(out)
}

fn load_regions(conn: &Connection, id: NoteId) -> Result<Vec<PainRegion>> {
    let mut stmt = conn.prepare_cached(
        "SELECT region, side FROM visit_pain_regions WHERE note_id = ?1 ORDER BY region, side",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (region, side) = row?;
        let side = Side::parse(&side).ok_or_else(|| corrupt("side", id, &side))?;
        out.push(PainRegion { region, side });
    }
    Ok(out)
}

fn load_draft(conn: &Connection, id: NoteId, content: NoteContent) -> Result<NoteDraft> {
    let diagnoses = conn
        .prepare_cached(
            "SELECT code, title FROM visit_diagnoses WHERE note_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(Diagnosis {
                code: r.get(0)?,
                title: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let psfs = conn
        .prepare_cached(
            "SELECT activity, score FROM visit_psfs WHERE note_id = ?1 ORDER BY position",
        )?
        .query_map([id], |r| {
            Ok(PsfsItem {
                activity: r.get(0)?,
                score: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let acknowledgements = conn
        .prepare_cached(
            "SELECT a.alert_key, a.reason, u.display_name, a.acknowledged_at
             FROM visit_alert_acks a JOIN users u ON u.id = a.acknowledged_by
             WHERE a.note_id = ?1 ORDER BY a.acknowledged_at, a.alert_key",
        )?
        .query_map([id], |r| {
            Ok(AlertAcknowledgement {
                alert_key: r.get(0)?,
                reason: r.get(1)?,
                acknowledged_by: r.get(2)?,
                acknowledged_at: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(NoteDraft {
        content,
        points: load_points(conn, id)?,
        pain_regions: load_regions(conn, id)?,
        diagnoses,
        psfs,
        acknowledgements,
    })
}

fn load_addenda(conn: &Connection, id: NoteId) -> Result<Vec<Addendum>> {
    Ok(conn
        .prepare_cached(
            "SELECT a.id, u.display_name, a.created_at, a.body
             FROM visit_addenda a JOIN users u ON u.id = a.author_id WHERE a.note_id = ?1 ORDER BY a.id",
        )?
        .query_map([id], |r| {
            Ok(Addendum { id: r.get(0)?, author: r.get(1)?, created_at: r.get(2)?, body: r.get(3)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn load_note(conn: &Connection, id: NoteId) -> Result<VisitNote> {
    let columns = NoteContent::COLUMNS
        .iter()
        .map(|c| format!("n.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT n.id, n.patient_id, n.practitioner_id, u.display_name, n.appointment_id, n.visit_date,
                n.revision, n.needle_count_explanation, n.signed_at, s.display_name, n.created_at,
                n.updated_at, {columns}
         FROM visit_notes n JOIN users u ON u.id = n.practitioner_id
         LEFT JOIN users s ON s.id = n.signed_by
         WHERE n.id = ?1"
    );
    let (mut note, content) = conn
        .query_row(&sql, [id], |r| {
            let signed_at: Option<String> = r.get(8)?;
            Ok((
                VisitNote {
                    id: r.get(0)?,
                    patient_id: r.get(1)?,
                    practitioner_id: r.get(2)?,
                    practitioner_name: r.get(3)?,
                    appointment_id: r.get(4)?,
                    visit_date: r.get(5)?,
                    status: if signed_at.is_some() {
                        NoteStatus::Signed
                    } else {
                        NoteStatus::Draft
                    },
                    revision: r.get(6)?,
                    draft: NoteDraft::default(),
                    alerts: Vec::new(),
                    needles_expected: 0,
                    needle_count_explanation: r.get(7)?,
                    signed_at,
                    signed_by: r.get(9)?,
                    addenda: Vec::new(),
                    created_at: r.get(10)?,
                    updated_at: r.get(11)?,
                },
                NoteContent::from_row(r, 12)?,
            ))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Visit note {id}")))?;
    note.draft = load_draft(conn, id, content)?;
    let flags = load_safety(conn, note.patient_id)?;
    note.alerts = alerts_for(&flags, &note.draft, &note.draft.acknowledgements);
    note.needles_expected = note.draft.points.iter().map(|p| p.side.needles()).sum();
    note.addenda = load_addenda(conn, id)?;
    Ok(note)
}

/// Writes a validated draft over the note's content and child rows; new acknowledgements are
/// added, earlier ones kept.
pub(super) fn write_draft(
    conn: &Connection,
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
    let mut params = vec![Value::Integer(id.0), Value::Text(now.to_owned())];
    params.extend(draft.content.values());
    conn.execute(
        &format!(
            "UPDATE visit_notes SET revision = revision + 1, updated_at = ?2, {sets} WHERE id = ?1"
        ),
        rusqlite::params_from_iter(params),
    )?;
    for table in [
        "visit_points",
        "visit_pain_regions",
        "visit_diagnoses",
        "visit_psfs",
    ] {
        conn.execute(&format!("DELETE FROM {table} WHERE note_id = ?1"), [id])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO visit_points (note_id, position, point_code, side, technique, depth_mm,
             retention_minutes, electro_pair, electro_hz, electro_minutes, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, p) in draft.points.iter().enumerate() {
        stmt.execute(rusqlite::params![
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
        ])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO visit_pain_regions (note_id, region, side) VALUES (?1, ?2, ?3)",
    )?;
    for r in &draft.pain_regions {
        stmt.execute(rusqlite::params![id, r.region, r.side.as_str()])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO visit_diagnoses (note_id, position, code, title) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, d) in draft.diagnoses.iter().enumerate() {
        stmt.execute(rusqlite::params![id, i as i64 + 1, d.code, d.title])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT INTO visit_psfs (note_id, position, activity, score) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, p) in draft.psfs.iter().enumerate() {
        stmt.execute(rusqlite::params![id, i as i64 + 1, p.activity, p.score])?;
    }
    let mut stmt = conn.prepare_cached(
        "INSERT OR IGNORE INTO visit_alert_acks (note_id, alert_key, reason, acknowledged_by, acknowledged_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for a in &draft.acknowledgements {
        stmt.execute(rusqlite::params![id, a.alert_key, a.reason, user, now])?;
    }
    Ok(())
}
