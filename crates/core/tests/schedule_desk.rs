//! The front desk's day: next free slots (hours, time off, rooms), the waitlist offered when
//! a visit is cancelled, the status workflow with late cancels and no-shows counted, the day
//! sheet, and ICS export.

mod common;
mod schedule_support;

use acuchart_core::schedule::{
    AppointmentStatus, CancelInput, EditScope, IcsQuery, NewWaitlistEntry, SlotQuery, StatusChange,
    TimeOffInput,
};
use acuchart_core::Error;
use chrono::{Duration, Utc};
use schedule_support::{Clinic, Res};

fn slots(s: &Clinic, q: SlotQuery) -> Res<Vec<String>> {
    Ok(s.fx
        .clinic
        .next_free_slots(&s.desk, &q)?
        .into_iter()
        .map(|x| {
            format!(
                "{} {} {}",
                x.local_start,
                x.practitioner_name,
                x.room_name.unwrap_or_default()
            )
        })
        .collect())
}

fn query(s: &Clinic) -> SlotQuery {
    SlotQuery {
        type_id: s.acu,
        practitioner_id: Some(s.kai),
        room_id: None,
        from: Some("2030-03-04".into()),
        weekdays: vec![],
        earliest: None,
        latest: None,
        limit: Some(4),
        duration_minutes: None,
    }
}

schedule_test!(
    next_free_slots_follow_working_hours_and_existing_bookings,
    "Europe/London",
    |s: &Clinic| {
        s.book(s.ana, s.kai, "2030-03-04T09:00")?;
        // 11:45 would end after 12:30: the next slot is after lunch.
        assert_eq!(
            slots(s, query(s))?,
            [
                "2030-03-04T09:45 kai (test) Room 1",
                "2030-03-04T10:30 kai (test) Room 1",
                "2030-03-04T11:15 kai (test) Room 1",
                "2030-03-04T13:30 kai (test) Room 1"
            ]
        );
        // Afternoons only; and Saturdays, when nobody works, give nothing.
        let afternoon = SlotQuery {
            earliest: Some("14:00".into()),
            limit: Some(1),
            ..query(s)
        };
        assert_eq!(slots(s, afternoon)?, ["2030-03-04T14:00 kai (test) Room 1"]);
        let saturday = SlotQuery {
            weekdays: vec![6],
            ..query(s)
        };
        assert!(slots(s, saturday)?.is_empty());
        Ok(())
    }
);

schedule_test!(
    next_free_slots_step_around_time_off,
    "Europe/London",
    |s: &Clinic| {
        s.fx.clinic.add_time_off(
            &s.fx.admin,
            &TimeOffInput {
                practitioner_id: s.kai,
                from: "2030-03-05".into(),
                to: "2030-03-05".into(),
                reason: None,
            },
        )?;
        s.fx.clinic.add_time_off(
            &s.fx.admin,
            &TimeOffInput {
                practitioner_id: s.kai,
                from: "2030-03-12 09:00".into(),
                to: "2030-03-12 15:00".into(),
                reason: Some("Dentist".into()),
            },
        )?;
        let tuesdays = SlotQuery {
            weekdays: vec![2],
            limit: Some(1),
            ..query(s)
        };
        assert_eq!(slots(s, tuesdays)?, ["2030-03-12T15:00 kai (test) Room 1"]);
        Ok(())
    }
);

