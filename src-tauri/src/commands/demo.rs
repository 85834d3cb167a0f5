//! The demo clinic, for trying AcuChart out: generated on a blocking thread, its progress
//! pushed to the window through the channel it sent with the command.

use acuchart_api as api;
use acuchart_core::demo::{DemoClinic, DemoProgress};
use acuchart_core::Result;
use tauri::{Manager, Webview};

use super::blocking;
use super::progress::Reporter;
use crate::state::AppState;

/// Scale 1: about 6,000 patients, two practitioners and twenty years of visits.
const SCALE: u32 = 1;
const SEED: u64 = 2026;

pub async fn load_demo_clinic(
    window: Webview,
    args: api::load_demo_clinic::Args,
) -> Result<DemoClinic> {
    let state = window.state::<AppState>();
    let (clinic, actor) = (state.open_clinic()?, state.actor()?);
    let mut progress = Reporter::open(&window, &args.on_progress)?;
    blocking(move || {
        clinic.generate_demo_clinic(&actor, SCALE, SEED, |stage, done, total| {
            progress.report(DemoProgress { stage, done, total });
        })
    })
    .await
}
