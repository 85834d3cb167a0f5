//! The backend side of the screen lock: a locked or idle session refuses every request until
//! the password is given again, and an account disabled meanwhile cannot unlock.

mod common;

use std::time::{Duration, Instant};

use acuchart_core::audit::AuditFilter;
use acuchart_core::auth::Role;
use acuchart_core::session::{LiveSession, LockReason, IDLE_GRACE};
use acuchart_core::settings::SecuritySettings;
use acuchart_core::{Error, ErrorCode};
use common::*;

fn code<T: std::fmt::Debug>(r: acuchart_core::Result<T>) -> Option<ErrorCode> {
    r.err().map(|e| e.code())
}

fn recent_actions(f: &Fixture, n: usize) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let page = f.clinic.list_audit(&f.admin, &AuditFilter::default())?;
    Ok(page.entries.into_iter().take(n).map(|e| e.action).collect())
}

#[test]
fn a_locked_session_answers_locked_until_the_password_is_given() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let mut s = LiveSession::new(desk.clone());
    f.clinic.resume_session(&mut s)?;
    f.clinic.lock_session(&mut s, LockReason::Manual)?;
    f.clinic.lock_session(&mut s, LockReason::Manual)?;
    assert!(s.is_locked());
    assert_eq!(
        code(f.clinic.resume_session(&mut s)),
        Some(ErrorCode::SessionLocked)
    );
    match f.clinic.unlock_session(&mut s, "not the password") {
        Err(Error::Invalid(fields)) => assert_eq!(fields[0].field, "password"),
        other => return Err(format!("expected a field error, got {other:?}").into()),
    }
    assert!(s.is_locked());
    let actor = f.clinic.unlock_session(&mut s, PASSWORD)?;
    assert_eq!(actor.user_id(), desk.user_id());
    f.clinic.resume_session(&mut s)?;
    assert_eq!(
        recent_actions(&f, 3)?,
        ["unlock", "unlock_failed", "lock"],
        "one lock row however often the window asks"
    );
    Ok(())
}

#[test]
fn an_idle_session_locks_itself_after_the_clinic_idle_time() -> TestResult {
    let f = fixture()?;
    f.clinic.update_security_settings(
        &f.admin,
        &SecuritySettings {
            idle_lock_seconds: 60,
        },
    )?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let start = Instant::now();
    let mut s = LiveSession::started_at(desk, start);
    let limit = Duration::from_secs(60) + IDLE_GRACE;
    // Activity keeps it open: each request counts as activity.
    f.clinic.resume_session_at(&mut s, start + limit)?;
    f.clinic
        .resume_session_at(&mut s, start + limit + limit - Duration::from_secs(1))?;
    let later = start + limit * 3;
    assert_eq!(
        code(f.clinic.resume_session_at(&mut s, later)),
        Some(ErrorCode::SessionLocked)
    );
    assert_eq!(recent_actions(&f, 1)?, ["idle_lock"]);
    f.clinic
        .unlock_session_at(&mut s, PASSWORD, later + Duration::from_secs(1))?;
    f.clinic
        .resume_session_at(&mut s, later + Duration::from_secs(2))?;
    Ok(())
}

#[test]
fn an_account_disabled_while_locked_cannot_unlock() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let mut s = LiveSession::new(desk.clone());
    f.clinic.lock_session(&mut s, LockReason::Idle)?;
    f.clinic.set_user_disabled(&f.admin, desk.user_id(), true)?;
    assert_eq!(
        code(f.clinic.unlock_session(&mut s, PASSWORD)),
        Some(ErrorCode::NotAuthenticated)
    );
    Ok(())
}

#[test]
fn wrong_unlock_passwords_count_as_failed_sign_ins() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    let mut s = LiveSession::new(desk);
    f.clinic.lock_session(&mut s, LockReason::Manual)?;
    for _ in 0..4 {
        assert_eq!(
            code(f.clinic.unlock_session(&mut s, "guess guess")),
            Some(ErrorCode::InvalidInput)
        );
    }
    assert_eq!(
        code(f.clinic.unlock_session(&mut s, "guess guess")),
        Some(ErrorCode::TooManyAttempts)
    );
    assert_eq!(
        code(f.clinic.unlock_session(&mut s, PASSWORD)),
        Some(ErrorCode::TooManyAttempts)
    );
    assert_eq!(
        code(f.clinic.login("desk", PASSWORD)),
        Some(ErrorCode::TooManyAttempts),
        "signing in afresh waits too"
    );
    Ok(())
}

#[test]
fn the_idle_time_is_an_admin_setting_within_bounds() -> TestResult {
    let f = fixture()?;
    let desk = f.user("desk", &[Role::Receptionist])?;
    assert_eq!(
        f.clinic.settings(&desk)?.idle_lock_seconds,
        300,
        "5 minutes by default"
    );
    for bad in [0, 4, 4 * 60 * 60 + 1] {
        assert_eq!(
            code(f.clinic.update_security_settings(
                &f.admin,
                &SecuritySettings {
                    idle_lock_seconds: bad
                }
            )),
            Some(ErrorCode::InvalidInput),
            "{bad}"
        );
    }
    assert_eq!(
        code(f.clinic.update_security_settings(
            &desk,
            &SecuritySettings {
                idle_lock_seconds: 600
            }
        )),
        Some(ErrorCode::PermissionDenied)
    );
    let s = f.clinic.update_security_settings(
        &f.admin,
        &SecuritySettings {
            idle_lock_seconds: 600,
        },
    )?;
    assert_eq!(s.idle_lock_seconds, 600);
    Ok(())
}
