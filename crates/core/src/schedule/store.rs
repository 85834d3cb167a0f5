//! Reading appointments into the calendar's shape: one SELECT, one mapping, used by every
//! view. The small tables (practitioners, rooms, types) are read once per request and joined
//! in memory, so a week of a busy clinic costs one indexed range scan.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::time::{fmt_local, parse_utc};
use super::{Appointment, AppointmentStatus};
use crate::db::{Db, Row, ToValue};
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, AppointmentTypeId, RoomId, UserId};
use crate::patients::SafetyFlags;
use crate::sql_params;

/// Columns of [`Appointment`], in `from_row` order. `a` = appointments, `p` = patients,
/// `s` = patient_safety.
pub(crate) const COLUMNS: &str =
    "a.id, a.patient_id, p.given_name, p.family_name, p.preferred_name,
    p.chart_number, p.phone, a.practitioner_id, a.room_id, a.type_id, a.starts_at, a.ends_at,
    a.time_zone, a.status, a.series_id, a.series_index,
    CASE WHEN a.series_id IS NULL THEN NULL
         ELSE (SELECT CAST(count(*) AS BIGINT) FROM appointments x WHERE x.series_id = a.series_id) END AS series_total,
    a.front_desk_note, a.override_reason, a.arrived_at, a.treatment_started_at, a.completed_at,
    a.no_show_at, a.cancelled_at, a.cancelled_by, a.cancel_reason, a.late_cancel,
    coalesce(s.pregnant, 0) AS pregnant, s.pregnancy_due_date, s.pregnancy_trimester, coalesce(s.pacemaker, 0) AS pacemaker,
    coalesce(s.anticoagulants, 0) AS anticoagulants, coalesce(s.needle_phobia, 0) AS needle_phobia,
    coalesce(s.diabetes, 0) AS diabetes,
    coalesce(s.metal_allergy, 0) AS metal_allergy, coalesce(s.epilepsy, 0) AS epilepsy, s.other";

pub(crate) const FROM: &str = "FROM appointments a JOIN patients p ON p.id = a.patient_id
    LEFT JOIN patient_safety s ON s.patient_id = a.patient_id";

/// Names of the small tables, for the in-memory join.
pub(crate) struct Names {
    users: HashMap<UserId, String>,
    rooms: HashMap<RoomId, String>,
    types: HashMap<AppointmentTypeId, (String, String)>,
}

impl Names {
    pub fn load(db: &Db<'_>) -> Result<Names> {
        let mut users = HashMap::new();
        db.for_each("SELECT id, display_name FROM users", sql_params![], |r| {
            users.insert(r.get("id")?, r.get("display_name")?);
            Ok(())
        })?;
        let mut rooms = HashMap::new();
        db.for_each("SELECT id, name FROM rooms", sql_params![], |r| {
            rooms.insert(r.get("id")?, r.get("name")?);
            Ok(())
        })?;
        let mut types = HashMap::new();
        db.for_each(
            "SELECT id, name, colour FROM appointment_types",
            sql_params![],
            |r| {
                types.insert(r.get("id")?, (r.get("name")?, r.get("colour")?));
                Ok(())
            },
        )?;
        Ok(Names {
            users,
            rooms,
            types,
        })
    }

    pub fn user(&self, id: UserId) -> String {
        self.users
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("user {id}"))
    }
}

/// The name a patient goes by: preferred (or given) name and family name.
pub(crate) fn patient_name(given: &str, family: &str, preferred: Option<&str>) -> String {
    format!(
        "{} {}",
        preferred.filter(|p| !p.trim().is_empty()).unwrap_or(given),
        family
    )
}

fn raw(r: &Row) -> Result<(Appointment, String, String, String)> {
    let given: String = r.get("given_name")?;
    let family: String = r.get("family_name")?;
    let preferred: Option<String> = r.get("preferred_name")?;
    let starts_at: String = r.get("starts_at")?;
    let ends_at: String = r.get("ends_at")?;
    let status: String = r.get("status")?;
    let cancelled_by: Option<UserId> = r.get("cancelled_by")?;
    let appt = Appointment {
        id: r.get("id")?,
        patient_id: r.get("patient_id")?,
        patient_name: patient_name(&given, &family, preferred.as_deref()),
        chart_number: r.get("chart_number")?,
        patient_phone: r.get("phone")?,
        practitioner_id: r.get("practitioner_id")?,
        practitioner_name: String::new(),
        room_id: r.get("room_id")?,
        room_name: None,
        type_id: r.get("type_id")?,
        type_name: String::new(),
        colour: String::new(),
        starts_at: String::new(),
        ends_at: String::new(),
        local_start: String::new(),
        local_end: String::new(),
        duration_minutes: 0,
        time_zone: r.get("time_zone")?,
        status: AppointmentStatus::Booked,
        series_id: r.get("series_id")?,
        series_index: r.get("series_index")?,
        series_total: r.get("series_total")?,
        front_desk_note: r.get("front_desk_note")?,
        override_reason: r.get("override_reason")?,
        arrived_at: r.get("arrived_at")?,
        treatment_started_at: r.get("treatment_started_at")?,
        completed_at: r.get("completed_at")?,
        no_show_at: r.get("no_show_at")?,
        cancelled_at: r.get("cancelled_at")?,
        cancelled_by: cancelled_by.map(|u| u.to_string()),
        cancel_reason: r.get("cancel_reason")?,
        late_cancel: r.get("late_cancel")?,
        safety: SafetyFlags::from_row(r)?,
    };
    Ok((appt, starts_at, ends_at, status))
}

