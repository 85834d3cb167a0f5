//! Staff accounts: disable (never delete), reset and change passwords, roles, and the wait
//! after repeated failed sign-ins, which never reveals whether a user name exists.

mod common;

use std::time::{Duration, Instant};

use acuchart_core::audit::{Action, AuditFilter};
use acuchart_core::auth::Role;
use acuchart_core::patients::NewPatient;
use acuchart_core::session::LiveSession;
use acuchart_core::visits::StartNote;
use acuchart_core::{Error, ErrorCode};
use common::*;

const NEW_PASSWORD: &str = "a brand new password";

fn code<T: std::fmt::Debug>(r: acuchart_core::Result<T>) -> Option<ErrorCode> {
    r.err().map(|e| e.code())
}

fn message<T: std::fmt::Debug>(r: acuchart_core::Result<T>) -> String {
    r.err().map(|e| e.to_string()).unwrap_or_default()
}

/// Moves a pending wait into the past, as if the time had passed.
fn end_wait(f: &Fixture, username: &str) -> TestResult {
    let key = acuchart_core::keys::KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    let raw = acuchart_core::db::open(
        f.vault.db_path(),
        &key,
        acuchart_core::db::OpenMode::Existing,
    )?;
    raw.execute(
        "UPDATE login_failures SET wait_until = '2000-01-01T00:00:00+00:00' WHERE username = ?1",
        [username],
    )?;
    Ok(())
}

#[test]
fn a_disabled_account_cannot_sign_in_loses_its_session_and_keeps_its_notes() -> TestResult {
    let f = fixture()?;
    let prac = f.user("prac", &[Role::Practitioner])?;
    let patient = f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Ines".into(),
            family_name: "Duarte".into(),
            ..Default::default()
        },
    )?;
    let note = f.clinic.start_visit_note(
        &prac,
        &StartNote {
            patient_id: patient.id,
            appointment_id: None,
            visit_date: None,
        },
    )?;
    let mut session = LiveSession::new(prac.clone());
    f.clinic.resume_session(&mut session)?;

    let disabled = f.clinic.set_user_disabled(&f.admin, prac.user_id(), true)?;
    assert!(disabled.disabled_at.is_some());
    assert_eq!(
        code(f.clinic.resume_session(&mut session)),
        Some(ErrorCode::NotAuthenticated),
        "the open session ends on its next request"
    );
    let refused = f.clinic.login("prac", PASSWORD);
    assert_eq!(
        message(refused),
        Error::InvalidCredentials.to_string(),
        "the same words as a wrong password"
    );
    // Nothing it wrote changes, and the account is still listed.
    let kept = f.clinic.visit_note(&f.admin, note.id)?;
    assert_eq!(kept.practitioner_name, prac.display_name());
    let listed = f.clinic.list_users(&f.admin)?;
    assert!(listed
        .iter()
        .any(|u| u.username == "prac" && u.disabled_at.is_some()));

    f.clinic
        .set_user_disabled(&f.admin, prac.user_id(), false)?;
    f.clinic.login("prac", PASSWORD)?;
    let actions: Vec<String> = f
        .clinic
        .list_audit(&f.admin, &AuditFilter::default())?
        .entries
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"disable".to_owned()) && actions.contains(&"enable".to_owned()));
    Ok(())
}

#[test]
fn admins_cannot_disable_or_reset_themselves_and_others_cannot_manage_staff() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    assert_eq!(
        code(
            f.clinic
                .set_user_disabled(&f.admin, f.admin.user_id(), true)
        ),
        Some(ErrorCode::Conflict)
    );
    assert_eq!(
        code(
            f.clinic
                .reset_user_password(&f.admin, f.admin.user_id(), NEW_PASSWORD)
        ),
        Some(ErrorCode::Conflict)
    );
    assert_eq!(
        code(
            f.clinic
                .set_user_roles(&f.admin, f.admin.user_id(), &[Role::Practitioner])
        ),
        Some(ErrorCode::InvalidInput)
    );
    assert_eq!(
        code(f.clinic.set_user_disabled(&desk, f.admin.user_id(), true)),
        Some(ErrorCode::PermissionDenied)
    );
    Ok(())
}

#[test]
fn a_reset_password_replaces_the_old_one_ends_the_session_and_clears_the_wait() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let mut session = LiveSession::new(desk.clone());
    for _ in 0..5 {
        let _ = f.clinic.login("desk", "wrong password!");
    }
    assert_eq!(
        code(f.clinic.login("desk", PASSWORD)),
        Some(ErrorCode::TooManyAttempts)
    );
    assert_eq!(
        code(
            f.clinic
                .reset_user_password(&f.admin, desk.user_id(), "short")
        ),
        Some(ErrorCode::InvalidInput)
    );
    f.clinic
        .reset_user_password(&f.admin, desk.user_id(), NEW_PASSWORD)?;
    assert_eq!(
        code(f.clinic.resume_session(&mut session)),
        Some(ErrorCode::NotAuthenticated)
    );
    assert_eq!(
        code(f.clinic.login("desk", PASSWORD)),
        Some(ErrorCode::InvalidCredentials)
    );
    f.clinic.login("desk", NEW_PASSWORD)?;
    Ok(())
}

