//! The full patient record: who may read and change what, validation, archive, duplicates,
//! merge, and that every change records who made it.

mod common;

use acuchart_core::auth::Role;
use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{
    MedicalHistory, NewPatient, PatientQuery, SafetyFlags, Sex, CHILD_TABLES, STAYS_WITH_RECORD,
};
use acuchart_core::{Error, ErrorCode};
use common::*;

fn new(given: &str, family: &str, dob: Option<&str>, phone: Option<&str>) -> NewPatient {
    NewPatient {
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: dob.map(Into::into),
        phone: phone.map(Into::into),
        ..Default::default()
    }
}

fn code<T: std::fmt::Debug>(r: Result<T, Error>) -> Option<ErrorCode> {
    r.err().map(|e| e.code())
}

fn query(text: &str, include_archived: bool) -> PatientQuery {
    PatientQuery {
        text: text.into(),
        include_archived,
        limit: None,
    }
}

on_both_backends!(
    the_front_desk_edits_demographics_but_never_reads_clinical_fields,
    |f: &Fixture| {
        let desk = f.user("desk", &[Role::Receptionist])?;
        let p = f
            .clinic
            .create_patient(&desk, &new("Lena", "Park", Some("1990-01-02"), None))?;
        f.clinic.update_patient_medical(
            &f.admin,
            p.id,
            &MedicalHistory {
                medications: Some("Warfarin 5 mg".into()),
                ..Default::default()
            },
        )?;

        let mut details = f.clinic.patient(&desk, p.id)?.details;
        details.front_desk_notes = Some("Prefers mornings; parks at the back.".into());
        details.email = Some("lena.park@example.com".into());
        let updated = f.clinic.update_patient_details(&desk, p.id, &details)?;
        assert_eq!(updated.details.front_desk_notes, details.front_desk_notes);
        assert_eq!(updated.updated_by, "desk (test)");

        // A refusal, not an empty value, by every route to clinical content.
        assert_eq!(
            code(f.clinic.patient_medical(&desk, p.id)),
            Some(ErrorCode::PermissionDenied)
        );
        assert_eq!(
            code(
                f.clinic
                    .update_patient_medical(&desk, p.id, &MedicalHistory::default())
            ),
            Some(ErrorCode::PermissionDenied)
        );
        let flags = SafetyFlags {
            needle_phobia: true,
            ..Default::default()
        };
        assert_eq!(
            code(f.clinic.update_safety_flags(&desk, p.id, &flags)),
            Some(ErrorCode::PermissionDenied)
        );
        assert_eq!(
            code(f.clinic.merge_patients(&desk, p.id, p.id)),
            Some(ErrorCode::PermissionDenied)
        );
        let profile = serde_json::to_string(&f.clinic.patient(&desk, p.id)?)?;
        assert!(
            !profile.contains("Warfarin"),
            "the profile must not carry clinical fields"
        );
        // The clinical content was not touched by the refused write.
        assert_eq!(
            f.clinic
                .patient_medical(&f.admin, p.id)?
                .medications
                .as_deref(),
            Some("Warfarin 5 mg")
        );
        Ok(())
    }
);

on_both_backends!(
    practitioners_write_clinical_history_and_admins_only_read_it,
    |f: &Fixture| {
        let doc = f.user("doc", &[Role::Practitioner])?;
        let boss = f.user("boss", &[Role::Admin])?;
        let p = f
            .clinic
            .create_patient(&doc, &new("Omar", "Haddad", None, None))?;
        let history = MedicalHistory {
            allergies: Some("Latex".into()),
            surgeries: Some("  Appendectomy 2009 ".into()),
            ..Default::default()
        };
        let saved = f.clinic.update_patient_medical(&doc, p.id, &history)?;
        assert_eq!(saved.surgeries.as_deref(), Some("Appendectomy 2009"));
        assert_eq!(
            f.clinic.patient_medical(&boss, p.id)?.allergies.as_deref(),
            Some("Latex")
        );
        assert_eq!(
            code(f.clinic.update_patient_medical(&boss, p.id, &history)),
            Some(ErrorCode::PermissionDenied)
        );

        let flags = SafetyFlags {
            pregnant: true,
            pregnancy_trimester: Some(2),
            pacemaker: true,
            ..Default::default()
        };
        let profile = f.clinic.update_safety_flags(&doc, p.id, &flags)?;
        assert!(profile.safety.pregnant && profile.safety.pacemaker);
        // Every role sees the flags (they are the calendar's badges).
        let desk = f.user("desk2", &[Role::Receptionist])?;
        assert!(f.clinic.patient(&desk, p.id)?.safety.pacemaker);
        let bad = SafetyFlags {
            pregnancy_trimester: Some(2),
            ..Default::default()
        };
        assert_eq!(
            field_errors(f.clinic.update_safety_flags(&doc, p.id, &bad)),
            ["pregnant"]
        );
        Ok(())
    }
);

