//! `acuchart-cli note …` and `protocol …`: charting from the command line, through the same
//! core services (and role checks) as the app.

use std::path::Path;

use acuchart_core::auth::Actor;
use acuchart_core::files::input::{read_capped, read_limited, MAX_JSON_INPUT};
use acuchart_core::ids::{AppointmentId, NoteId, PatientId, ProtocolId};
use acuchart_core::visits::{
    parse_point_entry, search_icd10, AlertAcknowledgement, NewProtocol, NoteDraft, Protocol,
    StartNote, TodayQuery, TreatmentPoint, VisitNote,
};
use acuchart_core::{Clinic, Error, Result};
use serde::de::DeserializeOwned;

use crate::args::{Cli, NoteCommand, ProtocolCommand};
use crate::output::print_json;

fn read_json<T: DeserializeOwned>(file: &Path) -> Result<T> {
    let bytes = if file == Path::new("-") {
        read_capped(
            std::io::stdin(),
            "standard input".into(),
            "file",
            MAX_JSON_INPUT,
        )?
    } else {
        read_limited(file, "file", MAX_JSON_INPUT)?
    };
    serde_json::from_slice(&bytes).map_err(|e| {
        Error::invalid(
            "file",
            format!("{} is not valid JSON for this command: {e}", file.display()),
        )
    })
}

/// Saves `change(draft)` over the note's current revision.
fn edit(
    clinic: &Clinic,
    actor: &Actor,
    id: NoteId,
    change: impl FnOnce(&VisitNote) -> Result<NoteDraft>,
) -> Result<VisitNote> {
    let note = clinic.visit_note(actor, id)?;
    let draft = change(&note)?;
    clinic.save_visit_note(actor, id, note.revision, &draft)
}

fn print_note(cli: &Cli, note: &VisitNote) -> Result<()> {
    if cli.json {
        return print_json(note);
    }
    let c = &note.draft.content;
    let status = match &note.signed_at {
        Some(at) => format!(
            "signed {at} by {}",
            note.signed_by.as_deref().unwrap_or("?")
        ),
        None => format!("draft, revision {}", note.revision),
    };
    out!(
        "Visit note {} — {} — {}",
        note.id,
        note.visit_date,
        note.practitioner_name
    );
    out!("  {status}");
    let line = |label: &str, value: &Option<String>| {
        if let Some(v) = value {
            out!("  {label:<16} {v}");
        }
    };
    line("complaint", &c.chief_complaint);
    if c.pain_now.is_some() || c.pain_worst.is_some() {
        let n = |v: Option<u8>| v.map_or("–".to_owned(), |v| v.to_string());
        out!(
            "  {:<16} now {} / best {} / worst {}",
            "pain",
            n(c.pain_now),
            n(c.pain_best),
            n(c.pain_worst)
        );
    }
    for r in &note.draft.pain_regions {
        out!("  {:<16} {} ({})", "pain at", r.region, r.side.as_str());
    }
    for d in &note.draft.diagnoses {
        out!("  {:<16} {} {}", "diagnosis", d.code, d.title);
    }
    line("TCM pattern", &c.tcm_pattern);
    line("plan", &c.plan);
    for p in &note.draft.points {
        out!("  {:<16} {}", "point", point_line(p));
    }
    let n = |v: Option<u16>| v.map_or("–".to_owned(), |v| v.to_string());
    out!(
        "  {:<16} inserted {} / removed {} (points need {})",
        "needles",
        n(c.needles_inserted),
        n(c.needles_removed),
        note.needles_expected
    );
    line("needle note", &note.needle_count_explanation);
    line("home advice", &c.home_advice);
    for a in &note.alerts {
        let state = match &a.reason {
            Some(r) => format!("acknowledged: {r}"),
            None => "NOT ACKNOWLEDGED".to_owned(),
        };
        out!("  ALERT [{}] {} ({state})", a.key, a.message);
    }
    for a in &note.addenda {
        out!("  addendum {} by {}: {}", a.created_at, a.author, a.body);
    }
    Ok(())
}

