//! Booking one appointment or a recurring course. The same plan is used for the preview the
//! receptionist sees (which visits clash, which are outside hours, a free time nearby) and
//! for the booking itself, so what was previewed is what gets checked.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::appointment_types::{self, AppointmentType};
use super::conflicts::{
    explain_refusal, write_placing, Candidate, Checker, Clash, ClashKind, TAKEN_MEANWHILE,
};
use super::practitioners::{self, Practitioner};
use super::preview::{summarise, BookingPreview, OccurrencePreview};
use super::recurrence::{occurrence_dates, RepeatRule};
use super::rooms::{self, Room};
use super::time::{
    clinic_zone, fmt_local, fmt_utc, human, parse_local, LocalInput, MAX_APPOINTMENT_MINUTES,
};
use super::validate::clean;
use super::{slots, store, Appointment};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, AppointmentTypeId, PatientId, RoomId, SeriesId, UserId};
use crate::sql_params;

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewAppointment {
    pub patient_id: PatientId,
    pub practitioner_id: UserId,
    pub type_id: AppointmentTypeId,
    /// Absent: the first free room when the type needs one.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub room_id: Option<RoomId>,
    /// Local wall-clock time in the clinic's zone, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// Absent: the type's duration.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub front_desk_note: Option<String>,
    /// Why it is booked outside working hours or into time off; needed only then.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub override_reason: Option<String>,
    /// Makes this the first visit of a course.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub repeat: Option<RepeatRule>,
    /// What to do with particular visits of the course (after seeing the preview).
    #[serde(default)]
    #[ts(as = "Option<Vec<OccurrenceChoice>>", optional)]
    pub choices: Vec<OccurrenceChoice>,
}

impl NewAppointment {
    /// A single visit of the type's length in the first free room; set the other fields with
    /// struct update syntax, so a new optional field does not touch every caller.
    pub fn new(
        patient_id: PatientId,
        practitioner_id: UserId,
        type_id: AppointmentTypeId,
        starts_at: impl Into<String>,
    ) -> Self {
        Self {
            patient_id,
            practitioner_id,
            type_id,
            room_id: None,
            starts_at: starts_at.into(),
            duration_minutes: None,
            front_desk_note: None,
            override_reason: None,
            repeat: None,
            choices: Vec::new(),
        }
    }
}

/// Skip visit `index` of a course, or book it at another local time.
#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct OccurrenceChoice {
    /// 1-based position in the course as previewed.
    pub index: u32,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub skip: bool,
    /// `YYYY-MM-DDTHH:MM` instead of the course's usual time.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub starts_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BookingResult {
    pub appointments: Vec<Appointment>,
    pub series_id: Option<SeriesId>,
    /// Positions of the visits that were skipped.
    pub skipped: Vec<u32>,
}

pub(super) struct Basics {
    pub patient: PatientId,
    pub practitioner: Practitioner,
    pub kind: AppointmentType,
    pub room: Option<Room>,
    pub rooms: Vec<Room>,
    pub duration: Duration,
}

pub(super) fn check_patient(db: &Db<'_>, id: PatientId) -> Result<()> {
    let row: Option<(i64, Option<String>)> = db
        .query_opt(
            "SELECT chart_number, archived_at FROM patients WHERE id = ?1",
            sql_params![id],
        )?
        .map(|r| Ok::<_, Error>((r.get("chart_number")?, r.get("archived_at")?)))
        .transpose()?;
    match row {
        None => Err(Error::invalid(
            "patient_id",
            format!("There is no patient {id}."),
        )),
        Some((chart, Some(_))) => Err(Error::Conflict(format!(
            "Chart #{chart} is archived; un-archive it before booking."
        ))),
        Some(_) => Ok(()),
    }
}

pub(super) fn check_duration(minutes: u32) -> Result<Duration> {
    if (5..=MAX_APPOINTMENT_MINUTES as u32).contains(&minutes) {
        Ok(Duration::minutes(i64::from(minutes)))
    } else {
        Err(Error::invalid(
            "duration_minutes",
            format!("An appointment lasts 5 to {MAX_APPOINTMENT_MINUTES} minutes."),
        ))
    }
}

