//! Twenty years of a clinic's appointments: courses of care (weekly × 6–10 mostly, some single
//! visits, some fortnightly maintenance), placed in free slots of each practitioner's day so
//! that nobody is ever double-booked; past visits completed (with a signed note), cancelled
//! or missed, the next four weeks booked. Rows go in through the schedule's history writer,
//! in large transactions.

use crate::db::Db;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::conditions::{CANCEL_REASONS, CONDITIONS};
use super::names::pick;
use super::notes::{write_note, Course, Visit};
use super::staff::{DemoStaff, SLOT_MINUTES, SLOT_STARTS};
use crate::auth::Actor;
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::{PatientId, SeriesId};
use crate::schedule::history::{
    insert_appointment, insert_weekly_series, HistoricAppointment, HistoricSeries,
};
use crate::schedule::time::{fmt_utc, local_to_utc};
use crate::schedule::AppointmentStatus;

const YEARS: i64 = 20;
const DAYS_AHEAD: i64 = 28;
/// Visits written per transaction: large enough that commits are rare, small enough that
/// progress moves.
const VISITS_PER_BATCH: usize = 20_000;

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

/// One course of care as planned: who, with whom, its clinical thread.
struct PlannedCourse {
    patient: PatientId,
    practitioner: usize,
    visits: u32,
    every_weeks: i64,
    wanted: usize,
    course: Course<'static>,
    /// Filled when its first visit is written.
    series: Option<SeriesId>,
    completed: u32,
}

/// One placed visit: its day and slot, and what happened.
struct PlannedVisit {
    course: usize,
    number: u32,
    day: NaiveDate,
    slot: usize,
    initial: bool,
    status: &'static str,
    late: bool,
    reason: Option<&'static str>,
}

impl Clinic {
    /// Plans every course first, then writes the visits in time order, as a clinic's bookings
    /// accumulate: rows of one week sit together in the table, as they would in real use
    /// (random order would scatter each week over thousands of pages and misstate what reading
    /// a week costs).
    pub(crate) fn demo_history(
        &self,
        actor: &Actor,
        rng: &mut ChaCha8Rng,
        plan: &Plan<'_>,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<HistoryCounts> {
        let first_day = plan.today - Duration::days(365 * YEARS + YEARS / 4);
        let days = (plan.today - first_day).num_days() + DAYS_AHEAD + 1;
        let mut diary = Diary::new(first_day, days as usize, plan.staff.practitioners.len());
        let mut courses = Vec::new();
        let mut visits = Vec::new();
        // A clinic can fill up: give up after many courses that place nothing.
        let mut idle = 0;
        while (visits.len() as u64) < plan.appointments && idle < 10_000 {
            let before = visits.len();
            plan_course(rng, plan, &mut diary, &mut courses, &mut visits);
            idle = if visits.len() == before { idle + 1 } else { 0 };
        }
        visits.sort_by_key(|v| (v.day, v.slot, courses[v.course].practitioner));
        let mut counts = HistoryCounts::default();
        let total = visits.len() as u64;
        for batch in visits.chunks(VISITS_PER_BATCH) {
            self.write_db(|db| {
                for v in batch {
                    write_visit(db, rng, plan, actor, &mut courses[v.course], v, &mut counts)?;
                }
                Ok(())
            })?;
            progress(counts.appointments, total);
        }
        Ok(counts)
    }
}

fn plan_course(
    rng: &mut ChaCha8Rng,
    plan: &Plan<'_>,
    diary: &mut Diary,
    courses: &mut Vec<PlannedCourse>,
    visits: &mut Vec<PlannedVisit>,
) {
    let (low, high) = plan.patients;
    let patient = PatientId(rng.random_range(low..=high));
    let staff = plan.staff.practitioners.len();
    // Patients mostly keep to one practitioner.
    let practitioner = if rng.random_bool(0.85) {
        (patient.0 as usize) % staff
    } else {
        rng.random_range(0..staff)
    };
    let (count, every_weeks) = course_shape(rng);
    let condition = pick_condition(rng);
    let course = Course::new(rng, condition, count);
    let start = weekday_on_or_after(
        diary.first_day + Duration::days(rng.random_range(0..diary.days as i64)),
    );
    let wanted = rng.random_range(0..SLOT_STARTS.len());
    let index = courses.len();
    for k in 0..count {
        if visits.len() as u64 >= plan.appointments {
            break;
        }
        let day = start + Duration::weeks(i64::from(k) * every_weeks);
        let minutes = if k == 0 {
            plan.staff.initial.1
        } else {
            plan.staff.follow_up.1
        };
        let len = minutes.div_ceil(SLOT_MINUTES) as usize;
        let Some(slot) = diary.book(practitioner, day, wanted, len) else {
            continue;
        };
        let roll = rng.random_range(0..1000);
        let status = match (day < plan.today, roll) {
            (true, 0..=54) | (false, 0..=29) => "cancelled",
            (true, 55..=89) => "no_show",
            (true, _) => "completed",
            (false, _) => "booked",
        };
        let late = status == "cancelled" && rng.random_bool(0.3);
        visits.push(PlannedVisit {
            course: index,
            number: k + 1,
            day,
            slot,
            initial: k == 0,
            status,
            late,
            reason: (status == "cancelled").then(|| pick(rng, CANCEL_REASONS)),
        });
    }
    courses.push(PlannedCourse {
        patient,
        practitioner,
        visits: count,
        every_weeks,
        wanted,
        course,
        series: None,
        completed: 0,
    });
}

