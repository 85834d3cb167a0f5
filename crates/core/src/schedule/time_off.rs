//! A practitioner's time off (holidays, courses, a dentist's appointment): booking into it
//! needs an explicit override, and free-slot searches step around it.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::practitioners;
use super::time::{clinic_zone, day_start, fmt_local, fmt_utc, parse_date, parse_local, parse_utc};
use super::validate::clean;
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{TimeOffId, UserId};
use crate::sql_params;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimeOff {
    pub id: TimeOffId,
    pub practitioner_id: UserId,
    pub starts_at: String,
    pub ends_at: String,
    /// In the clinic's zone, `YYYY-MM-DDTHH:MM`, followed by the UTC offset in the hour the
    /// clocks go back through (`2026-10-25T01:30+01:00`).
    pub local_start: String,
    pub local_end: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
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
    parse_local(field, text)?.instant(tz, field)
}

/// Time off of one practitioner overlapping `[start, end)`.
pub(crate) fn between(
    db: &Db<'_>,
    practitioner: UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<Span>> {
    db.query(
        "SELECT id, starts_at, ends_at, reason FROM time_off
         WHERE practitioner_id = ?1 AND starts_at < ?3 AND ends_at > ?2 ORDER BY starts_at, id",
        sql_params![practitioner, fmt_utc(start), fmt_utc(end)],
    )?
    .iter()
    .map(|r| {
        let row = format!("time off {}", r.get::<i64>("id")?);
        Ok(Span {
            start: parse_utc(&r.get::<String>("starts_at")?, &row)?,
            end: parse_utc(&r.get::<String>("ends_at")?, &row)?,
            reason: r.get("reason")?,
        })
    })
    .collect()
}

/// Time off ending after `from` (every entry when `None`).
fn list(
    db: &Db<'_>,
    tz: Tz,
    practitioner: UserId,
    from: Option<DateTime<Utc>>,
) -> Result<Vec<TimeOff>> {
    // No lower bound is the empty text, which sorts before every instant under any collation
    // (a far-past instant such as year -262143 does not keep text order on PostgreSQL).
    let from = from.map(fmt_utc).unwrap_or_default();
    db.query(
        "SELECT id, starts_at, ends_at, reason FROM time_off
         WHERE practitioner_id = ?1 AND ends_at > ?2 ORDER BY starts_at, id",
        sql_params![practitioner, from],
    )?
    .iter()
    .map(|r| {
        let id: TimeOffId = r.get("id")?;
        let starts_at: String = r.get("starts_at")?;
        let ends_at: String = r.get("ends_at")?;
        let row = format!("time off {id}");
        Ok(TimeOff {
            id,
            practitioner_id: practitioner,
            local_start: fmt_local(tz, parse_utc(&starts_at, &row)?),
            local_end: fmt_local(tz, parse_utc(&ends_at, &row)?),
            starts_at,
            ends_at,
            reason: r.get("reason")?,
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
        self.read_db(|c| {
            practitioners::load(c, practitioner)?;
            let from = (!include_past).then(Utc::now);
            list(c, clinic_zone(c)?, practitioner, from)
        })
    }

    pub fn add_time_off(&self, actor: &Actor, input: &TimeOffInput) -> Result<TimeOff> {
        actor.require(Operation::ManageScheduleSetup)?;
        self.write_db(|tx| {
            let tz = clinic_zone(tx)?;
            practitioners::load(tx, input.practitioner_id)?;
            let start = bound(tz, "from", &input.from, false)?;
            let end = bound(tz, "to", &input.to, true)?;
            if end <= start {
                return Err(Error::invalid("to", "Time off must end after it starts."));
            }
            let id = TimeOffId(tx.insert_returning_id(
                "INSERT INTO time_off (practitioner_id, starts_at, ends_at, reason) VALUES (?1, ?2, ?3, ?4)
                 RETURNING id",
                sql_params![input.practitioner_id, fmt_utc(start), fmt_utc(end), clean("reason", &input.reason)?],
            )?);
            audit::record(tx, Some(actor), Action::Create, "time_off", Some(id.to_string()))?;
            list(tx, tz, input.practitioner_id, Some(start))?
                .into_iter()
                .find(|t| t.id == id)
                .ok_or_else(|| Error::Internal(format!("time off {id} vanished after insert")))
        })
    }

    pub fn delete_time_off(&self, actor: &Actor, id: TimeOffId) -> Result<()> {
        actor.require(Operation::ManageScheduleSetup)?;
        self.write_db(|tx| {
            if tx.execute("DELETE FROM time_off WHERE id = ?1", sql_params![id])? == 0 {
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
