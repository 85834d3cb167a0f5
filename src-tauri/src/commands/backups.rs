//! Backups and key rotation: long work on a blocking thread, its progress pushed to the window
//! through the channel it sent with the command.

use std::path::PathBuf;

use acuchart_api as api;
use acuchart_core::api::KeyRotationResult;
use acuchart_core::backup::{BackupInfo, RestoreReport};
use acuchart_core::Result;
use tauri::{Manager, Webview};

use super::blocking;
use super::progress::Reporter;
use crate::state::AppState;

pub async fn create_backup(window: Webview, args: api::create_backup::Args) -> Result<BackupInfo> {
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let mut progress = Reporter::open(&window, &args.on_progress)?;
    blocking(move || clinic.create_backup(&actor, &mut |p| progress.report(p))).await
}

/// Restoring replaces the database under everyone: the session ends and staff sign in again.
pub async fn restore_backup(
    window: Webview,
    args: api::restore_backup::Args,
) -> Result<RestoreReport> {
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let mut progress = Reporter::open(&window, &args.on_progress)?;
    let report = blocking(move || {
        clinic.restore_backup(
            &actor,
            &PathBuf::from(args.path),
            args.recovery_key.as_deref(),
            &mut |p| progress.report(p),
        )
    })
    .await?;
    state.end_session()?;
    Ok(report)
}

pub async fn rotate_key(window: Webview, _: api::rotate_key::Args) -> Result<KeyRotationResult> {
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let handle = window.clone();
    blocking(move || {
        let state = handle.state::<AppState>();
        state
            .vault()?
            .rotate_key(&clinic, &actor)
            .map(KeyRotationResult::from)
    })
    .await
}
