//! The desktop shell: a window, the app state, and thin commands over `acuchart-core`.

mod commands;
mod logging;
mod scheduler;
mod state;

use state::AppState;

pub fn run() {
    logging::init();

    let state = AppState::new(acuchart_core::paths::default_database_path());
    let result = tauri::Builder::default()
        .manage(state)
        .setup(|app| {
            scheduler::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::session::app_status,
            commands::session::complete_setup,
            commands::session::unlock_with_recovery_key,
            commands::session::login,
            commands::session::logout,
            commands::session::time_zones,
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
            commands::backups::backup_overview,
            commands::backups::backup_progress,
            commands::backups::create_backup,
            commands::backups::verify_backup,
            commands::backups::restore_backup,
            commands::backups::update_backup_settings,
            commands::backups::rotate_key,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("AcuChart could not start: {e}");
        std::process::exit(1);
    }
}
