//! Numbered `.sql` migrations embedded at compile time; each runs in one transaction with its
//! version recorded in the same transaction, so a failure leaves the database as it was.

use chrono::Utc;
use rusqlite::Connection;

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migration {
    ($version:literal, $name:literal) => {
        Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../../../../migrations/", $name, ".sql")),
        }
    };
}

/// Landed migrations are never edited; a change is a new file appended here.
pub const MIGRATIONS: &[Migration] = &[
    migration!(1, "0001_foundation"),
    migration!(2, "0002_patient_record"),
    migration!(3, "0003_schedule"),
    migration!(4, "0004_charting"),
    migration!(5, "0005_security"),
    migration!(6, "0006_import"),
    migration!(7, "0007_documents"),
    migration!(8, "0008_handouts_and_logo"),
    migration!(9, "0009_alert_basis"),
    migration!(10, "0010_clinic_uid"),
];

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get("user_version"))?)
}

pub fn apply_migrations(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let current = schema_version(conn)?;
    let known = migrations.last().map_or(0, |m| m.version);
    if current > known {
        return Err(Error::DatabaseTooNew {
            found: current,
            known,
        });
    }
    for m in migrations.iter().filter(|m| m.version > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(m.sql).map_err(|e| {
            Error::Internal(format!("migration {} ({}) failed: {e}", m.version, m.name))
        })?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            (m.version, m.name, Utc::now().to_rfc3339()),
        )?;
        tx.pragma_update(None, "user_version", m.version)?;
        tx.commit()?;
        tracing::info!(version = m.version, name = m.name, "migration applied");
    }
    Ok(())
}
