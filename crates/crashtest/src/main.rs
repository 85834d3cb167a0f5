//! The process the crash harness kills. It opens the clinic the way the app does (keyring,
//! pending-key settling, migrations), signs in, then writes in a loop and prints one line per
//! committed write — only after the commit returned, so every printed line is a promise the
//! database must keep however the process dies.
//!
//!   acuchart-crash-writer DB USER write RUN   patients + clinical history, "p ID" / "m ID N"
//!   acuchart-crash-writer DB USER rotate      key rotations, "r N"
//!   acuchart-crash-writer DB USER restore FILE restores of FILE, "s N"
//!
//! The password comes from ACUCHART_PASSWORD.

use std::io::Write;
use std::path::PathBuf;

use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{MedicalHistory, NewPatient};
use acuchart_core::vault::Vault;

type Res = Result<(), Box<dyn std::error::Error>>;

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("crash-writer: {e}");
            std::process::ExitCode::from(2)
        }
    }
}

fn ack(line: String) -> Res {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}")?;
    out.flush()?;
    Ok(())
}

fn run() -> Res {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, user, mode, rest @ ..] = args.as_slice() else {
        return Err(
            "usage: acuchart-crash-writer DB USER write RUN | rotate | restore FILE".into(),
        );
    };
    let password = std::env::var("ACUCHART_PASSWORD")?;
    let vault = Vault::new(PathBuf::from(db), KeyStore::default());
    let clinic = vault.open()?;
    let actor = clinic.login(user, &password)?;
    ack("ready".into())?;
    match (mode.as_str(), rest) {
        ("write", [run]) => {
            for n in 0u64.. {
                let p = clinic.create_patient(
                    &actor,
                    &NewPatient {
                        given_name: "Crash".into(),
                        family_name: format!("Run{run}Write{n}"),
                        allow_duplicate: true,
                        ..Default::default()
                    },
                )?;
                ack(format!("p {} Run{run}Write{n}", p.id))?;
                clinic.update_patient_medical(
                    &actor,
                    p.id,
                    &MedicalHistory {
                        medical_history: Some(format!("history {n}")),
                        ..Default::default()
                    },
                )?;
                ack(format!("m {} {n}", p.id))?;
            }
            Ok(())
        }
        ("rotate", []) => {
            for n in 0u64.. {
                vault.rotate_key(&clinic, &actor)?;
                ack(format!("r {n}"))?;
            }
            Ok(())
        }
        ("restore", [file]) => {
            for n in 0u64.. {
                clinic.restore_backup(&actor, std::path::Path::new(file), None, &mut |_| {})?;
                ack(format!("s {n}"))?;
            }
            Ok(())
        }
        _ => Err(format!("unknown mode {mode:?}").into()),
    }
}
