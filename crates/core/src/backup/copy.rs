//! Writing a backup file with the online backup API, and checking one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::Connection;

use super::{file_name, info_for, with_suffix, BackupCheck, BackupInfo, BackupKind};
use super::{BackupPhase, BackupProgress};
use crate::db::{self, MIGRATIONS};
use crate::error::{Error, Result};
use crate::keys::DbKey;

/// Pages copied per step (512 KiB with SQLCipher's 4 KiB pages): a smooth progress bar for a
/// few-MB clinic, and a few hundred steps for a large one.
pub(crate) const STEP_PAGES: i32 = 128;
const BUSY_RETRIES: u32 = 500;

/// Copies `src` into `dest` with the backup API, reporting progress after every step. The
/// destination's pages are written in one transaction, committed at the last step.
pub(crate) fn copy_pages(
    src: &Connection,
    dest: &mut Connection,
    phase: BackupPhase,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<()> {
    let backup = Backup::new(src, dest)?;
    let mut busy = 0;
    loop {
        let step = backup.step(STEP_PAGES)?;
        let p = backup.progress();
        let total = u32::try_from(p.pagecount).unwrap_or(0);
        let remaining = u32::try_from(p.remaining).unwrap_or(0);
        progress(BackupProgress {
            phase,
            done: total.saturating_sub(remaining),
            total,
        });
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => busy = 0,
            StepResult::Busy | StepResult::Locked => {
                busy += 1;
                if busy > BUSY_RETRIES {
                    return Err(Error::Conflict(
                        "The database stayed busy for too long; try the backup again.".into(),
                    ));
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            _ => {
                return Err(Error::Internal(
                    "the backup API returned an unknown step result".into(),
                ))
            }
        }
    }
}

/// Writes a consistent snapshot of `src` into a new file in `folder`, encrypted with `key`.
/// The copy goes to `<name>.partial` and is renamed only once complete and on disk, so a
/// crash never leaves a half-written file under a backup's name.
pub(crate) fn snapshot_connection(
    src: &Connection,
    folder: &Path,
    kind: BackupKind,
    key: &DbKey,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<BackupInfo> {
    std::fs::create_dir_all(folder)?;
    let target = unused_name(folder, kind);
    let partial = with_suffix(&target, ".partial");
    remove_with_sidecars(&partial)?;
    let written = write_snapshot(src, &partial, key, progress);
    if let Err(e) = written {
        let _ = remove_with_sidecars(&partial);
        return Err(e);
    }
    std::fs::rename(&partial, &target)?;
    sync_dir(folder);
    tracing::info!(file = %target.display(), ?kind, "backup written");
    info_for(&target)
}

fn write_snapshot(
    src: &Connection,
    partial: &Path,
    key: &DbKey,
    progress: &mut dyn FnMut(BackupProgress),
) -> Result<()> {
    // A read transaction held across the steps pins one snapshot: writers carry on (WAL),
    // and the backup never mixes pages from before and after a write.
    let in_tx = !src.is_autocommit();
    if !in_tx {
        src.execute_batch("BEGIN DEFERRED")?;
    }
    let copied = (|| {
        src.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))?;
        let mut dest = db::create_backup_target(partial, key)?;
        copy_pages(src, &mut dest, BackupPhase::Copying, progress)?;
        // One self-contained file: no WAL beside it when it is opened later.
        dest.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        dest.close().map_err(|(_, e)| Error::Storage(e))?;
        std::fs::File::open(partial)?.sync_all()?;
        Ok(())
    })();
    if !in_tx {
        src.execute_batch("COMMIT")?;
    }
    copied
}

fn unused_name(folder: &Path, kind: BackupKind) -> PathBuf {
    let mut at = Utc::now();
    loop {
        let path = folder.join(file_name(at, kind));
        if !path.exists() && !with_suffix(&path, ".partial").exists() {
            return path;
        }
        at += chrono::Duration::milliseconds(1);
    }
}

fn sync_dir(dir: &Path) {
    // Makes the rename itself durable; not possible on every platform, and not fatal.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// The keys tried, in the words of [`not_opened`].
pub(crate) const CLINIC_KEY: &str = "this clinic's key";
pub(crate) const CLINIC_OR_TYPED_KEY: &str = "this clinic's key or the recovery key given";
pub(crate) const TYPED_KEY: &str = "the recovery key given";

/// SQLCipher's page size: a file AcuChart wrote is a whole number of these pages.
const PAGE_BYTES: u64 = 4096;

/// A backup file's name for messages and its length, once `path` is an ordinary file that
/// could be a backup. What it cannot be is said here, by what it is, before any key is tried:
/// otherwise an empty or plain file would be blamed on the key.
pub(crate) fn backup_file_shape(path: &Path) -> Result<(String, u64)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if !path.is_file() {
        return Err(Error::invalid(
            "file",
            format!("There is no backup file at {}.", path.display()),
        ));
    }
    let len = std::fs::metadata(path)?.len();
    if len == 0 {
        return Err(Error::invalid(
            "file",
            format!("{name} is empty: it is not an AcuChart backup. Use another backup."),
        ));
    }
    if db::is_plaintext(path)? {
        return Err(Error::invalid(
            "file",
            format!(
                "{name} is a plain, unencrypted SQLite file: it is not an AcuChart backup \
                 (those are always encrypted). Use another backup."
            ),
        ));
    }
    Ok((name, len))
}

/// Why a file that none of `keys` (said in words) opened is refused. A size that is not whole
/// pages means it is not a backup, or only the start of one; otherwise another key and another
/// kind of file cannot be told apart without the right key, so both are said.
pub(crate) fn not_opened(name: &str, len: u64, keys: &str) -> Error {
    if len < PAGE_BYTES || len % PAGE_BYTES != 0 {
        return Error::invalid(
            "file",
            format!(
                "{name} is not an AcuChart backup, or only part of one (the backup is \
                 incomplete): its {len} bytes are not whole pages of an encrypted database. \
                 Use another backup."
            ),
        );
    }
    Error::InvalidRecoveryKey(format!(
        "{name} does not open with {keys}. Either it was made under another database key \
         (before a key change, or by another clinic): give the recovery key that was current \
         when it was made; or it is not an AcuChart backup: use another backup."
    ))
}

/// SQLite's "database disk image is malformed", said about the backup by name.
pub(crate) fn damaged_as_such(name: &str) -> impl Fn(Error) -> Error + '_ {
    move |e| match e {
        Error::Storage(rusqlite::Error::SqliteFailure(f, _))
            if f.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            Error::invalid(
                "file",
                format!(
                    "{name} is damaged or cut short (the backup is incomplete): it cannot be \
                     read as a backup. Use another backup."
                ),
            )
        }
        other => other,
    }
}

