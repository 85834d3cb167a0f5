use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::permissions::{allowed_roles, Operation};
use crate::error::{Error, Result};
use crate::ids::UserId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Practitioner,
    Receptionist,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Practitioner, Role::Receptionist];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Practitioner => "practitioner",
            Role::Receptionist => "receptionist",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A signed-in staff member. Only the core creates actors (from a successful login), so the
/// shell and the CLI cannot invent roles; a person may hold several roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Actor {
    user_id: UserId,
    username: String,
    display_name: String,
    roles: Vec<Role>,
    /// The account's session epoch when this actor signed in; a session whose epoch no longer
    /// matches the account's (disabled, password reset) is ended.
    #[serde(skip)]
    #[ts(skip)]
    session_epoch: i64,
}

impl Actor {
    pub(crate) fn new(
        user_id: UserId,
        username: String,
        display_name: String,
        mut roles: Vec<Role>,
        session_epoch: i64,
    ) -> Self {
        roles.sort();
        roles.dedup();
        Self {
            user_id,
            username,
            display_name,
            roles,
            session_epoch,
        }
    }

    pub(crate) fn session_epoch(&self) -> i64 {
        self.session_epoch
    }

    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn may(&self, op: Operation) -> bool {
        allowed_roles(op).iter().any(|r| self.has_role(*r))
    }

    /// Every operation this actor may call, so the UI can hide what it cannot use.
    pub fn permissions(&self) -> Vec<Operation> {
        Operation::ALL
            .iter()
            .copied()
            .filter(|op| self.may(*op))
            .collect()
    }

    /// The permission check every service makes first.
    pub fn require(&self, op: Operation) -> Result<()> {
        if self.may(op) {
            Ok(())
        } else {
            Err(Error::PermissionDenied(op.describe()))
        }
    }
}
