//! Reading appointments into the calendar's shape: one SELECT, one mapping, used by every
//! view. The small tables (practitioners, rooms, types) are read once per request and joined
//! in memory, so a week of a busy clinic costs one indexed range scan.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, Row};

use super::time::{fmt_local, parse_utc};
use super::{Appointment, AppointmentStatus};
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, AppointmentTypeId, RoomId, UserId};
use crate::patients::SafetyFlags;

/// Columns of [`Appointment`], in `from_row` order. `a` = appointments, `p` = patients,
/// `s` = patient_safety.
pub(crate) const COLUMNS: &str =
    "a.id, a.patient_id, p.given_name, p.family_name, p.preferred_name,
    p.chart_number, p.phone, a.practitioner_id, a.room_id, a.type_id, a.starts_at, a.ends_at,
    a.time_zone, a.status, a.series_id, a.series_index,
    CASE WHEN a.series_id IS NULL THEN NULL
         ELSE (SELECT count(*) FROM appointments x WHERE x.series_id = a.series_id) END,
    a.front_desk_note, a.override_reason, a.arrived_at, a.treatment_started_at, a.completed_at,
    a.no_show_at, a.cancelled_at, a.cancelled_by, a.cancel_reason, a.late_cancel,
    coalesce(s.pregnant, 0), s.pregnancy_due_date, s.pregnancy_trimester, coalesce(s.pacemaker, 0),
    coalesce(s.anticoagulants, 0), coalesce(s.needle_phobia, 0), coalesce(s.diabetes, 0),
    coalesce(s.metal_allergy, 0), coalesce(s.epilepsy, 0), s.other";

pub(crate) const FROM: &str = "FROM appointments a JOIN patients p ON p.id = a.patient_id
    LEFT JOIN patient_safety s ON s.patient_id = a.patient_id";

/// Names of the small tables, for the in-memory join.
pub(crate) struct Names {
    users: HashMap<UserId, String>,
    rooms: HashMap<RoomId, String>,
    types: HashMap<AppointmentTypeId, (String, String)>,
}

impl Names {
    pub fn load(conn: &Connection) -> Result<Names> {
        let mut users = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, display_name FROM users")?;
        for r in stmt.query_map([], |r| Ok((UserId(r.get(0)?), r.get::<_, String>(1)?)))? {
            let (id, name) = r?;
            users.insert(id, name);
        }
        let mut rooms = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, name FROM rooms")?;
        for r in stmt.query_map([], |r| Ok((RoomId(r.get(0)?), r.get::<_, String>(1)?)))? {
            let (id, name) = r?;
            rooms.insert(id, name);
        }
        let mut types = HashMap::new();
        let mut stmt = conn.prepare_cached("SELECT id, name, colour FROM appointment_types")?;
        for r in stmt.query_map([], |r| {
            Ok((
                AppointmentTypeId(r.get(0)?),
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })? {
            let (id, name, colour) = r?;
            types.insert(id, (name, colour));
        }
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

fn raw(r: &Row<'_>) -> rusqlite::Result<(Appointment, String, String, String)> {
    let given: String = r.get(2)?;
    let family: String = r.get(3)?;
    let preferred: Option<String> = r.get(4)?;
    let starts_at: String = r.get(10)?;
    let ends_at: String = r.get(11)?;
    let status: String = r.get(13)?;
    let cancelled_by: Option<UserId> = r.get(24)?;
    let appt = Appointment {
        id: r.get(0)?,
        patient_id: r.get(1)?,
        patient_name: patient_name(&given, &family, preferred.as_deref()),
        chart_number: r.get(5)?,
        patient_phone: r.get(6)?,
        practitioner_id: r.get(7)?,
        practitioner_name: String::new(),
        room_id: r.get(8)?,
        room_name: None,
        type_id: r.get(9)?,
        type_name: String::new(),
        colour: String::new(),
        starts_at: String::new(),
        ends_at: String::new(),
        local_start: String::new(),
        local_end: String::new(),
        duration_minutes: 0,
        time_zone: r.get(12)?,
        status: AppointmentStatus::Booked,
        series_id: r.get(14)?,
        series_index: r.get(15)?,
        series_total: r.get(16)?,
        front_desk_note: r.get(17)?,
        override_reason: r.get(18)?,
        arrived_at: r.get(19)?,
        treatment_started_at: r.get(20)?,
        completed_at: r.get(21)?,
        no_show_at: r.get(22)?,
        cancelled_at: r.get(23)?,
        cancelled_by: cancelled_by.map(|u| u.to_string()),
        cancel_reason: r.get(25)?,
        late_cancel: r.get(26)?,
        safety: SafetyFlags {
            pregnant: r.get(27)?,
            pregnancy_due_date: r.get(28)?,
            pregnancy_trimester: r.get(29)?,
            pacemaker: r.get(30)?,
            anticoagulants: r.get(31)?,
            needle_phobia: r.get(32)?,
            diabetes: r.get(33)?,
            metal_allergy: r.get(34)?,
            epilepsy: r.get(35)?,
            other: r.get(36)?,
        },
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
    conn: &Connection,
    tz: Tz,
    names: &Names,
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Appointment>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map(params, raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(|r| finish(names, tz, r)).collect()
}

pub(crate) fn load(conn: &Connection, tz: Tz, id: AppointmentId) -> Result<Appointment> {
    let names = Names::load(conn)?;
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE a.id = ?1");
    let raw = conn
        .prepare_cached(&sql)?
        .query_row([id], raw)
        .optional()?
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

fn head_row(r: &Row<'_>) -> rusqlite::Result<(Head, String, String, String)> {
    Ok((
        Head {
            id: r.get(0)?,
            patient_id: r.get(1)?,
            practitioner_id: r.get(2)?,
            room_id: r.get(3)?,
            type_id: r.get(4)?,
            series_id: r.get(5)?,
            series_index: r.get(6)?,
            start: DateTime::<Utc>::MIN_UTC,
            end: DateTime::<Utc>::MIN_UTC,
            status: AppointmentStatus::Booked,
        },
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
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

pub(crate) fn head(conn: &Connection, id: AppointmentId) -> Result<Head> {
    let raw = conn
        .prepare_cached(&format!("{HEAD} WHERE id = ?1"))?
        .query_row([id], head_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("Appointment {id}")))?;
    finish_head(raw)
}

/// The occurrences of a series, in order.
pub(crate) fn series_heads(conn: &Connection, series: crate::ids::SeriesId) -> Result<Vec<Head>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{HEAD} WHERE series_id = ?1 ORDER BY series_index, starts_at"
    ))?;
    let rows = stmt
        .query_map([series], head_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(finish_head).collect()
}
