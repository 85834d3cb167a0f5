//! Clinic settings that admins change in the app.

use acuchart_core::settings::{ClinicSettings, SecuritySettings};
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn update_security_settings(
    state: State<'_, AppState>,
    input: SecuritySettings,
) -> CmdResult<ClinicSettings> {
    Ok(state
        .open_clinic()?
        .update_security_settings(&state.actor()?, &input)?)
}
