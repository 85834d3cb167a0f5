//! The booking rules: overlaps, back-to-back, cancelled and no-show not blocking, rooms as
//! well as practitioners, working hours and time off needing a recorded override, and who
//! may do what.

mod common;
mod schedule_support;

use acuchart_core::schedule::{CancelInput, EditScope, ScheduleQuery, StatusChange, TimeOffInput};
use acuchart_core::{Error, ErrorCode};
use schedule_support::{clinic, Clinic, Res};

fn conflict_message(r: acuchart_core::Result<impl std::fmt::Debug>) -> String {
    match r {
        Err(Error::Conflict(m)) => m,
        other => panic!("expected a conflict, got {other:?}"),
    }
}

schedule_test!(
    an_overlap_is_refused_naming_the_clashing_patient_and_time,
    "Europe/London",
    |s: &Clinic| {
        s.book(s.ana, s.lin, "2030-03-04T10:00")?;
        let msg = conflict_message(s.book(s.ben, s.lin, "2030-03-04T10:30"));
        assert!(msg.contains("Ana Ruiz"), "{msg}");
        assert!(msg.contains("Mon 4 Mar 10:00–10:45"), "{msg}");
        assert!(msg.contains("Dr. Lin Mei"), "{msg}");
        // Overlapping at the start, containing, and contained are all refused too.
        for at in ["2030-03-04T09:30", "2030-03-04T10:10", "2030-03-04T09:20"] {
            assert!(
                matches!(s.book(s.ben, s.lin, at), Err(Error::Conflict(_))),
                "{at}"
            );
        }
        Ok(())
    }
);

schedule_test!(
    back_to_back_is_allowed_on_both_sides,
    "Europe/London",
    |s: &Clinic| {
        s.book(s.ana, s.lin, "2030-03-04T10:00")?;
        let after = s.book(s.ben, s.lin, "2030-03-04T10:45")?;
        let before = s.book(s.chloe, s.lin, "2030-03-04T09:15")?;
        assert_eq!(after.appointments[0].local_start, "2030-03-04T10:45");
        assert_eq!(before.appointments[0].local_end, "2030-03-04T10:00");
        Ok(())
    }
);

schedule_test!(
    cancelled_and_no_show_appointments_do_not_block,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let first = s.book(s.ana, s.lin, "2030-03-04T10:00")?.appointments[0].id;
        c.cancel_appointment(
            &s.desk,
            first,
            &CancelInput {
                reason: "Patient has flu".into(),
                scope: EditScope::This,
            },
        )?;
        let rebooked = s.book(s.ben, s.lin, "2030-03-04T10:00")?.appointments[0].id;

        // A no-show in the past frees its time for a late entry.
        let past = s.book(s.ana, s.kai, "2020-03-02T10:00")?.appointments[0].id;
        c.set_appointment_status(&s.desk, past, StatusChange::NoShow)?;
        s.book(s.chloe, s.kai, "2020-03-02T10:00")?;
        assert_ne!(first, rebooked);
        Ok(())
    }
);

schedule_test!(
    a_room_cannot_hold_two_patients_even_with_two_practitioners,
    "Europe/London",
    |s: &Clinic| {
        let mut a = s.new_appt(s.ana, s.lin, "2030-03-04T10:00");
        a.room_id = Some(s.room1);
        s.fx.clinic.book_appointment(&s.desk, &a)?;
        let mut b = s.new_appt(s.ben, s.kai, "2030-03-04T10:15");
        b.room_id = Some(s.room1);
        let msg = conflict_message(s.fx.clinic.book_appointment(&s.desk, &b));
        assert!(msg.contains("Room 1 is taken by Ana Ruiz"), "{msg}");
        // Without a room named, the other room is chosen; with both taken, nothing is free.
        b.room_id = None;
        let booked = s.fx.clinic.book_appointment(&s.desk, &b)?;
        assert_eq!(booked.appointments[0].room_name.as_deref(), Some("Room 2"));
        let c = s.new_appt(s.chloe, s.fx.admin.user_id(), "2030-03-04T10:30");
        let mut c = c;
        c.practitioner_id = s.kai;
        c.starts_at = "2030-03-04T11:00".into();
        // Kai is busy until 11:00, Lin's visit holds Room 1 until 10:45: Room 1 is free at 11:00.
        assert_eq!(
            s.fx.clinic.book_appointment(&s.desk, &c)?.appointments[0]
                .room_name
                .as_deref(),
            Some("Room 1")
        );
        Ok(())
    }
);

schedule_test!(
    a_type_without_a_room_takes_none_and_blocks_only_the_practitioner,
    "Europe/London",
    |s: &Clinic| {
        let mut call = s.new_appt(s.ana, s.lin, "2030-03-04T10:00");
        call.type_id = s.phone;
        let booked = s.fx.clinic.book_appointment(&s.desk, &call)?;
        assert_eq!(booked.appointments[0].room_id, None);
        assert_eq!(booked.appointments[0].duration_minutes, 15);
        assert!(s.book(s.ben, s.lin, "2030-03-04T10:05").is_err());
        s.book(s.ben, s.kai, "2030-03-04T10:00")?;
        Ok(())
    }
);

