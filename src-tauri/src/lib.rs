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
            commands::session::app_status,
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
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        tracing::error!("AcuChart could not start: {e}");
        std::process::exit(1);
    }
}
