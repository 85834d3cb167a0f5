//! Read models: the calendar's days (appointments plus each practitioner's hours and time
//! off), one practitioner's day (for charting), the reception day sheet (no clinical
//! content), and a patient's appointments with their attendance record.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::status::{attendance, Attendance};
use super::store::{self, Names, COLUMNS, FROM};
use super::time::{clinic_zone, day_start, fmt_hhmm, fmt_local, fmt_utc, parse_date};
use super::{
    practitioners, require_column, time_off, working_hours, Appointment, AppointmentStatus,
};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{PatientId, UserId};
use crate::settings;
use crate::sql_params;

#[derive(Default, Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ScheduleQuery {
    /// The first local date, `YYYY-MM-DD`.
    pub from: String,
    /// How many days (1 to 31).
    pub days: u32,
    /// Empty: every practitioner the user may see.
    #[serde(default)]
    #[ts(as = "Option<Vec<UserId>>", optional)]
    pub practitioner_ids: Vec<UserId>,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub include_cancelled: bool,
}

/// One practitioner's working blocks and time off on one date, in local `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Availability {
    pub practitioner_id: UserId,
    pub date: String,
    /// `[start, end]` pairs; empty when not working (or no hours are set up, see `hours_set`).
    pub working: Vec<[String; 2]>,
    pub hours_set: bool,
    /// Local `YYYY-MM-DDTHH:MM` pairs, clipped to the day.
    pub time_off: Vec<[String; 2]>,
    pub time_off_reasons: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScheduleView {
    pub from: String,
    pub days: u32,
    pub time_zone: String,
    pub appointments: Vec<Appointment>,
    pub availability: Vec<Availability>,
}

/// One line of the reception day sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DaySheetRow {
    pub start: String,
    pub end: String,
    pub patient_name: String,
    pub chart_number: i64,
    pub phone: Option<String>,
    pub type_name: String,
    pub room_name: Option<String>,
    pub status: AppointmentStatus,
    pub front_desk_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DaySheetColumn {
    pub practitioner_id: UserId,
    pub practitioner_name: String,
    pub rows: Vec<DaySheetRow>,
}

/// The reception's printed day: appointments by practitioner with times, names, phones and
/// types. No clinical content (no safety flags, no notes beyond the front desk's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DaySheet {
    pub clinic_name: String,
    pub date: String,
    pub time_zone: String,
    pub columns: Vec<DaySheetColumn>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PatientAppointments {
    pub attendance: Attendance,
    /// Oldest first.
    pub appointments: Vec<Appointment>,
}

/// The practitioners the actor may see, narrowed to `wanted` when it is not empty.
fn visible(actor: &Actor, wanted: &[UserId]) -> Result<Option<Vec<UserId>>> {
    if actor.may(Operation::ReadAllSchedules) {
        return Ok((!wanted.is_empty()).then(|| wanted.to_vec()));
    }
    for p in wanted {
        require_column(actor, *p)?;
    }
    Ok(Some(vec![actor.user_id()]))
}

pub(crate) fn range(
    db: &Db<'_>,
    from: NaiveDate,
    days: u32,
    only: Option<&[UserId]>,
    include_cancelled: bool,
) -> Result<ScheduleView> {
    let tz = clinic_zone(db)?;
    let start = day_start(tz, from);
    let end = day_start(tz, from + Duration::days(i64::from(days)));
    let names = Names::load(db)?;
    let status = if include_cancelled {
        ""
    } else {
        "AND a.status <> 'cancelled'"
    };
    let (s, e) = (fmt_utc(start), fmt_utc(end));
    let mut appointments = match only {
        Some([one]) => store::query(
            db,
            tz,
            &names,
            &format!("SELECT {COLUMNS} {FROM} WHERE a.practitioner_id = ?1 AND a.starts_at >= ?2 AND a.starts_at < ?3 {status} ORDER BY a.starts_at, a.id"),
            sql_params![one, s, e],
        )?,
        _ => store::query(
            db,
            tz,
            &names,
            &format!("SELECT {COLUMNS} {FROM} WHERE a.starts_at >= ?1 AND a.starts_at < ?2 {status} ORDER BY a.starts_at, a.id"),
            sql_params![s, e],
        )?,
    };
    if let Some(list) = only {
        appointments.retain(|a| list.contains(&a.practitioner_id));
    }
    let mut availability = Vec::new();
    for p in practitioners::list(db)? {
        if only.is_some_and(|l| !l.contains(&p.user_id))
            || (!p.active && !appointments.iter().any(|a| a.practitioner_id == p.user_id))
        {
            continue;
        }
        let hours = working_hours::load(db, p.user_id)?;
        let off = time_off::between(db, p.user_id, start, end)?;
        for d in 0..days {
            let date = from + Duration::days(i64::from(d));
            let (ds, de) = (day_start(tz, date), day_start(tz, date + Duration::days(1)));
            let spans: Vec<_> = off.iter().filter(|x| x.start < de && ds < x.end).collect();
            availability.push(Availability {
                practitioner_id: p.user_id,
                date: date.to_string(),
                working: hours
                    .on(date)
                    .into_iter()
                    .map(|(a, b)| [fmt_hhmm(a), fmt_hhmm(b)])
                    .collect(),
                hours_set: !hours.is_empty(),
                time_off: spans
                    .iter()
                    .map(|x| [fmt_local(tz, x.start.max(ds)), fmt_local(tz, x.end.min(de))])
                    .collect(),
                time_off_reasons: spans.iter().map(|x| x.reason.clone()).collect(),
            });
        }
    }
    Ok(ScheduleView {
        from: from.to_string(),
        days,
        time_zone: tz.name().to_owned(),
        appointments,
        availability,
    })
}

