//! `acuchart-cli doc summary | note | superbill | daysheet --out FILE.pdf`: the same core
//! services (role checks, signed notes only, recorded and audited) as the app.

use acuchart_core::auth::Actor;
use acuchart_core::documents::{Generated, SummaryRequest, SuperbillRequest};
use acuchart_core::ids::{HandoutId, NoteId, PatientId};
use acuchart_core::{Clinic, Error, Result};

use crate::args::{Cli, DocCommand};
use crate::output::print_json;

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &DocCommand) -> Result<()> {
    let (made, out) = match cmd {
        DocCommand::Summary {
            patient,
            from,
            to,
            handouts,
            out,
        } => (
            clinic.generate_treatment_summary(
                actor,
                &SummaryRequest {
                    patient_id: PatientId(*patient),
                    from: from.clone(),
                    to: to.clone(),
                    handouts: handouts.iter().map(|h| HandoutId(*h)).collect(),
                    ..Default::default()
                },
            )?,
            out,
        ),
        DocCommand::Note { id, out } => (clinic.generate_visit_note_pdf(actor, NoteId(*id))?, out),
        DocCommand::Superbill {
            patient,
            date,
            paid_cents,
            payment_method,
            out,
        } => (
            clinic.generate_superbill(
                actor,
                &SuperbillRequest {
                    patient_id: PatientId(*patient),
                    date: date.clone(),
                    amount_paid_cents: *paid_cents,
                    payment_method: payment_method.clone(),
                },
            )?,
            out,
        ),
        DocCommand::Daysheet { date, out } => (clinic.generate_day_sheet(actor, date)?, out),
        DocCommand::Handouts { archived } => return handouts(cli, clinic, actor, *archived),
    };
    write(&made, out)?;
    if cli.json {
        return print_json(&made.info);
    }
    println!(
        "{} — {} page{}, {} KB — written to {}",
        made.info.title,
        made.info.pages,
        if made.info.pages == 1 { "" } else { "s" },
        made.pdf.len().div_ceil(1024),
        out.display()
    );
    Ok(())
}

fn handouts(cli: &Cli, clinic: &Clinic, actor: &Actor, archived: bool) -> Result<()> {
    let list = clinic.list_handouts(actor, archived)?;
    if cli.json {
        return print_json(&list);
    }
    if list.is_empty() {
        println!("No condition handouts yet.");
    }
    for h in &list {
        println!(
            "{:>4}  {}{}{}",
            h.id,
            h.title,
            h.condition
                .as_deref()
                .map_or(String::new(), |c| format!(" ({c})")),
            if h.archived { "  [archived]" } else { "" }
        );
    }
    Ok(())
}

fn write(made: &Generated, out: &std::path::Path) -> Result<()> {
    std::fs::write(out, &made.pdf)
        .map_err(|e| Error::invalid("out", format!("Cannot write {}: {e}", out.display())))
}
