//! `acuchart-cli audit …`: the log's list, CSV export and verification.

use acuchart_core::audit::{Action, AnchorStatus, AuditFilter, AuditVerification};
use acuchart_core::auth::Actor;
use acuchart_core::ids::PatientId;
use acuchart_core::{Clinic, Error, Result};
use serde_json::json;

use crate::args::{AuditCommand, AuditFilterArgs, Cli};
use crate::output::print_json;

fn filter(clinic: &Clinic, actor: &Actor, args: &AuditFilterArgs) -> Result<AuditFilter> {
    let action = args
        .action
        .as_deref()
        .map(|a| {
            Action::parse(a.trim()).ok_or_else(|| {
                let known: Vec<&str> = Action::ALL.iter().map(|a| a.as_str()).collect();
                Error::invalid(
                    "action",
                    format!(
                        "{a:?} is not an audited action; use one of {}.",
                        known.join(", ")
                    ),
                )
            })
        })
        .transpose()?;
    let user_id = match &args.by {
        Some(name) => Some(clinic.user_by_username(actor, name)?.id),
        None => None,
    };
    Ok(AuditFilter {
        user_id,
        patient_id: args.patient.map(PatientId),
        action,
        from: args.from.clone(),
        to: args.to.clone(),
        before_id: None,
        limit: Some(args.limit),
    })
}

fn print_verification(cli: &Cli, v: &AuditVerification) -> Result<()> {
    if cli.json {
        print_json(v)?;
    } else if let Some(problem) = &v.problem {
        out!(
            "Audit log BROKEN after {} intact rows: {problem}",
            v.rows_checked
        );
    } else {
        out!("Audit log intact: {} rows checked.", v.rows_checked);
        if let Some(rows) = v.anchored_rows {
            out!("The head kept beside the database vouches for rows 1–{rows}.");
        }
        if v.anchor == AnchorStatus::Guarded {
            out!("The clinic server's database refuses any change or removal of audit rows.");
        }
    }
    if let (false, Some(note)) = (cli.json, &v.note) {
        out!("Note: {note}");
    }
    if !v.is_intact() {
        std::process::exit(3);
    }
    Ok(())
}

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &AuditCommand) -> Result<()> {
    match cmd {
        AuditCommand::Verify => print_verification(cli, &clinic.verify_audit(actor)?),
        AuditCommand::Reanchor => print_verification(cli, &clinic.reset_audit_anchor(actor)?),
        AuditCommand::List(args) => {
            let page = clinic.list_audit(actor, &filter(clinic, actor, args)?)?;
            if cli.json {
                return print_json(&page);
            }
            for e in &page.entries {
                let who = e.username.as_deref().unwrap_or("—");
                let what = match &e.entity_id {
                    Some(id) => format!("{} {id}", e.entity),
                    None => e.entity.clone(),
                };
                let patient = e
                    .patient_chart_number
                    .map(|c| format!("  chart #{c}"))
                    .unwrap_or_default();
                out!(
                    "{:>7}  {}  {:<14} {:<16} {what}{patient}",
                    e.id,
                    e.at_local,
                    who,
                    e.action
                );
            }
            if page.has_more {
                out!("(more rows match: raise --limit or narrow the filter)");
            }
            Ok(())
        }
        AuditCommand::Export { filter: args, out } => {
            let target = match out {
                Some(path) => Some(clinic.output_file(path, cli.overwrite())?),
                None => None,
            };
            let (csv, rows) = clinic.export_audit_csv(actor, &filter(clinic, actor, args)?)?;
            match (out, target) {
                (Some(path), Some(target)) => {
                    target.write(csv.as_bytes())?;
                    if cli.json {
                        print_json(&json!({ "path": path.display().to_string(), "rows": rows }))
                    } else {
                        out!("Wrote {rows} audit rows to {}", path.display());
                        Ok(())
                    }
                }
                _ => {
                    print!("{csv}");
                    Ok(())
                }
            }
        }
    }
}
