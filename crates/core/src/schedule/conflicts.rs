//! The booking rules: a practitioner or a room is never double-booked (back-to-back is fine;
//! cancelled and no-show appointments do not block), and booking outside working hours or
//! into time off is a warning that needs a recorded reason.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use ts_rs::TS;

use super::rooms::Room;
use super::store::patient_name;
use super::time::{
    fmt_hhmm, fmt_utc, human, human_time, iso_weekday, local_parts, parse_utc, weekday_name,
    MAX_APPOINTMENT_MINUTES,
};
use super::time_off::{self, Span};
use super::working_hours::{self, Hours};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, RoomId, UserId};
use crate::sql_params;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClashKind {
    Practitioner,
    Room,
}

/// An existing appointment that a proposed time would overlap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Clash {
    /// Absent when the clash is with another visit of the same new course.
    pub appointment_id: Option<AppointmentId>,
    pub kind: ClashKind,
    /// Names the clashing appointment: who, when, with whom.
    pub message: String,
}

/// A proposed time for one practitioner (and maybe a room).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    pub practitioner: UserId,
    pub room: Option<RoomId>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Checks candidates against the stored schedule and against each other (the visits of a
/// new course, or the occurrences that move together). Working hours and time off are read
/// once per practitioner.
pub(crate) struct Checker<'c> {
    db: Db<'c>,
    tz: Tz,
    names: HashMap<UserId, String>,
    hours: HashMap<UserId, Hours>,
    time_off: HashMap<UserId, Vec<Span>>,
    reserved: Vec<Candidate>,
    /// Appointments that are being moved: their old times do not block.
    pub exclude: Vec<AppointmentId>,
}

