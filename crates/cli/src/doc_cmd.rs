//! `acuchart-cli doc summary | note | superbill | daysheet --out FILE.pdf`: the same core
//! services (role checks, signed notes only, recorded and audited) as the app.

use acuchart_core::auth::Actor;
use acuchart_core::documents::{SummaryRequest, SuperbillRequest};
use acuchart_core::ids::{HandoutId, NoteId, PatientId};
use acuchart_core::{Clinic, Result};

use crate::args::{Cli, DocCommand};
use crate::output::print_json;

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &DocCommand) -> Result<()> {
    // The file is checked before the document is made, so a refused path records nothing.
    let target = match cmd {
        DocCommand::Summary { out, .. }
        | DocCommand::Note { out, .. }
        | DocCommand::Superbill { out, .. }
        | DocCommand::Daysheet { out, .. } => clinic.output_file(out, cli.overwrite())?,
        DocCommand::Handouts { archived } => return handouts(cli, clinic, actor, *archived),
    };
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
    target.write(&made.pdf)?;
    if cli.json {
        return print_json(&made.info);
    }
    out!(
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
        out!("No condition handouts yet.");
    }
    for h in &list {
        out!(
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