schedule_test!(
    next_free_slots_need_a_free_room_and_can_search_any_practitioner,
    "Europe/London",
    |s: &Clinic| {
        let mut lin = s.new_appt(s.ana, s.lin, "2030-03-04T09:00");
        lin.room_id = Some(s.room1);
        s.fx.clinic.book_appointment(&s.desk, &lin)?;
        let room1 = SlotQuery {
            room_id: Some(s.room1),
            limit: Some(1),
            ..query(s)
        };
        assert_eq!(slots(s, room1)?, ["2030-03-04T09:45 kai (test) Room 1"]);
        let any_room = SlotQuery {
            limit: Some(1),
            ..query(s)
        };
        assert_eq!(slots(s, any_room)?, ["2030-03-04T09:00 kai (test) Room 2"]);
        // Any practitioner: Lin is busy at 09:00, so the first slot is Kai's; Lin's follows at 09:45.
        let anyone = SlotQuery {
            practitioner_id: None,
            limit: Some(2),
            ..query(s)
        };
        assert_eq!(
            slots(s, anyone)?,
            [
                "2030-03-04T09:00 kai (test) Room 2",
                "2030-03-04T09:45 Dr. Lin Mei Room 1"
            ]
        );
        // With both rooms taken at 09:00 by others, nobody can start then.
        let mut other = s.new_appt(s.ben, s.kai, "2030-03-04T09:00");
        other.room_id = Some(s.room2);
        s.fx.clinic.book_appointment(&s.desk, &other)?;
        let first = SlotQuery {
            practitioner_id: None,
            limit: Some(1),
            ..query(s)
        };
        assert_eq!(slots(s, first)?.len(), 1);
        assert!(!slots(
            s,
            SlotQuery {
                practitioner_id: None,
                limit: Some(1),
                ..query(s)
            }
        )?[0]
            .starts_with("2030-03-04T09:00"));
        Ok(())
    }
);

schedule_test!(
    a_cancellation_offers_the_freed_slot_to_matching_waitlist_entries,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let entry = |patient, practitioners: Vec<_>, earliest: &str, latest: &str, note: &str| {
            NewWaitlistEntry {
                patient_id: patient,
                type_id: Some(s.acu),
                practitioner_ids: practitioners,
                weekdays: vec![1],
                earliest: Some(earliest.into()),
                latest: Some(latest.into()),
                note: Some(note.into()),
            }
        };
        let chloe = c.add_to_waitlist(
            &s.desk,
            &entry(s.chloe, vec![s.lin], "09:00", "12:00", "Any Monday morning"),
        )?;
        c.add_to_waitlist(
            &s.desk,
            &entry(s.ben, vec![s.kai], "09:00", "12:00", "Only with Kai"),
        )?;
        c.add_to_waitlist(
            &s.desk,
            &entry(s.ben, vec![], "14:00", "18:00", "Afternoons"),
        )?;
        let appt = s.book(s.ana, s.lin, "2030-03-04T10:00")?.appointments[0].id;
        let result = c.cancel_appointment(
            &s.desk,
            appt,
            &CancelInput {
                reason: "Car broke down".into(),
                scope: EditScope::This,
            },
        )?;
        let offered: Vec<&str> = result
            .offers
            .iter()
            .map(|o| o.entry.note.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(offered, ["Any Monday morning"]);
        assert_eq!(result.offers[0].local_start, "2030-03-04T10:00");
        assert_eq!(result.offers[0].entry.id, chloe.id);
        // Once resolved, an entry is no longer offered.
        c.resolve_waitlist_entry(&s.desk, chloe.id)?;
        assert!(c.waitlist_offers(&s.desk, appt)?.is_empty());
        assert_eq!(c.waitlist(&s.desk)?.len(), 2);
        Ok(())
    }
);

schedule_test!(
    the_day_runs_booked_arrived_in_treatment_completed,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let id = s.book(s.ana, s.lin, "2020-03-02T10:00")?.appointments[0].id;
        let a = c.set_appointment_status(&s.desk, id, StatusChange::Arrived)?;
        assert_eq!(a.status, AppointmentStatus::Arrived);
        assert!(a.arrived_at.is_some());
        // Kai may not update Lin's patients; Lin (the practitioner) moves her into treatment.
        assert!(matches!(
            c.set_appointment_status(&s.kai_actor, id, StatusChange::InTreatment),
            Err(Error::PermissionDenied(_))
        ));
        let a = c.set_appointment_status(&s.fx.admin, id, StatusChange::InTreatment)?;
        assert!(a.treatment_started_at.is_some());
        let a = c.set_appointment_status(&s.fx.admin, id, StatusChange::Completed)?;
        assert_eq!(a.status, AppointmentStatus::Completed);
        let refused = c.cancel_appointment(
            &s.desk,
            id,
            &CancelInput {
                reason: "x".into(),
                scope: EditScope::This,
            },
        );
        assert!(matches!(refused, Err(Error::Conflict(m)) if m.contains("completed")));
        assert!(matches!(
            c.set_appointment_status(&s.desk, id, StatusChange::NoShow),
            Err(Error::Conflict(_))
        ));
        Ok(())
    }
);

