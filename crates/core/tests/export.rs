//! The clinic's way out: the CSV export read back by AcuChart's own import into a fresh
//! clinic gives the same patients and appointments (from a clinic server's database too); the FHIR R4 bundle of a generated clinic
//! passes an independent validator (the `fhir.resources` Python package, see
//! scripts/validate-fhir.sh); only admins export, and every export is audited.

mod common;

use std::path::Path;

use acuchart_core::audit::AuditFilter;
use acuchart_core::auth::Role;
use acuchart_core::db::{self, OpenMode};
use acuchart_core::export::{ACUPOINT_SYSTEM, BODY_SIDE_EXTENSION};
use acuchart_core::files::Overwrite;
use acuchart_core::import::{DuplicateAction, ImportKind, ImportOptions};
use acuchart_core::keys::KeyStore;
use acuchart_core::schedule::PractitionerInput;
use acuchart_core::users::NewUser;
use acuchart_core::ErrorCode;
use common::{db_path, fixture, fixture_on, Backend, Fixture, TestResult, PASSWORD};
use serde_json::Value;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn fixture_file(name: &str) -> Res<Vec<u8>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name);
    Ok(std::fs::read(path)?)
}

fn with_hana(f: &Fixture) -> TestResult {
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
            licence_number: Some("R-1234".into()),
            npi: None,
            signature_line: None,
            colour: None,
            sort_order: None,
            active: true,
        },
    )?;
    Ok(())
}

/// Rows of a query on the fixture's database (every column text), each as one string, sorted.
fn rows(f: &Fixture, sql: &str) -> Res<Vec<String>> {
    if let Some(database) = f.database() {
        let mut out: Vec<String> = database
            .connect()?
            .query(sql, &[])?
            .iter()
            .map(|r| {
                (0..r.len())
                    .map(|i| {
                        r.try_get::<_, Option<String>>(i)
                            .map(Option::unwrap_or_default)
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|v| v.join("|"))
            })
            .collect::<Result<_, _>>()?;
        out.sort();
        return Ok(out);
    }
    let key = KeyStore::default()
        .load(&db_path(f.dir.path()))?
        .ok_or("no key")?;
    let conn = db::open(&db_path(f.dir.path()), &key, OpenMode::Existing)?;
    let mut stmt = conn.prepare(sql)?;
    let n = stmt.column_count();
    let mut out: Vec<String> = stmt
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, Option<String>>(i).map(|v| v.unwrap_or_default()))
                .collect::<Result<Vec<_>, _>>()
                .map(|v| v.join("|"))
        })?
        .collect::<Result<_, _>>()?;
    out.sort();
    Ok(out)
}

const PATIENTS: &str =
    "SELECT given_name, family_name, preferred_name, date_of_birth, sex, phone, phone_alt,
     email, address_line1, address_line2, city, postal_code, front_desk_notes FROM patients";
const APPOINTMENTS: &str = "SELECT p.given_name, p.family_name, a.starts_at, a.ends_at, a.status,
     t.name, r.name, u.display_name, a.front_desk_note
     FROM appointments a JOIN patients p ON p.id = a.patient_id
     JOIN appointment_types t ON t.id = a.type_id LEFT JOIN rooms r ON r.id = a.room_id
     JOIN users u ON u.id = a.practitioner_id";

#[test]
fn the_csv_export_reimports_into_a_fresh_clinic_with_the_same_patients_and_appointments(
) -> TestResult {
    round_trip(&fixture()?, &fixture()?)
}

/// Import and export run on the clinic server's database too, and what leaves it arrives
/// whole in a clinic kept on one computer.
#[test]
fn a_clinic_servers_csv_export_reimports_into_a_file_clinic_unchanged() -> TestResult {
    let Some(source) = fixture_on(Backend::Postgres)? else {
        return Ok(());
    };
    round_trip(&source, &fixture()?)
}

/// Imports the fixture files into `source`, exports it as CSV, imports that into `fresh`,
/// and compares their patients and appointments row by row.
fn round_trip(source: &Fixture, fresh: &Fixture) -> TestResult {
    with_hana(source)?;
    let skip_bad = ImportOptions {
        skip_invalid_rows: true,
        ..ImportOptions::default()
    };
    for (kind, file) in [
        (ImportKind::Patients, "patients_bom_utf8.csv"),
        (ImportKind::Appointments, "appointments.csv"),
    ] {
        source.clinic.run_import(
            &source.admin,
            kind,
            &fixture_file(file)?,
            &skip_bad,
            &mut |_| {},
        )?;
    }
    let out = source.dir.path().join("export");
    let mut reports = Vec::new();
    let summary = source
        .clinic
        .export_csv(&source.admin, &out, Overwrite::Refuse, &mut |p| {
            reports.push(p)
        })?;
    assert!(
        summary.patients >= 3 && summary.appointments == 3,
        "{summary:?}"
    );
    assert_eq!(
        reports.last().map(|p| (p.done, p.total)),
        reports.last().map(|p| (p.total, p.total))
    );
    assert!(summary.notes.iter().any(|n| n.starts_with("Documents:")));
    for name in &summary.files {
        assert!(out.join(name).is_file(), "{name} missing");
        assert!(!out.join(format!("{name}.part")).exists());
    }

    with_hana(fresh)?;
    let options = ImportOptions {
        // The export holds one row per patient already: people sharing a phone are a family.
        duplicates: Some(DuplicateAction::Import),
        ..ImportOptions::default()
    };
    for (kind, file) in [
        (ImportKind::Patients, "patients.csv"),
        (ImportKind::Appointments, "appointments.csv"),
    ] {
        let bytes = std::fs::read(out.join(file))?;
        let preview = fresh
            .clinic
            .preview_import(&fresh.admin, kind, &bytes, &options)?;
        assert_eq!(
            preview.problem_count, 0,
            "{file}: {:?}",
            preview.mapping_problems
        );
        fresh
            .clinic
            .run_import(&fresh.admin, kind, &bytes, &options, &mut |_| {})?;
    }
    let before = rows(source, PATIENTS)?;
    assert_eq!(before.len(), summary.patients as usize);
    assert_eq!(rows(fresh, PATIENTS)?, before);
    let booked = rows(source, APPOINTMENTS)?;
    assert_eq!(booked.len(), 3);
    assert_eq!(rows(fresh, APPOINTMENTS)?, booked);
    Ok(())
}

