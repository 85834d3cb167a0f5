//! Recurring courses: the same local wall-clock time across DST changes, a preview that shows
//! which visits clash before anything is saved (skip them or move them), and changes to one
//! visit, this and the following ones, or the whole course, leaving the others intact.

mod common;
mod schedule_support;

use acuchart_core::schedule::{
    AppointmentChange, AppointmentStatus, CancelInput, EditScope, OccurrenceChoice,
    RepeatFrequency, RepeatRule,
};
use acuchart_core::Error;
use common::Backend;
use schedule_support::{clinic_on, Clinic, Res};

/// Runs a test that makes its own clinics as `name::sqlite` and `name::postgres`.
macro_rules! per_backend {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[test]
            fn sqlite() -> Res<()> {
                let body: fn(Backend) -> Res<()> = $body;
                body(Backend::Sqlite)
            }

            #[test]
            fn postgres() -> Res<()> {
                let body: fn(Backend) -> Res<()> = $body;
                body(Backend::Postgres)
            }
        }
    };
}

/// A four-week course booked at 10:00 in `zone`; `None` when no PostgreSQL test server was
/// named outside CI.
fn course_times(backend: Backend, zone: &str) -> Res<Option<Vec<(String, String)>>> {
    let Some(s) = clinic_on(backend, zone)? else {
        return Ok(None);
    };
    let booked =
        s.fx.clinic
            .book_appointment(&s.desk, &s.weekly(s.ana, s.lin, "2030-10-15T10:00", 4))?;
    Ok(Some(
        booked
            .appointments
            .into_iter()
            .map(|a| (a.local_start, a.starts_at))
            .collect(),
    ))
}

per_backend!(
    a_weekly_course_keeps_ten_o_clock_in_new_york_across_the_first_sunday_of_november,
    |b| {
        // 2030-11-03 is the first Sunday of November: EDT (UTC-4) becomes EST (UTC-5).
        let Some(times) = course_times(b, "America/New_York")? else {
            return Ok(());
        };
        let local: Vec<&str> = times.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            local,
            [
                "2030-10-15T10:00",
                "2030-10-22T10:00",
                "2030-10-29T10:00",
                "2030-11-05T10:00"
            ]
        );
        let utc: Vec<&str> = times.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(
            utc,
            [
                "2030-10-15T14:00:00Z",
                "2030-10-22T14:00:00Z",
                "2030-10-29T14:00:00Z",
                "2030-11-05T15:00:00Z"
            ]
        );
        Ok(())
    }
);

per_backend!(
    a_weekly_course_keeps_ten_o_clock_in_london_and_berlin_across_the_last_sunday_of_october,
    |b| {
        // 2030-10-27 is the last Sunday of October: summer time ends in both.
        let Some(london) = course_times(b, "Europe/London")? else {
            return Ok(());
        };
        assert!(
            london.iter().all(|(l, _)| l.ends_with("T10:00")),
            "{london:?}"
        );
        let utc: Vec<&str> = london.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(
            utc,
            [
                "2030-10-15T09:00:00Z",
                "2030-10-22T09:00:00Z",
                "2030-10-29T10:00:00Z",
                "2030-11-05T10:00:00Z"
            ]
        );
        let Some(berlin) = course_times(b, "Europe/Berlin")? else {
            return Ok(());
        };
        assert!(
            berlin.iter().all(|(l, _)| l.ends_with("T10:00")),
            "{berlin:?}"
        );
        let utc: Vec<&str> = berlin.iter().map(|(_, u)| u.as_str()).collect();
        assert_eq!(
            utc,
            [
                "2030-10-15T08:00:00Z",
                "2030-10-22T08:00:00Z",
                "2030-10-29T09:00:00Z",
                "2030-11-05T09:00:00Z"
            ]
        );
        Ok(())
    }
);

