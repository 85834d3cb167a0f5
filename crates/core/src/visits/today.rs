//! The practitioner's day: today's appointments (from the schedule) with the state of each
//! one's visit note, and the walk-in notes charted today, so that a practitioner opens the next
//! patient's note in one click.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::NoteStatus;
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, NoteId, PatientId, UserId};
use crate::patients::{load_safety, SafetyFlags};
use crate::settings;
use crate::sql_params;

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TodayQuery {
    /// `YYYY-MM-DD` in the clinic's zone; today when absent.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub date: Option<String>,
    /// Every practitioner's appointments, not only the actor's own.
    #[serde(default)]
    pub all_practitioners: bool,
}

/// The patient as the day list shows them: names and the safety flags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DayPatient {
    pub id: PatientId,
    pub chart_number: i64,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub safety: SafetyFlags,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TodayAppointment {
    pub appointment_id: AppointmentId,
    /// UTC instants as stored.
    pub starts_at: String,
    pub ends_at: String,
    /// `HH:MM` in the clinic's zone (`01:30+01:00`, with the offset, in the hour the clocks
    /// go back through).
    pub local_start: String,
    pub local_end: String,
    /// The schedule's status: booked, arrived, in_treatment, completed, no_show.
    pub status: String,
    pub type_name: String,
    pub type_colour: String,
    #[ts(optional = nullable)]
    pub room: Option<String>,
    pub practitioner_id: UserId,
    pub practitioner_name: String,
    #[ts(optional = nullable)]
    pub front_desk_note: Option<String>,
    pub patient: DayPatient,
    #[ts(optional = nullable)]
    pub note_id: Option<NoteId>,
    #[ts(optional = nullable)]
    pub note_status: Option<NoteStatus>,
}

/// A note charted without an appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WalkInNote {
    pub note_id: NoteId,
    pub status: NoteStatus,
    pub practitioner_name: String,
    pub patient: DayPatient,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TodaySchedule {
    pub date: String,
    pub time_zone: String,
    pub appointments: Vec<TodayAppointment>,
    pub walk_ins: Vec<WalkInNote>,
}

fn utc_text(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The UTC bounds of a local day (23 or 25 hours long across a DST change).
fn day_bounds(date: NaiveDate, tz: Tz) -> Result<(String, String)> {
    let start_of = |d: NaiveDate| {
        let midnight = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        tz.from_local_datetime(&midnight)
            .earliest()
            // A zone whose midnight is skipped by DST starts the day at 01:00.
            .or_else(|| {
                tz.from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                    .earliest()
            })
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| Error::Internal(format!("no start of day for {d} in {tz}")))
    };
    let next = date
        .succ_opt()
        .ok_or_else(|| Error::invalid("date", "That date is out of range."))?;
    Ok((utc_text(start_of(date)?), utc_text(start_of(next)?)))
}

fn local_time(utc: &str, tz: Tz, what: &str) -> Result<String> {
    let t = DateTime::parse_from_rfc3339(utc)
        .map_err(|e| Error::Internal(format!("{what} has a bad instant {utc:?}: {e}")))?;
    Ok(crate::schedule::time::fmt_local_time(
        tz,
        t.with_timezone(&Utc),
    ))
}

fn status_of(signed: Option<bool>) -> Option<NoteStatus> {
    signed.map(|s| {
        if s {
            NoteStatus::Signed
        } else {
            NoteStatus::Draft
        }
    })
}

fn day_patient(r: &Row) -> Result<DayPatient> {
    Ok(DayPatient {
        id: r.get("patient_id")?,
        chart_number: r.get("chart_number")?,
        given_name: r.get("given_name")?,
        family_name: r.get("family_name")?,
        preferred_name: r.get("preferred_name")?,
        date_of_birth: r.get("date_of_birth")?,
        safety: SafetyFlags::default(),
    })
}

