//! The schedule part of the CLI cases' world: two practitioner columns with hours every day
//! (`column-prac`, and the matrix's own practitioner), a type that needs no room, and fresh
//! appointments, waitlist entries and time off for the `{s:…}` placeholders.

use acuchart_core::auth::{Actor, Role};
use acuchart_core::ids::{AppointmentId, UserId};
use acuchart_core::schedule::{
    AppointmentTypeInput, NewAppointment, NewWaitlistEntry, PractitionerInput, StatusChange,
    TimeOffInput, WeekParity, WorkingBlock,
};

use super::world::{add_user, Res, World};

/// The column other people's bookings go in; a practitioner may not act in it.
pub const OTHER_COLUMN: &str = "column-prac";
pub const TYPE_NAME: &str = "Probe visit";

fn column(w: &World, user: UserId) -> Res<()> {
    w.clinic.save_practitioner(
        &w.admin,
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
    w.clinic.set_working_hours(&w.admin, user, &every_day)?;
    Ok(())
}

fn user_id(w: &World, username: &str) -> Res<UserId> {
    Ok(w.clinic.user_by_username(&w.admin, username)?.id)
}

pub fn prepare(w: &World) -> Res<()> {
    add_user(&w.clinic, &w.admin, OTHER_COLUMN, Role::Practitioner)?;
    column(w, user_id(w, OTHER_COLUMN)?)?;
    column(w, w.prac.user_id())?;
    w.clinic.save_appointment_type(
        &w.admin,
        &AppointmentTypeInput {
            id: None,
            name: TYPE_NAME.into(),
            duration_minutes: 15,
            colour: "#2a9d8f".into(),
            needs_room: false,
            fee_cents: None,
            billing_code: None,
            sort_order: None,
            active: true,
        },
    )?;
    Ok(())
}

impl World {
    /// The column `signer` works in: its own for a practitioner, else the other column.
    fn column_of(&self, signer: &Actor) -> Res<UserId> {
        if signer.has_role(Role::Practitioner) {
            Ok(signer.user_id())
        } else {
            user_id(self, OTHER_COLUMN)
        }
    }

    /// A local time no other case uses: `2030-01-DD HH:MM` (or in 2020, in the past).
    fn next_time(&mut self, year: u32) -> String {
        self.serial += 1;
        let n = self.serial;
        let (day, minutes) = (1 + (n / 40) % 28, 8 * 60 + (n % 40) * 15);
        format!("{year}-01-{day:02} {:02}:{:02}", minutes / 60, minutes % 60)
    }

    fn book(&mut self, column: UserId, year: u32) -> Res<AppointmentId> {
        let patient_id = self.fresh_patient()?;
        let type_id = self
            .clinic
            .schedule_setup(&self.admin)?
            .types
            .into_iter()
            .find(|t| t.name == TYPE_NAME)
            .ok_or("the probe type is missing")?
            .id;
        let at = self.next_time(year).replace(' ', "T");
        let booked = self.clinic.book_appointment(
            &self.admin,
            &NewAppointment::new(patient_id, column, type_id, at),
        )?;
        Ok(booked
            .appointments
            .first()
            .ok_or("no appointment booked")?
            .id)
    }

    pub fn fill_schedule(&mut self, arg: &str, signer: &Actor) -> Res<String> {
        Ok(match arg {
            "{s:column}" => {
                let id = self.column_of(signer)?;
                self.clinic
                    .list_users(&self.admin)?
                    .into_iter()
                    .find(|u| u.id == id)
                    .ok_or("no such column")?
                    .username
            }
            "{s:at}" => self.next_time(2030),
            "{s:series_at}" => {
                self.serial += 1;
                format!("2031-{:02}-07 10:00", 1 + self.serial % 12)
            }
            "{s:appt}" => {
                let column = self.column_of(signer)?;
                self.book(column, 2030)?.to_string()
            }
            "{s:appt_other}" => {
                let column = user_id(self, OTHER_COLUMN)?;
                self.book(column, 2030)?.to_string()
            }
            "{s:arrived}" => {
                let column = self.column_of(signer)?;
                let id = self.book(column, 2030)?;
                self.clinic
                    .set_appointment_status(&self.admin, id, StatusChange::Arrived)?;
                id.to_string()
            }
            "{s:past}" => {
                let column = self.column_of(signer)?;
                self.book(column, 2020)?.to_string()
            }
            "{s:waitlist}" => {
                let patient_id = self.fresh_patient()?;
                self.clinic
                    .add_to_waitlist(
                        &self.admin,
                        &NewWaitlistEntry {
                            patient_id,
                            type_id: None,
                            practitioner_ids: Vec::new(),
                            weekdays: Vec::new(),
                            earliest: None,
                            latest: None,
                            note: None,
                        },
                    )?
                    .id
                    .to_string()
            }
            "{s:time_off}" => {
                self.serial += 1;
                let day = format!("2032-02-{:02}", 1 + self.serial % 28);
                self.clinic
                    .add_time_off(
                        &self.admin,
                        &TimeOffInput {
                            practitioner_id: user_id(self, OTHER_COLUMN)?,
                            from: day.clone(),
                            to: day,
                            reason: None,
                        },
                    )?
                    .id
                    .to_string()
            }
            "{s:ics}" => self.dir.path().join("schedule.ics").display().to_string(),
            other => return Err(format!("unknown placeholder {other}").into()),
        })
    }
}
