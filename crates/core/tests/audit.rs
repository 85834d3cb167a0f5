//! The audit log's hash chain: intact after normal use; rows changed, removed or inserted by
//! direct SQL are reported at the first broken row.

mod common;

use acuchart_core::audit::AnchorStatus;
use acuchart_core::auth::Role;
use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::NewPatient;
use acuchart_core::ErrorCode;
use common::*;
use rusqlite::Connection;

fn busy_clinic() -> Result<(Fixture, Connection), Box<dyn std::error::Error>> {
    let f = fixture()?;
    add_busy_work(&f)?;
    let key = KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    let raw = db::open(f.vault.db_path(), &key, OpenMode::Existing)?;
    Ok((f, raw))
}

/// Three patients created and opened: a dozen audit rows.
fn add_busy_work(f: &Fixture) -> TestResult {
    for name in ["Ames", "Bell", "Cruz"] {
        let p = f.clinic.create_patient(
            &f.admin,
            &NewPatient {
                given_name: "A".into(),
                family_name: name.into(),
                ..Default::default()
            },
        )?;
        f.clinic.patient(&f.admin, p.id)?;
    }
    Ok(())
}

on_both_backends!(normal_use_leaves_an_intact_chain, |f| {
    add_busy_work(f)?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, None, "{:?}", v.problem);
    // The file's log is vouched for by the head kept beside it; a clinic server's database
    // guards its log itself.
    let expected = match f.clinic.backend() {
        Backend::Sqlite => AnchorStatus::Matched,
        Backend::Postgres => AnchorStatus::Guarded,
    };
    assert_eq!(v.anchor, expected);
    assert!(
        v.rows_checked >= 8,
        "setup, logins, creates and reads are all recorded: {}",
        v.rows_checked
    );
    let desk = f.user("desk", &[Role::Receptionist])?;
    assert_eq!(
        f.clinic.verify_audit(&desk).err().map(|e| e.code()),
        Some(ErrorCode::PermissionDenied)
    );
    Ok(())
});

#[test]
fn the_database_refuses_updates_and_deletes_of_audit_rows() -> TestResult {
    let (_f, raw) = busy_clinic()?;
    let update = raw.execute("UPDATE audit_log SET action = 'read' WHERE id = 2", []);
    assert!(update.is_err_and(|e| e.to_string().contains("append-only")));
    assert!(raw
        .execute("DELETE FROM audit_log WHERE id = 2", [])
        .is_err());
    Ok(())
}

#[test]
fn a_row_changed_by_hand_is_reported() -> TestResult {
    let (f, raw) = busy_clinic()?;
    raw.execute_batch(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET entity_id = '999' WHERE id = 4;",
    )?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, Some(4));
    assert!(v.problem.is_some_and(|p| p.contains("changed")));
    Ok(())
}

#[test]
fn a_row_removed_by_hand_is_reported() -> TestResult {
    let (f, raw) = busy_clinic()?;
    raw.execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3;")?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, Some(4));
    assert!(v.problem.is_some_and(|p| p.contains("missing")));
    Ok(())
}

#[test]
fn a_row_inserted_by_hand_is_reported() -> TestResult {
    let (f, raw) = busy_clinic()?;
    let next: i64 = raw.query_row("SELECT max(id) + 1 FROM audit_log", [], |r| r.get(0))?;
    raw.execute(
        "INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, hash)
         VALUES (?1, '2026-01-01T00:00:00Z', 1, 'read', 'patient', '1', ?2)",
        (next, "ab".repeat(32)),
    )?;
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, Some(next));
    Ok(())
}

mod anchored {
    use super::*;

    fn anchor_file(f: &Fixture) -> std::path::PathBuf {
        let mut name = f.vault.db_path().as_os_str().to_os_string();
        name.push(".audit-head");
        name.into()
    }

    #[test]
    fn normal_use_keeps_the_anchor_in_step_with_the_log() -> TestResult {
        let (f, _raw) = busy_clinic()?;
        let v = f.clinic.verify_audit(&f.admin)?;
        assert_eq!(v.anchor, AnchorStatus::Matched, "{v:?}");
        assert_eq!(v.anchored_rows, Some(v.rows_checked));
        let text = std::fs::read_to_string(anchor_file(&f))?;
        assert!(
            text.contains(&format!("\"rows\":{}", v.rows_checked)),
            "{text}"
        );
        Ok(())
    }

