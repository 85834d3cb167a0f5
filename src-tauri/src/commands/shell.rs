//! The shell commands of the table: what needs this app itself (its sign-in state, native
//! dialogs, the system viewer, long work that pushes its progress to the window). One function
//! per command, named as in the table, taking the calling window's webview (through which it
//! reaches the app's state, and to which a progress channel leads) and its `Args`, and
//! answering its `Response`.

pub use super::backups::{create_backup, restore_backup, rotate_key};
pub use super::data::{
    choose_import_file, export_clinic_csv, export_clinic_fhir, preview_import, run_import,
};
pub use super::demo::load_demo_clinic;
pub use super::documents::{choose_clinic_logo, open_document};
pub use super::session::{
    app_status, complete_setup, lock_session, login, logout, unlock_session,
    unlock_with_recovery_key,
};
