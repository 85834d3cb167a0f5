//! Appointments written whole, with their outcome, instead of booked and then moved through
//! check-in: the demo clinic's twenty years and visits moved in from another system. The
//! callers have already placed them (no clash checks here) and audit in their own way.

use super::AppointmentStatus;
use crate::db::Db;
use crate::error::Result;
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, RoomId, SeriesId, UserId};
use crate::sql_params;

/// One past or future visit as it stands; times are UTC text (`fmt_utc`).
pub(crate) struct HistoricAppointment<'a> {
    pub patient: PatientId,
    pub practitioner: UserId,
    pub room: Option<RoomId>,
    pub type_id: AppointmentTypeId,
    /// The course it belongs to and its number in it.
    pub series: Option<(SeriesId, u32)>,
    pub starts_at: &'a str,
    pub ends_at: &'a str,
    pub time_zone: &'a str,
    pub status: AppointmentStatus,
    pub front_desk_note: Option<&'a str>,
    pub arrived_at: Option<&'a str>,
    pub completed_at: Option<&'a str>,
    pub no_show_at: Option<&'a str>,
    pub cancelled_at: Option<&'a str>,
    pub cancelled_by: Option<UserId>,
    pub cancel_reason: Option<&'a str>,
    pub late_cancel: bool,
    pub created_at: &'a str,
    pub created_by: UserId,
}

pub(crate) fn insert_appointment<'c>(
    db: impl Into<Db<'c>>,
    a: &HistoricAppointment<'_>,
) -> Result<AppointmentId> {
    Ok(AppointmentId(db.into().insert_returning_id(
        "INSERT INTO appointments (patient_id, practitioner_id, room_id, type_id, series_id,
            series_index, starts_at, ends_at, time_zone, status, front_desk_note, arrived_at,
            completed_at, no_show_at, cancelled_at, cancelled_by, cancel_reason, late_cancel,
            created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?19, ?20)
         RETURNING id",
        sql_params![
            a.patient,
            a.practitioner,
            a.room,
            a.type_id,
            a.series.map(|s| s.0),
            a.series.map(|s| s.1),
            a.starts_at,
            a.ends_at,
            a.time_zone,
            a.status.as_str(),
            a.front_desk_note,
            a.arrived_at,
            a.completed_at,
            a.no_show_at,
            a.cancelled_at,
            a.cancelled_by,
            a.cancel_reason,
            a.late_cancel,
            a.created_at,
            a.created_by,
        ],
    )?))
}

/// A weekly course of `occurrences` visits at `local_time` (`HH:MM`) in `time_zone`.
pub(crate) struct HistoricSeries<'a> {
    pub patient: PatientId,
    pub interval_weeks: i64,
    pub occurrences: u32,
    pub local_time: &'a str,
    pub time_zone: &'a str,
    pub created_at: &'a str,
    pub created_by: UserId,
}

pub(crate) fn insert_weekly_series<'c>(
    db: impl Into<Db<'c>>,
    s: &HistoricSeries<'_>,
) -> Result<SeriesId> {
    Ok(SeriesId(db.into().insert_returning_id(
        "INSERT INTO appointment_series (patient_id, frequency, interval_weeks, occurrences,
            local_time, time_zone, created_at, created_by)
         VALUES (?1, 'weekly', ?2, ?3, ?4, ?5, ?6, ?7)
         RETURNING id",
        sql_params![
            s.patient,
            s.interval_weeks,
            s.occurrences,
            s.local_time,
            s.time_zone,
            s.created_at,
            s.created_by,
        ],
    )?))
}
