//! What admins change on staff accounts (disable, enable, reset a password, roles), and every
//! user's own password. Changes that should end a person's open session bump its epoch.

use chrono::Utc;

use super::login::{account, clear_failures, count_failure, password_matches, seconds_to_wait};
use super::{load_summary, password_problem, UserSummary};
use crate::audit::{self, Action};
use crate::auth::{hash_password, Actor, Operation, Role};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::sql_params;

fn end_sessions(db: &Db<'_>, id: UserId) -> Result<()> {
    db.execute(
        "UPDATE users SET session_epoch = session_epoch + 1 WHERE id = ?1",
        sql_params![id],
    )?;
    Ok(())
}

fn refuse_self(actor: &Actor, id: UserId, what: &str) -> Result<()> {
    if actor.user_id() == id {
        return Err(Error::Conflict(format!(
            "You cannot {what} your own account; ask another admin."
        )));
    }
    Ok(())
}

impl Clinic {
    /// Disables (or re-enables) an account. A disabled account cannot sign in and its open
    /// session ends on its next request; nothing it wrote changes.
    pub fn set_user_disabled(
        &self,
        actor: &Actor,
        id: UserId,
        disabled: bool,
    ) -> Result<UserSummary> {
        actor.require(Operation::DisableUser)?;
        if disabled {
            refuse_self(actor, id, "disable")?;
        }
        self.write_db(|tx| {
            let current = load_summary(tx, id)?;
            if current.disabled_at.is_some() == disabled {
                return Ok(current);
            }
            tx.execute(
                "UPDATE users SET disabled_at = ?2 WHERE id = ?1",
                sql_params![id, disabled.then(|| Utc::now().to_rfc3339())],
            )?;
            if disabled {
                end_sessions(tx, id)?;
            }
            let action = if disabled {
                Action::Disable
            } else {
                Action::Enable
            };
            audit::record(tx, Some(actor), action, "user", Some(id.to_string()))?;
            load_summary(tx, id)
        })
    }

    /// Sets a new password for someone who forgot theirs; ends their open session and clears
    /// any wait after failed sign-ins.
    pub fn reset_user_password(&self, actor: &Actor, id: UserId, password: &str) -> Result<()> {
        actor.require(Operation::ResetUserPassword)?;
        if actor.user_id() == id {
            return Err(Error::Conflict(
                "To change your own password, use Change password (it asks for the current one)."
                    .into(),
            ));
        }
        if let Some(problem) = password_problem(password) {
            return Err(Error::invalid("password", problem));
        }
        let hash = hash_password(password)?;
        self.write_db(|tx| {
            let user = load_summary(tx, id)?;
            tx.execute(
                "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                sql_params![id, hash],
            )?;
            end_sessions(tx, id)?;
            clear_failures(tx, &user.username)?;
            audit::record(
                tx,
                Some(actor),
                Action::ResetPassword,
                "user",
                Some(id.to_string()),
            )
        })
    }

    /// Replaces an account's roles. Its open session ends so that the new roles apply from
    /// the next sign-in; an admin cannot remove their own admin role.
    pub fn set_user_roles(&self, actor: &Actor, id: UserId, roles: &[Role]) -> Result<UserSummary> {
        actor.require(Operation::ChangeUserRoles)?;
        if roles.is_empty() {
            return Err(Error::invalid(
                "roles",
                "Give the account at least one role.",
            ));
        }
        if actor.user_id() == id && !roles.contains(&Role::Admin) {
            return Err(Error::invalid(
                "roles",
                "You cannot remove your own admin role; ask another admin.",
            ));
        }
        self.write_db(|tx| {
            let current = load_summary(tx, id)?;
            let mut wanted = roles.to_vec();
            wanted.sort();
            wanted.dedup();
            if current.roles == wanted {
                return Ok(current);
            }
            tx.execute("DELETE FROM user_roles WHERE user_id = ?1", sql_params![id])?;
            for role in &wanted {
                tx.execute(
                    "INSERT INTO user_roles (user_id, role) VALUES (?1, ?2)",
                    sql_params![id, role.as_str()],
                )?;
            }
            if actor.user_id() != id {
                end_sessions(tx, id)?;
            }
            audit::record(
                tx,
                Some(actor),
                Action::ChangeRoles,
                "user",
                Some(id.to_string()),
            )?;
            load_summary(tx, id)
        })
    }

    /// Changes the actor's own password; the current one must be given (a wrong one counts as
    /// a failed sign-in, so an unlocked screen cannot be used to guess it).
    pub fn change_own_password(&self, actor: &Actor, current: &str, new: &str) -> Result<()> {
        actor.require(Operation::ChangeOwnPassword)?;
        let now = Utc::now();
        let name = actor.username();
        let (wait, found) =
            self.read_db(|db| Ok((seconds_to_wait(db, name, now)?, account(db, name)?)))?;
        if let Some(wait_seconds) = wait {
            return Err(Error::TooManyAttempts { wait_seconds });
        }
        if !password_matches(found.as_ref(), current)? {
            let wait = self.write_db(|tx| {
                let wait = count_failure(tx, name, now)?;
                audit::record(
                    tx,
                    Some(actor),
                    Action::LoginFailed,
                    "user",
                    Some(actor.user_id().to_string()),
                )?;
                Ok(wait)
            })?;
            return Err(match wait {
                Some(wait_seconds) => Error::TooManyAttempts { wait_seconds },
                None => Error::invalid("current_password", "That is not your current password."),
            });
        }
        if let Some(problem) = password_problem(new) {
            return Err(Error::invalid("new_password", problem));
        }
        if new == current {
            return Err(Error::invalid(
                "new_password",
                "Choose a password different from the current one.",
            ));
        }
        let hash = hash_password(new)?;
        self.write_db(|tx| {
            tx.execute(
                "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                sql_params![actor.user_id(), hash],
            )?;
            clear_failures(tx, name)?;
            audit::record(
                tx,
                Some(actor),
                Action::ChangePassword,
                "user",
                Some(actor.user_id().to_string()),
            )
        })
    }
}