fn field_errors<T: std::fmt::Debug>(r: Result<T, Error>) -> Vec<String> {
    match r {
        Err(Error::Invalid(fields)) => fields.into_iter().map(|f| f.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

on_both_backends!(
    bad_details_are_named_and_nothing_is_changed,
    |f: &Fixture| {
        let p = f
            .clinic
            .create_patient(&f.admin, &new("Ivy", "Stone", None, Some("555 0100 200")))?;
        let before = f.clinic.patient(&f.admin, p.id)?;
        let mut d = before.details.clone();
        d.email = Some("ivy at example".into());
        d.phone_alt = Some("ext.".into());
        d.consent_date = Some("2999-01-01".into());
        d.city = Some("Lyon".into());
        let mut errors = field_errors(f.clinic.update_patient_details(&f.admin, p.id, &d));
        errors.sort();
        assert_eq!(errors, ["consent_date", "email", "phone_alt"]);
        assert_eq!(
            f.clinic.patient(&f.admin, p.id)?.details,
            before.details,
            "a refused edit stores nothing"
        );
        assert_eq!(
            field_errors(f.clinic.create_patient(
                &f.admin,
                &NewPatient {
                    email: Some("@x.com".into()),
                    ..new("A", "B", None, None)
                }
            )),
            ["email"]
        );

        d.email = Some("ivy@example.org".into());
        d.phone_alt = None;
        d.consent_date = Some("2024-05-01".into());
        d.sex = Some(Sex::Female);
        d.phone = Some("+33 4 72 00 11 22".into());
        let saved = f.clinic.update_patient_details(&f.admin, p.id, &d)?;
        assert_eq!(saved.details.city.as_deref(), Some("Lyon"));
        // The search index follows the edit.
        let by_phone = f
            .clinic
            .search_patients(&f.admin, &query("33 4 72 00", false))?;
        assert_eq!(by_phone.first().map(|x| x.id), Some(p.id));
        assert!(f
            .clinic
            .search_patients(&f.admin, &query("5550100", false))?
            .is_empty());
        let by_email = f
            .clinic
            .search_patients(&f.admin, &query("ivy@exam", false))?;
        assert_eq!(by_email.first().map(|x| x.id), Some(p.id));
        Ok(())
    }
);

on_both_backends!(
    archived_patients_leave_search_unless_asked_for_and_come_back,
    |f: &Fixture| {
        let p = f
            .clinic
            .create_patient(&f.admin, &new("Nora", "Quist", None, None))?;
        f.clinic.set_patient_archived(&f.admin, p.id, true)?;
        assert!(f
            .clinic
            .search_patients(&f.admin, &query("quist", false))?
            .is_empty());
        let found = f.clinic.search_patients(&f.admin, &query("quist", true))?;
        assert!(found.first().is_some_and(|x| x.archived));
        let back = f.clinic.set_patient_archived(&f.admin, p.id, false)?;
        assert!(back.archived_at.is_none());
        assert_eq!(
            f.clinic
                .search_patients(&f.admin, &query("quist", false))?
                .len(),
            1
        );
        Ok(())
    }
);

on_both_backends!(
    a_possible_duplicate_is_refused_with_its_name_unless_confirmed,
    |f: &Fixture| {
        let first = f.clinic.create_patient(
            &f.admin,
            &new("José", "Núñez", Some("1984-03-07"), Some("(555) 014-2299")),
        )?;
        // Same name (without accents, other case) and birth date.
        let same_person = new("jose", "NUNEZ", Some("1984-03-07"), None);
        let dupes = f.clinic.find_duplicate_patients(&f.admin, &same_person)?;
        assert_eq!(dupes.iter().map(|d| d.id).collect::<Vec<_>>(), [first.id]);
        match f.clinic.create_patient(&f.admin, &same_person) {
            Err(Error::Conflict(msg)) => {
                assert!(msg.contains(&format!("#{}", first.chart_number)), "{msg}")
            }
            other => panic!("expected a duplicate warning, got {other:?}"),
        }
        // Same phone in another format.
        let same_phone = new("Maria", "Núñez", None, Some("555.014.2299"));
        assert_eq!(
            code(f.clinic.create_patient(&f.admin, &same_phone)),
            Some(ErrorCode::Conflict)
        );
        // Same name, other birth date: not a duplicate.
        f.clinic
            .create_patient(&f.admin, &new("José", "Núñez", Some("1990-01-01"), None))?;
        // Confirmed as a different person: registered.
        f.clinic.create_patient(
            &f.admin,
            &NewPatient {
                allow_duplicate: true,
                ..same_phone
            },
        )?;
        assert_eq!(
            f.clinic
                .search_patients(&f.admin, &query("nunez", false))?
                .len(),
            3
        );
        Ok(())
    }
);

on_both_backends!(
    merge_archives_the_duplicate_with_a_pointer_and_records_it,
    |f: &Fixture| {
        let keep = f
            .clinic
            .create_patient(&f.admin, &new("Wei", "Zhang", Some("1970-02-03"), None))?;
        let dup = f.clinic.create_patient(
            &f.admin,
            &NewPatient {
                allow_duplicate: true,
                ..new("Wei", "Zhang", Some("1970-02-03"), None)
            },
        )?;
        let kept = f.clinic.merge_patients(&f.admin, keep.id, dup.id)?;
        assert_eq!(kept.id, keep.id);
        let gone = f.clinic.patient(&f.admin, dup.id)?;
        assert_eq!(gone.merged_into, Some(keep.id));
        assert!(gone.archived_at.is_some());
        assert_eq!(
            f.clinic
                .search_patients(&f.admin, &query("zhang", false))?
                .len(),
            1
        );
        assert_eq!(
            code(f.clinic.set_patient_archived(&f.admin, dup.id, false)),
            Some(ErrorCode::Conflict)
        );
        assert_eq!(
            code(f.clinic.merge_patients(&f.admin, keep.id, dup.id)),
            Some(ErrorCode::Conflict)
        );
        assert_eq!(
            code(f.clinic.merge_patients(&f.admin, keep.id, keep.id)),
            Some(ErrorCode::InvalidInput)
        );

        // The audit log is read through the embedded file here; the audit query service is
        // not on the database layer yet (it answers Unsupported on PostgreSQL).
        if f.clinic.backend() == Backend::Sqlite {
            let key = KeyStore::default()
                .load(f.vault.db_path())?
                .ok_or("no key")?;
            let conn = db::open(f.vault.db_path(), &key, OpenMode::Existing)?;
            let merges: i64 = conn.query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'merge' AND entity_id = ?1",
                [format!("{}->{}", dup.id, keep.id)],
                |r| r.get(0),
            )?;
            assert_eq!(merges, 1);
        }
        Ok(())
    }
);

#[test]
fn every_table_that_refers_to_a_patient_is_handled_by_merge() -> TestResult {
    let f = fixture()?;
    let key = KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    let conn = db::open(f.vault.db_path(), &key, OpenMode::Existing)?;
    let mut stmt = conn.prepare(
        "SELECT m.name, fk.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) fk
         WHERE m.type = 'table' AND fk.\"table\" = 'patients'",
    )?;
    let refs = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    for r in refs {
        let (table, column) = r?;
        let handled = CHILD_TABLES.contains(&(table.as_str(), column.as_str()))
            || STAYS_WITH_RECORD.contains(&table.as_str());
        assert!(
            handled,
            "{table}.{column} refers to patients but merge does not move it"
        );
    }
    Ok(())
}

on_both_backends!(names_in_any_script_are_found, |f: &Fixture| {
    for (g, fam) in [
        ("Иван", "Петров"),
        ("محمد", "الفارسي"),
        ("Siobhán", "Ó Briain"),
        ("明", "李"),
    ] {
        f.clinic
            .create_patient(&f.admin, &new(g, fam, None, None))?;
    }
    for (q, expected) in [
        ("пет", "Петров"),
        ("محمد", "الفارسي"),
        ("siobhan o bri", "Ó Briain"),
        ("李", "李"),
    ] {
        let found = f.clinic.search_patients(&f.admin, &query(q, false))?;
        assert_eq!(
            found.first().map(|p| p.family_name.as_str()),
            Some(expected),
            "query {q:?}"
        );
    }
    Ok(())
});

on_both_backends!(
    the_duplicate_name_rule_reads_whole_names_never_the_email,
    |f: &Fixture| {
        let mut first = new("Ana", "Silva", Some("1975-05-05"), None);
        first.email = Some("costa.lima@example.com".into());
        let first = f.clinic.create_patient(&f.admin, &first)?;
        let ids = |p: &NewPatient| -> Result<Vec<_>, Error> {
            Ok(f.clinic
                .find_duplicate_patients(&f.admin, p)?
                .iter()
                .map(|d| d.id)
                .collect())
        };
        // Whole words of the name, folded: a duplicate.
        assert_eq!(
            ids(&new("ANA", "silva", Some("1975-05-05"), None))?,
            [first.id]
        );
        // Words found only in the e-mail, or only as a prefix of a name: not a duplicate.
        assert!(ids(&new("Costa", "Lima", Some("1975-05-05"), None))?.is_empty());
        assert!(ids(&new("An", "Silv", Some("1975-05-05"), None))?.is_empty());
        // A phone matches whole digit runs only.
        let mut phone = f.clinic.patient(&f.admin, first.id)?.details;
        phone.phone = Some("555 014 2299".into());
        f.clinic
            .update_patient_details(&f.admin, first.id, &phone)?;
        assert_eq!(
            ids(&new("Zé", "Other", None, Some("(555) 0142-299")))?,
            [first.id]
        );
        assert!(ids(&new("Zé", "Other", None, Some("555 014 229")))?.is_empty());
        Ok(())
    }
);
