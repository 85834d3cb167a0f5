//! What the running app holds: where the database is, the unlocked clinic, and who is signed in.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use acuchart_core::auth::Actor;
use acuchart_core::keys::KeyStore;
use acuchart_core::session::{LiveSession, LockReason};
use acuchart_core::vault::Vault;
use acuchart_core::{Clinic, Error, Result};

pub struct AppState {
    vault: std::result::Result<Vault, String>,
    clinic: Mutex<Option<Arc<Clinic>>>,
    session: Mutex<Option<LiveSession>>,
    /// The file an admin chose to import (picked with the native dialog, in Rust).
    import_file: Mutex<Option<PathBuf>>,
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
            import_file: Mutex::new(None),
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

    /// The signed-in user, checked by the core: `SessionLocked` while the screen is locked
    /// (or idle too long), `NotAuthenticated` when nobody is signed in or the account was
    /// disabled meanwhile (the session is then forgotten).
    pub fn actor(&self) -> Result<Actor> {
        let clinic = self.open_clinic()?;
        let mut session = guard(&self.session)?;
        let live = session.as_mut().ok_or(Error::NotAuthenticated)?;
        match clinic.resume_session(live) {
            Err(Error::NotAuthenticated) => {
                *session = None;
                Err(Error::NotAuthenticated)
            }
            other => other,
        }
    }

    pub fn start_session(&self, actor: Actor) -> Result<()> {
        *guard(&self.session)? = Some(LiveSession::new(actor));
        Ok(())
    }

    pub fn end_session(&self) -> Result<()> {
        *guard(&self.session)? = None;
        Ok(())
    }

    pub fn lock_session(&self, reason: LockReason) -> Result<()> {
        let clinic = self.open_clinic()?;
        let mut session = guard(&self.session)?;
        let live = session.as_mut().ok_or(Error::NotAuthenticated)?;
        clinic.lock_session(live, reason)
    }

    pub fn unlock_session(&self, password: &str) -> Result<Actor> {
        let clinic = self.open_clinic()?;
        let mut session = guard(&self.session)?;
        let live = session.as_mut().ok_or(Error::NotAuthenticated)?;
        match clinic.unlock_session(live, password) {
            Err(Error::NotAuthenticated) => {
                *session = None;
                Err(Error::NotAuthenticated)
            }
            other => other,
        }
    }

    pub fn import_file(&self) -> Result<Option<PathBuf>> {
        Ok(guard(&self.import_file)?.clone())
    }

    pub fn set_import_file(&self, path: Option<PathBuf>) -> Result<()> {
        *guard(&self.import_file)? = path;
        Ok(())
    }
}
