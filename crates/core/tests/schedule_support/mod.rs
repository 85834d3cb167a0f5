//! A clinic with two practitioners, two rooms, three appointment types, weekday hours and a
//! few patients, for the schedule tests. Dates are in 2030 so that rules about "now" (late
//! cancels, free slots, "every visit not started yet") do not depend on when tests run.
#![allow(dead_code)]

use acuchart_core::auth::{Actor, Role};
use acuchart_core::ids::{AppointmentTypeId, PatientId, RoomId, UserId};
use acuchart_core::patients::NewPatient;
use acuchart_core::schedule::{
    AppointmentTypeInput, BookingResult, NewAppointment, PractitionerInput, RepeatFrequency,
    RepeatRule, RoomInput, ScheduleSettings, WeekParity, WorkingBlock,
};

use crate::common::{fixture_on, Backend, Fixture};

pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

pub struct Clinic {
    pub fx: Fixture,
    pub desk: Actor,
    pub kai_actor: Actor,
    /// Dr. Lin Mei (the owner) and Kai Brandt.
    pub lin: UserId,
    pub kai: UserId,
    pub room1: RoomId,
    pub room2: RoomId,
    /// 45 minutes, needs a room.
    pub acu: AppointmentTypeId,
    /// 15 minutes, no room.
    pub phone: AppointmentTypeId,
    pub ana: PatientId,
    pub ben: PatientId,
    pub chloe: PatientId,
}

fn weekdays(start: &str, lunch: &str, restart: &str, end: &str) -> Vec<WorkingBlock> {
    (1..=5)
        .flat_map(|d| {
            [(start, lunch), (restart, end)].map(|(s, e)| WorkingBlock {
                weekday: d,
                start: s.into(),
                end: e.into(),
                week_parity: WeekParity::Every,
            })
        })
        .collect()
}

/// Runs one schedule test on both backends: `schedule_test!(name, "Europe/London", |s| { … })`
/// makes `name::sqlite` and `name::postgres`, each on a fresh [`clinic`] in that zone. The
/// PostgreSQL one needs the test server (`scripts/with-postgres.sh`).
#[macro_export]
macro_rules! schedule_test {
    ($name:ident, $zone:expr, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() -> $crate::schedule_support::Res<()> {
                let s = $crate::schedule_support::clinic($zone)?;
                let body: fn(
                    &$crate::schedule_support::Clinic,
                ) -> $crate::schedule_support::Res<()> = $body;
                body(&s)
            }

            #[test]
            fn postgres() -> $crate::schedule_support::Res<()> {
                let Some(s) =
                    $crate::schedule_support::clinic_on($crate::common::Backend::Postgres, $zone)?
                else {
                    return Ok(());
                };
                let body: fn(
                    &$crate::schedule_support::Clinic,
                ) -> $crate::schedule_support::Res<()> = $body;
                body(&s)
            }
        }
    };
}

/// The schedule world on SQLite.
pub fn clinic(zone: &str) -> Res<Clinic> {
    clinic_on(Backend::Sqlite, zone)?.ok_or_else(|| "SQLite clinics are always made".into())
}

/// A patient through the core.
fn add_patient(fx: &Fixture, desk: &Actor, given: &str, family: &str) -> Res<PatientId> {
    let made = fx.clinic.create_patient(
        desk,
        &NewPatient {
            given_name: given.into(),
            family_name: family.into(),
            ..Default::default()
        },
    )?;
    Ok(made.id)
}

/// The schedule world on `backend`; `None` when PostgreSQL is wanted but no test server was
/// named outside CI.
pub fn clinic_on(backend: Backend, zone: &str) -> Res<Option<Clinic>> {
    let Some(fx) = fixture_on(backend)? else {
        return Ok(None);
    };
    let c = &fx.clinic;
    let admin = &fx.admin;
    c.update_schedule_settings(
        admin,
        &ScheduleSettings {
            time_zone: zone.into(),
            late_cancel_notice_hours: 24,
        },
    )?;
    let desk = fx.user("desk", &[Role::Receptionist])?;
    let kai_actor = fx.user("kai", &[Role::Practitioner])?;
    let lin = admin.user_id();
    let kai = kai_actor.user_id();
    for (id, colour) in [(lin, "#2f6f9f"), (kai, "#8e44ad")] {
        c.save_practitioner(
            admin,
            &PractitionerInput {
                user_id: id,
                licence_number: Some("L-1".into()),
                npi: None,
                signature_line: None,
                colour: Some(colour.into()),
                sort_order: None,
                active: true,
            },
        )?;
        c.set_working_hours(admin, id, &weekdays("09:00", "12:30", "13:30", "18:00"))?;
    }
    let room = |name: &str| {
        c.save_room(
            admin,
            &RoomInput {
                id: None,
                name: name.into(),
                sort_order: None,
                active: true,
            },
        )
    };
    let room1 = room("Room 1")?.id;
    let room2 = room("Room 2")?.id;
    let kind = |name: &str, minutes: u32, needs_room: bool| {
        c.save_appointment_type(
            admin,
            &AppointmentTypeInput {
                id: None,
                name: name.into(),
                duration_minutes: minutes,
                colour: "#2a9d8f".into(),
                needs_room,
                fee_cents: Some(9000),
                billing_code: Some("97810".into()),
                sort_order: None,
                active: true,
            },
        )
    };
    let acu = kind("Acupuncture follow-up", 45, true)?.id;
    let phone = kind("Phone review", 15, false)?.id;
    let patient = |given: &str, family: &str| add_patient(&fx, &desk, given, family);
    let ana = patient("Ana", "Ruiz")?;
    let ben = patient("Ben", "Okafor")?;
    let chloe = patient("Chloe", "Martin")?;
    Ok(Some(Clinic {
        fx,
        desk,
        kai_actor,
        lin,
        kai,
        room1,
        room2,
        acu,
        phone,
        ana,
        ben,
        chloe,
    }))
}

impl Clinic {
    pub fn new_appt(&self, patient: PatientId, practitioner: UserId, at: &str) -> NewAppointment {
        NewAppointment::new(patient, practitioner, self.acu, at)
    }

    pub fn book(
        &self,
        patient: PatientId,
        practitioner: UserId,
        at: &str,
    ) -> acuchart_core::Result<BookingResult> {
        self.fx
            .clinic
            .book_appointment(&self.desk, &self.new_appt(patient, practitioner, at))
    }

    pub fn weekly(
        &self,
        patient: PatientId,
        practitioner: UserId,
        at: &str,
        count: u32,
    ) -> NewAppointment {
        NewAppointment {
            repeat: Some(RepeatRule {
                frequency: RepeatFrequency::Weekly,
                interval_weeks: 1,
                weekdays: Vec::new(),
                count: Some(count),
                until: None,
            }),
            ..self.new_appt(patient, practitioner, at)
        }
    }
}
