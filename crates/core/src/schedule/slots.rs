//! Finding free time: the next free slots for a type of appointment (with one practitioner
//! or any), and the nearest free time on a day when a wanted time clashes.
//!
//! The search reads each week's bookings in one indexed range scan and works in memory:
//! working blocks of each day, minus time off, minus bookings, with a free room when the
//! type needs one.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::booking::Basics;
use super::conflicts::{Candidate, Checker};
use super::practitioners::{self, Practitioner};
use super::time::{
    clinic_zone, day_start, fmt_local, fmt_utc, is_repeated, local_parts, parse_hhmm, parse_local,
    parse_utc, MAX_APPOINTMENT_MINUTES,
};
use super::time_off::{self, Span};
use super::working_hours::{self, Hours};
use super::{appointment_types, rooms};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{AppointmentTypeId, RoomId, UserId};

const HORIZON_DAYS: i64 = 92;
const CHUNK_DAYS: i64 = 7;
const ROOM_RETRY_MINUTES: i64 = 15;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SlotQuery {
    pub type_id: AppointmentTypeId,
    /// Absent: any practitioner.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub practitioner_id: Option<UserId>,
    /// Only slots where this room is free.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub room_id: Option<RoomId>,
    /// Search from this local date (`YYYY-MM-DD`) or time; never before now.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub from: Option<String>,
    /// ISO weekdays the patient can come on; empty = any.
    #[serde(default)]
    #[ts(as = "Option<Vec<u8>>", optional)]
    pub weekdays: Vec<u8>,
    /// The visit starts at or after this local time, `HH:MM`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub earliest: Option<String>,
    /// The visit ends by this local time, `HH:MM`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub latest: Option<String>,
    /// How many slots (default 5, at most 50).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub limit: Option<u32>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub duration_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FreeSlot {
    pub practitioner_id: UserId,
    pub practitioner_name: String,
    pub room_id: Option<RoomId>,
    pub room_name: Option<String>,
    pub starts_at: String,
    pub ends_at: String,
    pub local_start: String,
    pub local_end: String,
}

/// The instant of a local minute on a date, as a bound of working hours: a minute inside a DST
/// gap moves to the gap's end, and a minute the clocks pass twice means the first (the wider
/// day; the starts offered inside it are filtered by [`offerable`]).
fn at_minute(tz: Tz, date: NaiveDate, minute: u32) -> DateTime<Utc> {
    if minute >= 1440 {
        return day_start(tz, date + Duration::days(1));
    }
    let mut local = date.and_time(chrono::NaiveTime::MIN) + Duration::minutes(i64::from(minute));
    for _ in 0..8 {
        if let Some(t) = tz.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
        local += Duration::minutes(15);
    }
    local.and_utc()
}

/// Whether a start may be offered. One in the hour the clocks go back through is not: the
/// calendar books a plain wall-clock time, which the core refuses there as ambiguous, so such
/// an offer could not be taken as shown.
fn offerable(tz: Tz, t: DateTime<Utc>) -> bool {
    !is_repeated(tz, t.with_timezone(&tz).naive_local())
}

fn round_up_5(t: DateTime<Utc>) -> DateTime<Utc> {
    let secs = t.timestamp();
    let rounded = (secs + 299).div_euclid(300) * 300;
    DateTime::from_timestamp(rounded, 0).unwrap_or(t)
}

type Busy = Vec<(DateTime<Utc>, DateTime<Utc>)>;

fn first_overlap(
    list: &[(DateTime<Utc>, DateTime<Utc>)],
    s: DateTime<Utc>,
    e: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    list.iter()
        .filter(|(a, b)| *a < e && s < *b)
        .map(|(_, b)| *b)
        .max()
}

