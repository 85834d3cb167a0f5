//! Charting: the day's appointments, visit notes, signing and addenda, the chart and outcomes,
//! and the reference lists the charting screen searches (points, diagnoses, body map).

use acuchart_core::ids::{NoteId, PatientId};
use acuchart_core::points::{search_points as find_points, Point, PointFilter};
use acuchart_core::visits::{
    body_map, parse_point_entry as parse_entry, search_icd10 as find_icd10, suggest_protocols,
    BodyMapRegion, Icd10Code, NoteDraft, OutcomePoint, PainRegion, PatientChart, PointEntry,
    PointPicks, PreviousTreatment, ProtocolSuggestion, SafetyAlert, StartNote, TodayQuery,
    TodaySchedule, VisitNote,
};
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

/// Longest list a picker asks for; more is never useful on one screen.
const MAX_RESULTS: usize = 100;

#[tauri::command]
pub async fn today_schedule(
    state: State<'_, AppState>,
    query: TodayQuery,
) -> CmdResult<TodaySchedule> {
    Ok(state
        .open_clinic()?
        .today_schedule(&state.actor()?, &query)?)
}

#[tauri::command]
pub async fn start_visit_note(
    state: State<'_, AppState>,
    input: StartNote,
) -> CmdResult<VisitNote> {
    Ok(state
        .open_clinic()?
        .start_visit_note(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn get_visit_note(state: State<'_, AppState>, id: NoteId) -> CmdResult<VisitNote> {
    Ok(state.open_clinic()?.visit_note(&state.actor()?, id)?)
}

#[tauri::command]
pub async fn save_visit_note(
    state: State<'_, AppState>,
    id: NoteId,
    revision: i64,
    draft: NoteDraft,
) -> CmdResult<VisitNote> {
    Ok(state
        .open_clinic()?
        .save_visit_note(&state.actor()?, id, revision, &draft)?)
}

#[tauri::command]
pub async fn check_visit_alerts(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: NoteDraft,
) -> CmdResult<Vec<SafetyAlert>> {
    Ok(state
        .open_clinic()?
        .check_visit_alerts(&state.actor()?, patient_id, &draft)?)
}

#[tauri::command]
pub async fn discard_visit_note(
    state: State<'_, AppState>,
    id: NoteId,
    revision: i64,
) -> CmdResult<()> {
    Ok(state
        .open_clinic()?
        .discard_visit_note(&state.actor()?, id, revision)?)
}

#[tauri::command]
pub async fn sign_visit_note(
    state: State<'_, AppState>,
    id: NoteId,
    revision: i64,
    explanation: Option<String>,
) -> CmdResult<VisitNote> {
    Ok(state.open_clinic()?.sign_visit_note(
        &state.actor()?,
        id,
        revision,
        explanation.as_deref(),
    )?)
}

#[tauri::command]
pub async fn add_addendum(
    state: State<'_, AppState>,
    id: NoteId,
    body: String,
) -> CmdResult<VisitNote> {
    Ok(state
        .open_clinic()?
        .add_addendum(&state.actor()?, id, &body)?)
}

#[tauri::command]
pub async fn previous_treatment(
    state: State<'_, AppState>,
    id: NoteId,
) -> CmdResult<Option<PreviousTreatment>> {
    Ok(state
        .open_clinic()?
        .previous_treatment(&state.actor()?, id)?)
}

#[tauri::command]
pub async fn patient_chart(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CmdResult<PatientChart> {
    Ok(state
        .open_clinic()?
        .patient_chart(&state.actor()?, patient_id)?)
}

#[tauri::command]
pub async fn patient_outcomes(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CmdResult<Vec<OutcomePoint>> {
    Ok(state
        .open_clinic()?
        .patient_outcomes(&state.actor()?, patient_id)?)
}

#[tauri::command]
pub async fn search_points(
    state: State<'_, AppState>,
    query: String,
    filter: PointFilter,
    limit: usize,
) -> CmdResult<Vec<Point>> {
    state.actor()?;
    Ok(find_points(&query, &filter, limit.min(MAX_RESULTS))
        .into_iter()
        .cloned()
        .collect())
}

#[tauri::command]
pub async fn parse_point_entry(state: State<'_, AppState>, text: String) -> CmdResult<PointEntry> {
    state.actor()?;
    Ok(parse_entry(&text)?)
}

#[tauri::command]
pub async fn point_picks(state: State<'_, AppState>, limit: usize) -> CmdResult<PointPicks> {
    Ok(state
        .open_clinic()?
        .point_picks(&state.actor()?, limit.min(MAX_RESULTS))?)
}

#[tauri::command]
pub async fn set_point_favourite(
    state: State<'_, AppState>,
    code: String,
    favourite: bool,
) -> CmdResult<PointPicks> {
    Ok(state
        .open_clinic()?
        .set_point_favourite(&state.actor()?, &code, favourite)?)
}

#[tauri::command]
pub async fn search_icd10(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> CmdResult<Vec<Icd10Code>> {
    state.actor()?;
    Ok(find_icd10(&query, limit.min(MAX_RESULTS))?)
}

#[tauri::command]
pub async fn body_map_regions(state: State<'_, AppState>) -> CmdResult<Vec<BodyMapRegion>> {
    state.actor()?;
    Ok(body_map::REGIONS.to_vec())
}

#[tauri::command]
pub async fn suggest_protocols_for(
    state: State<'_, AppState>,
    regions: Vec<PainRegion>,
) -> CmdResult<Vec<ProtocolSuggestion>> {
    state.actor()?;
    Ok(suggest_protocols(&regions))
}