#[test]
fn everyone_changes_their_own_password_knowing_the_current_one() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let wrong = f
        .clinic
        .change_own_password(&desk, "not my password", NEW_PASSWORD);
    match wrong {
        Err(Error::Invalid(fields)) => assert_eq!(fields[0].field, "current_password"),
        other => return Err(format!("expected a field error, got {other:?}").into()),
    }
    match f.clinic.change_own_password(&desk, PASSWORD, "short") {
        Err(Error::Invalid(fields)) => assert_eq!(fields[0].field, "new_password"),
        other => return Err(format!("expected a field error, got {other:?}").into()),
    }
    f.clinic
        .change_own_password(&desk, PASSWORD, NEW_PASSWORD)?;
    assert_eq!(
        code(f.clinic.login("desk", PASSWORD)),
        Some(ErrorCode::InvalidCredentials)
    );
    f.clinic.login("desk", NEW_PASSWORD)?;
    // Wrong current passwords count as failed sign-ins: after five, even the right one waits.
    for _ in 0..5 {
        let _ = f
            .clinic
            .change_own_password(&desk, "guess guess guess", "whatever else 1");
    }
    assert_eq!(
        code(
            f.clinic
                .change_own_password(&desk, NEW_PASSWORD, "whatever else 2")
        ),
        Some(ErrorCode::TooManyAttempts)
    );
    Ok(())
}

#[test]
fn new_roles_end_the_session_and_apply_from_the_next_sign_in() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let mut session = LiveSession::new(desk.clone());
    let changed = f.clinic.set_user_roles(
        &f.admin,
        desk.user_id(),
        &[Role::Receptionist, Role::Practitioner],
    )?;
    assert_eq!(changed.roles, [Role::Practitioner, Role::Receptionist]);
    assert_eq!(
        code(f.clinic.resume_session(&mut session)),
        Some(ErrorCode::NotAuthenticated)
    );
    let again = f.clinic.login("desk", PASSWORD)?;
    assert!(again.has_role(Role::Practitioner));
    Ok(())
}

#[test]
fn five_failures_start_a_growing_wait_for_known_and_unknown_names_alike() -> TestResult {
    let f = fixture()?;
    f.user("desk", &[Role::Receptionist])?;
    for name in ["desk", "nobody-here"] {
        for attempt in 1..=4 {
            assert_eq!(
                message(f.clinic.login(name, "wrong password!")),
                Error::InvalidCredentials.to_string(),
                "{name} attempt {attempt}"
            );
        }
        let fifth = f.clinic.login(name, "wrong password!");
        assert!(
            matches!(fifth, Err(Error::TooManyAttempts { wait_seconds: 30 })),
            "{name}: {fifth:?}"
        );
        // While waiting even the right password is refused, without being checked.
        let during = f.clinic.login(name, PASSWORD);
        assert!(matches!(
            during,
            Err(Error::TooManyAttempts {
                wait_seconds: 1..=30
            })
        ));
        end_wait(&f, name)?;
        let sixth = f.clinic.login(name, "wrong password!");
        assert!(
            matches!(sixth, Err(Error::TooManyAttempts { wait_seconds: 60 })),
            "the wait doubles: {sixth:?}"
        );
    }
    // The user name is matched however it is typed, so case does not reset the count.
    assert_eq!(
        code(f.clinic.login("DESK", PASSWORD)),
        Some(ErrorCode::TooManyAttempts)
    );
    end_wait(&f, "desk")?;
    f.clinic.login("desk", PASSWORD)?;
    // A success clears the count: four more failures are free again.
    for _ in 0..4 {
        assert_eq!(
            code(f.clinic.login("desk", "wrong password!")),
            Some(ErrorCode::InvalidCredentials)
        );
    }
    let listed = f.clinic.list_users(&f.admin)?;
    assert!(listed.iter().all(|u| u.wait_until.is_none()));
    Ok(())
}

#[test]
fn failed_sign_ins_are_audited_without_the_password() -> TestResult {
    let f = fixture()?;
    let _ = f.clinic.login(ADMIN, "wrong password xyzzy");
    let _ = f.clinic.login("ghost", "wrong password plugh");
    let page = f.clinic.list_audit(
        &f.admin,
        &AuditFilter {
            action: Some(Action::LoginFailed),
            ..Default::default()
        },
    )?;
    assert_eq!(page.entries.len(), 2);
    assert_eq!(
        page.entries[1].entity_id.as_deref(),
        Some(f.admin.user_id().to_string().as_str()),
        "a failure on a real account names it, for the admin"
    );
    assert_eq!(page.entries[0].entity_id, None);
    let dump = serde_json::to_string(&page)?;
    assert!(!dump.contains("xyzzy") && !dump.contains("plugh") && !dump.contains("ghost"));
    Ok(())
}

fn median_login_time(f: &Fixture, names: &[&str]) -> Duration {
    let mut times: Vec<Duration> = names
        .iter()
        .map(|n| {
            let started = Instant::now();
            let _ = f.clinic.login(n, "wrong password!");
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

#[test]
fn a_wrong_password_and_an_unknown_name_take_about_the_same_time() -> TestResult {
    let f = fixture()?;
    let names: Vec<String> = (0..5).map(|i| format!("staff{i}")).collect();
    for n in &names {
        f.user(n, &[Role::Receptionist])?;
    }
    let known: Vec<&str> = names.iter().map(String::as_str).collect();
    let unknown = ["ghost0", "ghost1", "ghost2", "ghost3", "ghost4"];
    let (a, b) = (
        median_login_time(&f, &known),
        median_login_time(&f, &unknown),
    );
    let ratio = a.as_secs_f64() / b.as_secs_f64();
    // Both do one argon2id verification (tens of milliseconds); a missing verification would
    // make the unknown name answer in well under a millisecond.
    assert!(
        (0.4..2.5).contains(&ratio),
        "wrong password {a:?}, unknown name {b:?}"
    );
    assert!(b > Duration::from_millis(2), "{b:?}");
    Ok(())
}