fn finish(
    names: &Names,
    tz: Tz,
    (mut a, starts_at, ends_at, status): (Appointment, String, String, String),
) -> Result<Appointment> {
    let row = format!("appointment {}", a.id);
    let start = parse_utc(&starts_at, &row)?;
    let end = parse_utc(&ends_at, &row)?;
    a.status = AppointmentStatus::parse(&status)
        .ok_or_else(|| Error::Internal(format!("{row} has an unknown status {status:?}")))?;
    a.practitioner_name = names.user(a.practitioner_id);
    a.room_name = a.room_id.and_then(|r| names.rooms.get(&r).cloned());
    let (type_name, colour) = names
        .types
        .get(&a.type_id)
        .cloned()
        .ok_or_else(|| Error::Internal(format!("{row} has an unknown type {}", a.type_id)))?;
    a.type_name = type_name;
    a.colour = colour;
    a.cancelled_by = a
        .cancelled_by
        .as_deref()
        .and_then(|id| id.parse().ok())
        .map(|id| names.user(UserId(id)));
    a.local_start = fmt_local(tz, start);
    a.local_end = fmt_local(tz, end);
    a.duration_minutes = (end - start).num_minutes().max(0) as u32;
    a.starts_at = starts_at;
    a.ends_at = ends_at;
    Ok(a)
}

/// Runs a query whose SELECT list is [`COLUMNS`] and maps every row.
pub(crate) fn query(
    db: &Db<'_>,
    tz: Tz,
    names: &Names,
    sql: &str,
    params: &[&dyn ToValue],
) -> Result<Vec<Appointment>> {
    let mut out = Vec::new();
    db.for_each(sql, params, |r| {
        out.push(finish(names, tz, raw(&r)?)?);
        Ok(())
    })?;
    Ok(out)
}

pub(crate) fn load(db: &Db<'_>, tz: Tz, id: AppointmentId) -> Result<Appointment> {
    let names = Names::load(db)?;
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE a.id = ?1");
    let raw = db
        .query_opt(&sql, sql_params![id])?
        .as_ref()
        .map(raw)
        .transpose()?
        .ok_or_else(|| Error::NotFound(format!("Appointment {id}")))?;
    finish(&names, tz, raw)
}

/// The bare facts the rules need about one stored appointment.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub id: AppointmentId,
    pub patient_id: crate::ids::PatientId,
    pub practitioner_id: UserId,
    pub room_id: Option<RoomId>,
    pub type_id: AppointmentTypeId,
    pub series_id: Option<crate::ids::SeriesId>,
    pub series_index: Option<u32>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub status: AppointmentStatus,
}

const HEAD: &str =
    "SELECT id, patient_id, practitioner_id, room_id, type_id, series_id, series_index,
    starts_at, ends_at, status FROM appointments";

fn head_row(r: &Row) -> Result<(Head, String, String, String)> {
    Ok((
        Head {
            id: r.get("id")?,
            patient_id: r.get("patient_id")?,
            practitioner_id: r.get("practitioner_id")?,
            room_id: r.get("room_id")?,
            type_id: r.get("type_id")?,
            series_id: r.get("series_id")?,
            series_index: r.get("series_index")?,
            start: DateTime::<Utc>::MIN_UTC,
            end: DateTime::<Utc>::MIN_UTC,
            status: AppointmentStatus::Booked,
        },
        r.get("starts_at")?,
        r.get("ends_at")?,
        r.get("status")?,
    ))
}

fn finish_head((mut h, s, e, status): (Head, String, String, String)) -> Result<Head> {
    let row = format!("appointment {}", h.id);
    h.start = parse_utc(&s, &row)?;
    h.end = parse_utc(&e, &row)?;
    h.status = AppointmentStatus::parse(&status)
        .ok_or_else(|| Error::Internal(format!("{row} has an unknown status {status:?}")))?;
    Ok(h)
}

pub(crate) fn head(db: &Db<'_>, id: AppointmentId) -> Result<Head> {
    let raw = db
        .query_opt(&format!("{HEAD} WHERE id = ?1"), sql_params![id])?
        .as_ref()
        .map(head_row)
        .transpose()?
        .ok_or_else(|| Error::NotFound(format!("Appointment {id}")))?;
    finish_head(raw)
}

/// The occurrences of a series, in order.
pub(crate) fn series_heads(db: &Db<'_>, series: crate::ids::SeriesId) -> Result<Vec<Head>> {
    db.query(
        &format!("{HEAD} WHERE series_id = ?1 ORDER BY series_index, starts_at, id"),
        sql_params![series],
    )?
    .iter()
    .map(|r| finish_head(head_row(r)?))
    .collect()
}
