//! Sessions to the clinic's PostgreSQL database: a pool (r2d2) of [`PgSession`]s, the
//! migrations applied once under a lock, and one transaction per write.

use std::time::Duration;

use postgres::config::SslMode;
use postgres::{Config, NoTls};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::pg_session::PgSession;
use super::postgres_migrations::POSTGRES_MIGRATIONS;
use super::Db;
use crate::error::{Error, Result};

/// Sessions kept per process: a desktop or server rarely has more requests in flight.
const MAX_SESSIONS: u32 = 8;
/// How long a request waits for a free session (or a new connection) before it fails.
const CHECKOUT_WAIT: Duration = Duration::from_secs(15);
/// Any fixed number, the same in every process: migrating clinics take this advisory lock.
const MIGRATION_LOCK: i64 = 0x4143_5543_4841_5254; // "ACUCHART"
/// The advisory lock every write transaction holds to COMMIT (see [`PgPool::write`]); the
/// audit append takes it too, so a chain row always extends the last committed head.
pub(crate) const WRITER_LOCK: i64 = 0x4163_7543_6861_7274;

/// The clinic's own certificate authority (a PEM file) for a database server whose
/// certificate the system does not know, e.g. one the clinic's IT made itself.
pub const CA_FILE_VAR: &str = "ACUCHART_DATABASE_CA";

struct Manager {
    config: Config,
    /// `None` on this computer (loopback or a Unix socket) unless the address asks for TLS.
    tls: Option<MakeRustlsConnect>,
}

impl r2d2::ManageConnection for Manager {
    type Connection = PgSession;
    type Error = postgres::Error;

    fn connect(&self) -> std::result::Result<PgSession, postgres::Error> {
        let client = match &self.tls {
            Some(tls) => self.config.connect(tls.clone())?,
            None => self.config.connect(NoTls)?,
        };
        Ok(PgSession::new(client))
    }

    fn is_valid(&self, session: &mut PgSession) -> std::result::Result<(), postgres::Error> {
        session.ping()
    }

    fn has_broken(&self, session: &mut PgSession) -> bool {
        session.is_closed()
    }
}

/// The pool of sessions to one clinic database.
pub struct PgPool {
    pool: r2d2::Pool<Manager>,
}

impl PgPool {
    /// Connects to `url` (`postgres://user:password@host/database`). A server on another
    /// computer is always reached over TLS, its certificate checked against the system's
    /// roots or the file named by [`CA_FILE_VAR`]; `?sslmode=require` asks for TLS on this
    /// computer too.
    pub fn connect(url: &str) -> Result<Self> {
        let mut config: Config = url.parse().map_err(|e| {
            Error::invalid(
                "database_url",
                format!(
                    "This is not a PostgreSQL address ({e}). Write it as \
                     postgres://user:password@host/database."
                ),
            )
        })?;
        let tls = if is_local(&config) && config.get_ssl_mode() != SslMode::Require {
            None
        } else {
            if config.get_ssl_mode() == SslMode::Disable {
                return Err(Error::invalid(
                    "database_url",
                    "A database server on another computer must be reached over an encrypted \
                     connection: remove sslmode=disable from the address.",
                ));
            }
            config.ssl_mode(SslMode::Require);
            Some(super::pg_tls::connector()?)
        };
        let manager = Manager { config, tls };
        // One connection first, so an unreachable server or a refused login is reported at
        // once with the server's own words instead of after the pool's retries.
        r2d2::ManageConnection::connect(&manager).map_err(|e| unreachable(&e))?;
        let pool = r2d2::Pool::builder()
            .max_size(MAX_SESSIONS)
            .min_idle(Some(0))
            .connection_timeout(CHECKOUT_WAIT)
            .build_unchecked(manager);
        Ok(Self { pool })
    }

    fn session(&self) -> Result<r2d2::PooledConnection<Manager>> {
        self.pool
            .get()
            .map_err(|e| Error::DatabaseUnreachable(e.to_string()))
    }

    /// Brings the schema up to date. Two processes starting together both call this: the
    /// advisory lock makes the second wait, then find nothing left to apply.
    pub fn migrate(&self) -> Result<i64> {
        let session = self.session()?;
        let db = Db::postgres(&session);
        db.execute(
            "SELECT pg_advisory_lock(?1)",
            crate::sql_params![MIGRATION_LOCK],
        )?;
        let migrated = apply(&db);
        let unlocked = db.execute(
            "SELECT pg_advisory_unlock(?1)",
            crate::sql_params![MIGRATION_LOCK],
        );
        let version = migrated?;
        unlocked?;
        Ok(version)
    }

