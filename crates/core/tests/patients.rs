//! Registering and finding patients, with validation and roles.

mod common;

use acuchart_core::auth::Role;
use acuchart_core::patients::{NewPatient, PatientQuery, PatientSummary};
use acuchart_core::users::NewUser;
use acuchart_core::ErrorCode;
use common::*;

fn patient(given: &str, family: &str, dob: Option<&str>, phone: Option<&str>) -> NewPatient {
    NewPatient {
        given_name: given.into(),
        family_name: family.into(),
        preferred_name: None,
        date_of_birth: dob.map(Into::into),
        phone: phone.map(Into::into),
        ..Default::default()
    }
}

fn search(f: &Fixture, text: &str) -> Result<Vec<PatientSummary>, acuchart_core::Error> {
    f.clinic.search_patients(
        &f.admin,
        &PatientQuery {
            text: text.into(),
            include_archived: false,
            limit: None,
        },
    )
}

fn names(found: &[PatientSummary]) -> Vec<String> {
    found
        .iter()
        .map(|p| format!("{} {}", p.given_name, p.family_name))
        .collect()
}

fn seed(f: &Fixture) -> TestResult {
    for p in [
        patient("José", "García", Some("1984-03-07"), Some("(555) 014-2299")),
        patient("Anna", "Müller", Some("1990-11-30"), Some("+49 30 1234567")),
        patient("小明", "王", None, Some("021 5555 0101")),
        patient("Joseph", "Smith", Some("1971-06-15"), None),
        patient("Sarah", "Josephs", None, None),
    ] {
        f.clinic.create_patient(&f.admin, &p)?;
    }
    Ok(())
}

#[test]
fn search_finds_by_partial_accentless_and_case_folded_names() -> TestResult {
    let f = fixture()?;
    seed(&f)?;
    assert_eq!(names(&search(&f, "jose garc")?), ["José García"]);
    assert_eq!(names(&search(&f, "muller")?), ["Anna Müller"]);
    assert_eq!(names(&search(&f, "MÜL")?), ["Anna Müller"]);
    assert_eq!(names(&search(&f, "王")?), ["小明 王"]);
    assert!(search(&f, "nobody")?.is_empty());
    Ok(())
}

#[test]
fn an_exact_family_name_ranks_first() -> TestResult {
    let f = fixture()?;
    seed(&f)?;
    let found = names(&search(&f, "Josephs")?);
    assert_eq!(found.first().map(String::as_str), Some("Sarah Josephs"));
    let found = names(&search(&f, "jos")?);
    assert_eq!(
        found.len(),
        3,
        "José, Joseph and Josephs all start with jos: {found:?}"
    );
    Ok(())
}

#[test]
fn search_finds_by_phone_digits_birth_date_and_chart_number() -> TestResult {
    let f = fixture()?;
    seed(&f)?;
    assert_eq!(names(&search(&f, "5550142")?), ["José García"]);
    assert_eq!(names(&search(&f, "555-014")?), ["José García"]);
    assert_eq!(names(&search(&f, "1984-03-07")?), ["José García"]);
    assert_eq!(names(&search(&f, "07/03/1984")?), ["José García"]);
    let smith = search(&f, "smith")?;
    let chart = smith
        .first()
        .map(|p| p.chart_number.to_string())
        .unwrap_or_default();
    assert_eq!(names(&search(&f, &chart)?), ["Joseph Smith"]);
    Ok(())
}

#[test]
fn search_input_with_query_syntax_is_searched_not_interpreted() -> TestResult {
    let f = fixture()?;
    seed(&f)?;
    for odd in [
        "\"",
        "*",
        "NEAR(",
        "jose OR",
        "a:b",
        "'; DROP TABLE patients; --",
        "(((",
        "^",
    ] {
        search(&f, odd)?;
    }
    assert_eq!(
        search(&f, "")?.len(),
        5,
        "an empty query lists recent patients"
    );
    Ok(())
}