schedule_test!(
    no_shows_and_late_cancels_are_counted_on_the_patient,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let future = s.book(s.ben, s.lin, "2030-03-04T10:00")?.appointments[0].id;
        let early = c.set_appointment_status(&s.desk, future, StatusChange::NoShow);
        assert!(matches!(early, Err(Error::Conflict(m)) if m.contains("later day")));
        let past = s.book(s.ben, s.lin, "2020-03-02T10:00")?.appointments[0].id;
        c.set_appointment_status(&s.desk, past, StatusChange::NoShow)?;
        // Three hours' notice is less than the clinic's 24: a late cancel.
        let soon = (Utc::now() + Duration::hours(3)).with_timezone(&chrono_tz::Europe::London);
        let mut near = s.new_appt(s.ben, s.kai, &soon.format("%Y-%m-%dT%H:%M").to_string());
        near.override_reason = Some("Squeezed in".into());
        let near = c.book_appointment(&s.desk, &near)?.appointments[0].id;
        let cancelled = c.cancel_appointment(
            &s.desk,
            near,
            &CancelInput {
                reason: "Overslept".into(),
                scope: EditScope::This,
            },
        )?;
        assert!(cancelled.cancelled[0].late_cancel);
        assert_eq!(
            cancelled.cancelled[0].cancelled_by.as_deref(),
            Some("desk (test)")
        );
        c.cancel_appointment(
            &s.desk,
            future,
            &CancelInput {
                reason: "Moving".into(),
                scope: EditScope::This,
            },
        )?;
        let view = c.patient_appointments(&s.desk, s.ben)?;
        assert_eq!(
            (
                view.attendance.no_shows,
                view.attendance.late_cancels,
                view.attendance.cancellations
            ),
            (1, 1, 2)
        );
        // A no-show marked by mistake is undone.
        c.set_appointment_status(&s.desk, past, StatusChange::Booked)?;
        assert_eq!(
            c.patient_appointments(&s.desk, s.ben)?.attendance.no_shows,
            0
        );
        Ok(())
    }
);

schedule_test!(
    the_day_sheet_lists_each_practitioners_day_without_clinical_content,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        s.book(s.ana, s.lin, "2030-03-04T10:00")?;
        s.book(s.ben, s.kai, "2030-03-04T09:00")?;
        let gone = s.book(s.chloe, s.kai, "2030-03-04T11:00")?.appointments[0].id;
        c.cancel_appointment(
            &s.desk,
            gone,
            &CancelInput {
                reason: "Ill".into(),
                scope: EditScope::This,
            },
        )?;
        let date = chrono::NaiveDate::from_ymd_opt(2030, 3, 4).ok_or("date")?;
        let sheet = c.day_sheet(&s.desk, date)?;
        let cols: Vec<(&str, usize)> = sheet
            .columns
            .iter()
            .map(|c| (c.practitioner_name.as_str(), c.rows.len()))
            .collect();
        assert_eq!(cols, [("Dr. Lin Mei", 1), ("kai (test)", 1)]);
        assert_eq!(sheet.columns[1].rows[0].start, "09:00");
        assert_eq!(sheet.columns[1].rows[0].type_name, "Acupuncture follow-up");
        let json = serde_json::to_string(&sheet)?;
        assert!(
            !json.contains("pregnan") && !json.contains("safety"),
            "{json}"
        );
        // Charting reads one practitioner's day.
        let kai_day = c.practitioner_day(&s.kai_actor, s.kai, date)?;
        assert_eq!(kai_day.len(), 1);
        assert!(c.practitioner_day(&s.kai_actor, s.lin, date).is_err());
        Ok(())
    }
);

