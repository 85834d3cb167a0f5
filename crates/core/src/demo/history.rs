//! Twenty years of a clinic's appointments: courses of care (weekly × 6–10 mostly, some single
//! visits, some fortnightly maintenance), placed in free slots of each practitioner's day so
//! that nobody is ever double-booked; past visits completed (with a signed note), cancelled
//! or missed, the next four weeks booked. Rows go in directly, in large transactions.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rusqlite::{params, Transaction};

use super::conditions::{CANCEL_REASONS, CONDITIONS};
use super::names::pick;
use super::notes::{write_note, Course, Visit};
use super::staff::{DemoStaff, SLOT_MINUTES, SLOT_STARTS};
use crate::auth::Actor;
use crate::clinic::Clinic;
use crate::error::Result;
use crate::ids::{AppointmentId, PatientId};
use crate::schedule::time::{fmt_utc, local_to_utc};

const YEARS: i64 = 20;
const DAYS_AHEAD: i64 = 28;
/// Courses written per transaction: large enough that commits are rare, small enough that
/// progress moves.
const COURSES_PER_BATCH: u32 = 2_000;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct HistoryCounts {
    pub appointments: u64,
    pub notes: u64,
    pub points: u64,
}

/// Which slots of each practitioner's days are taken: one bit per slot.
struct Diary {
    first_day: NaiveDate,
    days: usize,
    taken: Vec<u16>,
}

impl Diary {
    fn new(first_day: NaiveDate, days: usize, practitioners: usize) -> Self {
        Diary {
            first_day,
            days,
            taken: vec![0; days * practitioners],
        }
    }

    /// A free run of `len` slots on `day` within one session, as close to `wanted` as can be;
    /// taken if found.
    fn book(
        &mut self,
        practitioner: usize,
        day: NaiveDate,
        wanted: usize,
        len: usize,
    ) -> Option<usize> {
        let d = usize::try_from((day - self.first_day).num_days()).ok()?;
        if d >= self.days {
            return None;
        }
        let cell = &mut self.taken[practitioner * self.days + d];
        let fits = |start: usize, cell: u16| {
            let session = |s: usize| s < 7;
            start + len <= SLOT_STARTS.len()
                && session(start) == session(start + len - 1)
                && (start..start + len).all(|s| cell & (1 << s) == 0)
        };
        let order = (0..SLOT_STARTS.len()).map(|k| (wanted + k) % SLOT_STARTS.len());
        for start in order {
            if fits(start, *cell) {
                for s in start..start + len {
                    *cell |= 1 << s;
                }
                return Some(start);
            }
        }
        None
    }
}

fn weekday_on_or_after(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day + Duration::days(2),
        Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}

fn pick_condition(rng: &mut ChaCha8Rng) -> &'static super::conditions::Condition {
    let total: u32 = CONDITIONS.iter().map(|c| c.weight).sum();
    let mut n = rng.random_range(0..total);
    for c in CONDITIONS {
        if n < c.weight {
            return c;
        }
        n -= c.weight;
    }
    &CONDITIONS[0]
}

/// How many visits, how far apart.
fn course_shape(rng: &mut ChaCha8Rng) -> (u32, i64) {
    match rng.random_range(0..10) {
        0..=6 => (rng.random_range(6..=10), 1),
        7 | 8 => (rng.random_range(1..=3), 1),
        _ => (rng.random_range(4..=8), 2),
    }
}

pub(crate) struct Plan<'a> {
    pub staff: &'a DemoStaff,
    pub patients: (i64, i64),
    pub appointments: u64,
    pub zone: Tz,
    pub today: NaiveDate,
}

struct Writer<'a, 'p> {
    plan: &'a Plan<'p>,
    diary: Diary,
    actor: &'a Actor,
    counts: HistoryCounts,
}

impl Clinic {
    pub(crate) fn demo_history(
        &self,
        actor: &Actor,
        rng: &mut ChaCha8Rng,
        plan: &Plan<'_>,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<HistoryCounts> {
        let first_day = plan.today - Duration::days(365 * YEARS + YEARS / 4);
        let days = (plan.today - first_day).num_days() + DAYS_AHEAD + 1;
        let mut w = Writer {
            plan,
            diary: Diary::new(first_day, days as usize, plan.staff.practitioners.len()),
            actor,
            counts: HistoryCounts::default(),
        };
        // A clinic can fill up: stop when a whole batch places nothing.
        while w.counts.appointments < plan.appointments {
            let before = w.counts.appointments;
            self.write(|tx| {
                for _ in 0..COURSES_PER_BATCH {
                    if w.counts.appointments >= plan.appointments {
                        break;
                    }
                    w.course(tx, rng)?;
                }
                Ok(())
            })?;
            progress(
                w.counts.appointments.min(plan.appointments),
                plan.appointments,
            );
            if w.counts.appointments == before {
                break;
            }
        }
        Ok(w.counts)
    }
}

