//! The audit log's seam: every service that reads or changes a record writes one row here in
//! the same transaction. Rows name the record, never its clinical content.

use chrono::Utc;
use rusqlite::Connection;

use crate::auth::Actor;
use crate::error::Result;

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
        }
    }
}

pub(crate) fn record(
    conn: &Connection,
    actor: Option<&Actor>,
    action: Action,
    entity: &str,
    entity_id: Option<String>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, user_id, action, entity, entity_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        (
            Utc::now().to_rfc3339(),
            actor.map(Actor::user_id),
            action.as_str(),
            entity,
            entity_id,
        ),
    )?;
    Ok(())
}
