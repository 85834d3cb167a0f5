//! Input surface 6, property-tested on one real SQLCipher clinic: CSV imports of patients
//! and appointments from random bytes, real files cut short or with bytes changed, and
//! well-formed files with hostile cells (names, dates, notes, types, rooms). A refused import
//! stores nothing; what an accepted one stores follows the same text policy as what is typed
//! at the desk.

mod common;
mod hostile;

use std::path::Path;

use acuchart_core::auth::Role;
use acuchart_core::import::{ImportKind, ImportOptions};
use acuchart_core::schedule::PractitionerInput;
use acuchart_core::users::NewUser;
use common::*;
use hostile::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const CASES: u32 = 128;

fn fixture_file(name: &str) -> Res<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    Ok(std::fs::read(dir.join(name))?)
}

fn csv(rows: &[Vec<String>]) -> Result<Vec<u8>, TestCaseError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
    }
    w.into_inner()
        .map_err(|e| TestCaseError::fail(e.to_string()))
}

/// Text columns of rows stored after `last_id` in `table`.
fn stored_since(
    conn: &rusqlite::Connection,
    table: &str,
    columns: &str,
    last_id: i64,
) -> Result<Vec<Vec<Option<String>>>, TestCaseError> {
    let width = columns.split(',').count();
    let sql = format!("SELECT {columns} FROM {table} WHERE id > ?1 ORDER BY id");
    let mut stmt = conn.prepare(&sql).map_err(fail)?;
    let rows = stmt
        .query_map([last_id], |r| (0..width).map(|i| r.get(i)).collect())
        .map_err(fail)?;
    rows.collect::<rusqlite::Result<_>>().map_err(fail)
}

fn last_id(conn: &rusqlite::Connection, table: &str) -> Result<i64, TestCaseError> {
    conn.query_row(
        &format!("SELECT COALESCE(MAX(id), 0) FROM {table}"),
        [],
        |r| r.get(0),
    )
    .map_err(fail)
}

/// Imports `bytes`; checks a refusal stored nothing and returns whether it was accepted.
fn import(
    f: &Fixture,
    conn: &rusqlite::Connection,
    kind: ImportKind,
    bytes: &[u8],
) -> Result<bool, TestCaseError> {
    let options = ImportOptions::default();
    if let Err(e) = f.clinic.preview_import(&f.admin, kind, bytes, &options) {
        clear(&e)?;
    }
    let before = digest(conn)?;
    let r = f
        .clinic
        .run_import(&f.admin, kind, bytes, &options, &mut |_| {});
    tally(&r);
    match r {
        Ok(_) => Ok(true),
        Err(e) => {
            clear(&e)?;
            prop_assert_eq!(before, digest(conn)?, "a refused import stored something");
            Ok(false)
        }
    }
}

