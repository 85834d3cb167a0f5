//! First run, unlocking and signing in: the app keeps the unlocked clinic and who is signed in.

use acuchart_api as api;
use acuchart_core::api::{AppStatus, Session, SetupResult};
use acuchart_core::settings::system_time_zone;
use acuchart_core::vault::VaultState;
use acuchart_core::{ApiError, Result};
use tauri::{Manager, Webview};

use super::blocking;
use crate::state::AppState;

/// Where the app stands at start: set up or not, locked or not. Opening an unlocked clinic
/// happens here, once.
pub async fn app_status(window: Webview, _: api::app_status::Args) -> Result<AppStatus> {
    let state = window.state::<AppState>();
    let vault = state.vault()?;
    let opened = (|| -> Result<(VaultState, Option<String>)> {
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

/// Creating the database, hashing passwords and deriving keys are blocking work: each of these
/// runs on a blocking thread with the app's state.
async fn with_state<T: Send + 'static>(
    window: Webview,
    work: impl FnOnce(&AppState) -> Result<T> + Send + 'static,
) -> Result<T> {
    blocking(move || work(&window.state::<AppState>())).await
}

pub async fn complete_setup(
    window: Webview,
    args: api::complete_setup::Args,
) -> Result<SetupResult> {
    with_state(window, move |state| {
        let (clinic, recovery) = state.vault()?.set_up(&args.input)?;
        state.set_clinic(clinic)?;
        Ok(SetupResult {
            recovery_key: recovery.as_str().to_owned(),
        })
    })
    .await
}

pub async fn unlock_with_recovery_key(
    window: Webview,
    args: api::unlock_with_recovery_key::Args,
) -> Result<()> {
    with_state(window, move |state| {
        let clinic = state.vault()?.open_with_recovery_key(&args.recovery_key)?;
        state.set_clinic(clinic)?;
        Ok(())
    })
    .await
}

pub async fn login(window: Webview, args: api::login::Args) -> Result<Session> {
    with_state(window, move |state| {
        let clinic = state.open_clinic()?;
        let user = clinic.login(&args.username, &args.password)?;
        let settings = clinic.settings(&user)?;
        state.start_session(user.clone())?;
        Ok(Session {
            permissions: user.permissions(),
            user,
            clinic: settings,
        })
    })
    .await
}

pub async fn logout(window: Webview, _: api::logout::Args) -> Result<()> {
    let state = window.state::<AppState>();
    state.end_session()
}

pub async fn lock_session(window: Webview, args: api::lock_session::Args) -> Result<()> {
    let state = window.state::<AppState>();
    state.lock_session(args.reason)
}

pub async fn unlock_session(window: Webview, args: api::unlock_session::Args) -> Result<()> {
    with_state(window, move |state| {
        state.unlock_session(&args.password).map(|_| ())
    })
    .await
}
