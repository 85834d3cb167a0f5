//! Possible duplicates of a new registration: the same name and birth date, or the same phone.
//! Names are compared through the search index, so case and accents do not hide a duplicate.

use rusqlite::Connection;

use super::search::{digits, summary_from_row, SUMMARY_COLUMNS};
use super::{NewPatient, PatientSummary};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::Result;

/// Fewer digits than this are too short to call two phone numbers the same.
const MIN_PHONE_DIGITS: usize = 7;

fn quoted_terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| format!("names : \"{t}\""))
        .collect()
}

pub(super) fn find(conn: &Connection, input: &NewPatient) -> Result<Vec<PatientSummary>> {
    let mut found: Vec<PatientSummary> = Vec::new();
    let dob = input
        .date_of_birth
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty());
    let mut terms = quoted_terms(&input.given_name);
    terms.extend(quoted_terms(&input.family_name));
    if let (Some(dob), false) = (dob, terms.is_empty()) {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM patient_search s JOIN patients p ON p.id = s.rowid
             WHERE patient_search MATCH ?1 AND p.date_of_birth = ?2 AND p.merged_into IS NULL
             ORDER BY p.id LIMIT 20"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map((terms.join(" AND "), dob), summary_from_row)?;
        found.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    let phone = input.phone.as_deref().map(digits).unwrap_or_default();
    if phone.len() >= MIN_PHONE_DIGITS {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM patient_search s JOIN patients p ON p.id = s.rowid
             WHERE patient_search MATCH ?1 AND p.merged_into IS NULL ORDER BY p.id LIMIT 20"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([format!("numbers : \"{phone}\"")], summary_from_row)?;
        for p in rows {
            let p = p?;
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
        self.read(|c| find(c, input))
    }
}
