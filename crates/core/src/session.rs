//! A signed-in session in the desktop app: who it is, whether the screen is locked, and when
//! the person was last active. Every request passes [`Clinic::resume_session`] first, so a
//! locked session answers `session_locked`, and a session whose account was disabled (or whose
//! password was reset) answers `not_authenticated`, whatever the window shows.
//!
//! The window locks itself after the clinic's idle time and tells the backend. The backend
//! also locks on its own when no request has arrived for the idle time plus [`IDLE_GRACE`]
//! (the window reports activity at most every few seconds), so a stalled or tampered window
//! cannot keep a session open.

use std::time::{Duration, Instant};

use chrono::Utc;
use serde::Deserialize;
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::Actor;
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};
use crate::users::login::seconds_to_wait;
use crate::users::login::{account, clear_failures, count_failure, password_matches};

/// How far past the idle time the backend waits before locking by itself.
pub const IDLE_GRACE: Duration = Duration::from_secs(30);

/// Why the window locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// Nobody touched the keyboard or mouse for the clinic's idle time.
    Idle,
    /// "Lock now" (button or shortcut).
    Manual,
}

#[derive(Debug, Clone)]
pub struct LiveSession {
    actor: Actor,
    last_activity: Instant,
    locked: bool,
}

impl LiveSession {
    pub fn new(actor: Actor) -> Self {
        Self::started_at(actor, Instant::now())
    }

    pub fn started_at(actor: Actor, now: Instant) -> Self {
        Self {
            actor,
            last_activity: now,
            locked: false,
        }
    }

    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }
}

struct AccountState {
    usable: bool,
    idle: Duration,
}

fn account_state(db: &Db<'_>, actor: &Actor) -> Result<AccountState> {
    let usable = crate::users::session_is_current(db, actor.user_id(), actor.session_epoch())?;
    let idle = crate::settings::store::idle_lock_seconds(db)?;
    Ok(AccountState {
        usable,
        idle: Duration::from_secs(u64::try_from(idle).unwrap_or(0)),
    })
}

impl Clinic {
    /// The check before every request of a signed-in window; on success the session counts
    /// as active now.
    pub fn resume_session(&self, session: &mut LiveSession) -> Result<Actor> {
        self.resume_session_at(session, Instant::now())
    }

    pub fn resume_session_at(&self, session: &mut LiveSession, now: Instant) -> Result<Actor> {
        let state = self.read_db(|db| account_state(db, &session.actor))?;
        if !state.usable {
            return Err(Error::NotAuthenticated);
        }
        if session.locked {
            return Err(Error::SessionLocked);
        }
        if now.saturating_duration_since(session.last_activity) > state.idle + IDLE_GRACE {
            self.lock_session(session, LockReason::Idle)?;
            return Err(Error::SessionLocked);
        }
        session.last_activity = now;
        Ok(session.actor.clone())
    }

    /// Locks the session (recorded once, however often the window asks).
    pub fn lock_session(&self, session: &mut LiveSession, reason: LockReason) -> Result<()> {
        if session.locked {
            return Ok(());
        }
        let action = match reason {
            LockReason::Idle => Action::IdleLock,
            LockReason::Manual => Action::Lock,
        };
        self.write_db(|db| {
            audit::record(
                db,
                Some(&session.actor),
                action,
                "user",
                Some(session.actor.user_id().to_string()),
            )
        })?;
        session.locked = true;
        Ok(())
    }

    /// Unlocks with the signed-in person's password. A wrong password counts as a failed
    /// sign-in (the same wait applies); an account disabled meanwhile cannot unlock.
    pub fn unlock_session(&self, session: &mut LiveSession, password: &str) -> Result<Actor> {
        self.unlock_session_at(session, password, Instant::now())
    }

    pub fn unlock_session_at(
        &self,
        session: &mut LiveSession,
        password: &str,
        now: Instant,
    ) -> Result<Actor> {
        let actor = session.actor.clone();
        if !self.read_db(|db| account_state(db, &actor))?.usable {
            return Err(Error::NotAuthenticated);
        }
        let name = actor.username();
        let utc_now = Utc::now();
        let (wait, found) =
            self.read_db(|db| Ok((seconds_to_wait(db, name, utc_now)?, account(db, name)?)))?;
        let id = Some(actor.user_id().to_string());
        if let Some(wait_seconds) = wait {
            return Err(Error::TooManyAttempts { wait_seconds });
        }
        if !password_matches(found.as_ref(), password)? {
            let wait = self.write_db(|tx| {
                let wait = count_failure(tx, name, utc_now)?;
                audit::record(tx, Some(&actor), Action::UnlockFailed, "user", id.clone())?;
                Ok(wait)
            })?;
            return Err(match wait {
                Some(wait_seconds) => Error::TooManyAttempts { wait_seconds },
                None => Error::invalid("password", "That password is not correct."),
            });
        }
        self.write_db(|tx| {
            clear_failures(tx, name)?;
            audit::record(tx, Some(&actor), Action::Unlock, "user", id.clone())
        })?;
        session.locked = false;
        session.last_activity = now;
        Ok(actor)
    }
}
