//! `acuchart-cli points …` runs without a database, a keyring or a sign-in.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Runs the CLI with a data folder that has no clinic and no user or password set, so any
/// attempt to open a database or sign in would fail the command.
fn points(data_dir: &Path, args: &[&str]) -> Result<Output, std::io::Error> {
    Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .args(["--json", "points"])
        .args(args)
        .env("ACUCHART_DATA_DIR", data_dir)
        .env_remove("ACUCHART_USER")
        .env_remove("ACUCHART_PASSWORD")
        .env_remove("ACUCHART_RECOVERY_KEY")
        .output()
}

fn ok_json(out: &Output) -> Result<Value, Box<dyn std::error::Error>> {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn codes(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(|p| p["code"].as_str()).collect())
        .unwrap_or_default()
}

#[test]
fn search_and_show_need_no_database_or_sign_in() -> TestResult {
    let dir = tempfile::tempdir()?;

    let found = ok_json(&points(dir.path(), &["search", "zú sān lǐ"])?)?;
    assert_eq!(codes(&found).first(), Some(&"ST36"));
    let st36 = &found[0];
    assert_eq!(st36["hanzi"], "足三里");
    assert_eq!(st36["region"], "lower_limb");
    assert_eq!(st36["number"], 36);
    assert!(st36["cautions"].as_array().is_some_and(Vec::is_empty));

    let partial = ok_json(&points(dir.path(), &["search", "三里"])?)?;
    assert_eq!(codes(&partial), ["LI10", "ST36"]);

    let shown = ok_json(&points(dir.path(), &["show", "SJ5"])?)?;
    assert_eq!(shown["code"], "TE5");
    assert_eq!(shown["channel"], "TE");
    let hegu = ok_json(&points(dir.path(), &["show", "li-4"])?)?;
    assert_eq!(hegu["cautions"], serde_json::json!(["pregnancy"]));

    assert_eq!(
        std::fs::read_dir(dir.path())?.count(),
        0,
        "nothing was created in the data folder"
    );
    Ok(())
}

#[test]
fn search_filters_by_channel_alias_region_and_limit() -> TestResult {
    let dir = tempfile::tempdir()?;
    let out = points(
        dir.path(),
        &[
            "search",
            "",
            "--channel",
            "UB",
            "--region",
            "lower_limb",
            "--limit",
            "100",
        ],
    )?;
    let found = ok_json(&out)?;
    let list = found.as_array().ok_or("an array")?;
    assert!(list.len() >= 10);
    assert!(list
        .iter()
        .all(|p| p["channel"] == "BL" && p["region"] == "lower_limb"));
    assert!(codes(&found).contains(&"BL40"));

    let limited = ok_json(&points(dir.path(), &["search", "BL", "--limit", "3"])?)?;
    assert_eq!(codes(&limited), ["BL1", "BL2", "BL3"]);
    Ok(())
}

#[test]
fn bad_codes_and_filters_are_json_errors_on_their_field() -> TestResult {
    let dir = tempfile::tempdir()?;
    for (args, field) in [
        (vec!["show", "XY3"], "point"),
        (vec!["show", "ST99"], "point"),
        (vec!["search", "x", "--channel", "QQ"], "channel"),
        (vec!["search", "x", "--region", "knee"], "region"),
    ] {
        let out = points(dir.path(), &args)?;
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err: Value = serde_json::from_slice(&out.stderr)?;
        assert_eq!(err["code"], "invalid_input", "{args:?}");
        assert_eq!(err["fields"][0]["field"], field, "{args:?}");
    }
    Ok(())
}

/// `acuchart-cli points search "" | head -1`: the reader goes before the output is written;
/// the CLI stops quietly, as Unix tools do, instead of panicking on the closed pipe.
#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .args(["points", "search", "", "--limit", "400"])
        .env("ACUCHART_DATA_DIR", dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    // Closing the read end at once: the child has not started writing yet.
    drop(child.stdout.take());
    let out = child.wait_with_output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    Ok(())
}
