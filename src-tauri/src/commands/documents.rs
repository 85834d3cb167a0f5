//! Documents that need this computer: a PDF opened in the system viewer, and the clinic logo
//! picked with the native dialog and read here (the webview never names a path to read).

use acuchart_api as api;
use acuchart_core::documents::{document_file_name, DocumentInfo, LogoInfo};
use acuchart_core::files::input::read_limited;
use acuchart_core::files::viewer::ViewerCopies;
use acuchart_core::{Error, Result};
use tauri::{Manager, Webview};

use super::blocking;
use super::pick::{pick_file, FilePick};
use crate::state::AppState;

const LOGO: FilePick = FilePick {
    title: "Choose the clinic's logo",
    kinds: "PNG or JPEG images",
    extensions: &["png", "jpg", "jpeg"],
    field: "logo",
    test_env: "ACUCHART_TEST_PICK_LOGO",
};
/// A logo larger than this is not a logo.
const MAX_LOGO_BYTES: u64 = 20 * 1024 * 1024;

/// Opens the document in the system's PDF viewer (to read or print it there). The copy goes
/// to a private folder in the app's cache (see [`viewer_copies`]); earlier copies there are
/// removed first, so patient PDFs do not pile up.
pub async fn open_document(
    window: Webview,
    args: api::open_document::Args,
) -> Result<DocumentInfo> {
    let copies = viewer_copies(window.app_handle())?;
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let path = blocking(move || {
        let (listed, pdf) = clinic.document_pdf(&actor, args.document_id)?;
        let path = copies.write(&document_file_name(&listed), &pdf)?;
        Ok((listed, path))
    })
    .await?;
    let (listed, path) = path;
    if let Err(e) = tauri_plugin_opener::open_path(&path, None::<&str>) {
        tracing::warn!("the PDF viewer could not be started: {e}");
        // Nobody will read this copy: it goes at once rather than at exit.
        if let Err(e) = std::fs::remove_file(&path) {
            tracing::warn!("the unopened copy could not be removed: {e}");
        }
        return Err(Error::invalid(
            "viewer",
            "No PDF viewer could be started on this computer. Use Save as… to keep the file, \
             then open it from there.",
        ));
    }
    Ok(listed)
}

/// Where documents opened in the system viewer are copied: `documents` in the app's cache
/// folder. The shell clears it at start and at exit.
pub fn viewer_copies<R: tauri::Runtime>(app: &tauri::AppHandle<R>) -> Result<ViewerCopies> {
    let dir = app
        .path()
        .app_cache_dir()
        .map_err(|e| Error::Internal(format!("no cache folder: {e}")))?
        .join("documents");
    Ok(ViewerCopies::new(dir))
}

/// Opens the native file dialog and stores the chosen image as the logo. Returns the new
/// logo, or nothing when the dialog was cancelled.
pub async fn choose_clinic_logo(
    window: Webview,
    _: api::choose_clinic_logo::Args,
) -> Result<Option<LogoInfo>> {
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let Some(path) = pick_file(&window, LOGO).await? else {
        return Ok(None);
    };
    let logo = blocking(move || {
        let bytes = read_limited(&path, "logo", MAX_LOGO_BYTES)?;
        clinic.set_clinic_logo(&actor, &bytes)
    })
    .await?;
    Ok(Some(logo))
}
