//! Connections, pragmas and migrations on a real SQLCipher database.

mod common;

use acuchart_core::db::{self, apply_migrations, schema_version, Migration, OpenMode, MIGRATIONS};
use acuchart_core::keys::DbKey;
use acuchart_core::ErrorCode;
use common::TestResult;

fn fresh() -> Result<(tempfile::TempDir, std::path::PathBuf, DbKey), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("t.db");
    Ok((dir, path, DbKey::generate()?))
}

#[test]
fn every_connection_gets_wal_foreign_keys_full_sync_and_memory_temp() -> TestResult {
    let (_dir, path, key) = fresh()?;
    let conn = db::open(&path, &key, OpenMode::CreateNew)?;
    let get = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, rusqlite::types::Value>(0));
    assert_eq!(
        get("PRAGMA journal_mode")?,
        rusqlite::types::Value::Text("wal".into())
    );
    assert_eq!(
        get("PRAGMA foreign_keys")?,
        rusqlite::types::Value::Integer(1)
    );
    assert_eq!(
        get("PRAGMA synchronous")?,
        rusqlite::types::Value::Integer(2)
    );
    assert_eq!(
        get("PRAGMA temp_store")?,
        rusqlite::types::Value::Integer(2)
    );
    assert!(
        matches!(get("PRAGMA cipher_version")?, rusqlite::types::Value::Text(v) if v.starts_with('4'))
    );
    Ok(())
}

#[test]
fn migrations_bring_a_new_database_to_the_latest_version_once() -> TestResult {
    let (_dir, path, key) = fresh()?;
    let mut conn = db::open(&path, &key, OpenMode::CreateNew)?;
    apply_migrations(&mut conn, MIGRATIONS)?;
    apply_migrations(&mut conn, MIGRATIONS)?;
    let latest = MIGRATIONS.last().map(|m| m.version);
    assert_eq!(Some(schema_version(&conn)?), latest);
    let recorded: i64 =
        conn.query_row("SELECT count(*) FROM schema_migrations", [], |r| r.get(0))?;
    assert_eq!(recorded, MIGRATIONS.len() as i64);
    Ok(())
}

#[test]
fn a_failing_migration_leaves_the_database_as_it_was() -> TestResult {
    let (_dir, path, key) = fresh()?;
    let mut conn = db::open(&path, &key, OpenMode::CreateNew)?;
    apply_migrations(&mut conn, MIGRATIONS)?;
    let before = schema_version(&conn)?;
    let mut with_bad = MIGRATIONS.to_vec();
    with_bad.push(Migration {
        version: before + 1,
        name: "broken",
        sql: "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);",
    });
    let err = apply_migrations(&mut conn, &with_bad)
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::Internal));
    assert_eq!(schema_version(&conn)?, before);
    let leftover: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'",
        [],
        |r| r.get(0),
    )?;
    assert_eq!(
        leftover, 0,
        "the failed migration's first statement must be rolled back"
    );
    Ok(())
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() -> TestResult {
    let (_dir, path, key) = fresh()?;
    let mut conn = db::open(&path, &key, OpenMode::CreateNew)?;
    apply_migrations(&mut conn, MIGRATIONS)?;
    conn.pragma_update(None, "user_version", 999)?;
    let err = apply_migrations(&mut conn, MIGRATIONS)
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::DatabaseTooNew));
    assert_eq!(schema_version(&conn)?, 999);
    Ok(())
}

#[test]
fn every_migration_file_is_embedded_in_order() -> TestResult {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut files: Vec<String> = std::fs::read_dir(&dir)?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    files.sort();
    let embedded: Vec<String> = MIGRATIONS
        .iter()
        .map(|m| format!("{}.sql", m.name))
        .collect();
    assert_eq!(files, embedded);
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(
            m.version,
            i as i64 + 1,
            "versions are numbered 1, 2, 3… without gaps"
        );
        assert!(m.name.starts_with(&format!("{:04}_", m.version)));
    }
    Ok(())
}

#[test]
fn migrations_are_numbered_one_after_another_and_named_by_their_number() {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        let expected = i as i64 + 1;
        assert_eq!(m.version, expected, "migration {} out of sequence", m.name);
        assert!(
            m.name.starts_with(&format!("{expected:04}_")),
            "migration {} is not named {expected:04}_…",
            m.name
        );
    }
}
