//! Issue 23: a PDF opened in the system viewer leaves the encrypted database as a plain file.
//! It must sit in a folder only this user may enter, be readable by this user only, and be
//! gone after the app exits (here on SIGTERM, as at logout or shutdown); a copy a crash left
//! behind is removed when the app starts.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use crate::charting::{prepare_clinic, seed_history};
use crate::harness::{App, TestResult};
use crate::patient_record::{open_patient, sign_in};

/// The app's cache folder under XDG_CACHE_HOME (tauri.conf.json's identifier).
const IDENTIFIER: &str = "app.acuchart.desktop";

fn pdfs_in(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect()
}

#[tokio::test]
async fn a_pdf_opened_in_the_viewer_is_private_and_removed_at_exit() -> TestResult {
    let data = tempfile::tempdir()?;
    let cache = tempfile::tempdir()?;
    let copies = cache.path().join(IDENTIFIER).join("documents");
    // What a crash left behind last time.
    std::fs::create_dir_all(&copies)?;
    std::fs::write(copies.join("summary-99.pdf"), b"%PDF-1.7 left by a crash")?;
    prepare_clinic(data.path())?;
    seed_history(data.path())?;

    // The system's PDF viewer for this test: mupdf (installed by scripts/setup.sh), named as
    // the default for PDFs the way a desktop records the person's choice.
    let config = tempfile::tempdir()?;
    std::fs::write(
        config.path().join("mimeapps.list"),
        "[Default Applications]\napplication/pdf=mupdf.desktop\n",
    )?;
    let app = App::launch_with_env(
        data.path(),
        &[
            ("XDG_CACHE_HOME", cache.path()),
            ("XDG_CONFIG_HOME", config.path()),
        ],
    )
    .await?;
    sign_in(&app, "doc").await?;
    assert!(
        !copies.join("summary-99.pdf").exists(),
        "a copy left by a crash is removed at start"
    );
    open_patient(&app, "okafor", "Okafor").await?;
    app.click("tab-documents").await?;
    app.click("new-summary").await?;
    app.click("summary-generate").await?;
    app.click("document-open").await?;
    let mut opened = Vec::new();
    for _ in 0..100 {
        opened = pdfs_in(&copies);
        if !opened.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let [copy] = opened.as_slice() else {
        return Err(format!("expected one copy, found {opened:?}").into());
    };
    assert!(
        std::fs::read(copy)?.starts_with(b"%PDF"),
        "{copy:?} is not a PDF"
    );
    let folder_mode = std::fs::metadata(&copies)?.permissions().mode() & 0o777;
    let file_mode = std::fs::metadata(copy)?.permissions().mode() & 0o777;
    assert_eq!(folder_mode, 0o700, "only this user may enter the folder");
    assert_eq!(file_mode, 0o600, "only this user may read the copy");
    // The system's viewer (mupdf, installed by scripts/setup.sh) really opened this copy.
    let copy_name = copy.to_string_lossy().into_owned();
    let mut viewing = false;
    for _ in 0..100 {
        viewing = Command::new("pgrep")
            .args(["-f", &copy_name])
            .status()?
            .success();
        if viewing {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(viewing, "no viewer has {copy_name} open");
    app.screenshot("documents-open-in-viewer").await?;

    app.terminate_app().await?;
    let _ = Command::new("pkill").args(["-f", &copy_name]).status();
    assert!(
        pdfs_in(&copies).is_empty(),
        "copies left after exit: {:?}",
        pdfs_in(&copies)
    );
    Ok(())
}
