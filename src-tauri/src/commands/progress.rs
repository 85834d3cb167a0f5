//! Long work's progress, pushed to the window through the channel it opened for the run
//! (`acuchart_api::ProgressChannel`, a Tauri channel to the calling webview) instead of kept
//! for the window to poll. The core reports through a plain callback and knows nothing of this.

use std::str::FromStr;
use std::time::{Duration, Instant};

use acuchart_api::ProgressChannel;
use acuchart_core::backup::BackupProgress;
use acuchart_core::demo::DemoProgress;
use acuchart_core::import::DataProgress;
use acuchart_core::{Error, Result};
use tauri::ipc::{Channel, JavaScriptChannelId};
use tauri::Webview;

/// A progress bar needs no more than this: a backup copies hundreds of steps a second.
const EVERY: Duration = Duration::from_millis(50);

/// A report of how far a long job got: a phase (or stage) and counts, nothing about patients.
pub(crate) trait Report: serde::Serialize + Clone + Send + 'static {
    fn same_phase(&self, other: &Self) -> bool;
    fn finished(&self) -> bool;
}

impl Report for BackupProgress {
    fn same_phase(&self, other: &Self) -> bool {
        self.phase == other.phase
    }
    fn finished(&self) -> bool {
        self.done >= self.total
    }
}

impl Report for DataProgress {
    fn same_phase(&self, other: &Self) -> bool {
        self.phase == other.phase
    }
    fn finished(&self) -> bool {
        self.done >= self.total
    }
}

impl Report for DemoProgress {
    fn same_phase(&self, other: &Self) -> bool {
        self.stage == other.stage
    }
    fn finished(&self) -> bool {
        self.done >= self.total
    }
}

/// Sends one run's reports to the window: the first, every new phase's first, every phase's
/// last, and in between at most one each [`EVERY`].
pub(crate) struct Reporter<T> {
    channel: Channel<T>,
    last: Option<(Instant, T)>,
}

impl<T: Report> Reporter<T> {
    /// Opens the channel the window sent with the command, back to the webview that sent it.
    pub(crate) fn open(window: &Webview, on_progress: &ProgressChannel<T>) -> Result<Self> {
        let id = JavaScriptChannelId::from_str(on_progress.id()).map_err(|e| {
            Error::invalid(
                "onProgress",
                format!("The progress channel could not be opened: {e}."),
            )
        })?;
        Ok(Self {
            channel: id.channel_on(window.clone()),
            last: None,
        })
    }

    pub(crate) fn report(&mut self, progress: T) {
        let due = match &self.last {
            None => true,
            Some((at, last)) => {
                !progress.same_phase(last) || progress.finished() || at.elapsed() >= EVERY
            }
        };
        if due {
            // A window closed or reloaded meanwhile no longer listens; the work goes on.
            let _ = self.channel.send(progress.clone());
            self.last = Some((Instant::now(), progress));
        }
    }
}
