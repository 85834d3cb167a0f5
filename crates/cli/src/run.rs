use std::io::BufRead;
use std::path::PathBuf;

use acuchart_core::auth::Actor;
use acuchart_core::db::MIGRATIONS;
use acuchart_core::demo::DemoStage;
use acuchart_core::keys::KeyStore;
use acuchart_core::settings::{system_time_zone, DateFormat};
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::{paths, Clinic, Error, Result};
use serde_json::json;

use crate::args::{Cli, Command, DateFormatArg, InitArgs};
use crate::output::print_json;
use crate::schedule_args::ScheduleCommand;

const PASSWORD_ENV: &str = "ACUCHART_PASSWORD";

pub fn run(cli: &Cli) -> Result<()> {
    // The point catalogue is public reference data built into the binary: it must work before a
    // clinic exists and without a password, so it is answered before any database is looked at.
    if let Command::Points(cmd) = &cli.command {
        return crate::points_cmd::run(cli, cmd);
    }
    let vault = Vault::new(database_path(cli)?, KeyStore::default());
    match &cli.command {
        Command::Points(cmd) => crate::points_cmd::run(cli, cmd),
        Command::Init(args) => init(cli, &vault, args),
        Command::Status => status(cli, &vault),
        Command::Patient(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::patient_cmd::run(cli, &clinic, &actor, cmd)
        }
        Command::Demo {
            scale,
            seed,
            patients_only,
        } => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            demo(cli, &clinic, &actor, *scale, *seed, *patients_only)
        }
        Command::Audit(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::audit_cmd::run(cli, &clinic, &actor, cmd)
        }
        Command::Note(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::note_cmd::run(cli, &clinic, &actor, cmd)
        }
        Command::Protocol(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::note_cmd::protocol(cli, &clinic, &actor, cmd)
        }
        Command::Doc(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::doc_cmd::run(cli, &clinic, &actor, cmd)
        }
        Command::Import {
            kind,
            file,
            dry_run,
            mapping,
        } => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::data_cmd::import(
                cli,
                &clinic,
                &actor,
                *kind,
                file,
                *dry_run,
                mapping.as_deref(),
            )
        }
        Command::Export(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::data_cmd::export(cli, &clinic, &actor, cmd)
        }
        Command::Backup(_) | Command::Key(_) if cli.database_url.is_some() => {
            Err(Error::Unsupported(
                "Backups and the database key belong to a clinic database kept on this \
                 computer. A clinic on a PostgreSQL server is backed up on the server.",
            ))
        }
        Command::Backup(cmd) => crate::backup_cmd::run(cli, &vault, cmd),
        Command::Key(crate::args::KeyCommand::Rotate) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            let rotation = vault.rotate_key(&clinic, &actor)?;
            let result = acuchart_core::api::KeyRotationResult::from(rotation);
            if cli.json {
                return print_json(&result);
            }
            out!("The database key was changed. The old key and recovery key no longer work.");
            out!(
                "\nNew recovery key (shown once; print it, keep it safe, destroy the old one):\n\n    {}\n",
                result.recovery_key
            );
            out!(
                "Backups re-encrypted with the new key: {}",
                result.backups_reencrypted
            );
            for name in &result.backups_left {
                out!("  still under an older key: {name}");
            }
            Ok(())
        }
        Command::User(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::user_cmd::run(cli, &clinic, &actor, cmd)
        }
        Command::Settings(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::settings_cmd::run(cli, &clinic, &actor, cmd)
        }
        Command::Schedule(cmd) => {
            let clinic = open(cli, &vault)?;
            let actor = sign_in(cli, &clinic)?;
            crate::schedule_cmd::run(cli, &clinic, &actor, cmd)
        }
        Command::Appointment(cmd) => front_desk(cli, &vault, cmd.clone().into()),
        Command::Slots(cmd) => front_desk(cli, &vault, cmd.clone().into()),
        Command::Waitlist(cmd) => front_desk(cli, &vault, cmd.clone().into()),
        Command::Ics(cmd) => front_desk(cli, &vault, cmd.clone().into()),
    }
}

fn front_desk(cli: &Cli, vault: &Vault, cmd: ScheduleCommand) -> Result<()> {
    let clinic = open(cli, vault)?;
    let actor = sign_in(cli, &clinic)?;
    crate::schedule_cmd::run(cli, &clinic, &actor, &cmd)
}

fn database_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(p) => Ok(p.clone()),
        None => paths::default_database_path(),
    }
}

pub(crate) fn password(cli: &Cli) -> Result<String> {
    if cli.password_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    std::env::var(PASSWORD_ENV).map_err(|_| {
        Error::invalid(
            "password",
            format!("Set {PASSWORD_ENV} or pass --password-stdin to give the password."),
        )
    })
}

pub(crate) fn open(cli: &Cli, vault: &Vault) -> Result<Clinic> {
    if let Some(url) = &cli.database_url {
        return Clinic::connect_postgres(url);
    }
    match &cli.recovery_key {
        Some(key) if vault.state()? != acuchart_core::vault::VaultState::Ready => {
            vault.open_with_recovery_key(key)
        }
        _ => vault.open(),
    }
}

pub(crate) fn sign_in(cli: &Cli, clinic: &Clinic) -> Result<Actor> {
    let user = cli.user.as_deref().ok_or_else(|| {
        Error::invalid("user", "Give the user name with --user or ACUCHART_USER.")
    })?;
    clinic.login(user, &password(cli)?)
}

