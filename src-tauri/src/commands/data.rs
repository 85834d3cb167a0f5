//! Data in and out (admins): the CSV import wizard's file, dry run and import, and the CSV and
//! FHIR exports. The file to import is picked with the native dialog here, in Rust, and kept in
//! the app state: the webview never names a path to read, so it needs no dialog or file-system
//! permission of its own. Long work runs on a blocking thread and pushes its progress to the
//! window through the channel it sent with the command.

use std::path::{Path, PathBuf};

use acuchart_core::export::ExportSummary;
use acuchart_core::files::input::{read_limited, MAX_IMPORT_FILE};
use acuchart_core::files::Overwrite;
use acuchart_core::import::{ImportPreview, ImportSummary};
use acuchart_core::{Error, Result};
use tauri::{Manager, Webview};

use acuchart_api as api;

use super::blocking;
use super::pick::{pick_file, FilePick};
use super::progress::Reporter;
use crate::state::AppState;

const IMPORT_FILE: FilePick = FilePick {
    title: "Choose a CSV file to import",
    kinds: "CSV and text files",
    extensions: &["csv", "txt", "tsv"],
    field: "file",
    test_env: "ACUCHART_TEST_PICK_FILE",
};

fn read_chosen(path: &Path) -> Result<Vec<u8>> {
    read_limited(path, "file", MAX_IMPORT_FILE)
}

fn chosen_file(state: &AppState) -> Result<PathBuf> {
    state
        .import_file()?
        .ok_or_else(|| Error::invalid("file", "Choose a CSV file to import first."))
}

/// Opens the native file dialog and keeps the chosen file for the dry run and the import.
/// Returns its name, or nothing when the dialog was cancelled.
pub async fn choose_import_file(
    window: Webview,
    _: api::choose_import_file::Args,
) -> Result<Option<String>> {
    let state = window.state::<AppState>();
    state.actor()?;
    let picked = pick_file(&window, IMPORT_FILE).await?;
    let name = picked.as_ref().map(|p| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| p.display().to_string())
    });
    if picked.is_some() {
        state.set_import_file(picked)?;
    }
    Ok(name)
}

/// The dry run on the chosen file: how it was read, the mapping, every row's problems and
/// duplicates. Nothing is written.
pub async fn preview_import(
    window: Webview,
    args: api::preview_import::Args,
) -> Result<ImportPreview> {
    let state = window.state::<AppState>();
    let api::preview_import::Args { kind, options } = args;
    let (clinic, actor, path) = (state.open_clinic()?, state.actor()?, chosen_file(&state)?);
    blocking(move || {
        let bytes = read_chosen(&path)?;
        clinic.preview_import(&actor, kind, &bytes, &options)
    })
    .await
}

/// Imports the chosen file in one transaction: all of it or nothing.
pub async fn run_import(window: Webview, args: api::run_import::Args) -> Result<ImportSummary> {
    let state = window.state::<AppState>();
    let api::run_import::Args {
        kind,
        options,
        on_progress,
    } = args;
    let (clinic, actor, path) = (state.open_clinic()?, state.actor()?, chosen_file(&state)?);
    let mut progress = Reporter::open(&window, &on_progress)?;
    blocking(move || {
        let bytes = read_chosen(&path)?;
        clinic.run_import(&actor, kind, &bytes, &options, &mut |p| progress.report(p))
    })
    .await
}

/// A name for this export, by the minute: `2026-03-07 1405`.
fn stamp() -> String {
    chrono::Local::now().format("%Y-%m-%d %H%M").to_string()
}

/// Writes the CSV files into a new folder in the export folder.
pub async fn export_clinic_csv(
    window: Webview,
    args: api::export_clinic_csv::Args,
) -> Result<ExportSummary> {
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let exports = acuchart_core::paths::export_dir()?;
    std::fs::create_dir_all(&exports)?;
    let dir = exports.join(format!("AcuChart CSV {}", stamp()));
    let mut progress = Reporter::open(&window, &args.on_progress)?;
    blocking(move || {
        clinic.export_csv(&actor, &dir, Overwrite::Refuse, &mut |p| progress.report(p))
    })
    .await
}

/// Writes the FHIR R4 Bundle of the whole clinic into the export folder.
pub async fn export_clinic_fhir(
    window: Webview,
    args: api::export_clinic_fhir::Args,
) -> Result<ExportSummary> {
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let file = acuchart_core::paths::export_dir()?.join(format!("AcuChart FHIR {}.json", stamp()));
    let mut progress = Reporter::open(&window, &args.on_progress)?;
    blocking(move || {
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)?;
        }
        clinic.export_fhir(&actor, &file, None, Overwrite::Refuse, &mut |p| {
            progress.report(p)
        })
    })
    .await
}