/// PostgreSQL's last word on double booking: the deferred exclusion constraints on
/// appointments (`appointments_no_practitioner_overlap`, `appointments_no_room_overlap`)
/// refuse at COMMIT (SQLSTATE 23P01) a clash that another computer saved after this write's
/// own checks ran. Two such writes committing together may instead wait on each other (each
/// holds the audit log's lock, each waits for the other's visit to be settled) until the
/// server ends one as a deadlock (40P01). SQLite has one writer at a time, so there the checks
/// below are the whole rule.
///
/// Turns either refusal into the conflict the core's own checks give once the other write is
/// stored: `recheck` reads the schedule again and returns that conflict, or `None` when
/// nothing clashes any more (the other visit was moved or cancelled since); then a 23P01 is
/// `meanwhile` (the same wording without the other visit's details) and a deadlock stays what
/// it was. Any other error is returned as it is.
pub(crate) fn explain_refusal(
    clinic: &Clinic,
    e: Error,
    recheck: impl FnOnce(&Db<'_>) -> Result<Option<Error>>,
    meanwhile: impl FnOnce() -> Error,
) -> Error {
    use postgres::error::SqlState;
    let code = match &e {
        Error::Database(pg) => pg.code(),
        _ => None,
    };
    let exclusion = code == Some(&SqlState::EXCLUSION_VIOLATION);
    if !exclusion && code != Some(&SqlState::T_R_DEADLOCK_DETECTED) {
        return e;
    }
    match clinic.read_db(recheck) {
        Ok(Some(conflict)) => conflict,
        _ if exclusion => meanwhile(),
        _ => e,
    }
}

fn deadlocked(e: &Error) -> bool {
    matches!(e, Error::Database(pg)
        if pg.code() == Some(&postgres::error::SqlState::T_R_DEADLOCK_DETECTED))
}

/// [`Clinic::write_db`] for writes that place visits. A write the server ended as a deadlock
/// (two clashing writes committing together, see [`explain_refusal`]) changed nothing and is
/// run once more: by then the other write holds the audit lock until it commits, so this one
/// either finds the time free or is refused naming the visit that took it.
pub(crate) fn write_placing<T>(
    clinic: &Clinic,
    mut f: impl FnMut(&Db<'_>) -> Result<T>,
) -> Result<T> {
    match clinic.write_db(&mut f) {
        Err(e) if deadlocked(&e) => clinic.write_db(f),
        other => other,
    }
}

/// Why a write was refused at COMMIT when the clashing visit can no longer be found (it was
/// cancelled or moved again in the meantime): the clash message without its details.
pub(crate) const TAKEN_MEANWHILE: &str =
    "The time was taken by a booking saved on another computer at the same moment.";

fn overlaps(
    a_start: DateTime<Utc>,
    a_end: DateTime<Utc>,
    b_start: DateTime<Utc>,
    b_end: DateTime<Utc>,
) -> bool {
    a_start < b_end && b_start < a_end
}

impl<'c> Checker<'c> {
    pub fn new(db: &Db<'c>, tz: Tz) -> Checker<'c> {
        Checker {
            db: *db,
            tz,
            names: HashMap::new(),
            hours: HashMap::new(),
            time_off: HashMap::new(),
            reserved: Vec::new(),
            exclude: Vec::new(),
        }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    fn name(&mut self, id: UserId) -> Result<String> {
        if let Some(n) = self.names.get(&id) {
            return Ok(n.clone());
        }
        let n: String = self
            .db
            .query_one(
                "SELECT display_name FROM users WHERE id = ?1",
                sql_params![id],
            )?
            .get("display_name")?;
        self.names.insert(id, n.clone());
        Ok(n)
    }

    /// Overlapping, blocking appointments of a practitioner (`by_room` = false) or a room.
    fn stored_clashes(&mut self, c: &Candidate, by_room: bool) -> Result<Vec<Clash>> {
        let (sql, key) = if by_room {
            let Some(room) = c.room else {
                return Ok(Vec::new());
            };
            ("SELECT a.id, a.starts_at, a.ends_at, a.practitioner_id, p.given_name, p.family_name, p.preferred_name
              FROM appointments a JOIN patients p ON p.id = a.patient_id
              WHERE a.room_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3 AND a.ends_at > ?4
                AND a.status NOT IN ('cancelled', 'no_show') ORDER BY a.starts_at, a.id", room.0)
        } else {
            ("SELECT a.id, a.starts_at, a.ends_at, a.practitioner_id, p.given_name, p.family_name, p.preferred_name
              FROM appointments a JOIN patients p ON p.id = a.patient_id
              WHERE a.practitioner_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3 AND a.ends_at > ?4
                AND a.status NOT IN ('cancelled', 'no_show') ORDER BY a.starts_at, a.id", c.practitioner.0)
        };
        let lower = c.start - Duration::minutes(MAX_APPOINTMENT_MINUTES);
        let rows = self
            .db
            .query(
                sql,
                sql_params![key, fmt_utc(lower), fmt_utc(c.end), fmt_utc(c.start)],
            )?
            .iter()
            .map(|r| {
                Ok((
                    r.get::<AppointmentId>("id")?,
                    r.get::<String>("starts_at")?,
                    r.get::<String>("ends_at")?,
                    r.get::<UserId>("practitioner_id")?,
                    patient_name(
                        &r.get::<String>("given_name")?,
                        &r.get::<String>("family_name")?,
                        r.get::<Option<String>>("preferred_name")?.as_deref(),
                    ),
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for (id, s, e, who, patient) in rows {
            if self.exclude.contains(&id) {
                continue;
            }
            let row = format!("appointment {id}");
            let (s, e) = (parse_utc(&s, &row)?, parse_utc(&e, &row)?);
            let when = format!("{}–{}", human(self.tz, s), human_time(self.tz, e));
            let message = if by_room {
                let room = self.room_name(c.room)?;
                format!(
                    "{room} is taken by {patient} (with {}) {when}.",
                    self.name(who)?
                )
            } else {
                format!("{} already sees {patient} {when}.", self.name(who)?)
            };
            out.push(Clash {
                appointment_id: Some(id),
                kind: if by_room {
                    ClashKind::Room
                } else {
                    ClashKind::Practitioner
                },
                message,
            });
        }
        Ok(out)
    }

    fn room_name(&self, room: Option<RoomId>) -> Result<String> {
        let Some(room) = room else {
            return Ok(String::new());
        };
        self.db
            .query_one("SELECT name FROM rooms WHERE id = ?1", sql_params![room])?
            .get("name")
    }

    /// Clashes only (no working-hours warnings).
    pub fn clashes(&mut self, c: &Candidate) -> Result<Vec<Clash>> {
        let mut out = self.stored_clashes(c, false)?;
        out.extend(self.stored_clashes(c, true)?);
        for r in &self.reserved {
            if !overlaps(r.start, r.end, c.start, c.end) {
                continue;
            }
            let when = format!("{}–{}", human(self.tz, r.start), human_time(self.tz, r.end));
            if r.practitioner == c.practitioner {
                out.push(Clash {
                    appointment_id: None,
                    kind: ClashKind::Practitioner,
                    message: format!("Another visit of this booking is at {when}."),
                });
            } else if r.room.is_some() && r.room == c.room {
                out.push(Clash {
                    appointment_id: None,
                    kind: ClashKind::Room,
                    message: format!(
                        "{} is used by another visit of this booking at {when}.",
                        self.room_name(r.room)?
                    ),
                });
            }
        }
        Ok(out)
    }

    /// Whether the room is free for the candidate's time.
    pub fn room_free(&mut self, c: &Candidate, room: RoomId) -> Result<bool> {
        let probe = Candidate {
            room: Some(room),
            ..*c
        };
        if !self.stored_clashes(&probe, true)?.is_empty() {
            return Ok(false);
        }
        Ok(!self
            .reserved
            .iter()
            .any(|r| r.room == Some(room) && overlaps(r.start, r.end, c.start, c.end)))
    }

    /// The first active room free at the candidate's time, trying `prefer` first.
    pub fn pick_room(
        &mut self,
        c: &Candidate,
        rooms: &[Room],
        prefer: Option<RoomId>,
    ) -> Result<Option<RoomId>> {
        let mut order: Vec<RoomId> = prefer.into_iter().collect();
        order.extend(
            rooms
                .iter()
                .filter(|r| r.active && Some(r.id) != prefer)
                .map(|r| r.id),
        );
        for room in order {
            if self.room_free(c, room)? {
                return Ok(Some(room));
            }
        }
        Ok(None)
    }

    fn load_hours(&mut self, practitioner: UserId) -> Result<()> {
        if !self.hours.contains_key(&practitioner) {
            let h = working_hours::load(&self.db, practitioner)?;
            self.hours.insert(practitioner, h);
        }
        Ok(())
    }

    /// A practitioner's working blocks on a local date; `None` when no hours are set up.
    pub fn hours_on(
        &mut self,
        practitioner: UserId,
        date: chrono::NaiveDate,
    ) -> Result<Option<Vec<(u32, u32)>>> {
        self.load_hours(practitioner)?;
        Ok(self
            .hours
            .get(&practitioner)
            .filter(|h| !h.is_empty())
            .map(|h| h.on(date)))
    }

    /// Outside working hours, or in time off: each a sentence for the person booking.
    pub fn warnings(&mut self, c: &Candidate) -> Result<Vec<String>> {
        let who = self.name(c.practitioner)?;
        self.load_hours(c.practitioner)?;
        let mut out = Vec::new();
        if let Some(hours) = self.hours.get(&c.practitioner).filter(|h| !h.is_empty()) {
            let (date, start_min) = local_parts(self.tz, c.start);
            let (end_date, mut end_min) = local_parts(self.tz, c.end);
            if end_date != date && end_date == date + Duration::days(1) && end_min == 0 {
                end_min = 1440;
            }
            let blocks = hours.on(date);
            let inside = end_date == date || end_min == 1440;
            if !(inside && blocks.iter().any(|(s, e)| *s <= start_min && end_min <= *e)) {
                let day = weekday_name(iso_weekday(date));
                out.push(if blocks.is_empty() {
                    format!(
                        "{who} does not work on {day}s ({}).",
                        human(self.tz, c.start)
                    )
                } else {
                    let list: Vec<String> = blocks
                        .iter()
                        .map(|(s, e)| format!("{}–{}", fmt_hhmm(*s), fmt_hhmm(*e)))
                        .collect();
                    format!(
                        "{} is outside {who}'s hours on {day}s ({}).",
                        human(self.tz, c.start),
                        list.join(", ")
                    )
                });
            }
        }
        if !self.time_off.contains_key(&c.practitioner) {
            // Read once: a course of up to 200 weekly visits spans about four years.
            let spans = time_off::between(
                &self.db,
                c.practitioner,
                c.start - Duration::days(1),
                c.start + Duration::days(3660),
            )?;
            self.time_off.insert(c.practitioner, spans);
        }
        for span in self.time_off.get(&c.practitioner).into_iter().flatten() {
            if overlaps(span.start, span.end, c.start, c.end) {
                let why = span
                    .reason
                    .as_deref()
                    .map(|r| format!(": {r}"))
                    .unwrap_or_default();
                out.push(format!(
                    "{who} is off from {} to {}{why}.",
                    human(self.tz, span.start),
                    human(self.tz, span.end)
                ));
            }
        }
        Ok(out)
    }

    /// Holds the candidate's time for the rest of this batch.
    pub fn reserve(&mut self, c: Candidate) {
        self.reserved.push(c);
    }
}
