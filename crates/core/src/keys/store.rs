//! Keeps each database's key in the OS credential store (Secret Service, Keychain,
//! Credential Manager) through the `keyring` crate.

use std::path::Path;

use keyring::Entry;

use super::DbKey;
use crate::error::{Error, Result};

/// Debug and release builds keep their keys under different service names, so a developer's
/// build never touches a clinic's real key on the same machine.
pub const SERVICE: &str = if cfg!(debug_assertions) {
    "app.acuchart.desktop.dev"
} else {
    "app.acuchart.desktop"
};

#[derive(Debug, Clone, Copy)]
enum Slot {
    Current,
    Pending,
}

#[derive(Debug, Clone)]
pub struct KeyStore {
    service: String,
}

impl Default for KeyStore {
    fn default() -> Self {
        Self {
            service: SERVICE.to_owned(),
        }
    }
}

impl KeyStore {
    pub fn service(&self) -> &str {
        &self.service
    }

    /// A store under another service name, so tests can prove that two names never share keys.
    pub fn with_service(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    /// One entry per database file, named by its absolute path.
    fn entry(&self, db_path: &Path, slot: Slot) -> Result<Entry> {
        let prefix = match slot {
            Slot::Current => "database-key",
            Slot::Pending => "database-key-pending",
        };
        let account = format!("{prefix}:{}", absolute(db_path).display());
        Entry::new(&self.service, &account).map_err(keyring_error)
    }

    pub fn load(&self, db_path: &Path) -> Result<Option<DbKey>> {
        self.load_slot(db_path, Slot::Current)
    }

    pub fn save(&self, db_path: &Path, key: &DbKey) -> Result<()> {
        self.save_slot(db_path, Slot::Current, key)
    }

    pub fn delete(&self, db_path: &Path) -> Result<()> {
        self.delete_slot(db_path, Slot::Current)?;
        self.delete_slot(db_path, Slot::Pending)
    }

    /// The key a rotation is about to apply. It is stored before the database is re-encrypted,
    /// so a crash at any point leaves the working key in the keyring: either the current one
    /// (the rotation had not committed) or this one (it had).
    pub fn load_pending(&self, db_path: &Path) -> Result<Option<DbKey>> {
        self.load_slot(db_path, Slot::Pending)
    }

    pub fn save_pending(&self, db_path: &Path, key: &DbKey) -> Result<()> {
        self.save_slot(db_path, Slot::Pending, key)
    }

    pub fn delete_pending(&self, db_path: &Path) -> Result<()> {
        self.delete_slot(db_path, Slot::Pending)
    }

    fn load_slot(&self, db_path: &Path, slot: Slot) -> Result<Option<DbKey>> {
        match self.entry(db_path, slot)?.get_secret() {
            Ok(bytes) => DbKey::from_bytes(&bytes).map(Some).ok_or_else(|| {
                Error::KeyringUnavailable(
                    "the keyring entry for this database is damaged (wrong length); use the \
                     recovery key"
                        .into(),
                )
            }),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    fn save_slot(&self, db_path: &Path, slot: Slot, key: &DbKey) -> Result<()> {
        self.entry(db_path, slot)?
            .set_secret(key.as_bytes())
            .map_err(keyring_error)
    }

    fn delete_slot(&self, db_path: &Path, slot: Slot) -> Result<()> {
        match self.entry(db_path, slot)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

fn absolute(path: &Path) -> std::path::PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn keyring_error(e: keyring::Error) -> Error {
    Error::KeyringUnavailable(format!(
        "{e}. On Linux a Secret Service (GNOME Keyring or KWallet) must be running and unlocked."
    ))
}
