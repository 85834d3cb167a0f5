//! Thin IPC adapters: find the session, call one core service, map errors to `{code, message}`.
//! No logic and no permission decisions live here; the core makes them. One module per area;
//! every command is also listed in `lib.rs`, `build.rs` and the window's capability.

use acuchart_core::ApiError;

pub mod audit;
pub mod backups;
pub mod charting;
pub mod data;
pub mod demo;
pub mod documents;
pub mod handouts;
pub mod patients;
pub mod protocols;
pub mod schedule;
pub mod session;
pub mod settings;
pub mod staff;

pub type CmdResult<T> = Result<T, ApiError>;
