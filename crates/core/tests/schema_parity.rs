//! The PostgreSQL migrations (migrations/postgres/) build the schema the SQLite migrations
//! build: the same tables; per table the same columns (name, type family, nullability),
//! primary key, unique keys (with their case folding), foreign keys, number of CHECKs, named
//! indexes, triggers and seeded rows; and the same schema version. A migration added on one
//! side only, or translated with a column or rule missing, fails here with the difference in
//! words. Then the rules PostgreSQL must hold itself because it has many writers: no double
//! booking, and signed notes, documents and the audit log that cannot be changed.
//!
//! Needs the PostgreSQL of scripts/with-postgres.sh (ACUCHART_TEST_DATABASE_URL): under CI a
//! missing server fails these tests; elsewhere they are skipped with a note.

mod pg_support;

#[path = "schema_parity/booking.rs"]
mod booking;
#[path = "schema_parity/functions.rs"]
mod functions;
#[path = "schema_parity/immutability.rs"]
mod immutability;
#[path = "schema_parity/model.rs"]
mod model;
#[path = "schema_parity/parents.rs"]
mod parents;
#[path = "schema_parity/postgres.rs"]
mod postgres_schema;
#[path = "schema_parity/sqlite.rs"]
mod sqlite;

use acuchart_core::db::postgres_migrations::POSTGRES_MIGRATIONS;
use acuchart_core::db::MIGRATIONS;
use pg_support::{PgResult, TempDatabase};

/// A new database on the test server with every PostgreSQL migration applied, or `None`
/// when the test is to be skipped (not under CI, no server).
pub fn migrated(purpose: &str) -> PgResult<Option<(TempDatabase, postgres::Client)>> {
    let Some(url) = pg_support::database_url() else {
        return Ok(None);
    };
    let db = TempDatabase::create(&url, purpose)?;
    let mut client = db.connect()?;
    postgres_schema::migrate(&mut client)?;
    Ok(Some((db, client)))
}

#[test]
fn every_sqlite_migration_has_its_postgres_twin() {
    let lite: Vec<(i64, &str)> = MIGRATIONS.iter().map(|m| (m.version, m.name)).collect();
    let pg: Vec<(i64, &str)> = POSTGRES_MIGRATIONS.iter().map(|m| (m.0, m.1)).collect();
    assert_eq!(
        lite, pg,
        "migrations/ and migrations/postgres/ must hold the same numbered names: \
         a schema change is one new file in each"
    );
}

#[test]
fn the_postgres_schema_is_the_sqlite_schema() -> PgResult<()> {
    let Some((_db, mut client)) = migrated("parity")? else {
        return Ok(());
    };
    let lite = sqlite::fresh_schema()?;
    let pg = postgres_schema::read(&mut client)?;
    // The reading itself must have found something, or an empty comparison would pass.
    assert!(
        lite.tables.len() >= 30,
        "SQLite tables read: {}",
        lite.tables.len()
    );
    assert!(lite.virtual_tables.contains_key("patient_search"));
    let expected = MIGRATIONS.last().map_or(0, |m| m.version);
    assert_eq!(lite.version, expected);
    let problems = model::differences(&lite, &pg);
    assert!(
        problems.is_empty(),
        "the PostgreSQL migrations drifted from the SQLite ones ({} differences):\n  - {}",
        problems.len(),
        problems.join("\n  - ")
    );
    Ok(())
}
