//! Encrypted backups and restore on real SQLCipher files and the real keyring.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use acuchart_core::backup::{self, check_backup_file, BackupKind, BackupProgress, BackupSettings};
use acuchart_core::db::{self, OpenMode, MIGRATIONS};
use acuchart_core::keys::{DbKey, KeyStore, RecoveryKey};
use acuchart_core::patients::{NewPatient, PatientQuery};
use acuchart_core::vault::Vault;
use acuchart_core::ErrorCode;
use common::*;
use rusqlite::types::Value;
use rusqlite::Connection;

type Tables = BTreeMap<String, Vec<Vec<Value>>>;

/// Every table's rows (sorted) and the schema, read through a fresh connection.
fn dump(path: &Path, key: &DbKey) -> Result<Tables, Box<dyn std::error::Error>> {
    let conn = db::open(path, key, OpenMode::Existing)?;
    dump_conn(&conn)
}

fn dump_conn(conn: &Connection) -> Result<Tables, Box<dyn std::error::Error>> {
    let mut out = Tables::new();
    let mut schema: Vec<Vec<Value>> = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")?
        .query_map([], |r| Ok(vec![r.get(0)?, r.get(1)?, r.get(2)?]))?
        .collect::<rusqlite::Result<_>>()?;
    schema.sort_by_key(|r| format!("{r:?}"));
    out.insert("<schema>".into(), schema);
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND sql NOT LIKE 'CREATE VIRTUAL%'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\""))?;
        let n = stmt.column_count();
        let mut rows: Vec<Vec<Value>> = stmt
            .query_map([], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())?
            .collect::<rusqlite::Result<_>>()?;
        rows.sort_by_key(|r| format!("{r:?}"));
        out.insert(t, rows);
    }
    Ok(out)
}

fn key_of(f: &Fixture) -> Result<DbKey, Box<dyn std::error::Error>> {
    KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or_else(|| "no key in the keyring".into())
}

/// Equal in every table; the restored audit log may only have gained its "restore" row.
fn assert_same_content(before: &Tables, after: &Tables) {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (table, rows) in before {
        let restored = &after[table];
        if table == "audit_log" {
            assert_eq!(restored.len(), rows.len() + 1, "one restore row added");
            let mut without_last = restored.clone();
            without_last.sort_by_key(|r| match r.first() {
                Some(Value::Integer(i)) => *i,
                _ => 0,
            });
            let last = without_last.pop();
            assert!(matches!(&last, Some(r) if r.contains(&Value::Text("restore".into()))));
            without_last.sort_by_key(|r| format!("{r:?}"));
            assert_eq!(&without_last, rows, "audit_log");
        } else {
            assert!(restored == rows, "table {table} differs after the restore");
        }
    }
}

