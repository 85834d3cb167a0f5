//! Appointment rows: the patient is found by the patient ID imported earlier, or by name and
//! date of birth; the practitioner by name; the type and room by name (names the clinic does
//! not have yet are added). Times are local wall-clock times in the clinic's zone. Rows that
//! cannot be matched, or that would double-book a practitioner or a room, are problems.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::analyse::{check_width, Frame, Outcome, Problems};
use super::dates::{parse_date, parse_date_time, parse_time};
use super::fields::ImportField as F;
use super::patients::split_full_name;
use super::table::SourceRow;
use super::DataProgress;
use crate::audit::{self, Action};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;
use crate::ids::{AppointmentTypeId, PatientId, RoomId, UserId};
use crate::patients::{bulk, fold, PatientDetails};
use crate::schedule::history::{self, HistoricAppointment};
use crate::schedule::time::{fmt_utc, is_repeated, local_to_utc, MAX_APPOINTMENT_MINUTES};
use crate::schedule::{appointment_types, rooms, AppointmentStatus};
use crate::sql_params;
use crate::text;

const PROGRESS_EVERY: usize = 500;
/// The type of rows that name none.
pub(super) const DEFAULT_TYPE: &str = "Imported visit";
const DEFAULT_MINUTES: i64 = 60;
const NEW_TYPE_COLOUR: &str = "#7a8a99";
const TITLES: [&str; 6] = ["dr", "mr", "mrs", "ms", "prof", "lac"];

pub(super) struct AppointmentRow {
    line: u64,
    patient: PatientId,
    practitioner: UserId,
    /// Folded type name; resolved to an id (existing or new) when written.
    type_name: String,
    room: Option<String>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    status: AppointmentStatus,
    note: Option<String>,
}

pub(super) struct Plan {
    rows: Vec<AppointmentRow>,
    /// Folded name → (name as written, minutes) of types to add.
    new_types: Vec<(String, String, i64)>,
    new_rooms: Vec<(String, String)>,
}

pub(super) fn empty_plan() -> Plan {
    Plan {
        rows: Vec::new(),
        new_types: Vec::new(),
        new_rooms: Vec::new(),
    }
}

fn name_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !TITLES.contains(w))
        .map(str::to_owned)
        .collect();
    words.sort();
    words
}

fn parse_status(text: &str) -> Option<AppointmentStatus> {
    use AppointmentStatus::*;
    let t = fold(text).replace(['-', '_'], " ");
    Some(match t.trim() {
        "booked" | "scheduled" | "confirmed" | "pending" | "unconfirmed" | "booked online" => {
            Booked
        }
        "arrived" | "checked in" | "here" | "waiting" => Arrived,
        "in treatment" | "in progress" | "with practitioner" => InTreatment,
        "completed" | "complete" | "attended" | "seen" | "done" | "finished" | "checked out" => {
            Completed
        }
        "cancelled"
        | "canceled"
        | "cancelled by patient"
        | "cancelled by clinic"
        | "late cancel" => Cancelled,
        "no show" | "noshow" | "dna" | "did not attend" | "missed" | "did not arrive" => NoShow,
        _ => return None,
    })
}

struct Lookups {
    external: HashMap<String, PatientId>,
    practitioners: Vec<(UserId, Vec<String>, String)>,
    types: HashMap<String, i64>,
    rooms: HashMap<String, ()>,
    by_name: HashMap<(String, String), std::result::Result<PatientId, String>>,
}

impl Lookups {
    fn load(db: &Db<'_>) -> Result<Self> {
        let external = db
            .query(
                "SELECT e.external_id, coalesce(p.merged_into, p.id) AS patient_id FROM patient_external_ids e
                 JOIN patients p ON p.id = e.patient_id",
                sql_params![],
            )?
            .iter()
            .map(|r| Ok((r.get("external_id")?, r.get("patient_id")?)))
            .collect::<Result<_>>()?;
        let practitioners = db
            .query("SELECT p.user_id, u.display_name, u.username FROM practitioners p JOIN users u ON u.id = p.user_id", sql_params![])?
            .iter()
            .map(|r| {
                let name: String = r.get("display_name")?;
                let user: String = r.get("username")?;
                Ok((r.get::<UserId>("user_id")?, name_words(&name), fold(&user)))
            })
            .collect::<Result<_>>()?;
        let types = db
            .query(
                "SELECT name, duration_minutes FROM appointment_types",
                sql_params![],
            )?
            .iter()
            .map(|r| {
                Ok((
                    fold(r.get::<String>("name")?.trim()),
                    r.get("duration_minutes")?,
                ))
            })
            .collect::<Result<_>>()?;
        let rooms = db
            .query("SELECT name FROM rooms", sql_params![])?
            .iter()
            .map(|r| Ok((fold(r.get::<String>("name")?.trim()), ())))
            .collect::<Result<_>>()?;
        Ok(Self {
            external,
            practitioners,
            types,
            rooms,
            by_name: HashMap::new(),
        })
    }