schedule_test!(
    booking_outside_hours_or_in_time_off_needs_a_recorded_reason,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let mut evening = s.new_appt(s.ana, s.lin, "2030-03-04T18:30");
        match c.book_appointment(&s.desk, &evening) {
            Err(e @ Error::NeedsAcknowledgement(_)) => {
                assert_eq!(e.code(), ErrorCode::NeedsAcknowledgement);
                let msg = e.to_string();
                assert!(
                    msg.contains(
                        "outside Dr. Lin Mei's hours on Mondays (09:00–12:30, 13:30–18:00)"
                    ),
                    "{msg}"
                );
            }
            other => panic!("expected a warning, got {other:?}"),
        }
        evening.override_reason = Some("Only time she can come after work".into());
        let booked = c.book_appointment(&s.desk, &evening)?;
        assert_eq!(
            booked.appointments[0].override_reason.as_deref(),
            Some("Only time she can come after work")
        );

        // A Sunday, and the lunch break, are outside hours as well.
        assert!(
            matches!(s.book(s.ben, s.lin, "2030-03-03T10:00"), Err(Error::NeedsAcknowledgement(m)) if m.contains("does not work on Sundays"))
        );
        assert!(matches!(
            s.book(s.ben, s.lin, "2030-03-04T12:00"),
            Err(Error::NeedsAcknowledgement(_))
        ));

        c.add_time_off(
            &s.fx.admin,
            &TimeOffInput {
                practitioner_id: s.kai,
                from: "2030-03-05".into(),
                to: "2030-03-06".into(),
                reason: Some("Conference".into()),
            },
        )?;
        let msg = s
            .book(s.ben, s.kai, "2030-03-06T15:00")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(
            msg.contains("is off from") && msg.contains("Conference"),
            "{msg}"
        );
        s.book(s.ben, s.kai, "2030-03-07T15:00")?;
        Ok(())
    }
);

schedule_test!(
    a_time_that_does_not_exist_on_the_day_of_a_dst_change_is_refused_on_its_field,
    "America/New_York",
    |s: &Clinic| {
        let mut a = s.new_appt(s.ana, s.lin, "2030-03-10T02:30");
        a.override_reason = Some("Sunday emergency".into());
        match s.fx.clinic.book_appointment(&s.desk, &a) {
            Err(Error::Invalid(f)) => assert_eq!(f[0].field, "starts_at"),
            other => panic!("expected a field error, got {other:?}"),
        }
        Ok(())
    }
);

schedule_test!(
    bad_input_names_the_field_and_nothing_is_stored,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let mut a = s.new_appt(s.ana, s.lin, "next tuesday");
        assert!(
            matches!(c.book_appointment(&s.desk, &a), Err(Error::Invalid(f)) if f[0].field == "starts_at")
        );
        a.starts_at = "2030-03-04T10:00".into();
        a.duration_minutes = Some(600);
        assert!(
            matches!(c.book_appointment(&s.desk, &a), Err(Error::Invalid(f)) if f[0].field == "duration_minutes")
        );
        a.duration_minutes = None;
        a.practitioner_id = s.desk.user_id();
        assert!(
            matches!(c.book_appointment(&s.desk, &a), Err(Error::Invalid(f)) if f[0].field == "practitioner_id")
        );
        let view = c.schedule(
            &s.desk,
            &ScheduleQuery {
                from: "2030-03-04".into(),
                days: 1,
                practitioner_ids: vec![],
                include_cancelled: true,
            },
        )?;
        assert!(view.appointments.is_empty());
        Ok(())
    }
);

schedule_test!(
    reception_books_practitioners_see_their_own_column_and_admins_set_up,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        s.book(s.ana, s.lin, "2030-03-04T10:00")?;
        s.book(s.ben, s.kai, "2030-03-04T10:00")?;
        // Kai, a practitioner only, sees his own appointments and may not book.
        let q = ScheduleQuery {
            from: "2030-03-04".into(),
            days: 1,
            practitioner_ids: vec![],
            include_cancelled: false,
        };
        let mine = c.schedule(&s.kai_actor, &q)?;
        assert_eq!(mine.appointments.len(), 1);
        assert_eq!(mine.appointments[0].patient_name, "Ben Okafor");
        let theirs = ScheduleQuery {
            practitioner_ids: vec![s.lin],
            ..q.clone()
        };
        assert!(matches!(
            c.schedule(&s.kai_actor, &theirs),
            Err(Error::PermissionDenied(_))
        ));
        assert!(matches!(
            c.book_appointment(
                &s.kai_actor,
                &s.new_appt(s.chloe, s.kai, "2030-03-04T11:00")
            ),
            Err(Error::PermissionDenied(_))
        ));
        // Reception sees both columns but does not set up rooms.
        assert_eq!(c.schedule(&s.desk, &q)?.appointments.len(), 2);
        let room = acuchart_core::schedule::RoomInput {
            id: None,
            name: "Room 9".into(),
            sort_order: None,
            active: true,
        };
        assert!(matches!(
            c.save_room(&s.desk, &room),
            Err(Error::PermissionDenied(_))
        ));
        Ok(())
    }
);

#[test]
fn every_change_is_audited_and_the_chain_holds() -> Res<()> {
    let s = clinic("Europe/London")?;
    let c = &s.fx.clinic;
    let rows = |c: &acuchart_core::Clinic| c.verify_audit(&s.fx.admin).map(|v| v.rows_checked);
    let before = rows(c)?;
    let id = s.book(s.ana, s.lin, "2030-03-04T10:00")?.appointments[0].id;
    assert_eq!(rows(c)?, before + 1);
    c.cancel_appointment(
        &s.desk,
        id,
        &CancelInput {
            reason: "Moved away".into(),
            scope: EditScope::This,
        },
    )?;
    assert_eq!(rows(c)?, before + 2);
    // A refused booking writes nothing.
    assert!(s.book(s.ben, s.lin, "2030-03-04T18:30").is_err());
    assert_eq!(rows(c)?, before + 2);
    let v = c.verify_audit(&s.fx.admin)?;
    assert!(v.first_broken_id.is_none(), "{v:?}");
    Ok(())
}
