//! Treatment protocols: the shipped starters and practitioners' own point sets.

use acuchart_core::ids::ProtocolId;
use acuchart_core::visits::{apply_protocol as apply, NewProtocol, Protocol, Side, TreatmentPoint};
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_protocols(state: State<'_, AppState>) -> CmdResult<Vec<Protocol>> {
    Ok(state.open_clinic()?.list_protocols(&state.actor()?)?)
}

#[tauri::command]
pub async fn create_protocol(
    state: State<'_, AppState>,
    input: NewProtocol,
) -> CmdResult<Protocol> {
    Ok(state
        .open_clinic()?
        .create_protocol(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn update_protocol(
    state: State<'_, AppState>,
    id: ProtocolId,
    input: NewProtocol,
) -> CmdResult<Protocol> {
    Ok(state
        .open_clinic()?
        .update_protocol(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub async fn copy_protocol(state: State<'_, AppState>, id: ProtocolId) -> CmdResult<Protocol> {
    Ok(state.open_clinic()?.copy_protocol(&state.actor()?, id)?)
}

#[tauri::command]
pub async fn archive_protocol(state: State<'_, AppState>, id: ProtocolId) -> CmdResult<()> {
    Ok(state.open_clinic()?.archive_protocol(&state.actor()?, id)?)
}

/// The protocol's points for a patient whose pain is on `affected_side`.
#[tauri::command]
pub async fn apply_protocol(
    state: State<'_, AppState>,
    id: ProtocolId,
    affected_side: Side,
) -> CmdResult<Vec<TreatmentPoint>> {
    let protocol = state
        .open_clinic()?
        .protocol(&state.actor()?, &id.to_string())?;
    Ok(apply(&protocol, affected_side))
}
