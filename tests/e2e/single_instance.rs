//! One AcuChart at a time: a second launch hands over to the running window (which it
//! focuses) and exits, and the first keeps running as it was.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{App, TestResult};

#[tokio::test]
async fn a_second_launch_exits_and_the_first_window_stays() -> TestResult {
    let data = tempfile::tempdir()?;
    let app = App::launch(data.path()).await?;
    app.fill("setup-clinic-name", "Second Launch Clinic")
        .await?;

    let started = Instant::now();
    let mut second = Command::new(env!("CARGO_BIN_EXE_acuchart"))
        .env("ACUCHART_DATA_DIR", data.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let status = loop {
        if let Some(status) = second.try_wait()? {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = second.kill();
            let _ = second.wait();
            return Err("the second launch kept running beside the first".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "the second launch exited with {status}");

    // The first window is still there, with what was typed into it.
    let typed = app
        .el("setup-clinic-name")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert_eq!(typed, "Second Launch Clinic");
    app.quit().await?;
    Ok(())
}
