//! The single place that opens SQLCipher connections and sets their pragmas.

mod handle;
mod migrate;
mod pg_pool;
mod pg_session;
mod pg_tls;
pub mod postgres_migrations;
mod row;
mod value;

pub use handle::{Backend, Db};
pub use migrate::{apply_migrations, schema_version, Migration, MIGRATIONS};
pub(crate) use pg_pool::WRITER_LOCK;
pub use pg_pool::{postgres_schema_version, PgPool};
pub use pg_session::PgSession;
pub use row::Row;
pub use value::{FromValue, ToValue, Value};

use std::path::Path;
use std::sync::Once;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::keys::DbKey;

/// Whether opening may create a new file. Existing databases are never created over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    Existing,
    CreateNew,
}

const PLAINTEXT_HEADER: &[u8] = b"SQLite format 3\0";

static SQLCIPHER_READY: Once = Once::new();

/// Opens a connection once the library is fully initialised. SQLite marks itself initialised
/// before it runs SQLCipher's own start-up, so a second thread opening its first connection
/// in that window gets "PRAGMA key" refused. The first connection of the process is opened
/// under a `Once`, which makes every other thread wait until SQLCipher is ready.
fn open_with_flags(path: &Path, flags: OpenFlags) -> Result<Connection> {
    SQLCIPHER_READY.call_once(|| {
        if let Err(e) = Connection::open_in_memory() {
            tracing::error!("SQLite could not start: {e}");
        }
    });
    Ok(Connection::open_with_flags(path, flags)?)
}

/// Opens `path` with `key`, proves the key is right before anything is written, then sets
/// the pragmas every connection needs. A wrong key or damaged file leaves the file untouched.
pub fn open(path: &Path, key: &DbKey, mode: OpenMode) -> Result<Connection> {
    let flags = match mode {
        OpenMode::Existing => {
            refuse_plaintext(path)?;
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX
        }
        OpenMode::CreateNew => {
            if path.exists() {
                return Err(Error::AlreadyInitialized);
            }
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
        }
    };
    let conn = open_with_flags(path, flags)?;
    // A wrong key is reported as a clear error below; SQLCipher's own stderr log would only
    // repeat it in less friendly words.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // Raw 256-bit key: SQLCipher uses it directly, no passphrase derivation on every open.
    conn.execute_batch(&key.pragma_statement())?;
    // Reading the schema decrypts page 1: this is where a wrong key shows, before any write.
    prove_key(&conn)?;
    configure(&conn)?;
    Ok(conn)
}

/// Opens a backup file to read it: keyed, checked, and never written (no journal mode change,
/// no WAL files beside it).
pub fn open_read_only(path: &Path, key: &DbKey) -> Result<Connection> {
    refuse_plaintext(path)?;
    let conn = open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&key.pragma_statement())?;
    prove_key(&conn)?;
    conn.execute_batch("PRAGMA temp_store = MEMORY;")?;
    Ok(conn)
}

/// A new, empty file keyed with `key`, for the online backup API to fill. It must not exist.
pub fn create_backup_target(path: &Path, key: &DbKey) -> Result<Connection> {
    if path.exists() {
        return Err(Error::Internal(format!(
            "{} already exists; a backup never writes over a file",
            path.display()
        )));
    }
    let conn = open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    conn.execute_batch(&key.pragma_statement())?;
    conn.execute_batch("PRAGMA temp_store = MEMORY; PRAGMA synchronous = FULL;")?;
    Ok(conn)
}

/// Re-encrypts the open database with `key` (`PRAGMA rekey`: every page rewritten in one
/// transaction), then folds the WAL into the main file so nothing under the old key remains.
/// Once the rekey has committed a busy checkpoint is not an error: the next one finishes it.
pub fn rekey(conn: &Connection, key: &DbKey) -> Result<()> {
    conn.execute_batch(&key.rekey_statement())?;
    if let Err(e) = checkpoint(conn) {
        tracing::warn!("checkpoint after rekey postponed: {e}");
    }
    Ok(())
}

/// Copies every committed page from the WAL into the main file and empties the WAL.
pub fn checkpoint(conn: &Connection) -> Result<()> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get("busy"))?;
    if busy != 0 {
        return Err(Error::Conflict(
            "The database is busy (another program is reading it); try again in a moment.".into(),
        ));
    }
    Ok(())
}

/// `PRAGMA integrity_check`: `Ok(())` or the first problems SQLite reports.
pub fn integrity_check(conn: &Connection) -> Result<std::result::Result<(), String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(20)")?;
    let lines = stmt
        .query_map([], |r| r.get::<_, String>("integrity_check"))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(Ok(()))
    } else {
        Ok(Err(lines.join("; ")))
    }
}

fn prove_key(conn: &Connection) -> Result<()> {
    match conn.query_row(
        "SELECT count(*) AS table_count FROM sqlite_master",
        [],
        |r| r.get::<_, i64>("table_count"),
    ) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::NotADatabase =>
        {
            Err(Error::WrongKey)
        }
        Err(e) => Err(e.into()),
    }
}

fn configure(conn: &Connection) -> Result<()> {
    // WAL for concurrent readers; FULL sync so a committed visit survives a power cut, not
    // only a crash; temp_store in memory so sorts and indexes never spill plaintext to /tmp.
    let mode: String =
        conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get("journal_mode"))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!("journal_mode stayed {mode}")));
    }
    // A 32 MiB page cache keeps a busy clinic's hot pages decrypted: with SQLite's default
    // 2 MiB, type-ahead on 60,000 patients spent most of its time decrypting evicted pages.
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA cache_size = -32768;",
    )?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get("foreign_keys"))?;
    if fk != 1 {
        return Err(Error::Internal("foreign keys could not be enabled".into()));
    }
    Ok(())
}

/// Whether a database file is at `path`. Anything else there (a folder, a pipe, a device) is
/// refused by name rather than taken for a new or locked clinic — and a pipe would make the
/// open wait forever. So is a plain SQLite file: it is no clinic (AcuChart's are always
/// encrypted), and it is said before the keyring is asked, which would only report its key as
/// missing.
pub(crate) fn database_file_exists(path: &Path) -> Result<bool> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => {
            if is_plaintext(path)? {
                return Err(Error::NotEncrypted(path.display().to_string()));
            }
            Ok(true)
        }
        Ok(m) => Err(Error::invalid(
            "db",
            format!(
                "{} is not a database file ({}): name the clinic's .db file.",
                path.display(),
                if m.is_dir() {
                    "it is a folder"
                } else {
                    "it is a pipe or device"
                }
            ),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Whether the ordinary file at `path` starts with SQLite's plaintext header.
pub(crate) fn is_plaintext(path: &Path) -> Result<bool> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file = std::fs::File::open(path)?;
    let mut read = 0;
    // `read` may return fewer bytes than asked; the header is whole only after a loop.
    while read < header.len() {
        match file.read(&mut header[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read == header.len() && header == PLAINTEXT_HEADER)
}

fn refuse_plaintext(path: &Path) -> Result<()> {
    if !database_file_exists(path)? {
        return Err(Error::NotInitialized);
    }
    // Shorter than SQLite's header: not a database that any key opens.
    if std::fs::metadata(path)?.len() < PLAINTEXT_HEADER.len() as u64 {
        return Err(Error::WrongKey);
    }
    Ok(())
}