    #[test]
    fn removing_the_newest_row_is_reported_and_not_re_anchored() -> TestResult {
        let (f, raw) = busy_clinic()?;
        let last: i64 = raw.query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))?;
        raw.execute_batch(&format!(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = {last};"
        ))?;
        let v = f.clinic.verify_audit(&f.admin)?;
        assert_eq!(v.anchor, AnchorStatus::Mismatch);
        assert_eq!(v.first_broken_id, Some(last));
        assert!(v
            .problem
            .is_some_and(|p| p.contains("removed from the end")));
        // A later write must not cover it up by moving the anchor.
        f.clinic.login(ADMIN, PASSWORD)?;
        let again = f.clinic.verify_audit(&f.admin)?;
        assert_eq!(again.anchor, AnchorStatus::Mismatch, "{again:?}");
        assert!(!again.is_intact());
        Ok(())
    }

    #[test]
    fn an_admin_accepts_a_legitimately_shorter_log_and_that_is_recorded() -> TestResult {
        let (f, raw) = busy_clinic()?;
        let last: i64 = raw.query_row("SELECT max(id) FROM audit_log", [], |r| r.get(0))?;
        raw.execute_batch(&format!(
            "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id >= {};",
            last - 1
        ))?;
        let desk = f.user("desk2", &[Role::Receptionist]);
        assert!(desk.is_ok());
        let v = f.clinic.reset_audit_anchor(&f.admin)?;
        assert!(v.is_intact(), "{v:?}");
        assert_eq!(v.anchor, AnchorStatus::Matched);
        let newest = f.clinic.list_audit(&f.admin, &Default::default())?;
        assert_eq!(newest.entries[0].action, "reset_anchor");
        Ok(())
    }

    #[test]
    fn reanchoring_is_refused_while_the_chain_is_broken() -> TestResult {
        let (f, raw) = busy_clinic()?;
        raw.execute_batch(
            "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET entity = 'x' WHERE id = 2;",
        )?;
        assert_eq!(
            f.clinic
                .reset_audit_anchor(&f.admin)
                .err()
                .map(|e| e.code()),
            Some(ErrorCode::Conflict)
        );
        Ok(())
    }

    #[test]
    fn a_missing_anchor_is_a_note_not_a_break_and_comes_back_on_the_next_write() -> TestResult {
        let (f, _raw) = busy_clinic()?;
        std::fs::remove_file(anchor_file(&f))?;
        let v = f.clinic.verify_audit(&f.admin)?;
        assert!(v.is_intact());
        assert_eq!(v.anchor, AnchorStatus::Missing);
        assert!(v.note.is_some());
        f.clinic.login(ADMIN, PASSWORD)?;
        assert_eq!(
            f.clinic.verify_audit(&f.admin)?.anchor,
            AnchorStatus::Matched
        );
        Ok(())
    }
}

mod screen {
    use super::*;
    use acuchart_core::audit::{Action, AuditFilter};
    use acuchart_core::patients::MedicalHistory;
    use acuchart_core::visits::StartNote;

    on_both_backends!(
        rows_name_their_patient_and_filter_by_user_patient_action_and_day,
        |f| {
            let prac = f.user("prac", &[Role::Practitioner])?;
            let a = f.clinic.create_patient(
                &f.admin,
                &NewPatient {
                    given_name: "Ana".into(),
                    family_name: "Quist".into(),
                    ..Default::default()
                },
            )?;
            let b = f.clinic.create_patient(
                &f.admin,
                &NewPatient {
                    given_name: "Ben".into(),
                    family_name: "Rowe".into(),
                    ..Default::default()
                },
            )?;
            f.clinic.patient(&prac, a.id)?;
            f.clinic.patient_medical(&prac, a.id)?;
            let note = f.clinic.start_visit_note(
                &prac,
                &StartNote {
                    patient_id: a.id,
                    appointment_id: None,
                    visit_date: None,
                },
            )?;
            f.clinic.visit_note(&prac, note.id)?;
            f.clinic.patient_chart(&prac, a.id)?;
            f.clinic.patient(&f.admin, b.id)?;

            let about_a = f.clinic.list_audit(
                &f.admin,
                &AuditFilter {
                    patient_id: Some(a.id),
                    ..Default::default()
                },
            )?;
            let kinds: Vec<(String, String)> = about_a
                .entries
                .iter()
                .map(|e| (e.action.clone(), e.entity.clone()))
                .collect();
            for expected in [
                ("create", "patient"),
                ("read", "patient"),
                ("read", "patient_medical"),
                ("create", "visit_note"),
                ("read", "visit_note"),
                ("read", "chart"),
            ] {
                assert!(
                    kinds.contains(&(expected.0.into(), expected.1.into())),
                    "{expected:?} missing from {kinds:?}"
                );
            }
            assert!(about_a.entries.iter().all(|e| e.patient_id == Some(a.id)));
            assert_eq!(
                about_a.entries[0].patient_name.as_deref(),
                Some("Quist, Ana")
            );

            let by_prac_reads = f.clinic.list_audit(
                &f.admin,
                &AuditFilter {
                    user_id: Some(prac.user_id()),
                    action: Some(Action::Read),
                    ..Default::default()
                },
            )?;
            assert_eq!(by_prac_reads.entries.len(), 4);
            assert!(by_prac_reads
                .entries
                .iter()
                .all(|e| e.user_name.as_deref() == Some(prac.display_name())));

            let today = f.clinic.today()?;
            let day = |d: chrono::NaiveDate| Some(d.to_string());
            let on_today = f.clinic.list_audit(
                &f.admin,
                &AuditFilter {
                    from: day(today),
                    to: day(today),
                    limit: Some(1000),
                    ..Default::default()
                },
            )?;
            let all = f.clinic.list_audit(
                &f.admin,
                &AuditFilter {
                    limit: Some(1000),
                    ..Default::default()
                },
            )?;
            assert_eq!(on_today.entries.len(), all.entries.len());
            let yesterday = today.pred_opt().ok_or("no yesterday")?;
            let before = f.clinic.list_audit(
                &f.admin,
                &AuditFilter {
                    to: day(yesterday),
                    ..Default::default()
                },
            )?;
            assert!(before.entries.is_empty());
            let backwards = f.clinic.list_audit(
                &f.admin,
                &AuditFilter {
                    from: day(today),
                    to: day(yesterday),
                    ..Default::default()
                },
            );
            assert_eq!(
                backwards.err().map(|e| e.code()),
                Some(ErrorCode::InvalidInput)
            );
            Ok(())
        }
    );

