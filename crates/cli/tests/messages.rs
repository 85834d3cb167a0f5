//! Issue 24, finding 11, through the real binary: a refusal says what is wrong and what to do.
//! Empty, random, cut-short and plain files given as backups are named for what they are, not
//! blamed on the key or on SQLite's "malformed"; `--db` on a folder or a plain SQLite file says
//! so instead of "key missing" or "already set up"; no message names the internal `.restore`
//! copy; a `--set` that does not fit names the field. Each error under `--json` is one
//! `{code, message, fields}` line, and afterwards the clinic opens, holds what it held, and its
//! audit chain verifies.

mod binary;

use std::path::{Path, PathBuf};

use binary::{refused_json, Res, TempDb};

/// Words that blamed the wrong thing before: none may appear in any of these refusals.
const MISLEADING: &[&str] = &[
    "made with another database key",
    "malformed",
    ".restore",
    "key is not in this computer's keyring",
    "already set up",
    "invalid type",
    "unknown variant",
    "btreeInitPage",
];

/// A clinic and the recovery key it was made with.
struct Db {
    clinic: TempDb,
    recovery_key: String,
}

impl std::ops::Deref for Db {
    type Target = TempDb;

    fn deref(&self) -> &TempDb {
        &self.clinic
    }
}

impl Db {
    /// The clinic still opens, still holds its one patient, and its audit chain verifies.
    fn intact(&self) -> Res<()> {
        let found = self.ok(&["patient", "search", "Okafor"])?;
        assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");
        let v = self.ok(&["audit", "verify"])?;
        assert!(v["first_broken_id"].is_null(), "{v}");
        let leftovers: Vec<String> = std::fs::read_dir(self.dir.path())?
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".restore"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        Ok(())
    }
}

/// Refused under `--json` with one `{code, message, fields}` line and nothing on standard
/// output; the message says `says` and none of the misleading words. Returns the message.
fn refused(db: &Path, args: &[&str], says: &str) -> Res<String> {
    let err = refused_json(db, args)?;
    assert!(err["code"].is_string() && err["fields"].is_array(), "{err}");
    let message = err["message"].as_str().unwrap_or_default().to_owned();
    assert!(message.contains(says), "{args:?}: {message}");
    for word in MISLEADING {
        assert!(!message.contains(word), "{args:?} says {word:?}: {message}");
    }
    Ok(message)
}

fn clinic() -> Res<Db> {
    let mut db = Db {
        clinic: TempDb::new()?,
        recovery_key: String::new(),
    };
    let made = db.ok(&[
        "init",
        "--clinic-name",
        "Harbour",
        "--time-zone",
        "Europe/London",
        "--admin-username",
        "mei",
        "--admin-name",
        "Dr. Lin Mei",
    ])?;
    db.recovery_key = made["recovery_key"].as_str().unwrap_or_default().to_owned();
    db.ok(&["patient", "add", "--given", "Ngozi", "--family", "Okafor"])?;
    Ok(db)
}

/// A real SQLite database, unencrypted: what another program leaves behind.
fn plain_sqlite(path: &Path) -> Res<()> {
    if path.exists() {
        std::fs::remove_file(path)?;
    }
    let conn = rusqlite::Connection::open(path)?;
    conn.execute_batch("CREATE TABLE patients (name TEXT); INSERT INTO patients VALUES ('x');")?;
    Ok(())
}

/// Deterministic noise (no random source needed): bytes that look like nothing.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x.to_le_bytes()[0]
        })
        .collect()
}

