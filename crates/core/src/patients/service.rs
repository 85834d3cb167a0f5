use chrono::Utc;

use super::search::{self, index_row, PatientQuery};
use super::validate::check;
use super::{NewPatient, PatientSummary};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::settings;

impl Clinic {
    pub fn create_patient(&self, actor: &Actor, input: &NewPatient) -> Result<PatientSummary> {
        actor.require(Operation::CreatePatient)?;
        let tz = self.read(|c| {
            let name = settings::load(c)?.time_zone;
            settings::parse_time_zone(&name)
                .ok_or_else(|| Error::Internal(format!("stored time zone {name:?} is unknown")))
        })?;
        let today = Utc::now().with_timezone(&tz).date_naive();
        let valid = check(input, today).map_err(Error::Invalid)?;
        self.write(|tx| {
            let chart_number: i64 = tx.query_row(
                "UPDATE counters SET value = value + 1 WHERE name = 'chart_number' RETURNING value",
                [],
                |r| r.get(0),
            )?;
            let now = Utc::now().to_rfc3339();
            tx.execute(
                "INSERT INTO patients (chart_number, given_name, family_name, preferred_name,
                     date_of_birth, phone, created_at, created_by, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7, ?8)",
                (
                    chart_number,
                    &valid.given_name,
                    &valid.family_name,
                    &valid.preferred_name,
                    valid
                        .date_of_birth
                        .map(|d| d.format("%Y-%m-%d").to_string()),
                    &valid.phone,
                    &now,
                    actor.user_id(),
                ),
            )?;
            let id = PatientId(tx.last_insert_rowid());
            index_row(
                tx,
                id,
                chart_number,
                [
                    &valid.given_name,
                    &valid.family_name,
                    valid.preferred_name.as_deref().unwrap_or(""),
                ],
                valid.date_of_birth,
                valid.phone.as_deref(),
            )?;
            audit::record(
                tx,
                Some(actor),
                Action::Create,
                "patient",
                Some(id.to_string()),
            )?;
            Ok(PatientSummary {
                id,
                chart_number,
                given_name: valid.given_name,
                family_name: valid.family_name,
                preferred_name: valid.preferred_name,
                date_of_birth: valid.date_of_birth,
                phone: valid.phone,
                archived: false,
            })
        })
    }

    pub fn search_patients(
        &self,
        actor: &Actor,
        query: &PatientQuery,
    ) -> Result<Vec<PatientSummary>> {
        actor.require(Operation::SearchPatients)?;
        self.read(|c| search::run(c, query))
    }
}
