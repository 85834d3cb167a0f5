//! The desktop shell: a window, the app state, and thin commands over `acuchart-core`.

mod commands;
mod logging;
mod scheduler;
mod single_instance;
mod state;
mod window_memory;

use state::AppState;
use tauri::Manager;

fn focus_main_window(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

pub fn run() {
    logging::init();

    let state = AppState::new(acuchart_core::paths::default_database_path());
    let result = tauri::Builder::default()
        // First: a second launch on the same data folder hands over to the running app (which brings its window to
        // the front) and exits before opening the database or a window of its own.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(single_instance::instance_id())
                .callback(|app, _args, _cwd| focus_main_window(app))
                .build(),
        )
        // The window's size, position and maximised state, restored at start; saved on exit
        // and once the window settles after a move or resize (see window_memory).
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(window_memory::FLAGS)
                .build(),
        )
        .on_window_event(|window, event| window_memory::on_window_event(window.app_handle(), event))
        // Native dialogs: Save as… (the window may open the save dialog) and the import's file,
        // picked from Rust (the window names no file to read).
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .setup(|app| {
            scheduler::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::app_status,
            commands::demo::load_demo_clinic,
            commands::demo::demo_progress,
            commands::documents::generate_treatment_summary,
            commands::documents::generate_visit_note_pdf,
            commands::documents::generate_superbill,
            commands::documents::generate_day_sheet,
            commands::documents::patient_documents,
            commands::documents::document_pdf,
            commands::documents::save_document_pdf,
            commands::documents::open_document,
            commands::documents::document_settings,
            commands::documents::update_document_settings,
            commands::handouts::list_handouts,
            commands::handouts::save_handout,
            commands::handouts::clinic_logo,
            commands::handouts::choose_clinic_logo,
            commands::handouts::remove_clinic_logo,
            commands::session::complete_setup,
            commands::session::unlock_with_recovery_key,
            commands::session::login,
            commands::session::logout,
            commands::session::time_zones,
            commands::session::lock_session,
            commands::session::unlock_session,
            commands::session::touch_session,
            commands::session::change_own_password,
            commands::patients::create_patient,
            commands::patients::search_patients,
            commands::patients::find_duplicate_patients,
            commands::patients::get_patient,
            commands::patients::update_patient_details,
            commands::patients::update_safety_flags,
            commands::patients::get_patient_medical,
            commands::patients::update_patient_medical,
            commands::patients::set_patient_archived,
            commands::patients::merge_patients,
            commands::staff::list_users,
            commands::staff::create_user,
            commands::staff::set_user_disabled,
            commands::staff::reset_user_password,
            commands::staff::set_user_roles,
            commands::audit::list_audit,
            commands::audit::verify_audit,
            commands::audit::export_audit,
            commands::settings::update_security_settings,
            // Charting
            commands::charting::today_schedule,
            commands::charting::start_visit_note,
            commands::charting::get_visit_note,
            commands::charting::save_visit_note,
            commands::charting::check_visit_alerts,
            commands::charting::discard_visit_note,
            commands::charting::sign_visit_note,
            commands::charting::add_addendum,
            commands::charting::previous_treatment,
            commands::charting::patient_chart,
            commands::charting::patient_outcomes,
            commands::charting::search_points,
            commands::charting::parse_point_entry,
            commands::charting::point_picks,
            commands::charting::set_point_favourite,
            commands::charting::search_icd10,
            commands::charting::body_map_regions,
            commands::charting::suggest_protocols_for,
            commands::protocols::list_protocols,
            commands::protocols::create_protocol,
            commands::protocols::update_protocol,
            commands::protocols::copy_protocol,
            commands::protocols::archive_protocol,
            commands::protocols::apply_protocol,
            // Schedule
            commands::schedule::schedule_setup,
            commands::schedule::get_schedule,
            commands::schedule::preview_booking,
            commands::schedule::book_appointment,
            commands::schedule::update_appointment,
            commands::schedule::cancel_appointment,
            commands::schedule::set_appointment_status,
            commands::schedule::next_free_slots,
            commands::schedule::patient_appointments,
            commands::schedule::list_waitlist,
            commands::schedule::add_to_waitlist,
            commands::schedule::resolve_waitlist_entry,
            commands::schedule::waitlist_offers,
            commands::schedule::save_practitioner,
            commands::schedule::save_room,
            commands::schedule::save_appointment_type,
            commands::schedule::get_working_hours,
            commands::schedule::set_working_hours,
            commands::schedule::list_time_off,
            commands::schedule::add_time_off,
            commands::schedule::delete_time_off,
            commands::schedule::update_schedule_settings,
            commands::schedule::export_schedule_ics,
            commands::backups::backup_overview,
            commands::backups::backup_progress,
            commands::backups::create_backup,
            commands::backups::verify_backup,
            commands::backups::restore_backup,
            commands::backups::update_backup_settings,
            commands::backups::rotate_key,
            commands::data::choose_import_file,
            commands::data::preview_import,
            commands::data::run_import,
            commands::data::data_progress,
            commands::data::export_clinic_csv,
            commands::data::export_clinic_fhir,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("AcuChart could not start: {e}");
        std::process::exit(1);
    }
}
