//! The audit log's hash chain: intact after normal use; rows changed, removed or inserted by
//! direct SQL are reported at the first broken row.

mod common;

use acuchart_core::auth::Role;
use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::NewPatient;
use acuchart_core::ErrorCode;
use common::*;
use rusqlite::Connection;

fn busy_clinic() -> Result<(Fixture, Connection), Box<dyn std::error::Error>> {
    let f = fixture()?;
    for name in ["Ames", "Bell", "Cruz"] {
        let p = f.clinic.create_patient(
            &f.admin,
            &NewPatient {
                given_name: "A".into(),
                family_name: name.into(),
                ..Default::default()
            },
        )?;
        f.clinic.patient(&f.admin, p.id)?;
    }
    let key = KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    let raw = db::open(f.vault.db_path(), &key, OpenMode::Existing)?;
    Ok((f, raw))
}

#[test]
fn normal_use_leaves_an_intact_chain() -> TestResult {
    let (f, _raw) = busy_clinic()?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, None, "{:?}", v.problem);
    assert!(
        v.rows_checked >= 8,
        "setup, logins, creates and reads are all recorded: {}",
        v.rows_checked
    );
    let desk = f.user("desk", &[Role::Receptionist])?;
    assert_eq!(
        f.clinic.verify_audit(&desk).err().map(|e| e.code()),
        Some(ErrorCode::PermissionDenied)
    );
    Ok(())
}

#[test]
fn the_database_refuses_updates_and_deletes_of_audit_rows() -> TestResult {
    let (_f, raw) = busy_clinic()?;
    let update = raw.execute("UPDATE audit_log SET action = 'read' WHERE id = 2", []);
    assert!(update.is_err_and(|e| e.to_string().contains("append-only")));
    assert!(raw
        .execute("DELETE FROM audit_log WHERE id = 2", [])
        .is_err());
    Ok(())
}

#[test]
fn a_row_changed_by_hand_is_reported() -> TestResult {
    let (f, raw) = busy_clinic()?;
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET entity_id = '999' WHERE id = 4;",
    )?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, Some(4));
    assert!(v.problem.is_some_and(|p| p.contains("changed")));
    Ok(())
}

#[test]
fn a_row_removed_by_hand_is_reported() -> TestResult {
    let (f, raw) = busy_clinic()?;
    raw.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;")?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, Some(4));
    assert!(v.problem.is_some_and(|p| p.contains("missing")));
    Ok(())
}

#[test]
fn a_row_inserted_by_hand_is_reported() -> TestResult {
    let (f, raw) = busy_clinic()?;
    let next: i64 = raw.query_row("SELECT max(id) + 1 FROM audit_log", [], |r| r.get(0))?;
    raw.execute(
        "INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, hash)
         VALUES (?1, '2026-01-01T00:00:00Z', 1, 'read', 'patient', '1', ?2)",
        (next, "ab".repeat(32)),
    )?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, Some(next));
    Ok(())
}