    fn practitioner(&self, text: &str) -> std::result::Result<UserId, String> {
        let words = name_words(text);
        let folded = fold(text.trim());
        let found: Vec<UserId> = self
            .practitioners
            .iter()
            .filter(|(_, name, user)| *name == words || *user == folded)
            .map(|(id, _, _)| *id)
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!("No practitioner is called {text:?}; set them up under Schedule first, or correct the name.")),
            _ => Err(format!("More than one practitioner is called {text:?}.")),
        }
    }

    fn patient_by_name(
        &mut self,
        db: &Db<'_>,
        given: &str,
        family: &str,
        dob: &str,
    ) -> Result<std::result::Result<PatientId, String>> {
        let key = (
            name_words(&format!("{given} {family}")).join(" "),
            dob.to_owned(),
        );
        if let Some(found) = self.by_name.get(&key) {
            return Ok(found.clone());
        }
        let details = PatientDetails {
            given_name: given.to_owned(),
            family_name: family.to_owned(),
            date_of_birth: Some(dob.to_owned()),
            ..PatientDetails::default()
        };
        let found = bulk::duplicates_of(db, &details)?;
        let answer = match found.as_slice() {
            [one] => Ok(one.id),
            [] => Err(format!("No patient {given} {family} born {dob}; import the patients first.")),
            many => Err(format!(
                "{} patients are called {given} {family} and born {dob} (charts {}); add a patient ID column.",
                many.len(),
                many.iter().map(|p| format!("#{}", p.chart_number)).collect::<Vec<_>>().join(", ")
            )),
        };
        self.by_name.insert(key, answer.clone());
        Ok(answer)
    }
}

fn find_patient(
    db: &Db<'_>,
    frame: &Frame,
    row: &SourceRow,
    look: &mut Lookups,
) -> Result<std::result::Result<PatientId, String>> {
    if let Some(ext) = frame.cell(row, F::ExternalId) {
        return Ok(look.external.get(ext).copied().ok_or_else(|| {
            format!("No patient was imported with the patient ID {ext:?}; import the patients file first.")
        }));
    }
    let (mut given, mut family) = (frame.cell(row, F::GivenName).map(str::to_owned), None);
    if let Some(full) = frame.cell(row, F::FullName) {
        let (g, f) = split_full_name(full);
        given = given.or(Some(g));
        family = Some(f);
    }
    family = frame.cell(row, F::FamilyName).map(str::to_owned).or(family);
    let dob = frame.cell(row, F::DateOfBirth).map(|text| {
        parse_date(text, frame.date_order, frame.today, true)
            .map_err(|e| format!("Date of birth {e}."))
    });
    match (given, family, dob) {
        (_, _, Some(Err(e))) => Ok(Err(e)),
        (Some(g), Some(f), Some(Ok(d))) => {
            look.patient_by_name(db, &g, &f, &d.format("%Y-%m-%d").to_string())
        }
        _ => Ok(Err(
            "The row has neither a patient ID nor the patient's name and date of birth.".into(),
        )),
    }
}

/// The instant a row's local time names. One the clocks pass twice is refused: the desk types
/// an offset to say which is meant, but another program's export has no way to, and guessing
/// would put the visit an hour from where it was.
fn instant(
    tz: Tz,
    local: NaiveDateTime,
    column: F,
) -> std::result::Result<DateTime<Utc>, (F, String)> {
    if is_repeated(tz, local) {
        return Err((
            column,
            format!(
                "{} happens twice in {} (the clocks go back that night) and the file cannot say \
                 which was meant: book this visit by hand.",
                local.format("%H:%M on %Y-%m-%d"),
                tz.name()
            ),
        ));
    }
    local_to_utc(tz, local, "start").map_err(|e| (column, e.to_string()))
}

