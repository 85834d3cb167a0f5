//! CSV import on a real clinic database, with deliberately messy files (tests/fixtures/import):
//! a byte-order mark, Windows-1252 accents, UTF-16, quoted commas and line breaks, blank
//! lines, missing required fields, impossible and ambiguous dates, duplicates; the preview's
//! messages, the all-or-nothing write and the counts.

mod common;

use acuchart_core::auth::{Actor, Role};
use acuchart_core::import::{
    ColumnChoice, DateOrder, DuplicateAction, DuplicateDecision, ImportField, ImportKind,
    ImportOptions,
};
use acuchart_core::patients::{NewPatient, PatientQuery};
use acuchart_core::schedule::PractitionerInput;
use acuchart_core::users::NewUser;
use acuchart_core::{Clinic, ErrorCode};
use common::{fixture, Fixture, TestResult, PASSWORD};

fn fixture_file(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("fixture {}: {e}", path.display()))
}

fn patients(
    clinic: &Clinic,
    actor: &Actor,
    text: &str,
) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let found = clinic.search_patients(
        actor,
        &PatientQuery {
            text: text.into(),
            include_archived: true,
            limit: Some(200),
        },
    )?;
    Ok(found
        .iter()
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .collect())
}

fn audit_rows(f: &Fixture) -> Result<i64, Box<dyn std::error::Error>> {
    Ok(f.clinic.verify_audit(&f.admin)?.rows_checked)
}

const NO_OPTIONS: ImportOptions = ImportOptions {
    encoding: None,
    delimiter: None,
    has_header: None,
    columns: Vec::new(),
    date_order: None,
    duplicates: None,
    decisions: Vec::new(),
    skip_invalid_rows: false,
};

#[test]
fn a_utf8_file_with_a_bom_quoted_commas_line_breaks_and_blank_lines() -> TestResult {
    let f = fixture()?;
    let bytes = fixture_file("patients_bom_utf8.csv");
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, &bytes, &NO_OPTIONS)?;
    assert_eq!(
        (
            p.encoding.as_str(),
            p.bom,
            p.delimiter.as_str(),
            p.has_header
        ),
        ("UTF-8", true, "comma", true)
    );
    let fields: Vec<Option<ImportField>> = p.columns.iter().map(|c| c.field).collect();
    use ImportField::*;
    assert_eq!(
        fields,
        [
            Some(ExternalId),
            Some(GivenName),
            Some(FamilyName),
            Some(DateOfBirth),
            Some(Phone),
            Some(Email),
            Some(AddressLine1),
            Some(FrontDeskNotes)
        ]
    );
    assert_eq!(
        p.rows, 3,
        "the blank line and the row of empty cells are not rows"
    );
    assert_eq!(
        p.problem_count,
        0,
        "{:?}",
        p.problems.iter().map(|x| &x.message).collect::<Vec<_>>()
    );
    assert_eq!(p.to_import, 3);
    // 21/05/1979 can only be day first, so 03/04/1990 is 3 April, and the preview says why.
    assert_eq!(p.date_order, DateOrder::DayFirst);
    assert_eq!(p.ambiguous_dates, 1);
    assert!(
        p.date_order_note.contains("day first"),
        "{}",
        p.date_order_note
    );
    assert!(
        p.date_order_note.contains("can only be day first"),
        "{}",
        p.date_order_note
    );

    let before = audit_rows(&f)?;
    let mut phases = Vec::new();
    let s = f.clinic.run_import(
        &f.admin,
        ImportKind::Patients,
        &bytes,
        &NO_OPTIONS,
        &mut |p| phases.push(p.phase),
    )?;
    assert_eq!(
        (s.imported, s.skipped, s.merged, s.invalid_skipped),
        (3, 0, 0, 0)
    );
    assert!(phases.contains(&"writing".to_owned()) && phases.contains(&"checking".to_owned()));
    let found = f.clinic.search_patients(
        &f.admin,
        &PatientQuery {
            text: "siobhan".into(),
            include_archived: false,
            limit: None,
        },
    )?;
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].date_of_birth.map(|d| d.to_string()).as_deref(),
        Some("1990-04-03")
    );
    let eloise = f.clinic.search_patients(
        &f.admin,
        &PatientQuery {
            text: "brightwater".into(),
            include_archived: false,
            limit: None,
        },
    )?;
    let profile = f.clinic.patient(&f.admin, eloise[0].id)?;
    assert_eq!(
        profile.details.address_line1.as_deref(),
        Some("12 Quay St, Flat 3")
    );
    assert_eq!(
        profile.details.front_desk_notes.as_deref(),
        Some("Prefers mornings,\r\nparks at the back")
    );
    // One creation row per patient, one for the import; reading the profile adds one.
    assert_eq!(audit_rows(&f)?, before + 3 + 1 + 1);
    Ok(())
}

