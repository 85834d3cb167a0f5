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

    /// One entry per database file, named by its absolute path.
    fn entry(&self, db_path: &Path) -> Result<Entry> {
        let account = format!("database-key:{}", absolute(db_path).display());
        Entry::new(&self.service, &account).map_err(keyring_error)
    }

    pub fn load(&self, db_path: &Path) -> Result<Option<DbKey>> {
        match self.entry(db_path)?.get_secret() {
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

    pub fn save(&self, db_path: &Path, key: &DbKey) -> Result<()> {
        self.entry(db_path)?
            .set_secret(key.as_bytes())
            .map_err(keyring_error)
    }

    pub fn delete(&self, db_path: &Path) -> Result<()> {
        match self.entry(db_path)?.delete_credential() {
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
