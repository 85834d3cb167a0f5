//! The audit log (admins): the list and its filters, verify, CSV export.

use acuchart_core::audit::{AuditExport, AuditFilter, AuditPage, AuditVerification};
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_audit(state: State<'_, AppState>, filter: AuditFilter) -> CmdResult<AuditPage> {
    Ok(state.open_clinic()?.list_audit(&state.actor()?, &filter)?)
}

#[tauri::command]
pub async fn verify_audit(state: State<'_, AppState>) -> CmdResult<AuditVerification> {
    Ok(state.open_clinic()?.verify_audit(&state.actor()?)?)
}

/// Writes the matching rows as CSV into the clinic's export folder and says where.
#[tauri::command]
pub async fn export_audit(
    state: State<'_, AppState>,
    filter: AuditFilter,
) -> CmdResult<AuditExport> {
    let dir = acuchart_core::paths::export_dir()?;
    Ok(state
        .open_clinic()?
        .export_audit_to(&state.actor()?, &filter, &dir)?)
}
