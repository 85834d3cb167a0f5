//! The desktop shell: a window, the app state, and thin commands over `acuchart-core`.

mod commands;
mod state;

use state::AppState;

pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_target(false)
        .init();

    let state = AppState::new(acuchart_core::paths::default_database_path());
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::complete_setup,
            commands::unlock_with_recovery_key,
            commands::login,
            commands::logout,
            commands::time_zones,
            commands::create_patient,
            commands::search_patients,
            commands::find_duplicate_patients,
            commands::get_patient,
            commands::update_patient_details,
            commands::update_safety_flags,
            commands::get_patient_medical,
            commands::update_patient_medical,
            commands::set_patient_archived,
            commands::merge_patients,
            commands::list_users,
            commands::create_user,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("AcuChart could not start: {e}");
        std::process::exit(1);
    }
}
