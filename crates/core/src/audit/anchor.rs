//! The chain's head kept outside the database, in `<database>.audit-head` beside it: the
//! number of rows and the newest row's hash. The chain alone cannot show that its newest rows
//! were removed (what is left is still a valid chain); the anchor can, because it remembers a
//! row that is no longer there.
//!
//! The anchor only moves forward along the same chain: after each committed write the app
//! checks that the anchored row is still in the database with the anchored hash before it
//! writes the new head, so a log shortened or rewritten by hand is never re-anchored and stays
//! detectable. A legitimate shortening (restoring a backup) is accepted explicitly by an admin
//! ([`crate::Clinic::reset_audit_anchor`]).
//!
//! Why a file and not the keyring: it is written after every audited request (each opening of
//! a record), which is cheap for a file and slow over D-Bus; and it travels with the database
//! when the folder is copied. It holds no patient data. Someone with the database key who
//! edits the log *and* rewrites this file consistently is not caught; a missing file is
//! reported as such.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Head {
    pub rows: i64,
    pub hash: String,
}

pub(crate) enum Anchor {
    Missing,
    Unreadable(String),
    Found(Head),
}

pub(crate) fn path_for(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_os_string();
    name.push(".audit-head");
    PathBuf::from(name)
}

pub(crate) fn read(db: &Path) -> Anchor {
    let path = path_for(db);
    match std::fs::read(&path) {
        Ok(bytes) => match serde_json::from_slice::<Head>(&bytes) {
            Ok(head) if head.rows >= 0 && head.hash.len() == 64 => Anchor::Found(head),
            Ok(_) => Anchor::Unreadable(format!("{} holds an impossible head", path.display())),
            Err(e) => Anchor::Unreadable(format!("{} is damaged: {e}", path.display())),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Anchor::Missing,
        Err(e) => Anchor::Unreadable(format!("{} could not be read: {e}", path.display())),
    }
}

/// Replaces the anchor atomically (a temporary file renamed over it).
pub(crate) fn write(db: &Path, head: &Head) -> Result<()> {
    write_file(&path_for(db), head)
}

fn write_file(path: &Path, head: &Head) -> Result<()> {
    let path = path.to_path_buf();
    let mut tmp = path.as_os_str().to_os_string();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let text = serde_json::to_vec(head).map_err(|e| Error::Internal(e.to_string()))?;
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, &path)?;
    Ok(())
}

pub(crate) fn remove(db: &Path) -> Result<()> {
    match std::fs::remove_file(path_for(db)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// `<database>.audit-head.restoring`: the head of a backup being restored, written before its
/// pages replace the live database's. A restore shortens the log legitimately, but the anchor
/// can only follow once the restore has committed; a crash between the two would otherwise
/// leave an anchor that no longer matches, reported as tampering.
fn restore_marker_path(db: &Path) -> PathBuf {
    let mut name = path_for(db).into_os_string();
    name.push(".restoring");
    PathBuf::from(name)
}

pub(crate) fn mark_restore(db: &Path, restored: &Head) -> Result<()> {
    write_file(&restore_marker_path(db), restored)
}

/// After a restore, or at the next start if the app died during one: when the live log is
/// the restored one (its row `restored.rows` is the backup's, and at most the restore's own
/// audit row follows), its head becomes the anchor. Otherwise the restore never landed and
/// the anchor stays. Either way the marker goes.
pub(crate) fn settle_restore(conn: &Connection, db: &Path) -> Result<()> {
    let marker = restore_marker_path(db);
    let bytes = match std::fs::read(&marker) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if let Ok(restored) = serde_json::from_slice::<Head>(&bytes) {
        let landed = match current_head(conn)? {
            Some(head) => head.rows <= restored.rows + 1 && still_in_chain(conn, &restored)?,
            None => restored.rows == 0,
        };
        if landed {
            remove(db)?;
            if let Some(head) = current_head(conn)? {
                write(db, &head)?;
            }
        }
    }
    std::fs::remove_file(&marker)?;
    Ok(())
}

pub(crate) fn current_head(conn: &Connection) -> Result<Option<Head>> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| {
                Ok(Head {
                    rows: r.get("id")?,
                    hash: r.get("hash")?,
                })
            },
        )
        .optional()?)
}

