//! Backups and restore (admins), and the key change. Long work runs on a blocking thread and
//! reports its progress into the app state, which the UI polls (`backup_progress`).

use std::path::PathBuf;

use acuchart_core::api::KeyRotationResult;
use acuchart_core::backup::{
    BackupCheck, BackupInfo, BackupOverview, BackupProgress, BackupSettings, RestoreReport,
};
use acuchart_core::{Error, Result};
use tauri::{AppHandle, Manager, State};

use super::CmdResult;
use crate::state::AppState;

/// Runs `work` off the async runtime's threads, so other commands (the progress poll among
/// them) are answered meanwhile.
pub(super) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(format!("background work stopped: {e}")))?
}

fn report_progress(app: &AppHandle) -> impl FnMut(BackupProgress) + '_ {
    move |p| {
        let _ = app.state::<AppState>().set_progress(Some(p));
    }
}

#[tauri::command]
pub async fn backup_overview(state: State<'_, AppState>) -> CmdResult<BackupOverview> {
    Ok(state.open_clinic()?.backup_overview(&state.actor()?)?)
}

#[tauri::command]
pub async fn backup_progress(state: State<'_, AppState>) -> CmdResult<Option<BackupProgress>> {
    // Signed-in staff only; the progress itself is a phase and counts, nothing about patients.
    state.actor()?;
    Ok(state.progress()?)
}

#[tauri::command]
pub async fn create_backup(app: AppHandle, state: State<'_, AppState>) -> CmdResult<BackupInfo> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    state.set_progress(None)?;
    let handle = app.clone();
    let made = blocking(move || clinic.create_backup(&actor, &mut report_progress(&handle))).await;
    state.set_progress(None)?;
    Ok(made?)
}

#[tauri::command]
pub async fn verify_backup(
    state: State<'_, AppState>,
    path: String,
    recovery_key: Option<String>,
) -> CmdResult<BackupCheck> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    Ok(blocking(move || {
        clinic.verify_backup(&actor, &PathBuf::from(path), recovery_key.as_deref())
    })
    .await?)
}

/// Restores, then signs the user out: the staff list and passwords are now the backup's.
#[tauri::command]
pub async fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
    recovery_key: Option<String>,
) -> CmdResult<RestoreReport> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    state.set_progress(None)?;
    let handle = app.clone();
    let restored = blocking(move || {
        clinic.restore_backup(
            &actor,
            &PathBuf::from(path),
            recovery_key.as_deref(),
            &mut report_progress(&handle),
        )
    })
    .await;
    state.set_progress(None)?;
    let report = restored?;
    state.end_session()?;
    Ok(report)
}

#[tauri::command]
pub async fn update_backup_settings(
    state: State<'_, AppState>,
    settings: BackupSettings,
) -> CmdResult<BackupOverview> {
    Ok(state
        .open_clinic()?
        .update_backup_settings(&state.actor()?, &settings)?)
}

#[tauri::command]
pub async fn rotate_key(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<KeyRotationResult> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let handle = app.clone();
    let rotated = blocking(move || {
        let state = handle.state::<AppState>();
        state
            .vault()?
            .rotate_key(&clinic, &actor)
            .map(KeyRotationResult::from)
    })
    .await?;
    Ok(rotated)
}
