//! Moving, resizing and changing appointments, and cancelling them: one visit, this visit
//! and the following ones of its course, or the whole course. A change is checked like a new
//! booking (the moved visits do not block themselves) and is stored whole or not at all.

use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::booking::{check_duration, require_override};
use super::conflicts::{explain_refusal, write_placing, Candidate, Checker, TAKEN_MEANWHILE};
use super::setup::load_settings;
use super::store::{self, Head};
use super::time::{clinic_zone, fmt_utc, human, local_parts, parse_local, LocalInput};
use super::validate::clean;
use super::waitlist::{self, WaitlistOffer};
use super::{appointment_types, practitioners, rooms, Appointment, AppointmentStatus, EditScope};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, AppointmentTypeId, RoomId, UserId};
use crate::sql_params;

/// What to change; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppointmentChange {
    /// The new local start of this visit, `YYYY-MM-DDTHH:MM`. For the following visits or the
    /// whole course, each moves by the same number of days to the same new time of day.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub starts_at: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub duration_minutes: Option<u32>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub practitioner_id: Option<UserId>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub room_id: Option<RoomId>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub type_id: Option<AppointmentTypeId>,
    /// An empty text clears the note.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub front_desk_note: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub override_reason: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<EditScope>", optional)]
    pub scope: EditScope,
}

#[derive(Default, Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CancelInput {
    pub reason: String,
    #[serde(default)]
    #[ts(as = "Option<EditScope>", optional)]
    pub scope: EditScope,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CancelResult {
    pub cancelled: Vec<Appointment>,
    /// Waiting patients who would fit a freed slot, first come first.
    pub offers: Vec<WaitlistOffer>,
}

/// The visits a change in `scope` applies to: this one, plus (for a course) the later booked
/// ones, or every booked one that has not started yet.
fn targets(db: &Db<'_>, head: &Head, scope: EditScope) -> Result<Vec<Head>> {
    let (Some(series), Some(index)) = (head.series_id, head.series_index) else {
        return Ok(vec![head.clone()]);
    };
    if scope == EditScope::This {
        return Ok(vec![head.clone()]);
    }
    let now = Utc::now();
    Ok(store::series_heads(db, series)?
        .into_iter()
        .filter(|h| {
            h.id == head.id
                || (h.status == AppointmentStatus::Booked
                    && match scope {
                        EditScope::ThisAndFollowing => h.series_index.is_some_and(|i| i > index),
                        _ => h.start >= now,
                    })
        })
        .collect())
}

fn require_status(h: &Head, allowed: &[AppointmentStatus], doing: &str) -> Result<()> {
    if allowed.contains(&h.status) {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "This appointment is {}; it can no longer be {doing}.",
            h.status.label()
        )))
    }
}

/// A move or change checked like a new booking: where each visit goes, and what clashes or
/// needs a reason. Read again after a refusal at COMMIT, to name the clashing visit.
struct ChangePlan {
    tz: chrono_tz::Tz,
    head: Head,
    shift: Option<(Duration, LocalInput)>,
    planned: Vec<(AppointmentId, Candidate, AppointmentTypeId, bool)>,
    clashes: Vec<String>,
    warnings: Vec<String>,
}

