//! Where and how often backups are made. Kept in a small JSON file beside the database, not
//! inside it: the settings must be readable before the database is migrated (the
//! pre-migration snapshot goes to the configured folder), and they tell a person where the
//! backups are even when the database itself is lost. They hold no patient data.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::with_suffix;
use crate::error::{Error, FieldError, Result};

pub const DEFAULT_FOLDER: &str = "backups";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct BackupSettings {
    /// Automatic backups on the schedule below.
    pub enabled: bool,
    /// An absolute folder (e.g. an external drive); `None` is `backups/` beside the database.
    pub folder: Option<String>,
    /// How often an automatic backup is made, in hours (1–168; default daily).
    pub interval_hours: u32,
    /// Automatic backups kept: the newest of each of this many days (1–365)…
    pub keep_daily: u32,
    /// …and the newest of each of this many weeks before those (0–520).
    pub keep_weekly: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        Self {
            enabled: true,
            folder: None,
            interval_hours: 24,
            keep_daily: 7,
            keep_weekly: 4,
        }
    }
}

pub(crate) fn settings_path(db_path: &Path) -> PathBuf {
    with_suffix(db_path, ".backup-settings.json")
}

/// The stored settings, or the defaults when none were saved. A damaged file is an error
/// naming it, never silently replaced by defaults.
pub(crate) fn load_settings(db_path: &Path) -> Result<BackupSettings> {
    let path = settings_path(db_path);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Error::Internal(format!(
                "the backup settings in {} cannot be read ({e}); fix or delete that file",
                path.display()
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BackupSettings::default()),
        Err(e) => Err(e.into()),
    }
}

/// Writes the settings through a temporary file and a rename, so a crash leaves the old or
/// the new settings, never half of them.
pub(crate) fn save_settings(db_path: &Path, settings: &BackupSettings) -> Result<()> {
    let path = settings_path(db_path);
    let temp = with_suffix(&path, ".tmp");
    let text = serde_json::to_vec_pretty(settings).map_err(|e| Error::Internal(e.to_string()))?;
    std::fs::write(&temp, text)?;
    std::fs::File::open(&temp)?.sync_all()?;
    std::fs::rename(&temp, &path)?;
    Ok(())
}

pub(crate) fn effective_folder(db_path: &Path, settings: &BackupSettings) -> PathBuf {
    match settings.folder.as_deref().map(str::trim) {
        Some(folder) if !folder.is_empty() => PathBuf::from(folder),
        _ => db_path
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join(DEFAULT_FOLDER),
    }
}

/// Checks new settings; the folder must be absolute and writable (it is created if missing).
pub(crate) fn validate(settings: &BackupSettings) -> Result<BackupSettings> {
    let mut errors = Vec::new();
    let folder = settings
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_owned);
    if let Some(f) = &folder {
        let path = Path::new(f);
        if !path.is_absolute() {
            errors.push(FieldError::new(
                "folder",
                "Give the full path of the backup folder, e.g. /media/clinic-backup/acuchart.",
            ));
        } else if let Err(problem) = probe_writable(path) {
            errors.push(FieldError::new(
                "folder",
                format!("Backups cannot be written to {f}: {problem}. Check that the drive is connected."),
            ));
        }
    }
    if !(1..=168).contains(&settings.interval_hours) {
        errors.push(FieldError::new(
            "interval_hours",
            "Back up every 1 to 168 hours (168 is once a week).",
        ));
    }
    if !(1..=365).contains(&settings.keep_daily) {
        errors.push(FieldError::new(
            "keep_daily",
            "Keep between 1 and 365 daily backups.",
        ));
    }
    if settings.keep_weekly > 520 {
        errors.push(FieldError::new(
            "keep_weekly",
            "Keep between 0 and 520 weekly backups.",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(BackupSettings {
        folder,
        ..settings.clone()
    })
}

fn probe_writable(folder: &Path) -> std::result::Result<(), String> {
    std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    let probe = folder.join(".acuchart-write-test");
    std::fs::write(&probe, b"ok").map_err(|e| e.to_string())?;
    std::fs::remove_file(&probe).map_err(|e| e.to_string())
}
