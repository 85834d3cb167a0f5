//! A clinic kept on a PostgreSQL server, shared by several computers. The database has no
//! key of its own here: the server's roles and TLS protect it (see DESIGN.md, the clinic
//! server). Setting up writes the same first records as the embedded setup.

use super::{checked_setup, write_first_records, SetupInput};
use crate::clinic::Clinic;
use crate::db::PgPool;
use crate::error::{Error, Result};

impl Clinic {
    /// Opens the clinic on the PostgreSQL database at `url`, bringing its schema up to date
    /// (once, however many computers start together).
    pub fn connect_postgres(url: &str) -> Result<Clinic> {
        let pool = PgPool::connect(url)?;
        pool.migrate()?;
        if !pool.read(crate::settings::store::exists)? {
            return Err(Error::NotInitialized);
        }
        Ok(Clinic::on_postgres(pool))
    }

    /// Creates the clinic on an empty PostgreSQL database at `url`: the schema, the clinic's
    /// settings and its first admin, in one transaction after the schema.
    pub fn set_up_postgres(url: &str, input: &SetupInput) -> Result<Clinic> {
        let admin = checked_setup(input)?;
        let pool = PgPool::connect(url)?;
        pool.migrate()?;
        pool.write(|db| {
            if crate::settings::store::exists(db)? {
                return Err(Error::AlreadyInitialized);
            }
            write_first_records(db, input, &admin)
        })?;
        Ok(Clinic::on_postgres(pool))
    }
}
