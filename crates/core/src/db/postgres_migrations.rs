//! The PostgreSQL migrations (`migrations/postgres/`), embedded at compile time: one file per
//! SQLite migration, same number and name, reaching the same schema version. The PostgreSQL
//! backend applies them in order, each in one transaction with its row in `schema_migrations`;
//! `tests/schema_parity.rs` holds the two schemas equal. Landed files are never edited: a
//! change is a new pair of numbered files, one per backend.

macro_rules! postgres_migration {
    ($version:literal, $name:literal) => {
        (
            $version,
            $name,
            include_str!(concat!("../../../../migrations/postgres/", $name, ".sql")),
        )
    };
}

/// (version, name, SQL), in the order they apply.
pub const POSTGRES_MIGRATIONS: &[(i64, &str, &str)] = &[
    postgres_migration!(1, "0001_foundation"),
    postgres_migration!(2, "0002_patient_record"),
    postgres_migration!(3, "0003_schedule"),
    postgres_migration!(4, "0004_charting"),
    postgres_migration!(5, "0005_security"),
    postgres_migration!(6, "0006_import"),
    postgres_migration!(7, "0007_documents"),
    postgres_migration!(8, "0008_handouts_and_logo"),
    postgres_migration!(9, "0009_alert_basis"),
    postgres_migration!(10, "0010_clinic_uid"),
];
