//! The front desk's schedule: setup, the calendar, booking and changes, the day's workflow,
//! free slots, the waitlist and the ICS export. Who may do what is the core's decision (a
//! practitioner is narrowed to their own column there).

use acuchart_core::ids::{AppointmentId, PatientId, TimeOffId, UserId, WaitlistId};
use acuchart_core::schedule::{
    Appointment, AppointmentChange, AppointmentType, AppointmentTypeInput, BookingPreview,
    BookingResult, CancelInput, CancelResult, FreeSlot, IcsExport, IcsQuery, NewAppointment,
    NewWaitlistEntry, PatientAppointments, Practitioner, PractitionerInput, Room, RoomInput,
    ScheduleQuery, ScheduleSettings, ScheduleSetup, ScheduleView, SlotQuery, StatusChange, TimeOff,
    TimeOffInput, WaitlistEntry, WaitlistOffer, WorkingBlock,
};
use tauri::State;

use super::CmdResult;
use crate::state::AppState;

#[tauri::command]
pub async fn schedule_setup(state: State<'_, AppState>) -> CmdResult<ScheduleSetup> {
    Ok(state.open_clinic()?.schedule_setup(&state.actor()?)?)
}

#[tauri::command]
pub async fn get_schedule(
    state: State<'_, AppState>,
    query: ScheduleQuery,
) -> CmdResult<ScheduleView> {
    Ok(state.open_clinic()?.schedule(&state.actor()?, &query)?)
}

#[tauri::command]
pub async fn preview_booking(
    state: State<'_, AppState>,
    input: NewAppointment,
) -> CmdResult<BookingPreview> {
    Ok(state
        .open_clinic()?
        .preview_booking(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn book_appointment(
    state: State<'_, AppState>,
    input: NewAppointment,
) -> CmdResult<BookingResult> {
    Ok(state
        .open_clinic()?
        .book_appointment(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn update_appointment(
    state: State<'_, AppState>,
    id: AppointmentId,
    change: AppointmentChange,
) -> CmdResult<Vec<Appointment>> {
    Ok(state
        .open_clinic()?
        .update_appointment(&state.actor()?, id, &change)?)
}

#[tauri::command]
pub async fn cancel_appointment(
    state: State<'_, AppState>,
    id: AppointmentId,
    input: CancelInput,
) -> CmdResult<CancelResult> {
    Ok(state
        .open_clinic()?
        .cancel_appointment(&state.actor()?, id, &input)?)
}

#[tauri::command]
pub async fn set_appointment_status(
    state: State<'_, AppState>,
    id: AppointmentId,
    change: StatusChange,
) -> CmdResult<Appointment> {
    Ok(state
        .open_clinic()?
        .set_appointment_status(&state.actor()?, id, change)?)
}

#[tauri::command]
pub async fn next_free_slots(
    state: State<'_, AppState>,
    query: SlotQuery,
) -> CmdResult<Vec<FreeSlot>> {
    Ok(state
        .open_clinic()?
        .next_free_slots(&state.actor()?, &query)?)
}

#[tauri::command]
pub async fn patient_appointments(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CmdResult<PatientAppointments> {
    Ok(state
        .open_clinic()?
        .patient_appointments(&state.actor()?, patient_id)?)
}

#[tauri::command]
pub async fn list_waitlist(state: State<'_, AppState>) -> CmdResult<Vec<WaitlistEntry>> {
    Ok(state.open_clinic()?.waitlist(&state.actor()?)?)
}

#[tauri::command]
pub async fn add_to_waitlist(
    state: State<'_, AppState>,
    entry: NewWaitlistEntry,
) -> CmdResult<WaitlistEntry> {
    Ok(state
        .open_clinic()?
        .add_to_waitlist(&state.actor()?, &entry)?)
}

#[tauri::command]
pub async fn resolve_waitlist_entry(state: State<'_, AppState>, id: WaitlistId) -> CmdResult<()> {
    Ok(state
        .open_clinic()?
        .resolve_waitlist_entry(&state.actor()?, id)?)
}

#[tauri::command]
pub async fn waitlist_offers(
    state: State<'_, AppState>,
    appointment_id: AppointmentId,
) -> CmdResult<Vec<WaitlistOffer>> {
    Ok(state
        .open_clinic()?
        .waitlist_offers(&state.actor()?, appointment_id)?)
}

#[tauri::command]
pub async fn save_practitioner(
    state: State<'_, AppState>,
    input: PractitionerInput,
) -> CmdResult<Practitioner> {
    Ok(state
        .open_clinic()?
        .save_practitioner(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn save_room(state: State<'_, AppState>, input: RoomInput) -> CmdResult<Room> {
    Ok(state.open_clinic()?.save_room(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn save_appointment_type(
    state: State<'_, AppState>,
    input: AppointmentTypeInput,
) -> CmdResult<AppointmentType> {
    Ok(state
        .open_clinic()?
        .save_appointment_type(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn get_working_hours(
    state: State<'_, AppState>,
    practitioner_id: UserId,
) -> CmdResult<Vec<WorkingBlock>> {
    Ok(state
        .open_clinic()?
        .working_hours(&state.actor()?, practitioner_id)?)
}

#[tauri::command]
pub async fn set_working_hours(
    state: State<'_, AppState>,
    practitioner_id: UserId,
    blocks: Vec<WorkingBlock>,
) -> CmdResult<Vec<WorkingBlock>> {
    Ok(state
        .open_clinic()?
        .set_working_hours(&state.actor()?, practitioner_id, &blocks)?)
}

#[tauri::command]
pub async fn list_time_off(
    state: State<'_, AppState>,
    practitioner_id: UserId,
    include_past: bool,
) -> CmdResult<Vec<TimeOff>> {
    Ok(state
        .open_clinic()?
        .time_off(&state.actor()?, practitioner_id, include_past)?)
}

#[tauri::command]
pub async fn add_time_off(state: State<'_, AppState>, input: TimeOffInput) -> CmdResult<TimeOff> {
    Ok(state.open_clinic()?.add_time_off(&state.actor()?, &input)?)
}

#[tauri::command]
pub async fn delete_time_off(state: State<'_, AppState>, id: TimeOffId) -> CmdResult<()> {
    Ok(state.open_clinic()?.delete_time_off(&state.actor()?, id)?)
}

#[tauri::command]
pub async fn update_schedule_settings(
    state: State<'_, AppState>,
    input: ScheduleSettings,
) -> CmdResult<ScheduleSettings> {
    Ok(state
        .open_clinic()?
        .update_schedule_settings(&state.actor()?, &input)?)
}

/// Writes the .ics into the clinic's export folder (as the audit export does) and says where.
#[tauri::command]
pub async fn export_schedule_ics(
    state: State<'_, AppState>,
    query: IcsQuery,
) -> CmdResult<IcsExport> {
    let dir = acuchart_core::paths::export_dir()?;
    Ok(state
        .open_clinic()?
        .export_schedule_ics_to(&state.actor()?, &query, &dir)?)
}
