//! The waitlist: patients who want an earlier or a better slot, with their preferred
//! practitioners, days and times. When an appointment is cancelled, the entries that fit the
//! freed time are offered, oldest first.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::booking::check_patient;
use super::store::{self, patient_name};
use super::time::{
    clinic_zone, fmt_hhmm, fmt_local, fmt_utc, iso_weekday, local_parts, parse_hhmm,
};
use super::validate::clean;
use super::{appointment_types, practitioners};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, UserId, WaitlistId};
use crate::sql_params;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewWaitlistEntry {
    pub patient_id: PatientId,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub type_id: Option<AppointmentTypeId>,
    /// Empty: any practitioner.
    #[serde(default)]
    #[ts(as = "Option<Vec<UserId>>", optional)]
    pub practitioner_ids: Vec<UserId>,
    /// ISO weekdays; empty: any day.
    #[serde(default)]
    #[ts(as = "Option<Vec<u8>>", optional)]
    pub weekdays: Vec<u8>,
    /// `HH:MM`: can come from this time…
    #[serde(default)]
    #[ts(optional = nullable)]
    pub earliest: Option<String>,
    /// …and must be done by this time.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub latest: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WaitlistEntry {
    pub id: WaitlistId,
    pub patient_id: PatientId,
    pub patient_name: String,
    pub chart_number: i64,
    pub phone: Option<String>,
    pub type_id: Option<AppointmentTypeId>,
    pub type_name: Option<String>,
    pub duration_minutes: Option<u32>,
    pub practitioner_ids: Vec<UserId>,
    pub weekdays: Vec<u8>,
    pub earliest: Option<String>,
    pub latest: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
}

/// A waiting patient who fits a freed time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WaitlistOffer {
    pub entry: WaitlistEntry,
    pub practitioner_id: UserId,
    pub starts_at: String,
    pub ends_at: String,
    pub local_start: String,
    pub local_end: String,
}

fn csv_list<T: std::str::FromStr>(text: &str, row: &str) -> Result<Vec<T>> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .map_err(|_| Error::Internal(format!("{row} has a malformed list {text:?}")))
        })
        .collect()
}

fn open_entries(db: &Db<'_>) -> Result<Vec<WaitlistEntry>> {
    db.query(
        "SELECT w.id, w.patient_id, p.given_name, p.family_name, p.preferred_name, p.chart_number, p.phone,
                w.type_id, t.name, t.duration_minutes, w.practitioner_ids, w.weekdays, w.earliest_minute,
                w.latest_minute, w.note, w.created_at
         FROM waitlist w JOIN patients p ON p.id = w.patient_id
         LEFT JOIN appointment_types t ON t.id = w.type_id
         WHERE w.resolved_at IS NULL ORDER BY w.created_at, w.id",
        sql_params![],
    )?
    .iter()
    .map(|r| {
        let id: WaitlistId = r.get("id")?;
        let row = format!("waitlist entry {id}");
        Ok(WaitlistEntry {
            id,
            patient_id: r.get("patient_id")?,
            patient_name: patient_name(
                &r.get::<String>("given_name")?,
                &r.get::<String>("family_name")?,
                r.get::<Option<String>>("preferred_name")?.as_deref(),
            ),
            chart_number: r.get("chart_number")?,
            phone: r.get("phone")?,
            type_id: r.get("type_id")?,
            type_name: r.get("name")?,
            duration_minutes: r.get("duration_minutes")?,
            practitioner_ids: csv_list::<i64>(&r.get::<String>("practitioner_ids")?, &row)?
                .into_iter()
                .map(UserId)
                .collect(),
            weekdays: csv_list(&r.get::<String>("weekdays")?, &row)?,
            earliest: r.get::<Option<u32>>("earliest_minute")?.map(fmt_hhmm),
            latest: r.get::<Option<u32>>("latest_minute")?.map(fmt_hhmm),
            note: r.get("note")?,
            created_at: r.get("created_at")?,
        })
    })
    .collect()
}

