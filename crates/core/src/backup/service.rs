//! The backup services of an open clinic: overview, manual and scheduled backups, checks and
//! settings. Restore is in `restore.rs`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, Utc};

use super::settings::{save_settings, validate};
use super::{
    backup_file_shape, check_backup_file, effective_folder, list_folder, load_settings, not_opened,
    snapshot_connection, to_prune, BackupCheck, BackupInfo, BackupKind, BackupOverview,
    BackupProgress, BackupSettings, CLINIC_KEY, TYPED_KEY,
};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{self, OpenMode};
use crate::error::{Error, Result};
use crate::keys::RecoveryKey;
use crate::settings;

/// Safety snapshots (before a migration or a restore) kept of each kind.
const SAFETY_SNAPSHOTS_KEPT: usize = 5;

impl Clinic {
    pub fn backup_overview(&self, actor: &Actor) -> Result<BackupOverview> {
        actor.require(Operation::ManageBackups)?;
        self.overview()
    }

    fn overview(&self) -> Result<BackupOverview> {
        let settings = load_settings(self.db_file()?)?;
        let folder = effective_folder(self.db_file()?, &settings);
        let backups = list_folder(&folder)?;
        let next_automatic_at = settings
            .enabled
            .then(|| next_due(&backups, &settings, Utc::now()));
        Ok(BackupOverview {
            folder: folder.display().to_string(),
            settings,
            backups,
            next_automatic_at,
        })
    }

    pub fn backup_folder(&self) -> Result<PathBuf> {
        Ok(effective_folder(
            self.db_file()?,
            &load_settings(self.db_file()?)?,
        ))
    }

    /// A backup made now, on an admin's request; never pruned by the app.
    pub fn create_backup(
        &self,
        actor: &Actor,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupInfo> {
        actor.require(Operation::ManageBackups)?;
        let _only_one = self.maintenance()?;
        let info = self.snapshot_unlocked(BackupKind::Manual, progress)?;
        self.write(|tx| {
            audit::record(
                tx,
                Some(actor),
                Action::Backup,
                "backup",
                Some(info.file_name.clone()),
            )
        })?;
        Ok(info)
    }

    /// Makes the automatic backup when one is due (none yet, or the newest is older than
    /// the interval), then prunes old automatic backups. The app calls this in the
    /// background; it acts for no one in particular, so it needs no sign-in.
    pub fn run_scheduled_backup(&self, now: DateTime<Utc>) -> Result<Option<BackupInfo>> {
        let settings = load_settings(self.db_file()?)?;
        if !settings.enabled {
            return Ok(None);
        }
        let folder = effective_folder(self.db_file()?, &settings);
        if next_due(&list_folder(&folder)?, &settings, now) > now {
            return Ok(None);
        }
        let _only_one = self.maintenance()?;
        let info = self.snapshot_unlocked(BackupKind::Automatic, &mut |_| {})?;
        self.write(|tx| {
            audit::record(
                tx,
                None,
                Action::Backup,
                "backup",
                Some(info.file_name.clone()),
            )
        })?;
        self.prune(&folder, &settings)?;
        Ok(Some(info))
    }

    pub(crate) fn prune(&self, folder: &Path, settings: &BackupSettings) -> Result<()> {
        let tz = self.read(|c| {
            let name = settings::load(c)?.time_zone;
            settings::parse_time_zone(&name)
                .ok_or_else(|| Error::Internal(format!("stored time zone {name:?} is unknown")))
        })?;
        let all = list_folder(folder)?;
        let automatic: Vec<BackupInfo> = all
            .iter()
            .filter(|b| b.kind == BackupKind::Automatic)
            .cloned()
            .collect();
        let mut doomed = to_prune(&automatic, settings.keep_daily, settings.keep_weekly, tz);
        for kind in [BackupKind::PreMigration, BackupKind::PreRestore] {
            doomed.extend(
                all.iter()
                    .filter(|b| b.kind == kind)
                    .skip(SAFETY_SNAPSHOTS_KEPT)
                    .cloned(),
            );
        }
        for b in doomed {
            std::fs::remove_file(&b.path)?;
            tracing::info!(file = %b.file_name, "old backup pruned");
        }
        Ok(())
    }

    /// A backup through its own connection, so the app's connection (and every screen) is
    /// free while it runs. The caller holds the maintenance lock.
    pub(crate) fn snapshot_unlocked(
        &self,
        kind: BackupKind,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<BackupInfo> {
        let key = self.key()?;
        let folder = self.backup_folder()?;
        let src = db::open(self.db_file()?, &key, OpenMode::Existing)?;
        snapshot_connection(&src, &folder, kind, &key, progress)
    }

    /// Checks a backup file (key, integrity, schema) without changing anything.
    pub fn verify_backup(
        &self,
        actor: &Actor,
        file: &Path,
        recovery_key: Option<&str>,
    ) -> Result<BackupCheck> {
        actor.require(Operation::ManageBackups)?;
        let typed = recovery_key.filter(|k| !k.trim().is_empty());
        let key = match typed {
            Some(typed) => RecoveryKey::parse(typed)?,
            None => self.key()?,
        };
        check_backup_file(file, &key).map_err(|e| match e {
            Error::WrongKey => match backup_file_shape(file) {
                Ok((name, len)) if typed.is_some() => not_opened(&name, len, TYPED_KEY),
                Ok((name, len)) => not_opened(&name, len, CLINIC_KEY),
                Err(e) => e,
            },
            other => other,
        })
    }

    pub fn update_backup_settings(
        &self,
        actor: &Actor,
        new: &BackupSettings,
    ) -> Result<BackupOverview> {
        actor.require(Operation::ManageBackups)?;
        let checked = validate(new)?;
        save_settings(self.db_file()?, &checked)?;
        self.write(|tx| {
            audit::record(
                tx,
                Some(actor),
                Action::ChangeSettings,
                "backup_settings",
                None,
            )
        })?;
        self.overview()
    }
}

/// When the next automatic backup is due: now if there is none, else an interval after the
/// newest automatic one.
fn next_due(
    backups: &[BackupInfo],
    settings: &BackupSettings,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    backups
        .iter()
        .filter(|b| b.kind == BackupKind::Automatic)
        .map(|b| b.created_at)
        .max()
        .map_or(now, |last| {
            last + Duration::hours(i64::from(settings.interval_hours))
        })
}
