//! AcuChart's core: domain, storage, documents and security.
//!
//! It does not depend on the desktop shell: the Tauri commands and the CLI are thin adapters
//! over [`Clinic`]'s services, which check the acting user's role, validate, and run each
//! write in one transaction.

pub mod api;
pub mod audit;
pub mod auth;
pub mod backup;
mod clinic;
pub mod db;
pub mod demo;
pub mod documents;
pub mod error;
pub mod export;
pub mod files;
pub mod ids;
pub mod import;
pub mod keys;
pub mod logging;
pub mod paths;
pub mod patients;
pub mod points;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod text;
pub mod users;
pub mod vault;
pub mod visits;

#[cfg(test)]
mod bindings;

pub use clinic::Clinic;
pub use error::{ApiError, Error, ErrorCode, FieldError, Result};