schedule_test!(
    the_preview_shows_which_visits_clash_and_nothing_is_booked_until_they_are_resolved,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        s.book(s.ben, s.lin, "2030-03-18T10:15")?; // week 3
        s.book(s.chloe, s.lin, "2030-04-08T09:45")?; // week 6
        let course = s.weekly(s.ana, s.lin, "2030-03-04T10:00", 8);
        let preview = c.preview_booking(&s.desk, &course)?;
        assert!(!preview.bookable);
        let clashing: Vec<u32> = preview
            .occurrences
            .iter()
            .filter(|o| !o.clashes.is_empty())
            .map(|o| o.index)
            .collect();
        assert_eq!(clashing, [3, 6]);
        let third = &preview.occurrences[2];
        assert!(
            third.clashes[0].message.contains("Ben Okafor"),
            "{:?}",
            third.clashes
        );
        // The nearest free time that day is offered: 09:30, ending as Ben's 10:15 visit starts
        // (11:00, after it, is further from 10:00).
        assert_eq!(third.suggestion.as_deref(), Some("2030-03-18T09:30"));
        assert!(
            preview.summary.contains("2 of the 8 visits clash"),
            "{}",
            preview.summary
        );

        let refused = c.book_appointment(&s.desk, &course);
        assert!(
            matches!(&refused, Err(Error::Conflict(m)) if m.starts_with("Nothing was booked")),
            "{refused:?}"
        );
        let view = c.patient_appointments(&s.desk, s.ana)?;
        assert!(view.appointments.is_empty(), "nothing may be half-booked");

        // Skip visit 3, move visit 6 to the suggested time: all of it is booked.
        let mut resolved = course.clone();
        let sixth = preview.occurrences[5].suggestion.clone();
        resolved.choices = vec![
            OccurrenceChoice {
                index: 3,
                skip: true,
                starts_at: None,
            },
            OccurrenceChoice {
                index: 6,
                skip: false,
                starts_at: sixth.clone(),
            },
        ];
        let again = c.preview_booking(&s.desk, &resolved)?;
        assert!(again.bookable, "{}", again.summary);
        let booked = c.book_appointment(&s.desk, &resolved)?;
        assert_eq!(booked.skipped, [3]);
        assert_eq!(booked.appointments.len(), 7);
        assert_eq!(
            booked.appointments[4].local_start,
            sixth.unwrap_or_default()
        );
        assert_eq!(
            booked
                .appointments
                .iter()
                .map(|a| a.series_index)
                .collect::<Vec<_>>(),
            (1..=7).map(Some).collect::<Vec<_>>()
        );
        assert!(booked
            .appointments
            .iter()
            .all(|a| a.series_total == Some(7)));
        Ok(())
    }
);

schedule_test!(
    chosen_weekdays_every_two_weeks_until_a_date,
    "Europe/London",
    |s: &Clinic| {
        let mut course = s.new_appt(s.ana, s.kai, "2030-03-04T14:00");
        course.repeat = Some(RepeatRule {
            frequency: RepeatFrequency::Weekdays,
            interval_weeks: 2,
            weekdays: vec![1, 4],
            count: None,
            until: Some("2030-03-31".into()),
        });
        let booked = s.fx.clinic.book_appointment(&s.desk, &course)?;
        let dates: Vec<&str> = booked
            .appointments
            .iter()
            .map(|a| &a.local_start[..10])
            .collect();
        assert_eq!(
            dates,
            ["2030-03-04", "2030-03-07", "2030-03-18", "2030-03-21"]
        );
        Ok(())
    }
);

schedule_test!(
    moving_one_visit_leaves_the_rest_of_the_course_where_it_was,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let course = c
            .book_appointment(&s.desk, &s.weekly(s.ana, s.lin, "2030-03-04T10:00", 6))?
            .appointments;
        let third = course[2].id;
        let moved = c.update_appointment(
            &s.desk,
            third,
            &AppointmentChange {
                starts_at: Some("2030-03-19T15:00".into()),
                ..Default::default()
            },
        )?;
        assert_eq!(moved.len(), 1);
        assert_eq!(moved[0].local_start, "2030-03-19T15:00");
        let now = c.patient_appointments(&s.desk, s.ana)?.appointments;
        let starts: Vec<&str> = now.iter().map(|a| a.local_start.as_str()).collect();
        assert_eq!(
            starts,
            [
                "2030-03-04T10:00",
                "2030-03-11T10:00",
                "2030-03-19T15:00",
                "2030-03-25T10:00",
                "2030-04-01T10:00",
                "2030-04-08T10:00"
            ]
        );

        // Cancelling one visit keeps the others booked.
        c.cancel_appointment(
            &s.desk,
            course[1].id,
            &CancelInput {
                reason: "Holiday".into(),
                scope: EditScope::This,
            },
        )?;
        let now = c.patient_appointments(&s.desk, s.ana)?.appointments;
        let booked = now
            .iter()
            .filter(|a| a.status == AppointmentStatus::Booked)
            .count();
        assert_eq!(booked, 5);
        Ok(())
    }
);

