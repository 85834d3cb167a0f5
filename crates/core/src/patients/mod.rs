//! Patient records: registration, the full record, safety flags, clinical history kept apart
//! from what the front desk sees, type-ahead search, duplicates, archive and merge.

pub(crate) mod bulk;
mod duplicates;
mod medical;
mod merge;
mod profile;
mod rank;
mod safety;
mod search;
mod service;
mod validate;

pub use merge::{CHILD_TABLES, STAYS_WITH_RECORD};
pub(crate) use profile::load_profile;
pub use rank::fold;
pub(crate) use safety::{load_safety, safety_set_at};
pub use search::{build_match_query, PatientQuery};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::PatientId;

/// Quick registration at the front desk. Dates and phones arrive as typed, so that a bad
/// value comes back as a message on that field rather than a failed deserialisation.
#[derive(Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
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
    #[ts(optional = nullable)]
    pub email: Option<String>,
    /// Register even though a patient with the same name and birth date, or the same phone,
    /// exists (the person confirmed it is someone else).
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub allow_duplicate: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Intersex,
    Unknown,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Intersex => "intersex",
            Sex::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Sex> {
        [Sex::Female, Sex::Male, Sex::Intersex, Sex::Unknown]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// Demographics, contact and front-desk fields: what every role may read and edit.
/// Dates are `YYYY-MM-DD` text both ways.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PatientDetails {
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub sex: Option<Sex>,
    /// As the patient describes it.
    pub gender: Option<String>,
    pub phone: Option<String>,
    pub phone_alt: Option<String>,
    pub email: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub city: Option<String>,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    pub country: Option<String>,
    pub emergency_contact_name: Option<String>,
    pub emergency_contact_relationship: Option<String>,
    pub emergency_contact_phone: Option<String>,
    pub physician_name: Option<String>,
    pub physician_phone: Option<String>,
    pub occupation: Option<String>,
    /// How they heard of the clinic.
    pub referral_source: Option<String>,
    /// Notes for reception (billing, parking, preferred times). Never clinical content.
    pub front_desk_notes: Option<String>,
    pub consent_date: Option<String>,
    pub consent_form_version: Option<String>,
}

/// What matters before a needle goes in. Every role sees these (as badges); clinicians set them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SafetyFlags {
    pub pregnant: bool,
    pub pregnancy_due_date: Option<String>,
    pub pregnancy_trimester: Option<u8>,
    /// Pacemaker or another implanted electrical device: no electro-acupuncture.
    pub pacemaker: bool,
    /// Anticoagulants or a bleeding disorder.
    pub anticoagulants: bool,
    /// Needle phobia or a history of fainting.
    pub needle_phobia: bool,
    pub diabetes: bool,
    pub metal_allergy: bool,
    pub epilepsy: bool,
    pub other: Option<String>,
}

/// Clinical history: practitioners and admins only; a receptionist's request is refused.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct MedicalHistory {
    pub medical_history: Option<String>,
    pub medications: Option<String>,
    pub allergies: Option<String>,
    pub surgeries: Option<String>,
    pub clinical_notes: Option<String>,
}

/// A row in search results and lists: demographics only, safe for every role.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct PatientSummary {
    pub id: PatientId,
    pub chart_number: i64,
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    #[ts(type = "string | null")]
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub archived: bool,
}

/// The patient header and details tab.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct PatientProfile {
    pub id: PatientId,
    pub chart_number: i64,
    pub details: PatientDetails,
    pub safety: SafetyFlags,
    pub archived_at: Option<String>,
    /// Set when this record was merged into another; open that one instead.
    pub merged_into: Option<PatientId>,
    pub created_at: String,
    pub updated_at: String,
    pub updated_by: String,
}

// Names, contact details and clinical history never reach a log through `{:?}`.
crate::redacted_debug!(
    NewPatient,
    PatientDetails,
    MedicalHistory,
    PatientSummary,
    PatientProfile
);
