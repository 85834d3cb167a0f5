//! The import services: the dry run and the import itself, which repeats the same analysis
//! inside its one transaction (so what was previewed is what is checked) and writes all of it
//! or nothing.

use super::analyse::{self, Frame, Outcome};
use super::{
    appointments, patients, DataProgress, ImportKind, ImportOptions, ImportPreview, ImportSummary,
};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};

/// Admins import. Receptionists register patients one at a time but do not import: an import
/// merges rows into existing records (merging is not theirs to do) and adds thousands of
/// records in one go, a one-off migration an admin answers for.
fn operation(kind: ImportKind) -> Operation {
    match kind {
        ImportKind::Patients => Operation::ImportPatients,
        ImportKind::Appointments => Operation::ImportAppointments,
    }
}

enum Plan {
    Patients(patients::Plan),
    Appointments(appointments::Plan),
}

fn analyse(
    db: &Db<'_>,
    kind: ImportKind,
    bytes: &[u8],
    options: &ImportOptions,
    today: chrono::NaiveDate,
    progress: &mut dyn FnMut(DataProgress),
) -> Result<(Frame, Plan, Outcome)> {
    progress(DataProgress::new("reading", 0, 1));
    let frame = analyse::frame(db, kind, bytes, options, today)?;
    if !frame.mapping_problems.is_empty() {
        // Nothing row-level is worth checking until every required field has a column.
        let outcome = Outcome {
            problems: Default::default(),
            duplicates: Vec::new(),
            to_import: 0,
            to_merge: 0,
            to_skip: 0,
            new_types: Vec::new(),
            new_rooms: Vec::new(),
            notes: Vec::new(),
        };
        let plan = match kind {
            ImportKind::Patients => Plan::Patients(patients::Plan {
                rows: Vec::new(),
                fates: Vec::new(),
            }),
            ImportKind::Appointments => {
                return Ok((
                    frame,
                    Plan::Appointments(appointments::empty_plan()),
                    outcome,
                ))
            }
        };
        return Ok((frame, plan, outcome));
    }
    let (plan, outcome) = match kind {
        ImportKind::Patients => {
            let (p, o) = patients::plan(db, &frame, options, progress)?;
            (Plan::Patients(p), o)
        }
        ImportKind::Appointments => {
            let (p, o) = appointments::plan(db, &frame, progress)?;
            (Plan::Appointments(p), o)
        }
    };
    Ok((frame, plan, outcome))
}

impl Clinic {
    /// The dry run: how the file is read, the mapping, every row's problems and every
    /// duplicate, and what an import would do. Nothing is written.
    pub fn preview_import(
        &self,
        actor: &Actor,
        kind: ImportKind,
        bytes: &[u8],
        options: &ImportOptions,
    ) -> Result<ImportPreview> {
        actor.require(operation(kind))?;
        let today = self.today()?;
        self.read_db(|db| {
            let (frame, _, outcome) = analyse(db, kind, bytes, options, today, &mut |_| {})?;
            Ok(analyse::preview(&frame, outcome))
        })
    }

    /// Imports the file in one transaction: every row, or (when a row has a problem and
    /// `skip_invalid_rows` is not set) nothing at all.
    pub fn run_import(
        &self,
        actor: &Actor,
        kind: ImportKind,
        bytes: &[u8],
        options: &ImportOptions,
        progress: &mut dyn FnMut(DataProgress),
    ) -> Result<ImportSummary> {
        actor.require(operation(kind))?;
        let today = self.today()?;
        self.write_db(|db| {
            let (frame, plan, outcome) = analyse(db, kind, bytes, options, today, progress)?;
            if let Some(first) = frame.mapping_problems.first() {
                return Err(Error::invalid("columns", first.clone()));
            }
            let bad_rows = outcome.problems.rows();
            if !bad_rows.is_empty() && !options.skip_invalid_rows {
                let mut problems = outcome.problems.list.clone();
                problems.sort_by_key(|p| p.line);
                let first = &problems[0];
                return Err(Error::invalid(
                    "file",
                    format!(
                        "{} problems, so nothing was imported. The first: line {}{}: {} Fix the file, change the mapping, or choose to leave those rows out.",
                        crate::text::count(bad_rows.len(), "row has", "rows have"),
                        first.line,
                        first.column.as_ref().map(|c| format!(" ({c})")).unwrap_or_default(),
                        first.message
                    ),
                ));
            }
            let (imported, merged) = match &plan {
                Plan::Patients(p) => patients::write(db, actor, p, progress)?,
                Plan::Appointments(p) => (appointments::write(db, actor, p, progress)?, 0),
            };
            let summary = ImportSummary {
                kind,
                imported: count(imported),
                skipped: count(outcome.to_skip),
                merged: count(merged),
                invalid_skipped: count(bad_rows.len()),
                skipped_lines: bad_rows.into_iter().collect(),
                new_types: outcome.new_types,
                new_rooms: outcome.new_rooms,
            };
            audit::record(
                db,
                Some(actor),
                Action::Import,
                kind.as_str(),
                Some(format!(
                    "imported {}, merged {}, skipped {}, left out {}",
                    summary.imported, summary.merged, summary.skipped, summary.invalid_skipped
                )),
            )?;
            Ok(summary)
        })
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
