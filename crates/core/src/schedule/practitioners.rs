//! Practitioners: staff accounts with the practitioner role, plus what the calendar and
//! documents need (licence, colour, column order).

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::{check_colour, clean};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, Result};
use crate::ids::UserId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Practitioner {
    pub user_id: UserId,
    pub display_name: String,
    pub licence_number: Option<String>,
    pub npi: Option<String>,
    pub signature_line: Option<String>,
    /// `#rrggbb`, the column header's accent.
    pub colour: String,
    pub sort_order: i64,
    pub active: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PractitionerInput {
    pub user_id: UserId,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub licence_number: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub npi: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub signature_line: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub colour: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub sort_order: Option<i64>,
    /// Inactive practitioners keep their history but get no new bookings.
    #[serde(default = "yes")]
    #[ts(as = "Option<bool>", optional)]
    pub active: bool,
}

fn yes() -> bool {
    true
}

const SELECT: &str = "SELECT p.user_id, u.display_name, p.licence_number, p.npi, p.signature_line,
        p.colour, p.sort_order, p.active
     FROM practitioners p JOIN users u ON u.id = p.user_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Practitioner> {
    Ok(Practitioner {
        user_id: r.get(0)?,
        display_name: r.get(1)?,
        licence_number: r.get(2)?,
        npi: r.get(3)?,
        signature_line: r.get(4)?,
        colour: r.get(5)?,
        sort_order: r.get(6)?,
        active: r.get(7)?,
    })
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<Practitioner>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} ORDER BY p.sort_order, u.display_name COLLATE NOCASE"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub(crate) fn load(conn: &Connection, id: UserId) -> Result<Practitioner> {
    conn.query_row(&format!("{SELECT} WHERE p.user_id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| {
            Error::invalid(
                "practitioner_id",
                format!("Staff member {id} is not set up as a practitioner."),
            )
        })
}

/// A practitioner who can take new bookings.
pub(crate) fn load_active(conn: &Connection, id: UserId) -> Result<Practitioner> {
    let p = load(conn, id)?;
    if !p.active {
        return Err(Error::invalid(
            "practitioner_id",
            format!("{} is no longer taking appointments.", p.display_name),
        ));
    }
    Ok(p)
}

impl Clinic {
    /// Makes a staff member with the practitioner role bookable, or changes their details.
    pub fn save_practitioner(
        &self,
        actor: &Actor,
        input: &PractitionerInput,
    ) -> Result<Practitioner> {
        actor.require(Operation::ManageScheduleSetup)?;
        let colour = match input.colour.as_deref().map(str::trim) {
            None | Some("") => "#2f6f9f".to_owned(),
            Some(c) => check_colour("colour", c)?,
        };
        self.write(|tx| {
            let user: Option<(bool, bool)> = tx
                .query_row(
                    "SELECT disabled_at IS NOT NULL,
                            EXISTS (SELECT 1 FROM user_roles WHERE user_id = u.id AND role = 'practitioner')
                     FROM users u WHERE u.id = ?1",
                    [input.user_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match user {
                None => return Err(Error::NotFound(format!("Staff member {}", input.user_id))),
                Some((true, _)) => {
                    return Err(Error::invalid("user_id", "This account is disabled."))
                }
                Some((_, false)) => {
                    return Err(Error::invalid(
                        "user_id",
                        "Give this staff member the practitioner role first (Staff page).",
                    ))
                }
                Some(_) => {}
            }
            let existed: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM practitioners WHERE user_id = ?1)",
                [input.user_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO practitioners (user_id, licence_number, npi, signature_line, colour, sort_order, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, (SELECT coalesce(max(sort_order), 0) + 1 FROM practitioners)), ?7)
                 ON CONFLICT (user_id) DO UPDATE SET licence_number = excluded.licence_number,
                     npi = excluded.npi, signature_line = excluded.signature_line,
                     colour = excluded.colour, sort_order = coalesce(?6, sort_order),
                     active = excluded.active",
                rusqlite::params![
                    input.user_id,
                    clean(&input.licence_number),
                    clean(&input.npi),
                    clean(&input.signature_line),
                    colour,
                    input.sort_order,
                    input.active
                ],
            )?;
            let action = if existed { Action::Update } else { Action::Create };
            audit::record(tx, Some(actor), action, "practitioner", Some(input.user_id.to_string()))?;
            load(tx, input.user_id)
        })
    }
}