/// Start and end as UTC instants, or what is wrong (column, message).
fn times(
    frame: &Frame,
    row: &SourceRow,
    type_minutes: Option<i64>,
) -> std::result::Result<(DateTime<Utc>, DateTime<Utc>), (F, String)> {
    let (date, time) = if let Some(text) = frame.cell(row, F::Start) {
        parse_date_time(text, frame.date_order, frame.today)
            .map_err(|e| (F::Start, format!("Start {e}.")))?
    } else {
        let text = frame
            .cell(row, F::Date)
            .ok_or((F::Date, "The appointment has no date.".to_owned()))?;
        let date = parse_date(text, frame.date_order, frame.today, false)
            .map_err(|e| (F::Date, format!("Date {e}.")))?;
        (date, None)
    };
    let time = match (time, frame.cell(row, F::Time)) {
        (Some(t), _) => t,
        (None, Some(text)) => parse_time(text).map_err(|e| (F::Time, format!("Time {e}.")))?,
        (None, None) => {
            return Err((
                if frame.has(F::Start) {
                    F::Start
                } else {
                    F::Time
                },
                "The appointment has no time of day.".into(),
            ))
        }
    };
    let start = instant(frame.tz, date.and_time(time), F::Start)?;
    let end = if let Some(text) = frame.cell(row, F::End) {
        let end_local = match parse_time(text) {
            Ok(t) => date.and_time(t),
            Err(_) => {
                let (d, t) = parse_date_time(text, frame.date_order, frame.today)
                    .map_err(|e| (F::End, format!("End {e}.")))?;
                d.and_time(t.unwrap_or(NaiveTime::MIN))
            }
        };
        instant(frame.tz, end_local, F::End)?
    } else if let Some(text) = frame.cell(row, F::Duration) {
        let minutes: i64 = text
            .trim_end_matches(|c: char| c.is_alphabetic() || c == ' ')
            .parse()
            .map_err(|_| {
                (
                    F::Duration,
                    format!("Duration {text:?} is not a number of minutes."),
                )
            })?;
        start + Duration::minutes(minutes)
    } else {
        start + Duration::minutes(type_minutes.unwrap_or(DEFAULT_MINUTES))
    };
    let minutes = (end - start).num_minutes();
    if !(5..=MAX_APPOINTMENT_MINUTES).contains(&minutes) {
        let column = if frame.has(F::End) {
            F::End
        } else {
            F::Duration
        };
        return Err((column, format!("The appointment would last {minutes} minutes; it must last 5 to {MAX_APPOINTMENT_MINUTES}.")));
    }
    Ok((start, end))
}

fn clash_in_db(
    db: &Db<'_>,
    column: &str,
    value: i64,
    start: &str,
    end: &str,
    earliest: &str,
) -> Result<Option<i64>> {
    let sql = format!(
        "SELECT id FROM appointments WHERE {column} = ?1 AND starts_at >= ?4 AND starts_at < ?3 AND ends_at > ?2
         AND status NOT IN ('cancelled', 'no_show') LIMIT 1"
    );
    db.query_opt(&sql, sql_params![value, start, end, earliest])?
        .map(|r| r.get("id"))
        .transpose()
}

