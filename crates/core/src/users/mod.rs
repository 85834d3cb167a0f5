//! Staff accounts: creating and listing them here; signing in and the wait after failed
//! attempts in [`login`]; disabling, password resets, roles and own-password changes in
//! [`manage`]. Accounts are never deleted: notes keep their author.

pub(crate) mod login;
mod manage;

pub use login::{wait_after_failures, FAILURES_BEFORE_WAIT};

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::{hash_password, Actor, Operation, Role, MIN_PASSWORD_LEN};
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
    /// When an admin disabled the account (it cannot sign in); `None` while it is active.
    pub disabled_at: Option<String>,
    /// Set while sign-ins with this user name wait after repeated failures (RFC 3339 UTC).
    pub wait_until: Option<String>,
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
    if let Some(problem) = password_problem(&user.password) {
        errors.push(FieldError::new(&field("password"), problem));
    }
    if user.roles.is_empty() {
        errors.push(FieldError::new(
            &field("roles"),
            "Give the account at least one role.",
        ));
    }
    errors
}

/// Why a new password cannot be used, if it cannot.
pub(crate) fn password_problem(password: &str) -> Option<String> {
    (password.chars().count() < MIN_PASSWORD_LEN)
        .then(|| format!("Choose a password of at least {MIN_PASSWORD_LEN} characters."))
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

pub(crate) fn roles_of(conn: &Connection, id: UserId) -> Result<Vec<Role>> {
    let mut stmt =
        conn.prepare_cached("SELECT role FROM user_roles WHERE user_id = ?1 ORDER BY role")?;
    let names = stmt
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut roles = names
        .iter()
        .map(|n| {
            Role::parse(n)
                .ok_or_else(|| Error::Internal(format!("user {id} has an unknown role {n:?}")))
        })
        .collect::<Result<Vec<_>>>()?;
    roles.sort();
    Ok(roles)
}

const SUMMARY_SQL: &str = "SELECT u.id, u.username, u.display_name, u.disabled_at, f.wait_until
     FROM users u LEFT JOIN login_failures f ON f.username = u.username";

fn summary_row(conn: &Connection, r: &rusqlite::Row<'_>) -> Result<UserSummary> {
    let id = UserId(r.get(0)?);
    let wait_until: Option<String> = r.get(4)?;
    let now = Utc::now().to_rfc3339();
    Ok(UserSummary {
        id,
        username: r.get(1)?,
        display_name: r.get(2)?,
        roles: roles_of(conn, id)?,
        disabled_at: r.get(3)?,
        // A wait that is over is not worth showing.
        wait_until: wait_until.filter(|until| *until > now),
    })
}

pub(crate) fn load_summary(conn: &Connection, id: UserId) -> Result<UserSummary> {
    let mut stmt = conn.prepare_cached(&format!("{SUMMARY_SQL} WHERE u.id = ?1"))?;
    let mut rows = stmt.query([id])?;
    match rows.next()? {
        Some(r) => summary_row(conn, r),
        None => Err(Error::NotFound(format!("Staff account {id}"))),
    }
}

fn find_by_username(conn: &Connection, username: &str) -> Result<Option<UserId>> {
    Ok(conn
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [username.trim()],
            |r| r.get(0).map(UserId),
        )
        .optional()?)
}

impl Clinic {
    /// Every staff account, by name, disabled ones included (they keep authoring old notes).
    pub fn list_users(&self, actor: &Actor) -> Result<Vec<UserSummary>> {
        actor.require(Operation::ListUsers)?;
        self.read(|c| {
            let mut stmt = c.prepare(&format!(
                "{SUMMARY_SQL} ORDER BY u.display_name COLLATE NOCASE"
            ))?;
            let mut rows = stmt.query([])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(summary_row(c, r)?);
            }
            Ok(out)
        })
    }

    /// One account by its user name (for the CLI, which names accounts as people do).
    pub fn user_by_username(&self, actor: &Actor, username: &str) -> Result<UserSummary> {
        actor.require(Operation::ListUsers)?;
        self.read(|c| match find_by_username(c, username)? {
            Some(id) => load_summary(c, id),
            None => Err(Error::NotFound(format!(
                "A staff account named {:?}",
                username.trim()
            ))),
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
            load_summary(tx, id)
        })
    }
}