/// Whether the database still holds the anchored row unchanged.
pub(crate) fn still_in_chain(conn: &Connection, anchored: &Head) -> Result<bool> {
    if anchored.rows == 0 {
        return Ok(true);
    }
    let hash: Option<String> = conn
        .query_row(
            "SELECT hash FROM audit_log WHERE id = ?1",
            [anchored.rows],
            |r| r.get("hash"),
        )
        .optional()?;
    Ok(hash.as_deref() == Some(anchored.hash.as_str()))
}

/// After a committed write: moves the anchor to the current head if the anchored row is still
/// in the chain. `seen` remembers the last head handled, so requests that wrote no audit row
/// cost one indexed query.
pub(crate) fn advance(conn: &Connection, db: &Path, seen: &mut Option<Head>) -> Result<()> {
    let Some(head) = current_head(conn)? else {
        return Ok(());
    };
    if seen.as_ref() == Some(&head) {
        return Ok(());
    }
    match read(db) {
        Anchor::Found(anchored) if anchored == head => {}
        Anchor::Found(anchored) => {
            if anchored.rows > head.rows || !still_in_chain(conn, &anchored)? {
                // Keep the evidence: verify will report it. Not remembered in `seen`, so the
                // next write checks again.
                tracing::warn!(
                    anchored_rows = anchored.rows,
                    rows = head.rows,
                    "the audit log no longer contains its anchored head; the anchor is kept"
                );
                return Ok(());
            }
            write(db, &head)?;
        }
        // No anchor yet (a new or copied database), or one damaged by a crash mid-write.
        Anchor::Missing | Anchor::Unreadable(_) => write(db, &head)?,
    }
    *seen = Some(head);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log of `rows` rows whose hashes are `prefix` + id; the same prefix = the same chain.
    fn log(rows: i64, prefix: char) -> Result<Connection> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("CREATE TABLE audit_log (id INTEGER PRIMARY KEY, hash TEXT NOT NULL)")?;
        for id in 1..=rows {
            conn.execute(
                "INSERT INTO audit_log (id, hash) VALUES (?1, ?2)",
                (id, format!("{prefix}{id:063}")),
            )?;
        }
        Ok(conn)
    }

    fn head(rows: i64, prefix: char) -> Head {
        Head {
            rows,
            hash: format!("{prefix}{rows:063}"),
        }
    }

    fn anchored(db: &Path) -> Option<Head> {
        match read(db) {
            Anchor::Found(h) => Some(h),
            _ => None,
        }
    }

    #[test]
    fn a_restore_that_committed_before_a_crash_becomes_the_anchor() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("acuchart.db");
        // Before: 9 rows anchored. The backup held the first 5; after the restore the log is
        // those 5 plus the restore's own row (a new hash), and the app died before the anchor
        // moved.
        write(&db, &head(9, 'a'))?;
        mark_restore(&db, &head(5, 'a'))?;
        let conn = log(5, 'a')?;
        conn.execute(
            "INSERT INTO audit_log (id, hash) VALUES (6, ?1)",
            [format!("r{:063}", 6)],
        )?;
        settle_restore(&conn, &db)?;
        assert_eq!(anchored(&db), Some(head(6, 'r')));
        assert!(!restore_marker_path(&db).exists());
        Ok(())
    }

    #[test]
    fn a_restore_that_never_landed_leaves_the_anchor_alone() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("acuchart.db");
        write(&db, &head(9, 'a'))?;
        mark_restore(&db, &head(5, 'a'))?;
        settle_restore(&log(9, 'a')?, &db)?;
        assert_eq!(anchored(&db), Some(head(9, 'a')));
        assert!(!restore_marker_path(&db).exists());
        // Nor does a marker for another chain move it.
        mark_restore(&db, &head(9, 'z'))?;
        settle_restore(&log(9, 'a')?, &db)?;
        assert_eq!(anchored(&db), Some(head(9, 'a')));
        Ok(())
    }
}