fn appointments(
    db: &Db<'_>,
    tz: Tz,
    bounds: &(String, String),
    only: Option<UserId>,
) -> Result<Vec<TodayAppointment>> {
    let rows = db.query(
        "SELECT a.id AS appointment_id, a.starts_at, a.ends_at, a.status, t.name AS type_name,
                t.colour, r.name AS room_name, a.practitioner_id, u.display_name, a.front_desk_note,
                p.id AS patient_id, p.chart_number, p.given_name, p.family_name, p.preferred_name,
                p.date_of_birth, n.id AS note_id, n.signed_at IS NOT NULL AS note_signed
         FROM appointments a
         JOIN patients p ON p.id = a.patient_id
         JOIN appointment_types t ON t.id = a.type_id
         JOIN users u ON u.id = a.practitioner_id
         LEFT JOIN rooms r ON r.id = a.room_id
         LEFT JOIN visit_notes n ON n.appointment_id = a.id
         WHERE a.starts_at >= ?1 AND a.starts_at < ?2 AND a.status <> 'cancelled'
           AND (CAST(?3 AS BIGINT) IS NULL OR a.practitioner_id = ?3)
         ORDER BY a.starts_at, u.display_name, a.id",
        sql_params![bounds.0, bounds.1, only],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let starts_at: String = r.get("starts_at")?;
        let ends_at: String = r.get("ends_at")?;
        let appointment_id: AppointmentId = r.get("appointment_id")?;
        let note_id: Option<NoteId> = r.get("note_id")?;
        let signed: Option<bool> = r.get("note_signed")?;
        let what = format!("appointment {appointment_id}");
        let mut patient = day_patient(&r)?;
        patient.safety = load_safety(db, patient.id)?;
        out.push(TodayAppointment {
            appointment_id,
            local_start: local_time(&starts_at, tz, &what)?,
            local_end: local_time(&ends_at, tz, &what)?,
            starts_at,
            ends_at,
            status: r.get("status")?,
            type_name: r.get("type_name")?,
            type_colour: r.get("colour")?,
            room: r.get("room_name")?,
            practitioner_id: r.get("practitioner_id")?,
            practitioner_name: r.get("display_name")?,
            front_desk_note: r.get("front_desk_note")?,
            patient,
            note_id,
            note_status: note_id.and(status_of(signed)),
        });
    }
    Ok(out)
}

fn walk_ins(db: &Db<'_>, date: NaiveDate, only: Option<UserId>) -> Result<Vec<WalkInNote>> {
    let rows = db.query(
        "SELECT n.id AS note_id, n.signed_at IS NOT NULL AS signed, u.display_name,
                p.id AS patient_id, p.chart_number, p.given_name,
                p.family_name, p.preferred_name, p.date_of_birth
         FROM visit_notes n
         JOIN patients p ON p.id = n.patient_id
         JOIN users u ON u.id = n.practitioner_id
         WHERE n.appointment_id IS NULL AND n.visit_date = ?1
           AND (CAST(?2 AS BIGINT) IS NULL OR n.practitioner_id = ?2)
         ORDER BY n.created_at, n.id",
        sql_params![date.to_string(), only],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let mut patient = day_patient(&r)?;
        patient.safety = load_safety(db, patient.id)?;
        out.push(WalkInNote {
            note_id: r.get("note_id")?,
            status: if r.get("signed")? {
                NoteStatus::Signed
            } else {
                NoteStatus::Draft
            },
            practitioner_name: r.get("display_name")?,
            patient,
        });
    }
    Ok(out)
}

impl Clinic {
    /// Today's appointments (the actor's own unless all are asked for) with their notes.
    pub fn today_schedule(&self, actor: &Actor, query: &TodayQuery) -> Result<TodaySchedule> {
        actor.require(Operation::ReadVisitNotes)?;
        self.read_db(|db| {
            let zone = settings::load(db)?.time_zone;
            let tz = settings::parse_time_zone(&zone)
                .ok_or_else(|| Error::Internal(format!("stored time zone {zone:?} is unknown")))?;
            let date = match query.date.as_deref().map(str::trim) {
                Some(text) if !text.is_empty() => NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map_err(|_| Error::invalid("date", "Write the date as YYYY-MM-DD."))?,
                _ => Utc::now().with_timezone(&tz).date_naive(),
            };
            let only = (!query.all_practitioners).then(|| actor.user_id());
            let bounds = day_bounds(date, tz)?;
            Ok(TodaySchedule {
                date: date.to_string(),
                appointments: appointments(db, tz, &bounds, only)?,
                walk_ins: walk_ins(db, date, only)?,
                time_zone: zone,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_local_day_in_utc_follows_dst() -> Result<()> {
        let tz: Tz = "America/Toronto"
            .parse()
            .map_err(|_| Error::Internal("tz".into()))?;
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        assert_eq!(
            day_bounds(d("2026-01-15"), tz)?,
            ("2026-01-15T05:00:00Z".into(), "2026-01-16T05:00:00Z".into())
        );
        // 8 March 2026: clocks go forward, the day is 23 hours long.
        assert_eq!(
            day_bounds(d("2026-03-08"), tz)?,
            ("2026-03-08T05:00:00Z".into(), "2026-03-09T04:00:00Z".into())
        );
        Ok(())
    }
}