schedule_test!(
    this_and_following_moves_later_visits_by_the_same_days_to_the_new_time,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        // Across the October change: every visit must stay at the new wall-clock time.
        let course = c
            .book_appointment(&s.desk, &s.weekly(s.ana, s.lin, "2030-10-08T10:00", 5))?
            .appointments;
        let change = AppointmentChange {
            starts_at: Some("2030-10-23T16:00".into()),
            scope: EditScope::ThisAndFollowing,
            ..Default::default()
        };
        let moved = c.update_appointment(&s.desk, course[2].id, &change)?;
        let starts: Vec<&str> = moved.iter().map(|a| a.local_start.as_str()).collect();
        assert_eq!(
            starts,
            ["2030-10-23T16:00", "2030-10-30T16:00", "2030-11-06T16:00"]
        );
        let all = c.patient_appointments(&s.desk, s.ana)?.appointments;
        assert_eq!(all[0].local_start, "2030-10-08T10:00");
        assert_eq!(all[1].local_start, "2030-10-15T10:00");
        Ok(())
    }
);

schedule_test!(
    a_change_to_the_whole_course_that_would_clash_anywhere_changes_nothing,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let course = c
            .book_appointment(&s.desk, &s.weekly(s.ana, s.lin, "2030-03-04T10:00", 4))?
            .appointments;
        s.book(s.ben, s.lin, "2030-03-18T11:00")?;
        let change = AppointmentChange {
            starts_at: Some("2030-03-04T11:00".into()),
            scope: EditScope::All,
            ..Default::default()
        };
        let refused = c.update_appointment(&s.desk, course[0].id, &change);
        assert!(
            matches!(&refused, Err(Error::Conflict(m)) if m.contains("Ben Okafor") && m.contains("Nothing was changed")),
            "{refused:?}"
        );
        let all = c.patient_appointments(&s.desk, s.ana)?.appointments;
        assert!(all.iter().all(|a| a.local_start.ends_with("T10:00")));
        // Moving the whole course to 14:00 works and each visit keeps its own date.
        let change = AppointmentChange {
            starts_at: Some("2030-03-04T14:00".into()),
            scope: EditScope::All,
            ..Default::default()
        };
        let moved = c.update_appointment(&s.desk, course[0].id, &change)?;
        assert_eq!(
            moved.iter().map(|a| &a.local_start[..]).collect::<Vec<_>>(),
            [
                "2030-03-04T14:00",
                "2030-03-11T14:00",
                "2030-03-18T14:00",
                "2030-03-25T14:00"
            ]
        );
        Ok(())
    }
);

schedule_test!(
    cancelling_this_and_following_keeps_the_earlier_visits,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let course = c
            .book_appointment(&s.desk, &s.weekly(s.ana, s.kai, "2030-03-05T09:00", 6))?
            .appointments;
        let result = c.cancel_appointment(
            &s.desk,
            course[3].id,
            &CancelInput {
                reason: "Course ended early".into(),
                scope: EditScope::ThisAndFollowing,
            },
        )?;
        assert_eq!(result.cancelled.len(), 3);
        assert!(result
            .cancelled
            .iter()
            .all(|a| a.cancel_reason.as_deref() == Some("Course ended early") && !a.late_cancel));
        let all = c.patient_appointments(&s.desk, s.ana)?.appointments;
        let statuses: Vec<AppointmentStatus> = all.iter().map(|a| a.status).collect();
        use AppointmentStatus::{Booked, Cancelled};
        assert_eq!(
            statuses,
            [Booked, Booked, Booked, Cancelled, Cancelled, Cancelled]
        );
        Ok(())
    }
);

schedule_test!(
    resizing_one_visit_is_checked_like_a_booking,
    "Europe/London",
    |s: &Clinic| {
        let c = &s.fx.clinic;
        let a = s.book(s.ana, s.lin, "2030-03-04T10:00")?.appointments[0].id;
        s.book(s.ben, s.lin, "2030-03-04T11:00")?;
        let longer = AppointmentChange {
            duration_minutes: Some(90),
            ..Default::default()
        };
        assert!(
            matches!(c.update_appointment(&s.desk, a, &longer), Err(Error::Conflict(m)) if m.contains("Ben Okafor"))
        );
        let fits = AppointmentChange {
            duration_minutes: Some(60),
            ..Default::default()
        };
        assert_eq!(
            c.update_appointment(&s.desk, a, &fits)?[0].local_end,
            "2030-03-04T11:00"
        );
        Ok(())
    }
);