impl Clinic {
    /// The calendar's days: every appointment starting in them, and each practitioner's hours.
    pub fn schedule(&self, actor: &Actor, query: &ScheduleQuery) -> Result<ScheduleView> {
        actor.require(Operation::ReadSchedule)?;
        if !(1..=31).contains(&query.days) {
            return Err(Error::invalid("days", "Show 1 to 31 days."));
        }
        let from = parse_date("from", &query.from)?;
        let only = visible(actor, &query.practitioner_ids)?;
        self.read_db(|c| {
            range(
                c,
                from,
                query.days,
                only.as_deref(),
                query.include_cancelled,
            )
        })
    }

    /// One practitioner's appointments on a local date (cancelled ones left out), for the
    /// charting screen's "today".
    pub fn practitioner_day(
        &self,
        actor: &Actor,
        practitioner: UserId,
        date: NaiveDate,
    ) -> Result<Vec<Appointment>> {
        actor.require(Operation::ReadSchedule)?;
        require_column(actor, practitioner)?;
        self.read_db(|c| Ok(range(c, date, 1, Some(&[practitioner]), false)?.appointments))
    }

    /// The reception day sheet: by practitioner (column order), cancelled visits left out.
    pub fn day_sheet(&self, actor: &Actor, date: NaiveDate) -> Result<DaySheet> {
        actor.require(Operation::ReadSchedule)?;
        let only = visible(actor, &[])?;
        self.read_db(|c| {
            let view = range(c, date, 1, only.as_deref(), false)?;
            let mut columns = Vec::new();
            for p in practitioners::list(c)? {
                let rows: Vec<DaySheetRow> = view
                    .appointments
                    .iter()
                    .filter(|a| a.practitioner_id == p.user_id)
                    .map(|a| DaySheetRow {
                        start: a.local_start[11..].to_owned(),
                        end: a.local_end[11..].to_owned(),
                        patient_name: a.patient_name.clone(),
                        chart_number: a.chart_number,
                        phone: a.patient_phone.clone(),
                        type_name: a.type_name.clone(),
                        room_name: a.room_name.clone(),
                        status: a.status,
                        front_desk_note: a.front_desk_note.clone(),
                    })
                    .collect();
                let working = view
                    .availability
                    .iter()
                    .any(|v| v.practitioner_id == p.user_id && !v.working.is_empty());
                if !rows.is_empty() || (p.active && working) {
                    columns.push(DaySheetColumn {
                        practitioner_id: p.user_id,
                        practitioner_name: p.display_name,
                        rows,
                    });
                }
            }
            Ok(DaySheet {
                clinic_name: settings::load(c)?.name,
                date: date.to_string(),
                time_zone: view.time_zone,
                columns,
            })
        })
    }

    /// A patient's appointments (all of them, oldest first) and attendance counts.
    pub fn patient_appointments(
        &self,
        actor: &Actor,
        patient: PatientId,
    ) -> Result<PatientAppointments> {
        actor.require(Operation::ReadSchedule)?;
        self.write_db(|tx| {
            super::booking::check_patient(tx, patient).or_else(|e| match e {
                Error::Conflict(_) => Ok(()),
                other => Err(other),
            })?;
            let tz = clinic_zone(tx)?;
            let names = Names::load(tx)?;
            let mut appointments = store::query(
                tx,
                tz,
                &names,
                &format!(
                    "SELECT {COLUMNS} {FROM} WHERE a.patient_id = ?1 ORDER BY a.starts_at, a.id"
                ),
                sql_params![patient],
            )?;
            if !actor.may(Operation::ReadAllSchedules) {
                appointments.retain(|a| a.practitioner_id == actor.user_id());
            }
            audit::record(
                tx,
                Some(actor),
                Action::Read,
                "patient_appointments",
                Some(patient.to_string()),
            )?;
            Ok(PatientAppointments {
                attendance: attendance(tx, patient)?,
                appointments,
            })
        })
    }
}
