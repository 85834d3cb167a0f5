//! Staff accounts and signing in. Full user management (disable, reset, lockout) builds on this.

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::{hash_password, verify_password, Actor, Operation, Role, MIN_PASSWORD_LEN};
use crate::clinic::Clinic;
use crate::error::{Error, FieldError, Result};
use crate::ids::UserId;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<Role>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UserSummary {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

/// Checks a new account's fields, collecting every problem at once for the form.
pub(crate) fn validate(user: &NewUser, prefix: &str) -> Vec<FieldError> {
    let field = |name: &str| format!("{prefix}{name}");
    let mut errors = Vec::new();
    let username = user.username.trim();
    if username.is_empty() {
        errors.push(FieldError::new(
            &field("username"),
            "Enter a user name for signing in.",
        ));
    } else if username.len() > 64
        || !username
            .chars()
            .all(|c| c.is_alphanumeric() || "._-@".contains(c))
    {
        errors.push(FieldError::new(
            &field("username"),
            "User names use letters, digits and . _ - @ only (up to 64 characters).",
        ));
    }
    if user.display_name.trim().is_empty() {
        errors.push(FieldError::new(
            &field("display_name"),
            "Enter the person's full name.",
        ));
    }
    if user.password.chars().count() < MIN_PASSWORD_LEN {
        errors.push(FieldError::new(
            &field("password"),
            format!("Choose a password of at least {MIN_PASSWORD_LEN} characters."),
        ));
    }
    if user.roles.is_empty() {
        errors.push(FieldError::new(
            &field("roles"),
            "Give the account at least one role.",
        ));
    }
    errors
}

pub(crate) fn insert(conn: &Connection, user: &NewUser) -> Result<UserId> {
    let username = user.username.trim();
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1)",
        [username],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(
            "username",
            format!("The user name {username:?} is already in use."),
        ));
    }
    conn.execute(
        "INSERT INTO users (username, display_name, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
        (
            username,
            user.display_name.trim(),
            hash_password(&user.password)?,
            Utc::now().to_rfc3339(),
        ),
    )?;
    let id = UserId(conn.last_insert_rowid());
    for role in &user.roles {
        conn.execute(
            "INSERT OR IGNORE INTO user_roles (user_id, role) VALUES (?1, ?2)",
            (id, role.as_str()),
        )?;
    }
    Ok(id)
}

fn roles_of(conn: &Connection, id: UserId) -> Result<Vec<Role>> {
    let mut stmt = conn.prepare_cached("SELECT role FROM user_roles WHERE user_id = ?1")?;
    let names = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    names
        .iter()
        .map(|n| {
            Role::parse(n).ok_or_else(|| Error::Internal(format!("unknown stored role {n:?}")))
        })
        .collect()
}

/// A hash of a throwaway password, verified when the user name is unknown so that a wrong
/// name and a wrong password take the same time.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not-a-real-password").unwrap_or_default())
}

impl Clinic {
    pub fn login(&self, username: &str, password: &str) -> Result<Actor> {
        let found = self.read(|c| {
            Ok(c.query_row(
                "SELECT id, username, display_name, password_hash FROM users
                 WHERE username = ?1 AND disabled_at IS NULL",
                [username.trim()],
                |r| {
                    Ok((
                        UserId(r.get(0)?),
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()?)
        })?;
        let Some((id, name, display, hash)) = found else {
            let _ = verify_password(password, dummy_hash());
            self.write(|tx| audit::record(tx, None, Action::LoginFailed, "user", None))?;
            return Err(Error::InvalidCredentials);
        };
        if !verify_password(password, &hash)? {
            self.write(|tx| {
                audit::record(tx, None, Action::LoginFailed, "user", Some(id.to_string()))
            })?;
            return Err(Error::InvalidCredentials);
        }
        let roles = self.read(|c| roles_of(c, id))?;
        let actor = Actor::new(id, name, display, roles);
        self.write(|tx| {
            audit::record(
                tx,
                Some(&actor),
                Action::Login,
                "user",
                Some(id.to_string()),
            )
        })?;
        Ok(actor)
    }

    /// Every staff account, by name.
    pub fn list_users(&self, actor: &Actor) -> Result<Vec<UserSummary>> {
        actor.require(Operation::ListUsers)?;
        self.read(|c| {
            let mut stmt = c.prepare(
                "SELECT id, username, display_name FROM users ORDER BY display_name COLLATE NOCASE",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok((
                        UserId(r.get(0)?),
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            rows.into_iter()
                .map(|(id, username, display_name)| {
                    Ok(UserSummary {
                        id,
                        username,
                        display_name,
                        roles: roles_of(c, id)?,
                    })
                })
                .collect()
        })
    }

    pub fn create_user(&self, actor: &Actor, user: NewUser) -> Result<UserSummary> {
        actor.require(Operation::CreateUser)?;
        let errors = validate(&user, "");
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| {
            let id = insert(tx, &user)?;
            audit::record(
                tx,
                Some(actor),
                Action::Create,
                "user",
                Some(id.to_string()),
            )?;
            Ok(UserSummary {
                id,
                username: user.username.trim().to_owned(),
                display_name: user.display_name.trim().to_owned(),
                roles: roles_of(tx, id)?,
            })
        })
    }
}
