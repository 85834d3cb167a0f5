//! The window opens where it was left: its size and position are saved once it settles after
//! a resize (not only on a clean exit) and restored at the next launch. The app's config
//! folder is a temporary one, so the test leaves the real window state alone.

use std::path::Path;
use std::time::Duration;

use crate::harness::{App, Res, TestResult};

/// The saved state of the main window: (x, y, width, height), once the file has it.
async fn saved_state(config: &Path, width: u32) -> Res<(i64, i64, u64, u64)> {
    let file = config
        .join("app.acuchart.desktop")
        .join(".window-state.json");
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let json: serde_json::Value = serde_json::from_str(&text)?;
            let main = &json["main"];
            if main["width"].as_u64() == Some(u64::from(width)) {
                return Ok((
                    main["x"].as_i64().ok_or("no x")?,
                    main["y"].as_i64().ok_or("no y")?,
                    main["width"].as_u64().ok_or("no width")?,
                    main["height"].as_u64().ok_or("no height")?,
                ));
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{} never held width {width}: {last:?}", file.display()).into())
}

#[tokio::test]
async fn the_window_reopens_at_the_size_and_place_it_was_left() -> TestResult {
    let data = tempfile::tempdir()?;
    let config = data.path().join("config");
    let env = [("XDG_CONFIG_HOME", config.as_path())];

    let app = App::launch_with_env(data.path(), &env).await?;
    app.el("setup-clinic-name").await?;
    app.client.set_window_rect(60, 40, 1100, 700).await?;
    let saved = saved_state(&config, 1100).await?;
    assert_eq!((saved.2, saved.3), (1100, 700), "{saved:?}");
    app.quit().await?;

    let app = App::launch_with_env(data.path(), &env).await?;
    app.el("setup-clinic-name").await?;
    let (x, y, w, h) = app.client.get_window_rect().await?;
    assert_eq!((w, h), (1100, 700), "size at the second launch");
    assert_eq!(
        (x as i64, y as i64),
        (saved.0, saved.1),
        "place at the second launch"
    );
    app.quit().await
}
