//! `acuchart-cli patient …`: the same patient services the app calls.

use acuchart_core::auth::Actor;
use acuchart_core::ids::PatientId;
use acuchart_core::patients::{NewPatient, PatientProfile, PatientQuery};
use acuchart_core::{Clinic, Result};
use serde_json::json;

use crate::args::{Cli, PatientCommand};
use crate::output::{patient_line, print_json};
use crate::patch;

fn print_profile(cli: &Cli, p: &PatientProfile) -> Result<()> {
    if cli.json {
        return print_json(p);
    }
    let d = &p.details;
    out!(
        "Chart #{}  {}, {}",
        p.chart_number,
        d.family_name,
        d.given_name
    );
    let fields = serde_json::to_value(d).unwrap_or_default();
    if let Some(map) = fields.as_object() {
        for (k, v) in map.iter().filter(|(_, v)| !v.is_null()) {
            out!(
                "  {k:<32} {}",
                v.as_str().map_or_else(|| v.to_string(), str::to_owned)
            );
        }
    }
    let flags = serde_json::to_value(&p.safety).unwrap_or_default();
    let active: Vec<&String> = flags
        .as_object()
        .map(|m| {
            m.iter()
                .filter(|(_, v)| v.as_bool() == Some(true))
                .map(|(k, _)| k)
                .collect()
        })
        .unwrap_or_default();
    out!(
        "  {:<32} {}",
        "safety flags",
        if active.is_empty() {
            "none".to_owned()
        } else {
            format!("{active:?}")
        }
    );
    if let Some(at) = &p.archived_at {
        out!(
            "  archived {at}{}",
            p.merged_into
                .map(|m| format!(", merged into patient {m}"))
                .unwrap_or_default()
        );
    }
    Ok(())
}

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &PatientCommand) -> Result<()> {
    match cmd {
        PatientCommand::Add {
            given,
            family,
            preferred,
            dob,
            phone,
            email,
            allow_duplicate,
        } => {
            let created = clinic.create_patient(
                actor,
                &NewPatient {
                    given_name: given.clone(),
                    family_name: family.clone(),
                    preferred_name: preferred.clone(),
                    date_of_birth: dob.clone(),
                    phone: phone.clone(),
                    email: email.clone(),
                    allow_duplicate: *allow_duplicate,
                },
            )?;
            if cli.json {
                print_json(&created)
            } else {
                out!("Registered {}", patient_line(&created));
                Ok(())
            }
        }
        PatientCommand::Show { id, medical } => {
            let profile = clinic.patient(actor, PatientId(*id))?;
            if *medical {
                let history = clinic.patient_medical(actor, PatientId(*id))?;
                if cli.json {
                    return print_json(&json!({ "profile": profile, "medical": history }));
                }
                print_profile(cli, &profile)?;
                return print_json(&history);
            }
            print_profile(cli, &profile)
        }
        PatientCommand::Edit { id, sets } => {
            let current = clinic.patient(actor, PatientId(*id))?;
            let details = patch::apply(&current.details, sets)?;
            print_profile(
                cli,
                &clinic.update_patient_details(actor, PatientId(*id), &details)?,
            )
        }
        PatientCommand::Flags { id, sets } => {
            let current = clinic.patient(actor, PatientId(*id))?;
            let flags = patch::apply(&current.safety, sets)?;
            print_profile(
                cli,
                &clinic.update_safety_flags(actor, PatientId(*id), &flags)?,
            )
        }
        PatientCommand::Medical { id, sets } => {
            let current = clinic.patient_medical(actor, PatientId(*id))?;
            let medical = patch::apply(&current, sets)?;
            print_json(&clinic.update_patient_medical(actor, PatientId(*id), &medical)?)
        }
        PatientCommand::Archive { id } => print_profile(
            cli,
            &clinic.set_patient_archived(actor, PatientId(*id), true)?,
        ),
        PatientCommand::Unarchive { id } => print_profile(
            cli,
            &clinic.set_patient_archived(actor, PatientId(*id), false)?,
        ),
        PatientCommand::Merge { keep, merge } => print_profile(
            cli,
            &clinic.merge_patients(actor, PatientId(*keep), PatientId(*merge))?,
        ),
        PatientCommand::Search {
            query,
            limit,
            archived,
        } => {
            let found = clinic.search_patients(
                actor,
                &PatientQuery {
                    text: query.clone(),
                    include_archived: *archived,
                    limit: Some(*limit),
                },
            )?;
            if cli.json {
                return print_json(&found);
            }
            for p in &found {
                out!("{}", patient_line(p));
            }
            if found.is_empty() {
                out!("No patient matches {query:?}.");
            }
            Ok(())
        }
    }
}
