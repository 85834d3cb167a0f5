//! A clinic on PostgreSQL: set up, opened again from another "computer", migrated once when
//! several start together, and the services already on the database layer (settings, staff,
//! sign-in) behaving as on the embedded database. Run inside scripts/with-postgres.sh.

mod common;

use std::sync::{Arc, Barrier};

use acuchart_core::auth::Role;
use acuchart_core::error::ErrorCode;
use acuchart_core::Clinic;
use common::{pg, setup_input, Backend, Fixture, TestResult, ADMIN, PASSWORD};

on_both_backends!(staff_sign_in_and_settings, |f: &Fixture| {
    let settings = f.clinic.settings(&f.admin)?;
    assert_eq!(settings.name, "Harbour Acupuncture");
    assert_eq!(settings.time_zone, "America/Toronto");
    let desk = f.user("desk", &[Role::Receptionist])?;
    assert_eq!(desk.username(), "desk");
    let names: Vec<String> = f
        .clinic
        .list_users(&f.admin)?
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names, ["desk", ADMIN]);
    // A wrong password is refused as on the embedded database, and counted.
    let refused = f.clinic.login("desk", "not the password").map(|_| ());
    assert_eq!(
        refused.map_err(|e| e.code()),
        Err(ErrorCode::InvalidCredentials)
    );
    // Receptionists may not manage staff.
    let denied = f.clinic.list_users(&desk).map(|_| ());
    assert_eq!(
        denied.map_err(|e| e.code()),
        Err(ErrorCode::PermissionDenied)
    );
    Ok(())
});

#[test]
fn a_second_computer_opens_the_same_clinic_and_sees_its_staff() -> TestResult {
    let Some(url) = pg::database_url() else {
        return Ok(());
    };
    let database = pg::TempDatabase::create(&url, "second_computer")?;
    let desk = Clinic::set_up_postgres(&database.url(), &setup_input())?;
    assert_eq!(desk.backend(), Backend::Postgres);
    let admin = desk.login(ADMIN, PASSWORD)?;
    desk.create_user(
        &admin,
        acuchart_core::users::NewUser {
            username: "room2".into(),
            display_name: "Treatment room 2".into(),
            password: PASSWORD.into(),
            roles: vec![Role::Practitioner],
        },
    )?;
    let room = Clinic::connect_postgres(&database.url())?;
    let practitioner = room.login("room2", PASSWORD)?;
    assert_eq!(practitioner.username(), "room2");
    // Setting up twice is refused, and the clinic is left as it was.
    let again = Clinic::set_up_postgres(&database.url(), &setup_input()).map(|_| ());
    assert_eq!(
        again.map_err(|e| e.code()),
        Err(ErrorCode::AlreadyInitialized)
    );
    assert_eq!(room.list_users(&admin)?.len(), 2);
    Ok(())
}

#[test]
fn an_empty_database_is_not_a_clinic_until_set_up() -> TestResult {
    let Some(url) = pg::database_url() else {
        return Ok(());
    };
    let database = pg::TempDatabase::create(&url, "not_set_up")?;
    let opened = Clinic::connect_postgres(&database.url()).map(|_| ());
    assert_eq!(opened.map_err(|e| e.code()), Err(ErrorCode::NotInitialized));
    Ok(())
}

/// Eight computers starting on a new database at once: the schema is migrated exactly once
/// (the advisory lock), and every one of them ends on the latest version.
#[test]
fn computers_starting_together_migrate_once() -> TestResult {
    let Some(url) = pg::database_url() else {
        return Ok(());
    };
    let racing = pg::TempDatabase::create(&url, "migrate_race")?;
    let url = Arc::new(racing.url());
    let start = Arc::new(Barrier::new(8));
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let (url, start) = (url.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                Clinic::connect_postgres(&url)
                    .map(|_| ())
                    .map_err(|e| e.code())
            })
        })
        .collect();
    for handle in handles {
        let opened = handle.join().map_err(|_| "a starting thread panicked")?;
        // Not set up yet, so each is refused, but only after the schema is in place.
        assert_eq!(opened, Err(ErrorCode::NotInitialized));
    }
    let mut client = racing.connect()?;
    let rows = client.query(
        "SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version",
        &[],
    )?;
    let known = acuchart_core::db::postgres_migrations::POSTGRES_MIGRATIONS.len();
    assert_eq!(rows.len(), known, "every migration applied");
    for row in rows {
        let n: i64 = row.get("n");
        assert_eq!(
            n,
            1,
            "migration {} applied {n} times",
            row.get::<_, i64>("version")
        );
    }
    Ok(())
}

#[test]
fn a_server_on_another_computer_is_never_reached_unencrypted() -> TestResult {
    let opened =
        Clinic::connect_postgres("postgres://acuchart@db.example.org/clinic?sslmode=disable")
            .map(|_| ());
    let err = opened
        .err()
        .ok_or("sslmode=disable to another computer should be refused")?;
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("encrypted"), "{err}");
    let garbled = Clinic::connect_postgres("postgres://[::1").map(|_| ());
    assert_eq!(garbled.map_err(|e| e.code()), Err(ErrorCode::InvalidInput));
    Ok(())
}

// Every request of a signed-in window passes through the session: on a clinic server too.
on_both_backends!(
    a_session_locks_and_unlocks_with_the_password,
    |f: &Fixture| {
        use acuchart_core::session::{LiveSession, LockReason};
        let mut session = LiveSession::new(f.admin.clone());
        assert_eq!(f.clinic.resume_session(&mut session)?.username(), ADMIN);
        f.clinic.lock_session(&mut session, LockReason::Manual)?;
        let locked = f.clinic.resume_session(&mut session).map(|_| ());
        assert_eq!(locked.map_err(|e| e.code()), Err(ErrorCode::SessionLocked));
        let wrong = f.clinic.unlock_session(&mut session, "not it").map(|_| ());
        assert_eq!(wrong.map_err(|e| e.code()), Err(ErrorCode::InvalidInput));
        f.clinic.unlock_session(&mut session, PASSWORD)?;
        assert_eq!(f.clinic.resume_session(&mut session)?.username(), ADMIN);
        Ok(())
    }
);