    on_both_backends!(pages_follow_each_other_newest_first, |f| {
        add_busy_work(f)?;
        let first = f.clinic.list_audit(
            &f.admin,
            &AuditFilter {
                limit: Some(3),
                ..Default::default()
            },
        )?;
        assert!(first.has_more);
        assert_eq!(first.entries.len(), 3);
        assert!(first.entries[0].id > first.entries[2].id);
        let next = f.clinic.list_audit(
            &f.admin,
            &AuditFilter {
                limit: Some(3),
                before_id: first.entries.last().map(|e| e.id),
                ..Default::default()
            },
        )?;
        assert_eq!(next.entries[0].id, first.entries[2].id - 1);
        Ok(())
    });

    on_both_backends!(
        the_csv_export_has_every_matching_row_no_names_and_is_recorded,
        |f| {
            let p = f.clinic.create_patient(
                &f.admin,
                &NewPatient {
                    given_name: "Wilhelmina".into(),
                    family_name: "Oyelaran".into(),
                    ..Default::default()
                },
            )?;
            f.clinic.update_patient_medical(
                &f.user("prac", &[Role::Practitioner])?,
                p.id,
                &MedicalHistory {
                    medical_history: Some("Lumbar disc herniation L4-L5".into()),
                    ..Default::default()
                },
            )?;
            let rows_before = f.clinic.verify_audit(&f.admin)?.rows_checked;
            let (csv, rows) = f
                .clinic
                .export_audit_csv(&f.admin, &AuditFilter::default())?;
            assert_eq!(i64::from(rows), rows_before);
            let lines: Vec<&str> = csv.lines().collect();
            assert_eq!(lines.len(), rows as usize + 1);
            assert!(lines[0].starts_with("id,at_utc,at_local,user_id,username,action"));
            assert!(lines[1].starts_with("1,"), "oldest first: {}", lines[1]);
            assert!(!csv.contains("Oyelaran") && !csv.contains("Wilhelmina"));
            assert!(!csv.contains("herniation"));
            let newest = f.clinic.list_audit(&f.admin, &AuditFilter::default())?;
            assert_eq!(newest.entries[0].action, "export");
            assert_eq!(newest.entries[0].entity, "audit_log");

            let dir = tempfile::tempdir()?;
            let written = f.clinic.export_audit_to(
                &f.admin,
                &AuditFilter {
                    patient_id: Some(p.id),
                    ..Default::default()
                },
                dir.path(),
            )?;
            assert_eq!(written.rows, 2, "the create and the medical update");
            assert!(std::fs::read_to_string(&written.path)?.contains("patient_medical"));
            let desk = f.user("desk", &[Role::Receptionist])?;
            assert_eq!(
                f.clinic
                    .export_audit_csv(&desk, &AuditFilter::default())
                    .err()
                    .map(|e| e.code()),
                Some(ErrorCode::PermissionDenied)
            );
            Ok(())
        }
    );
}

/// A clinic server's database: the chain is checked the same way; the database guards it.
mod on_a_clinic_server {
    use super::*;

    #[test]
    fn a_row_changed_behind_the_databases_back_is_reported() -> TestResult {
        let Some(f) = fixture_on(Backend::Postgres)? else {
            return Ok(());
        };
        add_busy_work(&f)?;
        let mut raw = f.database().ok_or("no database")?.connect()?;
        let refused = raw.batch_execute("UPDATE audit_log SET entity_id = '999' WHERE id = 4");
        assert!(refused.is_err_and(|e| format!("{e:?}").contains("append-only")));
        // Only someone who owns the database can switch its guard off and rewrite a row.
        raw.batch_execute(
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
             UPDATE audit_log SET entity_id = '999' WHERE id = 4;",
        )?;
        let v = f.clinic.verify_audit(&f.admin)?;
        assert_eq!(v.first_broken_id, Some(4));
        assert!(v.problem.is_some_and(|p| p.contains("changed")));
        assert_eq!(v.anchor, AnchorStatus::NotChecked);
        Ok(())
    }

    #[test]
    fn re_anchoring_belongs_to_the_file_and_is_refused_with_a_reason() -> TestResult {
        let Some(f) = fixture_on(Backend::Postgres)? else {
            return Ok(());
        };
        let refused = f.clinic.reset_audit_anchor(&f.admin);
        assert_eq!(
            refused.err().map(|e| e.code()),
            Some(ErrorCode::Unsupported)
        );
        Ok(())
    }
}
