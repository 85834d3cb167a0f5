//! What is generated from the command table and committed: the UI's typed client, the window's
//! capability and the list of command names the Tauri build and the permission tests read.
//! This test fails when a committed file is stale; `make bindings` (UPDATE_BINDINGS=1)
//! rewrites them.

use std::path::PathBuf;

use acuchart_api::client::{capability, names_file, typescript};
use acuchart_api::{signatures, Kind, COMMANDS};
use ts_rs::Config;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_client_capability_and_names_match_the_table() -> Result<(), Box<dyn std::error::Error>>
{
    let cfg = Config::new().with_large_int("number");
    let sigs = signatures(&cfg);
    assert_eq!(sigs.len(), COMMANDS.len());
    let files = [
        ("ui/src/client/commands.ts", typescript(&sigs)),
        ("src-tauri/capabilities/default.json", capability(&sigs)),
        ("src-tauri/ipc_commands.rs", names_file(&sigs)),
    ];
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let mut stale = Vec::new();
    for (path, text) in &files {
        let path = root().join(path);
        if update {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, text)?;
        }
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} out of date with the command table; run `make bindings` and commit the result"
    );
    Ok(())
}

#[test]
fn every_command_is_named_once_and_core_commands_outnumber_shell_ones() {
    let cfg = Config::new().with_large_int("number");
    let sigs = signatures(&cfg);
    let mut names: Vec<&str> = sigs.iter().map(|s| s.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), sigs.len(), "a command is listed twice");
    let shell = sigs.iter().filter(|s| s.kind == Kind::Shell).count();
    assert!(
        shell * 3 < sigs.len(),
        "{shell} of {} commands need their host",
        sigs.len()
    );
}

#[test]
fn a_request_with_an_unknown_field_is_refused_by_name() -> Result<(), String> {
    for (request, field) in [
        (
            serde_json::json!({ "id": 1, "revision": 1, "draft": { "contnet": {} } }),
            "contnet",
        ),
        (
            serde_json::json!({ "id": 1, "revison": 1, "draft": {} }),
            "revison",
        ),
        (serde_json::json!({ "id": 1, "draft": {} }), "revision"),
    ] {
        let err = acuchart_api::parse_args::<acuchart_api::save_visit_note::Args>(
            "save_visit_note",
            request,
        )
        .err()
        .map(acuchart_core::ApiError::from)
        .ok_or("a bad request was read")?;
        assert_eq!(err.code, acuchart_core::ErrorCode::InvalidInput);
        assert!(err.message.contains(field), "{}", err.message);
    }
    // A command without arguments may be called with none at all.
    acuchart_api::parse_args::<acuchart_api::app_status::Args>(
        "app_status",
        serde_json::Value::Null,
    )
    .map_err(|e| e.to_string())?;
    Ok(())
}
