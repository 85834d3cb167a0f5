//! The front desk's schedule: setup (practitioners, rooms, appointment types, working hours,
//! time off, the clinic's zone), appointments with their conflict rules and status workflow,
//! recurring courses, free-slot search, the waitlist, calendar views and ICS export.
//!
//! Appointments are stored as UTC instants plus the zone they were booked in, and are typed
//! and shown as local wall-clock times in the clinic's zone (`YYYY-MM-DDTHH:MM`, with the UTC
//! offset after it in the hour the clocks go back through, see `time`). A practitioner or a
//! room is never double-booked; cancelled and no-show appointments do not block. Every service
//! checks the actor's permission first; a practitioner without the front desk's rights is
//! narrowed to their own column.

pub(crate) mod appointment_types;
mod booking;
mod changes;
mod conflicts;
pub(crate) mod history;
mod ics;
mod practitioners;
mod preview;
mod recurrence;
pub(crate) mod rooms;
mod setup;
mod slots;
mod status;
mod store;
pub mod time;
mod time_off;
mod validate;
mod views;
mod waitlist;
mod working_hours;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::auth::{Actor, Operation};
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, RoomId, SeriesId, UserId};
use crate::patients::SafetyFlags;

pub use appointment_types::{AppointmentType, AppointmentTypeInput};
pub use booking::{BookingResult, NewAppointment, OccurrenceChoice};
pub use changes::{AppointmentChange, CancelInput, CancelResult};
pub use conflicts::{Clash, ClashKind};
pub use ics::{IcsExport, IcsQuery};
pub use practitioners::{Practitioner, PractitionerInput};
pub use preview::{BookingPreview, OccurrencePreview};
pub use recurrence::{occurrence_dates, RepeatFrequency, RepeatRule};
pub use rooms::{Room, RoomInput};
pub use setup::{ScheduleSettings, ScheduleSetup};
pub use slots::{FreeSlot, SlotQuery};
pub use status::{Attendance, StatusChange};
pub use time_off::{TimeOff, TimeOffInput};
pub use views::{
    Availability, DaySheet, DaySheetColumn, DaySheetRow, PatientAppointments, ScheduleQuery,
    ScheduleView,
};
pub use waitlist::{NewWaitlistEntry, WaitlistEntry, WaitlistOffer};
pub use working_hours::{WeekParity, WorkingBlock};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    Booked,
    Arrived,
    InTreatment,
    Completed,
    Cancelled,
    NoShow,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 6] = [
        AppointmentStatus::Booked,
        AppointmentStatus::Arrived,
        AppointmentStatus::InTreatment,
        AppointmentStatus::Completed,
        AppointmentStatus::Cancelled,
        AppointmentStatus::NoShow,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Arrived => "arrived",
            AppointmentStatus::InTreatment => "in_treatment",
            AppointmentStatus::Completed => "completed",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::NoShow => "no_show",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// Whether the appointment holds its practitioner and room.
    pub fn blocks(self) -> bool {
        !matches!(
            self,
            AppointmentStatus::Cancelled | AppointmentStatus::NoShow
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Arrived => "arrived",
            AppointmentStatus::InTreatment => "in treatment",
            AppointmentStatus::Completed => "completed",
            AppointmentStatus::Cancelled => "cancelled",
            AppointmentStatus::NoShow => "a no-show",
        }
    }
}

/// Which occurrences of a recurring course a change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditScope {
    #[default]
    This,
    ThisAndFollowing,
    All,
}

/// An appointment as the calendar shows it. Times are UTC instants (`starts_at`) and the
/// same in the clinic's zone (`local_start`, `YYYY-MM-DDTHH:MM`). Demographics only: no
/// clinical content besides the needling safety flags every role sees as badges.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Appointment {
    pub id: AppointmentId,
    pub patient_id: PatientId,
    /// As the patient prefers to be called, with the family name.
    pub patient_name: String,
    pub chart_number: i64,
    pub patient_phone: Option<String>,
    pub practitioner_id: UserId,
    pub practitioner_name: String,
    pub room_id: Option<RoomId>,
    pub room_name: Option<String>,
    pub type_id: AppointmentTypeId,
    pub type_name: String,
    pub colour: String,
    pub starts_at: String,
    pub ends_at: String,
    /// `YYYY-MM-DDTHH:MM` in the clinic's zone, followed by the UTC offset in the hour the
    /// clocks go back through (`2026-10-25T01:30+01:00`), where the wall clock alone is
    /// ambiguous. Each end is read from its own instant.
    pub local_start: String,
    pub local_end: String,
    pub duration_minutes: u32,
    /// The zone it was booked in.
    pub time_zone: String,
    pub status: AppointmentStatus,
    pub series_id: Option<SeriesId>,
    /// Visit number within its course (1-based), and how many visits the course has.
    pub series_index: Option<u32>,
    pub series_total: Option<u32>,
    pub front_desk_note: Option<String>,
    /// Why it was booked outside working hours or in time off.
    pub override_reason: Option<String>,
    pub arrived_at: Option<String>,
    pub treatment_started_at: Option<String>,
    pub completed_at: Option<String>,
    pub no_show_at: Option<String>,
    pub cancelled_at: Option<String>,
    /// Who cancelled it (their name).
    pub cancelled_by: Option<String>,
    pub cancel_reason: Option<String>,
    /// Cancelled with less notice than the clinic asks for.
    pub late_cancel: bool,
    pub safety: SafetyFlags,
}

/// A practitioner without the front desk's rights acts on their own column only.
pub(crate) fn require_column(actor: &Actor, practitioner: UserId) -> Result<()> {
    if practitioner == actor.user_id() || actor.may(Operation::ReadAllSchedules) {
        Ok(())
    } else {
        Err(Error::PermissionDenied(
            Operation::ReadAllSchedules.describe(),
        ))
    }
}