    /// Runs `f` in one transaction: all of it is stored, or none of it. Deferred checks
    /// (the double-booking constraints) run at COMMIT, so their refusal comes from there.
    ///
    /// Writes take [`WRITER_LOCK`] first and hold it to COMMIT: one writer at a time, as the
    /// embedded database has, while reads never wait. Without it a write that had inserted
    /// rows and then waited for the audit chain's turn could close a cycle with one that held
    /// that turn and waited at COMMIT on the first one's rows (the deferred exclusion check):
    /// the sixteen-writer load test met such deadlocks (SQLSTATE 40P01).
    pub fn write<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let session = self.session()?;
        session.batch("BEGIN")?;
        let open = Open(&session);
        Db::postgres(&session).execute(
            "SELECT pg_advisory_xact_lock(?1)",
            crate::sql_params![WRITER_LOCK],
        )?;
        let value = f(&Db::postgres(&session))?;
        open.commit()?;
        Ok(value)
    }

    /// Runs `f` outside a transaction: each statement sees the last committed state.
    pub fn read<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let session = self.session()?;
        f(&Db::postgres(&session))
    }

    /// Runs `f` in one read-only snapshot: every query in it sees the same committed state.
    pub fn read_snapshot<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let session = self.session()?;
        session.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        let open = Open(&session);
        let value = f(&Db::postgres(&session))?;
        open.commit()?;
        Ok(value)
    }
}

/// A transaction in progress: rolled back when dropped before [`Open::commit`], so a session
/// never goes back to the pool inside a failed or half-done transaction.
struct Open<'s>(&'s PgSession);

impl Open<'_> {
    fn commit(self) -> Result<()> {
        let done = self.0.batch("COMMIT");
        std::mem::forget(self);
        done
    }
}

impl Drop for Open<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.0.batch("ROLLBACK") {
            tracing::warn!("a PostgreSQL transaction could not be rolled back: {e}");
        }
    }
}

fn apply(db: &Db<'_>) -> Result<i64> {
    let current = postgres_schema_version(db)?;
    let known = POSTGRES_MIGRATIONS.last().map_or(0, |m| m.0);
    if current > known {
        return Err(Error::DatabaseTooNew {
            found: current,
            known,
        });
    }
    for (version, name, sql) in POSTGRES_MIGRATIONS.iter().filter(|m| m.0 > current) {
        db.batch("BEGIN")?;
        let step = db.batch(sql).and_then(|()| {
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
                crate::sql_params![*version, *name, chrono::Utc::now().to_rfc3339()],
            )
        });
        if let Err(e) = step {
            db.batch("ROLLBACK")?;
            return Err(Error::Internal(format!(
                "PostgreSQL migration {version} ({name}) failed: {e}"
            )));
        }
        db.batch("COMMIT")?;
        tracing::info!(version, name, "PostgreSQL migration applied");
    }
    Ok(known.max(current))
}

/// The schema version of the database: 0 when it is empty.
pub fn postgres_schema_version(db: &Db<'_>) -> Result<i64> {
    let exists = db
        .query_one(
            "SELECT CAST(count(*) AS BIGINT) AS n FROM pg_tables \
             WHERE schemaname = current_schema() AND tablename = 'schema_migrations'",
            crate::sql_params![],
        )?
        .get::<i64>("n")?;
    if exists == 0 {
        return Ok(0);
    }
    db.query_one(
        "SELECT CAST(coalesce(max(version), 0) AS BIGINT) AS v FROM schema_migrations",
        crate::sql_params![],
    )?
    .get("v")
}

/// A connection that could not be made: the server's own error when it answered (a refused
/// login, an unknown database), else the network's.
fn unreachable(e: &postgres::Error) -> Error {
    if let Some(db) = e.as_db_error() {
        return Error::DatabaseUnreachable(db.message().to_owned());
    }
    let cause = std::error::Error::source(e).map_or_else(|| e.to_string(), ToString::to_string);
    if cause.contains("certificate") {
        return Error::DatabaseUnreachable(format!(
            "its certificate is not one this computer trusts ({cause}); if the clinic made its \
             own certificate authority, name its file in {CA_FILE_VAR}"
        ));
    }
    Error::DatabaseUnreachable(cause)
}

/// A server on this computer: a Unix socket or loopback.
fn is_local(config: &Config) -> bool {
    use postgres::config::Host;
    config.get_hosts().iter().all(|host| match host {
        Host::Unix(_) => true,
        Host::Tcp(name) => matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1"),
    })
}