#[test]
fn windows_1252_and_utf16_files_keep_their_accents() -> TestResult {
    let f = fixture()?;
    let bytes = fixture_file("patients_windows1252.csv");
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, &bytes, &NO_OPTIONS)?;
    assert_eq!(
        (p.encoding.as_str(), p.delimiter.as_str()),
        ("windows-1252", "semicolon")
    );
    assert_eq!(p.columns[1].header, "Prénom");
    assert_eq!(p.columns[1].field, Some(ImportField::GivenName));
    assert_eq!(p.columns[0].field, Some(ImportField::FamilyName));
    f.clinic.run_import(
        &f.admin,
        ImportKind::Patients,
        &bytes,
        &NO_OPTIONS,
        &mut |_| {},
    )?;
    assert_eq!(patients(&f.clinic, &f.admin, "helene")?, ["Hélène Lefèvre"]);
    assert_eq!(patients(&f.clinic, &f.admin, "celik")?, ["Ayse Çelik"]);

    let bytes = fixture_file("patients_utf16le.csv");
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, &bytes, &NO_OPTIONS)?;
    assert_eq!(
        (p.encoding.as_str(), p.bom, p.delimiter.as_str()),
        ("UTF-16LE", true, "tab")
    );
    f.clinic.run_import(
        &f.admin,
        ImportKind::Patients,
        &bytes,
        &NO_OPTIONS,
        &mut |_| {},
    )?;
    assert_eq!(patients(&f.clinic, &f.admin, "kohler")?, ["Björn Köhler"]);
    Ok(())
}

#[test]
fn problems_name_the_line_and_column_and_nothing_is_written_unless_asked() -> TestResult {
    let f = fixture()?;
    let bytes = fixture_file("patients_problems.csv");
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, &bytes, &NO_OPTIONS)?;
    let listed: Vec<(u64, Option<&str>, &str)> = p
        .problems
        .iter()
        .map(|x| (x.line, x.column.as_deref(), x.message.as_str()))
        .collect();
    let has = |line: u64, column: Option<&str>, words: &str| {
        listed
            .iter()
            .any(|(l, c, m)| *l == line && *c == column && m.contains(words))
    };
    assert!(has(3, Some("First Name"), "given name"), "{listed:?}");
    assert!(
        has(4, Some("DOB"), "\"31/02/1980\" is not a real date"),
        "{listed:?}"
    );
    assert!(has(5, Some("DOB"), "in the future"), "{listed:?}");
    assert!(has(6, Some("Email"), "not a valid address"), "{listed:?}");
    assert!(
        has(7, None, "has 7 values but the header has 6"),
        "{listed:?}"
    );
    assert_eq!((p.problem_rows, p.to_import), (5, 2));

    let before = audit_rows(&f)?;
    let err = f
        .clinic
        .run_import(
            &f.admin,
            ImportKind::Patients,
            &bytes,
            &NO_OPTIONS,
            &mut |_| {},
        )
        .err()
        .ok_or("an import with problems must be refused")?;
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(
        err.to_string()
            .contains("5 rows have problems, so nothing was imported. The first: line 3"),
        "{err}"
    );
    assert!(
        patients(&f.clinic, &f.admin, "lee")?.is_empty(),
        "nothing half-written"
    );
    assert_eq!(audit_rows(&f)?, before);

    let skip = ImportOptions {
        skip_invalid_rows: true,
        ..NO_OPTIONS
    };
    let s = f
        .clinic
        .run_import(&f.admin, ImportKind::Patients, &bytes, &skip, &mut |_| {})?;
    assert_eq!((s.imported, s.invalid_skipped), (2, 5));
    assert_eq!(s.skipped_lines, [3, 4, 5, 6, 7]);
    assert_eq!(patients(&f.clinic, &f.admin, "hart")?, ["Flo Hart"]);
    Ok(())
}

#[test]
fn ambiguous_dates_follow_the_clinic_setting_or_the_choice_and_the_preview_says_so() -> TestResult {
    let f = fixture()?;
    let csv = b"First Name,Surname,DOB\nAnn,Lee,03/04/1981\nBo,Kim,05/06/1975\n";
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, csv, &NO_OPTIONS)?;
    assert_eq!((p.date_order, p.ambiguous_dates), (DateOrder::DayFirst, 2));
    assert!(
        p.date_order_note.contains("2 ambiguous dates")
            && p.date_order_note.contains("clinic's date format"),
        "{}",
        p.date_order_note
    );
    let month = ImportOptions {
        date_order: Some(DateOrder::MonthFirst),
        ..NO_OPTIONS
    };
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, csv, &month)?;
    assert!(
        p.date_order_note
            .contains("month first (MM/DD/YYYY) as chosen"),
        "{}",
        p.date_order_note
    );
    f.clinic
        .run_import(&f.admin, ImportKind::Patients, csv, &month, &mut |_| {})?;
    let ann = f.clinic.search_patients(
        &f.admin,
        &PatientQuery {
            text: "ann lee".into(),
            include_archived: false,
            limit: None,
        },
    )?;
    assert_eq!(
        ann[0].date_of_birth.map(|d| d.to_string()).as_deref(),
        Some("1981-03-04")
    );
    Ok(())
}

