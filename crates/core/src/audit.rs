//! The audit log: every service that reads or changes a record writes one row here in the
//! same transaction. Rows name the record, never its clinical content. Rows are chained by
//! SHA-256 (each hash covers the row and the previous hash), and triggers refuse UPDATE and
//! DELETE, so tampering by hand shows up in [`Clinic::verify_audit`].

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::Result;

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    SetUp,
    Login,
    LoginFailed,
    Create,
    Read,
    Update,
    Archive,
    Unarchive,
    Merge,
    LoadDemo,
    Delete,
    Sign,
    AddAddendum,
    Cancel,
    Export,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::SetUp => "set_up",
            Action::Login => "login",
            Action::LoginFailed => "login_failed",
            Action::Create => "create",
            Action::Read => "read",
            Action::Update => "update",
            Action::Archive => "archive",
            Action::Unarchive => "unarchive",
            Action::Merge => "merge",
            Action::LoadDemo => "load_demo",
            Action::Delete => "delete",
            Action::Sign => "sign",
            Action::AddAddendum => "add_addendum",
            Action::Cancel => "cancel",
            Action::Export => "export",
        }
    }
}

struct Row<'a> {
    id: i64,
    at: &'a str,
    user_id: Option<i64>,
    action: &'a str,
    entity: &'a str,
    entity_id: Option<&'a str>,
}

/// The hash of one row given the previous row's hash. Fields are length-prefixed so that no
/// two different rows can produce the same input.
fn chain_hash(prev: &str, row: &Row<'_>) -> String {
    let mut h = Sha256::new();
    let user = row.user_id.map(|u| u.to_string()).unwrap_or_default();
    let entity_id = row.entity_id.unwrap_or("\u{0}");
    for part in [
        prev,
        &row.id.to_string(),
        row.at,
        &user,
        row.action,
        row.entity,
        entity_id,
    ] {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

pub(crate) fn record(
    conn: &Connection,
    actor: Option<&Actor>,
    action: Action,
    entity: &str,
    entity_id: Option<String>,
) -> Result<()> {
    let last: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (last_id, prev) = last.unwrap_or((0, GENESIS.to_owned()));
    let at = Utc::now().to_rfc3339();
    let row = Row {
        id: last_id + 1,
        at: &at,
        user_id: actor.map(|a| a.user_id().0),
        action: action.as_str(),
        entity,
        entity_id: entity_id.as_deref(),
    };
    conn.execute(
        "INSERT INTO audit_log (id, at, user_id, action, entity, entity_id, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (row.id, row.at, row.user_id, row.action, row.entity, row.entity_id, chain_hash(&prev, &row)),
    )?;
    Ok(())
}

/// The result of checking the chain: how many rows, and the first one that does not fit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditVerification {
    pub rows_checked: i64,
    /// The id of the first row whose hash or position does not fit the chain.
    pub first_broken_id: Option<i64>,
    pub problem: Option<String>,
}

pub(crate) fn verify(conn: &Connection) -> Result<AuditVerification> {
    let mut stmt = conn.prepare(
        "SELECT id, at, user_id, action, entity, entity_id, hash FROM audit_log ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut expected_id = 1;
    let mut checked = 0;
    while let Some(r) = rows.next()? {
        let (id, at, user_id, action, entity, entity_id, hash): (
            i64,
            String,
            Option<i64>,
            String,
            String,
            Option<String>,
            String,
        ) = (
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        );
        let broken = |problem: String| AuditVerification {
            rows_checked: checked,
            first_broken_id: Some(id),
            problem: Some(problem),
        };
        if id != expected_id {
            return Ok(broken(format!(
                "row {id} follows row {}: rows {expected_id}–{} are missing",
                expected_id - 1,
                id - 1
            )));
        }
        let row = Row {
            id,
            at: &at,
            user_id,
            action: &action,
            entity: &entity,
            entity_id: entity_id.as_deref(),
        };
        if chain_hash(&prev, &row) != hash {
            return Ok(broken(format!(
                "row {id} was changed, or inserted by hand: its hash does not match"
            )));
        }
        prev = hash;
        expected_id += 1;
        checked += 1;
    }
    Ok(AuditVerification {
        rows_checked: checked,
        first_broken_id: None,
        problem: None,
    })
}

impl Clinic {
    /// Recomputes the whole chain. The last row's removal is not detectable by the chain
    /// alone; anchoring the head outside the database comes with the audit screen.
    pub fn verify_audit(&self, actor: &Actor) -> Result<AuditVerification> {
        actor.require(Operation::VerifyAudit)?;
        self.read(verify)
    }
}
