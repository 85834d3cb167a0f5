//! One owner per table. Each table belongs to one module of `src/` (its owner, below); a
//! statement that writes a table (INSERT, UPDATE, DELETE) appears only in its owner, so the
//! rules about that table's rows — validation, audit, immutability — live in one place and a
//! second database backend changes one module per table. Reads that join another owner's
//! table to show a name (a practitioner's display name, a patient's name on a list) are
//! listed in `READS_ACROSS`, file by file: the list only shrinks, and an entry that no longer
//! occurs fails too, so it stays true.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;

/// Table → the module (a folder or file under `src/`) that owns its statements.
const OWNERS: &[(&str, &str)] = &[
    ("schema_migrations", "db/"),
    ("audit_log", "audit/"),
    ("clinic_settings", "settings/"),
    ("users", "users/"),
    ("user_roles", "users/"),
    ("login_failures", "users/"),
    ("patients", "patients/"),
    ("counters", "patients/"),
    ("patient_external_ids", "patients/"),
    ("patient_medical", "patients/"),
    ("patient_safety", "patients/"),
    ("appointments", "schedule/"),
    ("appointment_series", "schedule/"),
    ("appointment_types", "schedule/"),
    ("rooms", "schedule/"),
    ("practitioners", "schedule/"),
    ("waitlist", "schedule/"),
    ("working_hours", "schedule/"),
    ("time_off", "schedule/"),
    ("visit_notes", "visits/"),
    ("visit_points", "visits/"),
    ("visit_addenda", "visits/"),
    ("visit_psfs", "visits/"),
    ("visit_diagnoses", "visits/"),
    ("visit_pain_regions", "visits/"),
    ("visit_alert_acks", "visits/"),
    ("protocols", "visits/"),
    ("protocol_points", "visits/"),
    ("point_favourites", "visits/"),
    ("documents", "documents/"),
    ("condition_handouts", "documents/"),
];

/// Reads of another owner's table, as (file under `src/`, table). Read models that show
/// names and the export, which by design reads every table.
const READS_ACROSS: &[(&str, &str)] = &[
    ("audit/mod.rs", "appointment_series"),
    ("audit/mod.rs", "appointments"),
    ("audit/mod.rs", "visit_addenda"),
    ("audit/mod.rs", "visit_notes"),
    ("audit/mod.rs", "waitlist"),
    ("audit/query.rs", "patients"),
    ("audit/query.rs", "users"),
    ("backup/copy.rs", "patients"),
    ("backup/restore.rs", "users"),
    ("documents/handouts.rs", "users"),
    ("documents/service.rs", "patients"),
    ("documents/service.rs", "practitioners"),
    ("documents/service.rs", "users"),
    ("documents/service.rs", "visit_notes"),
    ("documents/superbill.rs", "appointment_types"),
    ("documents/superbill.rs", "appointments"),
    ("export/rows.rs", "appointment_types"),
    ("export/rows.rs", "appointments"),
    ("export/rows.rs", "patient_external_ids"),
    ("export/rows.rs", "patients"),
    ("export/rows.rs", "practitioners"),
    ("export/rows.rs", "rooms"),
    ("export/rows.rs", "users"),
    ("export/rows.rs", "visit_diagnoses"),
    ("export/rows.rs", "visit_notes"),
    ("export/rows.rs", "visit_points"),
    ("import/appointments.rs", "appointment_types"),
    ("import/appointments.rs", "appointments"),
    ("import/appointments.rs", "patient_external_ids"),
    ("import/appointments.rs", "patients"),
    ("import/appointments.rs", "practitioners"),
    ("import/appointments.rs", "rooms"),
    ("import/appointments.rs", "users"),
    ("import/patients.rs", "patient_external_ids"),
    ("patients/profile.rs", "users"),
    ("schedule/booking.rs", "patients"),
    ("schedule/conflicts.rs", "patients"),
    ("schedule/conflicts.rs", "users"),
    ("schedule/practitioners.rs", "user_roles"),
    ("schedule/practitioners.rs", "users"),
    ("schedule/store.rs", "patient_safety"),
    ("schedule/store.rs", "patients"),
    ("schedule/store.rs", "users"),
    ("schedule/waitlist.rs", "patients"),
    ("visits/chart.rs", "users"),
    ("visits/protocols.rs", "users"),
    ("visits/service.rs", "appointments"),
    ("visits/store.rs", "users"),
    ("visits/today.rs", "appointment_types"),
    ("visits/today.rs", "appointments"),
    ("visits/today.rs", "patients"),
    ("visits/today.rs", "rooms"),
    ("visits/today.rs", "users"),
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries = fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

fn owner(table: &str) -> Option<&'static str> {
    OWNERS.iter().find(|(t, _)| *t == table).map(|(_, o)| *o)
}

