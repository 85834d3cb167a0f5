//! A practitioner's time off (holidays, courses, a dentist's appointment): booking into it
//! needs an explicit override, and free-slot searches step around it.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::practitioners;
use super::time::{
    clinic_zone, day_start, fmt_local, fmt_utc, local_to_utc, parse_date, parse_local, parse_utc,
};
use super::validate::clean;
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::{TimeOffId, UserId};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimeOff {
    pub id: TimeOffId,
    pub practitioner_id: UserId,
    pub starts_at: String,
    pub ends_at: String,
    /// In the clinic's zone, `YYYY-MM-DDTHH:MM`.
    pub local_start: String,
    pub local_end: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct TimeOffInput {
    pub practitioner_id: UserId,
    /// `YYYY-MM-DD` (from the start of that day) or `YYYY-MM-DD HH:MM`.
    pub from: String,
    /// `YYYY-MM-DD` (to the end of that day, inclusive) or `YYYY-MM-DD HH:MM`.
    pub to: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reason: Option<String>,
}

/// A span of time off as instants, for checks and searches.
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub reason: Option<String>,
}

fn bound(tz: Tz, field: &str, text: &str, end_of_day: bool) -> Result<DateTime<Utc>> {
    if text.trim().len() == 10 {
        let date = parse_date(field, text)?;
        let date = if end_of_day {
            date + Duration::days(1)
        } else {
            date
        };
        return Ok(day_start(tz, date));
    }
    local_to_utc(tz, parse_local(field, text)?, field)
}

/// Time off of one practitioner overlapping `[start, end)`.
pub(crate) fn between(
    conn: &Connection,
    practitioner: UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Span>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, starts_at, ends_at, reason FROM time_off
         WHERE practitioner_id = ?1 AND starts_at < ?3 AND ends_at > ?2 ORDER BY starts_at",
    )?;
    let rows = stmt
        .query_map(
            rusqlite::params![practitioner, fmt_utc(start), fmt_utc(end)],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get(3)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, s, e, reason)| {
            let row = format!("time off {id}");
            Ok(Span {
                start: parse_utc(&s, &row)?,
                end: parse_utc(&e, &row)?,
                reason,
            })
        })
        .collect()
}

fn list(
    conn: &Connection,
    tz: Tz,
    practitioner: UserId,
    from: DateTime<Utc>,
) -> Result<Vec<TimeOff>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, starts_at, ends_at, reason FROM time_off
         WHERE practitioner_id = ?1 AND ends_at > ?2 ORDER BY starts_at",
    )?;
    let rows = stmt
        .query_map(rusqlite::params![practitioner, fmt_utc(from)], |r| {
            Ok((
                TimeOffId(r.get(0)?),
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(id, starts_at, ends_at, reason)| {
            let row = format!("time off {id}");
            Ok(TimeOff {
                id,
                practitioner_id: practitioner,
                local_start: fmt_local(tz, parse_utc(&starts_at, &row)?),
                local_end: fmt_local(tz, parse_utc(&ends_at, &row)?),
                starts_at,
                ends_at,
                reason,
            })
        })
        .collect()
}

impl Clinic {
    /// Time off that has not ended yet (`include_past` lists all of it).
    pub fn time_off(
        &self,
        actor: &Actor,
        practitioner: UserId,
        include_past: bool,
    ) -> Result<Vec<TimeOff>> {
        actor.require(Operation::ReadSchedule)?;
        self.read(|c| {
            practitioners::load(c, practitioner)?;
            let from = if include_past {
                DateTime::<Utc>::MIN_UTC
            } else {
                Utc::now()
            };
            list(c, clinic_zone(c)?, practitioner, from)
        })
    }

    pub fn add_time_off(&self, actor: &Actor, input: &TimeOffInput) -> Result<TimeOff> {
        actor.require(Operation::ManageScheduleSetup)?;
        self.write(|tx| {
            let tz = clinic_zone(tx)?;
            practitioners::load(tx, input.practitioner_id)?;
            let start = bound(tz, "from", &input.from, false)?;
            let end = bound(tz, "to", &input.to, true)?;
            if end <= start {
                return Err(Error::invalid("to", "Time off must end after it starts."));
            }
            tx.execute(
                "INSERT INTO time_off (practitioner_id, starts_at, ends_at, reason) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![input.practitioner_id, fmt_utc(start), fmt_utc(end), clean(&input.reason)],
            )?;
            let id = TimeOffId(tx.last_insert_rowid());
            audit::record(tx, Some(actor), Action::Create, "time_off", Some(id.to_string()))?;
            list(tx, tz, input.practitioner_id, start)?
                .into_iter()
                .find(|t| t.id == id)
                .ok_or_else(|| Error::Internal(format!("time off {id} vanished after insert")))
        })
    }

    pub fn delete_time_off(&self, actor: &Actor, id: TimeOffId) -> Result<()> {
        actor.require(Operation::ManageScheduleSetup)?;
        self.write(|tx| {
            if tx.execute("DELETE FROM time_off WHERE id = ?1", [id])? == 0 {
                return Err(Error::NotFound(format!("Time off {id}")));
            }
            audit::record(
                tx,
                Some(actor),
                Action::Delete,
                "time_off",
                Some(id.to_string()),
            )
        })
    }
}