/// The damaged files every backup command is given, with what its refusal must say.
fn bad_backups(db: &Db) -> Res<Vec<(PathBuf, &'static str)>> {
    let made = db.ok(&["backup", "create"])?;
    let good = std::fs::read(made["path"].as_str().ok_or("no backup path")?)?;
    let other = Db {
        clinic: TempDb::new()?,
        recovery_key: String::new(),
    };
    other.ok(&[
        "init",
        "--clinic-name",
        "Elsewhere",
        "--admin-username",
        "mei",
        "--admin-name",
        "Dr. Other",
    ])?;
    let foreign = other.ok(&["backup", "create"])?;
    let foreign = std::fs::read(foreign["path"].as_str().ok_or("no backup path")?)?;
    let page = 4096;
    // Bytes flipped inside page 2 (a table's root): the key opens the file, the page does not.
    let mut flipped = good.clone();
    for b in &mut flipped[page + 100..page + 164] {
        *b ^= 0xff;
    }
    let cases: Vec<(&str, Vec<u8>, &'static str)> = vec![
        (
            "empty.db",
            Vec::new(),
            "is empty: it is not an AcuChart backup",
        ),
        ("random.db", noise(10_000), "is not an AcuChart backup"),
        ("tiny.db", good[..100].to_vec(), "is not an AcuChart backup"),
        (
            "halfpage.db",
            good[..page + page / 2].to_vec(),
            "incomplete",
        ),
        ("half.db", good[..good.len() / 2].to_vec(), "cut short"),
        ("onepage.db", good[..page].to_vec(), "cut short"),
        (
            "pages.db",
            noise(2 * page),
            "or it is not an AcuChart backup",
        ),
        ("foreign.db", foreign, "does not open with"),
        ("flipped.db", flipped, "is damaged"),
    ];
    let mut out = Vec::new();
    for (name, bytes, says) in cases {
        let file = db.dir.path().join(name);
        std::fs::write(&file, bytes)?;
        out.push((file, says));
    }
    let plain = db.dir.path().join("plain.db");
    plain_sqlite(&plain)?;
    out.push((
        plain,
        "plain, unencrypted SQLite file: it is not an AcuChart backup",
    ));
    Ok(out)
}

#[test]
fn damaged_and_foreign_backups_are_named_for_what_they_are() -> Res<()> {
    let db = clinic()?;
    let mut tried = 0;
    for (file, says) in bad_backups(&db)? {
        let name = file.to_string_lossy();
        for verb in ["verify", "restore"] {
            refused(&db.path(), &["backup", verb, &name], says)?;
            tried += 1;
        }
        db.intact()?;
    }
    // Restoring on a new computer (no clinic at --db) reads the file the same way.
    let fresh = db.dir.path().join("new").join("clinic.db");
    for (file, says) in bad_backups(&db)? {
        let name = file.to_string_lossy();
        let key = db.recovery_key.as_str();
        refused(
            &fresh,
            &["--recovery-key", key, "backup", "restore", &name],
            says,
        )?;
        assert!(!fresh.exists(), "{name}: a database was left at --db");
        tried += 1;
    }
    println!("{tried} damaged, foreign or plain backups refused by name");
    Ok(())
}

#[test]
fn db_on_a_folder_or_a_plain_sqlite_file_says_so_and_touches_nothing() -> Res<()> {
    let db = clinic()?;
    let plain = db.dir.path().join("other-program.db");
    plain_sqlite(&plain)?;
    let before = std::fs::read(&plain)?;
    let init = [
        "init",
        "--clinic-name",
        "Harbour",
        "--admin-username",
        "mei",
        "--admin-name",
        "Dr. Lin Mei",
    ];
    let mut tried = 0;
    for args in [
        &["patient", "search", "x"][..],
        &["status"][..],
        &init[..],
        &["backup", "list"][..],
        &["--recovery-key", "ABCD", "patient", "search", "x"][..],
    ] {
        let message = refused(&plain, args, "plain, unencrypted SQLite file")?;
        assert!(message.contains("left untouched"), "{message}");
        assert!(
            message.contains("name the clinic's own database file"),
            "{message}"
        );
        tried += 1;
    }
    assert_eq!(std::fs::read(&plain)?, before, "the plain file was changed");
    let folder = db.dir.path().join("a-folder");
    std::fs::create_dir(&folder)?;
    for args in [&["patient", "search", "x"][..], &["status"][..], &init[..]] {
        refused(&folder, args, "is not a database file (it is a folder)")?;
        tried += 1;
    }
    assert_eq!(
        std::fs::read_dir(&folder)?.count(),
        0,
        "the folder was written to"
    );
    db.intact()?;
    println!("{tried} commands on a folder or a plain SQLite file refused by name");
    Ok(())
}

#[test]
fn a_set_that_does_not_fit_names_the_field_and_changes_nothing() -> Res<()> {
    let db = clinic()?;
    let before = db.ok(&["patient", "show", "1"])?;
    for (set, says) in [
        ("given_name=", "given_name cannot be empty: give a value."),
        ("given_name=  ", "given_name cannot be empty"),
        (
            "sex=Female",
            "sex cannot be \"Female\": use one of female, male",
        ),
    ] {
        refused(&db.path(), &["patient", "edit", "1", "--set", set], says)?;
    }
    let after = db.ok(&["patient", "show", "1"])?;
    assert_eq!(
        (&before["given_name"], &before["sex"]),
        (&after["given_name"], &after["sex"])
    );
    db.intact()?;
    Ok(())
}
