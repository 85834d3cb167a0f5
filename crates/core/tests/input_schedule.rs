//! Input surface 5, property-tested on one real SQLCipher clinic in a zone with DST changes:
//! bookings with malformed and extreme local date-times (year 0, 9999, +10000, the spring
//! gap, the autumn repeat, full-width digits), durations at the limits of u32, course
//! options past every limit (interval, count, until, weekdays, skips and moves for visits
//! the course does not have) and hostile front-desk text; time off with hostile bounds and
//! reasons. A refusal is clear and stores nothing; a preview stores nothing; an accepted
//! booking is within the calendar's years, lasts what it says in real time, and stores its
//! text tidy.

mod common;
mod hostile;
mod schedule_support;

use acuchart_core::schedule::{
    AppointmentTypeInput, CancelInput, EditScope, NewAppointment, OccurrenceChoice,
    RepeatFrequency, RepeatRule, RoomInput, TimeOffInput,
};
use chrono::NaiveDateTime;
use common::TestResult;
use hostile::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

const CASES: u32 = 160;

/// Local times as people type them, and as they should not.
fn local_times() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (2030i32..=2031, 1u32..=12, 1u32..=28, 6u32..=20, 0u32..12, prop::sample::select(vec!["T", " "]))
            .prop_map(|(y, mo, d, h, m5, sep)| format!("{y}-{mo:02}-{d:02}{sep}{h:02}:{:02}", m5 * 5)),
        2 => prop::sample::select(vec![
            "2030-02-30 10:00", "2030-13-01 10:00", "2030-01-01 24:00", "2030-01-01 10:60",
            "0000-01-01 10:00", "0026-01-01 10:00", "1899-12-31 10:00", "2201-01-01 10:00",
            "9999-12-31 23:59", "+10000-01-01 10:00", "-0001-01-01 10:00",
            // America/Toronto: the spring gap and the autumn repeat of 2030.
            "2030-03-10 02:30", "2030-11-03 01:30", "２０３０-01-07 10:00", "2030-01-07",
            "10:00", "", "2030-01-07 10:00:00", "2030-01-07T10:00Z", "2030-01-07 10:00+05:00",
            " 2030-01-07  10:00 ", "2030-1-7 9:5",
        ])
        .prop_map(str::to_owned),
        1 => hostile_text(),
    ]
}

fn dates() -> impl Strategy<Value = String> {
    prop_oneof![
        (2030i32..=2032, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        prop::sample::select(vec![
            "2200-12-31",
            "2201-01-01",
            "0000-01-01",
            "2029-01-01",
            "2030-02-30",
            "30/01/2030",
            "9999-99-99",
            ""
        ])
        .prop_map(str::to_owned),
        hostile_text(),
    ]
}

fn limits_u32() -> impl Strategy<Value = u32> {
    prop_oneof![
        prop::sample::select(vec![
            0u32,
            1,
            2,
            4,
            5,
            7,
            8,
            52,
            53,
            200,
            201,
            480,
            481,
            1440,
            i32::MAX as u32,
            u32::MAX
        ]),
        any::<u32>(),
    ]
}

fn repeat_rules() -> impl Strategy<Value = RepeatRule> {
    (
        prop::sample::select(vec![RepeatFrequency::Weekly, RepeatFrequency::Weekdays]),
        limits_u32(),
        prop_oneof![
            prop::collection::vec(1u8..=7, 0..4),
            prop::collection::vec(any::<u8>(), 0..4),
        ],
        prop::option::of(limits_u32()),
        prop::option::of(dates()),
    )
        .prop_map(
            |(frequency, interval_weeks, weekdays, count, until)| RepeatRule {
                frequency,
                interval_weeks: interval_weeks % 60,
                weekdays,
                count: count.map(|c| if c % 3 == 0 { c } else { c % 12 }),
                until,
            },
        )
}

fn choices() -> impl Strategy<Value = Vec<OccurrenceChoice>> {
    prop::collection::vec(
        (
            limits_u32().prop_map(|i| if i % 2 == 0 { i } else { i % 5 }),
            any::<bool>(),
            prop::option::of(local_times()),
        )
            .prop_map(|(index, skip, starts_at)| OccurrenceChoice {
                index,
                skip,
                starts_at,
            }),
        0..3,
    )
}

fn utc(text: &str) -> Result<NaiveDateTime, TestCaseError> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ")
        .map_err(|e| TestCaseError::fail(format!("stored instant {text:?}: {e}")))
}

