use chrono::{NaiveDate, Utc};

use super::duplicates;
use super::profile::{detail_values, DETAIL_COLUMNS};
use super::search::{self, index_row, PatientQuery};
use super::validate::{check_details, details_from_new};
use super::{NewPatient, PatientSummary};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{ToValue, Value};
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::settings;
use crate::sql_params;

fn describe(p: &PatientSummary) -> String {
    let dob = p
        .date_of_birth
        .map(|d| format!(", born {d}"))
        .unwrap_or_default();
    format!(
        "{} {} (chart #{}{dob})",
        p.given_name, p.family_name, p.chart_number
    )
}

impl Clinic {
    /// Today's date in the clinic's time zone.
    pub fn today(&self) -> Result<NaiveDate> {
        let tz = self.read_db(|db| {
            let name = settings::load(db)?.time_zone;
            settings::parse_time_zone(&name)
                .ok_or_else(|| Error::Internal(format!("stored time zone {name:?} is unknown")))
        })?;
        Ok(Utc::now().with_timezone(&tz).date_naive())
    }

    /// Registers a patient. A possible duplicate is refused (naming it) unless the input says
    /// the person confirmed it is someone else.
    pub fn create_patient(&self, actor: &Actor, input: &NewPatient) -> Result<PatientSummary> {
        actor.require(Operation::CreatePatient)?;
        let details =
            check_details(&details_from_new(input), self.today()?).map_err(Error::Invalid)?;
        self.write_db(|db| {
            if !input.allow_duplicate {
                let existing = duplicates::find(db, input)?;
                if let Some(first) = existing.first() {
                    return Err(Error::Conflict(format!(
                        "{} may already be registered: {}. Open that record, or confirm this is a different person.",
                        details.given_name,
                        describe(first)
                    )));
                }
            }
            let chart_number: i64 = db
                .query_one(
                    "UPDATE counters SET value = value + 1 WHERE name = 'chart_number' RETURNING value",
                    sql_params![],
                )?
                .get("value")?;
            let now = Utc::now().to_rfc3339();
            let columns = DETAIL_COLUMNS.join(", ");
            let n = DETAIL_COLUMNS.len();
            let placeholders = (1..=n + 5).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ");
            let mut params = detail_values(&details);
            let user = Value::Integer(actor.user_id().0);
            params.extend([Value::Integer(chart_number), Value::Text(now.clone()), user.clone(), Value::Text(now), user]);
            let refs: Vec<&dyn ToValue> = params.iter().map(|v| v as &dyn ToValue).collect();
            let id = PatientId(db.insert_returning_id(
                &format!(
                    "INSERT INTO patients ({columns}, chart_number, created_at, created_by, updated_at, updated_by)
                     VALUES ({placeholders}) RETURNING id"
                ),
                &refs,
            )?);
            index_row(db, id, chart_number, &details)?;
            audit::record(db, Some(actor), Action::Create, "patient", Some(id.to_string()))?;
            let summary = search::summary_from_row(&db.query_one(
                &format!("SELECT {} FROM patients p WHERE p.id = ?1", search::SUMMARY_COLUMNS),
                sql_params![id],
            )?)?;
            Ok(summary)
        })
    }

    pub fn search_patients(
        &self,
        actor: &Actor,
        query: &PatientQuery,
    ) -> Result<Vec<PatientSummary>> {
        actor.require(Operation::SearchPatients)?;
        self.read_db(|db| search::run(db, query))
    }
}