/// Every blocking booking starting in `[from - 8 h, to)`, by practitioner and by room.
fn busy_between(
    db: &Db<'_>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    only: Option<UserId>,
) -> Result<(HashMap<UserId, Busy>, HashMap<RoomId, Busy>)> {
    let lower = fmt_utc(from - Duration::minutes(MAX_APPOINTMENT_MINUTES));
    let upper = fmt_utc(to);
    let mut by_practitioner: HashMap<UserId, Busy> = HashMap::new();
    let mut by_room: HashMap<RoomId, Busy> = HashMap::new();
    let mut push = |p: UserId, room: Option<RoomId>, s: String, e: String| -> Result<()> {
        let (s, e) = (
            parse_utc(&s, "an appointment")?,
            parse_utc(&e, "an appointment")?,
        );
        by_practitioner.entry(p).or_default().push((s, e));
        if let Some(r) = room {
            by_room.entry(r).or_default().push((s, e));
        }
        Ok(())
    };
    let blocking = "status NOT IN ('cancelled', 'no_show')";
    let mut each = |r: crate::db::Row| {
        push(
            r.get("practitioner_id")?,
            r.get("room_id")?,
            r.get("starts_at")?,
            r.get("ends_at")?,
        )
    };
    match only {
        Some(p) => db.for_each(
            &format!(
                "SELECT practitioner_id, CAST(NULL AS BIGINT) AS room_id, starts_at, ends_at FROM appointments
                 WHERE practitioner_id = ?1 AND starts_at >= ?2 AND starts_at < ?3 AND {blocking}"
            ),
            crate::sql_params![p, lower, upper],
            &mut each,
        )?,
        None => db.for_each(
            &format!(
                "SELECT practitioner_id, room_id, starts_at, ends_at FROM appointments
                 WHERE starts_at >= ?1 AND starts_at < ?2 AND {blocking}"
            ),
            crate::sql_params![lower, upper],
            &mut each,
        )?,
    }
    Ok((by_practitioner, by_room))
}

struct Search {
    tz: Tz,
    from: DateTime<Utc>,
    duration: Duration,
    weekdays: Vec<u8>,
    window: (u32, u32),
    practitioners: Vec<(Practitioner, Hours, Vec<Span>)>,
    rooms: Vec<(RoomId, String)>,
    needs_room: bool,
    limit: usize,
}

impl Search {
    fn day(
        &self,
        date: NaiveDate,
        busy: &(HashMap<UserId, Busy>, HashMap<RoomId, Busy>),
    ) -> Vec<FreeSlot> {
        let mut out: Vec<(i64, FreeSlot)> = Vec::new();
        if !self.weekdays.is_empty() && !self.weekdays.contains(&super::time::iso_weekday(date)) {
            return Vec::new();
        }
        let none = Vec::new();
        for (p, hours, time_off) in &self.practitioners {
            let mine = busy.0.get(&p.user_id).unwrap_or(&none);
            // Each practitioner contributes at most `limit` slots a day: the merge below
            // keeps the earliest across all of them.
            let already = out.len();
            for (bs, be) in hours.on(date) {
                let (s, e) = (bs.max(self.window.0), be.min(self.window.1));
                if s >= e {
                    continue;
                }
                let block_end = at_minute(self.tz, date, e);
                let mut t = round_up_5(at_minute(self.tz, date, s).max(self.from));
                while t + self.duration <= block_end && out.len() - already < self.limit {
                    let end = t + self.duration;
                    if !offerable(self.tz, t) {
                        t += Duration::minutes(5);
                        continue;
                    }
                    if let Some(next) = first_overlap(mine, t, end) {
                        t = round_up_5(next);
                        continue;
                    }
                    if let Some(span) = time_off.iter().find(|x| x.start < end && t < x.end) {
                        t = round_up_5(span.end);
                        continue;
                    }
                    let room = if self.needs_room {
                        let free = self.rooms.iter().find(|(id, _)| {
                            first_overlap(busy.1.get(id).unwrap_or(&none), t, end).is_none()
                        });
                        match free {
                            Some(r) => Some(r.clone()),
                            None => {
                                t += Duration::minutes(ROOM_RETRY_MINUTES);
                                continue;
                            }
                        }
                    } else {
                        None
                    };
                    out.push((
                        p.sort_order,
                        FreeSlot {
                            practitioner_id: p.user_id,
                            practitioner_name: p.display_name.clone(),
                            room_id: room.as_ref().map(|r| r.0),
                            room_name: room.map(|r| r.1),
                            starts_at: fmt_utc(t),
                            ends_at: fmt_utc(end),
                            local_start: fmt_local(self.tz, t),
                            local_end: fmt_local(self.tz, end),
                        },
                    ));
                    t = end;
                }
            }
        }
        out.sort_by(|a, b| (a.1.starts_at.as_str(), a.0).cmp(&(b.1.starts_at.as_str(), b.0)));
        out.into_iter().map(|(_, s)| s).collect()
    }
}

