//! Encrypted backups: the SQLite online backup API copies a consistent snapshot of the live
//! database, page by page, into a new file encrypted with the database key (so the one
//! recovery key restores any backup, on this computer or a new one). Automatic backups run on
//! a schedule and are pruned to 7 daily + 4 weekly; a snapshot is taken before every
//! migration and before every restore.

mod copy;
mod restore;
mod retention;
mod service;
pub(crate) mod settings;

pub use copy::check_backup_file;
pub(crate) use copy::{
    backup_file_shape, not_opened, reencrypt_file, remove_with_sidecars, snapshot_connection,
    CLINIC_KEY, TYPED_KEY,
};
pub(crate) use restore::prepare_staging;
pub use retention::to_prune;
pub use settings::BackupSettings;
pub(crate) use settings::{effective_folder, load_settings};

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::Result;

pub const EXTENSION: &str = "acuchart-backup";
const PREFIX: &str = "acuchart-";
const STAMP: &str = "%Y%m%dT%H%M%S%3fZ";

/// Why a backup was made; decides how long it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// On the schedule; pruned to the newest per day and per week.
    Automatic,
    /// Asked for by an admin; never pruned by the app.
    Manual,
    /// Taken by the app just before it upgraded the database's schema.
    PreMigration,
    /// The database as it was just before a backup was restored over it.
    PreRestore,
}

impl BackupKind {
    const ALL: [BackupKind; 4] = [
        BackupKind::Automatic,
        BackupKind::Manual,
        BackupKind::PreMigration,
        BackupKind::PreRestore,
    ];

    fn tag(self) -> &'static str {
        match self {
            BackupKind::Automatic => "auto",
            BackupKind::Manual => "manual",
            BackupKind::PreMigration => "pre-migration",
            BackupKind::PreRestore => "pre-restore",
        }
    }
}

/// One backup file in the backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupInfo {
    pub file_name: String,
    pub path: String,
    pub kind: BackupKind,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub size_bytes: u64,
}

/// What a backup file holds, after its key, integrity and schema version were checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupCheck {
    pub file_name: String,
    pub schema_version: i64,
    /// The schema this version of AcuChart writes; an older backup is migrated on restore.
    pub latest_schema_version: i64,
    pub clinic_name: String,
    pub patients: i64,
}

/// The Backups screen: settings, the folder in use, and the backups found there.
#[derive(Debug, Clone, Serialize, TS)]
pub struct BackupOverview {
    pub settings: BackupSettings,
    /// The folder backups go to (the configured one, or `backups/` beside the database).
    pub folder: String,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
    #[ts(type = "string | null")]
    pub next_automatic_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupPhase {
    /// Copying the live database into the backup file.
    Copying,
    /// Copying the chosen backup aside and checking its key, integrity and schema.
    Checking,
    /// Bringing an older backup's schema up to date (on the copy).
    Migrating,
    /// Keeping the current database as a backup before it is replaced.
    SavingCurrent,
    /// Writing the backup's pages into the live database (one transaction).
    Restoring,
}

/// Progress of a long backup or restore, for a progress bar: `done` of `total` pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct BackupProgress {
    pub phase: BackupPhase,
    pub done: u32,
    pub total: u32,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RestoreReport {
    pub restored: BackupCheck,
    /// The database as it was before, kept as a backup (none on a new computer).
    pub previous_database: Option<BackupInfo>,
    pub schema_version_now: i64,
}

pub fn file_name(at: DateTime<Utc>, kind: BackupKind) -> String {
    format!("{PREFIX}{}-{}.{EXTENSION}", at.format(STAMP), kind.tag())
}

/// Reads a backup's time and kind from its file name; `None` for any other file.
pub fn parse_file_name(name: &str) -> Option<(DateTime<Utc>, BackupKind)> {
    let stem = name
        .strip_prefix(PREFIX)?
        .strip_suffix(&format!(".{EXTENSION}"))?;
    let (stamp, tag) = stem.split_once('-')?;
    let kind = BackupKind::ALL.into_iter().find(|k| k.tag() == tag)?;
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
    Some((at, kind))
}

/// The backups in `folder`, newest first. A missing folder has none.
pub fn list_folder(folder: &Path) -> Result<Vec<BackupInfo>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((created_at, kind)) = parse_file_name(&name) else {
            continue;
        };
        let meta = entry.metadata()?;
        if !meta.is_file() {
            continue;
        }
        found.push(BackupInfo {
            file_name: name,
            path: entry.path().display().to_string(),
            kind,
            created_at,
            size_bytes: meta.len(),
        });
    }
    found.sort_by_key(|b| std::cmp::Reverse(b.created_at));
    Ok(found)
}

pub(crate) fn info_for(path: &Path) -> Result<BackupInfo> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (created_at, kind) = parse_file_name(&name)
        .ok_or_else(|| crate::Error::Internal(format!("{name} is not a backup file name")))?;
    Ok(BackupInfo {
        path: path.display().to_string(),
        file_name: name,
        kind,
        created_at,
        size_bytes: std::fs::metadata(path)?.len(),
    })
}

pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_round_trip_and_other_files_are_ignored() {
        let at = DateTime::parse_from_rfc3339("2026-05-04T03:00:07.123Z")
            .map(|d| d.with_timezone(&Utc))
            .ok();
        let Some(at) = at else {
            panic!("test timestamp")
        };
        for kind in BackupKind::ALL {
            let name = file_name(at, kind);
            assert_eq!(parse_file_name(&name), Some((at, kind)), "{name}");
        }
        assert_eq!(
            file_name(at, BackupKind::Automatic),
            "acuchart-20260504T030007123Z-auto.acuchart-backup"
        );
        for other in [
            "acuchart.db",
            "acuchart-20260504T030007123Z-auto.acuchart-backup.partial",
            "acuchart-2026-auto.acuchart-backup",
            "acuchart-20260504T030007123Z-weird.acuchart-backup",
        ] {
            assert_eq!(parse_file_name(other), None, "{other}");
        }
    }
}
