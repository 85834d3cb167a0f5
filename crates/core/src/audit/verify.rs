//! Checking the log: the whole hash chain, then the head kept outside the database.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::anchor::{self, Anchor, Head};
use super::{chain_hash, Action, Row, GENESIS};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::Result;
use crate::sql_params;

/// What the head kept beside the database says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AnchorStatus {
    /// The anchored row is in the log, unchanged (rows after it are newer writes).
    Matched,
    /// The anchored row is gone or different: rows were removed from the end or rewritten.
    Mismatch,
    /// No anchor file: removal of the newest rows cannot be checked.
    Missing,
    /// The anchor file is damaged.
    Unreadable,
    /// Not compared, because the chain itself is already broken.
    NotChecked,
    /// A clinic server's database: it refuses every change and removal of audit rows itself
    /// (triggers, and no such privilege for the app's role), so no copy of the head is kept.
    Guarded,
}

/// The result of checking the chain: how many rows, and the first one that does not fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditVerification {
    pub rows_checked: i64,
    /// The id of the first row whose hash or position does not fit the chain (or, when rows
    /// were removed from the end, the first missing id).
    pub first_broken_id: Option<i64>,
    pub problem: Option<String>,
    pub anchor: AnchorStatus,
    /// How many rows the anchor outside the database vouches for.
    pub anchored_rows: Option<i64>,
    /// A warning that does not mean the chain is broken (e.g. no anchor file).
    pub note: Option<String>,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.first_broken_id.is_none()
    }
}

struct ChainCheck {
    checked: i64,
    broken: Option<(i64, String)>,
    head: Option<Head>,
}

/// Walks the log in id order; stops at the first row that does not fit.
fn check_chain(db: &Db<'_>) -> Result<ChainCheck> {
    let mut prev = GENESIS.to_owned();
    let mut checked = 0;
    let mut broken: Option<(i64, String)> = None;
    db.for_each(
        "SELECT id, at, user_id, action, entity, entity_id, patient_id, hash
         FROM audit_log ORDER BY id",
        sql_params![],
        |r| {
            if broken.is_some() {
                return Ok(());
            }
            let id: i64 = r.get("id")?;
            let (at, action, entity, hash): (String, String, String, String) = (
                r.get("at")?,
                r.get("action")?,
                r.get("entity")?,
                r.get("hash")?,
            );
            let entity_id: Option<String> = r.get("entity_id")?;
            let row = Row {
                id,
                at: &at,
                user_id: r.get("user_id")?,
                action: &action,
                entity: &entity,
                entity_id: entity_id.as_deref(),
                patient_id: r.get("patient_id")?,
            };
            let expected_id = checked + 1;
            let problem = if id != expected_id {
                Some(format!(
                    "row {id} follows row {}: rows {expected_id}–{} are missing",
                    expected_id - 1,
                    id - 1
                ))
            } else if chain_hash(&prev, &row) != hash {
                Some(format!(
                    "row {id} was changed, or inserted by hand: its hash does not match"
                ))
            } else if Action::parse(&action).is_none() {
                Some(format!("row {id} records an unknown action {action:?}"))
            } else {
                None
            };
            match problem {
                Some(problem) => broken = Some((id, problem)),
                None => {
                    prev = hash;
                    checked += 1;
                }
            }
            Ok(())
        },
    )?;
    let head = (broken.is_none() && checked > 0).then_some(Head {
        rows: checked,
        hash: prev,
    });
    Ok(ChainCheck {
        checked,
        broken,
        head,
    })
}

/// Checks the chain, then the head kept beside the database file (`file`; `None` for a clinic
/// server's database, where the database itself refuses to change or remove audit rows).
pub(crate) fn verify(db: &Db<'_>, file: Option<&Path>) -> Result<AuditVerification> {
    let chain = check_chain(db)?;
    let mut out = AuditVerification {
        rows_checked: chain.checked,
        first_broken_id: None,
        problem: None,
        anchor: AnchorStatus::NotChecked,
        anchored_rows: None,
        note: None,
    };
    if let Some((id, problem)) = chain.broken {
        out.first_broken_id = Some(id);
        out.problem = Some(problem);
        return Ok(out);
    }
    let Some(file) = file else {
        out.anchor = AnchorStatus::Guarded;
        return Ok(out);
    };
    let Some(conn) = db.as_sqlite() else {
        return Err(crate::error::Error::Internal(
            "an anchor file beside a database that is not a file".into(),
        ));
    };
    match anchor::read(file) {
        Anchor::Missing => {
            out.anchor = AnchorStatus::Missing;
            out.note = Some(
                "The copy of the log's head kept beside the database is missing, so removal of \
                 the newest rows cannot be checked. It is written again on the next change."
                    .into(),
            );
        }
        Anchor::Unreadable(why) => {
            out.anchor = AnchorStatus::Unreadable;
            out.note = Some(format!(
                "The copy of the log's head could not be used: {why}."
            ));
        }
        Anchor::Found(anchored) => {
            out.anchored_rows = Some(anchored.rows);
            let rows = chain.head.as_ref().map_or(0, |h| h.rows);
            if anchored.rows > rows {
                out.anchor = AnchorStatus::Mismatch;
                out.first_broken_id = Some(rows + 1);
                out.problem = Some(format!(
                    "rows {}–{} were removed from the end of the log: the head kept outside the \
                     database names row {}",
                    rows + 1,
                    anchored.rows,
                    anchored.rows
                ));
            } else if !anchor::still_in_chain(conn, &anchored)? {
                out.anchor = AnchorStatus::Mismatch;
                out.first_broken_id = Some(anchored.rows);
                out.problem = Some(format!(
                    "row {} differs from the head kept outside the database: the log was \
                     rewritten from that row or earlier",
                    anchored.rows
                ));
            } else {
                out.anchor = AnchorStatus::Matched;
            }
        }
    }
    Ok(out)
}

impl Clinic {
    /// Recomputes the whole chain, then compares its head with the anchor kept outside the
    /// database.
    pub fn verify_audit(&self, actor: &Actor) -> Result<AuditVerification> {
        actor.require(Operation::VerifyAudit)?;
        let file = self.path();
        self.read_db(|db| verify(db, file))
    }

    /// Accepts the log's current head as the new anchor, after an admin checked why they
    /// differ (a database restored from a backup has fewer rows than the anchor remembers).
    /// Refused while the chain itself is broken.
    pub fn reset_audit_anchor(&self, actor: &Actor) -> Result<AuditVerification> {
        actor.require(Operation::VerifyAudit)?;
        let file = self.db_file()?;
        let chain = self.read_db(check_chain)?;
        if let Some((id, problem)) = chain.broken {
            return Err(crate::error::Error::Conflict(format!(
                "The audit log's chain is broken at row {id} ({problem}); the anchor is kept."
            )));
        }
        anchor::remove(file)?;
        self.write(|tx| super::record(tx, Some(actor), Action::ResetAnchor, "audit_log", None))?;
        self.verify_audit(actor)
    }
}