#[test]
fn a_changed_mapping_and_a_file_without_a_header() -> TestResult {
    let f = fixture()?;
    let csv = b"Lee,Ann,1981-04-03,x1\nKim,Bo,1975-06-05,x2\n";
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, csv, &NO_OPTIONS)?;
    assert!(!p.has_header);
    assert_eq!(p.mapping_problems.len(), 2, "{:?}", p.mapping_problems);
    let err = f
        .clinic
        .run_import(
            &f.admin,
            ImportKind::Patients,
            csv,
            &NO_OPTIONS,
            &mut |_| {},
        )
        .err()
        .ok_or("unmapped")?;
    assert!(
        err.to_string()
            .contains("Choose the column that holds the Given name"),
        "{err}"
    );
    let choose = |column: &str, field| ColumnChoice {
        column: column.into(),
        field: Some(field),
    };
    let mapped = ImportOptions {
        columns: vec![
            choose("#1", ImportField::FamilyName),
            choose("#2", ImportField::GivenName),
            choose("#3", ImportField::DateOfBirth),
            choose("#4", ImportField::ExternalId),
        ],
        ..NO_OPTIONS
    };
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, csv, &mapped)?;
    assert!(p.mapping_problems.is_empty());
    assert_eq!(p.to_import, 2);
    let unknown = ImportOptions {
        columns: vec![choose("Surname", ImportField::FamilyName)],
        ..NO_OPTIONS
    };
    let err = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, csv, &unknown)
        .err()
        .ok_or("unknown column")?;
    assert!(
        err.to_string()
            .contains("The file has no column \"Surname\""),
        "{err}"
    );
    Ok(())
}

#[test]
fn duplicates_are_found_against_patients_and_earlier_rows_and_each_is_skipped_or_merged(
) -> TestResult {
    let f = fixture()?;
    let existing = f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Éloïse".into(),
            family_name: "Brightwater".into(),
            date_of_birth: Some("1979-05-21".into()),
            ..Default::default()
        },
    )?;
    let bytes = fixture_file("patients_duplicates.csv");
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Patients, &bytes, &NO_OPTIONS)?;
    let dups: Vec<(u64, Option<u64>, &str)> = p
        .duplicates
        .iter()
        .map(|d| (d.line, d.earlier_line, d.reason.as_str()))
        .collect();
    assert_eq!(dups.len(), 3, "{dups:?}");
    assert_eq!(
        p.duplicates[0].existing.as_ref().map(|e| e.id),
        Some(existing.id)
    );
    assert_eq!(
        dups[0].2,
        "Same name and date of birth as an existing patient."
    );
    assert_eq!(
        dups[1],
        (4, Some(3), "Same name and date of birth as an earlier row.")
    );
    assert_eq!(
        dups[2],
        (5, Some(3), "Same phone number as an earlier row.")
    );
    assert_eq!(
        (p.to_import, p.to_skip, p.to_merge),
        (2, 3, 0),
        "duplicates are skipped unless told"
    );

    // Merge the first into the existing record, import the child sharing the phone.
    let options = ImportOptions {
        duplicates: Some(DuplicateAction::Skip),
        decisions: vec![
            DuplicateDecision {
                line: 2,
                action: DuplicateAction::Merge,
            },
            DuplicateDecision {
                line: 5,
                action: DuplicateAction::Import,
            },
        ],
        ..NO_OPTIONS
    };
    let s = f.clinic.run_import(
        &f.admin,
        ImportKind::Patients,
        &bytes,
        &options,
        &mut |_| {},
    )?;
    assert_eq!((s.imported, s.skipped, s.merged), (3, 1, 1));
    assert_eq!(patients(&f.clinic, &f.admin, "quist")?.len(), 2);
    assert_eq!(patients(&f.clinic, &f.admin, "brightwater")?.len(), 1);

    // Importing the same file again: every row is now the same patient ID as a record.
    let again = f.clinic.preview_import(
        &f.admin,
        ImportKind::Patients,
        &bytes,
        &ImportOptions {
            duplicates: Some(DuplicateAction::Merge),
            ..NO_OPTIONS
        },
    )?;
    assert_eq!((again.to_import, again.to_merge), (0, 5));
    // Four rows carry an ID imported before; the skipped one matches its namesake's record.
    let by_id = again
        .duplicates
        .iter()
        .filter(|d| d.reason.contains("patient ID"))
        .count();
    assert_eq!(by_id, 4);
    Ok(())
}

