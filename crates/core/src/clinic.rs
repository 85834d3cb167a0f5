//! An open, unlocked clinic database. Services are `impl Clinic` blocks in their own modules
//! (patients, users, settings); each takes the acting user and checks permission first.
//!
//! One writer connection and a few read connections: in WAL mode readers see the last
//! committed state and never wait for a writer, so a search stays quick during a long import.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::audit::anchor;
use crate::db::{Backend, Db, PgPool};
use crate::error::{Error, Result};
use crate::keys::DbKey;

/// Idle read connections kept open; more are opened when reads overlap, then closed.
const IDLE_READERS: usize = 4;

pub struct Clinic {
    engine: Engine,
    /// Held by backup, restore and key rotation so that they never overlap.
    maintenance: Mutex<()>,
    /// The audit head last copied outside the database (see `audit::anchor`).
    anchored: Mutex<Option<anchor::Head>>,
}

/// Where the clinic's data lives: the encrypted file on this computer (the default), or the
/// clinic's PostgreSQL database shared by several computers.
enum Engine {
    Sqlite(Box<Embedded>),
    Postgres(PgPool),
}

struct Embedded {
    /// The one writer (and the connection maintenance works on).
    conn: Mutex<Connection>,
    /// Idle read connections, opened on demand with the current key.
    readers: Mutex<Vec<Connection>>,
    /// Reads hold it shared; a key change or restore holds it alone, so no read runs on a
    /// connection whose key or file is being replaced, and idle readers are dropped after.
    gate: RwLock<()>,
    path: PathBuf,
    /// The key the database is encrypted with now: backups open their own connection with it
    /// so that they never hold `conn` (and the UI) for their whole run.
    key: Mutex<DbKey>,
}

/// What the embedded-only operations answer on a clinic server's database.
const EMBEDDED_ONLY: &str = "This works on a clinic database kept on this computer only; a \
     clinic server's database is backed up and encrypted on the server.";

impl Clinic {
    pub(crate) fn new(conn: Connection, path: PathBuf, key: DbKey) -> Self {
        Self::with_engine(Engine::Sqlite(Box::new(Embedded {
            conn: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
            gate: RwLock::new(()),
            path,
            key: Mutex::new(key),
        })))
    }

    /// A clinic on a PostgreSQL database whose schema is up to date.
    pub(crate) fn on_postgres(pool: PgPool) -> Self {
        Self::with_engine(Engine::Postgres(pool))
    }

    fn with_engine(engine: Engine) -> Self {
        Self {
            engine,
            maintenance: Mutex::new(()),
            anchored: Mutex::new(None),
        }
    }

    pub fn backend(&self) -> Backend {
        match self.engine {
            Engine::Sqlite(_) => Backend::Sqlite,
            Engine::Postgres(_) => Backend::Postgres,
        }
    }

    fn embedded(&self) -> Result<&Embedded> {
        match &self.engine {
            Engine::Sqlite(embedded) => Ok(embedded),
            Engine::Postgres(_) => Err(Error::Unsupported(EMBEDDED_ONLY)),
        }
    }

    pub(crate) fn key(&self) -> Result<DbKey> {
        Ok(poisoned(self.embedded()?.key.lock())?.clone())
    }

    pub(crate) fn set_key(&self, key: DbKey) -> Result<()> {
        *poisoned(self.embedded()?.key.lock())? = key;
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
        let embedded = self.embedded()?;
        let _alone = embedded
            .gate
            .write()
            .map_err(|_| Error::Internal("the read gate was poisoned by a crash".into()))?;
        let mut conn = embedded.lock()?;
        let done = f(&mut conn);
        // Readers opened before a key change or restore must not be used after it.
        poisoned(embedded.readers.lock())?.clear();
        done
    }

    /// The database file; `None` for a clinic server's database.
    pub fn path(&self) -> Option<&Path> {
        self.embedded().ok().map(|e| e.path.as_path())
    }

    /// The database file, for work only the embedded database has (backups, the audit
    /// anchor, key changes).
    pub(crate) fn db_file(&self) -> Result<&Path> {
        Ok(&self.embedded()?.path)
    }

    pub fn schema_version(&self) -> Result<i64> {
        match &self.engine {
            Engine::Sqlite(_) => self.read(crate::db::schema_version),
            Engine::Postgres(pool) => pool.read(crate::db::postgres_schema_version),
        }
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is stored, or none of it. Then the
    /// audit log's head is copied outside the database; that copy failing does not undo the
    /// committed write (verify reports a stale or missing copy).
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let embedded = self.embedded()?;
        let mut conn = embedded.lock()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        if let Ok(mut seen) = self.anchored.lock() {
            if let Err(e) = anchor::advance(&conn, &embedded.path, &mut seen) {
                tracing::warn!("the audit log's head could not be copied: {e}");
            }
        }
        Ok(value)
    }

    /// After a restore the log is legitimately the backup's (shorter) one: its head, already
    /// checked by the restore, becomes the anchor (see [`anchor::settle_restore`]), so later
    /// writes advance from there instead of reporting the removal.
    pub(crate) fn settle_restored_anchor(&self, conn: &Connection) -> Result<()> {
        let path = &self.embedded()?.path;
        let mut seen = poisoned(self.anchored.lock())?;
        *seen = None;
        anchor::settle_restore(conn, path)
    }

    /// Runs `f` on a read connection: it sees the last committed state and does not wait for
    /// a write in progress.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let embedded = self.embedded()?;
        let _shared = embedded
            .gate
            .read()
            .map_err(|_| Error::Internal("the read gate was poisoned by a crash".into()))?;
        let idle = poisoned(embedded.readers.lock())?.pop();
        let conn = match idle {
            Some(conn) => conn,
            None => crate::db::open(&embedded.path, &self.key()?, crate::db::OpenMode::Existing)?,
        };
        let out = f(&conn);
        let mut idle = poisoned(embedded.readers.lock())?;
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
        out
    }
}

impl Clinic {
    /// [`Clinic::write`] for stores written on the database layer.
    pub(crate) fn write_db<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(_) => self.write(|tx| f(&Db::sqlite(tx))),
            Engine::Postgres(pool) => pool.write(f),
        }
    }

    /// [`Clinic::read`] for stores written on the database layer.
    pub(crate) fn read_db<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(_) => self.read(|conn| f(&Db::sqlite(conn))),
            Engine::Postgres(pool) => pool.read(f),
        }
    }

    /// Runs `f` in one read transaction on a read connection: every query in it sees the
    /// same committed state, and no write waits for it (slow work such as rendering a PDF
    /// happens here or after, never inside [`Clinic::write`]).
    pub(crate) fn read_snapshot<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match &self.engine {
            Engine::Sqlite(_) => self.read(|conn| {
                let tx = conn.unchecked_transaction()?;
                let value = f(&Db::sqlite(&tx))?;
                tx.commit()?;
                Ok(value)
            }),
            Engine::Postgres(pool) => pool.read_snapshot(f),
        }
    }
}

impl Embedded {
    fn lock(&self) -> Result<MutexGuard<'_, Connection>> {
        self.conn
            .lock()
            .map_err(|_| Error::Internal("the database connection was poisoned by a crash".into()))
    }
}

fn poisoned<T>(r: std::sync::LockResult<MutexGuard<'_, T>>) -> Result<MutexGuard<'_, T>> {
    r.map_err(|_| Error::Internal("a maintenance lock was poisoned by a crash".into()))
}
