//! Crash safety, tested by killing: a writer process (src/main.rs) prints each id after its
//! transaction commits; it is killed with SIGKILL at random moments, and after every kill the
//! database must open, pass `PRAGMA integrity_check`, hold every acknowledged record whole,
//! and keep an intact audit chain. The same for key rotation and restore. `make test-crash`
//! runs this (`make test` includes it); ACUCHART_CRASH_KILLS changes the number of kills.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{NewPatient, PatientQuery};
use acuchart_core::settings::DateFormat;
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::Clinic;
use rand::{Rng, SeedableRng};

type Res<T = ()> = Result<T, Box<dyn std::error::Error>>;

const ADMIN: &str = "owner";
const PASSWORD: &str = "crash-test-password";

fn kills(default: u32) -> u32 {
    std::env::var("ACUCHART_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Clinic0 {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Drop for Clinic0 {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.path);
    }
}

fn new_clinic(demo_scale: u32) -> Res<Clinic0> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("acuchart.db");
    let vault = Vault::new(&path, KeyStore::default());
    let (clinic, _) = vault.set_up(&SetupInput {
        clinic_name: "Crash Clinic".into(),
        time_zone: "UTC".into(),
        date_format: DateFormat::Ymd,
        admin_display_name: "Crash Owner".into(),
        admin_username: ADMIN.into(),
        admin_password: PASSWORD.into(),
        admin_is_practitioner: true,
    })?;
    if demo_scale > 0 {
        let admin = clinic.login(ADMIN, PASSWORD)?;
        clinic.generate_demo(&admin, demo_scale, 11, |_, _| {})?;
    }
    Ok(Clinic0 { _dir: dir, path })
}

/// Starts the writer, lets it run for a random moment, kills it with SIGKILL, and returns
/// every line it printed (each one a committed write).
fn run_and_kill(path: &Path, args: &[&str], rng: &mut impl Rng, max_ms: u64) -> Res<Vec<String>> {
    let mut child: Child = Command::new(env!("CARGO_BIN_EXE_acuchart-crash-writer"))
        .arg(path)
        .arg(ADMIN)
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    // Most kills land while writing; some during start-up (opening, settling keys, login).
    let during_startup = rng.random_bool(0.15);
    let started = Instant::now();
    if during_startup {
        std::thread::sleep(Duration::from_millis(rng.random_range(0..400)));
    } else {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(line) => lines.push(line),
            Err(_) => {
                let _ = child.kill();
                return Err("the writer never became ready".into());
            }
        }
        std::thread::sleep(Duration::from_millis(rng.random_range(0..max_ms)));
    }
    child.kill()?; // SIGKILL
    let status = child.wait()?;
    assert!(
        status.code().is_none() || started.elapsed() < Duration::from_millis(5),
        "the writer stopped by itself ({status:?}) instead of being killed"
    );
    let _ = reader.join();
    lines.extend(rx.try_iter());
    Ok(lines)
}

/// Opens the clinic as the app would, then checks the file and the audit chain.
fn reopen_and_check(path: &Path) -> Res<Clinic> {
    let clinic = Vault::new(path, KeyStore::default()).open()?;
    assert!(
        KeyStore::default().load_pending(path)?.is_none(),
        "a pending key survived opening"
    );
    let key = KeyStore::default()
        .load(path)?
        .ok_or("no key in the keyring")?;
    let conn = db::open(path, &key, OpenMode::Existing)?;
    if let Err(problems) = db::integrity_check(&conn)? {
        return Err(format!("integrity_check: {problems}").into());
    }
    let admin = clinic.login(ADMIN, PASSWORD)?;
    let audit = clinic.verify_audit(&admin)?;
    assert_eq!(audit.first_broken_id, None, "{:?}", audit.problem);
    Ok(clinic)
}

