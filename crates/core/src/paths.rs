//! Where the clinic's data lives on this computer.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The app's identifier; also the folder name under the platform's data directory.
pub const APP_IDENTIFIER: &str = "app.acuchart.desktop";
pub const DATA_DIR_ENV: &str = "ACUCHART_DATA_DIR";
pub const DATABASE_FILE: &str = "acuchart.db";

/// `ACUCHART_DATA_DIR` when set (tests give each run a fresh one), else the platform's
/// app-data folder (e.g. `~/.local/share/app.acuchart.desktop` on Linux).
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| {
            Error::Internal(format!("no data folder on this system; set {DATA_DIR_ENV}"))
        })
}

pub fn default_database_path() -> Result<PathBuf> {
    Ok(data_dir()?.join(DATABASE_FILE))
}

pub const EXPORT_DIR_ENV: &str = "ACUCHART_EXPORT_DIR";
/// The export folder inside the data folder, used when there is no Documents folder: the one
/// part of the data folder that files a person asked for may be written to.
pub const DATA_EXPORTS: &str = "exports";

/// Where the app saves the files it exports (the audit log's CSV): `ACUCHART_EXPORT_DIR` when
/// set, else an `AcuChart exports` folder in the user's Documents (or the data folder).
pub fn export_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    match dirs::document_dir() {
        Some(docs) => Ok(docs.join("AcuChart exports")),
        None => Ok(data_dir()?.join(DATA_EXPORTS)),
    }
}
