//! The native file dialog, for the files a person hands to the app (a CSV to import, the
//! clinic's logo). The file is picked here, in Rust, and read here: the webview never names a
//! path to read, so it needs no dialog or file-system permission of its own.

use std::path::PathBuf;

use acuchart_core::{Error, Result};
use tauri::Webview;
use tauri_plugin_dialog::DialogExt;

use super::blocking;

/// What the dialog asks for.
pub(crate) struct FilePick {
    pub title: &'static str,
    /// The filter's name and the file extensions it offers.
    pub kinds: &'static str,
    pub extensions: &'static [&'static str],
    /// The field an unusable choice is reported on.
    pub field: &'static str,
    /// End-to-end tests cannot drive the native GTK file dialog through WebDriver: in debug
    /// builds, when this variable is set, its path is taken instead of opening the dialog.
    pub test_env: &'static str,
}

/// Opens the native file dialog (off the async runtime: it blocks until the person chooses).
/// The chosen file, or nothing when the dialog was cancelled.
pub(crate) async fn pick_file(window: &Webview, pick: FilePick) -> Result<Option<PathBuf>> {
    // Debug builds only: a release build always asks the person through the native dialog.
    if let Some(path) = std::env::var_os(pick.test_env).filter(|_| cfg!(debug_assertions)) {
        return Ok(Some(PathBuf::from(path)));
    }
    let handle = window.clone();
    blocking(move || {
        let picked = handle
            .dialog()
            .file()
            .set_title(pick.title)
            .add_filter(pick.kinds, pick.extensions)
            .blocking_pick_file();
        match picked {
            None => Ok(None),
            Some(file) => file.into_path().map(Some).map_err(|e| {
                Error::invalid(pick.field, format!("That file cannot be opened here: {e}"))
            }),
        }
    })
    .await
}
