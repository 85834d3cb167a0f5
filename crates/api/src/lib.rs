//! The one command table (see [`table`]): each command's name, its request (the arguments the
//! window sends, as one object), its response and — for core commands — the core operation it
//! runs. Hosts dispatch it without hand-mapping anything per command:
//! - the desktop shell turns [`for_each_command!`] into its Tauri commands and handler list;
//! - `make bindings` writes from it the UI's typed client, the window's capability and the
//!   list of command names the permission tests walk (a test fails when they drift).
//!
//! Core commands run against a [`Session`]: the host says which clinic is open and who is
//! signed in; the core checks the role. Shell commands need the host itself (native dialogs,
//! the sign-in state, a [`ProgressChannel`] back to the window for long work) and are
//! implemented by each host; the compiler refuses a host that leaves one out.

#[macro_use]
mod define;
pub mod channel;
pub mod client;
pub mod table;

use std::sync::Arc;

use acuchart_core::auth::Actor;
use acuchart_core::{Clinic, Error, FieldError, Result};
use serde::de::DeserializeOwned;

pub use channel::ProgressChannel;
pub use table::*;

/// What a host knows about the caller: the open clinic and the signed-in user. Each is asked
/// for only when a command needs it, so a command that needs neither (the list of time zones
/// at first run) works before a clinic exists.
pub trait Session {
    fn clinic(&self) -> Result<Arc<Clinic>>;
    /// The signed-in user; the core refuses a locked or expired session here.
    fn actor(&self) -> Result<Actor>;
}

/// Whether a command runs in the core (here) or needs its host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Core,
    Shell,
}

/// How a command's response crosses to the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplyForm {
    Json,
    /// Bytes as they are (an ArrayBuffer in the window), e.g. a PDF for the preview.
    Raw,
}

/// Reads a command's arguments from the JSON the window sent. Unknown or misspelt fields are
/// refused by name, and the answer is an `{code, message, fields}` error like any other.
pub fn parse_args<T: DeserializeOwned>(command: &str, value: serde_json::Value) -> Result<T> {
    // A command called without arguments arrives as `null`.
    let value = if value.is_null() {
        serde_json::Value::Object(serde_json::Map::new())
    } else {
        value
    };
    serde_json::from_value(value).map_err(|e| {
        let text = e.to_string();
        let field = text
            .split('`')
            .nth(1)
            .filter(|_| text.starts_with("unknown field") || text.starts_with("missing field"))
            .unwrap_or("request")
            .to_owned();
        Error::Invalid(vec![FieldError::new(
            &field,
            format!("The request to {command} could not be read: {text}."),
        )])
    })
}
