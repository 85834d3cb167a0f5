//! The booking rules: a practitioner or a room is never double-booked (back-to-back is fine;
//! cancelled and no-show appointments do not block), and booking outside working hours or
//! into time off is a warning that needs a recorded reason.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;
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
use crate::error::Result;
use crate::ids::{AppointmentId, RoomId, UserId};

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
    conn: &'c Connection,
    tz: Tz,
    names: HashMap<UserId, String>,
    hours: HashMap<UserId, Hours>,
    time_off: HashMap<UserId, Vec<Span>>,
    reserved: Vec<Candidate>,
    /// Appointments that are being moved: their old times do not block.
    pub exclude: Vec<AppointmentId>,
}

fn overlaps(
    a_start: DateTime<Utc>,
    a_end: DateTime<Utc>,
    b_start: DateTime<Utc>,
    b_end: DateTime<Utc>,
) -> bool {
    a_start < b_end && b_start < a_end
}

impl<'c> Checker<'c> {
    pub fn new(conn: &'c Connection, tz: Tz) -> Checker<'c> {
        Checker {
            conn,
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
            .conn
            .prepare_cached("SELECT display_name FROM users WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
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
                AND a.status NOT IN ('cancelled', 'no_show') ORDER BY a.starts_at", room.0)
        } else {
            ("SELECT a.id, a.starts_at, a.ends_at, a.practitioner_id, p.given_name, p.family_name, p.preferred_name
              FROM appointments a JOIN patients p ON p.id = a.patient_id
              WHERE a.practitioner_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3 AND a.ends_at > ?4
                AND a.status NOT IN ('cancelled', 'no_show') ORDER BY a.starts_at", c.practitioner.0)
        };
        let lower = c.start - Duration::minutes(MAX_APPOINTMENT_MINUTES);
        let rows = self
            .conn
            .prepare_cached(sql)?
            .query_map(
                rusqlite::params![key, fmt_utc(lower), fmt_utc(c.end), fmt_utc(c.start)],
                |r| {
                    Ok((
                        r.get::<_, AppointmentId>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, UserId>(3)?,
                        patient_name(
                            &r.get::<_, String>(4)?,
                            &r.get::<_, String>(5)?,
                            r.get::<_, Option<String>>(6)?.as_deref(),
                        ),
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
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
        Ok(self
            .conn
            .prepare_cached("SELECT name FROM rooms WHERE id = ?1")?
            .query_row([room], |r| r.get(0))?)
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
            let h = working_hours::load(self.conn, practitioner)?;
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
                self.conn,
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