fn write_visit(
    db: &Db<'_>,
    rng: &mut ChaCha8Rng,
    plan: &Plan<'_>,
    actor: &Actor,
    c: &mut PlannedCourse,
    v: &PlannedVisit,
    counts: &mut HistoryCounts,
) -> Result<()> {
    let (practitioner, room) = plan.staff.practitioners[c.practitioner];
    let (kind, minutes) = if v.initial {
        plan.staff.initial
    } else {
        plan.staff.follow_up
    };
    let local = v.day.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(SLOT_STARTS[v.slot]));
    // A wall-clock time the clocks skip (or pass twice) names no one instant; such a visit is
    // simply not booked.
    let Ok(starts) = local_to_utc(plan.zone, local, "starts_at") else {
        return Ok(());
    };
    let ends = starts + Duration::minutes(i64::from(minutes));
    let booked_at = fmt_utc(starts - Duration::days(7 * i64::from(v.number) + 2));
    if c.series.is_none() && c.visits > 1 {
        let minute = SLOT_STARTS[c.wanted];
        c.series = Some(insert_weekly_series(
            db,
            &HistoricSeries {
                patient: c.patient,
                interval_weeks: c.every_weeks,
                occurrences: c.visits,
                local_time: &format!("{:02}:{:02}", minute / 60, minute % 60),
                time_zone: plan.zone.name(),
                created_at: &booked_at,
                created_by: actor.user_id(),
            },
        )?);
    }
    let notice = if v.late {
        Duration::hours(6)
    } else {
        Duration::days(3)
    };
    let status = AppointmentStatus::parse(v.status)
        .ok_or_else(|| Error::Internal(format!("demo status {} is unknown", v.status)))?;
    let is = |s: AppointmentStatus| status == s;
    let (start_text, end_text) = (fmt_utc(starts), fmt_utc(ends));
    let arrived = fmt_utc(starts - Duration::minutes(5));
    let no_show = fmt_utc(starts + Duration::minutes(15));
    let cancelled = fmt_utc(starts - notice);
    let appointment = insert_appointment(
        db,
        &HistoricAppointment {
            patient: c.patient,
            practitioner,
            room: Some(room),
            type_id: kind,
            series: c.series.map(|s| (s, v.number)),
            starts_at: &start_text,
            ends_at: &end_text,
            time_zone: plan.zone.name(),
            status,
            front_desk_note: None,
            arrived_at: is(AppointmentStatus::Completed).then_some(arrived.as_str()),
            completed_at: is(AppointmentStatus::Completed).then_some(end_text.as_str()),
            no_show_at: is(AppointmentStatus::NoShow).then_some(no_show.as_str()),
            cancelled_at: is(AppointmentStatus::Cancelled).then_some(cancelled.as_str()),
            cancelled_by: is(AppointmentStatus::Cancelled).then(|| actor.user_id()),
            cancel_reason: v.reason,
            late_cancel: v.late,
            created_at: &booked_at,
            created_by: actor.user_id(),
        },
    )?;
    counts.appointments += 1;
    if is(AppointmentStatus::Completed) {
        let visit = Visit {
            patient: c.patient,
            practitioner,
            appointment,
            date: v.day.format("%Y-%m-%d").to_string(),
            signed_at: fmt_utc(ends + Duration::minutes(10)),
            index: c.completed,
        };
        counts.points += write_note(db, rng, &c.course, &visit)?;
        counts.notes += 1;
        c.completed += 1;
    }
    Ok(())
}
