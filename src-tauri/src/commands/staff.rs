//! Staff accounts (admins).

use acuchart_core::auth::Role;
use acuchart_core::ids::UserId;
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

#[tauri::command]
pub async fn set_user_disabled(
    state: State<'_, AppState>,
    id: UserId,
    disabled: bool,
) -> CmdResult<UserSummary> {
    Ok(state
        .open_clinic()?
        .set_user_disabled(&state.actor()?, id, disabled)?)
}

#[tauri::command]
pub async fn reset_user_password(
    state: State<'_, AppState>,
    id: UserId,
    password: String,
) -> CmdResult<()> {
    Ok(state
        .open_clinic()?
        .reset_user_password(&state.actor()?, id, &password)?)
}

#[tauri::command]
pub async fn set_user_roles(
    state: State<'_, AppState>,
    id: UserId,
    roles: Vec<Role>,
) -> CmdResult<UserSummary> {
    Ok(state
        .open_clinic()?
        .set_user_roles(&state.actor()?, id, &roles)?)
}
