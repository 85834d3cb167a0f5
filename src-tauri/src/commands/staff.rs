//! Staff accounts (admins).

use acuchart_core::users::{NewUser, UserSummary};
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> CmdResult<Vec<UserSummary>> {
    Ok(state.open_clinic()?.list_users(&state.actor()?)?)
}

#[tauri::command]
pub async fn create_user(state: State<'_, AppState>, input: NewUser) -> CmdResult<UserSummary> {
    Ok(state.open_clinic()?.create_user(&state.actor()?, input)?)
}