fn basics(db: &Db<'_>, input: &NewAppointment) -> Result<Basics> {
    check_patient(db, input.patient_id)?;
    let practitioner = practitioners::load_active(db, input.practitioner_id)?;
    let kind = appointment_types::load(db, input.type_id)?;
    if !kind.active {
        return Err(Error::invalid(
            "type_id",
            format!("{} is no longer offered.", kind.name),
        ));
    }
    let room = match input.room_id {
        Some(id) => {
            let r = rooms::load(db, id)?;
            if !r.active {
                return Err(Error::invalid(
                    "room_id",
                    format!("{} is not in use.", r.name),
                ));
            }
            Some(r)
        }
        None => None,
    };
    let duration = check_duration(input.duration_minutes.unwrap_or(kind.duration_minutes))?;
    Ok(Basics {
        patient: input.patient_id,
        practitioner,
        kind,
        room,
        rooms: rooms::list(db)?,
        duration,
    })
}

/// Places one visit: its room (given, or the first free one when the type needs a room),
/// then clashes and warnings. A clean visit is reserved for the rest of the batch.
pub(super) fn place(
    checker: &mut Checker<'_>,
    b: &Basics,
    start: DateTime<Utc>,
    room: Option<RoomId>,
    prefer: Option<RoomId>,
) -> Result<(Candidate, Vec<Clash>, Vec<String>)> {
    let end = start + b.duration;
    let mut c = Candidate {
        practitioner: b.practitioner.user_id,
        room,
        start,
        end,
    };
    if room.is_none() && b.kind.needs_room {
        c.room = checker.pick_room(&c, &b.rooms, prefer)?;
    }
    // The practitioner's own clashes come first: they say why the time is taken.
    let mut clashes = checker.clashes(&c)?;
    if c.room.is_none() && b.kind.needs_room && clashes.is_empty() {
        clashes.push(Clash {
            appointment_id: None,
            kind: ClashKind::Room,
            message: format!("No treatment room is free {}.", human(checker.tz(), start)),
        });
    }
    let warnings = checker.warnings(&c)?;
    if clashes.is_empty() {
        checker.reserve(c);
    }
    Ok((c, clashes, warnings))
}

struct Plan {
    basics: Basics,
    visits: Vec<(OccurrencePreview, Option<Candidate>)>,
    preview: BookingPreview,
    first_local: LocalInput,
}

