//! The security claims of the storage layer, checked on real files and the real keyring.

mod common;

use acuchart_core::keys::{DbKey, KeyStore};
use acuchart_core::patients::NewPatient;
use acuchart_core::vault::{Vault, VaultState};
use acuchart_core::{db, ErrorCode};
use common::*;

const SECRET_GIVEN: &str = "Quillonette";
const SECRET_FAMILY: &str = "Zabrowskiwitz";

fn sidecars(path: &std::path::Path) -> Vec<std::path::PathBuf> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_os_string();
            p.push(s);
            std::path::PathBuf::from(p)
        })
        .collect()
}

fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn database_wal_and_temp_files_hold_no_plaintext() -> TestResult {
    let f = fixture()?;
    f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: SECRET_GIVEN.into(),
            family_name: SECRET_FAMILY.into(),
            phone: Some("(555) 014-2299".into()),
            ..Default::default()
        },
    )?;
    // While the clinic is open the newest pages sit in the -wal file: check it too.
    let mut checked = 0;
    for path in sidecars(f.vault.db_path()) {
        if let Ok(bytes) = std::fs::read(&path) {
            checked += 1;
            assert!(
                !bytes.starts_with(b"SQLite format 3"),
                "{path:?} is plaintext SQLite"
            );
            for needle in [
                SECRET_GIVEN,
                SECRET_FAMILY,
                "5550142299",
                "Harbour Acupuncture",
            ] {
                assert!(
                    !contains(&bytes, needle.as_bytes()),
                    "{needle} found in {path:?}"
                );
            }
        }
    }
    assert!(
        checked >= 2,
        "expected the database and its WAL, checked {checked}"
    );
    // Nothing else in the data folder, and nothing of ours in the temp folder.
    for (name, bytes) in snapshot(f.dir.path()) {
        assert!(name.starts_with("acuchart.db"), "unexpected file {name}");
        assert!(!contains(&bytes, SECRET_FAMILY.as_bytes()));
    }
    Ok(())
}

#[test]
fn a_wrong_key_is_refused_clearly_and_changes_nothing() -> TestResult {
    let f = fixture()?;
    let path = f.vault.db_path().to_path_buf();
    drop(f.clinic);
    let before = snapshot(f.dir.path());
    let err = db::open(&path, &DbKey::generate()?, db::OpenMode::Existing)
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::WrongKey));
    assert_eq!(
        snapshot(f.dir.path()),
        before,
        "a failed open must not touch any file"
    );
    Ok(())
}

#[test]
fn a_damaged_or_plaintext_file_is_refused_and_left_alone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let vault = Vault::new(db_path(dir.path()), KeyStore::default());
    let key = DbKey::generate()?;
    KeyStore::default().save(vault.db_path(), &key)?;

    std::fs::write(vault.db_path(), vec![0x5au8; 8192])?;
    let before = snapshot(dir.path());
    assert_eq!(
        vault.open().err().map(|e| e.code()),
        Some(ErrorCode::WrongKey)
    );
    assert_eq!(snapshot(dir.path()), before);

    std::fs::write(
        vault.db_path(),
        b"SQLite format 3\0and then some more bytes",
    )?;
    let before = snapshot(dir.path());
    assert_eq!(
        vault.open().err().map(|e| e.code()),
        Some(ErrorCode::NotEncrypted)
    );
    assert_eq!(snapshot(dir.path()), before);
    KeyStore::default().delete(vault.db_path())?;
    Ok(())
}

#[test]
fn the_recovery_key_opens_the_database_when_the_keyring_entry_is_gone() -> TestResult {
    let f = fixture()?;
    let path = f.vault.db_path().to_path_buf();
    let chart = f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Ada".into(),
            family_name: "Okafor".into(),
            ..Default::default()
        },
    )?;
    drop(f.clinic);
    KeyStore::default().delete(&path)?;

    let vault = Vault::new(&path, KeyStore::default());
    assert_eq!(vault.state()?, VaultState::NeedsRecoveryKey);
    assert_eq!(
        vault.open().err().map(|e| e.code()),
        Some(ErrorCode::KeyMissing)
    );

    // A well-formed key for another database is refused, and nothing changes.
    let other = acuchart_core::keys::RecoveryKey::from_key(&DbKey::generate()?)?;
    let before = snapshot(f.dir.path());
    let err = vault
        .open_with_recovery_key(other.as_str())
        .err()
        .map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::InvalidRecoveryKey));
    assert_eq!(snapshot(f.dir.path()), before);

    let clinic = vault.open_with_recovery_key(&f.recovery_key.to_lowercase())?;
    let admin = clinic.login(ADMIN, PASSWORD)?;
    let found = clinic.search_patients(
        &admin,
        &acuchart_core::patients::PatientQuery {
            text: "okafor".into(),
            include_archived: false,
            limit: None,
        },
    )?;
    assert_eq!(
        found.first().map(|p| p.chart_number),
        Some(chart.chart_number)
    );
    // The key went back into the keyring: the next start needs nothing typed.
    drop(clinic);
    assert_eq!(vault.state()?, VaultState::Ready);
    vault.open()?;
    Ok(())
}

#[test]
fn setup_refuses_to_overwrite_an_existing_database() -> TestResult {
    let f = fixture()?;
    let before = std::fs::read(f.vault.db_path())?;
    let err = f.vault.set_up(&setup_input()).err().map(|e| e.code());
    assert_eq!(err, Some(ErrorCode::AlreadyInitialized));
    assert_eq!(std::fs::read(f.vault.db_path())?, before);
    Ok(())
}
