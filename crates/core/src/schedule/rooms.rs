//! Treatment rooms and beds: a room holds one patient at a time.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::{name_taken, required};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::RoomId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Room {
    pub id: RoomId,
    pub name: String,
    pub sort_order: i64,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
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

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Room> {
    Ok(Room {
        id: r.get(0)?,
        name: r.get(1)?,
        sort_order: r.get(2)?,
        active: r.get(3)?,
    })
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Room>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, sort_order, active FROM rooms ORDER BY sort_order, name COLLATE NOCASE",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn load(conn: &Connection, id: RoomId) -> Result<Room> {
    conn.query_row(
        "SELECT id, name, sort_order, active FROM rooms WHERE id = ?1",
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::invalid("room_id", format!("There is no room {id}.")))
}

impl Clinic {
    pub fn save_room(&self, actor: &Actor, input: &RoomInput) -> Result<Room> {
        actor.require(Operation::ManageScheduleSetup)?;
        let name = required("name", &input.name, "the room's name")?;
        self.write(|tx| {
            let id = match input.id {
                Some(id) => {
                    load(tx, id)?;
                    tx.execute(
                        "UPDATE rooms SET name = ?2, sort_order = coalesce(?3, sort_order), active = ?4 WHERE id = ?1",
                        rusqlite::params![id, name, input.sort_order, input.active],
                    )
                    .map_err(|e| name_taken(e, "a room", &name))?;
                    audit::record(tx, Some(actor), Action::Update, "room", Some(id.to_string()))?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO rooms (name, sort_order, active)
                         VALUES (?1, coalesce(?2, (SELECT coalesce(max(sort_order), 0) + 1 FROM rooms)), ?3)",
                        rusqlite::params![name, input.sort_order, input.active],
                    )
                    .map_err(|e| name_taken(e, "a room", &name))?;
                    let id = RoomId(tx.last_insert_rowid());
                    audit::record(tx, Some(actor), Action::Create, "room", Some(id.to_string()))?;
                    id
                }
            };
            load(tx, id)
        })
    }
}
