//! Everything a clinic needs to leave: CSV files in a folder (patients, practitioners,
//! appointments, signed visit notes with their points and diagnoses) and a FHIR R4 JSON
//! Bundle of the same. Admins only; every export is audited; files appear whole or not at all.
//!
//! AcuChart keeps no documents table (letters and superbills are made on demand from the
//! notes, never stored), so there is no documents list to export; the summary says so.

mod csv_files;
mod fhir;
mod files;
mod rows;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::Result;
use crate::files::Overwrite;
use crate::import::DataProgress;
use files::Staged;

pub use fhir::{ACUPOINT_SYSTEM, BODY_SIDE_EXTENSION};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Fhir,
}

/// What an export wrote. Counts only: no patient data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportSummary {
    pub format: ExportFormat,
    /// The folder (CSV) or file (FHIR) written.
    pub path: String,
    /// The files written, by name.
    pub files: Vec<String>,
    pub patients: u32,
    pub practitioners: u32,
    pub appointments: u32,
    pub visit_notes: u32,
    pub points: u32,
    /// What is not in the export, and why.
    pub notes: Vec<String>,
}

/// Counts rows as they are written and reports every few hundred.
pub(crate) struct ExportProgress<'a> {
    done: usize,
    total: usize,
    report: &'a mut dyn FnMut(DataProgress),
}

impl<'a> ExportProgress<'a> {
    fn new(total: usize, report: &'a mut dyn FnMut(DataProgress)) -> Self {
        report(DataProgress::new("exporting", 0, total));
        Self {
            done: 0,
            total,
            report,
        }
    }

    pub(crate) fn step(&mut self) {
        self.done += 1;
        if self.done % 500 == 0 || self.done == self.total {
            (self.report)(DataProgress::new("exporting", self.done, self.total));
        }
    }
}

const NOT_EXPORTED: [&str; 2] = [
    "Documents: AcuChart stores no documents (letters and superbills are made from the notes when printed), so there is no documents list.",
    "Draft visit notes are not exported: only signed notes are part of the record.",
];

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn summary(
    format: ExportFormat,
    path: &Path,
    files: Vec<String>,
    snap: &rows::Snapshot,
) -> ExportSummary {
    ExportSummary {
        format,
        path: path.display().to_string(),
        files,
        patients: count(snap.patients.len()),
        practitioners: count(snap.practitioners.len()),
        appointments: count(snap.appointments.len()),
        visit_notes: count(snap.notes.len()),
        points: count(snap.point_count()),
        notes: NOT_EXPORTED.iter().map(|s| (*s).to_owned()).collect(),
    }
}

impl Clinic {
    /// Writes the CSV files into `dir` (created if needed): patients.csv (which AcuChart's own
    /// import, and most clinic systems, read back), practitioners.csv, appointments.csv,
    /// visit_notes.csv, visit_points.csv and visit_diagnoses.csv.
    pub fn export_csv(
        &self,
        actor: &Actor,
        dir: &Path,
        overwrite: Overwrite,
        progress: &mut dyn FnMut(DataProgress),
    ) -> Result<ExportSummary> {
        actor.require(Operation::ExportClinicData)?;
        let staged = Staged::new(self.output_folder(dir, &csv_files::FILES, overwrite)?);
        let snap = self.read_snapshot(|db| rows::load(db, None))?;
        let total = snap.patients.len()
            + snap.practitioners.len()
            + snap.appointments.len()
            + snap.notes.len();
        let mut p = ExportProgress::new(total, progress);
        csv_files::write(&snap, staged, &mut p)?;
        let files = csv_files::FILES.iter().map(|f| (*f).to_owned()).collect();
        let done = summary(ExportFormat::Csv, dir, files, &snap);
        self.audit_export(actor, &done)?;
        Ok(done)
    }

    /// Writes a FHIR R4 Bundle (type `collection`) as JSON to `path`. `first_patients` limits
    /// it to the first patients with their appointments and notes (a sample; `None`: all).
    pub fn export_fhir(
        &self,
        actor: &Actor,
        path: &Path,
        first_patients: Option<u32>,
        overwrite: Overwrite,
        progress: &mut dyn FnMut(DataProgress),
    ) -> Result<ExportSummary> {
        actor.require(Operation::ExportClinicData)?;
        let staged = Staged::new(vec![self.output_file(path, overwrite)?]);
        let snap = self.read_snapshot(|db| rows::load(db, first_patients))?;
        let total = snap.patients.len()
            + snap.practitioners.len()
            + snap.appointments.len()
            + snap.notes.len();
        let mut p = ExportProgress::new(total, progress);
        fhir::write(&snap, staged, &mut p)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let done = summary(ExportFormat::Fhir, path, vec![name], &snap);
        self.audit_export(actor, &done)?;
        Ok(done)
    }

    fn audit_export(&self, actor: &Actor, done: &ExportSummary) -> Result<()> {
        let format = match done.format {
            ExportFormat::Csv => "csv",
            ExportFormat::Fhir => "fhir",
        };
        self.write_db(|db| {
            audit::record(
                db,
                Some(actor),
                Action::Export,
                "clinic_data",
                Some(format!(
                    "{format}: {} patients, {} appointments, {} visit notes",
                    done.patients, done.appointments, done.visit_notes
                )),
            )
        })
    }
}
