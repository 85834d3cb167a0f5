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

on_both_backends!(
    search_finds_by_partial_accentless_and_case_folded_names,
    |f: &Fixture| {
        seed(f)?;
        assert_eq!(names(&search(f, "jose garc")?), ["José García"]);
        assert_eq!(names(&search(f, "muller")?), ["Anna Müller"]);
        assert_eq!(names(&search(f, "MÜL")?), ["Anna Müller"]);
        assert_eq!(names(&search(f, "王")?), ["小明 王"]);
        assert!(search(f, "nobody")?.is_empty());
        Ok(())
    }
);

on_both_backends!(an_exact_family_name_ranks_first, |f: &Fixture| {
    seed(f)?;
    let found = names(&search(f, "Josephs")?);
    assert_eq!(found.first().map(String::as_str), Some("Sarah Josephs"));
    let found = names(&search(f, "jos")?);
    assert_eq!(
        found.len(),
        3,
        "José, Joseph and Josephs all start with jos: {found:?}"
    );
    Ok(())
});

on_both_backends!(
    search_finds_by_phone_digits_birth_date_and_chart_number,
    |f: &Fixture| {
        seed(f)?;
        assert_eq!(names(&search(f, "5550142")?), ["José García"]);
        assert_eq!(names(&search(f, "555-014")?), ["José García"]);
        assert_eq!(names(&search(f, "1984-03-07")?), ["José García"]);
        assert_eq!(names(&search(f, "07/03/1984")?), ["José García"]);
        let smith = search(f, "smith")?;
        let chart = smith
            .first()
            .map(|p| p.chart_number.to_string())
            .unwrap_or_default();
        assert_eq!(names(&search(f, &chart)?), ["Joseph Smith"]);
        Ok(())
    }
);

on_both_backends!(
    search_input_with_query_syntax_is_searched_not_interpreted,
    |f: &Fixture| {
        seed(f)?;
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
            search(f, odd)?;
        }
        assert_eq!(
            search(f, "")?.len(),
            5,
            "an empty query lists recent patients"
        );
        Ok(())
    }
);

on_both_backends!(chart_numbers_are_unique_and_increasing, |f: &Fixture| {
    let a = f
        .clinic
        .create_patient(&f.admin, &patient("A", "One", None, None))?;
    let b = f
        .clinic
        .create_patient(&f.admin, &patient("B", "Two", None, None))?;
    assert!(b.chart_number > a.chart_number);
    Ok(())
});

on_both_backends!(
    each_bad_field_is_named_and_nothing_is_stored,
    |f: &Fixture| {
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
            search(f, "")?.is_empty(),
            "no half-written patient may remain"
        );
        Ok(())
    }
);

on_both_backends!(roles_are_checked_in_the_core, |f: &Fixture| {
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
});