fn point_line(p: &TreatmentPoint) -> String {
    let names = p
        .catalogue_point()
        .map(|c| format!("{} {} {}", c.pinyin, c.hanzi, c.english))
        .unwrap_or_default();
    let mut extra = Vec::new();
    if let Some(t) = p.technique {
        extra.push(t.as_str().to_owned());
    }
    if let Some(m) = p.retention_minutes {
        extra.push(format!("{m} min"));
    }
    if let Some(pair) = &p.electro_pair {
        extra.push(format!("electro to {pair}"));
    }
    format!(
        "{:<6} {:<9} {names}  {}",
        p.code,
        p.side.as_str(),
        extra.join(", ")
    )
}

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &NoteCommand) -> Result<()> {
    match cmd {
        NoteCommand::Start {
            patient,
            appointment,
            date,
        } => {
            let note = clinic.start_visit_note(
                actor,
                &StartNote {
                    patient_id: PatientId(*patient),
                    appointment_id: appointment.map(AppointmentId),
                    visit_date: date.clone(),
                },
            )?;
            print_note(cli, &note)
        }
        NoteCommand::Show { id } => print_note(cli, &clinic.visit_note(actor, NoteId(*id))?),
        NoteCommand::Save { id, file } => {
            let draft: NoteDraft = read_json(file)?;
            print_note(cli, &edit(clinic, actor, NoteId(*id), |_| Ok(draft))?)
        }
        NoteCommand::AddPoint { id, entry } => {
            let parsed = parse_point_entry(entry)?;
            let note = edit(clinic, actor, NoteId(*id), |n| {
                let mut d = n.draft.clone();
                d.points.push(TreatmentPoint {
                    code: parsed.point.code.clone(),
                    side: parsed.side,
                    technique: None,
                    depth_mm: None,
                    retention_minutes: None,
                    electro_pair: None,
                    electro_hz: None,
                    electro_minutes: None,
                    note: None,
                });
                Ok(d)
            })?;
            print_note(cli, &note)
        }
        NoteCommand::CopyLast { id } => {
            let prev = clinic
                .previous_treatment(actor, NoteId(*id))?
                .ok_or_else(|| Error::NotFound("A visit before this one".to_owned()))?;
            let note = edit(clinic, actor, NoteId(*id), |n| {
                Ok(n.draft.with_previous(&prev))
            })?;
            print_note(cli, &note)
        }
        NoteCommand::Acknowledge { id, alert, reason } => {
            let note = edit(clinic, actor, NoteId(*id), |n| {
                let mut d = n.draft.clone();
                d.acknowledgements.push(AlertAcknowledgement {
                    alert_key: alert.clone(),
                    reason: reason.clone(),
                    acknowledged_by: None,
                    acknowledged_at: None,
                    basis: None,
                });
                Ok(d)
            })?;
            print_note(cli, &note)
        }
        NoteCommand::Sign { id, explain } => {
            let note = clinic.visit_note(actor, NoteId(*id))?;
            let signed =
                clinic.sign_visit_note(actor, note.id, note.revision, explain.as_deref())?;
            print_note(cli, &signed)
        }
        NoteCommand::Addendum { id, text } => {
            print_note(cli, &clinic.add_addendum(actor, NoteId(*id), text)?)
        }
        NoteCommand::History { patient } => {
            let chart = clinic.patient_chart(actor, PatientId(*patient))?;
            if cli.json {
                return print_json(&chart.visits);
            }
            for v in &chart.visits {
                out!(
                    "{:<5} {}  {:<7} pain {:<2} {}  [{}]",
                    v.id,
                    v.visit_date,
                    if v.status == acuchart_core::visits::NoteStatus::Signed {
                        "signed"
                    } else {
                        "draft"
                    },
                    v.pain_now.map_or("–".to_owned(), |p| p.to_string()),
                    v.chief_complaint.as_deref().unwrap_or(""),
                    v.points.join(" ")
                );
            }
            if chart.visits.is_empty() {
                out!("No visits yet.");
            }
            Ok(())
        }
        NoteCommand::Today { date, all } => {
            let day = clinic.today_schedule(
                actor,
                &TodayQuery {
                    date: date.clone(),
                    all_practitioners: *all,
                },
            )?;
            if cli.json {
                return print_json(&day);
            }
            out!("{} ({})", day.date, day.time_zone);
            for a in &day.appointments {
                let note = match (a.note_id, a.note_status) {
                    (Some(id), Some(s)) => format!("note {id} {s:?}").to_lowercase(),
                    _ => "no note".to_owned(),
                };
                out!(
                    "  {}–{}  {} {}  {}  {}  {note}",
                    a.local_start,
                    a.local_end,
                    a.patient.given_name,
                    a.patient.family_name,
                    a.type_name,
                    a.practitioner_name
                );
            }
            for w in &day.walk_ins {
                out!(
                    "  walk-in      {} {}  note {} {:?}",
                    w.patient.given_name,
                    w.patient.family_name,
                    w.note_id,
                    w.status
                );
            }
            Ok(())
        }
        NoteCommand::Icd10 { query, limit } => {
            let found = search_icd10(query, *limit as usize)?;
            if cli.json {
                return print_json(&found);
            }
            for c in &found {
                out!("{:<9} {}", c.code, c.title);
            }
            Ok(())
        }
    }
}

fn print_protocol(cli: &Cli, p: &Protocol) -> Result<()> {
    if cli.json {
        return print_json(p);
    }
    let whose = match (&p.key, &p.owner) {
        (Some(key), _) => format!("shipped ({key})"),
        (None, Some(owner)) => format!("{owner}{}", if p.shared { ", shared" } else { "" }),
        _ => String::new(),
    };
    out!("{:<4} {}  — {whose}", p.id, p.name);
    if let Some(d) = &p.description {
        out!("     {d}");
    }
    let points: Vec<String> = p
        .points
        .iter()
        .map(|pt| format!("{} {}", pt.code, pt.side.as_str()))
        .collect();
    out!("     {}", points.join(", "));
    Ok(())
}

fn protocol_id(clinic: &Clinic, actor: &Actor, id: &str) -> Result<ProtocolId> {
    Ok(clinic.protocol(actor, id)?.id)
}

pub fn protocol(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &ProtocolCommand) -> Result<()> {
    match cmd {
        ProtocolCommand::List => {
            let all = clinic.list_protocols(actor)?;
            if cli.json {
                return print_json(&all);
            }
            for p in &all {
                print_protocol(cli, p)?;
            }
            Ok(())
        }
        ProtocolCommand::Show { id } => print_protocol(cli, &clinic.protocol(actor, id)?),
        ProtocolCommand::Create { file } => {
            let input: NewProtocol = read_json(file)?;
            print_protocol(cli, &clinic.create_protocol(actor, &input)?)
        }
        ProtocolCommand::Copy { id } => {
            let source = protocol_id(clinic, actor, id)?;
            print_protocol(cli, &clinic.copy_protocol(actor, source)?)
        }
        ProtocolCommand::Archive { id } => {
            clinic.archive_protocol(actor, ProtocolId(*id))?;
            if cli.json {
                print_json(&serde_json::json!({ "archived": id }))
            } else {
                out!("Archived protocol {id}.");
                Ok(())
            }
        }
    }
}
