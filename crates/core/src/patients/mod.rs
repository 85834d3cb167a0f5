//! Patient records: registration and type-ahead search.

mod search;
mod service;
mod validate;

pub use search::{build_match_query, PatientQuery};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::PatientId;

/// What the registration form sends. Dates and phones arrive as typed, so that a bad value
/// comes back as a message on that field rather than a failed deserialisation.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct NewPatient {
    pub given_name: String,
    pub family_name: String,
    #[ts(optional = nullable)]
    pub preferred_name: Option<String>,
    /// `YYYY-MM-DD`.
    #[ts(optional = nullable)]
    pub date_of_birth: Option<String>,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
}

/// A row in search results and lists: demographics only, safe for every role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PatientSummary {
    pub id: PatientId,
    pub chart_number: i64,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub archived: bool,
}
