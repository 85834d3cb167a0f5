//! `acuchart-cli schedule …` over the same schedule services as the app.

use acuchart_core::auth::Actor;
use acuchart_core::ids::{
    AppointmentId, AppointmentTypeId, PatientId, RoomId, TimeOffId, UserId, WaitlistId,
};
use acuchart_core::schedule::{
    Appointment, AppointmentChange, AppointmentTypeInput, CancelInput, EditScope, IcsQuery,
    NewAppointment, NewWaitlistEntry, OccurrenceChoice, PractitionerInput, RepeatFrequency,
    RepeatRule, RoomInput, ScheduleQuery, ScheduleSettings, ScheduleSetup, SlotQuery, StatusChange,
    TimeOffInput, WeekParity, WorkingBlock,
};
use acuchart_core::{Clinic, Error, Result};
use serde_json::json;

use crate::output::print_json;
use crate::schedule_args::{
    BookArgs, MoveArgs, ScheduleCommand, ScopeArg, SetupCommand, SlotArgs, WaitlistCommand,
};
use crate::Cli;

fn weekday(text: &str) -> Result<u8> {
    let t = text.trim().to_ascii_lowercase();
    let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    days.iter()
        .position(|d| t.starts_with(d))
        .map(|i| i as u8 + 1)
        .or_else(|| t.parse().ok().filter(|d| (1..=7).contains(d)))
        .ok_or_else(|| {
            Error::invalid(
                "weekdays",
                format!("{text:?} is not a weekday: use mon, tue … sun."),
            )
        })
}

fn weekdays(list: &[String]) -> Result<Vec<u8>> {
    list.iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| weekday(s))
        .collect()
}

fn scope(s: ScopeArg) -> EditScope {
    match s {
        ScopeArg::This => EditScope::This,
        ScopeArg::Following => EditScope::ThisAndFollowing,
        ScopeArg::All => EditScope::All,
    }
}