fn init(cli: &Cli, vault: &Vault, args: &InitArgs) -> Result<()> {
    let input = SetupInput {
        clinic_name: args.clinic_name.clone(),
        time_zone: args.time_zone.clone().unwrap_or_else(system_time_zone),
        date_format: match args.date_format {
            DateFormatArg::Dmy => DateFormat::Dmy,
            DateFormatArg::Mdy => DateFormat::Mdy,
            DateFormatArg::Ymd => DateFormat::Ymd,
        },
        admin_display_name: args.admin_name.clone(),
        admin_username: args.admin_username.clone(),
        admin_password: password(cli)?,
        admin_is_practitioner: args.practitioner,
    };
    if let Some(url) = &cli.database_url {
        Clinic::set_up_postgres(url, &input)?;
        let server = without_password(url);
        return if cli.json {
            print_json(&json!({ "database_url": server }))
        } else {
            out!("Created the clinic on the PostgreSQL database {server}");
            Ok(())
        };
    }
    let (_clinic, recovery) = vault.set_up(&input)?;
    if cli.json {
        print_json(&json!({
            "database": vault.db_path().display().to_string(),
            "recovery_key": recovery.as_str(),
        }))
    } else {
        out!(
            "Created the clinic database at {}",
            vault.db_path().display()
        );
        out!(
            "\nRecovery key (shown once; print it and keep it safe):\n\n    {}\n",
            recovery.as_str()
        );
        Ok(())
    }
}

fn status(cli: &Cli, vault: &Vault) -> Result<()> {
    if let Some(url) = &cli.database_url {
        return server_status(cli, url);
    }
    let state = vault.state()?;
    let schema = match state {
        acuchart_core::vault::VaultState::Ready => Some(open(cli, vault)?.schema_version()?),
        _ => None,
    };
    let latest = MIGRATIONS.last().map_or(0, |m| m.version);
    if cli.json {
        print_json(&json!({
            "database": vault.db_path().display().to_string(),
            "state": state,
            "schema_version": schema,
            "latest_schema_version": latest,
        }))
    } else {
        out!("database: {}", vault.db_path().display());
        out!("state:    {state:?}");
        if let Some(v) = schema {
            out!("schema:   {v} (this version knows {latest})");
        }
        Ok(())
    }
}

/// A clinic on a PostgreSQL server: reachable and set up, and its schema version.
fn server_status(cli: &Cli, url: &str) -> Result<()> {
    let server = without_password(url);
    let latest = acuchart_core::db::postgres_migrations::POSTGRES_MIGRATIONS
        .last()
        .map_or(0, |m| m.0);
    let (state, schema) = match Clinic::connect_postgres(url) {
        Ok(clinic) => ("ready", Some(clinic.schema_version()?)),
        Err(Error::NotInitialized) => ("not_set_up", None),
        Err(e) => return Err(e),
    };
    if cli.json {
        print_json(&json!({
            "database_url": server,
            "state": state,
            "schema_version": schema,
            "latest_schema_version": latest,
        }))
    } else {
        out!("database: {server}");
        out!("state:    {state}");
        if let Some(v) = schema {
            out!("schema:   {v} (this version knows {latest})");
        }
        Ok(())
    }
}

/// The URL as it may be printed: any password replaced by `***`.
fn without_password(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_owned();
    };
    let rest = &url[scheme_end..];
    let host_start = rest.find('@');
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    match host_start {
        Some(at) if at < authority_end => {
            let user_info = &rest[..at];
            let user = user_info.split(':').next().unwrap_or_default();
            let masked = if user_info.contains(':') {
                format!("{user}:***")
            } else {
                user.to_owned()
            };
            format!("{}{masked}{}", &url[..scheme_end], &rest[at..])
        }
        _ => url.to_owned(),
    }
}

fn demo(
    cli: &Cli,
    clinic: &Clinic,
    actor: &Actor,
    scale: u32,
    seed: u64,
    patients_only: bool,
) -> Result<()> {
    let started = std::time::Instant::now();
    if patients_only {
        let added = clinic.generate_demo(actor, scale, seed, |done, total| {
            eprint!(
                "\rGenerating patients: {done}/{total} ({}%)",
                done * 100 / total.max(1)
            );
        })?;
        eprintln!();
        let secs = started.elapsed().as_secs_f64();
        return if cli.json {
            print_json(&json!({ "patients": added, "seconds": secs }))
        } else {
            out!("Added {added} demo patients in {secs:.1} s.");
            Ok(())
        };
    }
    let made = clinic.generate_demo_clinic(actor, scale, seed, |stage, done, total| {
        let what = match stage {
            DemoStage::Patients => "patients",
            DemoStage::History => "appointments and notes",
        };
        eprint!(
            "\rGenerating {what}: {done}/{total} ({}%)   ",
            done * 100 / total.max(1)
        );
    })?;
    eprintln!();
    let secs = started.elapsed().as_secs_f64();
    if cli.json {
        print_json(&json!({
            "patients": made.patients,
            "practitioners": made.practitioners,
            "appointments": made.appointments,
            "notes": made.notes,
            "points": made.points,
            "seconds": secs,
        }))
    } else {
        out!(
            "Added a demo clinic in {secs:.1} s: {} patients, {} practitioners, {} appointments, \
             {} signed notes with {} needled points.",
            made.patients,
            made.practitioners,
            made.appointments,
            made.notes,
            made.points
        );
        Ok(())
    }
}
