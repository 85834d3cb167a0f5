//! Treatment rooms and beds: a room holds one patient at a time.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::{name_taken, required};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, Result};
use crate::ids::RoomId;
use crate::sql_params;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Room {
    pub id: RoomId,
    pub name: String,
    pub sort_order: i64,
    pub active: bool,
}

#[derive(Default, Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RoomInput {
    /// Absent for a new room.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<RoomId>,
    pub name: String,
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

fn from_row(r: &Row) -> Result<Room> {
    Ok(Room {
        id: r.get("id")?,
        name: r.get("name")?,
        sort_order: r.get("sort_order")?,
        active: r.get("active")?,
    })
}

pub(crate) fn list(db: &Db<'_>) -> Result<Vec<Room>> {
    db.query(
        "SELECT id, name, sort_order, active FROM rooms ORDER BY sort_order, name COLLATE NOCASE, id",
        sql_params![],
    )?
    .iter()
    .map(from_row)
    .collect()
}

pub(crate) fn load(db: &Db<'_>, id: RoomId) -> Result<Room> {
    db.query_opt(
        "SELECT id, name, sort_order, active FROM rooms WHERE id = ?1",
        sql_params![id],
    )?
    .as_ref()
    .map(from_row)
    .transpose()?
    .ok_or_else(|| Error::invalid("room_id", format!("There is no room {id}.")))
}

impl Clinic {
    pub fn save_room(&self, actor: &Actor, input: &RoomInput) -> Result<Room> {
        actor.require(Operation::ManageScheduleSetup)?;
        let name = required("name", &input.name, "the room's name")?;
        self.write_db(|tx| {
            let id = match input.id {
                Some(id) => {
                    load(tx, id)?;
                    tx.execute(
                        "UPDATE rooms SET name = ?2, sort_order = coalesce(?3, sort_order), active = ?4 WHERE id = ?1",
                        sql_params![id, name, input.sort_order, input.active],
                    )
                    .map_err(|e| name_taken(e, "a room", &name))?;
                    audit::record(tx, Some(actor), Action::Update, "room", Some(id.to_string()))?;
                    id
                }
                None => {
                    let id = RoomId(
                        tx.insert_returning_id(
                            "INSERT INTO rooms (name, sort_order, active)
                             VALUES (?1, coalesce(?2, (SELECT coalesce(max(sort_order), 0) + 1 FROM rooms)), ?3)
                             RETURNING id",
                            sql_params![name, input.sort_order, input.active],
                        )
                        .map_err(|e| name_taken(e, "a room", &name))?,
                    );
                    audit::record(tx, Some(actor), Action::Create, "room", Some(id.to_string()))?;
                    id
                }
            };
            load(tx, id)
        })
    }
}

/// A room met in an imported file, sorted after the clinic's own.
pub(crate) fn insert_imported<'c>(db: impl Into<Db<'c>>, name: &str) -> Result<RoomId> {
    Ok(RoomId(db.into().insert_returning_id(
        "INSERT INTO rooms (name, sort_order) VALUES (?1, 1000) RETURNING id",
        sql_params![name],
    )?))
}

/// Every room's id and name, in id order.
pub(crate) fn names<'c>(db: impl Into<Db<'c>>) -> Result<Vec<(RoomId, String)>> {
    db.into()
        .query("SELECT id, name FROM rooms ORDER BY id", sql_params![])?
        .iter()
        .map(|r| Ok((r.get("id")?, r.get("name")?)))
        .collect()
}
