//! Newtype identifiers, so a patient id can never be passed where a user id is meant.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
        #[serde(transparent)]
        #[ts(type = "number")]
        pub struct $name(pub i64);

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                i64::column_result(value).map(Self)
            }
        }

        impl crate::db::ToValue for $name {
            fn to_value(&self) -> crate::db::Value {
                crate::db::Value::Integer(self.0)
            }
        }

        impl crate::db::FromValue for $name {
            fn from_value(value: &crate::db::Value) -> std::result::Result<Self, String> {
                i64::from_value(value).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A staff member who signs in.
    UserId,
    /// A patient record; stable for the life of the clinic.
    PatientId,
    /// A booked appointment.
    AppointmentId,
    /// A visit note (one per treatment session).
    NoteId,
    /// A generated document (PDF) kept on record.
    DocumentId,
    /// A clinic-written condition handout appended to treatment summaries.
    HandoutId,
    /// A named point set.
    ProtocolId,
    // Schedule
    /// A treatment room or bed.
    RoomId,
    /// A kind of appointment (initial consultation, follow-up…).
    AppointmentTypeId,
    /// A recurring course of appointments.
    SeriesId,
    /// A practitioner's block of time off.
    TimeOffId,
    /// A patient waiting for an earlier or better slot.
    WaitlistId,
);