#[test]
fn a_demo_clinic_backs_up_and_restores_equal_in_every_table() -> TestResult {
    let f = fixture()?;
    // A whole generated clinic: patients, staff, twenty years of appointments and notes.
    let made = f
        .clinic
        .generate_demo_clinic(&f.admin, 1, 7, |_, _, _| {})?;
    assert!(made.patients >= 6_000 && made.notes > 40_000);
    let key = key_of(&f)?;
    let original = dump(f.vault.db_path(), &key)?;
    assert!(original["patients"].len() >= 6_000);
    assert!(original["visit_points"].len() > 400_000);

    let mut steps: Vec<BackupProgress> = Vec::new();
    let info = f.clinic.create_backup(&f.admin, &mut |p| steps.push(p))?;
    assert_eq!(info.kind, BackupKind::Manual);
    assert!(
        steps.len() >= 2,
        "progress is reported while copying: {steps:?}"
    );
    let last = steps.last().copied();
    assert!(matches!(last, Some(p) if p.done == p.total && p.total > 100));
    let raw = std::fs::read(&info.path)?;
    assert!(
        !raw.starts_with(b"SQLite format 3"),
        "the backup is encrypted"
    );
    let check = f
        .clinic
        .verify_backup(&f.admin, Path::new(&info.path), None)?;
    assert_eq!(check.patients, original["patients"].len() as i64);

    // Life goes on after the backup, then the backup is restored over it.
    let later = f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Afterwards".into(),
            family_name: "Registered".into(),
            ..Default::default()
        },
    )?;
    let report = f
        .clinic
        .restore_backup(&f.admin, Path::new(&info.path), None, &mut |_| {})?;
    let kept = report
        .previous_database
        .ok_or("the current database was not kept")?;
    assert_eq!(kept.kind, BackupKind::PreRestore);
    assert_same_content(&original, &dump(f.vault.db_path(), &key)?);
    // The same open clinic sees the restored data at once; the newer patient is in the
    // pre-restore backup.
    let found = f.clinic.search_patients(
        &f.admin,
        &PatientQuery {
            text: "Afterwards Registered".into(),
            include_archived: true,
            limit: None,
        },
    )?;
    assert!(found.is_empty());
    let kept_check = check_backup_file(Path::new(&kept.path), &key)?;
    assert_eq!(kept_check.patients, check.patients + 1);
    assert!(later.chart_number > 0);
    assert_eq!(f.clinic.verify_audit(&f.admin)?.first_broken_id, None);

    // On a new computer: nothing but the backup file and the recovery key.
    let elsewhere = tempfile::tempdir()?;
    let new_path = elsewhere.path().join("acuchart.db");
    let _guard = KeyGuard(new_path.clone());
    let vault = Vault::new(&new_path, KeyStore::default());
    let (clinic, _) = vault.restore_new(Path::new(&info.path), &f.recovery_key, &mut |_| {})?;
    drop(clinic);
    assert_same_content(&original, &dump(&new_path, &key)?);
    let reopened = vault.open()?;
    let owner = reopened.login(ADMIN, PASSWORD)?;
    assert_eq!(reopened.verify_audit(&owner)?.first_broken_id, None);
    Ok(())
}

#[test]
fn a_backup_taken_while_others_write_is_one_consistent_snapshot() -> TestResult {
    let f = fixture()?;
    f.clinic.generate_demo(&f.admin, 1, 3, |_, _| {})?;
    let key = key_of(&f)?;
    // A second connection writes while the backup copies page by page.
    let writer_path = f.vault.db_path().to_path_buf();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let stop2 = stop.clone();
    let writer = std::thread::spawn(move || -> Result<u32, String> {
        let conn = db::open(&writer_path, &key, OpenMode::Existing).map_err(|e| e.to_string())?;
        let mut n = 0;
        while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
            conn.execute(
                "UPDATE patients SET front_desk_notes = ?1 WHERE id = (?1 % 6000) + 1",
                [n],
            )
            .map_err(|e| e.to_string())?;
            n += 1;
            // A clinic writes often, not without pause: a writer that never yields starves
            // the backup's own audit row past the busy timeout on a loaded machine.
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        Ok(n)
    });
    let info = f.clinic.create_backup(&f.admin, &mut |_| {})?;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let writes = writer.join().map_err(|_| "writer panicked")??;
    assert!(writes > 0);
    let check = check_backup_file(Path::new(&info.path), &key_of(&f)?)?;
    assert!(check.patients >= 6_000);
    Ok(())
}

