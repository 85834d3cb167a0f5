//! Data in and out (admins): the CSV import wizard's file, dry run and import, and the CSV and
//! FHIR exports. The file to import is picked with the native dialog here, in Rust, and kept in
//! the app state: the webview never names a path to read, so it needs no dialog or file-system
//! permission of its own. Long work runs on a blocking thread and reports its progress into
//! the app state, which the UI polls (`data_progress`).

use std::path::{Path, PathBuf};

use acuchart_core::export::ExportSummary;
use acuchart_core::import::{
    DataProgress, ImportKind, ImportOptions, ImportPreview, ImportSummary,
};
use acuchart_core::{Error, Result};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

use super::backups::blocking;
use super::CmdResult;
use crate::state::AppState;

/// End-to-end tests cannot drive the native GTK file dialog through WebDriver: when this is
/// set, "Choose file…" takes this path instead of opening the dialog.
const TEST_PICK_ENV: &str = "ACUCHART_TEST_PICK_FILE";

fn report_progress(app: &AppHandle) -> impl FnMut(DataProgress) + '_ {
    move |p| {
        let _ = app.state::<AppState>().set_data_progress(Some(p));
    }
}

fn read_chosen(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| {
        Error::invalid(
            "file",
            format!(
                "{} could not be read ({e}). Choose the file again.",
                path.display()
            ),
        )
    })
}

fn chosen_file(state: &AppState) -> Result<PathBuf> {
    state
        .import_file()?
        .ok_or_else(|| Error::invalid("file", "Choose a CSV file to import first."))
}

/// Opens the native file dialog and keeps the chosen file for the dry run and the import.
/// Returns its name, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn choose_import_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<String>> {
    state.actor()?;
    // Debug builds only: a release build always asks the person through the native dialog.
    let test_pick = std::env::var_os(TEST_PICK_ENV).filter(|_| cfg!(debug_assertions));
    let picked = match test_pick {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            let handle = app.clone();
            blocking(move || {
                let picked = handle
                    .dialog()
                    .file()
                    .set_title("Choose a CSV file to import")
                    .add_filter("CSV and text files", &["csv", "txt", "tsv"])
                    .blocking_pick_file();
                match picked {
                    None => Ok(None),
                    Some(file) => file.into_path().map(Some).map_err(|e| {
                        Error::invalid("file", format!("That file cannot be opened here: {e}"))
                    }),
                }
            })
            .await?
        }
    };
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
#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    kind: ImportKind,
    options: ImportOptions,
) -> CmdResult<ImportPreview> {
    let (clinic, actor, path) = (state.open_clinic()?, state.actor()?, chosen_file(&state)?);
    Ok(blocking(move || {
        let bytes = read_chosen(&path)?;
        clinic.preview_import(&actor, kind, &bytes, &options)
    })
    .await?)
}

/// Imports the chosen file in one transaction: all of it or nothing.
#[tauri::command]
pub async fn run_import(
    app: AppHandle,
    state: State<'_, AppState>,
    kind: ImportKind,
    options: ImportOptions,
) -> CmdResult<ImportSummary> {
    let (clinic, actor, path) = (state.open_clinic()?, state.actor()?, chosen_file(&state)?);
    state.set_data_progress(None)?;
    let handle = app.clone();
    let done = blocking(move || {
        let bytes = read_chosen(&path)?;
        clinic.run_import(
            &actor,
            kind,
            &bytes,
            &options,
            &mut report_progress(&handle),
        )
    })
    .await;
    state.set_data_progress(None)?;
    Ok(done?)
}

#[tauri::command]
pub async fn data_progress(state: State<'_, AppState>) -> CmdResult<Option<DataProgress>> {
    // Signed-in staff only; the progress is a phase and counts, nothing about patients.
    state.actor()?;
    Ok(state.data_progress()?)
}

/// A name for this export, by the minute: `2026-03-07 1405`.
fn stamp() -> String {
    chrono::Local::now().format("%Y-%m-%d %H%M").to_string()
}

/// Writes the CSV files into a new folder in the export folder.
#[tauri::command]
pub async fn export_clinic_csv(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<ExportSummary> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let dir = acuchart_core::paths::export_dir()?.join(format!("AcuChart CSV {}", stamp()));
    state.set_data_progress(None)?;
    let handle = app.clone();
    let done =
        blocking(move || clinic.export_csv(&actor, &dir, &mut report_progress(&handle))).await;
    state.set_data_progress(None)?;
    Ok(done?)
}

/// Writes the FHIR R4 Bundle of the whole clinic into the export folder.
#[tauri::command]
pub async fn export_clinic_fhir(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<ExportSummary> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let file = acuchart_core::paths::export_dir()?.join(format!("AcuChart FHIR {}.json", stamp()));
    state.set_data_progress(None)?;
    let handle = app.clone();
    let done = blocking(move || {
        if let Some(folder) = file.parent() {
            std::fs::create_dir_all(folder)?;
        }
        clinic.export_fhir(&actor, &file, None, &mut report_progress(&handle))
    })
    .await;
    state.set_data_progress(None)?;
    Ok(done?)
}
