//! Kinds of appointment: how long they take, their colour on the calendar, whether they need
//! a room, and what they are billed as.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time::MAX_APPOINTMENT_MINUTES;
use super::validate::{check_colour, clean, name_taken, required};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, Result};
use crate::ids::AppointmentTypeId;
use crate::sql_params;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppointmentType {
    pub id: AppointmentTypeId,
    pub name: String,
    pub duration_minutes: u32,
    pub colour: String,
    pub needs_room: bool,
    pub fee_cents: Option<i64>,
    pub billing_code: Option<String>,
    pub sort_order: i64,
    pub active: bool,
}

#[derive(Default, Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AppointmentTypeInput {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<AppointmentTypeId>,
    pub name: String,
    pub duration_minutes: u32,
    pub colour: String,
    pub needs_room: bool,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub fee_cents: Option<i64>,
    /// E.g. CPT 97810.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub billing_code: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub sort_order: Option<i64>,
    #[serde(default = "yes")]
    #[ts(as = "Option<bool>", optional)]
    pub active: bool,
}

fn yes() -> bool {
    true
}

const SELECT: &str =
    "SELECT id, name, duration_minutes, colour, needs_room, fee_cents, billing_code,
        sort_order, active FROM appointment_types";

fn from_row(r: &Row) -> Result<AppointmentType> {
    Ok(AppointmentType {
        id: r.get("id")?,
        name: r.get("name")?,
        duration_minutes: r.get("duration_minutes")?,
        colour: r.get("colour")?,
        needs_room: r.get("needs_room")?,
        fee_cents: r.get("fee_cents")?,
        billing_code: r.get("billing_code")?,
        sort_order: r.get("sort_order")?,
        active: r.get("active")?,
    })
}

pub(crate) fn list(db: &Db<'_>) -> Result<Vec<AppointmentType>> {
    db.query(
        &format!("{SELECT} ORDER BY sort_order, name COLLATE NOCASE, id"),
        sql_params![],
    )?
    .iter()
    .map(from_row)
    .collect()
}

pub(crate) fn load(db: &Db<'_>, id: AppointmentTypeId) -> Result<AppointmentType> {
    db.query_opt(&format!("{SELECT} WHERE id = ?1"), sql_params![id])?
        .as_ref()
        .map(from_row)
        .transpose()?
        .ok_or_else(|| Error::invalid("type_id", format!("There is no appointment type {id}.")))
}

fn check(input: &AppointmentTypeInput) -> Result<(String, String)> {
    let mut errors = Vec::new();
    let name = required("name", &input.name, "the appointment type's name");
    let colour = check_colour("colour", &input.colour);
    if !(5..=MAX_APPOINTMENT_MINUTES as u32).contains(&input.duration_minutes) {
        errors.push(crate::FieldError::new(
            "duration_minutes",
            format!("A duration is between 5 and {MAX_APPOINTMENT_MINUTES} minutes."),
        ));
    }
    if input.fee_cents.is_some_and(|f| f < 0) {
        errors.push(crate::FieldError::new(
            "fee_cents",
            "A fee cannot be negative.",
        ));
    }
    for r in [&name, &colour] {
        if let Err(Error::Invalid(f)) = r {
            errors.extend(f.iter().cloned());
        }
    }
    match (name, colour) {
        (Ok(n), Ok(c)) if errors.is_empty() => Ok((n, c)),
        _ => Err(Error::Invalid(errors)),
    }
}

impl Clinic {
    pub fn save_appointment_type(
        &self,
        actor: &Actor,
        input: &AppointmentTypeInput,
    ) -> Result<AppointmentType> {
        actor.require(Operation::ManageScheduleSetup)?;
        let (name, colour) = check(input)?;
        let billing = clean("billing_code", &input.billing_code)?;
        self.write_db(|tx| {
            let id = match input.id {
                Some(id) => {
                    load(tx, id)?;
                    tx.execute(
                        "UPDATE appointment_types SET name = ?1, duration_minutes = ?2, colour = ?3,
                             needs_room = ?4, fee_cents = ?5, billing_code = ?6,
                             sort_order = coalesce(?7, sort_order), active = ?8
                         WHERE id = ?9",
                        sql_params![
                            name, input.duration_minutes, colour, input.needs_room,
                            input.fee_cents, billing, input.sort_order, input.active, id
                        ],
                    )
                    .map_err(|e| name_taken(e, "an appointment type", &name))?;
                    audit::record(tx, Some(actor), Action::Update, "appointment_type", Some(id.to_string()))?;
                    id
                }
                None => {
                    let id = AppointmentTypeId(
                        tx.insert_returning_id(
                            "INSERT INTO appointment_types (name, duration_minutes, colour, needs_room,
                                 fee_cents, billing_code, sort_order, active)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6,
                                 coalesce(?7, (SELECT coalesce(max(sort_order), 0) + 1 FROM appointment_types)), ?8)
                             RETURNING id",
                            sql_params![
                                name,
                                input.duration_minutes,
                                colour,
                                input.needs_room,
                                input.fee_cents,
                                billing,
                                input.sort_order,
                                input.active
                            ],
                        )
                        .map_err(|e| name_taken(e, "an appointment type", &name))?,
                    );
                    audit::record(tx, Some(actor), Action::Create, "appointment_type", Some(id.to_string()))?;
                    id
                }
            };
            load(tx, id)
        })
    }
}

pub(crate) fn by_name<'c>(
    db: impl Into<Db<'c>>,
    name: &str,
) -> Result<Option<(AppointmentTypeId, u32)>> {
    db.into()
        .query_opt(
            "SELECT id, duration_minutes FROM appointment_types WHERE name = ?1",
            sql_params![name],
        )?
        .map(|r| Ok((r.get("id")?, r.get("duration_minutes")?)))
        .transpose()
}

pub(crate) fn insert_imported<'c>(
    db: impl Into<Db<'c>>,
    name: &str,
    minutes: i64,
    colour: &str,
) -> Result<AppointmentTypeId> {
    Ok(AppointmentTypeId(db.into().insert_returning_id(
        "INSERT INTO appointment_types (name, duration_minutes, colour, needs_room, sort_order)
         VALUES (?1, ?2, ?3, 0, 1000) RETURNING id",
        sql_params![name, minutes, colour],
    )?))
}

pub(crate) fn names<'c>(db: impl Into<Db<'c>>) -> Result<Vec<(AppointmentTypeId, String)>> {
    db.into()
        .query(
            "SELECT id, name FROM appointment_types ORDER BY id",
            sql_params![],
        )?
        .iter()
        .map(|r| Ok((r.get("id")?, r.get("name")?)))
        .collect()
}