#[test]
fn chart_numbers_are_unique_and_increasing() -> TestResult {
    let f = fixture()?;
    let a = f
        .clinic
        .create_patient(&f.admin, &patient("A", "One", None, None))?;
    let b = f
        .clinic
        .create_patient(&f.admin, &patient("B", "Two", None, None))?;
    assert!(b.chart_number > a.chart_number);
    Ok(())
}

#[test]
fn each_bad_field_is_named_and_nothing_is_stored() -> TestResult {
    let f = fixture()?;
    let cases = [
        (patient("Ann", "", None, None), "family_name"),
        (patient("", "Lee", None, None), "given_name"),
        (
            patient("Ann", "Lee", Some("2999-01-01"), None),
            "date_of_birth",
        ),
        (
            patient("Ann", "Lee", Some("1850-01-01"), None),
            "date_of_birth",
        ),
        (
            patient("Ann", "Lee", Some("1984-02-30"), None),
            "date_of_birth",
        ),
        (patient("Ann", "Lee", None, Some("call me")), "phone"),
    ];
    for (input, field) in cases {
        match f.clinic.create_patient(&f.admin, &input) {
            Err(acuchart_core::Error::Invalid(errors)) => {
                assert_eq!(
                    errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
                    [field]
                );
                assert!(!errors[0].message.is_empty());
            }
            other => panic!("expected a validation error on {field}, got {other:?}"),
        }
    }
    // Two bad fields are both reported.
    match f
        .clinic
        .create_patient(&f.admin, &patient("", "", None, Some("--")))
    {
        Err(acuchart_core::Error::Invalid(errors)) => assert_eq!(errors.len(), 3),
        other => panic!("expected three field errors, got {other:?}"),
    }
    assert!(
        search(&f, "")?.is_empty(),
        "no half-written patient may remain"
    );
    Ok(())
}

#[test]
fn roles_are_checked_in_the_core() -> TestResult {
    let f = fixture()?;
    let desk = f.user("frontdesk", &[Role::Receptionist])?;
    assert_eq!(desk.roles(), [Role::Receptionist]);
    let created = f
        .clinic
        .create_patient(&desk, &patient("Mia", "Chen", None, None))?;
    let found = f.clinic.search_patients(
        &desk,
        &PatientQuery {
            text: "chen".into(),
            include_archived: false,
            limit: None,
        },
    )?;
    assert_eq!(found.first().map(|p| p.id), Some(created.id));

    let err = f.clinic.create_user(
        &desk,
        NewUser {
            username: "sneaky".into(),
            display_name: "S".into(),
            password: PASSWORD.into(),
            roles: vec![Role::Admin],
        },
    );
    assert_eq!(
        err.err().map(|e| e.code()),
        Some(ErrorCode::PermissionDenied)
    );
    assert_eq!(
        f.clinic.login("sneaky", PASSWORD).err().map(|e| e.code()),
        Some(ErrorCode::InvalidCredentials)
    );

    let staff = f.clinic.list_users(&f.admin)?;
    let desk_row = staff
        .iter()
        .find(|u| u.username == "frontdesk")
        .ok_or("frontdesk is listed")?;
    assert_eq!(desk_row.roles, [Role::Receptionist]);
    assert_eq!(staff.len(), 2, "the owner and the receptionist: {staff:?}");
    assert_eq!(
        f.clinic.list_users(&desk).err().map(|e| e.code()),
        Some(ErrorCode::PermissionDenied)
    );
    Ok(())
}

#[test]
fn sign_in_failures_do_not_reveal_whether_the_user_exists() -> TestResult {
    let f = fixture()?;
    let wrong_password = f
        .clinic
        .login(ADMIN, "not the password")
        .err()
        .map(|e| e.to_string());
    let no_such_user = f
        .clinic
        .login("ghost", PASSWORD)
        .err()
        .map(|e| e.to_string());
    assert!(wrong_password.is_some());
    assert_eq!(wrong_password, no_such_user);
    let admin = f.clinic.login(&ADMIN.to_uppercase(), PASSWORD)?;
    assert!(admin.has_role(Role::Admin) && admin.has_role(Role::Practitioner));
    Ok(())
}
