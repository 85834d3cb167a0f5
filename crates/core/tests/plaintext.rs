//! No patient data in plaintext anywhere: patients with distinctive names, contact details,
//! clinical history and a visit note go through the services (search, edits, charting,
//! backups, restore, key rotation) with every log line captured at TRACE; then the raw bytes
//! of every file left behind — the database, its -wal and -shm, the backups, the backup
//! settings, the log and the temp folder — are scanned for them. One test in its own binary,
//! because it points TMPDIR at a folder of its own.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use acuchart_core::patients::{MedicalHistory, NewPatient, PatientQuery};
use acuchart_core::visits::{NoteDraft, StartNote};
use common::*;

const NEEDLES: &[&str] = &[
    "Quorvennia",
    "Thistlewaite",
    "Okonkwo",
    "5550137788",
    "013-7788",
    "quorv.thistle@example.org",
    "Ozzarinex",
    "Xylophant",
    "Zephyrous",
    "Brambleworth",
];

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[derive(Clone)]
struct SharedLog(Arc<Mutex<std::fs::File>>);

impl std::io::Write for SharedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.0.lock() {
            Ok(mut f) => f.write(buf),
            Err(_) => Ok(buf.len()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn no_patient_data_in_plaintext_in_any_file_or_log() -> TestResult {
    // Everything this test makes, temp files included, lives under one fresh folder.
    let tmp = tempfile::tempdir()?;
    std::env::set_var("TMPDIR", tmp.path());
    let log_path = tmp.path().join("acuchart.log");
    let log = SharedLog(Arc::new(Mutex::new(std::fs::File::create(&log_path)?)));
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter("trace")
        .with_ansi(false)
        .with_writer(move || log.clone())
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let f = fixture()?;
    assert!(f.dir.path().starts_with(tmp.path()));
    let a = &f.admin;
    let p = f.clinic.create_patient(
        a,
        &NewPatient {
            given_name: "Quorvennia".into(),
            family_name: "Thistlewaite-Okonkwo".into(),
            phone: Some("(555) 013-7788".into()),
            email: Some("quorv.thistle@example.org".into()),
            date_of_birth: Some("1971-04-09".into()),
            ..Default::default()
        },
    )?;
    // A duplicate is refused with the name in the message: the message may not be logged.
    let dup = f.clinic.create_patient(
        a,
        &NewPatient {
            given_name: "Quorvennia".into(),
            family_name: "Thistlewaite-Okonkwo".into(),
            phone: Some("(555) 013-7788".into()),
            ..Default::default()
        },
    );
    assert!(dup.is_err());
    for text in ["quorv", "thistle okon", "555 013 7788", "1971-04-09"] {
        let found = f.clinic.search_patients(
            a,
            &PatientQuery {
                text: text.into(),
                include_archived: false,
                limit: None,
            },
        )?;
        assert_eq!(found.len(), 1, "search {text:?}");
    }
    let mut profile = f.clinic.patient(a, p.id)?;
    profile.details.emergency_contact_name = Some("Brambleworth Okonkwo".into());
    f.clinic.update_patient_details(a, p.id, &profile.details)?;
    f.clinic.update_patient_medical(
        a,
        p.id,
        &MedicalHistory {
            allergies: Some("Ozzarinex (rash)".into()),
            ..Default::default()
        },
    )?;
    let note = f.clinic.start_visit_note(
        a,
        &StartNote {
            patient_id: p.id,
            appointment_id: None,
            visit_date: None,
        },
    )?;
    let mut draft = NoteDraft::default();
    draft.content.chief_complaint = Some("Xylophant knee clicks when climbing".into());
    draft.content.tcm_pattern = Some("Zephyrous damp in the Stomach channel".into());
    f.clinic
        .save_visit_note(a, note.id, note.revision, &draft)?;
    f.clinic.visit_note(a, note.id)?;

    let backup = f.clinic.create_backup(a, &mut |_| {})?;
    f.clinic.verify_backup(a, Path::new(&backup.path), None)?;
    f.clinic.run_scheduled_backup(chrono::Utc::now())?;
    f.vault.rotate_key(&f.clinic, a)?;
    f.clinic
        .restore_backup(a, Path::new(&backup.path), None, &mut |_| {})?;
    f.clinic.search_patients(
        a,
        &PatientQuery {
            text: "Quorvennia".into(),
            include_archived: false,
            limit: None,
        },
    )?;
    // A failing call whose error is logged (storage/internal errors are).
    let _ = f
        .clinic
        .restore_backup(a, &tmp.path().join("nope"), None, &mut |_| {});
    drop(_default);

    let mut files = Vec::new();
    files_under(tmp.path(), &mut files);
    let names: Vec<String> = files
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for expected in [
        "acuchart.db",
        "acuchart.db-wal",
        "acuchart.db-shm",
        "acuchart.log",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing in {names:?}"
        );
    }
    let backups = names
        .iter()
        .filter(|n| n.ends_with(".acuchart-backup"))
        .count();
    assert!(
        backups >= 3,
        "manual, automatic and pre-restore backups: {names:?}"
    );
    let log_text = std::fs::read_to_string(&log_path)?;
    assert!(
        log_text.contains("backup written"),
        "the log was captured: {log_text}"
    );

    let mut scanned = 0;
    for file in &files {
        let bytes = std::fs::read(file)?;
        scanned += bytes.len();
        for needle in NEEDLES {
            for form in [needle.to_string(), needle.to_lowercase()] {
                assert!(
                    !contains(&bytes, form.as_bytes()),
                    "{form:?} found in plaintext in {}",
                    file.display()
                );
            }
        }
    }
    assert!(scanned > 100_000, "scanned only {scanned} bytes");
    Ok(())
}
