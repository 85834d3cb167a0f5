//! Changing the database key. The new key is put in the keyring under a pending name before
//! the database is re-encrypted, and becomes the current key only once the database opens
//! with it; [`Vault::open`] settles a rotation that a crash interrupted. Backups in the
//! backup folder are then re-encrypted too, so the old key and the old recovery key open
//! nothing the app still keeps.

use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::backup::{self, list_folder};
use crate::clinic::Clinic;
use crate::db::{self, OpenMode};
use crate::error::{Error, Result};
use crate::keys::{DbKey, RecoveryKey};

use super::Vault;

/// The result of a key change. The recovery key is shown once and never stored.
pub struct KeyRotation {
    pub recovery_key: RecoveryKey,
    pub backups_reencrypted: u32,
    /// Backups that still open only with an older key (made before an earlier key change, or
    /// damaged): their file names.
    pub backups_left: Vec<String>,
}

impl Vault {
    pub fn rotate_key(&self, clinic: &Clinic, actor: &Actor) -> Result<KeyRotation> {
        actor.require(Operation::RotateKey)?;
        if clinic.path() != Some(self.db_path()) {
            return Err(Error::Internal(
                "the clinic is not this vault's database".into(),
            ));
        }
        let _only_one = clinic.maintenance()?;
        let old = clinic.key()?;
        let new = DbKey::generate()?;
        self.keys.save_pending(&self.db_path, &new)?;
        let rekeyed = clinic.with_connection(|conn| db::rekey(conn, &new));
        if let Err(e) = rekeyed {
            // Whichever key opens the database now is the one the keyring must hold.
            if db::open(&self.db_path, &new, OpenMode::Existing).is_ok() {
                self.keys.save(&self.db_path, &new)?;
                clinic.set_key(new)?;
            }
            self.keys.delete_pending(&self.db_path)?;
            return Err(e);
        }
        drop(db::open(&self.db_path, &new, OpenMode::Existing)?);
        self.keys.save(&self.db_path, &new)?;
        self.keys.delete_pending(&self.db_path)?;
        clinic.set_key(new.clone())?;
        clinic
            .write(|tx| audit::record(tx, Some(actor), Action::RotateKey, "database_key", None))?;
        tracing::warn!("database key rotated");

        let mut reencrypted = 0;
        let mut left = Vec::new();
        for b in list_folder(&clinic.backup_folder()?)? {
            match backup::reencrypt_file(std::path::Path::new(&b.path), &old, &new) {
                Ok(true) => reencrypted += 1,
                Ok(false) => left.push(b.file_name),
                Err(e) => {
                    tracing::error!(file = %b.file_name, "backup not re-encrypted: {e}");
                    left.push(b.file_name);
                }
            }
        }
        Ok(KeyRotation {
            recovery_key: RecoveryKey::from_key(&new)?,
            backups_reencrypted: reencrypted,
            backups_left: left,
        })
    }
}
