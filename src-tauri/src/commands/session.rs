//! Before and around sign-in: where the app stands, first-run setup, recovery, sign-in.

use acuchart_core::api::{AppStatus, Session, SetupResult};
use acuchart_core::session::LockReason;
use acuchart_core::settings::{self, system_time_zone};
use acuchart_core::vault::{SetupInput, VaultState};
use acuchart_core::ApiError;
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

/// Where the app stands before sign-in. A database that cannot be opened is reported inside
/// the status (with its path, for support), not as a failed call.
#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> CmdResult<AppStatus> {
    let vault = state.vault()?;
    let opened = (|| -> acuchart_core::Result<(VaultState, Option<String>)> {
        let mut clinic = state.clinic()?;
        let vault_state = if clinic.is_some() {
            VaultState::Ready
        } else {
            vault.state()?
        };
        if vault_state == VaultState::Ready && clinic.is_none() {
            clinic = Some(state.set_clinic(vault.open()?)?);
        }
        Ok((vault_state, clinic.map(|c| c.display_name()).transpose()?))
    })();
    let (vault_state, clinic_name, error) = match opened {
        Ok((s, name)) => (s, name, None),
        Err(e) => (VaultState::Unavailable, None, Some(ApiError::from(e))),
    };
    Ok(AppStatus {
        state: vault_state,
        clinic_name,
        default_time_zone: system_time_zone(),
        database_path: vault.db_path().display().to_string(),
        error,
    })
}

#[tauri::command]
pub async fn complete_setup(
    state: State<'_, AppState>,
    input: SetupInput,
) -> CmdResult<SetupResult> {
    let (clinic, recovery) = state.vault()?.set_up(&input)?;
    state.set_clinic(clinic)?;
    Ok(SetupResult {
        recovery_key: recovery.as_str().to_owned(),
    })
}

#[tauri::command]
pub async fn unlock_with_recovery_key(
    state: State<'_, AppState>,
    recovery_key: String,
) -> CmdResult<()> {
    let clinic = state.vault()?.open_with_recovery_key(&recovery_key)?;
    state.set_clinic(clinic)?;
    Ok(())
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    username: String,
    password: String,
) -> CmdResult<Session> {
    let clinic = state.open_clinic()?;
    let user = clinic.login(&username, &password)?;
    let settings = clinic.settings(&user)?;
    state.start_session(user.clone())?;
    Ok(Session {
        permissions: user.permissions(),
        user,
        clinic: settings,
    })
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> CmdResult<()> {
    state.end_session()?;
    Ok(())
}

/// The window locks (idle, or "Lock now"); every other command then answers `session_locked`.
#[tauri::command]
pub async fn lock_session(state: State<'_, AppState>, reason: LockReason) -> CmdResult<()> {
    Ok(state.lock_session(reason)?)
}

#[tauri::command]
pub async fn unlock_session(state: State<'_, AppState>, password: String) -> CmdResult<()> {
    state.unlock_session(&password)?;
    Ok(())
}

/// The window reports keyboard or mouse activity (at most every few seconds) so the backend's
/// own idle lock does not engage while someone is typing.
#[tauri::command]
pub async fn touch_session(state: State<'_, AppState>) -> CmdResult<()> {
    state.actor()?;
    Ok(())
}

#[tauri::command]
pub async fn change_own_password(
    state: State<'_, AppState>,
    current: String,
    new: String,
) -> CmdResult<()> {
    Ok(state
        .open_clinic()?
        .change_own_password(&state.actor()?, &current, &new)?)
}

#[tauri::command]
pub async fn time_zones() -> CmdResult<Vec<String>> {
    Ok(settings::time_zone_names()
        .into_iter()
        .map(str::to_owned)
        .collect())
}