fn validate_independently(bundle: &Path) -> TestResult {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/validate-fhir.sh");
    let out = std::process::Command::new(&script).arg(bundle).output()?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "fhir.resources rejected the bundle:\n{text}"
    );
    assert!(text.contains("valid FHIR R4"), "{text}");
    Ok(())
}

#[test]
fn the_fhir_bundle_of_a_generated_clinic_validates_with_fhir_resources() -> TestResult {
    let f = fixture()?;
    f.clinic
        .generate_demo_clinic(&f.admin, 1, 2026, |_, _, _| {})?;
    let path = f.dir.path().join("clinic.fhir.json");
    // The first 150 patients with all their visits: the whole clinic is ~300,000 resources,
    // minutes for a Python validator; a sample covers every kind of resource and field.
    let summary =
        f.clinic
            .export_fhir(&f.admin, &path, Some(150), Overwrite::Refuse, &mut |_| {})?;
    assert_eq!(summary.patients, 150);
    assert!(
        summary.visit_notes > 100 && summary.points > 500,
        "{summary:?}"
    );
    let bundle: Value = serde_json::from_slice(&std::fs::read(&path)?)?;
    assert_eq!(bundle["resourceType"], "Bundle");
    let entries = bundle["entry"].as_array().ok_or("no entries")?;
    let of = |kind: &str| {
        entries
            .iter()
            .filter(|e| e["resource"]["resourceType"] == kind)
            .count()
    };
    assert_eq!(of("Patient"), 150);
    assert_eq!(of("Practitioner"), summary.practitioners as usize);
    assert_eq!(of("Appointment"), summary.appointments as usize);
    assert_eq!(of("Encounter"), summary.visit_notes as usize);
    assert_eq!(of("Procedure"), summary.visit_notes as usize);
    assert!(of("Observation") > 0 && of("Condition") > 0);
    let sites: usize = entries
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "Procedure")
        .map(|e| e["resource"]["bodySite"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(sites, summary.points as usize);
    let site = &entries
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Procedure")
        .ok_or("no procedure")?["resource"]["bodySite"][0];
    assert_eq!(site["coding"][0]["system"], ACUPOINT_SYSTEM);
    assert_eq!(site["extension"][0]["url"], BODY_SIDE_EXTENSION);
    assert!(["left", "right", "bilateral", "midline"].contains(
        &site["extension"][0]["valueCode"]
            .as_str()
            .unwrap_or_default()
    ));
    let condition = entries
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Condition")
        .ok_or("no condition")?;
    assert_eq!(
        condition["resource"]["code"]["coding"][0]["system"],
        "http://hl7.org/fhir/sid/icd-10-cm"
    );
    validate_independently(&path)
}

#[test]
fn only_admins_export_and_every_export_is_audited() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let prac = f.user("prac", &[Role::Practitioner])?;
    let dir = f.dir.path().join("out");
    for actor in [&desk, &prac] {
        let csv = f
            .clinic
            .export_csv(actor, &dir, Overwrite::Refuse, &mut |_| {})
            .err()
            .ok_or("csv allowed")?;
        assert_eq!(csv.code(), ErrorCode::PermissionDenied);
        let fhir = f
            .clinic
            .export_fhir(
                actor,
                &dir.join("x.json"),
                None,
                Overwrite::Refuse,
                &mut |_| {},
            )
            .err()
            .ok_or("fhir allowed")?;
        assert_eq!(fhir.code(), ErrorCode::PermissionDenied);
    }
    assert!(!dir.exists(), "a refused export wrote nothing");
    let missing = f
        .clinic
        .export_fhir(
            &f.admin,
            &f.dir.path().join("nowhere/x.json"),
            None,
            Overwrite::Refuse,
            &mut |_| {},
        )
        .err()
        .ok_or("missing folder")?;
    assert!(missing.to_string().contains("does not exist"), "{missing}");
    f.clinic
        .export_csv(&f.admin, &dir, Overwrite::Refuse, &mut |_| {})?;
    f.clinic.export_fhir(
        &f.admin,
        &dir.join("bundle.json"),
        None,
        Overwrite::Refuse,
        &mut |_| {},
    )?;
    let page = f.clinic.list_audit(
        &f.admin,
        &AuditFilter {
            action: Some(acuchart_core::audit::Action::Export),
            ..AuditFilter::default()
        },
    )?;
    let what: Vec<String> = page
        .entries
        .iter()
        .filter_map(|e| e.entity_id.clone())
        .collect();
    assert!(what.iter().any(|w| w.starts_with("csv:")), "{what:?}");
    assert!(what.iter().any(|w| w.starts_with("fhir:")), "{what:?}");
    Ok(())
}
