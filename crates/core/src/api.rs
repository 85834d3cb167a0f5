//! Shapes that only the app and CLI exchange with the core (start-up state, sessions); the
//! domain modules own their own input and output types.

use serde::Serialize;
use ts_rs::TS;

use crate::auth::{Actor, Operation};
use crate::error::ApiError;
use crate::settings::ClinicSettings;
use crate::vault::VaultState;

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppStatus {
    pub state: VaultState,
    /// Known once the database is unlocked; shown on the sign-in screen.
    pub clinic_name: Option<String>,
    /// The computer's own zone, the default for first-run setup.
    pub default_time_zone: String,
    /// Where the database lives, so support can find it.
    pub database_path: String,
    /// Why the database could not be opened, when `state` is `unavailable`.
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct Session {
    pub user: Actor,
    pub clinic: ClinicSettings,
    /// What this user may do; the core still checks every call.
    pub permissions: Vec<Operation>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct SetupResult {
    /// Shown once, for the clinic to print or write down; never stored anywhere.
    pub recovery_key: String,
}

/// A key change's outcome for the admin: the new recovery key, shown once.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KeyRotationResult {
    pub recovery_key: String,
    pub backups_reencrypted: u32,
    /// Backups that still need an older recovery key.
    pub backups_left: Vec<String>,
}

impl From<crate::vault::KeyRotation> for KeyRotationResult {
    fn from(r: crate::vault::KeyRotation) -> Self {
        Self {
            recovery_key: r.recovery_key.as_str().to_owned(),
            backups_reencrypted: r.backups_reencrypted,
            backups_left: r.backups_left,
        }
    }
}