#[test]
fn bookings_are_refused_clearly_or_stored_within_the_rules() -> TestResult {
    let s = schedule_support::clinic("America/Toronto")?;
    let c = &s.fx.clinic;
    let conn = raw(&s.fx)?;
    let input = (
        (
            prop::sample::select(vec![s.ana, s.ben, s.chloe]),
            prop::sample::select(vec![s.lin, s.kai]),
            prop::sample::select(vec![s.acu, s.phone]),
        ),
        local_times(),
        // Mostly what the desk sends, so that accepted bookings are checked too.
        prop::option::weighted(0.3, limits_u32()),
        prop::option::weighted(0.4, repeat_rules()),
        prop_oneof![3 => Just(Vec::new()), 1 => choices()],
        prop::option::weighted(0.5, hostile_text()),
        prop_oneof![
            2 => Just(Some("Requested by the patient".to_owned())),
            1 => prop::option::of(hostile_text()),
        ],
    )
        .prop_map(
            |((patient, who, kind), at, minutes, repeat, choices, note, reason)| NewAppointment {
                patient_id: patient,
                practitioner_id: who,
                type_id: kind,
                room_id: None,
                starts_at: at,
                duration_minutes: minutes,
                front_desk_note: note,
                override_reason: reason,
                repeat,
                choices,
            },
        );
    check("bookings", CASES, input, |booking| {
        let before = digest(&conn)?;
        match c.preview_booking(&s.desk, &booking) {
            Ok(p) => prop_assert!(p.occurrences.len() <= 200),
            Err(e) => clear(&e)?,
        }
        prop_assert_eq!(before, digest(&conn)?, "a preview stored something");
        let booked = c.book_appointment(&s.desk, &booking);
        tally(&booked);
        match booked {
            Err(e) => {
                clear(&e)?;
                prop_assert_eq!(before, digest(&conn)?, "a refused booking stored something");
            }
            Ok(done) => {
                prop_assert!(!done.appointments.is_empty());
                // A course ends after `count` visits or on `until`, whichever comes first.
                let rule = booking.repeat.as_ref();
                let count = rule.and_then(|r| r.count).map(|n| n as usize);
                let until = rule
                    .and_then(|r| r.until.as_deref())
                    .is_some_and(|u| !u.trim().is_empty());
                let total = done.appointments.len() + done.skipped.len();
                prop_assert!(
                    total <= 200 && count.is_none_or(|n| total == n || (until && total < n))
                );
                if booking.repeat.is_none() {
                    prop_assert_eq!(total, 1);
                }
                for a in &done.appointments {
                    let (start, end) = (utc(&a.starts_at)?, utc(&a.ends_at)?);
                    prop_assert!((5..=480).contains(&a.duration_minutes));
                    prop_assert_eq!((end - start).num_minutes(), i64::from(a.duration_minutes));
                    let year: i32 = a.local_start[..4].parse().unwrap_or(0);
                    prop_assert!((1900..=2200).contains(&year), "booked in {}", a.local_start);
                    // The note goes on every visit; the override reason only on the
                    // visits that needed one.
                    for (typed, stored, always) in [
                        (&booking.front_desk_note, &a.front_desk_note, true),
                        (&booking.override_reason, &a.override_reason, false),
                    ] {
                        let want = typed.as_deref().and_then(expected);
                        if always || stored.is_some() {
                            prop_assert_eq!(stored, &want, "front-desk text changed");
                        }
                        if let Some(t) = stored {
                            tidy_text(t, true, 2_000)?;
                        }
                    }
                }
            }
        }
        Ok(())
    })?;

    let bounds = prop_oneof![dates(), local_times()];
    check(
        "time off",
        CASES / 2,
        (bounds.clone(), bounds, prop::option::of(hostile_text())),
        |(from, to, reason)| {
            let before = digest(&conn)?;
            let input = TimeOffInput {
                practitioner_id: s.kai,
                from,
                to,
                reason: reason.clone(),
            };
            let added = c.add_time_off(&s.fx.admin, &input);
            tally(&added);
            match added {
                Err(e) => {
                    clear(&e)?;
                    prop_assert_eq!(before, digest(&conn)?);
                }
                Ok(t) => {
                    prop_assert!(utc(&t.starts_at)? < utc(&t.ends_at)?);
                    for local in [&t.local_start, &t.local_end] {
                        let year: i32 = local[..4].parse().unwrap_or(0);
                        prop_assert!((1900..=2201).contains(&year), "time off at {local}");
                    }
                    prop_assert_eq!(&t.reason, &reason.as_deref().and_then(expected));
                    if let Some(r) = &t.reason {
                        tidy_text(r, true, 2_000)?;
                    }
                    c.delete_time_off(&s.fx.admin, t.id)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                }
            }
            Ok(())
        },
    )?;
    intact(&s.fx)
}

