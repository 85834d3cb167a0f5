//! Restoring a backup on a computer that has no clinic database yet (a new or rebuilt
//! machine): the backup's recovery key unlocks it, and is stored in this keyring.

use std::path::Path;

use crate::audit::{self, Action};
use crate::backup::{prepare_staging, remove_with_sidecars, BackupProgress, RestoreReport};
use crate::clinic::Clinic;
use crate::db;
use crate::error::{Error, Result};
use crate::keys::RecoveryKey;

use super::Vault;

impl Vault {
    pub fn restore_new(
        &self,
        file: &Path,
        recovery_key: &str,
        progress: &mut dyn FnMut(BackupProgress),
    ) -> Result<(Clinic, RestoreReport)> {
        // A folder or a plain SQLite file at the path is named for what it is, not "set up".
        if db::database_file_exists(&self.db_path)? {
            return Err(Error::AlreadyInitialized);
        }
        let key = RecoveryKey::parse(recovery_key)?;
        if let Some(dir) = self.db_path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let staging = crate::backup::with_suffix(&self.db_path, ".restore");
        let prepared = (|| {
            let (conn, check, key) = prepare_staging(
                file,
                &staging,
                std::slice::from_ref(&key),
                crate::backup::TYPED_KEY,
                progress,
            )?;
            db::checkpoint(&conn)?;
            conn.close().map_err(|(_, e)| Error::Storage(e))?;
            Ok((check, key))
        })();
        let (check, key) = match prepared {
            Ok(v) => v,
            Err(e) => {
                let _ = remove_with_sidecars(&staging);
                return Err(e);
            }
        };
        self.keys.save(&self.db_path, &key)?;
        std::fs::rename(&staging, &self.db_path)?;
        remove_with_sidecars(&staging)?;
        let clinic = self.open_with(&key)?;
        clinic.write(|tx| {
            audit::record(
                tx,
                None,
                Action::Restore,
                "backup",
                Some(check.file_name.clone()),
            )
        })?;
        tracing::warn!(file = %check.file_name, "clinic restored from a backup on a new computer");
        let report = RestoreReport {
            schema_version_now: clinic.schema_version()?,
            restored: check,
            previous_database: None,
        };
        Ok((clinic, report))
    }
}
