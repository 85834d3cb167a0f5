//! Two desks on one PostgreSQL clinic: the core's clash check runs before each write, and the
//! database's deferred exclusion constraints are the last word at COMMIT. Whichever refuses,
//! the desk that lost sees the same conflict, naming the visit that took the slot.

mod common;
mod schedule_support;

use std::sync::Barrier;

use acuchart_core::ids::{AppointmentId, PatientId};
use acuchart_core::schedule::{
    AppointmentChange, BookingResult, CancelInput, EditScope, ScheduleQuery,
};
use acuchart_core::{Error, ErrorCode};
use common::Backend;
use schedule_support::{clinic_on, Clinic, Res};

/// The visits stored (cancelled ones too) that start at `local` on 4 March 2030.
fn stored_at(s: &Clinic, local: &str) -> Res<Vec<(AppointmentId, PatientId, bool)>> {
    let view = s.fx.clinic.schedule(
        &s.desk,
        &ScheduleQuery {
            from: "2030-03-04".into(),
            days: 1,
            practitioner_ids: Vec::new(),
            include_cancelled: true,
        },
    )?;
    Ok(view
        .appointments
        .into_iter()
        .filter(|a| a.local_start == local)
        .map(|a| (a.id, a.patient_id, a.status.blocks()))
        .collect())
}

/// Runs `a` and `b` on two threads released together.
fn at_once<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> Res<(A, B)> {
    let barrier = Barrier::new(2);
    std::thread::scope(|scope| {
        let ta = scope.spawn(|| {
            barrier.wait();
            a()
        });
        let tb = scope.spawn(|| {
            barrier.wait();
            b()
        });
        match (ta.join(), tb.join()) {
            (Ok(a), Ok(b)) => Ok((a, b)),
            _ => Err("a booking thread panicked".into()),
        }
    })
}

/// One of two results succeeded and the other is the clash conflict naming the winner.
fn one_wins(
    s: &Clinic,
    results: [(PatientId, acuchart_core::Result<BookingResult>); 2],
) -> Res<PatientId> {
    let name = |p: PatientId| if p == s.ana { "Ana Ruiz" } else { "Ben Okafor" };
    match results {
        [(winner, Ok(_)), (_, Err(e))] | [(_, Err(e)), (winner, Ok(_))] => {
            assert_eq!(e.code(), ErrorCode::Conflict, "{e:?}");
            let Error::Conflict(msg) = &e else {
                return Err(format!("expected a conflict, got {e:?}").into());
            };
            assert!(msg.starts_with("Not booked: "), "{msg}");
            assert!(msg.contains("Dr. Lin Mei already sees"), "{msg}");
            assert!(msg.contains(name(winner)), "{msg}");
            Ok(winner)
        }
        [(_, a), (_, b)] => {
            Err(format!("expected one booking and one conflict: {a:?} / {b:?}").into())
        }
    }
}

#[test]
fn two_desks_booking_one_practitioner_slot_at_once_store_one_visit() -> Res<()> {
    let Some(s) = clinic_on(Backend::Postgres, "Europe/London")? else {
        return Ok(());
    };
    let c = &s.fx.clinic;
    // Several rounds, each on its own slot, so that some reach COMMIT together (refused there
    // by the exclusion constraint) and some are refused by the core's own check.
    for at in ["10:00", "11:00", "13:30", "14:30", "15:30", "16:30"] {
        let local = format!("2030-03-04T{at}");
        // Different rooms: only the practitioner clashes.
        let mut a = s.new_appt(s.ana, s.lin, &local);
        a.room_id = Some(s.room1);
        let mut b = s.new_appt(s.ben, s.lin, &local);
        b.room_id = Some(s.room2);
        let (ra, rb) = at_once(
            || c.book_appointment(&s.desk, &a),
            || c.book_appointment(&s.desk, &b),
        )?;
        let winner = one_wins(&s, [(s.ana, ra), (s.ben, rb)])?;
        let stored = stored_at(&s, &local)?;
        assert_eq!(stored.len(), 1, "{local}: {stored:?}");
        assert_eq!(stored[0].1, winner);
    }
    Ok(())
}

