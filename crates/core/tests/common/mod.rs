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

pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub vault: Vault,
    pub clinic: Clinic,
    pub admin: Actor,
    pub recovery_key: String,
    _key: KeyGuard,
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
    })
}

impl Fixture {
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
