//! The database key: rotation, crash-safe settling of an interrupted rotation, and keyring
//! service names. Real keyring (run under scripts/with-keyring.sh), real SQLCipher files.

mod common;

use std::path::Path;

use acuchart_core::auth::Role;
use acuchart_core::backup::check_backup_file;
use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::{DbKey, KeyStore, RecoveryKey};
use acuchart_core::patients::{NewPatient, PatientQuery};
use acuchart_core::vault::{Vault, VaultState};
use acuchart_core::ErrorCode;
use common::*;

fn current_key(path: &Path) -> Result<DbKey, Box<dyn std::error::Error>> {
    KeyStore::default()
        .load(path)?
        .ok_or_else(|| "no key in the keyring".into())
}

fn patient(f: &Fixture, family: &str) -> TestResult {
    f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Rotated".into(),
            family_name: family.into(),
            ..Default::default()
        },
    )?;
    Ok(())
}

fn finds(
    clinic: &acuchart_core::Clinic,
    actor: &acuchart_core::auth::Actor,
    text: &str,
) -> Result<usize, Box<dyn std::error::Error>> {
    Ok(clinic
        .search_patients(
            actor,
            &PatientQuery {
                text: text.into(),
                include_archived: false,
                limit: None,
            },
        )?
        .len())
}

#[test]
fn after_a_rotation_the_old_key_and_old_recovery_key_are_refused() -> TestResult {
    let f = fixture()?;
    let path = f.vault.db_path().to_path_buf();
    patient(&f, "Beforehand")?;
    let old_key = current_key(&path)?;
    let old_backup = f.clinic.create_backup(&f.admin, &mut |_| {})?;

    let rotation = f.vault.rotate_key(&f.clinic, &f.admin)?;
    assert_eq!(rotation.backups_reencrypted, 1);
    assert!(rotation.backups_left.is_empty());
    let new_key = current_key(&path)?;
    assert!(new_key != old_key);
    assert!(RecoveryKey::parse(rotation.recovery_key.as_str())? == new_key);
    assert!(KeyStore::default().load_pending(&path)?.is_none());

    // The open clinic carries on under the new key, backups included.
    patient(&f, "Afterwards")?;
    assert_eq!(finds(&f.clinic, &f.admin, "rotated")?, 2);
    let new_backup = f.clinic.create_backup(&f.admin, &mut |_| {})?;
    for b in [&old_backup, &new_backup] {
        check_backup_file(Path::new(&b.path), &new_key)?;
        let refused = check_backup_file(Path::new(&b.path), &old_key)
            .err()
            .map(|e| e.code());
        assert_eq!(refused, Some(ErrorCode::WrongKey), "{}", b.file_name);
    }
    drop(f.clinic);

    // The old key opens nothing: not the database file, not its WAL.
    let refused = db::open(&path, &old_key, OpenMode::Existing)
        .err()
        .map(|e| e.code());
    assert_eq!(refused, Some(ErrorCode::WrongKey));

    // Keyring lost: the old recovery key is refused, the new one unlocks and re-stores.
    KeyStore::default().delete(&path)?;
    let vault = Vault::new(&path, KeyStore::default());
    assert_eq!(vault.state()?, VaultState::NeedsRecoveryKey);
    let refused = vault
        .open_with_recovery_key(&f.recovery_key)
        .err()
        .map(|e| e.code());
    assert_eq!(refused, Some(ErrorCode::InvalidRecoveryKey));
    let clinic = vault.open_with_recovery_key(rotation.recovery_key.as_str())?;
    let admin = clinic.login(ADMIN, PASSWORD)?;
    assert_eq!(finds(&clinic, &admin, "rotated")?, 2);
    assert_eq!(clinic.verify_audit(&admin)?.first_broken_id, None);
    drop(clinic);
    assert_eq!(vault.state()?, VaultState::Ready);
    vault.open()?;
    Ok(())
}

#[test]
fn a_rotation_interrupted_before_the_rekey_keeps_the_old_key() -> TestResult {
    let f = fixture()?;
    let path = f.vault.db_path().to_path_buf();
    patient(&f, "Steady")?;
    let old_key = current_key(&path)?;
    drop(f.clinic);
    // The crash came after the pending key was stored, before PRAGMA rekey committed.
    KeyStore::default().save_pending(&path, &DbKey::generate()?)?;

    let clinic = Vault::new(&path, KeyStore::default()).open()?;
    assert!(current_key(&path)? == old_key);
    assert!(
        KeyStore::default().load_pending(&path)?.is_none(),
        "the unused key is dropped"
    );
    let admin = clinic.login(ADMIN, PASSWORD)?;
    assert_eq!(finds(&clinic, &admin, "steady")?, 1);
    // The old recovery key still works: the rotation never happened.
    drop(clinic);
    KeyStore::default().delete(&path)?;
    Vault::new(&path, KeyStore::default()).open_with_recovery_key(&f.recovery_key)?;
    Ok(())
}

#[test]
fn a_rotation_interrupted_after_the_rekey_promotes_the_pending_key() -> TestResult {
    let f = fixture()?;
    let path = f.vault.db_path().to_path_buf();
    patient(&f, "Promoted")?;
    drop(f.clinic);
    let old_key = current_key(&path)?;
    // The crash came after PRAGMA rekey committed, before the keyring's current entry was
    // replaced: the database opens only with the pending key.
    let new_key = DbKey::generate()?;
    KeyStore::default().save_pending(&path, &new_key)?;
    let conn = db::open(&path, &old_key, OpenMode::Existing)?;
    db::rekey(&conn, &new_key)?;
    drop(conn);

    let vault = Vault::new(&path, KeyStore::default());
    assert_eq!(vault.state()?, VaultState::Ready);
    let clinic = vault.open()?;
    assert!(
        current_key(&path)? == new_key,
        "the working key is now the keyring's"
    );
    assert!(KeyStore::default().load_pending(&path)?.is_none());
    let admin = clinic.login(ADMIN, PASSWORD)?;
    assert_eq!(finds(&clinic, &admin, "promoted")?, 1);
    drop(clinic);
    // And the next start needs nothing special.
    Vault::new(&path, KeyStore::default()).open()?;
    Ok(())
}

#[test]
fn only_admins_rotate_the_key() -> TestResult {
    let f = fixture()?;
    let key = current_key(f.vault.db_path())?;
    for role in [Role::Practitioner, Role::Receptionist] {
        let who = f.user(&format!("r{}", role.as_str()), &[role])?;
        let refused = f.vault.rotate_key(&f.clinic, &who).err().map(|e| e.code());
        assert_eq!(refused, Some(ErrorCode::PermissionDenied));
    }
    assert!(current_key(f.vault.db_path())? == key, "nothing changed");
    Ok(())
}

#[test]
fn debug_and_release_builds_keep_keys_under_different_service_names() -> TestResult {
    let f = fixture()?;
    let path = f.vault.db_path();
    let this_build = KeyStore::default();
    assert_eq!(
        this_build.service(),
        if cfg!(debug_assertions) {
            "app.acuchart.desktop.dev"
        } else {
            "app.acuchart.desktop"
        }
    );
    assert!(this_build.load(path)?.is_some());
    // The other kind of build looks under the other name and finds nothing for this file.
    let other_name = if cfg!(debug_assertions) {
        "app.acuchart.desktop"
    } else {
        "app.acuchart.desktop.dev"
    };
    let other_build = KeyStore::with_service(other_name);
    assert!(other_build.load(path)?.is_none());
    assert_eq!(
        Vault::new(path, other_build).state()?,
        VaultState::NeedsRecoveryKey
    );
    Ok(())
}