/// The free start nearest to `wanted` on its local day, for the same practitioner, that needs
/// no override (inside hours, not in time off, with a room when the type needs one).
pub(super) fn nearest_free(
    checker: &mut Checker<'_>,
    b: &Basics,
    wanted: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let tz = checker.tz();
    let (date, _) = local_parts(tz, wanted);
    let blocks = checker
        .hours_on(b.practitioner.user_id, date)?
        .unwrap_or_else(|| vec![(7 * 60, 21 * 60)]);
    let mut starts = Vec::new();
    for (s, e) in blocks {
        let mut m = s;
        while m + (b.duration.num_minutes() as u32) <= e {
            starts.push(at_minute(tz, date, m));
            m += 15;
        }
    }
    starts.sort_by_key(|t| ((*t - wanted).num_seconds().abs(), *t));
    let starts = starts
        .into_iter()
        .filter(|t| *t != wanted && offerable(tz, *t));
    for start in starts.take(64) {
        let mut c = Candidate {
            practitioner: b.practitioner.user_id,
            room: b.room.as_ref().map(|r| r.id),
            start,
            end: start + b.duration,
        };
        if c.room.is_none() && b.kind.needs_room {
            match checker.pick_room(&c, &b.rooms, None)? {
                Some(r) => c.room = Some(r),
                None => continue,
            }
        }
        if checker.clashes(&c)?.is_empty() && checker.warnings(&c)?.is_empty() {
            return Ok(Some(start));
        }
    }
    Ok(None)
}

impl Clinic {
    /// The next free slots for `query`, earliest first (ties by column order).
    pub fn next_free_slots(&self, actor: &Actor, query: &SlotQuery) -> Result<Vec<FreeSlot>> {
        actor.require(Operation::ReadSchedule)?;
        let only = match query.practitioner_id {
            Some(p) => {
                super::require_column(actor, p)?;
                Some(p)
            }
            None if !actor.may(Operation::ReadAllSchedules) => Some(actor.user_id()),
            None => None,
        };
        self.read_db(|c| {
            let tz = clinic_zone(c)?;
            let kind = appointment_types::load(c, query.type_id)?;
            let duration = super::booking::check_duration(
                query.duration_minutes.unwrap_or(kind.duration_minutes),
            )?;
            let now = Utc::now();
            let from = match query
                .from
                .as_deref()
                .map(str::trim)
                .filter(|f| !f.is_empty())
            {
                Some(f) if f.len() == 10 => day_start(tz, super::time::parse_date("from", f)?),
                // Only a lower bound: a repeated time searches from the first of the two.
                Some(f) => parse_local("from", f)?.earliest_instant(tz, "from")?,
                None => now,
            }
            .max(now);
            let window = (
                query
                    .earliest
                    .as_deref()
                    .map(|t| parse_hhmm("earliest", t))
                    .transpose()?
                    .unwrap_or(0),
                query
                    .latest
                    .as_deref()
                    .map(|t| parse_hhmm("latest", t))
                    .transpose()?
                    .unwrap_or(1440),
            );
            if window.0 >= window.1 {
                return Err(Error::invalid(
                    "latest",
                    "The latest time must be after the earliest.",
                ));
            }
            let horizon = from + Duration::days(HORIZON_DAYS);
            let mut candidates = Vec::new();
            for p in practitioners::list(c)? {
                if !p.active || only.is_some_and(|o| o != p.user_id) {
                    continue;
                }
                let hours = working_hours::load(c, p.user_id)?;
                if hours.is_empty() {
                    continue;
                }
                let off = time_off::between(c, p.user_id, from, horizon)?;
                candidates.push((p, hours, off));
            }
            if let Some(p) = only {
                practitioners::load(c, p)?;
            }
            let all_rooms = rooms::list(c)?;
            let rooms: Vec<(RoomId, String)> = match query.room_id {
                Some(id) => {
                    let r = rooms::load(c, id)?;
                    vec![(r.id, r.name)]
                }
                None => all_rooms
                    .into_iter()
                    .filter(|r| r.active)
                    .map(|r| (r.id, r.name))
                    .collect(),
            };
            let search = Search {
                tz,
                from,
                duration,
                weekdays: query.weekdays.clone(),
                window,
                needs_room: kind.needs_room || query.room_id.is_some(),
                practitioners: candidates,
                rooms,
                limit: query.limit.unwrap_or(5).clamp(1, 50) as usize,
            };
            let mut found = Vec::new();
            if search.practitioners.is_empty() {
                return Ok(found);
            }
            let (first_date, _) = local_parts(tz, from);
            let by_practitioner = if search.needs_room { None } else { only };
            let mut day = first_date;
            while found.len() < search.limit && day_start(tz, day) < horizon {
                let chunk_end = day + Duration::days(CHUNK_DAYS);
                let busy = busy_between(
                    c,
                    day_start(tz, day),
                    day_start(tz, chunk_end),
                    by_practitioner,
                )?;
                while day < chunk_end && found.len() < search.limit {
                    found.extend(search.day(day, &busy));
                    day += Duration::days(1);
                }
            }
            found.truncate(search.limit);
            Ok(found)
        })
    }
}
