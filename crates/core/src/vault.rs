//! Finding, creating and unlocking the clinic's encrypted database.
//!
//! First run creates the database under a temporary name and renames it into place only once
//! it is complete, so an interrupted setup never leaves a half-made clinic behind.

mod restore;
mod rotation;
mod server;

pub use rotation::KeyRotation;

use std::path::{Path, PathBuf};

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::Role;
use crate::backup;
use crate::clinic::Clinic;
use crate::db::{self, OpenMode, MIGRATIONS};
use crate::error::{Error, FieldError, Result};
use crate::keys::{DbKey, KeyStore, RecoveryKey};
use crate::settings::{parse_time_zone, DateFormat};
use crate::users::{self, NewUser};

/// Where the app stands before anyone signs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultState {
    /// No database yet: run first-time setup.
    NeedsSetup,
    /// The database and its key are here: sign in.
    Ready,
    /// The database is here but its key is not in the keyring: ask for the recovery key.
    NeedsRecoveryKey,
    /// The database is here but could not be opened (wrong key, damaged file, keyring down):
    /// the status carries the error. [`Vault::state`] never returns this.
    Unavailable,
}

#[derive(Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SetupInput {
    pub clinic_name: String,
    pub time_zone: String,
    pub date_format: DateFormat,
    pub admin_display_name: String,
    pub admin_username: String,
    pub admin_password: String,
    /// The owner often treats patients too; gives the first account the practitioner role.
    pub admin_is_practitioner: bool,
}

// The first admin's password and name never reach a log.
crate::redacted_debug!(SetupInput);

pub struct Vault {
    db_path: PathBuf,
    keys: KeyStore,
}

impl Vault {
    pub fn new(db_path: impl Into<PathBuf>, keys: KeyStore) -> Self {
        Self {
            db_path: db_path.into(),
            keys,
        }
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }

    pub fn state(&self) -> Result<VaultState> {
        if !crate::db::database_file_exists(&self.db_path)? {
            return Ok(VaultState::NeedsSetup);
        }
        let found = self.keys.load(&self.db_path)?.is_some()
            || self.keys.load_pending(&self.db_path)?.is_some();
        Ok(if found {
            VaultState::Ready
        } else {
            VaultState::NeedsRecoveryKey
        })
    }

    pub fn keys(&self) -> &KeyStore {
        &self.keys
    }

    /// Opens with the key from the OS keyring. A key rotation that was interrupted is settled
    /// here: if the database opens with the current key the rotation never committed and its
    /// pending key is dropped; if only the pending key opens it, the rotation had committed
    /// and the pending key becomes the current one.
    pub fn open(&self) -> Result<Clinic> {
        if !crate::db::database_file_exists(&self.db_path)? {
            return Err(Error::NotInitialized);
        }
        let current = self.keys.load(&self.db_path)?;
        let pending = self.keys.load_pending(&self.db_path)?;
        let opened = match &current {
            Some(key) => self.open_with(key),
            None => Err(Error::KeyMissing),
        };
        match (opened, pending) {
            (Ok(clinic), None) => Ok(clinic),
            (Ok(clinic), Some(_)) => {
                self.keys.delete_pending(&self.db_path)?;
                tracing::warn!("a key rotation was interrupted before it changed the database; the old key stays");
                Ok(clinic)
            }
            (Err(Error::WrongKey | Error::KeyMissing), Some(new)) => {
                let clinic = self.open_with(&new)?;
                self.keys.save(&self.db_path, &new)?;
                self.keys.delete_pending(&self.db_path)?;
                tracing::warn!("a key rotation was interrupted after it changed the database; its new key is now the keyring's");
                Ok(clinic)
            }
            (Err(e), _) => Err(e),
        }
    }

    /// Opens with a typed recovery key and, once it has proved right, puts the key back in
    /// the keyring so the next start needs nothing typed.
    pub fn open_with_recovery_key(&self, typed: &str) -> Result<Clinic> {
        let key = RecoveryKey::parse(typed)?;
        let clinic = self.open_with(&key).map_err(|e| match e {
            Error::WrongKey => Error::InvalidRecoveryKey(
                "This recovery key does not open this clinic's database. Check that it is the \
                 key printed for this clinic."
                    .into(),
            ),
            other => other,
        })?;
        self.keys.save(&self.db_path, &key)?;
        self.keys.delete_pending(&self.db_path)?;
        Ok(clinic)
    }