#[test]
fn restore_refuses_a_damaged_foreign_or_newer_file_and_changes_nothing() -> TestResult {
    let f = fixture()?;
    let key = key_of(&f)?;
    let before = dump(f.vault.db_path(), &key)?;
    let dir = tempfile::tempdir()?;

    // Another clinic's backup: a well-formed file under another key.
    let other_path = dir.path().join("other.db");
    let other_key = DbKey::generate()?;
    let mut other = db::open(&other_path, &other_key, OpenMode::CreateNew)?;
    db::apply_migrations(&mut other, MIGRATIONS)?;
    drop(other);
    let err = f
        .clinic
        .restore_backup(&f.admin, &other_path, None, &mut |_| {})
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::InvalidRecoveryKey));

    // A newer schema than this version knows.
    let newer = dir.path().join("newer.db");
    let mut conn = db::open(&newer, &key, OpenMode::CreateNew)?;
    db::apply_migrations(&mut conn, MIGRATIONS)?;
    conn.pragma_update(None, "user_version", 999)?;
    drop(conn);
    let err = f
        .clinic
        .restore_backup(&f.admin, &newer, None, &mut |_| {})
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::DatabaseTooNew));

    // A good backup with bytes flipped in the middle.
    let good = f.clinic.create_backup(&f.admin, &mut |_| {})?;
    let mut bytes = std::fs::read(&good.path)?;
    let mid = bytes.len() / 2;
    for b in &mut bytes[mid..mid + 64] {
        *b ^= 0xff;
    }
    let damaged = dir.path().join("damaged.db");
    std::fs::write(&damaged, bytes)?;
    let err = f
        .clinic
        .restore_backup(&f.admin, &damaged, None, &mut |_| {})
        .err();
    assert!(
        matches!(
            err.as_ref().map(|e| e.code()),
            Some(ErrorCode::Conflict | ErrorCode::Storage | ErrorCode::WrongKey)
        ),
        "{err:?}"
    );

    // A file that is not there.
    let err = f
        .clinic
        .restore_backup(&f.admin, &dir.path().join("missing"), None, &mut |_| {})
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::InvalidInput));

    let mut after = dump(f.vault.db_path(), &key)?;
    // Only the manual backup's audit row is new; no restore happened.
    let audit_rows = after.get_mut("audit_log").map(|r| r.len());
    assert_eq!(audit_rows, before.get("audit_log").map(|r| r.len() + 1));
    after.remove("audit_log");
    let mut before = before;
    before.remove("audit_log");
    assert!(before == after, "a refused restore changed the database");
    let pre_restore = backup::list_folder(&f.clinic.backup_folder()?)?
        .into_iter()
        .filter(|b| b.kind == BackupKind::PreRestore)
        .count();
    assert_eq!(
        pre_restore, 0,
        "nothing was replaced, so nothing was kept aside"
    );
    Ok(())
}

/// A database at an older schema (the first `version` migrations), with one patient row.
fn old_database(path: &Path, key: &DbKey, version: usize) -> TestResult {
    let mut conn = db::open(path, key, OpenMode::CreateNew)?;
    db::apply_migrations(&mut conn, &MIGRATIONS[..version])?;
    conn.execute(
        "INSERT INTO clinic_settings (id, name, time_zone, date_format, created_at) VALUES (1, 'Old Clinic', 'UTC', 'dmy', '2025-01-01T00:00:00Z')",
        [],
    )?;
    conn.execute(
        "INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (1, 'old', 'Old Admin', 'x', '2025-01-01')",
        [],
    )?;
    conn.execute(
        "INSERT INTO patients (chart_number, given_name, family_name, created_at, created_by, updated_at, updated_by) VALUES (1, 'Oldfield', 'Ancient', '2025-01-01', 1, '2025-01-01', 1)",
        [],
    )?;
    db::checkpoint(&conn)?;
    Ok(())
}

#[test]
fn a_backup_from_an_older_schema_restores_and_is_migrated() -> TestResult {
    let f = fixture()?;
    let key = key_of(&f)?;
    let dir = tempfile::tempdir()?;
    let old = dir.path().join("old-backup.db");
    old_database(&old, &key, 2)?;
    let original = std::fs::read(&old)?;
    let report = f.clinic.restore_backup(&f.admin, &old, None, &mut |_| {})?;
    assert_eq!(report.restored.schema_version, 2);
    let latest = MIGRATIONS.last().map_or(0, |m| m.version);
    assert_eq!(report.schema_version_now, latest);
    assert_eq!(f.clinic.schema_version()?, latest);
    assert_eq!(
        std::fs::read(&old)?,
        original,
        "the backup file itself is never changed"
    );
    let restored = dump(f.vault.db_path(), &key)?;
    assert_eq!(restored["patients"].len(), 1);
    Ok(())
}