#[test]
fn csv_imports_store_tidy_text_or_nothing() -> TestResult {
    let f = fixture()?;
    let conn = raw(&f)?;
    let hana = f.clinic.create_user(
        &f.admin,
        NewUser {
            username: "hana".into(),
            display_name: "Dr. Hana Ito".into(),
            password: PASSWORD.into(),
            roles: vec![Role::Practitioner],
        },
    )?;
    f.clinic.save_practitioner(
        &f.admin,
        &PractitionerInput {
            user_id: hana.id,
            licence_number: None,
            npi: None,
            signature_line: None,
            colour: None,
            sort_order: None,
            active: true,
        },
    )?;
    let mut files = Vec::new();
    for name in [
        "patients_bom_utf8.csv",
        "patients_utf16le.csv",
        "patients_windows1252.csv",
        "patients_problems.csv",
        "appointments.csv",
    ] {
        files.push(fixture_file(name)?);
    }
    let kinds = prop::sample::select(ImportKind::ALL.to_vec());
    let damaged_files = prop::sample::select(files).prop_flat_map(damaged);
    check(
        "CSV import: damaged and random files",
        CASES,
        (kinds, damaged_files),
        |(kind, bytes)| {
            let first = last_id(&conn, "patients")?;
            if import(&f, &conn, kind, &bytes)? {
                for row in stored_since(&conn, "patients", "given_name,family_name", first)? {
                    for name in row.iter().flatten() {
                        tidy_text(name, false, 100)?;
                    }
                }
            }
            Ok(())
        },
    )?;

    let header = [
        "Patient ID",
        "First Name",
        "Surname",
        "DOB",
        "Mobile",
        "Email",
        "Address",
        "Notes",
    ];
    // Each cell is usually what a real file holds and sometimes hostile, so that some rows
    // import and what they store is checked.
    let cell = |usual: &'static str| {
        let hostile = hostile_text().prop_map(|t| t.chars().take(3000).collect::<String>());
        prop_oneof![3 => Just(usual.to_owned()), 1 => hostile]
    };
    let row = (
        "[A-Z]-[0-9]{4}",
        cell("Ana"),
        cell("Lee"),
        cell("12/03/1981"),
        cell("555 014 1000"),
        cell("ana@example.com"),
        cell("12 Quay St"),
        hostile_text(),
    )
        .prop_map(|(id, g, f, d, m, e, a, n)| vec![id, g, f, d, m, e, a, n]);
    let cells = prop::collection::vec(row, 1..4);
    check(
        "CSV import: hostile cells (patients)",
        CASES,
        cells,
        |rows| {
            let mut table = vec![header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>()];
            table.extend(rows.iter().cloned());
            let first = last_id(&conn, "patients")?;
            if import(&f, &conn, ImportKind::Patients, &csv(&table)?)? {
                let cols = "given_name,family_name,address_line1,front_desk_notes";
                for row in stored_since(&conn, "patients", cols, first)? {
                    for (i, value) in row.iter().enumerate() {
                        if let Some(v) = value {
                            let (many, max) =
                                [(false, 100), (false, 100), (false, 200), (true, 20_000)][i];
                            tidy_text(v, many, max)?;
                        }
                    }
                }
            }
            Ok(())
        },
    )?;

    // Appointments need patients with the IDs of the old system.
    f.clinic.run_import(
        &f.admin,
        ImportKind::Patients,
        &fixture_file("patients_bom_utf8.csv")?,
        &ImportOptions::default(),
        &mut |_| {},
    )?;
    let named = |usual: &'static str| prop_oneof![3 => Just(usual.to_owned()), 1 => hostile_text()];
    let rows = prop::collection::vec(
        (
            1u32..=28,
            8u32..=17,
            named("Follow-up"),
            named("Room 1"),
            hostile_text(),
        ),
        1..4,
    );
    check(
        "CSV import: hostile cells (appointments)",
        CASES,
        rows,
        |rows| {
            let mut table = vec![
                "Patient ID,Start,Practitioner,Type,Duration,Status,Room,Notes"
                    .split(',')
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            ];
            for (i, (day, hour, kind, room, note)) in rows.iter().enumerate() {
                table.push(vec![
                    format!("P-00{}", i + 1),
                    format!("{day:02}/0{}/2031 {hour:02}:00", i + 1),
                    "Hana Ito".into(),
                    kind.clone(),
                    "45".into(),
                    "Booked".into(),
                    room.clone(),
                    note.clone(),
                ]);
            }
            let first = last_id(&conn, "appointments")?;
            if import(&f, &conn, ImportKind::Appointments, &csv(&table)?)? {
                for row in stored_since(&conn, "appointments", "front_desk_note", first)? {
                    if let Some(note) = &row[0] {
                        tidy_text(note, true, 2_000)?;
                    }
                }
                // Types and rooms the import created are named like those made at the desk.
                for table in ["appointment_types", "rooms"] {
                    for row in stored_since(&conn, table, "name", 0)? {
                        if let Some(name) = &row[0] {
                            tidy_text(name, false, 120)?;
                        }
                    }
                }
            }
            Ok(())
        },
    )?;
    intact(&f)
}