/// The rest of the schedule's text: room and appointment-type names (one line, 120
/// characters) and cancel reasons (front-desk text, required).
#[test]
fn schedule_names_and_reasons_are_stored_tidy_or_refused() -> TestResult {
    let s = schedule_support::clinic("Europe/London")?;
    let (c, admin) = (&s.fx.clinic, &s.fx.admin);
    let conn = raw(&s.fx)?;
    let day = std::cell::Cell::new(0i64);
    let which = prop::sample::select(vec!["room", "type", "cancel"]);
    check(
        "schedule text (rooms, types, cancel reasons)",
        CASES / 2,
        (which, hostile_text()),
        |(which, typed)| {
            let before = if which == "cancel" {
                // A visit of its own to cancel, on a day of its own.
                day.set(day.get() + 1);
                let at = chrono::NaiveDate::from_ymd_opt(2032, 1, 5).unwrap_or_default()
                    + chrono::Duration::days(day.get());
                let mut booking = s.new_appt(s.ana, s.lin, &format!("{at} 10:00"));
                booking.override_reason = Some("Test".into());
                let booked = c.book_appointment(&s.desk, &booking).map_err(fail)?;
                let id = booked
                    .appointments
                    .first()
                    .map(|a| a.id)
                    .ok_or_else(|| fail("none booked"))?;
                (digest(&conn)?, Some(id))
            } else {
                (digest(&conn)?, None)
            };
            let (rule, outcome) = match (which, before.1) {
                ("room", _) => {
                    let input = RoomInput {
                        id: None,
                        name: typed.clone(),
                        sort_order: None,
                        active: true,
                    };
                    (
                        TextRule {
                            field: "name",
                            many: false,
                            max: 120,
                            required: true,
                        },
                        c.save_room(admin, &input).map(|r| Some(r.name)),
                    )
                }
                ("type", _) => {
                    let input = AppointmentTypeInput {
                        id: None,
                        name: typed.clone(),
                        duration_minutes: 30,
                        colour: "#2a9d8f".into(),
                        needs_room: false,
                        fee_cents: None,
                        billing_code: None,
                        sort_order: None,
                        active: true,
                    };
                    (
                        TextRule {
                            field: "name",
                            many: false,
                            max: 120,
                            required: true,
                        },
                        c.save_appointment_type(admin, &input).map(|t| Some(t.name)),
                    )
                }
                (_, id) => {
                    let id = id.ok_or_else(|| fail("no visit"))?;
                    let input = CancelInput {
                        reason: typed.clone(),
                        scope: EditScope::This,
                    };
                    (
                        TextRule {
                            field: "reason",
                            many: true,
                            max: 2_000,
                            required: true,
                        },
                        c.cancel_appointment(&s.desk, id, &input)
                            .map(|r| r.cancelled.first().and_then(|a| a.cancel_reason.clone())),
                    )
                }
            };
            // A name already taken is refused too (by name): not a text problem.
            if let Err(e) = &outcome {
                if e.to_string().contains("already") {
                    clear(e)?;
                    prop_assert_eq!(before.0, digest(&conn)?);
                    return Ok(());
                }
            }
            rule.judge(&typed, outcome, before.0, digest(&conn)?)
        },
    )?;
    intact(&s.fx)
}
