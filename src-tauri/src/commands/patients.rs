//! Patient records: registration, search, details, safety flags, medical history, merge.

use acuchart_core::ids::PatientId;
use acuchart_core::patients::{
    MedicalHistory, NewPatient, PatientDetails, PatientProfile, PatientQuery, PatientSummary,
    SafetyFlags,
};
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn create_patient(
    state: State<'_, AppState>,
    input: NewPatient,
) -> CmdResult<PatientSummary> {
    Ok(state
        .open_clinic()?
        .create_patient(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn search_patients(
    state: State<'_, AppState>,
    query: PatientQuery,
) -> CmdResult<Vec<PatientSummary>> {
    Ok(state
        .open_clinic()?
        .search_patients(&state.actor()?, &query)?)
}

#[tauri::command]
pub async fn find_duplicate_patients(
    state: State<'_, AppState>,
    input: NewPatient,
) -> CmdResult<Vec<PatientSummary>> {
    Ok(state
        .open_clinic()?
        .find_duplicate_patients(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn get_patient(state: State<'_, AppState>, id: PatientId) -> CmdResult<PatientProfile> {
    Ok(state.open_clinic()?.patient(&state.actor()?, id)?)
}

#[tauri::command]
pub async fn update_patient_details(
    state: State<'_, AppState>,
    id: PatientId,
    details: PatientDetails,
) -> CmdResult<PatientProfile> {
    Ok(state
        .open_clinic()?
        .update_patient_details(&state.actor()?, id, &details)?)
}

#[tauri::command]
pub async fn update_safety_flags(
    state: State<'_, AppState>,
    id: PatientId,
    flags: SafetyFlags,
) -> CmdResult<PatientProfile> {
    Ok(state
        .open_clinic()?
        .update_safety_flags(&state.actor()?, id, &flags)?)
}

#[tauri::command]
pub async fn get_patient_medical(
    state: State<'_, AppState>,
    id: PatientId,
) -> CmdResult<MedicalHistory> {
    Ok(state.open_clinic()?.patient_medical(&state.actor()?, id)?)
}

#[tauri::command]
pub async fn update_patient_medical(
    state: State<'_, AppState>,
    id: PatientId,
    medical: MedicalHistory,
) -> CmdResult<MedicalHistory> {
    Ok(state
        .open_clinic()?
        .update_patient_medical(&state.actor()?, id, &medical)?)
}

#[tauri::command]
pub async fn set_patient_archived(
    state: State<'_, AppState>,
    id: PatientId,
    archived: bool,
) -> CmdResult<PatientProfile> {
    Ok(state
        .open_clinic()?
        .set_patient_archived(&state.actor()?, id, archived)?)
}

#[tauri::command]
pub async fn merge_patients(
    state: State<'_, AppState>,
    keep: PatientId,
    merge: PatientId,
) -> CmdResult<PatientProfile> {
    Ok(state
        .open_clinic()?
        .merge_patients(&state.actor()?, keep, merge)?)
}
