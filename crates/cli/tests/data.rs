//! `import` and `export` through the real binary, the real keyring and real files.

use std::path::Path;
use std::process::{Command, Output};

use acuchart_core::keys::KeyStore;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const PASSWORD: &str = "a-long-admin-password";

fn cli(db: &Path, json: bool, args: &[&str]) -> Result<Output, std::io::Error> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"));
    cmd.arg("--db").arg(db).args(["--user", "admin"]);
    if json {
        cmd.arg("--json");
    }
    cmd.args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .output()
}

fn text(out: &Output) -> Result<String, Box<dyn std::error::Error>> {
    if !out.status.success() {
        return Err(format!("failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

struct Cleanup(std::path::PathBuf);
impl Drop for Cleanup {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.0);
    }
}

/// A new clinic in `dir` with the admin `admin`; its key leaves the keyring with the guard.
fn data_clinic(dir: &Path) -> Result<(std::path::PathBuf, Cleanup), Box<dyn std::error::Error>> {
    let db = dir.join("clinic.db");
    let cleanup = Cleanup(db.clone());
    text(&cli(
        &db,
        true,
        &[
            "init",
            "--clinic-name",
            "Data Clinic",
            "--time-zone",
            "Europe/London",
            "--admin-username",
            "admin",
            "--admin-name",
            "Ada Admin",
        ],
    )?)?;
    Ok((db, cleanup))
}

const PATIENTS: &str = "Patient ID,First Name,Surname,DOB,Mobile\nP-1,Oriel,Vantongeren,04/05/1980,555 014 2871\nP-2,Brisco,,31/02/1990,\nP-3,Tamsin,Hollowell,07/08/1975,555 019 3344\n";

#[test]
fn import_with_a_dry_run_then_export_csv_and_fhir() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (db, _cleanup) = data_clinic(dir.path())?;
    let file = dir.path().join("patients.csv");
    std::fs::write(&file, PATIENTS)?;
    let file_arg = file.to_string_lossy().into_owned();

    let dry = text(&cli(
        &db,
        false,
        &["import", "patients", &file_arg, "--dry-run"],
    )?)?;
    assert!(dry.contains("line 3, Surname:"), "{dry}");
    assert!(dry.contains("line 3, DOB:"), "{dry}");
    assert!(dry.contains("Dates: "), "{dry}");
    assert!(dry.contains("Summary: 3 rows, 1 with problems"), "{dry}");
    assert!(dry.contains("nothing was written"), "{dry}");

    // With a problem row and no choice to leave it out, nothing is written.
    let refused = cli(&db, true, &["import", "patients", &file_arg])?;
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("nothing was imported"));

    let mapping = dir.path().join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"skip_invalid_rows": true, "date_order": "day_first"}"#,
    )?;
    let done: Value = serde_json::from_str(&text(&cli(
        &db,
        true,
        &[
            "import",
            "patients",
            &file_arg,
            "--mapping",
            &mapping.to_string_lossy(),
        ],
    )?)?)?;
    assert_eq!(
        (done["imported"].as_u64(), done["invalid_skipped"].as_u64()),
        (Some(2), Some(1))
    );

    let bad_mapping = dir.path().join("bad.json");
    std::fs::write(&bad_mapping, "{\"colums\": []}")?;
    let bad = cli(
        &db,
        false,
        &[
            "import",
            "patients",
            &file_arg,
            "--mapping",
            &bad_mapping.to_string_lossy(),
        ],
    )?;
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("is not a mapping file"));

    let out = dir.path().join("export");
    let csv = text(&cli(
        &db,
        false,
        &["export", "csv", &out.to_string_lossy()],
    )?)?;
    assert!(csv.contains("Exported 2 patients"), "{csv}");
    let exported = std::fs::read_to_string(out.join("patients.csv"))?;
    assert!(
        exported.contains("Vantongeren") && exported.contains("P-1"),
        "{exported}"
    );

    let bundle = dir.path().join("clinic.json");
    let fhir: Value = serde_json::from_str(&text(&cli(
        &db,
        true,
        &["export", "fhir", &bundle.to_string_lossy()],
    )?)?)?;
    assert_eq!(fhir["patients"], 2);
    let parsed: Value = serde_json::from_slice(&std::fs::read(&bundle)?)?;
    assert_eq!(parsed["resourceType"], "Bundle");
    Ok(())
}

/// A quoted address on two lines is kept (the second line becomes address line 2); a refused
/// import's plain report lists every problem, not only the first; one row is "1 row".
#[test]
fn a_multi_line_address_imports_and_a_refusal_lists_every_problem() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (db, _cleanup) = data_clinic(dir.path())?;
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "First Name,Surname,DOB\nAnn,,1980-01-02\nBo,Ng,notadate\nCy,Lo,1970-03-04\n",
    )?;
    let refused = cli(&db, false, &["import", "patients", &bad.to_string_lossy()])?;
    assert_eq!(refused.status.code(), Some(2));
    let report = String::from_utf8_lossy(&refused.stdout);
    assert!(report.contains("line 2, Surname:"), "{report}");
    assert!(report.contains("line 3, DOB:"), "{report}");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("2 rows have problems"), "{stderr}");

    let file = dir.path().join("address.csv");
    std::fs::write(
        &file,
        "First Name,Surname,DOB,Address\r\nAnn,Lee,1980-02-03,\"12 High St\r\nFlat 2\"\r\n",
    )?;
    let file_arg = file.to_string_lossy().into_owned();
    let dry = text(&cli(
        &db,
        false,
        &["import", "patients", &file_arg, "--dry-run"],
    )?)?;
    assert!(dry.contains("Summary: 1 row, 0 with problems"), "{dry}");
    let done = text(&cli(&db, false, &["import", "patients", &file_arg])?)?;
    assert!(
        done.contains("skipped 0 duplicates, left out 0 rows"),
        "{done}"
    );
    let found: Value =
        serde_json::from_str(&text(&cli(&db, true, &["patient", "search", "Lee"])?)?)?;
    let id = found[0]["id"].to_string();
    let shown: Value = serde_json::from_str(&text(&cli(&db, true, &["patient", "show", &id])?)?)?;
    let details = &shown["details"];
    assert_eq!(
        (
            details["address_line1"].as_str(),
            details["address_line2"].as_str()
        ),
        (Some("12 High St"), Some("Flat 2")),
        "{shown}"
    );
    Ok(())
}
