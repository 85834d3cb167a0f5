//! Restoring a backup. The chosen file is never opened in place: it is copied aside, and the
//! copy is checked (key, integrity, schema) and migrated. Only then is the current database
//! kept as a backup, and the copy's pages written over the live database in one transaction
//! (the backup API), so a crash leaves either the old data or the restored data.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::copy::{
    backup_file_shape, check_length, check_open, copy_pages, damaged_as_such, not_opened,
    remove_with_sidecars, CLINIC_KEY, CLINIC_OR_TYPED_KEY,
};
use super::{
    with_suffix, BackupCheck, BackupInfo, BackupKind, BackupPhase, BackupProgress, RestoreReport,
};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{self, OpenMode, MIGRATIONS};
use crate::error::{Error, Result};
use crate::keys::{DbKey, RecoveryKey};

pub(crate) fn staging_path(db_path: &Path) -> PathBuf {
    with_suffix(db_path, ".restore")
}

/// Copies `file` to `staging`, opens the copy with the first key in `keys` that fits, checks
/// it and brings its schema up to date. Returns the open copy and what the backup held.
pub(crate) fn prepare_staging(
    file: &Path,
    staging: &Path,
    keys: &[DbKey],
    keys_in_words: &str,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<(Connection, BackupCheck, DbKey)> {
    // The chosen file is judged before it is copied, so no message names the staging copy.
    let (name, len) = backup_file_shape(file)?;
    progress(BackupProgress {
        phase: BackupPhase::Checking,
        done: 0,
        total: 1,
    });
    remove_with_sidecars(staging)?;
    std::fs::copy(file, staging)?;
    let mut opened = None;
    for key in keys {
        match db::open(staging, key, OpenMode::Existing) {
            Ok(conn) => {
                opened = Some((conn, key.clone()));
                break;
            }
            Err(Error::WrongKey) => continue,
            Err(e) => return Err(damaged_as_such(&name)(e)),
        }
    }
    let Some((mut conn, key)) = opened else {
        return Err(not_opened(&name, len, keys_in_words));
    };
    check_length(&conn, &name, len)?;
    let check = check_open(&conn, &name)?;
    progress(BackupProgress {
        phase: BackupPhase::Checking,
        done: 1,
        total: 1,
    });
    let latest = MIGRATIONS.last().map_or(0, |m| m.version);
    if check.schema_version < latest {
        progress(BackupProgress {
            phase: BackupPhase::Migrating,
            done: 0,
            total: 1,
        });
        db::apply_migrations(&mut conn, MIGRATIONS)?;
        progress(BackupProgress {
            phase: BackupPhase::Migrating,
            done: 1,
            total: 1,
        });
    }
    Ok((conn, check, key))
}

impl Clinic {
    /// Replaces the clinic's data with a backup's, after checking the backup and keeping the
    /// current data as a `pre-restore` backup. `recovery_key` is needed only for a backup made
    /// under another key. Everyone should sign in again afterwards: the staff list is the
    /// backup's.
    pub fn restore_backup(
        &self,
        actor: &Actor,
        file: &Path,
        recovery_key: Option<&str>,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<RestoreReport> {
        actor.require(Operation::RestoreBackup)?;
        let _only_one = self.maintenance()?;
        let mut keys = Vec::new();
        if let Some(typed) = recovery_key.filter(|k| !k.trim().is_empty()) {
            keys.push(RecoveryKey::parse(typed)?);
        }
        let tried = if keys.is_empty() {
            CLINIC_KEY
        } else {
            CLINIC_OR_TYPED_KEY
        };
        keys.push(self.key()?);
        let staging = staging_path(self.db_file()?);
        let result = self.restore_from_staging(actor, file, &staging, &keys, tried, progress);
        let _ = remove_with_sidecars(&staging);
        result
    }

    fn restore_from_staging(
        &self,
        actor: &Actor,
        file: &Path,
        staging: &Path,
        keys: &[DbKey],
        tried: &str,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<RestoreReport> {
        let (source, check, _) = prepare_staging(file, staging, keys, tried, progress)?;
        let restored_head = audit::anchor::current_head(&source)?.unwrap_or(audit::anchor::Head {
            rows: 0,
            hash: String::new(),
        });
        let previous = self.snapshot_unlocked(BackupKind::PreRestore, &mut |p| {
            progress(BackupProgress {
                phase: BackupPhase::SavingCurrent,
                ..p
            })
        })?;
        audit::anchor::mark_restore(self.db_file()?, &restored_head)?;
        let restored = self.with_connection(|live| {
            let outcome = self.restore_pages(actor, &source, live, &check, &previous, progress);
            // Whether it landed or not, the anchor follows what the database now holds.
            self.settle_restored_anchor(live)?;
            outcome
        });
        restored?;
        tracing::warn!(file = %check.file_name, "backup restored over the live database");
        let settings = super::load_settings(self.db_file()?)?;
        self.prune(
            &super::effective_folder(self.db_file()?, &settings),
            &settings,
        )?;
        Ok(RestoreReport {
            schema_version_now: self.schema_version()?,
            restored: check,
            previous_database: Some(previous),
        })
    }

    /// The restore itself: the backup's pages into the live database (one transaction), the
    /// integrity check, and the restore's own audit row.
    fn restore_pages(
        &self,
        actor: &Actor,
        source: &Connection,
        live: &mut Connection,
        check: &BackupCheck,
        previous: &BackupInfo,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<()> {
        copy_pages(source, live, BackupPhase::Restoring, progress)?;
        if let Err(problems) = db::integrity_check(live)? {
            return Err(Error::Internal(format!(
                "the restored database failed its integrity check ({problems}); the data \
                 before the restore is in {}",
                previous.file_name
            )));
        }
        let tx = live.transaction()?;
        // The actor's account may not exist in the backup: then the row names no one.
        let same_user: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?1 AND username = ?2) AS same_user",
            (actor.user_id(), actor.username()),
            |r| r.get("same_user"),
        )?;
        audit::record(
            &tx,
            same_user.then_some(actor),
            Action::Restore,
            "backup",
            Some(check.file_name.clone()),
        )?;
        tx.commit()?;
        Ok(())
    }
}