pub(crate) fn matches(
    db: &Db<'_>,
    tz: Tz,
    practitioner: UserId,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    patient: PatientId,
) -> Result<Vec<WaitlistOffer>> {
    let (date, start_min) = local_parts(tz, start);
    let (end_date, end_min) = local_parts(tz, end);
    let end_min = if end_date > date { 1440 } else { end_min };
    let minutes = (end - start).num_minutes();
    let fits = |e: &WaitlistEntry| -> Result<bool> {
        let window_ok = e
            .earliest
            .as_deref()
            .map(|t| parse_hhmm("earliest", t))
            .transpose()?
            .is_none_or(|m| m <= start_min)
            && e.latest
                .as_deref()
                .map(|t| parse_hhmm("latest", t))
                .transpose()?
                .is_none_or(|m| end_min <= m);
        Ok(e.patient_id != patient
            && (e.practitioner_ids.is_empty() || e.practitioner_ids.contains(&practitioner))
            && (e.weekdays.is_empty() || e.weekdays.contains(&iso_weekday(date)))
            && e.duration_minutes.is_none_or(|d| i64::from(d) <= minutes)
            && window_ok)
    };
    let mut out = Vec::new();
    for entry in open_entries(db)? {
        if fits(&entry)? {
            let duration = entry
                .duration_minutes
                .map_or(end - start, |d| chrono::Duration::minutes(i64::from(d)));
            out.push(WaitlistOffer {
                entry,
                practitioner_id: practitioner,
                starts_at: fmt_utc(start),
                ends_at: fmt_utc(start + duration),
                local_start: fmt_local(tz, start),
                local_end: fmt_local(tz, start + duration),
            });
        }
    }
    Ok(out)
}

impl Clinic {
    pub fn add_to_waitlist(
        &self,
        actor: &Actor,
        input: &NewWaitlistEntry,
    ) -> Result<WaitlistEntry> {
        actor.require(Operation::ManageWaitlist)?;
        let earliest = input
            .earliest
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| parse_hhmm("earliest", t))
            .transpose()?;
        let latest = input
            .latest
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .map(|t| parse_hhmm("latest", t))
            .transpose()?;
        if let (Some(a), Some(b)) = (earliest, latest) {
            if a >= b {
                return Err(Error::invalid(
                    "latest",
                    "The latest time must be after the earliest.",
                ));
            }
        }
        if input.weekdays.iter().any(|d| !(1..=7).contains(d)) {
            return Err(Error::invalid(
                "weekdays",
                "Weekdays are 1 (Monday) to 7 (Sunday).",
            ));
        }
        self.write_db(|tx| {
            check_patient(tx, input.patient_id)?;
            if let Some(t) = input.type_id {
                appointment_types::load(tx, t)?;
            }
            for p in &input.practitioner_ids {
                practitioners::load(tx, *p)?;
            }
            let join = |v: Vec<String>| v.join(",");
            let id = WaitlistId(tx.insert_returning_id(
                "INSERT INTO waitlist (patient_id, type_id, practitioner_ids, weekdays, earliest_minute, latest_minute,
                     note, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 RETURNING id",
                sql_params![
                    input.patient_id,
                    input.type_id,
                    join(input.practitioner_ids.iter().map(|p| p.to_string()).collect()),
                    join(input.weekdays.iter().map(u8::to_string).collect()),
                    earliest,
                    latest,
                    clean("note", &input.note)?,
                    fmt_utc(Utc::now()),
                    actor.user_id()
                ],
            )?);
            audit::record(tx, Some(actor), Action::Create, "waitlist", Some(id.to_string()))?;
            open_entries(tx)?
                .into_iter()
                .find(|e| e.id == id)
                .ok_or_else(|| Error::Internal(format!("waitlist entry {id} vanished after insert")))
        })
    }

    /// Open entries, oldest first.
    pub fn waitlist(&self, actor: &Actor) -> Result<Vec<WaitlistEntry>> {
        actor.require(Operation::ManageWaitlist)?;
        self.read_db(open_entries)
    }

    /// Takes an entry off the list (booked, or no longer wanted).
    pub fn resolve_waitlist_entry(&self, actor: &Actor, id: WaitlistId) -> Result<()> {
        actor.require(Operation::ManageWaitlist)?;
        self.write_db(|tx| {
            let n = tx.execute(
                "UPDATE waitlist SET resolved_at = ?2, resolved_by = ?3 WHERE id = ?1 AND resolved_at IS NULL",
                sql_params![id, fmt_utc(Utc::now()), actor.user_id()],
            )?;
            if n == 0 {
                return Err(Error::NotFound(format!("Open waitlist entry {id}")));
            }
            audit::record(tx, Some(actor), Action::Update, "waitlist", Some(id.to_string()))
        })
    }

    /// The waiting patients who fit the time of a (cancelled) appointment.
    pub fn waitlist_offers(
        &self,
        actor: &Actor,
        appointment: AppointmentId,
    ) -> Result<Vec<WaitlistOffer>> {
        actor.require(Operation::ManageWaitlist)?;
        self.read_db(|c| {
            let tz = clinic_zone(c)?;
            let h = store::head(c, appointment)?;
            matches(c, tz, h.practitioner_id, h.start, h.end, h.patient_id)
        })
    }
}
