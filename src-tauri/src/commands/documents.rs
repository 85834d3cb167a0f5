//! Documents: generating the treatment summary, visit note, superbill and day sheet, the
//! patient's list, the PDF for the in-app preview, Save as… and the system viewer.

use std::path::PathBuf;

use acuchart_core::documents::{
    document_file_name, DocumentInfo, DocumentSettings, SummaryRequest, SuperbillRequest,
};
use acuchart_core::ids::{DocumentId, NoteId, PatientId};
use acuchart_core::Error;
use tauri::ipc::Response;
use tauri::{AppHandle, Manager, State};

use super::backups::blocking;
use super::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn generate_treatment_summary(
    state: State<'_, AppState>,
    request: SummaryRequest,
) -> CmdResult<DocumentInfo> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let made = blocking(move || clinic.generate_treatment_summary(&actor, &request)).await?;
    Ok(made.info)
}

#[tauri::command]
pub async fn generate_visit_note_pdf(
    state: State<'_, AppState>,
    note_id: NoteId,
) -> CmdResult<DocumentInfo> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let made = blocking(move || clinic.generate_visit_note_pdf(&actor, note_id)).await?;
    Ok(made.info)
}

#[tauri::command]
pub async fn generate_superbill(
    state: State<'_, AppState>,
    request: SuperbillRequest,
) -> CmdResult<DocumentInfo> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let made = blocking(move || clinic.generate_superbill(&actor, &request)).await?;
    Ok(made.info)
}

#[tauri::command]
pub async fn generate_day_sheet(
    state: State<'_, AppState>,
    date: String,
) -> CmdResult<DocumentInfo> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let made = blocking(move || clinic.generate_day_sheet(&actor, &date)).await?;
    Ok(made.info)
}

#[tauri::command]
pub async fn patient_documents(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CmdResult<Vec<DocumentInfo>> {
    Ok(state
        .open_clinic()?
        .patient_documents(&state.actor()?, patient_id)?)
}

/// The PDF's bytes, as a raw IPC response (an ArrayBuffer in the webview, not a JSON array).
#[tauri::command]
pub async fn document_pdf(
    state: State<'_, AppState>,
    document_id: DocumentId,
) -> CmdResult<Response> {
    let (_, pdf) = state
        .open_clinic()?
        .document_pdf(&state.actor()?, document_id)?;
    Ok(Response::new(pdf))
}

/// Save as…: `path` is what the native save dialog returned.
#[tauri::command]
pub async fn save_document_pdf(
    state: State<'_, AppState>,
    document_id: DocumentId,
    path: String,
) -> CmdResult<DocumentInfo> {
    Ok(state.open_clinic()?.save_document_pdf(
        &state.actor()?,
        document_id,
        &PathBuf::from(path),
    )?)
}

/// Opens the document in the system's PDF viewer (to read or print it there). The copy goes
/// to the app's own cache folder; earlier copies there are removed first, so patient PDFs do
/// not pile up.
#[tauri::command]
pub async fn open_document(
    app: AppHandle,
    state: State<'_, AppState>,
    document_id: DocumentId,
) -> CmdResult<DocumentInfo> {
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(|e| Error::Internal(format!("no cache folder: {e}")))?
        .join("documents");
    std::fs::create_dir_all(&dir).map_err(Error::from)?;
    if let Ok(old) = std::fs::read_dir(&dir) {
        for entry in old.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let clinic = state.open_clinic()?;
    let actor = state.actor()?;
    let listed = clinic.save_document_pdf(&actor, document_id, &dir.join("document.pdf"))?;
    let path = dir.join(document_file_name(&listed));
    std::fs::rename(dir.join("document.pdf"), &path).map_err(Error::from)?;
    tauri_plugin_opener::open_path(&path, None::<&str>).map_err(|e| {
        Error::invalid(
            "viewer",
            format!(
                "No PDF viewer could be started ({e}). Use Save as… and open the file from there."
            ),
        )
    })?;
    Ok(listed)
}

/// The letterhead, billing identifiers, paper size and currency the documents use.
#[tauri::command]
pub async fn document_settings(state: State<'_, AppState>) -> CmdResult<DocumentSettings> {
    Ok(state.open_clinic()?.document_settings(&state.actor()?)?)
}

#[tauri::command]
pub async fn update_document_settings(
    state: State<'_, AppState>,
    settings: DocumentSettings,
) -> CmdResult<DocumentSettings> {
    Ok(state
        .open_clinic()?
        .update_document_settings(&state.actor()?, &settings)?)
}
