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
            // Copies a crash left for the PDF viewer go before anything else happens.
            clear_viewer_copies(app.handle());
            exit_on_termination_signals(app.handle().clone());
            scheduler::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|handle, event| {
            if let tauri::RunEvent::Exit = event {
                clear_viewer_copies(handle);
            }
        }),
        Err(e) => {
            tracing::error!("AcuChart could not start: {e}");
            std::process::exit(1);
        }
    }
}

/// SIGTERM (logout, shutdown, `kill`), SIGHUP (the terminal went away) and SIGINT (Ctrl+C in
/// a terminal) exit through Tauri, so `RunEvent::Exit` runs as when the window is closed.
#[cfg(unix)]
fn exit_on_termination_signals(app: tauri::AppHandle) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) {
        Ok(signals) => signals,
        Err(e) => {
            tracing::warn!("termination signals are not handled: {e}");
            return;
        }
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            tracing::info!(signal, "exiting on a termination signal");
            app.exit(0);
        }
    });
}

#[cfg(not(unix))]
fn exit_on_termination_signals(_app: tauri::AppHandle) {}

/// Removes the plain PDFs handed to the system viewer (see `files::viewer`).
fn clear_viewer_copies(app: &tauri::AppHandle) {
    let cleared = commands::documents::viewer_copies(app).and_then(|copies| copies.clear());
    if let Err(e) = cleared {
        tracing::warn!("the copies opened in the PDF viewer could not be removed: {e}");
    }
}
