//! The clinic's scheduling settings (time zone, late-cancel notice) and everything the
//! calendar needs to draw its columns, in one read.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::appointment_types::{self, AppointmentType};
use super::practitioners::{self, Practitioner};
use super::rooms::{self, Room};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::settings;

#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScheduleSettings {
    /// IANA zone, e.g. `Europe/London`: appointments are shown and typed in it.
    pub time_zone: String,
    /// A cancellation with less notice than this counts as late.
    pub late_cancel_notice_hours: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ScheduleSetup {
    pub settings: ScheduleSettings,
    pub practitioners: Vec<Practitioner>,
    pub rooms: Vec<Room>,
    pub types: Vec<AppointmentType>,
    /// Today in the clinic's zone, `YYYY-MM-DD`.
    pub today: String,
}

pub(crate) fn load_settings(db: &Db<'_>) -> Result<ScheduleSettings> {
    let time_zone = settings::load(db)?.time_zone;
    let late_cancel_notice_hours = settings::store::late_cancel_notice_hours(db)?;
    Ok(ScheduleSettings {
        time_zone,
        late_cancel_notice_hours,
    })
}

impl Clinic {
    pub fn schedule_setup(&self, actor: &Actor) -> Result<ScheduleSetup> {
        actor.require(Operation::ReadSchedule)?;
        self.read_db(|c| {
            Ok(ScheduleSetup {
                settings: load_settings(c)?,
                practitioners: practitioners::list(c)?,
                rooms: rooms::list(c)?,
                types: appointment_types::list(c)?,
                today: super::time::today_in(super::time::clinic_zone(c)?).to_string(),
            })
        })
    }

    /// Changes the clinic's zone and notice period. Appointments keep their instants: an
    /// appointment at 15:00 UTC stays at 15:00 UTC and is shown in the new zone.
    pub fn update_schedule_settings(
        &self,
        actor: &Actor,
        input: &ScheduleSettings,
    ) -> Result<ScheduleSettings> {
        actor.require(Operation::ManageScheduleSetup)?;
        let zone = input.time_zone.trim();
        if settings::parse_time_zone(zone).is_none() {
            return Err(Error::invalid(
                "time_zone",
                format!(
                    "{zone:?} is not a time zone this app knows; pick one such as Europe/London."
                ),
            ));
        }
        if input.late_cancel_notice_hours > 168 {
            return Err(Error::invalid(
                "late_cancel_notice_hours",
                "The notice period is between 0 and 168 hours (a week).",
            ));
        }
        self.write_db(|tx| {
            settings::store::set_schedule(tx, zone, input.late_cancel_notice_hours)?;
            audit::record(
                tx,
                Some(actor),
                Action::Update,
                "clinic_settings",
                Some("1".into()),
            )?;
            load_settings(tx)
        })
    }
}
