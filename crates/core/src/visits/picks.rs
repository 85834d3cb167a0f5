//! The points a practitioner reaches for: favourites they star and the ones they used most
//! recently, shown in the picker before anything is typed.

use serde::Serialize;
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::Result;
use crate::ids::UserId;
use crate::points::{self, Point};
use crate::sql_params;

/// How many of the practitioner's latest notes "recently used" looks at: enough for a week's
/// work, few enough to stay fast however long the clinic has run.
const RECENT_NOTES: i64 = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PointPicks {
    /// Starred points, in catalogue order.
    pub favourites: Vec<Point>,
    /// Points from the practitioner's latest notes, most recently used first.
    pub recent: Vec<Point>,
}

fn favourite_codes(db: &Db<'_>, user: UserId) -> Result<Vec<String>> {
    db.query(
        "SELECT point_code FROM point_favourites WHERE user_id = ?1 ORDER BY point_code",
        sql_params![user],
    )?
    .into_iter()
    .map(|r| r.get("point_code"))
    .collect()
}

fn recent_codes(db: &Db<'_>, user: UserId, limit: usize) -> Result<Vec<String>> {
    let rows = db.query(
        "SELECT p.point_code FROM
            (SELECT id, visit_date FROM visit_notes WHERE practitioner_id = ?1
             ORDER BY visit_date DESC, id DESC LIMIT ?2) n
         JOIN visit_points p ON p.note_id = n.id
         ORDER BY n.visit_date DESC, n.id DESC, p.position",
        sql_params![user, RECENT_NOTES],
    )?;
    let mut out: Vec<String> = Vec::new();
    for r in rows {
        let code: String = r.get("point_code")?;
        if !out.contains(&code) {
            out.push(code);
            if out.len() == limit {
                break;
            }
        }
    }
    Ok(out)
}

/// Catalogue entries for stored codes; a code the catalogue no longer has is skipped (it is
/// still shown on the notes that used it).
fn resolve_all(codes: &[String]) -> Vec<Point> {
    codes
        .iter()
        .filter_map(|c| points::resolve_code(c).ok().cloned())
        .collect()
}

impl Clinic {
    pub fn point_picks(&self, actor: &Actor, recent_limit: usize) -> Result<PointPicks> {
        actor.require(Operation::WriteVisitNotes)?;
        self.read_db(|db| {
            let mut favourites = resolve_all(&favourite_codes(db, actor.user_id())?);
            let order = |p: &Point| {
                points::catalogue()
                    .ok()
                    .and_then(|all| all.iter().position(|q| q.code == p.code))
            };
            favourites.sort_by_key(order);
            let recent = resolve_all(&recent_codes(db, actor.user_id(), recent_limit)?);
            Ok(PointPicks { favourites, recent })
        })
    }

    /// Stars or un-stars a point for the acting practitioner (aliases resolve: `ub40`).
    pub fn set_point_favourite(
        &self,
        actor: &Actor,
        code: &str,
        favourite: bool,
    ) -> Result<PointPicks> {
        actor.require(Operation::WriteVisitNotes)?;
        let point = points::resolve_code(code)?;
        self.write_db(|db| {
            if favourite {
                db.execute(
                    "INSERT INTO point_favourites (user_id, point_code) VALUES (?1, ?2)
                     ON CONFLICT (user_id, point_code) DO NOTHING",
                    sql_params![actor.user_id(), point.code],
                )?;
            } else {
                db.execute(
                    "DELETE FROM point_favourites WHERE user_id = ?1 AND point_code = ?2",
                    sql_params![actor.user_id(), point.code],
                )?;
            }
            audit::record(
                db,
                Some(actor),
                Action::Update,
                "point_favourites",
                Some(actor.user_id().to_string()),
            )
        })?;
        self.point_picks(actor, 12)
    }
}