fn hana(f: &Fixture) -> Result<(), Box<dyn std::error::Error>> {
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
    Ok(())
}

#[test]
fn appointments_match_patients_by_their_old_id_and_practitioners_by_name() -> TestResult {
    let f = fixture()?;
    hana(&f)?;
    f.clinic.run_import(
        &f.admin,
        ImportKind::Patients,
        &fixture_file("patients_bom_utf8.csv"),
        &NO_OPTIONS,
        &mut |_| {},
    )?;
    let bytes = fixture_file("appointments.csv");
    let p = f
        .clinic
        .preview_import(&f.admin, ImportKind::Appointments, &bytes, &NO_OPTIONS)?;
    let listed: Vec<(u64, Option<&str>, &str)> = p
        .problems
        .iter()
        .map(|x| (x.line, x.column.as_deref(), x.message.as_str()))
        .collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(listed[0].0, 5);
    assert!(
        listed[0]
            .2
            .contains("No patient was imported with the patient ID \"P-404\""),
        "{listed:?}"
    );
    assert_eq!((listed[1].0, listed[1].1), (6, Some("Practitioner")));
    assert!(
        listed[1]
            .2
            .contains("No practitioner is called \"Dr. Nobody\""),
        "{listed:?}"
    );
    assert!(
        listed[2].0 == 7
            && listed[2]
                .2
                .contains("already booked at that time by line 2"),
        "{listed:?}"
    );
    assert_eq!(p.new_types, ["Follow-up", "Initial consultation"]);
    assert_eq!(p.new_rooms, ["Room 1"]);
    assert!(
        p.notes.iter().any(|n| n.contains("1 rows have no status")),
        "{:?}",
        p.notes
    );

    let err = f
        .clinic
        .run_import(
            &f.admin,
            ImportKind::Appointments,
            &bytes,
            &NO_OPTIONS,
            &mut |_| {},
        )
        .err()
        .ok_or("problems")?;
    assert!(err.to_string().contains("3 rows have problems"), "{err}");
    let s = f.clinic.run_import(
        &f.admin,
        ImportKind::Appointments,
        &bytes,
        &ImportOptions {
            skip_invalid_rows: true,
            ..NO_OPTIONS
        },
        &mut |_| {},
    )?;
    assert_eq!((s.imported, s.invalid_skipped), (3, 3));
    let eloise = f.clinic.search_patients(
        &f.admin,
        &PatientQuery {
            text: "brightwater".into(),
            include_archived: false,
            limit: None,
        },
    )?;
    let list = f.clinic.patient_appointments(&f.admin, eloise[0].id)?;
    let all = &list.appointments;
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].local_start.as_str(), all[0].local_end.as_str()),
        ("2026-03-02T09:00", "2026-03-02T09:45")
    );
    assert_eq!(all[0].status.as_str(), "completed");
    assert_eq!(all[0].room_name.as_deref(), Some("Room 1"));
    Ok(())
}

#[test]
fn appointments_without_an_id_match_by_name_and_birth_date() -> TestResult {
    let f = fixture()?;
    hana(&f)?;
    f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Ann".into(),
            family_name: "Lee".into(),
            date_of_birth: Some("1981-04-03".into()),
            ..Default::default()
        },
    )?;
    let csv = "Patient,DOB,Date,Time,Practitioner\n\"Lee, Ann\",03/04/1981,10/03/2030,2:30 PM,Hana Ito\nBo Kim,05/06/1975,10/03/2030,10:00,Hana Ito\n";
    let p = f.clinic.preview_import(
        &f.admin,
        ImportKind::Appointments,
        csv.as_bytes(),
        &NO_OPTIONS,
    )?;
    assert_eq!(p.to_import, 1);
    assert_eq!(p.problems.len(), 1);
    assert!(
        p.problems[0]
            .message
            .contains("No patient Bo Kim born 1975-06-05"),
        "{}",
        p.problems[0].message
    );
    assert!(p.new_types.contains(&"Imported visit".to_owned()));
    Ok(())
}

#[test]
fn only_admins_import() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let prac = f.user("prac", &[Role::Practitioner])?;
    for actor in [&desk, &prac] {
        for kind in ImportKind::ALL {
            let err = f
                .clinic
                .preview_import(actor, kind, b"a,b\n1,2\n", &NO_OPTIONS)
                .err()
                .ok_or("refused")?;
            assert_eq!(err.code(), ErrorCode::PermissionDenied);
        }
    }
    Ok(())
}