on_both_backends!(
    sign_in_failures_do_not_reveal_whether_the_user_exists,
    |f: &Fixture| {
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
);

/// The same patients and the same searches on SQLite (FTS5) and PostgreSQL (the GIN text
/// search index): the same ids in the same order, including when more patients match than
/// the limit lets through.
#[test]
fn searches_return_the_same_patients_in_the_same_order_on_both_backends() -> TestResult {
    let Some(pg) = fixture_on(Backend::Postgres)? else {
        return Ok(());
    };
    let sqlite = fixture()?;
    let people = [
        (
            "José",
            "García",
            Some("1984-03-07"),
            Some("(555) 014-2299"),
            Some("jose.garcia@example.com"),
        ),
        (
            "Anna",
            "Müller",
            Some("1990-11-30"),
            Some("+49 30 1234567"),
            None,
        ),
        ("小明", "王", None, Some("021 5555 0101"), None),
        (
            "Joseph",
            "Smith",
            Some("1971-06-15"),
            None,
            Some("jsmith@example.org"),
        ),
        ("Sarah", "Josephs", None, Some("555 014 7788"), None),
        ("Élodie", "Lefèvre", Some("2001-01-02"), None, None),
        ("Nguyễn", "Văn An", None, Some("555.014.2200"), None),
        ("Mei", "Li", Some("1984-07-03"), None, None),
        ("Wei", "Lin", None, None, Some("wei.1971@example.com")),
        ("Ana", "Lim", None, None, None),
        ("Liam", "O'Brien", None, None, Some("liam@li.example")),
        ("Lisa", "Li-Jensen", None, None, None),
        ("Zoë", "Lindqvist", None, None, None),
        ("Ángel", "Núñez", None, Some("555-0142"), None),
        ("Björn", "Søren", None, None, None),
        ("Łukasz", "Wałęsa", None, None, None),
        ("Άννα", "Παπαδοπούλου", None, None, None),
        ("Йосиф", "Ёлкин", None, None, None),
        ("Johann", "Strauß", None, None, None),
        ("Chloé", "Œuvray", None, None, None),
    ];
    for f in [&sqlite, &pg] {
        for (given, family, dob, phone, email) in people {
            let mut p = patient(given, family, dob, phone);
            p.email = email.map(Into::into);
            p.allow_duplicate = true;
            f.clinic.create_patient(&f.admin, &p)?;
        }
        let archived = f
            .clinic
            .create_patient(&f.admin, &patient("Lise", "Lind", None, None))?;
        f.clinic.set_patient_archived(&f.admin, archived.id, true)?;
    }
    // Accents that decompose (é, ü, ñ, ễ), partial and whole names, e-mail words, phone
    // digits with any separators, typed dates, CJK and Cyrillic, and query syntax.
    let same: Vec<&str> = concat!(
        "|jose|JOSÉ|garc|jose garc|muller|MÜL|王|小明|elodie|lefevre|LEFÈVRE|nguyen|van",
        "|li|Li|lin|lim|le|jos|josephs|smith j|o'brien|brien|example|jsmith|5550142|555-014",
        "|555 014|(555)|0142|1984-03-07|07/03/1984|3/7/1984|1984|555|angel nunez|nunez|zoe",
        "|bjorn|søren|wałęsa|łukasz|άννα|παπαδο|иосиф|йосиф|ёлкин|strauß|œuvray|chloe|nobody",
        "|1971|wei 1971|wei 19|li ５５５|５５５|\"|*|NEAR(|a:b|'|&|!li|li:*|-|jose OR smith|jose AND NOT",
    )
    .split('|')
    .collect();
    // PostgreSQL's unaccent (in the index's `acuchart_fold`) folds more than FTS5's unicode61
    // `remove_diacritics 2`: letters without a decomposition (ø, ł, ß, œ), Greek tonos and
    // Cyrillic Ё. Typed without the mark, these names are found on PostgreSQL only. Making
    // the two folds one needs a schema change (the report that ported this says so); until
    // then this list pins the difference, and a fix moves these queries to `same`.
    let found_on_postgres_only = [
        "l",
        "soren",
        "lukasz",
        "walesa",
        "αννα",
        "елкин",
        "strauss",
        "oeuvray",
    ];
    let mut differ = Vec::new();
    let mut pinned = Vec::new();
    for text in same.iter().chain(&found_on_postgres_only) {
        let expect_same = same.contains(text);
        for (include_archived, limit) in [(false, None), (true, None), (false, Some(3))] {
            let query = PatientQuery {
                text: (*text).into(),
                include_archived,
                limit,
            };
            let on_sqlite = sqlite.clinic.search_patients(&sqlite.admin, &query)?;
            let on_pg = pg.clinic.search_patients(&pg.admin, &query)?;
            let ids = |found: &[PatientSummary]| found.iter().map(|p| p.id).collect::<Vec<_>>();
            let line = format!(
                "{text:?} (archived included: {include_archived}, limit {limit:?}): SQLite {:?}, PostgreSQL {:?}",
                names(&on_sqlite),
                names(&on_pg)
            );
            if expect_same {
                if (ids(&on_sqlite), names(&on_sqlite)) != (ids(&on_pg), names(&on_pg)) {
                    differ.push(line);
                }
            } else if limit.is_none()
                && (on_sqlite.len() >= on_pg.len()
                    || on_sqlite.iter().any(|p| !ids(&on_pg).contains(&p.id)))
            {
                pinned.push(line);
            }
        }
    }
    assert!(differ.is_empty(), "the backends disagree: {differ:#?}");
    assert!(
        pinned.is_empty(),
        "no longer found on PostgreSQL only (move to `same`): {pinned:#?}"
    );
    Ok(())
}
