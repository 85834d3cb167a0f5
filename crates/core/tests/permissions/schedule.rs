//! The schedule part of the probes' world: a practitioner column with hours every day, a
//! type that needs no room, and a fresh slot for each booking (in 2030, so "now" never
//! interferes).

use std::collections::BTreeSet;

use acuchart_core::auth::{Actor, Role};
use acuchart_core::ids::{AppointmentId, AppointmentTypeId, UserId};
use acuchart_core::schedule::{
    AppointmentTypeInput, NewAppointment, PractitionerInput, WeekParity, WorkingBlock,
};
use acuchart_core::Result;

use super::cx::Cx;

pub struct Schedule {
    pub kind: AppointmentTypeId,
    columns: BTreeSet<i64>,
    slot: u32,
}

fn add_column(cx: &Cx, user: UserId) -> Result<()> {
    let admin = cx.admin();
    cx.clinic().save_practitioner(
        admin,
        &PractitionerInput {
            user_id: user,
            licence_number: None,
            npi: None,
            signature_line: None,
            colour: Some("#2f6f9f".into()),
            sort_order: None,
            active: true,
        },
    )?;
    let every_day: Vec<WorkingBlock> = (1..=7)
        .map(|weekday| WorkingBlock {
            weekday,
            start: "08:00".into(),
            end: "20:00".into(),
            week_parity: WeekParity::Every,
        })
        .collect();
    cx.clinic().set_working_hours(admin, user, &every_day)?;
    Ok(())
}

impl Schedule {
    /// Filled by [`Schedule::new`] once the rest of the world exists.
    pub fn placeholder() -> Schedule {
        Schedule {
            kind: AppointmentTypeId(0),
            columns: BTreeSet::new(),
            slot: 0,
        }
    }

    pub fn new(cx: &Cx) -> Result<Schedule> {
        add_column(cx, cx.prac.user_id())?;
        let kind = cx
            .clinic()
            .save_appointment_type(
                cx.admin(),
                &AppointmentTypeInput {
                    id: None,
                    name: "Probe visit".into(),
                    duration_minutes: 15,
                    colour: "#2a9d8f".into(),
                    needs_room: false,
                    fee_cents: None,
                    billing_code: None,
                    sort_order: None,
                    active: true,
                },
            )?
            .id;
        Ok(Schedule {
            kind,
            columns: BTreeSet::from([cx.prac.user_id().0]),
            slot: 0,
        })
    }
}

impl Cx {
    /// The column `a` works in: its own if it is a practitioner (made a schedule column on
    /// first use), else the set-up practitioner's.
    pub fn column_for(&mut self, a: &Actor) -> Result<UserId> {
        if !a.has_role(Role::Practitioner) {
            return Ok(self.prac.user_id());
        }
        if !self.schedule.columns.contains(&a.user_id().0) {
            add_column(self, a.user_id())?;
            self.schedule.columns.insert(a.user_id().0);
        }
        Ok(a.user_id())
    }

    /// A booking for a fresh patient in `column`, at a time no other probe uses.
    pub fn new_appointment(&mut self, column: UserId) -> Result<NewAppointment> {
        let patient = self.fresh_patient()?;
        let n = self.schedule.slot;
        self.schedule.slot += 1;
        let (day, minutes) = (1 + n / 40, 8 * 60 + (n % 40) * 15);
        Ok(NewAppointment::new(
            patient,
            column,
            self.schedule.kind,
            format!("2030-01-{day:02}T{:02}:{:02}", minutes / 60, minutes % 60),
        ))
    }

    /// An appointment booked by an admin in `a`'s column.
    pub fn booked_for(&mut self, a: &Actor) -> Result<AppointmentId> {
        let column = self.column_for(a)?;
        let input = self.new_appointment(column)?;
        let admin = self.admin().clone();
        let booked = self.clinic().book_appointment(&admin, &input)?;
        booked
            .appointments
            .first()
            .map(|x| x.id)
            .ok_or_else(|| acuchart_core::Error::Internal("booking made no appointment".into()))
    }
}
