//! Protocols: named point sets with default settings. The app ships starters (read-only,
//! identified by key); practitioners make their own and may share them with colleagues.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::entry::is_midline;
use super::{Side, Technique, TreatmentPoint};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, ToValue};
use crate::error::{Error, FieldError, Result};
use crate::ids::{ProtocolId, UserId};
use crate::points;
use crate::sql_params;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProtocolSide {
    Left,
    Right,
    Bilateral,
    Midline,
    /// The side the pain is on, chosen when the protocol is applied.
    Affected,
}

impl ProtocolSide {
    pub fn as_str(self) -> &'static str {
        match self {
            ProtocolSide::Left => "left",
            ProtocolSide::Right => "right",
            ProtocolSide::Bilateral => "bilateral",
            ProtocolSide::Midline => "midline",
            ProtocolSide::Affected => "affected",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        use ProtocolSide::*;
        [Left, Right, Bilateral, Midline, Affected]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ProtocolPoint {
    pub code: String,
    pub side: ProtocolSide,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub technique: Option<Technique>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub retention_minutes: Option<u16>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Protocol {
    pub id: ProtocolId,
    /// Set for the protocols shipped with the app, e.g. `sciatica-bladder`.
    #[ts(optional = nullable)]
    pub key: Option<String>,
    pub name: String,
    #[ts(optional = nullable)]
    pub condition: Option<String>,
    #[ts(optional = nullable)]
    pub description: Option<String>,
    #[ts(optional = nullable)]
    pub owner: Option<String>,
    pub shared: bool,
    /// Whether the person asking may change it (their own, not a shipped one).
    pub editable: bool,
    pub points: Vec<ProtocolPoint>,
}

#[derive(Default, Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct NewProtocol {
    pub name: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub condition: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub description: Option<String>,
    #[serde(default)]
    pub shared: bool,
    pub points: Vec<ProtocolPoint>,
}

/// The protocol's points for a patient whose pain is on `affected`.
pub fn apply_protocol(protocol: &Protocol, affected: Side) -> Vec<TreatmentPoint> {
    protocol
        .points
        .iter()
        .map(|p| {
            let midline = points::resolve_code(&p.code).is_ok_and(is_midline);
            let side = match p.side {
                _ if midline => Side::Midline,
                ProtocolSide::Left => Side::Left,
                ProtocolSide::Right => Side::Right,
                ProtocolSide::Bilateral | ProtocolSide::Midline => Side::Bilateral,
                ProtocolSide::Affected => match affected {
                    Side::Midline => Side::Bilateral,
                    s => s,
                },
            };
            TreatmentPoint {
                code: p.code.clone(),
                side,
                technique: p.technique,
                depth_mm: None,
                retention_minutes: p.retention_minutes,
                electro_pair: None,
                electro_hz: None,
                electro_minutes: None,
                note: p.note.clone(),
            }
        })
        .collect()
}

const COLUMNS: &str =
    "p.id, p.key, p.name, p.condition, p.description, u.display_name, p.shared, p.owner_id";

fn load_points(db: &Db<'_>, id: ProtocolId) -> Result<Vec<ProtocolPoint>> {
    let rows = db.query(
        "SELECT point_code, side, technique, retention_minutes, note
         FROM protocol_points WHERE protocol_id = ?1 ORDER BY position",
        sql_params![id],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let side: String = r.get("side")?;
        let technique: Option<String> = r.get("technique")?;
        let side = ProtocolSide::parse(&side).ok_or_else(|| {
            Error::Internal(format!("protocol {id} has an unknown side {side:?}"))
        })?;
        let technique = match technique {
            Some(t) => Some(Technique::parse(&t).ok_or_else(|| {
                Error::Internal(format!("protocol {id} has an unknown technique {t:?}"))
            })?),
            None => None,
        };
        out.push(ProtocolPoint {
            code: r.get("point_code")?,
            side,
            technique,
            retention_minutes: r.get("retention_minutes")?,
            note: r.get("note")?,
        });
    }
    Ok(out)
}

fn load(db: &Db<'_>, actor: &Actor, where_: &str, param: &dyn ToValue) -> Result<Vec<Protocol>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM protocols p LEFT JOIN users u ON u.id = p.owner_id
         WHERE p.archived_at IS NULL AND (p.owner_id IS NULL OR p.shared = 1 OR p.owner_id = ?1) AND {where_}
         ORDER BY p.owner_id IS NOT NULL, p.name COLLATE NOCASE, p.id"
    );
    let heads = db
        .query(&sql, sql_params![actor.user_id(), param])?
        .into_iter()
        .map(|r| {
            let owner_id: Option<UserId> = r.get("owner_id")?;
            Ok(Protocol {
                id: r.get("id")?,
                key: r.get("key")?,
                name: r.get("name")?,
                condition: r.get("condition")?,
                description: r.get("description")?,
                owner: r.get("display_name")?,
                shared: r.get("shared")?,
                editable: owner_id == Some(actor.user_id()),
                points: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    heads
        .into_iter()
        .map(|mut p| {
            p.points = load_points(db, p.id)?;
            Ok(p)
        })
        .collect()
}

fn check(input: &NewProtocol) -> Result<NewProtocol> {
    let mut errors = Vec::new();
    let name = input.name.trim();
    match crate::text::check("The protocol's name", &input.name, crate::text::LINE) {
        Ok(Some(_)) => {}
        Ok(None) => errors.push(FieldError::new("name", "Give the protocol a name.")),
        Err(problem) => errors.push(FieldError::new("name", problem)),
    }
    if input.points.is_empty() {
        errors.push(FieldError::new("points", "Add at least one point."));
    }
    let mut points = Vec::new();
    for p in &input.points {
        match points::resolve_code(&p.code) {
            Ok(found) => points.push(ProtocolPoint {
                code: found.code.clone(),
                ..p.clone()
            }),
            Err(e) => errors.push(FieldError::new("points", e.to_string())),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let tidy = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    Ok(NewProtocol {
        name: name.to_owned(),
        condition: tidy(&input.condition),
        description: tidy(&input.description),
        shared: input.shared,
        points,
    })
}

fn write_points(db: &Db<'_>, id: ProtocolId, points: &[ProtocolPoint]) -> Result<()> {
    db.execute(
        "DELETE FROM protocol_points WHERE protocol_id = ?1",
        sql_params![id],
    )?;
    for (i, p) in points.iter().enumerate() {
        db.execute(
            "INSERT INTO protocol_points (protocol_id, position, point_code, side, technique, retention_minutes, note)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            sql_params![
                id,
                i as i64 + 1,
                p.code,
                p.side.as_str(),
                p.technique.map(Technique::as_str),
                p.retention_minutes,
                p.note
            ],
        )?;
    }
    Ok(())
}

impl Clinic {
    pub fn list_protocols(&self, actor: &Actor) -> Result<Vec<Protocol>> {
        actor.require(Operation::ReadProtocols)?;
        self.read_db(|db| load(db, actor, "1 = ?2", &1))
    }

    /// A protocol by id, or by the key of a shipped one (`sciatica-bladder`).
    pub fn protocol(&self, actor: &Actor, id_or_key: &str) -> Result<Protocol> {
        actor.require(Operation::ReadProtocols)?;
        let found = self.read_db(|db| match id_or_key.parse::<i64>() {
            Ok(id) => load(db, actor, "p.id = ?2", &id),
            Err(_) => load(db, actor, "p.key = ?2", &id_or_key),
        })?;
        found
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(format!("Protocol {id_or_key:?}")))
    }

    pub fn create_protocol(&self, actor: &Actor, input: &NewProtocol) -> Result<Protocol> {
        actor.require(Operation::ManageProtocols)?;
        let p = check(input)?;
        let id = self.write_db(|db| {
            let now = Utc::now().to_rfc3339();
            let id = ProtocolId(db.insert_returning_id(
                "INSERT INTO protocols (name, condition, description, owner_id, shared, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id",
                sql_params![p.name, p.condition, p.description, actor.user_id(), p.shared, now],
            )?);
            write_points(db, id, &p.points)?;
            audit::record(db, Some(actor), Action::Create, "protocol", Some(id.to_string()))?;
            Ok(id)
        })?;
        self.protocol(actor, &id.to_string())
    }

    /// Changes one of the actor's own protocols.
    pub fn update_protocol(
        &self,
        actor: &Actor,
        id: ProtocolId,
        input: &NewProtocol,
    ) -> Result<Protocol> {
        actor.require(Operation::ManageProtocols)?;
        let p = check(input)?;
        self.write_db(|db| {
            require_owner(db, actor, id)?;
            db.execute(
                "UPDATE protocols SET name = ?2, condition = ?3, description = ?4, shared = ?5, updated_at = ?6
                 WHERE id = ?1",
                sql_params![id, p.name, p.condition, p.description, p.shared, Utc::now().to_rfc3339()],
            )?;
            write_points(db, id, &p.points)?;
            audit::record(db, Some(actor), Action::Update, "protocol", Some(id.to_string()))
        })?;
        self.protocol(actor, &id.to_string())
    }

    /// Saves a copy of any protocol the actor can see (a shipped starter, a colleague's shared
    /// one) as their own, private until they share it.
    pub fn copy_protocol(&self, actor: &Actor, id: ProtocolId) -> Result<Protocol> {
        actor.require(Operation::ManageProtocols)?;
        let source = self.protocol(actor, &id.to_string())?;
        self.create_protocol(
            actor,
            &NewProtocol {
                name: format!("{} (my copy)", source.name),
                condition: source.condition,
                description: source.description,
                shared: false,
                points: source.points,
            },
        )
    }

    pub fn archive_protocol(&self, actor: &Actor, id: ProtocolId) -> Result<()> {
        actor.require(Operation::ManageProtocols)?;
        self.write_db(|db| {
            require_owner(db, actor, id)?;
            db.execute(
                "UPDATE protocols SET archived_at = ?2 WHERE id = ?1",
                sql_params![id, Utc::now().to_rfc3339()],
            )?;
            audit::record(
                db,
                Some(actor),
                Action::Archive,
                "protocol",
                Some(id.to_string()),
            )
        })
    }
}

fn require_owner(db: &Db<'_>, actor: &Actor, id: ProtocolId) -> Result<()> {
    let owner: Option<Option<UserId>> = db
        .query_opt(
            "SELECT owner_id FROM protocols WHERE id = ?1 AND archived_at IS NULL",
            sql_params![id],
        )?
        .map(|r| r.get("owner_id"))
        .transpose()?;
    match owner {
        None => Err(Error::NotFound(format!("Protocol {id}"))),
        Some(None) => Err(Error::Conflict(
            "Protocols shipped with AcuChart cannot be changed; save a copy as your own."
                .to_owned(),
        )),
        Some(Some(owner)) if owner != actor.user_id() => Err(Error::Conflict(
            "Only the practitioner who made this protocol can change it; save a copy as your own."
                .to_owned(),
        )),
        Some(Some(_)) => Ok(()),
    }
}
