//! `acuchart-cli settings …`.

use acuchart_core::auth::Actor;
use acuchart_core::settings::{ClinicSettings, SecuritySettings};
use acuchart_core::{Clinic, Error, Result};

use crate::args::{Cli, SettingsCommand};
use crate::output::print_json;

fn print(cli: &Cli, s: &ClinicSettings) -> Result<()> {
    if cli.json {
        return print_json(s);
    }
    out!("name:        {}", s.name);
    out!("time zone:   {}", s.time_zone);
    out!("date format: {}", s.date_format.as_str());
    out!("idle lock:   {} seconds", s.idle_lock_seconds);
    Ok(())
}

pub fn run(cli: &Cli, clinic: &Clinic, actor: &Actor, cmd: &SettingsCommand) -> Result<()> {
    match cmd {
        SettingsCommand::Show => print(cli, &clinic.settings(actor)?),
        SettingsCommand::Set { idle_lock_seconds } => {
            let Some(seconds) = idle_lock_seconds else {
                return Err(Error::invalid(
                    "settings",
                    "Say what to change, e.g. --idle-lock-seconds 300.",
                ));
            };
            let settings = clinic.update_security_settings(
                actor,
                &SecuritySettings {
                    idle_lock_seconds: *seconds,
                },
            )?;
            print(cli, &settings)
        }
    }
}
