//! Landed migrations are never edited: a database already migrated by a clinic would never
//! run the edit, so its schema would silently differ from a new clinic's. Each landed file's
//! SHA-256 is held here; a change is a new numbered file (then add its line below).

use acuchart_core::db::MIGRATIONS;
use sha2::{Digest, Sha256};

const LANDED: &[(&str, &str)] = &[
    (
        "0001_foundation",
        "4739f35f58e446bcc1606f6cf2a05ba50f8d07280d71d036873c17abb9517f55",
    ),
    (
        "0002_patient_record",
        "2227c6dc5ab690c6e3478833b923f8a41046547c20337a1f758699d92e42854d",
    ),
    (
        "0003_schedule",
        "e7281c7d73c85e1e949b7086b792335adb17ea9906fca5824b71be5315e63e6f",
    ),
    (
        "0004_charting",
        "ed3ac8f0f69c71b803192e515b6b9960f190229dfe1c77bed2896ca697caca49",
    ),
    (
        "0005_security",
        "96b16acb443dd100848ae39385d75783f2590fe331ba909217a2b1839989c892",
    ),
    (
        "0006_import",
        "845e3c1fce11a4dfbdf541e4a088a0c1fd9a36bc6637761615119f93cea9d501",
    ),
    (
        "0007_documents",
        "951ca543f6f79f5ab43e4d291154cd9984db1004270d13ea002df56dd3f6c7f9",
    ),
    (
        "0008_handouts_and_logo",
        "6d2477d4352f987d7f2d66c97d395422beee7096fd0407d6d86cf99aea65f3f6",
    ),
    (
        "0009_alert_basis",
        "22b2312b9878373cc938df2d4abd0395556acb53400e4eee17517a349178451a",
    ),
    (
        "0010_clinic_uid",
        "4298b7bcac675e1cc4c99e09d6e57dfe47e340e2bc64e9891ef1ef8733759897",
    ),
];

#[test]
fn no_landed_migration_was_edited() {
    for (name, sha) in LANDED {
        let m = MIGRATIONS
            .iter()
            .find(|m| m.name == *name)
            .unwrap_or_else(|| panic!("landed migration {name} is no longer embedded"));
        let now = hex::encode(Sha256::digest(m.sql.as_bytes()));
        assert_eq!(
            &now, sha,
            "migrations/{name}.sql changed after it landed: put the change in a new numbered migration"
        );
    }
}

#[test]
fn every_embedded_migration_is_pinned_and_numbered_in_order() {
    for (i, m) in MIGRATIONS.iter().enumerate() {
        assert_eq!(m.version, i as i64 + 1, "{} is out of order", m.name);
        assert!(
            m.name.starts_with(&format!("{:04}_", m.version)),
            "{} does not carry its number {}",
            m.name,
            m.version
        );
        assert!(
            LANDED.iter().any(|(name, _)| *name == m.name),
            "{} has no checksum here: add its line to LANDED once it lands",
            m.name
        );
    }
}