pub(super) fn plan(
    db: &Db<'_>,
    frame: &Frame,
    progress: &mut dyn FnMut(DataProgress),
) -> Result<(Plan, Outcome)> {
    let mut problems = Problems::default();
    check_width(frame, &mut problems);
    let mut look = Lookups::load(db)?;
    let mut new_types: Vec<(String, String, i64)> = Vec::new();
    let mut new_rooms: Vec<(String, String)> = Vec::new();
    let mut rows = Vec::new();
    let mut defaulted_status = 0;
    let now = Utc::now();
    let total = frame.table.rows.len();
    for (n, source) in frame.table.rows.iter().enumerate() {
        if n % PROGRESS_EVERY == 0 {
            progress(DataProgress::new("checking", n, total));
        }
        let line = source.line;
        let before = problems.list.len();
        let patient = find_patient(db, frame, source, &mut look)?;
        if let Err(message) = &patient {
            let column = [F::ExternalId, F::FullName, F::FamilyName, F::GivenName]
                .into_iter()
                .find_map(|f| frame.header(f));
            problems.add(line, column, message.clone());
        }
        let practitioner = match frame.cell(source, F::Practitioner) {
            Some(text) => look.practitioner(text),
            None => Err("The row names no practitioner.".into()),
        };
        if let Err(message) = &practitioner {
            problems.add(line, frame.header(F::Practitioner), message.clone());
        }
        // A type or room the import creates is named as one set up at the desk would be.
        let setup_name = |field: F, label: &str, problems: &mut Problems| {
            let written = frame.cell(source, field).unwrap_or("");
            text::check(label, written, text::SETUP_NAME).unwrap_or_else(|problem| {
                problems.add(line, frame.header(field), problem);
                None
            })
        };
        let type_written = setup_name(F::AppointmentType, "The appointment type", &mut problems)
            .unwrap_or_else(|| DEFAULT_TYPE.to_owned());
        let room_written = setup_name(F::Room, "The room", &mut problems);
        let type_name = fold(&type_written);
        let known_minutes = look
            .types
            .get(&type_name)
            .copied()
            .or_else(|| new_types.iter().find(|t| t.0 == type_name).map(|t| t.2));
        let times = times(frame, source, known_minutes);
        if let Err((field, message)) = &times {
            problems.add(line, frame.header(*field), message.clone());
        }
        let status = match frame.cell(source, F::Status) {
            Some(text) => parse_status(text).ok_or_else(|| {
                problems.add(line, frame.header(F::Status), format!("{text:?} is not a status this app knows (booked, arrived, completed, cancelled, no-show)."));
            }).ok(),
            None => {
                defaulted_status += 1;
                times.as_ref().ok().map(|(start, _)| if *start < now { AppointmentStatus::Completed } else { AppointmentStatus::Booked })
            }
        };
        // The note is front-desk text as if typed at the desk: the one text policy.
        let written = frame.cell(source, F::AppointmentNote).unwrap_or("");
        let note = match text::check("The note", written, text::FRONT_DESK) {
            Ok(note) => note,
            Err(problem) => {
                problems.add(line, frame.header(F::AppointmentNote), problem);
                None
            }
        };
        let (Ok(patient), Ok(practitioner), Ok((start, end)), Some(status)) =
            (patient, practitioner, times, status)
        else {
            continue;
        };
        if problems.list.len() > before {
            continue;
        }
        if !look.types.contains_key(&type_name) && !new_types.iter().any(|t| t.0 == type_name) {
            new_types.push((type_name.clone(), type_written, (end - start).num_minutes()));
        }
        let room = room_written.map(|r| (fold(&r), r));
        if let Some((folded, written)) = &room {
            if !look.rooms.contains_key(folded) && !new_rooms.iter().any(|r| r.0 == *folded) {
                new_rooms.push((folded.clone(), written.clone()));
            }
        }
        if status.blocks() {
            let (s, e) = (fmt_utc(start), fmt_utc(end));
            let earliest = fmt_utc(start - Duration::minutes(MAX_APPOINTMENT_MINUTES));
            if let Some(id) = clash_in_db(db, "practitioner_id", practitioner.0, &s, &e, &earliest)?
            {
                problems.add(
                    line,
                    frame.header(F::Practitioner),
                    format!("The practitioner already has appointment {id} at that time."),
                );
                continue;
            }
        }
        rows.push(AppointmentRow {
            line,
            patient,
            practitioner,
            type_name,
            room: room.map(|r| r.0),
            start,
            end,
            status,
            note,
        });
    }
    check_clashes_within(frame, &rows, &mut problems);
    let bad = problems.rows();
    rows.retain(|r| !bad.contains(&r.line));
    let mut notes = Vec::new();
    if defaulted_status > 0 {
        notes.push(format!("{defaulted_status} rows have no status: past appointments are stored as completed, future ones as booked."));
    }
    let outcome = Outcome {
        to_import: rows.len(),
        to_merge: 0,
        to_skip: 0,
        problems,
        duplicates: Vec::new(),
        new_types: new_types.iter().map(|t| t.1.clone()).collect(),
        new_rooms: new_rooms.iter().map(|r| r.1.clone()).collect(),
        notes,
    };
    Ok((
        Plan {
            rows,
            new_types,
            new_rooms,
        },
        outcome,
    ))
}

