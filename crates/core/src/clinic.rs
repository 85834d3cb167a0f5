//! An open, unlocked clinic database. Services are `impl Clinic` blocks in their own modules
//! (patients, users, settings); each takes the acting user and checks permission first.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::audit::anchor;
use crate::error::{Error, Result};
use crate::keys::DbKey;

pub struct Clinic {
    conn: Mutex<Connection>,
    path: PathBuf,
    /// The key the database is encrypted with now: backups open their own connection with it
    /// so that they never hold `conn` (and the UI) for their whole run.
    key: Mutex<DbKey>,
    /// Held by backup, restore and key rotation so that they never overlap.
    maintenance: Mutex<()>,
    /// The audit head last copied outside the database (see `audit::anchor`).
    anchored: Mutex<Option<anchor::Head>>,
}

impl Clinic {
    pub(crate) fn new(conn: Connection, path: PathBuf, key: DbKey) -> Self {
        Self {
            conn: Mutex::new(conn),
            path,
            key: Mutex::new(key),
            maintenance: Mutex::new(()),
            anchored: Mutex::new(None),
        }
    }

    pub(crate) fn key(&self) -> Result<DbKey> {
        Ok(poisoned(self.key.lock())?.clone())
    }

    pub(crate) fn set_key(&self, key: DbKey) -> Result<()> {
        *poisoned(self.key.lock())? = key;
        Ok(())
    }

    pub(crate) fn maintenance(&self) -> Result<MutexGuard<'_, ()>> {
        poisoned(self.maintenance.lock())
    }

    /// The connection itself, for the few operations that are not one transaction
    /// (`PRAGMA rekey`, restoring pages with the backup API).
    pub(crate) fn with_connection<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T>,
    ) -> Result<T> {
        let mut conn = self.lock()?;
        f(&mut conn)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        self.read(crate::db::schema_version)
    }

    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn
            .lock()
            .map_err(|_| Error::Internal("the database connection was poisoned by a crash".into()))
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is stored, or none of it. Then the
    /// audit log's head is copied outside the database; that copy failing does not undo the
    /// committed write (verify reports a stale or missing copy).
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        if let Ok(mut seen) = self.anchored.lock() {
            if let Err(e) = anchor::advance(&conn, &self.path, &mut seen) {
                tracing::warn!("the audit log's head could not be copied: {e}");
            }
        }
        Ok(value)
    }

    /// After a restore the log is legitimately the backup's (shorter) one: its head, already
    /// checked by the restore, becomes the anchor (see [`anchor::settle_restore`]), so later
    /// writes advance from there instead of reporting the removal.
    pub(crate) fn settle_restored_anchor(&self, conn: &Connection) -> Result<()> {
        let mut seen = poisoned(self.anchored.lock())?;
        *seen = None;
        anchor::settle_restore(conn, &self.path)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock()?;
        f(&conn)
    }
}

fn poisoned<T>(r: std::sync::LockResult<MutexGuard<'_, T>>) -> Result<MutexGuard<'_, T>> {
    r.map_err(|_| Error::Internal("a maintenance lock was poisoned by a crash".into()))
}
