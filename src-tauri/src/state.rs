//! What the running app holds: where the database is, the unlocked clinic, and who is signed in.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use acuchart_core::auth::Actor;
use acuchart_core::backup::BackupProgress;
use acuchart_core::keys::KeyStore;
use acuchart_core::vault::Vault;
use acuchart_core::{Clinic, Error, Result};

pub struct AppState {
    vault: std::result::Result<Vault, String>,
    clinic: Mutex<Option<Arc<Clinic>>>,
    session: Mutex<Option<Actor>>,
    /// The running backup or restore's progress, for the UI's progress bar.
    progress: Mutex<Option<BackupProgress>>,
}

fn guard<T>(m: &Mutex<T>) -> Result<MutexGuard<'_, T>> {
    m.lock()
        .map_err(|_| Error::Internal("app state was poisoned by an earlier crash".into()))
}

impl AppState {
    pub fn new(db_path: Result<PathBuf>) -> Self {
        Self {
            vault: db_path
                .map(|p| Vault::new(p, KeyStore::default()))
                .map_err(|e| e.to_string()),
            clinic: Mutex::new(None),
            session: Mutex::new(None),
            progress: Mutex::new(None),
        }
    }

    pub fn vault(&self) -> Result<&Vault> {
        self.vault.as_ref().map_err(|e| Error::Internal(e.clone()))
    }

    pub fn clinic(&self) -> Result<Option<Arc<Clinic>>> {
        Ok(guard(&self.clinic)?.clone())
    }

    pub fn open_clinic(&self) -> Result<Arc<Clinic>> {
        self.clinic()?.ok_or(Error::NotInitialized)
    }

    pub fn set_clinic(&self, clinic: Clinic) -> Result<Arc<Clinic>> {
        let clinic = Arc::new(clinic);
        *guard(&self.clinic)? = Some(clinic.clone());
        Ok(clinic)
    }

    /// The signed-in user, or `NotAuthenticated`.
    pub fn actor(&self) -> Result<Actor> {
        guard(&self.session)?.clone().ok_or(Error::NotAuthenticated)
    }

    pub fn set_actor(&self, actor: Option<Actor>) -> Result<()> {
        *guard(&self.session)? = actor;
        Ok(())
    }

    pub fn progress(&self) -> Result<Option<BackupProgress>> {
        Ok(*guard(&self.progress)?)
    }

    pub fn set_progress(&self, progress: Option<BackupProgress>) -> Result<()> {
        *guard(&self.progress)? = progress;
        Ok(())
    }
}
