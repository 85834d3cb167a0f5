//! The demo clinic, for trying AcuChart out: generated on a blocking thread, its progress
//! kept in the app state for the UI to poll.

use acuchart_core::demo::{DemoClinic, DemoProgress};
use tauri::{AppHandle, Manager, State};

use super::backups::blocking;
use super::CmdResult;
use crate::state::AppState;

/// Scale 1: about 6,000 patients, two practitioners and twenty years of visits.
const SCALE: u32 = 1;
const SEED: u64 = 2026;

#[tauri::command]
pub async fn load_demo_clinic(app: AppHandle, state: State<'_, AppState>) -> CmdResult<DemoClinic> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    state.set_demo_progress(None)?;
    let handle = app.clone();
    let made = blocking(move || {
        clinic.generate_demo_clinic(&actor, SCALE, SEED, |stage, done, total| {
            let progress = DemoProgress { stage, done, total };
            let _ = handle.state::<AppState>().set_demo_progress(Some(progress));
        })
    })
    .await;
    state.set_demo_progress(None)?;
    Ok(made?)
}

#[tauri::command]
pub async fn demo_progress(state: State<'_, AppState>) -> CmdResult<Option<DemoProgress>> {
    // Signed-in staff only; the progress is a stage and counts, nothing about patients.
    state.actor()?;
    Ok(state.demo_progress()?)
}