#[test]
fn two_hundred_kills_while_writing_lose_no_acknowledged_record() -> Res {
    let clinic0 = new_clinic(0)?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(
        std::env::var("ACUCHART_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20_26),
    );
    let n = kills(200);
    let (mut acked, mut mid_write_kills) = (0usize, 0u32);
    for run in 0..n {
        let run_s = run.to_string();
        let lines = run_and_kill(&clinic0.path, &["write", &run_s], &mut rng, 80)?;
        let clinic = reopen_and_check(&clinic0.path)?;
        let key = KeyStore::default().load(&clinic0.path)?.ok_or("no key")?;
        let conn = db::open(&clinic0.path, &key, OpenMode::Existing)?;
        let mut last_name = None;
        for line in lines.iter().filter(|l| *l != "ready") {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["p", id, name] => {
                    let stored: String = conn.query_row(
                        "SELECT family_name FROM patients WHERE id = ?1",
                        [id.parse::<i64>()?],
                        |r| r.get(0),
                    )?;
                    assert_eq!(&stored, name, "run {run}: patient {id}");
                    last_name = Some(name.to_string());
                }
                ["m", id, k] => {
                    let stored: Option<String> = conn.query_row(
                        "SELECT medical_history FROM patient_medical WHERE patient_id = ?1",
                        [id.parse::<i64>()?],
                        |r| r.get(0),
                    )?;
                    assert_eq!(
                        stored,
                        Some(format!("history {k}")),
                        "run {run}: medical {id}"
                    );
                }
                other => return Err(format!("unexpected line {other:?}").into()),
            }
            acked += 1;
        }
        if lines.len() > 1 {
            mid_write_kills += 1;
        }
        // The newest acknowledged patient is whole: its search index row committed with it.
        if let Some(name) = last_name {
            let admin = clinic.login(ADMIN, PASSWORD)?;
            let found = clinic.search_patients(
                &admin,
                &PatientQuery {
                    text: name.clone(),
                    include_archived: false,
                    limit: Some(5),
                },
            )?;
            assert!(
                found.iter().any(|p| p.family_name == name),
                "run {run}: {name} not indexed"
            );
        }
    }
    eprintln!("{n} kills, {mid_write_kills} of them after at least one acknowledged write; {acked} acknowledged writes all present");
    assert!(
        mid_write_kills >= n / 2,
        "most kills must land while writing"
    );
    Ok(())
}

#[test]
fn kills_during_key_rotation_always_leave_the_working_key_in_the_keyring() -> Res {
    let clinic0 = new_clinic(1)?;
    let patients = |c: &Clinic| -> Res<usize> {
        let admin = c.login(ADMIN, PASSWORD)?;
        Ok(c.search_patients(
            &admin,
            &PatientQuery {
                text: String::new(),
                include_archived: true,
                limit: Some(200),
            },
        )?
        .len())
    };
    let expected = patients(&reopen_and_check(&clinic0.path)?)?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let n = kills(40);
    let mut rotations = 0usize;
    for _ in 0..n {
        let lines = run_and_kill(&clinic0.path, &["rotate"], &mut rng, 1500)?;
        rotations += lines.iter().filter(|l| l.starts_with("r ")).count();
        let clinic = reopen_and_check(&clinic0.path)?;
        assert_eq!(patients(&clinic)?, expected);
    }
    eprintln!("{n} kills during key rotation; {rotations} rotations completed between them");
    assert!(rotations > 0, "some rotations must complete");
    Ok(())
}

#[test]
fn kills_during_restore_leave_the_old_or_the_restored_data() -> Res {
    let clinic0 = new_clinic(1)?;
    let backup_file = {
        let clinic = reopen_and_check(&clinic0.path)?;
        let admin = clinic.login(ADMIN, PASSWORD)?;
        clinic.create_backup(&admin, &mut |_| {})?.path
    };
    let count = |c: &Clinic| -> Res<i64> {
        let admin = c.login(ADMIN, PASSWORD)?;
        Ok(c.backup_overview(&admin)
            .map(|_| ())
            .and_then(|_| c.verify_backup(&admin, Path::new(&backup_file), None))?
            .patients)
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(9);
    let n = kills(30);
    let mut restores = 0usize;
    for i in 0..n {
        // Make the live data differ from the backup, so a half-restore would show.
        let (in_backup, before) = {
            let clinic = reopen_and_check(&clinic0.path)?;
            let admin = clinic.login(ADMIN, PASSWORD)?;
            clinic.create_patient(
                &admin,
                &NewPatient {
                    given_name: "Extra".into(),
                    family_name: format!("Live{i}"),
                    allow_duplicate: true,
                    ..Default::default()
                },
            )?;
            (count(&clinic)?, live_patients(&clinic0.path)?)
        };
        let lines = run_and_kill(&clinic0.path, &["restore", &backup_file], &mut rng, 2000)?;
        restores += lines.iter().filter(|l| l.starts_with("s ")).count();
        reopen_and_check(&clinic0.path)?;
        let after = live_patients(&clinic0.path)?;
        assert!(
            after == before || after == in_backup,
            "run {i}: {after} patients, expected {before} or {in_backup}"
        );
        if lines.iter().any(|l| l.starts_with("s ")) {
            assert_eq!(after, in_backup);
        }
    }
    eprintln!("{n} kills during restore; {restores} restores completed between them");
    Ok(())
}

fn live_patients(path: &Path) -> Res<i64> {
    let key = KeyStore::default().load(path)?.ok_or("no key")?;
    let conn = db::open(path, &key, OpenMode::Existing)?;
    Ok(conn.query_row("SELECT count(*) FROM patients", [], |r| r.get(0))?)
}
