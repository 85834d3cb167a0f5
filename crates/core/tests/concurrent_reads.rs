//! A read never waits behind a long write: the clinic keeps one writer and separate read
//! connections (WAL), so a receptionist's search answers while an import is still writing.

mod common;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use acuchart_core::import::{ImportKind, ImportOptions};
use acuchart_core::patients::{NewPatient, PatientQuery};
use common::{fixture, TestResult};

#[test]
fn a_search_answers_while_an_import_holds_the_write() -> TestResult {
    let f = fixture()?;
    f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Ngozi".into(),
            family_name: "Okafor".into(),
            ..NewPatient::default()
        },
    )?;
    let mut csv = String::from("Given name,Family name,Date of birth\n");
    for i in 0..300 {
        csv.push_str(&format!(
            "Imported{i},Patient{i},1980-01-{:02}\n",
            i % 28 + 1
        ));
    }
    let (inside_tx, inside_rx) = mpsc::channel();
    let (searched_tx, searched_rx) = mpsc::channel::<()>();
    let (clinic, admin) = (&f.clinic, &f.admin);
    let waited = std::thread::scope(
        |s| -> Result<Duration, Box<dyn std::error::Error + Send + Sync>> {
            let importer = s.spawn(move || {
                let mut held = false;
                clinic.run_import(
                    admin,
                    ImportKind::Patients,
                    csv.as_bytes(),
                    &ImportOptions::default(),
                    &mut |_| {
                        // The first report comes from inside the import's write transaction: hold
                        // it open until the search has answered (or 20 s have passed).
                        if !held {
                            held = true;
                            let _ = inside_tx.send(());
                            let _ = searched_rx.recv_timeout(Duration::from_secs(20));
                        }
                    },
                )
            });
            inside_rx.recv_timeout(Duration::from_secs(20))?;
            let started = Instant::now();
            let found = clinic.search_patients(
                admin,
                &PatientQuery {
                    text: "okafor".into(),
                    ..PatientQuery::default()
                },
            );
            let waited = started.elapsed();
            let _ = searched_tx.send(());
            let summary = importer.join().map_err(|_| "the import panicked")??;
            let found = found?;
            assert_eq!(found.len(), 1, "the committed patient is found");
            assert_eq!(summary.imported, 300, "the import went on and committed");
            Ok(waited)
        },
    );
    let waited = waited.map_err(|e| e.to_string())?;
    assert!(
        waited < Duration::from_secs(5),
        "the search waited {waited:?} behind the import"
    );
    // Once the import committed, a new read sees it.
    let after = f.clinic.search_patients(
        &f.admin,
        &PatientQuery {
            text: "patient299".into(),
            ..PatientQuery::default()
        },
    )?;
    assert_eq!(after.len(), 1);
    Ok(())
}
