//! The app's log: standard output, and `logs/acuchart.log` in the data folder for support.
//! Lines name records by id only (see `acuchart_core::logging`); the end-to-end tests scan
//! this file for patient names.

use std::io::Write;
use std::sync::{Arc, Mutex};

use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

#[derive(Clone)]
struct LogFile(Arc<Mutex<std::fs::File>>);

impl Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut f) => f.write(buf),
            Err(_) => Ok(buf.len()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self.0.lock() {
            Ok(mut f) => f.flush(),
            Err(_) => Ok(()),
        }
    }
}

fn open_log_file() -> Option<LogFile> {
    let dir = acuchart_core::paths::data_dir().ok()?.join("logs");
    std::fs::create_dir_all(&dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("acuchart.log"))
        .ok()?;
    Some(LogFile(Arc::new(Mutex::new(file))))
}

pub fn init() {
    let file_layer = open_log_file().map(|f| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_target(false)
            .with_writer(move || f.clone())
    });
    let _ = tracing_subscriber::registry()
        .with(acuchart_core::logging::filter("info"))
        .with(tracing_subscriber::fmt::layer().with_target(false))
        .with(file_layer)
        .try_init();
}