schedule_test!(
    ics_export_leaves_out_patient_names_unless_asked,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        s.book(s.ana, s.lin, "2030-03-04T10:00")?;
        s.book(s.ben, s.lin, "2030-07-01T10:00")?;
        let q = IcsQuery {
            practitioner_id: s.lin,
            from: "2030-03-01".into(),
            to: "2030-07-31".into(),
            include_patient_names: false,
        };
        let text = c.schedule_ics(&s.desk, &q)?;
        assert!(text.starts_with("BEGIN:VCALENDAR"));
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2, "{text}");
        assert!(text.contains("DTSTART:20300304T100000Z"), "{text}");
        // Summer time: 10:00 in London is 09:00 UTC.
        assert!(text.contains("DTSTART:20300701T090000Z"), "{text}");
        assert!(text.contains("SUMMARY:Acupuncture follow-up"));
        assert!(!text.contains("Ruiz") && !text.contains("Okafor"));
        let named = c.schedule_ics(
            &s.desk,
            &IcsQuery {
                include_patient_names: true,
                ..q.clone()
            },
        )?;
        assert!(named.contains("Ana Ruiz"), "{named}");
        // Event UIDs carry the clinic's own identifier, so two clinics' files never collide
        // in one calendar; the file names the program that wrote it.
        assert!(
            text.contains("PRODID:-//AcuChart//Schedule export//EN"),
            "{text}"
        );
        let uids = |t: &str| -> Vec<String> {
            t.lines()
                .filter_map(|l| l.strip_prefix("UID:"))
                .map(str::to_owned)
                .collect()
        };
        let ours = uids(&text);
        assert_eq!(ours.len(), 2, "{text}");
        let clinic_part = |uid: &str| {
            uid.strip_suffix("@acuchart")
                .and_then(|u| u.rsplit_once('-'))
                .map(|(_, clinic)| clinic.to_owned())
                .unwrap_or_default()
        };
        let ours_clinic = clinic_part(&ours[0]);
        assert_eq!(ours_clinic.len(), 32, "{ours:?}");
        assert_eq!(clinic_part(&ours[1]), ours_clinic);
        let other = schedule_support::clinic("Europe/London")?;
        other.book(other.ana, other.lin, "2030-03-04T10:00")?;
        let theirs = uids(&other.fx.clinic.schedule_ics(
            &other.desk,
            &IcsQuery {
                practitioner_id: other.lin,
                ..q.clone()
            },
        )?);
        assert_eq!(theirs.len(), 1);
        assert_ne!(clinic_part(&theirs[0]), ours_clinic, "{theirs:?} {ours:?}");
        assert!(!ours.contains(&theirs[0]));
        assert!(matches!(
            c.schedule_ics(&s.kai_actor, &q),
            Err(Error::PermissionDenied(_))
        ));
        Ok(())
    }
);

schedule_test!(
    ics_export_is_written_whole_into_the_export_folder,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        s.book(s.ana, s.lin, "2030-03-04T10:00")?;
        let dir = tempfile::tempdir()?;
        let exports = dir.path().join("exports");
        let q = IcsQuery {
            practitioner_id: s.lin,
            from: "2030-03-01".into(),
            to: "2030-03-31".into(),
            include_patient_names: false,
        };
        let written = c.export_schedule_ics_to(&s.desk, &q, &exports)?;
        assert_eq!(written.events, 1);
        let path = std::path::Path::new(&written.path);
        assert_eq!(path.parent(), Some(exports.as_path()));
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert!(
            name.starts_with("schedule-") && name.ends_with("-2030-03-01-to-2030-03-31.ics"),
            "{name}"
        );
        let text = std::fs::read_to_string(path)?;
        assert!(
            text.starts_with("BEGIN:VCALENDAR") && !text.contains("Ruiz"),
            "{text}"
        );
        // Only the finished file is left behind.
        assert_eq!(std::fs::read_dir(&exports)?.count(), 1);
        // A refused export writes nothing.
        let denied = c.export_schedule_ics_to(&s.kai_actor, &q, &dir.path().join("other"));
        assert!(matches!(denied, Err(Error::PermissionDenied(_))));
        assert!(!dir.path().join("other").exists());
        Ok(())
    }
);
