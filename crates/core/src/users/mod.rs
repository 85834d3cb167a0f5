//! Staff accounts: creating and listing them here; signing in and the wait after failed
//! attempts in [`login`]; disabling, password resets, roles and own-password changes in
//! [`manage`]. Accounts are never deleted: notes keep their author.

pub(crate) mod login;
mod manage;

pub use login::{wait_after_failures, FAILURES_BEFORE_WAIT};

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::{hash_password, Actor, Operation, Role, MIN_PASSWORD_LEN};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, FieldError, Result};
use crate::ids::UserId;
use crate::sql_params;

#[derive(Default, Debug, Clone, Deserialize, TS)]
#[serde(deny_unknown_fields)]
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
    match crate::text::check("The full name", &user.display_name, crate::text::NAME) {
        Ok(Some(_)) => {}
        Ok(None) => errors.push(FieldError::new(
            &field("display_name"),
            "Enter the person's full name.",
        )),
        Err(problem) => errors.push(FieldError::new(&field("display_name"), problem)),
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

pub(crate) fn insert<'c>(db: impl Into<Db<'c>>, user: &NewUser) -> Result<UserId> {
    let db = db.into();
    let username = user.username.trim();
    let taken: bool = db
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1) AS taken",
            sql_params![username],
        )?
        .get("taken")?;
    if taken {
        return Err(Error::invalid(
            "username",
            format!("The user name {username:?} is already in use."),
        ));
    }
    let id = UserId(db.insert_returning_id(
        "INSERT INTO users (username, display_name, password_hash, created_at)
         VALUES (?1, ?2, ?3, ?4) RETURNING id",
        sql_params![
            username,
            user.display_name.trim(),
            hash_password(&user.password)?,
            Utc::now().to_rfc3339()
        ],
    )?);
    for role in &user.roles {
        db.execute(
            "INSERT INTO user_roles (user_id, role) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
            sql_params![id, role.as_str()],
        )?;
    }
    Ok(id)
}

pub(crate) fn roles_of<'c>(db: impl Into<Db<'c>>, id: UserId) -> Result<Vec<Role>> {
    let rows = db.into().query(
        "SELECT role FROM user_roles WHERE user_id = ?1 ORDER BY role",
        sql_params![id],
    )?;
    let mut roles = rows
        .iter()
        .map(|r| {
            let n: String = r.get("role")?;
            Role::parse(&n)
                .ok_or_else(|| Error::Internal(format!("user {id} has an unknown role {n:?}")))
        })
        .collect::<Result<Vec<_>>>()?;
    roles.sort();
    Ok(roles)
}

const SUMMARY_SQL: &str = "SELECT u.id, u.username, u.display_name, u.disabled_at, f.wait_until
     FROM users u LEFT JOIN login_failures f ON f.username = u.username";

fn summary_row(db: &Db<'_>, r: &Row) -> Result<UserSummary> {
    let id: UserId = r.get("id")?;
    let wait_until: Option<String> = r.get("wait_until")?;
    let now = Utc::now().to_rfc3339();
    Ok(UserSummary {
        id,
        username: r.get("username")?,
        display_name: r.get("display_name")?,
        roles: roles_of(db, id)?,
        disabled_at: r.get("disabled_at")?,
        // A wait that is over is not worth showing.
        wait_until: wait_until.filter(|until| *until > now),
    })
}

pub(crate) fn load_summary<'c>(db: impl Into<Db<'c>>, id: UserId) -> Result<UserSummary> {
    let db = db.into();
    match db.query_opt(&format!("{SUMMARY_SQL} WHERE u.id = ?1"), sql_params![id])? {
        Some(r) => summary_row(&db, &r),
        None => Err(Error::NotFound(format!("Staff account {id}"))),
    }
}

fn find_by_username(db: &Db<'_>, username: &str) -> Result<Option<UserId>> {
    db.query_opt(
        "SELECT id FROM users WHERE username = ?1",
        sql_params![username.trim()],
    )?
    .map(|r| r.get("id"))
    .transpose()
}

impl Clinic {
    /// Every staff account, by name, disabled ones included (they keep authoring old notes).
    pub fn list_users(&self, actor: &Actor) -> Result<Vec<UserSummary>> {
        actor.require(Operation::ListUsers)?;
        self.read_db(|db| {
            db.query(
                &format!("{SUMMARY_SQL} ORDER BY lower(u.display_name), u.id"),
                sql_params![],
            )?
            .iter()
            .map(|r| summary_row(db, r))
            .collect()
        })
    }

    /// One account by its user name (for the CLI, which names accounts as people do).
    pub fn user_by_username(&self, actor: &Actor, username: &str) -> Result<UserSummary> {
        actor.require(Operation::ListUsers)?;
        self.read_db(|db| match find_by_username(db, username)? {
            Some(id) => load_summary(db, id),
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
        self.write_db(|db| {
            let id = insert(db, &user)?;
            audit::record(
                db,
                Some(actor),
                Action::Create,
                "user",
                Some(id.to_string()),
            )?;
            load_summary(db, id)
        })
    }
}

/// Whether the account still exists, is enabled, and has not been signed out everywhere
/// since `epoch` (a password change or an admin's reset ends older sessions).
pub(crate) fn session_is_current<'c>(
    db: impl Into<Db<'c>>,
    id: UserId,
    epoch: i64,
) -> Result<bool> {
    match db.into().query_opt(
        "SELECT disabled_at IS NULL AND session_epoch = ?2 AS current FROM users WHERE id = ?1",
        sql_params![id, epoch],
    )? {
        Some(row) => row.get("current"),
        None => Ok(false),
    }
}

/// How many accounts have a username starting with `prefix` (letters, digits and `-` only).
pub(crate) fn count_with_username_prefix<'c>(db: impl Into<Db<'c>>, prefix: &str) -> Result<i64> {
    db.into()
        .query_one(
            "SELECT count(*) AS matching FROM users
             WHERE substr(username, 1, length(CAST(?1 AS TEXT))) = ?1",
            sql_params![prefix],
        )?
        .get("matching")
}
