//! Signing in. The answer never tells whether a user name exists: an unknown name, a disabled
//! account and a wrong password get the same message after the same work (one argon2id
//! verification), and the wait after repeated failures is kept by the name as typed, so an
//! unknown name waits exactly as a real one does.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::roles_of;
use crate::audit::{self, Action};
use crate::auth::{hash_password, verify_password, Actor};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::ids::UserId;
use crate::sql_params;

/// Failures allowed before the first wait.
pub const FAILURES_BEFORE_WAIT: i64 = 5;
const FIRST_WAIT_SECONDS: u64 = 30;
const LONGEST_WAIT_SECONDS: u64 = 15 * 60;

/// The wait after `failures` consecutive failures: none for the first four, then 30 s,
/// doubling with each further failure up to 15 minutes.
pub fn wait_after_failures(failures: i64) -> Option<Duration> {
    if failures < FAILURES_BEFORE_WAIT {
        return None;
    }
    let doublings = u32::try_from(failures - FAILURES_BEFORE_WAIT)
        .unwrap_or(u32::MAX)
        .min(16);
    let seconds = FIRST_WAIT_SECONDS
        .saturating_mul(1 << doublings)
        .min(LONGEST_WAIT_SECONDS);
    Some(Duration::from_secs(seconds))
}

pub(crate) struct Account {
    pub id: UserId,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub disabled: bool,
    pub session_epoch: i64,
}

pub(crate) fn account(db: &Db<'_>, username: &str) -> Result<Option<Account>> {
    let Some(r) = db.query_opt(
        "SELECT id, username, display_name, password_hash, disabled_at IS NOT NULL AS disabled,
                session_epoch
         FROM users WHERE username = ?1",
        sql_params![username],
    )?
    else {
        return Ok(None);
    };
    Ok(Some(Account {
        id: r.get("id")?,
        username: r.get("username")?,
        display_name: r.get("display_name")?,
        password_hash: r.get("password_hash")?,
        disabled: r.get("disabled")?,
        session_epoch: r.get("session_epoch")?,
    }))
}

/// Seconds left to wait before `username` may try again, if it must wait.
pub(crate) fn seconds_to_wait(
    db: &Db<'_>,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Option<u64>> {
    let until: Option<String> = match db.query_opt(
        "SELECT wait_until FROM login_failures WHERE username = ?1",
        sql_params![username],
    )? {
        Some(r) => r.get("wait_until")?,
        None => None,
    };
    let Some(until) = until else { return Ok(None) };
    let until = DateTime::parse_from_rfc3339(&until).map_err(|e| {
        Error::Internal(format!(
            "login_failures for {username:?} has a bad time: {e}"
        ))
    })?;
    let left = until.with_timezone(&Utc) - now;
    Ok((left > chrono::TimeDelta::zero()).then(|| left.num_seconds().max(1) as u64))
}

/// Counts one more failure for `username`; returns the wait it starts, if any.
pub(crate) fn count_failure(
    db: &Db<'_>,
    username: &str,
    now: DateTime<Utc>,
) -> Result<Option<u64>> {
    let failures: i64 = db
        .query_one(
            "INSERT INTO login_failures (username, failures, last_failed_at) VALUES (?1, 1, ?2)
             ON CONFLICT (username)
             DO UPDATE SET failures = login_failures.failures + 1, last_failed_at = ?2
             RETURNING failures",
            sql_params![username, now.to_rfc3339()],
        )?
        .get("failures")?;
    let Some(wait) = wait_after_failures(failures) else {
        return Ok(None);
    };
    let until = now + chrono::TimeDelta::seconds(wait.as_secs() as i64);
    db.execute(
        "UPDATE login_failures SET wait_until = ?2 WHERE username = ?1",
        sql_params![username, until.to_rfc3339()],
    )?;
    Ok(Some(wait.as_secs()))
}

pub(crate) fn clear_failures(db: &Db<'_>, username: &str) -> Result<()> {
    db.execute(
        "DELETE FROM login_failures WHERE username = ?1",
        sql_params![username],
    )?;
    Ok(())
}

/// A hash of a throwaway password, verified when there is no usable account so that every
/// failure costs the same argon2id work.
pub(crate) fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("not-a-real-password").unwrap_or_default())
}

/// Verifies `password` for `account` (or against the dummy hash when there is none). Only an
/// active account with the right password passes.
pub(crate) fn password_matches(account: Option<&Account>, password: &str) -> Result<bool> {
    match account {
        Some(a) if !a.disabled => verify_password(password, &a.password_hash),
        _ => {
            let _ = verify_password(password, dummy_hash());
            Ok(false)
        }
    }
}

impl Clinic {
    pub fn login(&self, username: &str, password: &str) -> Result<Actor> {
        // Built before the first check so the first failure costs no more than later ones.
        dummy_hash();
        let name = username.trim();
        let now = Utc::now();
        let (wait, found) =
            self.read_db(|db| Ok((seconds_to_wait(db, name, now)?, account(db, name)?)))?;
        let found_id = found.as_ref().map(|a| a.id.to_string());
        if let Some(wait_seconds) = wait {
            // Refused without looking at the password: waiting is the point.
            self.write_db(|db| audit::record(db, None, Action::LoginFailed, "user", found_id))?;
            return Err(Error::TooManyAttempts { wait_seconds });
        }
        if !password_matches(found.as_ref(), password)? {
            let wait = self.write_db(|db| {
                let wait = count_failure(db, name, now)?;
                audit::record(db, None, Action::LoginFailed, "user", found_id)?;
                Ok(wait)
            })?;
            return Err(match wait {
                Some(wait_seconds) => Error::TooManyAttempts { wait_seconds },
                None => Error::InvalidCredentials,
            });
        }
        let account = found.ok_or(Error::InvalidCredentials)?;
        self.write_db(|tx| {
            clear_failures(tx, name)?;
            let actor = Actor::new(
                account.id,
                account.username,
                account.display_name,
                roles_of(tx, account.id)?,
                account.session_epoch,
            );
            audit::record(
                tx,
                Some(&actor),
                Action::Login,
                "user",
                Some(account.id.to_string()),
            )?;
            Ok(actor)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_failures_are_free_then_the_wait_doubles_up_to_fifteen_minutes() {
        for n in 0..FAILURES_BEFORE_WAIT {
            assert_eq!(wait_after_failures(n), None, "{n}");
        }
        let secs = |n| wait_after_failures(n).map(|d| d.as_secs());
        assert_eq!(secs(5), Some(30));
        assert_eq!(secs(6), Some(60));
        assert_eq!(secs(7), Some(120));
        assert_eq!(secs(9), Some(480));
        assert_eq!(secs(10), Some(900));
        assert_eq!(secs(60), Some(900));
        assert_eq!(secs(i64::MAX), Some(900));
    }
}