/// Two rows of the file that would double-book one practitioner or one room.
fn check_clashes_within(frame: &Frame, rows: &[AppointmentRow], problems: &mut Problems) {
    let mut keyed: Vec<(String, &AppointmentRow)> = Vec::new();
    for r in rows.iter().filter(|r| r.status.blocks()) {
        keyed.push((format!("p{}", r.practitioner.0), r));
        if let Some(room) = &r.room {
            keyed.push((format!("r{room}"), r));
        }
    }
    keyed.sort_by(|a, b| (&a.0, a.1.start).cmp(&(&b.0, b.1.start)));
    for pair in keyed.windows(2) {
        let ((ka, a), (kb, b)) = (&pair[0], &pair[1]);
        if ka == kb && b.start < a.end {
            let (what, field) = if ka.starts_with('p') {
                ("practitioner", F::Practitioner)
            } else {
                ("room", F::Room)
            };
            problems.add(
                b.line,
                frame.header(field),
                format!(
                    "The {what} is already booked at that time by line {}.",
                    a.line
                ),
            );
        }
    }
}

/// Writes inside the caller's transaction; returns how many appointments were added.
pub(super) fn write(
    db: &Db<'_>,
    actor: &Actor,
    plan: &Plan,
    progress: &mut dyn FnMut(DataProgress),
) -> Result<usize> {
    let now = fmt_utc(Utc::now());
    let mut type_ids: HashMap<String, AppointmentTypeId> = HashMap::new();
    for (folded, written, minutes) in &plan.new_types {
        let minutes = (*minutes).clamp(5, MAX_APPOINTMENT_MINUTES);
        let id = appointment_types::insert_imported(db, written, minutes, NEW_TYPE_COLOUR)?;
        type_ids.insert(folded.clone(), id);
        audit::record(
            db,
            Some(actor),
            Action::Create,
            "appointment_type",
            Some(id.to_string()),
        )?;
    }
    for (_, written) in &plan.new_rooms {
        let id = rooms::insert_imported(db, written)?;
        audit::record(
            db,
            Some(actor),
            Action::Create,
            "room",
            Some(id.to_string()),
        )?;
    }
    for (id, name) in appointment_types::names(db)? {
        type_ids.entry(fold(name.trim())).or_insert(id);
    }
    let mut room_ids: HashMap<String, RoomId> = HashMap::new();
    for (id, name) in rooms::names(db)? {
        room_ids.entry(fold(name.trim())).or_insert(id);
    }
    let tz = crate::schedule::time::clinic_zone(db)?;
    let total = plan.rows.len();
    for (n, r) in plan.rows.iter().enumerate() {
        if n % PROGRESS_EVERY == 0 {
            progress(DataProgress::new("writing", n, total));
        }
        let type_id = type_ids
            .get(&r.type_name)
            .copied()
            .ok_or_else(|| crate::Error::Internal(format!("type {} was not added", r.type_name)))?;
        let room = r.room.as_ref().and_then(|f| room_ids.get(f).copied());
        let (s, e) = (fmt_utc(r.start), fmt_utc(r.end));
        let cancelled = r.status == AppointmentStatus::Cancelled;
        let id = history::insert_appointment(
            db,
            &HistoricAppointment {
                patient: r.patient,
                practitioner: r.practitioner,
                room,
                type_id,
                series: None,
                starts_at: &s,
                ends_at: &e,
                time_zone: tz.name(),
                status: r.status,
                front_desk_note: r.note.as_deref(),
                arrived_at: None,
                completed_at: (r.status == AppointmentStatus::Completed).then_some(e.as_str()),
                no_show_at: (r.status == AppointmentStatus::NoShow).then_some(s.as_str()),
                cancelled_at: cancelled.then_some(now.as_str()),
                cancelled_by: cancelled.then(|| actor.user_id()),
                cancel_reason: cancelled.then_some("Cancelled in the system the clinic moved from"),
                late_cancel: false,
                created_at: &now,
                created_by: actor.user_id(),
            },
        )?;
        audit::record(
            db,
            Some(actor),
            Action::Create,
            "appointment",
            Some(id.to_string()),
        )?;
    }
    progress(DataProgress::new("writing", total, total));
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_from_other_systems() {
        assert_eq!(parse_status("DNA"), Some(AppointmentStatus::NoShow));
        assert_eq!(parse_status("Canceled"), Some(AppointmentStatus::Cancelled));
        assert_eq!(parse_status("Checked-in"), Some(AppointmentStatus::Arrived));
        assert_eq!(parse_status("Attended"), Some(AppointmentStatus::Completed));
        assert_eq!(parse_status("maybe"), None);
    }

    #[test]
    fn practitioner_names_match_without_titles_or_order() {
        assert_eq!(name_words("Dr. Hana Ito"), name_words("ito hana"));
    }
}
