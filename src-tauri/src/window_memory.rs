//! The window's size, position and maximised state are remembered by Tauri's window-state
//! plugin, which writes them to disk only when the app exits normally. A clinic PC is often
//! switched off or logged out with the app still open, so the state is also written shortly
//! after the window stops moving or resizing.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What is remembered: size, position and whether the window was maximised.
pub const FLAGS: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// A drag or resize sends many events; the state is written once it has been still this long.
const SETTLE: Duration = Duration::from_millis(600);

static LAST_CHANGE: AtomicU64 = AtomicU64::new(0);

pub fn on_window_event<R: Runtime>(app: &AppHandle<R>, event: &WindowEvent) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let change = LAST_CHANGE.fetch_add(1, Ordering::SeqCst) + 1;
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if LAST_CHANGE.load(Ordering::SeqCst) == change {
            if let Err(e) = app.save_window_state(FLAGS) {
                tracing::warn!("the window's size and position could not be saved: {e}");
            }
        }
    });
}
