//! An open, unlocked clinic database. Services are `impl Clinic` blocks in their own modules
//! (patients, users, settings); each takes the acting user and checks permission first.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

pub struct Clinic {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl Clinic {
    pub(crate) fn new(conn: Connection, path: PathBuf) -> Self {
        Self {
            conn: Mutex::new(conn),
            path,
        }
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

    /// Runs `f` in one IMMEDIATE transaction: all of it is stored, or none of it.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock()?;
        f(&conn)
    }
}
