//! The day's workflow: booked → arrived (check-in time) → in treatment → completed, or a
//! no-show; and undoing a mistaken step. Cancelling is in `changes`.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::conflicts::{explain_refusal, write_placing, Candidate, Checker, TAKEN_MEANWHILE};
use super::store;
use super::time::{clinic_zone, fmt_utc, local_parts, today_in};
use super::{require_column, Appointment, AppointmentStatus};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, PatientId};
use crate::sql_params;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatusChange {
    Arrived,
    InTreatment,
    Completed,
    NoShow,
    /// Back to booked: undoes a check-in, a no-show or a cancellation made by mistake.
    Booked,
}

/// A patient's attendance record, shown on their profile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct Attendance {
    pub no_shows: u32,
    pub late_cancels: u32,
    pub cancellations: u32,
    pub completed: u32,
    /// Booked visits that have not started yet.
    pub upcoming: u32,
}

pub(crate) fn attendance(db: &Db<'_>, patient: PatientId) -> Result<Attendance> {
    let count = |when: &str| {
        format!("CAST(coalesce(sum(CASE WHEN {when} THEN 1 ELSE 0 END), 0) AS BIGINT)")
    };
    let r = db.query_one(
        &format!(
            "SELECT {} AS no_shows, {} AS late_cancels, {} AS cancellations, {} AS completed,
                {} AS upcoming
             FROM appointments WHERE patient_id = ?1",
            count("status = 'no_show'"),
            count("status = 'cancelled' AND late_cancel = 1"),
            count("status = 'cancelled'"),
            count("status = 'completed'"),
            count("status = 'booked' AND starts_at >= ?2"),
        ),
        sql_params![patient, fmt_utc(Utc::now())],
    )?;
    Ok(Attendance {
        no_shows: r.get("no_shows")?,
        late_cancels: r.get("late_cancels")?,
        cancellations: r.get("cancellations")?,
        completed: r.get("completed")?,
        upcoming: r.get("upcoming")?,
    })
}

fn refuse(from: AppointmentStatus, to: StatusChange) -> Error {
    let to = match to {
        StatusChange::Arrived => "checked in",
        StatusChange::InTreatment => "moved into treatment",
        StatusChange::Completed => "completed",
        StatusChange::NoShow => "marked as a no-show",
        StatusChange::Booked => "put back to booked",
    };
    Error::Conflict(format!(
        "This appointment is {}, so it cannot be {to}.",
        from.label()
    ))
}

impl Clinic {
    pub fn set_appointment_status(
        &self,
        actor: &Actor,
        id: AppointmentId,
        change: StatusChange,
    ) -> Result<Appointment> {
        actor.require(Operation::UpdateAppointmentStatus)?;
        let changed = write_placing(self, |tx| {
            let tz = clinic_zone(tx)?;
            let today = today_in(tz);
            let head = store::head(tx, id)?;
            require_column(actor, head.practitioner_id)?;
            use AppointmentStatus as S;
            let now = fmt_utc(Utc::now());
            let (sql, ok): (&str, bool) = match change {
                StatusChange::Arrived => (
                    "UPDATE appointments SET status = 'arrived', arrived_at = ?2 WHERE id = ?1",
                    head.status == S::Booked,
                ),
                StatusChange::InTreatment => (
                    "UPDATE appointments SET status = 'in_treatment', arrived_at = coalesce(arrived_at, ?2),
                         treatment_started_at = ?2 WHERE id = ?1",
                    matches!(head.status, S::Booked | S::Arrived),
                ),
                StatusChange::Completed => (
                    "UPDATE appointments SET status = 'completed', completed_at = ?2 WHERE id = ?1",
                    matches!(head.status, S::Arrived | S::InTreatment),
                ),
                StatusChange::NoShow => {
                    if head.status == S::Booked && local_parts(tz, head.start).0 > today {
                        return Err(Error::Conflict(
                            "This appointment is on a later day; a patient can be marked as a no-show on the day or after."
                                .into(),
                        ));
                    }
                    (
                        "UPDATE appointments SET status = 'no_show', no_show_at = ?2 WHERE id = ?1",
                        head.status == S::Booked,
                    )
                }
                StatusChange::Booked => (
                    "UPDATE appointments SET status = 'booked', arrived_at = NULL, treatment_started_at = NULL,
                         no_show_at = NULL, cancelled_at = NULL, cancelled_by = NULL, cancel_reason = NULL,
                         late_cancel = 0 WHERE id = ?1 AND CAST(?2 AS TEXT) IS NOT NULL",
                    matches!(head.status, S::Arrived | S::NoShow | S::Cancelled),
                ),
            };
            if !ok {
                return Err(refuse(head.status, change));
            }
            if change == StatusChange::Booked && !head.status.blocks() {
                if let Some(first) = clashes_if_rebooked(tx, tz, &head)?.first() {
                    return Err(cannot_rebook(&first.message));
                }
            }
            tx.execute(sql, sql_params![id, now])?;
            tx.execute(
                "UPDATE appointments SET updated_at = ?2, updated_by = ?3 WHERE id = ?1",
                sql_params![id, now, actor.user_id()],
            )?;
            audit::record(
                tx,
                Some(actor),
                Action::Update,
                "appointment_status",
                Some(id.to_string()),
            )?;
            store::load(tx, tz, id)
        });
        changed.map_err(|e| {
            // Put back to booked while another computer booked into its slot: name that visit.
            explain_refusal(
                self,
                e,
                |db| {
                    let head = store::head(db, id)?;
                    let clashes = clashes_if_rebooked(db, clinic_zone(db)?, &head)?;
                    Ok(clashes.first().map(|c| cannot_rebook(&c.message)))
                },
                || cannot_rebook(TAKEN_MEANWHILE),
            )
        })
    }
}

/// What a cancelled or no-show visit would clash with if it held its slot again (the slot may
/// have been given away since).
fn clashes_if_rebooked(
    db: &Db<'_>,
    tz: chrono_tz::Tz,
    head: &store::Head,
) -> Result<Vec<super::Clash>> {
    let mut checker = Checker::new(db, tz);
    checker.exclude.push(head.id);
    let c = Candidate {
        practitioner: head.practitioner_id,
        room: head.room_id,
        start: head.start,
        end: head.end,
    };
    checker.clashes(&c)
}

fn cannot_rebook(why: &str) -> Error {
    Error::Conflict(format!(
        "It cannot be booked again: {why} Book a new time instead."
    ))
}
