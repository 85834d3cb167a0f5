//! Practitioners: staff accounts with the practitioner role, plus what the calendar and
//! documents need (licence, colour, column order).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::validate::{check_colour, clean};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::sql_params;

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
#[serde(deny_unknown_fields)]
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

fn from_row(r: &Row) -> Result<Practitioner> {
    Ok(Practitioner {
        user_id: r.get("user_id")?,
        display_name: r.get("display_name")?,
        licence_number: r.get("licence_number")?,
        npi: r.get("npi")?,
        signature_line: r.get("signature_line")?,
        colour: r.get("colour")?,
        sort_order: r.get("sort_order")?,
        active: r.get("active")?,
    })
}

pub(crate) fn list(db: &Db<'_>) -> Result<Vec<Practitioner>> {
    db.query(
        &format!("{SELECT} ORDER BY p.sort_order, u.display_name COLLATE NOCASE, p.user_id"),
        sql_params![],
    )?
    .iter()
    .map(from_row)
    .collect()
}

pub(crate) fn load(db: &Db<'_>, id: UserId) -> Result<Practitioner> {
    db.query_opt(&format!("{SELECT} WHERE p.user_id = ?1"), sql_params![id])?
        .as_ref()
        .map(from_row)
        .transpose()?
        .ok_or_else(|| {
            Error::invalid(
                "practitioner_id",
                format!("Staff member {id} is not set up as a practitioner."),
            )
        })
}

/// A practitioner who can take new bookings.
pub(crate) fn load_active(db: &Db<'_>, id: UserId) -> Result<Practitioner> {
    let p = load(db, id)?;
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
        self.write_db(|tx| {
            let user: Option<(bool, bool)> = tx
                .query_opt(
                    "SELECT CASE WHEN disabled_at IS NOT NULL THEN 1 ELSE 0 END AS disabled,
                            CASE WHEN EXISTS (SELECT 1 FROM user_roles WHERE user_id = u.id AND role = 'practitioner')
                                THEN 1 ELSE 0 END AS practitioner
                     FROM users u WHERE u.id = ?1",
                    sql_params![input.user_id],
                )?
                .map(|r| Ok::<_, Error>((r.get("disabled")?, r.get("practitioner")?)))
                .transpose()?;
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
            let existed: bool = tx
                .query_one(
                    "SELECT CASE WHEN EXISTS (SELECT 1 FROM practitioners WHERE user_id = ?1)
                         THEN 1 ELSE 0 END AS existed",
                    sql_params![input.user_id],
                )?
                .get("existed")?;
            tx.execute(
                "INSERT INTO practitioners (user_id, licence_number, npi, signature_line, colour, sort_order, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, (SELECT coalesce(max(sort_order), 0) + 1 FROM practitioners)), ?7)
                 ON CONFLICT (user_id) DO UPDATE SET licence_number = excluded.licence_number,
                     npi = excluded.npi, signature_line = excluded.signature_line,
                     colour = excluded.colour, sort_order = coalesce(?6, practitioners.sort_order),
                     active = excluded.active",
                sql_params![
                    input.user_id,
                    clean("licence_number", &input.licence_number)?,
                    clean("npi", &input.npi)?,
                    clean("signature_line", &input.signature_line)?,
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
