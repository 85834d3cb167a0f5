//! `import patients|appointments FILE [--dry-run] [--mapping FILE]`, `export csv DIR`,
//! `export fhir FILE` (admins). Progress goes to standard error.

use std::path::Path;

use acuchart_core::auth::Actor;
use acuchart_core::files::input::{read_limited, MAX_IMPORT_FILE};
use acuchart_core::import::{DataProgress, ImportKind, ImportOptions, ImportPreview};
use acuchart_core::text::count;
use acuchart_core::{Clinic, Error, ErrorCode, Result};

use crate::args::{Cli, ExportCommand, ImportKindArg};
use crate::output::{end_progress_line, print_json, PROGRESS_LINE_OPEN};

fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    read_limited(path, what, MAX_IMPORT_FILE)
}

fn mapping(path: Option<&Path>) -> Result<ImportOptions> {
    let Some(path) = path else {
        return Ok(ImportOptions::default());
    };
    serde_json::from_slice(&read(path, "mapping")?).map_err(|e| {
        Error::invalid(
            "mapping",
            format!(
                "{} is not a mapping file ({e}). It is JSON like {{\"columns\": [{{\"column\": \"Mobile\", \"field\": \"phone\"}}], \"date_order\": \"day_first\"}}.",
                path.display()
            ),
        )
    })
}

fn progress_line(p: DataProgress) {
    use std::sync::atomic::Ordering;
    eprint!("\r{}: {} of {}   ", p.phase, p.done, p.total);
    PROGRESS_LINE_OPEN.store(true, Ordering::Relaxed);
    if p.done == p.total {
        end_progress_line();
    }
}

fn print_problems(p: &ImportPreview) {
    for m in &p.mapping_problems {
        out!("Mapping problem: {m}");
    }
    for x in &p.problems {
        let column = x
            .column
            .as_deref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        out!("  line {}{column}: {}", x.line, x.message);
    }
    if p.problem_count as usize > p.problems.len() {
        out!("  … {} problems in all", p.problem_count);
    }
}

fn print_preview(p: &ImportPreview) {
    out!(
        "Read as {}{}, {} separated, {}.",
        p.encoding,
        if p.bom { " with a byte-order mark" } else { "" },
        p.delimiter,
        if p.has_header {
            "with a header row"
        } else {
            "without a header row"
        }
    );
    out!("Dates: {}", p.date_order_note);
    for c in &p.columns {
        let field = c.field.map(|f| f.as_str()).unwrap_or("(left out)");
        out!("  column {:>2} {:<24} -> {field}", c.index + 1, c.header);
    }
    print_problems(p);
    for d in &p.duplicates {
        out!(
            "  line {}: {} looks like an existing patient ({}); will {:?}",
            d.line,
            d.name,
            d.reason,
            d.action
        );
    }
    for n in &p.notes {
        out!("Note: {n}");
    }
    out!(
        "Summary: {}, {} with problems; would import {}, merge {}, skip {}.",
        count(p.rows as usize, "row", "rows"),
        p.problem_rows,
        p.to_import,
        p.to_merge,
        p.to_skip
    );
}

pub fn import(
    cli: &Cli,
    clinic: &Clinic,
    actor: &Actor,
    kind: ImportKindArg,
    file: &Path,
    dry_run: bool,
    mapping_file: Option<&Path>,
) -> Result<()> {
    let kind = match kind {
        ImportKindArg::Patients => ImportKind::Patients,
        ImportKindArg::Appointments => ImportKind::Appointments,
    };
    let bytes = read(file, "file")?;
    let options = mapping(mapping_file)?;
    if dry_run {
        let preview = clinic.preview_import(actor, kind, &bytes, &options)?;
        if cli.json {
            return print_json(&preview);
        }
        print_preview(&preview);
        out!("Dry run: nothing was written.");
        return Ok(());
    }
    let summary = match clinic.run_import(actor, kind, &bytes, &options, &mut progress_line) {
        Ok(summary) => summary,
        Err(refused) => {
            // The refusal names the first problem; the report lists every one, as a dry run does.
            if !cli.json && refused.code() == ErrorCode::InvalidInput {
                if let Ok(preview) = clinic.preview_import(actor, kind, &bytes, &options) {
                    print_problems(&preview);
                }
            }
            return Err(refused);
        }
    };
    if cli.json {
        return print_json(&summary);
    }
    out!(
        "Imported {} {}; merged {}, skipped {}, left out {} with problems.",
        summary.imported,
        kind.as_str(),
        summary.merged,
        count(summary.skipped as usize, "duplicate", "duplicates"),
        count(summary.invalid_skipped as usize, "row", "rows")
    );
    Ok(())
}

pub fn export(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &ExportCommand) -> Result<()> {
    let summary = match cmd {
        ExportCommand::Csv { dir } => {
            clinic.export_csv(actor, dir, cli.overwrite(), &mut progress_line)?
        }
        ExportCommand::Fhir { file } => {
            clinic.export_fhir(actor, file, None, cli.overwrite(), &mut progress_line)?
        }
    };
    if cli.json {
        return print_json(&summary);
    }
    out!(
        "Exported {} patients, {} practitioners, {} appointments, {} visit notes ({} points) to {}",
        summary.patients,
        summary.practitioners,
        summary.appointments,
        summary.visit_notes,
        summary.points,
        summary.path
    );
    for f in &summary.files {
        out!("  {f}");
    }
    for n in &summary.notes {
        out!("Note: {n}");
    }
    Ok(())
}