impl Writer<'_, '_> {
    fn course(&mut self, tx: &Transaction<'_>, rng: &mut ChaCha8Rng) -> Result<()> {
        let plan = self.plan;
        let (low, high) = plan.patients;
        let patient = PatientId(rng.random_range(low..=high));
        let staff = &plan.staff.practitioners;
        // Patients mostly keep to one practitioner.
        let who = if rng.random_bool(0.85) {
            (patient.0 as usize) % staff.len()
        } else {
            rng.random_range(0..staff.len())
        };
        let (practitioner, room) = staff[who];
        let (visits, every_weeks) = course_shape(rng);
        let condition = pick_condition(rng);
        let course = Course::new(rng, condition, visits);
        let offset = rng.random_range(0..self.diary.days as i64);
        let start = weekday_on_or_after(self.diary.first_day + Duration::days(offset));
        let wanted = rng.random_range(0..SLOT_STARTS.len());
        let now = Utc::now().to_rfc3339();
        let series = if visits > 1 {
            let minute = SLOT_STARTS[wanted];
            tx.prepare_cached(
                "INSERT INTO appointment_series (patient_id, frequency, interval_weeks, occurrences,
                    local_time, time_zone, created_at, created_by)
                 VALUES (?1, 'weekly', ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                patient,
                every_weeks,
                visits,
                format!("{:02}:{:02}", minute / 60, minute % 60),
                plan.zone.name(),
                now,
                self.actor.user_id()
            ])?;
            Some(tx.last_insert_rowid())
        } else {
            None
        };
        let mut index = 0;
        for k in 0..visits {
            if self.counts.appointments >= plan.appointments {
                break;
            }
            let day = start + Duration::weeks(i64::from(k) * every_weeks);
            let (kind, minutes) = if k == 0 {
                plan.staff.initial
            } else {
                plan.staff.follow_up
            };
            let len = minutes.div_ceil(SLOT_MINUTES) as usize;
            let Some(slot) = self.diary.book(who, day, wanted, len) else {
                continue;
            };
            let local =
                day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(SLOT_STARTS[slot]));
            let Ok(starts) = local_to_utc(plan.zone, local, "starts_at") else {
                continue;
            };
            let ends = starts + Duration::minutes(i64::from(minutes));
            let past = day < plan.today;
            let roll = rng.random_range(0..1000);
            let status = match (past, roll) {
                (true, 0..=54) | (false, 0..=29) => "cancelled",
                (true, 55..=89) => "no_show",
                (true, _) => "completed",
                (false, _) => "booked",
            };
            let late = status == "cancelled" && rng.random_bool(0.3);
            let notice = if late {
                Duration::hours(6)
            } else {
                Duration::days(3)
            };
            tx.prepare_cached(
                "INSERT INTO appointments (patient_id, practitioner_id, room_id, type_id, series_id,
                    series_index, starts_at, ends_at, time_zone, status, arrived_at, completed_at,
                    no_show_at, cancelled_at, cancelled_by, cancel_reason, late_cancel, created_at,
                    created_by, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19, ?18, ?19)",
            )?
            .execute(params![
                patient,
                practitioner,
                room,
                kind,
                series,
                series.map(|_| k + 1),
                fmt_utc(starts),
                fmt_utc(ends),
                plan.zone.name(),
                status,
                (status == "completed").then(|| fmt_utc(starts - Duration::minutes(5))),
                (status == "completed").then(|| fmt_utc(ends)),
                (status == "no_show").then(|| fmt_utc(starts + Duration::minutes(15))),
                (status == "cancelled").then(|| fmt_utc(starts - notice)),
                (status == "cancelled").then(|| self.actor.user_id()),
                (status == "cancelled").then(|| pick(rng, CANCEL_REASONS)),
                late,
                fmt_utc(starts - Duration::days(7 * i64::from(k) + 2)),
                self.actor.user_id(),
            ])?;
            self.counts.appointments += 1;
            if status == "completed" {
                let visit = Visit {
                    patient,
                    practitioner,
                    appointment: AppointmentId(tx.last_insert_rowid()),
                    date: day.format("%Y-%m-%d").to_string(),
                    signed_at: fmt_utc(ends + Duration::minutes(10)),
                    index,
                };
                self.counts.points += write_note(tx, rng, &course, &visit)?;
                self.counts.notes += 1;
                index += 1;
            }
        }
        Ok(())
    }
}
