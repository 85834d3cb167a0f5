//! `acuchart-cli backup …`: the same backup services the app's Settings → Backups uses.

use std::io::Write;
use std::path::Path;

use acuchart_core::backup::{BackupInfo, BackupPhase, BackupProgress, BackupSettings};
use acuchart_core::vault::Vault;
use acuchart_core::Result;
use serde_json::json;

use crate::args::{BackupCommand, Cli};
use crate::output::{end_progress_line, print_json, PROGRESS_LINE_OPEN};
use crate::run::{open, sign_in};

/// A one-line progress bar on standard error, redrawn in place.
fn progress_bar() -> impl FnMut(BackupProgress) {
    let mut last: Option<(BackupPhase, u32)> = None;
    move |p: BackupProgress| {
        let pct = (p.done * 100).checked_div(p.total).unwrap_or(100);
        if last == Some((p.phase, pct)) {
            return;
        }
        if last.is_some_and(|(phase, _)| phase != p.phase) {
            end_progress_line();
        }
        last = Some((p.phase, pct));
        let filled = (pct / 5) as usize;
        eprint!(
            "\r{:<22} [{}{}] {pct:>3}%",
            phase_label(p.phase),
            "#".repeat(filled),
            ".".repeat(20 - filled)
        );
        PROGRESS_LINE_OPEN.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = std::io::stderr().flush();
    }
}

fn phase_label(phase: BackupPhase) -> &'static str {
    match phase {
        BackupPhase::Copying => "Copying database",
        BackupPhase::Checking => "Checking the backup",
        BackupPhase::Migrating => "Upgrading its schema",
        BackupPhase::SavingCurrent => "Keeping current data",
        BackupPhase::Restoring => "Restoring",
    }
}

fn info_line(b: &BackupInfo) -> String {
    format!(
        "{}  {:<13} {:>8.1} MB  {}",
        b.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
        format!("{:?}", b.kind),
        b.size_bytes as f64 / 1_000_000.0,
        b.path
    )
}

pub fn run(cli: &Cli, vault: &Vault, cmd: &BackupCommand) -> Result<()> {
    if let BackupCommand::Restore { file } = cmd {
        if !vault.db_path().exists() {
            return restore_new(cli, vault, file);
        }
    }
    let clinic = open(cli, vault)?;
    if let BackupCommand::Scheduled = cmd {
        let made = clinic.run_scheduled_backup(chrono::Utc::now())?;
        return match (&made, cli.json) {
            (_, true) => print_json(&json!({ "backup": made })),
            (Some(b), false) => {
                out!("Backed up to {}", b.path);
                Ok(())
            }
            (None, false) => {
                out!("No automatic backup is due yet.");
                Ok(())
            }
        };
    }
    let actor = sign_in(cli, &clinic)?;
    match cmd {
        BackupCommand::Create => {
            let info = clinic.create_backup(&actor, &mut progress_bar())?;
            end_progress_line();
            if cli.json {
                print_json(&info)
            } else {
                out!("Backed up to {}", info.path);
                Ok(())
            }
        }
        BackupCommand::List => {
            let overview = clinic.backup_overview(&actor)?;
            if cli.json {
                return print_json(&overview);
            }
            out!("Backup folder: {}", overview.folder);
            if let Some(next) = overview.next_automatic_at {
                out!(
                    "Next automatic backup: {}",
                    next.format("%Y-%m-%d %H:%M UTC")
                );
            } else {
                out!("Automatic backups are off.");
            }
            for b in &overview.backups {
                out!("{}", info_line(b));
            }
            if overview.backups.is_empty() {
                out!("No backups yet.");
            }
            Ok(())
        }
        BackupCommand::Verify { file } => {
            let check = clinic.verify_backup(&actor, file, cli.recovery_key.as_deref())?;
            if cli.json {
                return print_json(&check);
            }
            out!(
                "{}: OK — {} ({} patients), schema {} (this version writes {}).",
                check.file_name,
                check.clinic_name,
                check.patients,
                check.schema_version,
                check.latest_schema_version
            );
            Ok(())
        }
        BackupCommand::Restore { file } => {
            let report = clinic.restore_backup(
                &actor,
                file,
                cli.recovery_key.as_deref(),
                &mut progress_bar(),
            )?;
            end_progress_line();
            if cli.json {
                return print_json(&report);
            }
            out!(
                "Restored {} ({} patients, schema {} → {}).",
                report.restored.file_name,
                report.restored.patients,
                report.restored.schema_version,
                report.schema_version_now
            );
            if let Some(prev) = &report.previous_database {
                out!("The data as it was before is kept in {}", prev.path);
            }
            Ok(())
        }
        BackupCommand::Settings {
            folder,
            interval_hours,
            keep_daily,
            keep_weekly,
            automatic,
        } => {
            let current = clinic.backup_overview(&actor)?.settings;
            let new = BackupSettings {
                enabled: automatic.unwrap_or(current.enabled),
                folder: match folder.as_deref() {
                    Some("default") => None,
                    Some(f) => Some(f.to_owned()),
                    None => current.folder,
                },
                interval_hours: interval_hours.unwrap_or(current.interval_hours),
                keep_daily: keep_daily.unwrap_or(current.keep_daily),
                keep_weekly: keep_weekly.unwrap_or(current.keep_weekly),
            };
            let overview = clinic.update_backup_settings(&actor, &new)?;
            if cli.json {
                return print_json(&overview);
            }
            out!("Backups go to {}", overview.folder);
            Ok(())
        }
        BackupCommand::Scheduled => Ok(()),
    }
}

fn restore_new(cli: &Cli, vault: &Vault, file: &Path) -> Result<()> {
    let key = cli.recovery_key.as_deref().ok_or_else(|| {
        acuchart_core::Error::invalid(
            "recovery_key",
            "There is no clinic database here yet: give the backup's recovery key with \
             --recovery-key (or ACUCHART_RECOVERY_KEY) to restore it.",
        )
    })?;
    let (_clinic, report) = vault.restore_new(file, key, &mut progress_bar())?;
    end_progress_line();
    if cli.json {
        return print_json(&report);
    }
    out!(
        "Restored {} ({}, {} patients) to {}. Its key is now in this computer's keyring.",
        report.restored.file_name,
        report.restored.clinic_name,
        report.restored.patients,
        vault.db_path().display()
    );
    Ok(())
}