fn plan_change(db: &Db<'_>, id: AppointmentId, change: &AppointmentChange) -> Result<ChangePlan> {
    let tz = clinic_zone(db)?;
    let head = store::head(db, id)?;
    let reschedules = change.starts_at.is_some()
        || change.duration_minutes.is_some()
        || change
            .practitioner_id
            .is_some_and(|p| p != head.practitioner_id)
        || change.type_id.is_some_and(|t| t != head.type_id);
    let allowed: &[AppointmentStatus] = if reschedules {
        &[AppointmentStatus::Booked]
    } else {
        &[
            AppointmentStatus::Booked,
            AppointmentStatus::Arrived,
            AppointmentStatus::InTreatment,
        ]
    };
    require_status(
        &head,
        allowed,
        if reschedules { "moved" } else { "changed" },
    )?;
    let visits = targets(db, &head, change.scope)?;
    if let Some(p) = change.practitioner_id {
        practitioners::load_active(db, p)?;
    }
    let new_type = change
        .type_id
        .map(|t| appointment_types::load(db, t))
        .transpose()?;
    if let Some(t) = new_type
        .as_ref()
        .filter(|t| !t.active && t.id != head.type_id)
    {
        return Err(Error::invalid(
            "type_id",
            format!("{} is no longer offered.", t.name),
        ));
    }
    if let Some(room) = change.room_id {
        let r = rooms::load(db, room)?;
        if !r.active {
            return Err(Error::invalid(
                "room_id",
                format!("{} is not in use.", r.name),
            ));
        }
    }
    let all_rooms = rooms::list(db)?;
    let shift = match change.starts_at.as_deref() {
        Some(text) => {
            let new_local = parse_local("starts_at", text)?;
            let (this_date, _) = local_parts(tz, head.start);
            Some((new_local.date() - this_date, new_local))
        }
        None => None,
    };
    let mut checker = Checker::new(db, tz);
    checker.exclude = visits.iter().map(|v| v.id).collect();
    let mut planned = Vec::new();
    let mut clashes = Vec::new();
    let mut warnings = Vec::new();
    for v in &visits {
        let kind = match &new_type {
            Some(t) => t.clone(),
            None => appointment_types::load(db, v.type_id)?,
        };
        let duration = match (change.duration_minutes, &new_type) {
            (Some(m), _) => check_duration(m)?,
            (None, Some(t)) => Duration::minutes(i64::from(t.duration_minutes)),
            (None, None) => v.end - v.start,
        };
        let start = match shift {
            Some((days, typed)) => {
                let (date, _) = local_parts(tz, v.start);
                typed.on(date + days).instant(tz, "starts_at")?
            }
            None => v.start,
        };
        let mut c = Candidate {
            practitioner: change.practitioner_id.unwrap_or(v.practitioner_id),
            room: change.room_id.or(v.room_id),
            start,
            end: start + duration,
        };
        if change.room_id.is_none() && kind.needs_room {
            let keep = match c.room {
                Some(r) => checker.room_free(&c, r)?,
                None => false,
            };
            if !keep {
                c.room = checker.pick_room(&c, &all_rooms, None)?;
                if c.room.is_none() {
                    clashes.push(format!("No treatment room is free {}.", human(tz, start)));
                }
            }
        }
        let found = checker.clashes(&c)?;
        clashes.extend(found.into_iter().map(|x| x.message));
        let moved = c.start != v.start || c.end != v.end || c.practitioner != v.practitioner_id;
        let w = if moved {
            checker.warnings(&c)?
        } else {
            Vec::new()
        };
        checker.reserve(c);
        warnings.extend(w.iter().cloned());
        planned.push((v.id, c, kind.id, !w.is_empty()));
    }
    Ok(ChangePlan {
        tz,
        head,
        shift,
        planned,
        clashes,
        warnings,
    })
}

fn not_moved(mut clashes: Vec<String>) -> Error {
    clashes.dedup();
    Error::Conflict(format!(
        "Not moved: {} Nothing was changed.",
        clashes.join(" ")
    ))
}