fn plan(db: &Db<'_>, tz: Tz, input: &NewAppointment) -> Result<Plan> {
    let b = basics(db, input)?;
    let first_local = parse_local("starts_at", &input.starts_at)?;
    let dates = match &input.repeat {
        Some(rule) => occurrence_dates(first_local.date(), rule)?,
        None => vec![first_local.date()],
    };
    // A choice for a visit the course does not have was typed wrong: say so, never ignore it.
    if let Some(c) = (input.choices.iter()).find(|c| c.index == 0 || c.index as usize > dates.len())
    {
        return Err(Error::invalid(
            "choices",
            format!(
                "There is no visit {} in this booking: it has {} visit{} (numbered from 1).",
                c.index,
                dates.len(),
                if dates.len() == 1 { "" } else { "s" }
            ),
        ));
    }
    let mut checker = Checker::new(db, tz);
    let room_name = |id: Option<RoomId>| {
        id.and_then(|id| b.rooms.iter().find(|r| r.id == id).map(|r| r.name.clone()))
    };
    let mut visits = Vec::with_capacity(dates.len());
    let mut last_room = b.room.as_ref().map(|r| r.id);
    for (i, date) in dates.iter().enumerate() {
        let index = i as u32 + 1;
        let choice = input.choices.iter().find(|c| c.index == index);
        let mut local = first_local.on(*date);
        let mut moved = false;
        let mut field = "starts_at".to_owned();
        if let Some(at) = choice
            .and_then(|c| c.starts_at.as_deref())
            .filter(|_| !choice.is_some_and(|c| c.skip))
        {
            field = format!("choices.{index}.starts_at");
            local = parse_local(&field, at)?;
            moved = true;
        }
        let mut p = OccurrencePreview {
            index,
            // Replaced by the placed visit's own times below; a visit that cannot be placed
            // (its time is skipped or repeated by the clocks) shows what was asked for.
            local_start: local.text(),
            local_end: (local.at + b.duration).format("%Y-%m-%dT%H:%M").to_string(),
            room_id: None,
            room_name: None,
            skipped: choice.is_some_and(|c| c.skip),
            moved,
            clashes: Vec::new(),
            warnings: Vec::new(),
            problem: None,
            suggestion: None,
        };
        if p.skipped {
            visits.push((p, None));
            continue;
        }
        let start = match local.instant(tz, &field) {
            Ok(s) => s,
            Err(e) if input.repeat.is_none() => return Err(e),
            Err(e) => {
                p.problem = Some(e.to_string());
                visits.push((p, None));
                continue;
            }
        };
        let (c, clashes, warnings) = place(
            &mut checker,
            &b,
            start,
            b.room.as_ref().map(|r| r.id),
            last_room,
        )?;
        p.local_start = fmt_local(tz, c.start);
        p.local_end = fmt_local(tz, c.end);
        p.room_id = c.room;
        p.room_name = room_name(c.room);
        if clashes.is_empty() {
            last_room = c.room.or(last_room);
        } else {
            p.suggestion =
                slots::nearest_free(&mut checker, &b, c.start)?.map(|t| fmt_local(tz, t));
        }
        p.clashes = clashes;
        p.warnings = warnings;
        visits.push((p, Some(c)));
    }
    let previews: Vec<OccurrencePreview> = visits.iter().map(|(p, _)| p.clone()).collect();
    let preview = summarise(previews);
    Ok(Plan {
        basics: b,
        visits,
        preview,
        first_local,
    })
}

/// The free-text fields stored with a new appointment.
struct Texts<'a> {
    note: Option<&'a str>,
    override_reason: Option<&'a str>,
}

fn insert(
    tx: &Db<'_>,
    actor: &Actor,
    b: &Basics,
    c: &Candidate,
    series: Option<(SeriesId, u32)>,
    tz: Tz,
    texts: Texts<'_>,
) -> Result<AppointmentId> {
    let now = fmt_utc(Utc::now());
    let id = AppointmentId(tx.insert_returning_id(
        "INSERT INTO appointments (patient_id, practitioner_id, room_id, type_id, series_id, series_index,
             starts_at, ends_at, time_zone, front_desk_note, override_reason, created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?12, ?13)
         RETURNING id",
        sql_params![
            b.patient,
            c.practitioner,
            c.room,
            b.kind.id,
            series.map(|s| s.0),
            series.map(|s| s.1),
            fmt_utc(c.start),
            fmt_utc(c.end),
            tz.name(),
            texts.note,
            texts.override_reason,
            now,
            actor.user_id()
        ],
    )?);
    audit::record(
        tx,
        Some(actor),
        Action::Create,
        "appointment",
        Some(id.to_string()),
    )?;
    Ok(id)
}

pub(super) fn require_override<'r>(
    warnings: &[String],
    reason: Option<&'r str>,
) -> Result<Option<&'r str>> {
    if warnings.is_empty() {
        return Ok(None);
    }
    match reason {
        Some(r) => Ok(Some(r)),
        None => Err(Error::NeedsAcknowledgement(format!(
            "{} To book anyway, give a reason (it is recorded).",
            warnings.join(" ")
        ))),
    }
}

impl Clinic {
    /// What booking `input` would do, visit by visit, without saving anything.
    pub fn preview_booking(&self, actor: &Actor, input: &NewAppointment) -> Result<BookingPreview> {
        actor.require(Operation::BookAppointments)?;
        self.read_db(|c| Ok(plan(c, clinic_zone(c)?, input)?.preview))
    }

