//! A fresh clinic in a temp folder, with its key in the real OS keyring (run the tests under
//! scripts/with-keyring.sh, as `make test` does).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use acuchart_core::auth::{Actor, Role};
use acuchart_core::keys::KeyStore;
use acuchart_core::settings::DateFormat;
use acuchart_core::users::NewUser;
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::Clinic;

pub type TestResult = Result<(), Box<dyn std::error::Error>>;

pub const ADMIN: &str = "owner";
pub const PASSWORD: &str = "correct horse battery";

#[path = "../pg_support/mod.rs"]
pub mod pg;

pub use acuchart_core::db::Backend;

pub struct Fixture {
    pub dir: tempfile::TempDir,
    /// The embedded database's vault (inert on PostgreSQL: nothing was set up in it).
    pub vault: Vault,
    pub clinic: Clinic,
    pub admin: Actor,
    pub recovery_key: String,
    _key: KeyGuard,
    /// The PostgreSQL database made for this test, dropped after the clinic.
    _database: Option<pg::TempDatabase>,
}

/// Runs one test body on both backends: `on_both_backends!(name, |f| { … })` makes the
/// tests `name::sqlite` and `name::postgres`, each with a fresh [`Fixture`]. The PostgreSQL
/// one needs the test server (`scripts/with-postgres.sh`; under CI it may not skip).
#[macro_export]
macro_rules! on_both_backends {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() -> $crate::common::TestResult {
                let f = $crate::common::fixture()?;
                let body: fn(&$crate::common::Fixture) -> $crate::common::TestResult = $body;
                body(&f)
            }

            #[test]
            fn postgres() -> $crate::common::TestResult {
                let Some(f) = $crate::common::fixture_on($crate::common::Backend::Postgres)? else {
                    return Ok(());
                };
                let body: fn(&$crate::common::Fixture) -> $crate::common::TestResult = $body;
                body(&f)
            }
        }
    };
}

/// Removes the test database's keyring entry when the test ends.
pub struct KeyGuard(pub PathBuf);

impl Drop for KeyGuard {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.0);
    }
}

pub fn setup_input() -> SetupInput {
    SetupInput {
        clinic_name: "Harbour Acupuncture".into(),
        time_zone: "America/Toronto".into(),
        date_format: DateFormat::Dmy,
        admin_display_name: "Dr. Lin Mei".into(),
        admin_username: ADMIN.into(),
        admin_password: PASSWORD.into(),
        admin_is_practitioner: true,
    }
}

pub fn db_path(dir: &Path) -> PathBuf {
    dir.join("acuchart.db")
}

pub fn fixture() -> Result<Fixture, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let vault = Vault::new(db_path(dir.path()), KeyStore::default());
    let (clinic, recovery) = vault.set_up(&setup_input())?;
    let admin = clinic.login(ADMIN, PASSWORD)?;
    Ok(Fixture {
        recovery_key: recovery.as_str().to_owned(),
        _key: KeyGuard(db_path(dir.path())),
        dir,
        vault,
        clinic,
        admin,
        _database: None,
    })
}

/// A fresh clinic on `backend`; `None` when PostgreSQL is wanted but no test server was
/// named outside CI (see [`pg::database_url`]).
pub fn fixture_on(backend: Backend) -> Result<Option<Fixture>, Box<dyn std::error::Error>> {
    match backend {
        Backend::Sqlite => fixture().map(Some),
        Backend::Postgres => {
            let Some(url) = pg::database_url() else {
                return Ok(None);
            };
            let database = pg::TempDatabase::create(&url, "clinic")?;
            let clinic = Clinic::set_up_postgres(&database.url(), &setup_input())?;
            let admin = clinic.login(ADMIN, PASSWORD)?;
            let dir = tempfile::tempdir()?;
            Ok(Some(Fixture {
                recovery_key: String::new(),
                _key: KeyGuard(db_path(dir.path())),
                vault: Vault::new(db_path(dir.path()), KeyStore::default()),
                dir,
                clinic,
                admin,
                _database: Some(database),
            }))
        }
    }
}

impl Fixture {
    /// The PostgreSQL database under this clinic (`None` on SQLite), for tests that set up
    /// rows a service not yet on the database layer would write.
    pub fn database(&self) -> Option<&pg::TempDatabase> {
        self._database.as_ref()
    }

    /// Creates a user with `roles` and signs them in.
    pub fn user(
        &self,
        username: &str,
        roles: &[Role],
    ) -> Result<Actor, Box<dyn std::error::Error>> {
        self.clinic.create_user(
            &self.admin,
            NewUser {
                username: username.into(),
                display_name: format!("{username} (test)"),
                password: PASSWORD.into(),
                roles: roles.to_vec(),
            },
        )?;
        Ok(self.clinic.login(username, PASSWORD)?)
    }
}

/// True when `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