#[test]
fn opening_an_older_database_snapshots_it_before_migrating() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = db_path(dir.path());
    let _guard = KeyGuard(path.clone());
    let key = DbKey::generate()?;
    old_database(&path, &key, 3)?;
    KeyStore::default().save(&path, &key)?;
    let clinic = Vault::new(&path, KeyStore::default()).open()?;
    let latest = MIGRATIONS.last().map_or(0, |m| m.version);
    assert_eq!(clinic.schema_version()?, latest);
    let snaps = backup::list_folder(&dir.path().join("backups"))?;
    assert_eq!(snaps.len(), 1);
    assert_eq!(snaps[0].kind, BackupKind::PreMigration);
    let check = check_backup_file(Path::new(&snaps[0].path), &key)?;
    assert_eq!(
        check.schema_version, 3,
        "the snapshot is the database as it was"
    );
    // Opening again (nothing to migrate) takes no second snapshot.
    drop(clinic);
    drop(Vault::new(&path, KeyStore::default()).open()?);
    assert_eq!(backup::list_folder(&dir.path().join("backups"))?.len(), 1);
    Ok(())
}

#[test]
fn scheduled_backups_run_when_due_and_go_to_the_configured_folder() -> TestResult {
    let f = fixture()?;
    let drive = tempfile::tempdir()?;
    let folder = drive.path().join("clinic-backups");
    let settings = BackupSettings {
        folder: Some(folder.display().to_string()),
        ..BackupSettings::default()
    };
    let overview = f.clinic.update_backup_settings(&f.admin, &settings)?;
    assert_eq!(overview.folder, folder.display().to_string());
    let now = chrono::Utc::now();
    let first = f.clinic.run_scheduled_backup(now)?;
    assert!(matches!(&first, Some(b) if b.kind == BackupKind::Automatic));
    assert_eq!(
        f.clinic.run_scheduled_backup(now)?,
        None,
        "not due again yet"
    );
    let tomorrow = now + chrono::Duration::hours(25);
    let second = f
        .clinic
        .run_scheduled_backup(tomorrow)?
        .ok_or("due after a day")?;
    // Both files were written today, so the day's newest is the one kept.
    let kept = backup::list_folder(&folder)?;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].file_name, second.file_name);

    let bad = BackupSettings {
        folder: Some("relative/folder".into()),
        interval_hours: 0,
        ..BackupSettings::default()
    };
    let err = f.clinic.update_backup_settings(&f.admin, &bad).err();
    let fields: Vec<String> = match err {
        Some(acuchart_core::Error::Invalid(fields)) => {
            fields.into_iter().map(|f| f.field).collect()
        }
        other => return Err(format!("expected field errors, got {other:?}").into()),
    };
    assert_eq!(fields, ["folder", "interval_hours"]);
    Ok(())
}

#[test]
fn only_admins_back_up_restore_or_change_backup_settings() -> TestResult {
    let f = fixture()?;
    let info = f.clinic.create_backup(&f.admin, &mut |_| {})?;
    for role in [
        acuchart_core::auth::Role::Practitioner,
        acuchart_core::auth::Role::Receptionist,
    ] {
        let who = f.user(&format!("u{}", role.as_str()), &[role])?;
        let denied = |r: Result<(), acuchart_core::Error>| r.err().map(|e| e.code());
        assert_eq!(
            denied(f.clinic.create_backup(&who, &mut |_| {}).map(|_| ())),
            Some(ErrorCode::PermissionDenied)
        );
        assert_eq!(
            denied(f.clinic.backup_overview(&who).map(|_| ())),
            Some(ErrorCode::PermissionDenied)
        );
        assert_eq!(
            denied(
                f.clinic
                    .restore_backup(&who, Path::new(&info.path), None, &mut |_| {})
                    .map(|_| ())
            ),
            Some(ErrorCode::PermissionDenied)
        );
        assert_eq!(
            denied(
                f.clinic
                    .update_backup_settings(&who, &BackupSettings::default())
                    .map(|_| ())
            ),
            Some(ErrorCode::PermissionDenied)
        );
    }
    let _ = RecoveryKey::parse(&f.recovery_key)?;
    Ok(())
}