    /// Books one appointment, or every visit of a course, in one transaction: all of it or
    /// none. Refused, naming the clashing appointments, while any visit clashes and is not
    /// skipped or moved; visits outside hours or in time off need `override_reason`.
    pub fn book_appointment(&self, actor: &Actor, input: &NewAppointment) -> Result<BookingResult> {
        actor.require(Operation::BookAppointments)?;
        let note = clean("front_desk_note", &input.front_desk_note)?;
        let reason = clean("override_reason", &input.override_reason)?;
        let booked = write_placing(self, |tx| {
            let tz = clinic_zone(tx)?;
            let plan = plan(tx, tz, input)?;
            if !plan.preview.bookable {
                return Err(refused(&plan));
            }
            let several = plan.visits.len() > 1;
            let warnings: Vec<String> = plan
                .visits
                .iter()
                .filter(|(p, _)| !p.skipped)
                .flat_map(|(p, _)| {
                    p.warnings.iter().map(move |w| {
                        if several {
                            format!("Visit {}: {w}", p.index)
                        } else {
                            w.clone()
                        }
                    })
                })
                .collect();
            require_override(&warnings, reason.as_deref())?;
            let series = match &input.repeat {
                Some(rule) => {
                    let weekdays: Vec<String> = rule.weekdays.iter().map(u8::to_string).collect();
                    let id = SeriesId(tx.insert_returning_id(
                        "INSERT INTO appointment_series (patient_id, frequency, interval_weeks, weekdays, occurrences,
                             until_date, local_time, time_zone, created_at, created_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                         RETURNING id",
                        sql_params![
                            plan.basics.patient,
                            rule.frequency.as_str(),
                            rule.interval_weeks,
                            (!weekdays.is_empty()).then(|| weekdays.join(",")),
                            rule.count,
                            clean("until", &rule.until)?,
                            plan.first_local.time().format("%H:%M").to_string(),
                            tz.name(),
                            fmt_utc(Utc::now()),
                            actor.user_id()
                        ],
                    )?);
                    audit::record(
                        tx,
                        Some(actor),
                        Action::Create,
                        "appointment_series",
                        Some(id.to_string()),
                    )?;
                    Some(id)
                }
                None => None,
            };
            let mut ids = Vec::new();
            let mut skipped = Vec::new();
            for (p, c) in &plan.visits {
                let Some(c) = c.as_ref().filter(|_| !p.skipped) else {
                    skipped.push(p.index);
                    continue;
                };
                let position = series.map(|s| (s, ids.len() as u32 + 1));
                let why = if p.warnings.is_empty() {
                    None
                } else {
                    reason.as_deref()
                };
                ids.push(insert(
                    tx,
                    actor,
                    &plan.basics,
                    c,
                    position,
                    tz,
                    Texts {
                        note: note.as_deref(),
                        override_reason: why,
                    },
                )?);
            }
            let appointments = ids
                .iter()
                .map(|id| store::load(tx, tz, *id))
                .collect::<Result<Vec<_>>>()?;
            Ok(BookingResult {
                appointments,
                series_id: series,
                skipped,
            })
        });
        booked.map_err(|e| {
            // Another computer booked a clashing visit after this booking's checks: say which
            // one, exactly as the checks would have.
            explain_refusal(
                self,
                e,
                |db| {
                    let plan = plan(db, clinic_zone(db)?, input)?;
                    Ok((!plan.preview.bookable).then(|| refused(&plan)))
                },
                || {
                    let what = if input.repeat.is_some() {
                        "Nothing was booked"
                    } else {
                        "Not booked"
                    };
                    Error::Conflict(format!("{what}: {TAKEN_MEANWHILE}"))
                },
            )
        })
    }
}

fn not_booked(plan: &Plan) -> &'static str {
    if plan.visits.len() == 1 {
        "Not booked"
    } else {
        "Nothing was booked"
    }
}

/// The refusal of a plan that clashes, naming the clashing appointments.
fn refused(plan: &Plan) -> Error {
    Error::Conflict(format!("{}: {}", not_booked(plan), plan.preview.summary))
}
