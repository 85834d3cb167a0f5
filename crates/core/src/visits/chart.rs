//! The patient's chart: every visit at a glance (newest first) with the latest note in full,
//! and the outcome series for the trend chart.

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::store::load_note;
use super::{NoteStatus, PsfsItem, VisitNote};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::Result;
use crate::ids::{NoteId, PatientId};
use crate::patients::load_profile;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VisitSummary {
    pub id: NoteId,
    pub visit_date: String,
    pub practitioner_name: String,
    pub status: NoteStatus,
    #[ts(optional = nullable)]
    pub chief_complaint: Option<String>,
    #[ts(optional = nullable)]
    pub pain_now: Option<u8>,
    #[ts(optional = nullable)]
    pub tcm_pattern: Option<String>,
    /// Point codes in the order used.
    pub points: Vec<String>,
    pub addenda: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PatientChart {
    pub patient_id: PatientId,
    pub visits: Vec<VisitSummary>,
    #[ts(optional = nullable)]
    pub latest: Option<VisitNote>,
}

/// One visit's outcome measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OutcomePoint {
    pub note_id: NoteId,
    pub visit_date: String,
    #[ts(optional = nullable)]
    pub pain_now: Option<u8>,
    pub psfs: Vec<PsfsItem>,
}

fn visit_summaries(conn: &Connection, patient: PatientId) -> Result<Vec<VisitSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT n.id, n.visit_date, u.display_name, n.signed_at IS NOT NULL, n.chief_complaint,
                n.pain_now, n.tcm_pattern,
                (SELECT group_concat(point_code, ' ') FROM
                    (SELECT point_code FROM visit_points WHERE note_id = n.id ORDER BY position)),
                (SELECT count(*) FROM visit_addenda a WHERE a.note_id = n.id)
         FROM visit_notes n JOIN users u ON u.id = n.practitioner_id
         WHERE n.patient_id = ?1
         ORDER BY n.visit_date DESC, n.id DESC",
    )?;
    let rows = stmt.query_map([patient], |r| {
        let points: Option<String> = r.get(7)?;
        Ok(VisitSummary {
            id: r.get(0)?,
            visit_date: r.get(1)?,
            practitioner_name: r.get(2)?,
            status: if r.get(3)? {
                NoteStatus::Signed
            } else {
                NoteStatus::Draft
            },
            chief_complaint: r.get(4)?,
            pain_now: r.get(5)?,
            tcm_pattern: r.get(6)?,
            points: points
                .map(|p| p.split(' ').map(str::to_owned).collect())
                .unwrap_or_default(),
            addenda: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl Clinic {
    /// Opening a patient's chart: the visit history and the latest note in full.
    pub fn patient_chart(&self, actor: &Actor, patient: PatientId) -> Result<PatientChart> {
        actor.require(Operation::ReadVisitNotes)?;
        self.write(|tx| {
            load_profile(tx, patient)?;
            let visits = visit_summaries(tx, patient)?;
            let latest = match visits.first() {
                Some(v) => Some(load_note(tx, v.id)?),
                None => None,
            };
            audit::record(
                tx,
                Some(actor),
                Action::Read,
                "chart",
                Some(patient.to_string()),
            )?;
            Ok(PatientChart {
                patient_id: patient,
                visits,
                latest,
            })
        })
    }

    /// Pain and functional-scale scores by visit, oldest first.
    pub fn patient_outcomes(&self, actor: &Actor, patient: PatientId) -> Result<Vec<OutcomePoint>> {
        actor.require(Operation::ReadVisitNotes)?;
        self.read(|c| {
            load_profile(c, patient)?;
            let mut stmt = c.prepare_cached(
                "SELECT n.id, n.visit_date, n.pain_now, p.activity, p.score
                 FROM visit_notes n LEFT JOIN visit_psfs p ON p.note_id = n.id
                 WHERE n.patient_id = ?1
                 ORDER BY n.visit_date, n.id, p.position",
            )?;
            let rows = stmt.query_map([patient], |r| {
                Ok((
                    r.get::<_, NoteId>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<u8>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<u8>>(4)?,
                ))
            })?;
            let mut out: Vec<OutcomePoint> = Vec::new();
            for row in rows {
                let (id, date, pain, activity, score) = row?;
                if out.last().is_none_or(|o| o.note_id != id) {
                    out.push(OutcomePoint {
                        note_id: id,
                        visit_date: date,
                        pain_now: pain,
                        psfs: Vec::new(),
                    });
                }
                if let (Some(activity), Some(score), Some(last)) = (activity, score, out.last_mut())
                {
                    last.psfs.push(PsfsItem { activity, score });
                }
            }
            Ok(out)
        })
    }
}