impl Clinic {
    /// Moves, resizes or changes an appointment (or several visits of its course). Refused,
    /// with nothing changed, when any moved visit would clash.
    pub fn update_appointment(
        &self,
        actor: &Actor,
        id: AppointmentId,
        change: &AppointmentChange,
    ) -> Result<Vec<Appointment>> {
        actor.require(Operation::BookAppointments)?;
        let reason = clean("override_reason", &change.override_reason)?;
        let changed = write_placing(self, |tx| {
            let ChangePlan {
                tz,
                head,
                shift,
                planned,
                clashes,
                warnings,
            } = plan_change(tx, id, change)?;
            if !clashes.is_empty() {
                return Err(not_moved(clashes));
            }
            require_override(&warnings, reason.as_deref())?;
            let note = change
                .front_desk_note
                .as_ref()
                .map(|n| clean("front_desk_note", &Some(n.clone())))
                .transpose()?;
            let now = fmt_utc(Utc::now());
            for (vid, c, type_id, overridden) in &planned {
                tx.execute(
                    "UPDATE appointments SET practitioner_id = ?2, room_id = ?3, type_id = ?4, starts_at = ?5,
                         ends_at = ?6, front_desk_note = CASE WHEN ?7 = 1 THEN ?8 ELSE front_desk_note END,
                         override_reason = CASE WHEN ?9 = 1 THEN ?10 ELSE override_reason END,
                         updated_at = ?11, updated_by = ?12
                     WHERE id = ?1",
                    sql_params![
                    vid, c.practitioner, c.room, type_id, fmt_utc(c.start), fmt_utc(c.end),
                    note.is_some(), note.clone().flatten(), overridden, reason, now, actor.user_id()
                ])?;
                audit::record(
                    tx,
                    Some(actor),
                    Action::Update,
                    "appointment",
                    Some(vid.to_string()),
                )?;
            }
            if let (EditScope::All, Some((_, typed)), Some(series)) =
                (change.scope, shift, head.series_id)
            {
                tx.execute(
                    "UPDATE appointment_series SET local_time = ?2 WHERE id = ?1",
                    sql_params![series, typed.time().format("%H:%M").to_string()],
                )?;
            }
            planned
                .iter()
                .map(|(vid, ..)| store::load(tx, tz, *vid))
                .collect()
        });
        changed.map_err(|e| {
            // Another computer booked into a moved visit's new time after the checks above:
            // name the clash as they would have.
            explain_refusal(
                self,
                e,
                |db| {
                    let plan = plan_change(db, id, change)?;
                    Ok((!plan.clashes.is_empty()).then(|| not_moved(plan.clashes)))
                },
                || not_moved(vec![TAKEN_MEANWHILE.to_owned()]),
            )
        })
    }

    /// Cancels with a reason; flags each visit cancelled with less notice than the clinic asks
    /// for. Returns the waiting patients who would fit the freed time.
    pub fn cancel_appointment(
        &self,
        actor: &Actor,
        id: AppointmentId,
        input: &CancelInput,
    ) -> Result<CancelResult> {
        actor.require(Operation::BookAppointments)?;
        let reason = clean("reason", &Some(input.reason.clone()))?
            .ok_or_else(|| Error::invalid("reason", "Say why the appointment is cancelled."))?;
        self.write_db(|tx| {
            let tz = clinic_zone(tx)?;
            let head = store::head(tx, id)?;
            require_status(&head, &[AppointmentStatus::Booked, AppointmentStatus::Arrived], "cancelled")?;
            let notice = Duration::hours(i64::from(load_settings(tx)?.late_cancel_notice_hours));
            let now = Utc::now();
            let visits = targets(tx, &head, input.scope)?;
            for v in &visits {
                let late = v.start - notice < now;
                tx.execute(
                    "UPDATE appointments SET status = 'cancelled', cancelled_at = ?2, cancelled_by = ?3,
                         cancel_reason = ?4, late_cancel = ?5, updated_at = ?2, updated_by = ?3
                     WHERE id = ?1",
                    sql_params![v.id, fmt_utc(now), actor.user_id(), reason, late],
                )?;
                audit::record(tx, Some(actor), Action::Cancel, "appointment", Some(v.id.to_string()))?;
            }
            let mut offers: Vec<WaitlistOffer> = Vec::new();
            for v in visits.iter().filter(|v| v.start > now).take(3) {
                for offer in waitlist::matches(tx, tz, v.practitioner_id, v.start, v.end, v.patient_id)? {
                    if !offers.iter().any(|o| o.entry.id == offer.entry.id) {
                        offers.push(offer);
                    }
                }
            }
            let cancelled = visits.iter().map(|v| store::load(tx, tz, v.id)).collect::<Result<Vec<_>>>()?;
            Ok(CancelResult { cancelled, offers })
        })
    }
}