/// Finds a row by id, exact name, or a unique part of the name.
fn pick<T>(items: Vec<(i64, String, T)>, text: &str, what: &str, field: &str) -> Result<T> {
    let t = text.trim().to_lowercase();
    // An empty name matches every name: refuse it rather than pick the only one.
    if t.is_empty() {
        return Err(Error::invalid(
            field,
            format!("Name the {what} (part of the name, or its number)."),
        ));
    }
    if let Ok(id) = t.parse::<i64>() {
        if let Some((_, _, v)) = items.into_iter().find(|(i, _, _)| *i == id) {
            return Ok(v);
        }
        return Err(Error::invalid(field, format!("There is no {what} {id}.")));
    }
    let (exact, partial): (Vec<_>, Vec<_>) = items
        .into_iter()
        .filter(|(_, n, _)| n.to_lowercase().contains(&t))
        .partition(|(_, n, _)| n.to_lowercase() == t);
    let mut found = if exact.is_empty() { partial } else { exact };
    match found.len() {
        1 => Ok(found.remove(0).2),
        0 => Err(Error::invalid(
            field,
            format!("No {what} is called {text:?}."),
        )),
        _ => Err(Error::invalid(
            field,
            format!(
                "{text:?} matches several: {}; be more precise.",
                found
                    .iter()
                    .map(|f| f.1.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

struct Lookup(ScheduleSetup);

impl Lookup {
    fn practitioner(&self, text: &str) -> Result<UserId> {
        let items = self
            .0
            .practitioners
            .iter()
            .map(|p| (p.user_id.0, p.display_name.clone(), p.user_id))
            .collect();
        pick(items, text, "practitioner", "practitioner")
    }
    fn kind(&self, text: &str) -> Result<AppointmentTypeId> {
        let items = self
            .0
            .types
            .iter()
            .map(|t| (t.id.0, t.name.clone(), t.id))
            .collect();
        pick(items, text, "appointment type", "type")
    }
    fn room(&self, text: &str) -> Result<RoomId> {
        let items = self
            .0
            .rooms
            .iter()
            .map(|r| (r.id.0, r.name.clone(), r.id))
            .collect();
        pick(items, text, "room", "room")
    }
}

fn line(a: &Appointment) -> String {
    format!(
        "#{:<6} {} {}–{}  {:<20} {} (chart #{})  {}{}  [{}]",
        a.id.0,
        &a.local_start[..10],
        &a.local_start[11..],
        &a.local_end[11..],
        a.practitioner_name,
        a.patient_name,
        a.chart_number,
        a.type_name,
        a.room_name
            .as_deref()
            .map(|r| format!(", {r}"))
            .unwrap_or_default(),
        a.status.as_str()
    )
}

fn print_appointments(cli: &Cli, list: &[Appointment]) -> Result<()> {
    if cli.json {
        return print_json(&list);
    }
    for a in list {
        out!("{}", line(a));
    }
    if list.is_empty() {
        out!("No appointments.");
    }
    Ok(())
}

fn new_appointment(look: &Lookup, a: &BookArgs, series: bool) -> Result<NewAppointment> {
    let repeat = if a.count.is_some() || a.until.is_some() || !a.weekdays.is_empty() {
        Some(RepeatRule {
            frequency: if a.weekdays.is_empty() {
                RepeatFrequency::Weekly
            } else {
                RepeatFrequency::Weekdays
            },
            interval_weeks: a.every_weeks,
            weekdays: weekdays(&a.weekdays)?,
            count: a.count,
            until: a.until.clone(),
        })
    } else if series {
        return Err(Error::invalid(
            "count",
            "Give the number of visits (--count) or the last date (--until).",
        ));
    } else {
        None
    };
    let mut choices: Vec<OccurrenceChoice> = a
        .skip
        .iter()
        .map(|n| OccurrenceChoice {
            index: *n,
            skip: true,
            starts_at: None,
        })
        .collect();
    for m in &a.moves {
        let (n, at) = m.split_once('=').ok_or_else(|| {
            Error::invalid(
                "move",
                format!("Write --move as N=YYYY-MM-DD HH:MM (got {m:?})."),
            )
        })?;
        let index = n
            .trim()
            .parse()
            .map_err(|_| Error::invalid("move", format!("{n:?} is not a visit number.")))?;
        choices.push(OccurrenceChoice {
            index,
            skip: false,
            starts_at: Some(at.trim().to_owned()),
        });
    }
    Ok(NewAppointment {
        patient_id: PatientId(a.patient),
        practitioner_id: look.practitioner(&a.practitioner)?,
        type_id: look.kind(&a.kind)?,
        room_id: a.room.as_deref().map(|r| look.room(r)).transpose()?,
        starts_at: a.at.clone(),
        duration_minutes: a.minutes,
        front_desk_note: a.note.clone(),
        override_reason: a.override_reason.clone(),
        repeat,
        choices,
    })
}

fn book(
    cli: &Cli,
    clinic: &Clinic,
    actor: &Actor,
    look: &Lookup,
    a: &BookArgs,
    series: bool,
) -> Result<()> {
    let input = new_appointment(look, a, series)?;
    if a.preview {
        let preview = clinic.preview_booking(actor, &input)?;
        if cli.json {
            return print_json(&preview);
        }
        for o in &preview.occurrences {
            let state = if o.skipped {
                "skipped".to_owned()
            } else if let Some(p) = &o.problem {
                format!("PROBLEM: {p}")
            } else if !o.clashes.is_empty() {
                let s = o
                    .suggestion
                    .as_deref()
                    .map(|s| format!(" (free nearby: {})", s.replace('T', " ")))
                    .unwrap_or_default();
                format!(
                    "CLASH: {}{s}",
                    o.clashes
                        .iter()
                        .map(|c| c.message.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            } else if !o.warnings.is_empty() {
                format!("needs a reason: {}", o.warnings.join(" "))
            } else {
                "free".to_owned()
            };
            out!(
                "{:>3}. {}  {}",
                o.index,
                o.local_start.replace('T', " "),
                state
            );
        }
        out!("{}", preview.summary);
        return Ok(());
    }
    let booked = clinic.book_appointment(actor, &input)?;
    if cli.json {
        return print_json(&booked);
    }
    out!(
        "Booked {} appointment{}:",
        booked.appointments.len(),
        if booked.appointments.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    print_appointments(cli, &booked.appointments)?;
    if !booked.skipped.is_empty() {
        out!("Skipped visits: {:?}", booked.skipped);
    }
    Ok(())
}

fn moved(cli: &Cli, clinic: &Clinic, actor: &Actor, look: &Lookup, a: &MoveArgs) -> Result<()> {
    let change = AppointmentChange {
        starts_at: a.at.clone(),
        duration_minutes: a.minutes,
        practitioner_id: a
            .practitioner
            .as_deref()
            .map(|p| look.practitioner(p))
            .transpose()?,
        room_id: a.room.as_deref().map(|r| look.room(r)).transpose()?,
        type_id: a.kind.as_deref().map(|t| look.kind(t)).transpose()?,
        front_desk_note: a.note.clone(),
        override_reason: a.override_reason.clone(),
        scope: scope(a.scope),
    };
    print_appointments(
        cli,
        &clinic.update_appointment(actor, AppointmentId(a.id), &change)?,
    )
}

fn block(text: &str) -> Result<WorkingBlock> {
    let bad = || {
        Error::invalid("block", format!("Write a block as \"mon 09:00-12:30\" (optionally \"odd\" or \"even\"); got {text:?}."))
    };
    let parts: Vec<&str> = text.split_whitespace().collect();
    let (day, span) = match parts.as_slice() {
        [d, s] | [d, s, _] => (weekday(d)?, s),
        _ => return Err(bad()),
    };
    let (start, end) = span.split_once('-').ok_or_else(bad)?;
    let week_parity = match parts.get(2).copied() {
        None => WeekParity::Every,
        Some("odd") => WeekParity::Odd,
        Some("even") => WeekParity::Even,
        Some(_) => return Err(bad()),
    };
    Ok(WorkingBlock {
        weekday: day,
        start: start.into(),
        end: end.into(),
        week_parity,
    })
}

fn setup(
    cli: &Cli,
    clinic: &Clinic,
    actor: &Actor,
    look: &Lookup,
    cmd: &SetupCommand,
) -> Result<()> {
    match cmd {
        SetupCommand::Show => {
            if cli.json {
                return print_json(&look.0);
            }
            let s = &look.0;
            out!(
                "time zone {}, late cancel under {} h notice",
                s.settings.time_zone,
                s.settings.late_cancel_notice_hours
            );
            for p in &s.practitioners {
                out!(
                    "practitioner #{} {} {}{}",
                    p.user_id,
                    p.display_name,
                    p.colour,
                    if p.active { "" } else { " (inactive)" }
                );
            }
            for r in &s.rooms {
                out!(
                    "room #{} {}{}",
                    r.id,
                    r.name,
                    if r.active { "" } else { " (inactive)" }
                );
            }
            for t in &s.types {
                out!(
                    "type #{} {} {} min {}{}",
                    t.id,
                    t.name,
                    t.duration_minutes,
                    t.colour,
                    if t.needs_room { ", needs a room" } else { "" }
                );
            }
            Ok(())
        }
        SetupCommand::Practitioner {
            user,
            licence,
            npi,
            signature,
            colour,
            order,
            inactive,
        } => {
            let users = clinic.list_users(actor)?;
            let user_id = pick(
                users
                    .into_iter()
                    .map(|u| (u.id.0, u.username.clone(), u.id))
                    .collect(),
                user,
                "staff member",
                "user_id",
            )?;
            print_json(&clinic.save_practitioner(
                actor,
                &PractitionerInput {
                    user_id,
                    licence_number: licence.clone(),
                    npi: npi.clone(),
                    signature_line: signature.clone(),
                    colour: colour.clone(),
                    sort_order: *order,
                    active: !inactive,
                },
            )?)
        }
        SetupCommand::Room {
            name,
            id,
            order,
            inactive,
        } => print_json(&clinic.save_room(
            actor,
            &RoomInput {
                id: id.map(RoomId),
                name: name.clone(),
                sort_order: *order,
                active: !inactive,
            },
        )?),
        SetupCommand::Type {
            name,
            minutes,
            colour,
            no_room,
            fee_cents,
            billing_code,
            id,
            inactive,
        } => print_json(&clinic.save_appointment_type(
            actor,
            &AppointmentTypeInput {
                id: id.map(AppointmentTypeId),
                name: name.clone(),
                duration_minutes: *minutes,
                colour: colour.clone(),
                needs_room: !no_room,
                fee_cents: *fee_cents,
                billing_code: billing_code.clone(),
                sort_order: None,
                active: !inactive,
            },
        )?),
        SetupCommand::Hours {
            practitioner,
            blocks,
        } => {
            let blocks = blocks
                .iter()
                .map(|b| block(b))
                .collect::<Result<Vec<_>>>()?;
            print_json(&clinic.set_working_hours(
                actor,
                look.practitioner(practitioner)?,
                &blocks,
            )?)
        }
        SetupCommand::TimeOff {
            practitioner,
            from,
            to,
            reason,
        } => print_json(&clinic.add_time_off(
            actor,
            &TimeOffInput {
                practitioner_id: look.practitioner(practitioner)?,
                from: from.clone(),
                to: to.clone(),
                reason: reason.clone(),
            },
        )?),
        SetupCommand::RemoveTimeOff { id } => {
            clinic.delete_time_off(actor, TimeOffId(*id))?;
            print_json(&json!({ "removed": id }))
        }
        SetupCommand::Clinic {
            time_zone,
            late_cancel_hours,
        } => {
            let current = &look.0.settings;
            print_json(
                &clinic.update_schedule_settings(
                    actor,
                    &ScheduleSettings {
                        time_zone: time_zone
                            .clone()
                            .unwrap_or_else(|| current.time_zone.clone()),
                        late_cancel_notice_hours: late_cancel_hours
                            .unwrap_or(current.late_cancel_notice_hours),
                    },
                )?,
            )
        }
    }
}

fn slots(cli: &Cli, clinic: &Clinic, actor: &Actor, look: &Lookup, a: &SlotArgs) -> Result<()> {
    let found = clinic.next_free_slots(
        actor,
        &SlotQuery {
            type_id: look.kind(&a.kind)?,
            practitioner_id: a
                .practitioner
                .as_deref()
                .map(|p| look.practitioner(p))
                .transpose()?,
            room_id: a.room.as_deref().map(|r| look.room(r)).transpose()?,
            from: a.from.clone(),
            weekdays: weekdays(&a.weekdays)?,
            earliest: a.earliest.clone(),
            latest: a.latest.clone(),
            limit: Some(a.limit),
            duration_minutes: None,
        },
    )?;
    if cli.json {
        return print_json(&found);
    }
    for s in &found {
        out!(
            "{}–{}  {}{}",
            s.local_start.replace('T', " "),
            &s.local_end[11..],
            s.practitioner_name,
            s.room_name
                .as_deref()
                .map(|r| format!(", {r}"))
                .unwrap_or_default()
        );
    }
    if found.is_empty() {
        out!("No free slot in the next three months.");
    }
    Ok(())
}

fn waitlist(
    cli: &Cli,
    clinic: &Clinic,
    actor: &Actor,
    look: &Lookup,
    cmd: &WaitlistCommand,
) -> Result<()> {
    match cmd {
        WaitlistCommand::Add {
            patient,
            kind,
            practitioners,
            weekdays: days,
            earliest,
            latest,
            note,
        } => print_json(
            &clinic.add_to_waitlist(
                actor,
                &NewWaitlistEntry {
                    patient_id: PatientId(*patient),
                    type_id: kind.as_deref().map(|t| look.kind(t)).transpose()?,
                    practitioner_ids: practitioners
                        .iter()
                        .map(|p| look.practitioner(p))
                        .collect::<Result<_>>()?,
                    weekdays: weekdays(days)?,
                    earliest: earliest.clone(),
                    latest: latest.clone(),
                    note: note.clone(),
                },
            )?,
        ),
        WaitlistCommand::List => {
            let list = clinic.waitlist(actor)?;
            if cli.json {
                return print_json(&list);
            }
            for e in &list {
                out!(
                    "#{} {} (chart #{}) {} {}–{} {}",
                    e.id,
                    e.patient_name,
                    e.chart_number,
                    e.type_name.as_deref().unwrap_or("any type"),
                    e.earliest.as_deref().unwrap_or("any"),
                    e.latest.as_deref().unwrap_or("any"),
                    e.note.as_deref().unwrap_or("")
                );
            }
            Ok(())
        }
        WaitlistCommand::Resolve { id } => {
            clinic.resolve_waitlist_entry(actor, WaitlistId(*id))?;
            print_json(&json!({ "resolved": id }))
        }
        WaitlistCommand::Offers { appointment } => {
            print_json(&clinic.waitlist_offers(actor, AppointmentId(*appointment))?)
        }
    }
}

fn date_or_today(clinic: &Clinic, date: Option<&str>) -> Result<chrono::NaiveDate> {
    match date {
        Some(d) => chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
            Error::invalid("date", format!("Write the date as YYYY-MM-DD (got {d:?})."))
        }),
        None => clinic.today(),
    }
}

fn status(cli: &Cli, clinic: &Clinic, actor: &Actor, id: i64, change: StatusChange) -> Result<()> {
    let a = clinic.set_appointment_status(actor, AppointmentId(id), change)?;
    print_appointments(cli, &[a])
}

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &ScheduleCommand) -> Result<()> {
    let look = Lookup(clinic.schedule_setup(actor)?);
    match cmd {
        ScheduleCommand::Setup(c) => setup(cli, clinic, actor, &look, c),
        ScheduleCommand::Book(a) => book(cli, clinic, actor, &look, a, false),
        ScheduleCommand::Series(a) => book(cli, clinic, actor, &look, a, true),
        ScheduleCommand::Move(a) => moved(cli, clinic, actor, &look, a),
        ScheduleCommand::Cancel {
            id,
            reason,
            scope: s,
        } => {
            let r = clinic.cancel_appointment(
                actor,
                AppointmentId(*id),
                &CancelInput {
                    reason: reason.clone(),
                    scope: scope(*s),
                },
            )?;
            if cli.json {
                return print_json(&r);
            }
            print_appointments(cli, &r.cancelled)?;
            for o in &r.offers {
                out!(
                    "Waiting for this time: {} (chart #{}, {}) — {}",
                    o.entry.patient_name,
                    o.entry.chart_number,
                    o.entry.phone.as_deref().unwrap_or("no phone"),
                    o.entry.note.as_deref().unwrap_or("")
                );
            }
            Ok(())
        }
        ScheduleCommand::Arrive { id } => status(cli, clinic, actor, *id, StatusChange::Arrived),
        ScheduleCommand::Start { id } => status(cli, clinic, actor, *id, StatusChange::InTreatment),
        ScheduleCommand::Complete { id } => {
            status(cli, clinic, actor, *id, StatusChange::Completed)
        }
        ScheduleCommand::NoShow { id } => status(cli, clinic, actor, *id, StatusChange::NoShow),
        ScheduleCommand::Undo { id } => status(cli, clinic, actor, *id, StatusChange::Booked),
        ScheduleCommand::Slots(a) => slots(cli, clinic, actor, &look, a),
        ScheduleCommand::Waitlist(c) => waitlist(cli, clinic, actor, &look, c),
        ScheduleCommand::Day { date } => {
            let d = date_or_today(clinic, date.as_deref())?;
            let view = clinic.schedule(
                actor,
                &ScheduleQuery {
                    from: d.to_string(),
                    days: 1,
                    practitioner_ids: vec![],
                    include_cancelled: false,
                },
            )?;
            if cli.json {
                return print_json(&view);
            }
            print_appointments(cli, &view.appointments)
        }
        ScheduleCommand::Week { from, practitioner } => {
            let d = date_or_today(clinic, from.as_deref())?;
            let only = practitioner
                .as_deref()
                .map(|p| look.practitioner(p))
                .transpose()?;
            let view = clinic.schedule(
                actor,
                &ScheduleQuery {
                    from: d.to_string(),
                    days: 7,
                    practitioner_ids: only.into_iter().collect(),
                    include_cancelled: false,
                },
            )?;
            if cli.json {
                return print_json(&view);
            }
            print_appointments(cli, &view.appointments)
        }
        ScheduleCommand::Sheet { date } => {
            let sheet = clinic.day_sheet(actor, date_or_today(clinic, date.as_deref())?)?;
            if cli.json {
                return print_json(&sheet);
            }
            out!("{} — {}", sheet.clinic_name, sheet.date);
            for c in &sheet.columns {
                out!("\n{}", c.practitioner_name);
                for r in &c.rows {
                    out!(
                        "  {}–{}  {} (chart #{})  {}  {}",
                        r.start,
                        r.end,
                        r.patient_name,
                        r.chart_number,
                        r.phone.as_deref().unwrap_or("—"),
                        r.type_name
                    );
                }
            }
            Ok(())
        }
        ScheduleCommand::List { patient } => {
            let view = clinic.patient_appointments(actor, PatientId(*patient))?;
            if cli.json {
                return print_json(&view);
            }
            print_appointments(cli, &view.appointments)?;
            let a = view.attendance;
            out!(
                "no-shows {}, late cancels {}, cancellations {}, completed {}, upcoming {}",
                a.no_shows,
                a.late_cancels,
                a.cancellations,
                a.completed,
                a.upcoming
            );
            Ok(())
        }
        ScheduleCommand::Ics {
            practitioner,
            from,
            to,
            names,
            out,
        } => {
            let target = clinic.output_file(out, cli.overwrite())?;
            let text = clinic.schedule_ics(
                actor,
                &IcsQuery {
                    practitioner_id: look.practitioner(practitioner)?,
                    from: from.clone(),
                    to: to.clone(),
                    include_patient_names: *names,
                },
            )?;
            target.write(text.as_bytes())?;
            let events = text.matches("BEGIN:VEVENT").count();
            if cli.json {
                return print_json(&json!({ "file": out.display().to_string(), "events": events }));
            }
            out!("Wrote {events} appointments to {}", out.display());
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_weekdays_parse_as_people_write_them() -> Result<()> {
        let b = block("fri 13:00-17:00 odd")?;
        assert_eq!(
            (b.weekday, b.start.as_str(), b.end.as_str(), b.week_parity),
            (5, "13:00", "17:00", WeekParity::Odd)
        );
        assert!(block("friday").is_err());
        assert_eq!(
            weekdays(&["Mon".into(), "thu".into(), "7".into()])?,
            [1, 4, 7]
        );
        assert!(weekday("funday").is_err());
        Ok(())
    }

    #[test]
    fn names_match_by_id_exact_name_or_a_unique_part() {
        let items = || {
            vec![
                (1, "Dr. Lin Mei".to_owned(), 1),
                (2, "Kai Brandt".to_owned(), 2),
                (3, "Lina Kai".to_owned(), 3),
            ]
        };
        assert_eq!(pick(items(), "2", "p", "p").ok(), Some(2));
        assert_eq!(pick(items(), "brandt", "p", "p").ok(), Some(2));
        assert!(pick(items(), "kai", "p", "p").is_err(), "ambiguous");
        assert!(pick(items(), "zed", "p", "p").is_err());
    }
}
