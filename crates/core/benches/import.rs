//! Importing 50,000-row CSV files into a real encrypted clinic that already has 6,000 demo
//! patients: the dry run, then the import (one transaction, every row checked for duplicates
//! against the clinic and the file, one audit row per record). The target is under 10 s.
//!
//! ACUCHART_BENCH_IMPORT_ROWS (default 50000) sets the file's size.

use std::time::Instant;

use acuchart_core::demo::random_details;
use acuchart_core::import::{DuplicateAction, ImportKind, ImportOptions};
use acuchart_core::keys::KeyStore;
use acuchart_core::schedule::PractitionerInput;
use acuchart_core::settings::DateFormat;
use acuchart_core::vault::{SetupInput, Vault};
use chrono::{Duration, NaiveDate};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const PASSWORD: &str = "benchmark password";

fn patients_csv(rows: usize) -> Res<Vec<u8>> {
    let mut rng = ChaCha8Rng::seed_from_u64(9);
    let today = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Patient ID",
        "First Name",
        "Surname",
        "DOB",
        "Mobile",
        "Email",
        "Address",
    ])?;
    for i in 0..rows {
        let d = random_details(&mut rng, today);
        let dob = d
            .date_of_birth
            .as_deref()
            .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
            .ok_or("dob")?;
        w.write_record([
            format!("OLD-{i}"),
            d.given_name,
            d.family_name,
            dob.format("%d/%m/%Y").to_string(),
            // Unique numbers, so that the file is mostly new patients, as in a real move.
            format!("07{:09}", 100_000_000 + i),
            d.email.unwrap_or_default(),
            format!("{} High Street, Flat {}", i % 300 + 1, i % 9 + 1),
        ])?;
    }
    Ok(w.into_inner()?)
}

fn appointments_csv(rows: usize) -> Res<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "Patient ID",
        "Start",
        "Practitioner",
        "Type",
        "Duration",
        "Status",
    ])?;
    let first = NaiveDate::from_ymd_opt(2024, 1, 1)
        .ok_or("date")?
        .and_hms_opt(8, 0, 0)
        .ok_or("time")?;
    for i in 0..rows {
        // Half-hour slots from 08:00 to 20:00 (clear of the night's DST changes): no clashes.
        let start = first + Duration::days(i as i64 / 24) + Duration::minutes(30 * (i as i64 % 24));
        w.write_record([
            format!("OLD-{}", i % 40_000),
            start.format("%d/%m/%Y %H:%M").to_string(),
            "Bench Admin".into(),
            if i % 3 == 0 {
                "Initial".into()
            } else {
                "Follow-up".to_string()
            },
            "30".into(),
            "Attended".into(),
        ])?;
    }
    Ok(w.into_inner()?)
}

fn main() -> Res<()> {
    let rows: usize = std::env::var("ACUCHART_BENCH_IMPORT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("bench.db");
    let vault = Vault::new(&db, KeyStore::default());
    let (clinic, _) = vault.set_up(&SetupInput {
        clinic_name: "Bench Clinic".into(),
        time_zone: "Europe/London".into(),
        date_format: DateFormat::Dmy,
        admin_display_name: "Bench Admin".into(),
        admin_username: "admin".into(),
        admin_password: PASSWORD.into(),
        admin_is_practitioner: true,
    })?;
    let result = run(&clinic, rows);
    let _ = KeyStore::default().delete(&db);
    result
}

fn run(clinic: &acuchart_core::Clinic, rows: usize) -> Res<()> {
    let admin = clinic.login("admin", PASSWORD)?;
    clinic.generate_demo(&admin, 1, 2026, |_, _| {})?;
    clinic.save_practitioner(
        &admin,
        &PractitionerInput {
            user_id: admin.user_id(),
            licence_number: None,
            npi: None,
            signature_line: None,
            colour: None,
            sort_order: None,
            active: true,
        },
    )?;
    // Generated names repeat: a few rows are the same person as a demo patient; merging
    // keeps their IDs for the appointments file.
    let options = ImportOptions {
        duplicates: Some(DuplicateAction::Merge),
        ..ImportOptions::default()
    };
    println!(
        "| {rows}-row file, clinic of 6,000 | seconds | rows/s | imported | merged / skipped |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    for kind in ImportKind::ALL {
        let bytes = match kind {
            ImportKind::Patients => patients_csv(rows)?,
            ImportKind::Appointments => appointments_csv(rows)?,
        };
        let start = Instant::now();
        let preview = clinic.preview_import(&admin, kind, &bytes, &options)?;
        let preview_s = start.elapsed().as_secs_f64();
        if preview.problem_count > 0 {
            return Err(format!(
                "the generated {} file has problems: {}",
                kind.as_str(),
                preview.problems[0].message
            )
            .into());
        }
        let start = Instant::now();
        let summary = clinic.run_import(&admin, kind, &bytes, &options, &mut |_| {})?;
        let import_s = start.elapsed().as_secs_f64();
        let name = kind.as_str();
        println!(
            "| {name}: dry run | {preview_s:.2} | {:.0} | | |",
            rows as f64 / preview_s
        );
        println!(
            "| {name}: import | {import_s:.2} | {:.0} | {} | {} / {} |",
            rows as f64 / import_s,
            summary.imported,
            summary.merged,
            summary.skipped
        );
    }
    Ok(())
}