    /// Opens with `key`; before upgrading an older schema it writes a `pre-migration` backup,
    /// so an upgrade that goes wrong can be undone.
    fn open_with(&self, key: &DbKey) -> Result<Clinic> {
        let mut conn = db::open(&self.db_path, key, OpenMode::Existing)?;
        let version = db::schema_version(&conn)?;
        let latest = MIGRATIONS.last().map_or(0, |m| m.version);
        if version > 0 && version < latest {
            let folder =
                backup::effective_folder(&self.db_path, &backup::load_settings(&self.db_path)?);
            let snap = backup::snapshot_connection(
                &conn,
                &folder,
                backup::BackupKind::PreMigration,
                key,
                &mut |_| {},
            )?;
            tracing::info!(from = version, to = latest, file = %snap.file_name, "snapshot taken before migrating");
        }
        db::apply_migrations(&mut conn, MIGRATIONS)?;
        // A restore the app died in the middle of: the anchor follows what was committed.
        crate::audit::anchor::settle_restore(&conn, &self.db_path)?;
        Ok(Clinic::new(conn, self.db_path.clone(), key.clone()))
    }

    /// First run: a new random key in the keyring, a new database with the clinic's settings
    /// and its first admin. Returns the recovery key, which is shown once and never stored.
    pub fn set_up(&self, input: &SetupInput) -> Result<(Clinic, RecoveryKey)> {
        let admin = checked_setup(input)?;
        if crate::db::database_file_exists(&self.db_path)? {
            return Err(Error::AlreadyInitialized);
        }
        if let Some(dir) = self.db_path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        // An audit anchor left by an earlier database at this path would not match this one.
        crate::audit::anchor::remove(&self.db_path)?;
        let key = DbKey::generate()?;
        let staging = staging_path(&self.db_path);
        remove_with_sidecars(&staging)?;
        let built = build_new_database(&staging, &key, input, &admin);
        if let Err(e) = built {
            remove_with_sidecars(&staging)?;
            return Err(e);
        }
        self.keys.save(&self.db_path, &key)?;
        std::fs::rename(&staging, &self.db_path)?;
        let recovery = RecoveryKey::from_key(&key)?;
        Ok((self.open_with(&key)?, recovery))
    }
}

/// The first admin the setup form describes, once the form is valid.
pub(crate) fn checked_setup(input: &SetupInput) -> Result<NewUser> {
    let admin = NewUser {
        username: input.admin_username.clone(),
        display_name: input.admin_display_name.clone(),
        password: input.admin_password.clone(),
        roles: if input.admin_is_practitioner {
            vec![Role::Admin, Role::Practitioner]
        } else {
            vec![Role::Admin]
        },
    };
    let errors = validate_setup(input, &admin);
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(admin)
}

/// The clinic's settings, its first admin and the audit log's first entry.
pub(crate) fn write_first_records(
    db: &db::Db<'_>,
    input: &SetupInput,
    admin: &NewUser,
) -> Result<()> {
    crate::settings::store::create(
        db,
        input.clinic_name.trim(),
        input.time_zone.trim(),
        input.date_format.as_str(),
        &Utc::now().to_rfc3339(),
    )?;
    let admin_id = users::insert(db, admin)?;
    audit::record(
        db,
        None,
        Action::SetUp,
        "clinic",
        Some(admin_id.to_string()),
    )?;
    Ok(())
}

fn validate_setup(input: &SetupInput, admin: &NewUser) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if input.clinic_name.trim().is_empty() {
        errors.push(FieldError::new(
            "clinic_name",
            "Enter the clinic's name as it should appear on documents.",
        ));
    }
    if parse_time_zone(input.time_zone.trim()).is_none() {
        errors.push(FieldError::new(
            "time_zone",
            format!(
                "{:?} is not a time zone this app knows; pick one such as Europe/London.",
                input.time_zone
            ),
        ));
    }
    for e in users::validate(admin, "admin_") {
        errors.push(e);
    }
    errors
}

fn build_new_database(path: &Path, key: &DbKey, input: &SetupInput, admin: &NewUser) -> Result<()> {
    let mut conn = db::open(path, key, OpenMode::CreateNew)?;
    db::apply_migrations(&mut conn, MIGRATIONS)?;
    let tx = conn.transaction()?;
    write_first_records(&db::Db::sqlite(&tx), input, admin)?;
    tx.commit()?;
    // Fold the WAL into the main file so the rename moves one complete file.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    conn.close().map_err(|(_, e)| Error::Storage(e))?;
    Ok(())
}

fn staging_path(db_path: &Path) -> PathBuf {
    let mut name = db_path.file_name().unwrap_or_default().to_os_string();
    name.push(".setup");
    db_path.with_file_name(name)
}

fn remove_with_sidecars(path: &Path) -> Result<()> {
    backup::remove_with_sidecars(path)
}