/// Every table the migrations create.
fn migrated_tables() -> Result<BTreeSet<String>, Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let create = Regex::new(r"(?i)CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)")?;
    let mut tables = BTreeSet::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        // The SQLite files only: migrations/postgres/ creates the same tables for the other
        // backend (held equal by schema_parity.rs).
        if path.extension().is_none_or(|x| x != "sql") {
            continue;
        }
        let sql = fs::read_to_string(path)?;
        tables.extend(create.captures_iter(&sql).map(|c| c[1].to_owned()));
    }
    Ok(tables)
}

#[test]
fn every_table_has_one_owner() -> Result<(), Box<dyn std::error::Error>> {
    let tables = migrated_tables()?;
    let owned: BTreeSet<String> = OWNERS.iter().map(|(t, _)| (*t).to_owned()).collect();
    let unowned: Vec<_> = tables.difference(&owned).collect();
    assert!(
        unowned.is_empty(),
        "give these tables an owner: {unowned:?}"
    );
    let stale: Vec<_> = owned.difference(&tables).collect();
    assert!(
        stale.is_empty(),
        "owners listed for tables no migration creates: {stale:?}"
    );
    Ok(())
}

#[test]
fn sql_naming_a_table_stays_in_its_owner() -> Result<(), Box<dyn std::error::Error>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files)?;
    let reads = Regex::new(r"\b(?:FROM|JOIN|EXISTS)\s+([a-z_]+)\b")?;
    let writes = Regex::new(r"\b(?:INSERT(?: OR [A-Z]+)? INTO|UPDATE|DELETE FROM)\s+([a-z_]+)\b")?;
    let mut write_outside = Vec::new();
    let mut read_outside: BTreeMap<(String, String), usize> = BTreeMap::new();
    for path in files {
        let rel = path
            .strip_prefix(&src)?
            .to_string_lossy()
            .replace('\\', "/");
        let text = fs::read_to_string(&path)?;
        for (n, line) in text.lines().enumerate() {
            for c in writes.captures_iter(line) {
                if owner(&c[1]).is_some_and(|o| !rel.starts_with(o)) {
                    write_outside.push(format!("{rel}:{} writes {}", n + 1, &c[1]));
                }
            }
            for c in reads.captures_iter(line) {
                if owner(&c[1]).is_some_and(|o| !rel.starts_with(o)) {
                    *read_outside
                        .entry((rel.clone(), c[1].to_owned()))
                        .or_default() += 1;
                }
            }
        }
    }
    assert!(
        write_outside.is_empty(),
        "only a table's owner writes it; go through the owner's functions: {write_outside:#?}"
    );
    let listed: BTreeSet<(String, String)> = READS_ACROSS
        .iter()
        .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
        .collect();
    let unlisted: Vec<_> = read_outside
        .keys()
        .filter(|k| !listed.contains(*k))
        .collect();
    assert!(
        unlisted.is_empty(),
        "these files read another owner's table: ask the owner for what you need: {unlisted:#?}"
    );
    let stale: Vec<_> = listed
        .iter()
        .filter(|k| !read_outside.contains_key(*k))
        .collect();
    assert!(
        stale.is_empty(),
        "no longer read across owners: remove from READS_ACROSS: {stale:#?}"
    );
    Ok(())
}
