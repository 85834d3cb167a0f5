//! Automatic backups while the app runs: a background thread wakes now and then and asks the
//! core whether a backup is due (the core decides, from the settings and the files in the
//! backup folder). It never touches the UI's connection or blocks a command.

use std::time::Duration;

use tauri::{AppHandle, Manager};

use crate::state::AppState;

/// How often to look; `ACUCHART_BACKUP_CHECK_SECONDS` shortens it (tests, demos).
fn period() -> Duration {
    let secs = std::env::var("ACUCHART_BACKUP_CHECK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|s: &u64| *s > 0)
        .unwrap_or(300);
    Duration::from_secs(secs)
}

pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("backup-scheduler".into())
        .spawn(move || loop {
            std::thread::sleep(period());
            let state = app.state::<AppState>();
            let Ok(Some(clinic)) = state.clinic() else {
                continue;
            };
            match clinic.run_scheduled_backup(chrono::Utc::now()) {
                Ok(Some(b)) => tracing::info!(file = %b.file_name, "automatic backup made"),
                Ok(None) => {}
                Err(e) => tracing::error!("automatic backup failed: {e}"),
            }
        });
    if let Err(e) = spawned {
        tracing::error!("automatic backups could not start: {e}");
    }
}