#[test]
fn back_to_back_and_over_a_cancelled_visit_stay_bookable_at_once() -> Res<()> {
    let Some(s) = clinic_on(Backend::Postgres, "Europe/London")? else {
        return Ok(());
    };
    let c = &s.fx.clinic;
    // 10:00–10:45 and 10:45–11:30 for one practitioner in one room, from two desks at once.
    let mut a = s.new_appt(s.ana, s.lin, "2030-03-04T10:00");
    a.room_id = Some(s.room1);
    let mut b = s.new_appt(s.ben, s.lin, "2030-03-04T10:45");
    b.room_id = Some(s.room1);
    let (ra, rb) = at_once(
        || c.book_appointment(&s.desk, &a),
        || c.book_appointment(&s.desk, &b),
    )?;
    let first = ra?.appointments[0].id;
    rb?;
    // The 10:00 visit is cancelled; two desks then book into its time, one of them the same
    // patient again: one gets it, and the cancelled visit never blocks.
    c.cancel_appointment(
        &s.desk,
        first,
        &CancelInput {
            reason: "Patient has flu".into(),
            scope: EditScope::This,
        },
    )?;
    let mut again = s.new_appt(s.ana, s.lin, "2030-03-04T10:00");
    again.room_id = Some(s.room1);
    let mut other = s.new_appt(s.ben, s.lin, "2030-03-04T10:00");
    other.room_id = Some(s.room2);
    let (ra, rb) = at_once(
        || c.book_appointment(&s.desk, &again),
        || c.book_appointment(&s.desk, &other),
    )?;
    one_wins(&s, [(s.ana, ra), (s.ben, rb)])?;
    let stored = stored_at(&s, "2030-03-04T10:00")?;
    assert_eq!(stored.len(), 2, "{stored:?}");
    assert_eq!(stored.iter().filter(|(_, _, blocks)| *blocks).count(), 1);
    Ok(())
}

#[test]
fn a_move_and_a_booking_into_one_slot_at_once_leave_one_visit_there() -> Res<()> {
    let Some(s) = clinic_on(Backend::Postgres, "Europe/London")? else {
        return Ok(());
    };
    let c = &s.fx.clinic;
    for at in ["10:00", "11:00", "13:30", "14:30"] {
        let local = format!("2030-03-04T{at}");
        let mut old = s.new_appt(s.chloe, s.lin, &format!("2030-03-05T{at}"));
        old.room_id = Some(s.room1);
        let moving = c.book_appointment(&s.desk, &old)?.appointments[0].id;
        let mut new = s.new_appt(s.ben, s.lin, &local);
        new.room_id = Some(s.room2);
        let change = AppointmentChange {
            starts_at: Some(local.clone()),
            ..Default::default()
        };
        let (moved, booked) = at_once(
            || c.update_appointment(&s.desk, moving, &change),
            || c.book_appointment(&s.desk, &new),
        )?;
        match (moved, booked) {
            (Ok(_), Err(e)) => {
                let msg = e.to_string();
                assert_eq!(e.code(), ErrorCode::Conflict, "{e:?}");
                assert!(msg.contains("Chloe Martin"), "{msg}");
            }
            (Err(e), Ok(_)) => {
                let msg = e.to_string();
                assert_eq!(e.code(), ErrorCode::Conflict, "{e:?}");
                assert!(msg.starts_with("Not moved: "), "{msg}");
                assert!(msg.contains("Ben Okafor"), "{msg}");
                assert!(msg.ends_with("Nothing was changed."), "{msg}");
            }
            other => return Err(format!("expected one change and one conflict: {other:?}").into()),
        }
        assert_eq!(stored_at(&s, &local)?.len(), 1, "{local}");
    }
    Ok(())
}
