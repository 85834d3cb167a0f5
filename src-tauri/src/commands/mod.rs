//! The window's commands, made from the one command table (`acuchart_api::for_each_command!`):
//! each reads its arguments (unknown fields refused by name), runs off the async runtime and
//! answers with its response or an `{code, message, fields}` error. Core commands run in the
//! core for the signed-in user ([`DesktopSession`]); shell commands are implemented in
//! [`shell`] and given the calling window's webview, and the build fails if one is missing.
//! Nothing here decides permissions.

mod backups;
mod data;
mod demo;
pub(crate) mod documents;
mod pick;
mod progress;
mod session;
pub(crate) mod shell;

use std::sync::Arc;

use acuchart_core::auth::Actor;
use acuchart_core::{ApiError, Clinic, Error, Result};
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, Manager, Webview};

use crate::state::AppState;

/// The running app's answer to "which clinic, and who is signed in".
pub struct DesktopSession(pub AppHandle);

impl acuchart_api::Session for DesktopSession {
    fn clinic(&self) -> Result<Arc<Clinic>> {
        self.0.state::<AppState>().open_clinic()
    }

    fn actor(&self) -> Result<Actor> {
        self.0.state::<AppState>().actor()
    }
}

/// The one way blocking work (the database, PDFs, files) leaves the async runtime.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| Error::Internal(format!("background work stopped: {e}")))?
}

fn args_of<T: serde::de::DeserializeOwned>(command: &str, request: &Request<'_>) -> Result<T> {
    match request.body() {
        InvokeBody::Json(value) => acuchart_api::parse_args(command, value.clone()),
        InvokeBody::Raw(_) => Err(Error::invalid(
            "request",
            format!("The request to {command} must be JSON."),
        )),
    }
}

fn json<T: serde::Serialize>(value: &T) -> std::result::Result<Response, ApiError> {
    serde_json::to_string(value)
        .map(Response::new)
        .map_err(|e| {
            ApiError::from(Error::Internal(format!(
                "the answer could not be sent: {e}"
            )))
        })
}

macro_rules! tauri_commands {
    ( $( $kind:ident $(#[$form:ident])? $name:ident ( $( $arg:ident : $ty:ty ),* $(,)? ) -> $ret:ty $( => |$cx:ident| $body:expr )? ; )* ) => {
        $( tauri_commands!(@one $kind [$($form)?] $name); )*

        /// Every command of the table, for `invoke_handler`.
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![ $( $name ),* ]
        }
    };
    (@one core [$($form:ident)?] $name:ident) => {
        #[tauri::command]
        pub async fn $name(
            app: AppHandle,
            request: Request<'_>,
        ) -> std::result::Result<Response, ApiError> {
            let args = args_of::<acuchart_api::$name::Args>(acuchart_api::$name::NAME, &request)?;
            let session = DesktopSession(app);
            let answer = blocking(move || acuchart_api::$name::run(&session, args)).await?;
            tauri_commands!(@reply [$($form)?] answer)
        }
    };
    (@one shell [$($form:ident)?] $name:ident) => {
        #[tauri::command]
        pub async fn $name(
            window: Webview,
            request: Request<'_>,
        ) -> std::result::Result<Response, ApiError> {
            let args = args_of::<acuchart_api::$name::Args>(acuchart_api::$name::NAME, &request)?;
            let answer: acuchart_api::$name::Response = shell::$name(window, args).await?;
            tauri_commands!(@reply [$($form)?] answer)
        }
    };
    (@reply [] $answer:ident) => { json(&$answer) };
    (@reply [raw] $answer:ident) => { Ok(Response::new($answer)) };
}

acuchart_api::for_each_command!(tauri_commands);
