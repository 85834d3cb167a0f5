//! Possible duplicates of a new registration: the same name and birth date, or the same phone.
//! Names are compared through the search index, so case and accents do not hide a duplicate.

use super::search::{digits, same_names_and_birth_date, same_number};
use super::{NewPatient, PatientSummary};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::Result;

/// Fewer digits than this are too short to call two phone numbers the same.
const MIN_PHONE_DIGITS: usize = 7;

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .collect()
}

pub(super) fn find(db: &Db<'_>, input: &NewPatient) -> Result<Vec<PatientSummary>> {
    let mut found: Vec<PatientSummary> = Vec::new();
    let dob = input
        .date_of_birth
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let mut terms = words(&input.given_name);
    terms.extend(words(&input.family_name));
    if let (Some(dob), false) = (dob, terms.is_empty()) {
        found.extend(same_names_and_birth_date(db, &terms, dob)?);
    }
    let phone = input.phone.as_deref().map(digits).unwrap_or_default();
    if phone.len() >= MIN_PHONE_DIGITS {
        for p in same_number(db, &phone)? {
            if !found.iter().any(|f| f.id == p.id) {
                found.push(p);
            }
        }
    }
    Ok(found)
}

impl Clinic {
    /// Existing patients a new registration may be the same person as.
    pub fn find_duplicate_patients(
        &self,
        actor: &Actor,
        input: &NewPatient,
    ) -> Result<Vec<PatientSummary>> {
        actor.require(Operation::CreatePatient)?;
        self.read_db(|db| find(db, input))
    }
}
