//! Condition handouts and the letterhead's logo. The logo file is picked with the native
//! dialog here, in Rust, and read here: the webview never names a path to read.

use std::path::PathBuf;

use acuchart_core::documents::{Handout, HandoutInput, LogoInfo};
use acuchart_core::Error;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use super::backups::blocking;
use super::CmdResult;
use crate::state::AppState;

/// End-to-end tests cannot drive the native GTK file dialog through WebDriver: in debug
/// builds, when this is set, "Choose logo…" takes this path instead of opening the dialog.
const TEST_PICK_ENV: &str = "ACUCHART_TEST_PICK_LOGO";

#[tauri::command]
pub async fn list_handouts(
    state: State<'_, AppState>,
    include_archived: bool,
) -> CmdResult<Vec<Handout>> {
    Ok(state
        .open_clinic()?
        .list_handouts(&state.actor()?, include_archived)?)
}

#[tauri::command]
pub async fn save_handout(state: State<'_, AppState>, handout: HandoutInput) -> CmdResult<Handout> {
    Ok(state
        .open_clinic()?
        .save_handout(&state.actor()?, &handout)?)
}

#[tauri::command]
pub async fn clinic_logo(state: State<'_, AppState>) -> CmdResult<Option<LogoInfo>> {
    Ok(state.open_clinic()?.clinic_logo(&state.actor()?)?)
}

/// Opens the native file dialog and stores the chosen image as the logo. Returns the new
/// logo, or nothing when the dialog was cancelled.
#[tauri::command]
pub async fn choose_clinic_logo(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<LogoInfo>> {
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let test_pick = std::env::var_os(TEST_PICK_ENV).filter(|_| cfg!(debug_assertions));
    let picked: Option<PathBuf> = match test_pick {
        Some(path) => Some(PathBuf::from(path)),
        None => {
            blocking(move || {
                let picked = app
                    .dialog()
                    .file()
                    .set_title("Choose the clinic's logo")
                    .add_filter("PNG or JPEG images", &["png", "jpg", "jpeg"])
                    .blocking_pick_file();
                match picked {
                    None => Ok(None),
                    Some(file) => file.into_path().map(Some).map_err(|e| {
                        Error::invalid("logo", format!("That file cannot be opened here: {e}"))
                    }),
                }
            })
            .await?
        }
    };
    let Some(path) = picked else {
        return Ok(None);
    };
    let logo = blocking(move || {
        let bytes = std::fs::read(&path).map_err(|e| {
            Error::invalid(
                "logo",
                format!(
                    "{} could not be read ({e}). Choose the file again.",
                    path.display()
                ),
            )
        })?;
        clinic.set_clinic_logo(&actor, &bytes)
    })
    .await?;
    Ok(Some(logo))
}

#[tauri::command]
pub async fn remove_clinic_logo(state: State<'_, AppState>) -> CmdResult<()> {
    Ok(state.open_clinic()?.remove_clinic_logo(&state.actor()?)?)
}
