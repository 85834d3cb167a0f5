//! A practitioner's schedule as an iCalendar (.ics) file, for their phone or a shared
//! calendar. Patient names are included only when the person exporting asks for them: the
//! file leaves the encrypted database.

use chrono::Duration;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time::{parse_date, parse_utc};
use super::{practitioners, require_column, views, AppointmentStatus};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::files::Overwrite;
use crate::ids::UserId;
use crate::settings;

/// Names the program that wrote the file (RFC 5545 §3.7.3), as calendars show it.
const PRODID: &str = "-//AcuChart//Schedule export//EN";

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct IcsQuery {
    pub practitioner_id: UserId,
    /// First local date, `YYYY-MM-DD`.
    pub from: String,
    /// Last local date (inclusive), `YYYY-MM-DD`; at most a year after `from`.
    pub to: String,
    /// Put patients' names in the events; otherwise only the appointment type.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub include_patient_names: bool,
}

/// A written .ics file: where it is and how many appointments it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IcsExport {
    pub path: String,
    pub events: u32,
}

impl Clinic {
    /// Writes the practitioner's .ics into `dir` (the clinic's export folder), named after
    /// them and the dates, and says where. The file is written whole: to a temporary name
    /// first, then renamed, so a half-written export never sits under the final name.
    pub fn export_schedule_ics_to(
        &self,
        actor: &Actor,
        query: &IcsQuery,
        dir: &std::path::Path,
    ) -> Result<IcsExport> {
        let text = self.schedule_ics(actor, query)?;
        let who = self.read_db(|c| practitioners::load(c, query.practitioner_id))?;
        let slug: String = who
            .display_name
            .chars()
            .map(|ch| {
                if ch.is_alphanumeric() {
                    ch.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect::<String>()
            .split('-')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        // Parsed again so only a date, never typed text, reaches the file name.
        let (from, to) = (
            parse_date("from", &query.from)?,
            parse_date("to", &query.to)?,
        );
        let name = format!("schedule-{slug}-{from}-to-{to}.ics");
        // The name is the app's own: exporting the same days again brings the file up to date.
        let [file] = <[_; 1]>::try_from(self.output_folder(dir, &[&name], Overwrite::Replace)?)
            .map_err(|_| Error::Internal("one export file expected".into()))?;
        file.write(text.as_bytes())?;
        Ok(IcsExport {
            path: file.path().display().to_string(),
            events: text.matches("BEGIN:VEVENT").count() as u32,
        })
    }

    /// The .ics text. Cancelled appointments are kept, marked CANCELLED, so a calendar that
    /// imported an earlier export removes them.
    pub fn schedule_ics(&self, actor: &Actor, query: &IcsQuery) -> Result<String> {
        actor.require(Operation::ExportSchedule)?;
        require_column(actor, query.practitioner_id)?;
        let from = parse_date("from", &query.from)?;
        let to = parse_date("to", &query.to)?;
        if to < from {
            return Err(Error::invalid("to", "The last date is before the first."));
        }
        let days = (to - from).num_days() + 1;
        if days > 366 {
            return Err(Error::invalid("to", "Export at most a year at a time."));
        }
        self.write_db(|tx| {
            let p = practitioners::load(tx, query.practitioner_id)?;
            let clinic = settings::load(tx)?;
            let clinic_uid = settings::store::uid(tx)?;
            let mut cal = Calendar::empty();
            cal.append_property(Property::new("VERSION", "2.0"))
                .append_property(Property::new("PRODID", PRODID))
                .append_property(Property::new("CALSCALE", "GREGORIAN"));
            cal.name(&format!("{} — {}", clinic.name, p.display_name));
            cal.timezone(clinic.time_zone.as_str());
            let mut day = from;
            // The view reads at most 31 days at a time.
            while day <= to {
                let span = ((to - day).num_days() + 1).min(31) as u32;
                let view = views::range(tx, day, span, Some(&[p.user_id]), true)?;
                for a in &view.appointments {
                    let row = format!("appointment {}", a.id);
                    let mut event = Event::new();
                    event
                        .uid(&format!("appointment-{}-{clinic_uid}@acuchart", a.id))
                        .starts(parse_utc(&a.starts_at, &row)?)
                        .ends(parse_utc(&a.ends_at, &row)?)
                        .summary(&if query.include_patient_names {
                            format!("{} — {}", a.patient_name, a.type_name)
                        } else {
                            a.type_name.clone()
                        });
                    if let Some(room) = &a.room_name {
                        event.location(room);
                    }
                    match a.status {
                        AppointmentStatus::Cancelled => event.status(EventStatus::Cancelled),
                        _ => event.status(EventStatus::Confirmed),
                    };
                    cal.push(event.done());
                }
                day += Duration::days(i64::from(span));
            }
            audit::record(
                tx,
                Some(actor),
                Action::Export,
                "schedule_ics",
                Some(p.user_id.to_string()),
            )?;
            Ok(cal.done().to_string())
        })
    }
}