/// Opens a backup with `key` and checks it: the key, `PRAGMA integrity_check`, and that it
/// is an AcuChart database of a schema this version can read. The file is not changed. A key
/// that does not open a file of whole pages is [`Error::WrongKey`]; the caller says which
/// keys were tried.
pub fn check_backup_file(path: &Path, key: &DbKey) -> Result<BackupCheck> {
    let (name, len) = backup_file_shape(path)?;
    let conn = db::open_read_only(path, key).map_err(|e| match e {
        Error::WrongKey if len < PAGE_BYTES || len % PAGE_BYTES != 0 => {
            not_opened(&name, len, CLINIC_KEY)
        }
        other => damaged_as_such(&name)(other),
    })?;
    check_length(&conn, &name, len)?;
    check_open(&conn, &name)
}

/// A backup is exactly its pages: bytes added after them or pages cut off mean the file is not
/// the one AcuChart wrote, however well the rest of it reads.
pub(crate) fn check_length(conn: &Connection, name: &str, len: u64) -> Result<()> {
    let bytes: i64 = conn
        .query_row(
            "SELECT (SELECT * FROM pragma_page_count()) * (SELECT * FROM pragma_page_size()) AS bytes",
            [],
            |r| r.get("bytes"),
        )
        .map_err(|e| damaged_as_such(name)(e.into()))?;
    let expected = u64::try_from(bytes).unwrap_or(0);
    if len == expected {
        return Ok(());
    }
    let what = if len > expected {
        format!(
            "is not the backup AcuChart wrote: {} bytes were added after its end",
            len - expected
        )
    } else {
        format!("is incomplete: it was cut short ({len} of {expected} bytes)")
    };
    Err(Error::invalid(
        "file",
        format!("{name} {what}. Use another backup."),
    ))
}

pub(crate) fn check_open(conn: &Connection, name: &str) -> Result<BackupCheck> {
    if let Err(problems) = db::integrity_check(conn).map_err(damaged_as_such(name))? {
        // SQLite's findings (tree and page numbers, many lines) are for the log, at info so
        // that a command line under --json still prints one error line; the person is told
        // what it means for them.
        tracing::info!(file = %name, %problems, "a backup failed its integrity check");
        return Err(Error::Conflict(format!(
            "The backup {name} is damaged: SQLite's integrity check failed on it, so it \
             cannot be used. Use another backup."
        )));
    }
    let latest = MIGRATIONS.last().map_or(0, |m| m.version);
    let schema_version = db::schema_version(conn).map_err(damaged_as_such(name))?;
    if schema_version > latest {
        return Err(Error::DatabaseTooNew {
            found: schema_version,
            known: latest,
        });
    }
    let not_ours = || {
        Error::invalid(
            "file",
            format!("{name} opens, but it is not an AcuChart clinic database."),
        )
    };
    if schema_version < 1 {
        return Err(not_ours());
    }
    let clinic_name = crate::settings::store::clinic_name(conn)
        .ok()
        .flatten()
        .ok_or_else(not_ours)?;
    let patients: i64 = conn
        .query_row("SELECT count(*) AS patient_count FROM patients", [], |r| {
            r.get("patient_count")
        })
        .map_err(|_| not_ours())?;
    Ok(BackupCheck {
        file_name: name.to_owned(),
        schema_version,
        latest_schema_version: latest,
        clinic_name,
        patients,
    })
}

pub(crate) fn remove_with_sidecars(path: &Path) -> Result<()> {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        match std::fs::remove_file(with_suffix(path, suffix)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// Re-encrypts one backup file from `old` to `new` (after a key change), through a temporary
/// copy renamed over the original. `Ok(false)` when the file does not open with `old`.
pub(crate) fn reencrypt_file(path: &Path, old: &DbKey, new: &DbKey) -> Result<bool> {
    let src = match db::open_read_only(path, old) {
        Ok(c) => c,
        Err(Error::WrongKey) => return Ok(false),
        Err(e) => return Err(e),
    };
    let temp = with_suffix(path, ".rekey");
    remove_with_sidecars(&temp)?;
    let written = (|| {
        let mut dest = db::create_backup_target(&temp, new)?;
        copy_pages(&src, &mut dest, BackupPhase::Copying, &mut |_| {})?;
        dest.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        dest.close().map_err(|(_, e)| Error::Storage(e))?;
        std::fs::File::open(&temp)?.sync_all()?;
        Ok(())
    })();
    drop(src);
    if let Err(e) = written {
        let _ = remove_with_sidecars(&temp);
        return Err(e);
    }
    std::fs::rename(&temp, path)?;
    if let Some(dir) = path.parent() {
        sync_dir(dir);
    }
    Ok(true)
}
