//! The patient's chart: every visit at a glance (newest first) with the latest note in full,
//! and the outcome series for the trend chart.

use std::collections::HashMap;

use serde::Serialize;
use ts_rs::TS;

use super::store::load_note;
use super::{NoteStatus, PsfsItem, VisitNote};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::Result;
use crate::ids::{NoteId, PatientId};
use crate::patients::load_profile;
use crate::sql_params;

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

fn visit_summaries(db: &Db<'_>, patient: PatientId) -> Result<Vec<VisitSummary>> {
    // Each note's point codes in the order used, gathered here: the engines have no common
    // ordered string aggregate (SQLite's group_concat, PostgreSQL's string_agg).
    let mut points: HashMap<NoteId, Vec<String>> = HashMap::new();
    db.for_each(
        "SELECT p.note_id, p.point_code FROM visit_points p JOIN visit_notes n ON n.id = p.note_id
         WHERE n.patient_id = ?1 ORDER BY p.note_id, p.position",
        sql_params![patient],
        |r| {
            points
                .entry(r.get("note_id")?)
                .or_default()
                .push(r.get("point_code")?);
            Ok(())
        },
    )?;
    db.query(
        "SELECT n.id, n.visit_date, u.display_name, n.signed_at IS NOT NULL AS signed, n.chief_complaint,
                n.pain_now, n.tcm_pattern,
                (SELECT CAST(count(*) AS BIGINT) FROM visit_addenda a WHERE a.note_id = n.id) AS addendum_count
         FROM visit_notes n JOIN users u ON u.id = n.practitioner_id
         WHERE n.patient_id = ?1
         ORDER BY n.visit_date DESC, n.id DESC",
        sql_params![patient],
    )?
    .into_iter()
    .map(|r| {
        let id: NoteId = r.get("id")?;
        Ok(VisitSummary {
            id,
            visit_date: r.get("visit_date")?,
            practitioner_name: r.get("display_name")?,
            status: if r.get("signed")? {
                NoteStatus::Signed
            } else {
                NoteStatus::Draft
            },
            chief_complaint: r.get("chief_complaint")?,
            pain_now: r.get("pain_now")?,
            tcm_pattern: r.get("tcm_pattern")?,
            points: points.remove(&id).unwrap_or_default(),
            addenda: r.get("addendum_count")?,
        })
    })
    .collect()
}

impl Clinic {
    /// Opening a patient's chart: the visit history and the latest note in full.
    pub fn patient_chart(&self, actor: &Actor, patient: PatientId) -> Result<PatientChart> {
        actor.require(Operation::ReadVisitNotes)?;
        self.write_db(|db| {
            load_profile(db, patient)?;
            let visits = visit_summaries(db, patient)?;
            let latest = match visits.first() {
                Some(v) => Some(load_note(db, v.id)?),
                None => None,
            };
            audit::record(
                db,
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
        self.read_db(|db| {
            load_profile(db, patient)?;
            let mut out: Vec<OutcomePoint> = Vec::new();
            db.for_each(
                "SELECT n.id, n.visit_date, n.pain_now, p.activity, p.score
                 FROM visit_notes n LEFT JOIN visit_psfs p ON p.note_id = n.id
                 WHERE n.patient_id = ?1
                 ORDER BY n.visit_date, n.id, p.position",
                sql_params![patient],
                |r| {
                    let id: NoteId = r.get("id")?;
                    let activity: Option<String> = r.get("activity")?;
                    let score: Option<u8> = r.get("score")?;
                    if out.last().is_none_or(|o| o.note_id != id) {
                        out.push(OutcomePoint {
                            note_id: id,
                            visit_date: r.get("visit_date")?,
                            pain_now: r.get("pain_now")?,
                            psfs: Vec::new(),
                        });
                    }
                    if let (Some(activity), Some(score), Some(last)) =
                        (activity, score, out.last_mut())
                    {
                        last.psfs.push(PsfsItem { activity, score });
                    }
                    Ok(())
                },
            )?;
            Ok(out)
        })
    }
}
