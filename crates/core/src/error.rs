//! One error type for the core, and its wire form `{code, message}` for the UI and the CLI.

use serde::Serialize;
use ts_rs::TS;

/// A stable, machine-readable error kind. The UI branches on it; users read `message`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    PermissionDenied,
    NotAuthenticated,
    /// The session is locked (idle, or locked by hand): unlock with the password.
    SessionLocked,
    InvalidCredentials,
    /// Too many failed sign-ins with one user name: wait before trying again.
    TooManyAttempts,
    NotFound,
    Conflict,
    /// A safety alert needs the practitioner's acknowledgement, with a reason.
    NeedsAcknowledgement,
    AlreadyInitialized,
    NotInitialized,
    WrongKey,
    NotEncrypted,
    DatabaseTooNew,
    InvalidRecoveryKey,
    KeyringUnavailable,
    KeyMissing,
    Storage,
    /// The clinic's database server did not answer (network, server down, wrong address).
    DatabaseUnreachable,
    /// The operation exists only for the embedded database (or only on a server).
    Unsupported,
    Internal,
}

/// A problem with one field of a form, so the UI can show it next to that field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldError {
    /// The input field's name as the UI sends it (e.g. `family_name`).
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}", summarize_fields(.0))]
    Invalid(Vec<FieldError>),
    #[error("Your role does not allow this: {0}.")]
    PermissionDenied(&'static str),
    #[error("Please sign in first.")]
    NotAuthenticated,
    #[error("The screen is locked. Enter your password to continue.")]
    SessionLocked,
    #[error("The user name or password is not correct.")]
    InvalidCredentials,
    #[error(
        "Too many failed sign-ins with this user name. Wait {} and try again.",
        wait_words(*.wait_seconds)
    )]
    TooManyAttempts { wait_seconds: u64 },
    #[error("{0} was not found.")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    NeedsAcknowledgement(String),
    #[error("This clinic database is already set up.")]
    AlreadyInitialized,
    #[error("No clinic database has been set up here yet.")]
    NotInitialized,
    #[error(
        "The database could not be opened with this key: the key is wrong or the file is damaged. \
         Nothing was changed. Use the recovery key, or restore a backup."
    )]
    WrongKey,
    #[error(
        "{0} is a plain, unencrypted SQLite file, not an AcuChart clinic database (those are \
         always encrypted). It was left untouched: name the clinic's own database file, or \
         another path for a new clinic."
    )]
    NotEncrypted(String),
    #[error(
        "This database was written by a newer AcuChart (schema {found}, this version knows {known}). \
         Install the newer version; the file was left untouched."
    )]
    DatabaseTooNew { found: i64, known: i64 },
    #[error("{0}")]
    InvalidRecoveryKey(String),
    #[error("The system keyring could not be used: {0}")]
    KeyringUnavailable(String),
    #[error(
        "The database key is not in this computer's keyring. Enter the recovery key you were \
         given when the clinic was set up."
    )]
    KeyMissing,
    #[error("Storage error: {0}")]
    Storage(#[from] rusqlite::Error),
    #[error("{}", database_message(.0))]
    Database(#[from] postgres::Error),
    #[error(
        "The clinic's database server could not be reached: {0}. Check that the server is \
         running and the address is right; nothing was changed."
    )]
    DatabaseUnreachable(String),
    #[error("{0}")]
    Unsupported(&'static str),
    #[error("File error: {0}")]
    Io(#[from] std::io::Error),
    #[error("Internal error: {0}")]
    Internal(String),
}

/// The server's own words (`postgres::Error` alone says only "db error"), with its SQLSTATE;
/// or, when the connection itself went, what to do about it.
fn database_message(e: &postgres::Error) -> String {
    if connection_lost(e) {
        return format!(
            "The connection to the clinic's database server was lost ({e}). Try again when it \
             is back; if you were saving, check whether it was saved before repeating it."
        );
    }
    match e.as_db_error() {
        Some(db) => format!(
            "The clinic database refused the request: {} (SQLSTATE {})",
            db.message(),
            db.code().code()
        ),
        None => match std::error::Error::source(e) {
            Some(cause) => format!("The clinic database refused the request: {e}: {cause}"),
            None => format!("The clinic database refused the request: {e}"),
        },
    }
}

/// A connection that went (server stopped, network cut) rather than a refusal by the server.
fn connection_lost(e: &postgres::Error) -> bool {
    e.is_closed() || std::error::Error::source(e).is_some_and(|c| c.is::<std::io::Error>())
}

fn summarize_fields(fields: &[FieldError]) -> String {
    match fields {
        [one] => one.message.clone(),
        many => format!(
            "{} fields need attention: {}",
            many.len(),
            many.iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
    }
}

fn wait_words(seconds: u64) -> String {
    match seconds {
        0..=1 => "a second".to_owned(),
        2..=119 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Invalid(_) => ErrorCode::InvalidInput,
            Self::PermissionDenied(_) => ErrorCode::PermissionDenied,
            Self::NotAuthenticated => ErrorCode::NotAuthenticated,
            Self::SessionLocked => ErrorCode::SessionLocked,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::NeedsAcknowledgement(_) => ErrorCode::NeedsAcknowledgement,
            Self::AlreadyInitialized => ErrorCode::AlreadyInitialized,
            Self::NotInitialized => ErrorCode::NotInitialized,
            Self::WrongKey => ErrorCode::WrongKey,
            Self::NotEncrypted(_) => ErrorCode::NotEncrypted,
            Self::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Self::InvalidRecoveryKey(_) => ErrorCode::InvalidRecoveryKey,
            Self::KeyringUnavailable(_) => ErrorCode::KeyringUnavailable,
            Self::KeyMissing => ErrorCode::KeyMissing,
            Self::Database(e) if connection_lost(e) => ErrorCode::DatabaseUnreachable,
            Self::Storage(_) | Self::Database(_) | Self::Io(_) => ErrorCode::Storage,
            Self::DatabaseUnreachable(_) => ErrorCode::DatabaseUnreachable,
            Self::Unsupported(_) => ErrorCode::Unsupported,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

/// What crosses IPC and what `--json` prints when something fails.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// Per-field problems for forms; empty for errors that are not about input.
    pub fields: Vec<FieldError>,
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        let fields = match &err {
            Error::Invalid(fields) => fields.clone(),
            _ => Vec::new(),
        };
        if matches!(
            err,
            Error::Storage(_) | Error::Database(_) | Error::Io(_) | Error::Internal(_)
        ) {
            tracing::error!(code = ?err.code(), "{err}");
        }
        Self {
            code: err.code(),
            message: err.to_string(),
            fields,
        }
    }
}
