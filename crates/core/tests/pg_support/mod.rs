//! PostgreSQL for tests: the server `scripts/with-postgres.sh` starts and names in
//! `ACUCHART_TEST_DATABASE_URL` (`make test-rust` runs every test inside it).
//!
//! A test that needs PostgreSQL starts with
//! `let Some(url) = pg_support::database_url() else { return Ok(()) };`. Under CI a missing
//! URL fails the test, so a CI that lost its server cannot pass by skipping; on a developer's
//! machine the test is skipped with a note saying how to run it.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use postgres::{Client, Config, NoTls};

pub const URL_VAR: &str = "ACUCHART_TEST_DATABASE_URL";

pub type PgResult<T> = Result<T, Box<dyn std::error::Error>>;

/// The test server's URL, or `None` (after a note on stderr) when it is not set outside CI.
///
/// # Panics
/// When it is not set under CI (`CI` set and not "false"/"0").
pub fn database_url() -> Option<String> {
    match std::env::var(URL_VAR) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ if under_ci() => panic!(
            "{URL_VAR} is not set, and under CI a PostgreSQL test may not be skipped: \
             run the tests inside scripts/with-postgres.sh (make test-rust does)"
        ),
        _ => {
            eprintln!(
                "note: skipping a PostgreSQL test: {URL_VAR} is not set \
                 (run it as `scripts/with-postgres.sh cargo test …`)"
            );
            None
        }
    }
}

fn under_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A database made for one test on the test server and dropped when this is dropped, so
/// tests running in parallel (and runs that crashed earlier) never share a schema.
pub struct TempDatabase {
    server: Config,
    server_url: String,
    name: String,
    config: Config,
}

static NEXT: AtomicU32 = AtomicU32::new(0);

impl TempDatabase {
    /// `purpose` (lower-case letters and `_`) goes into the name, to tell leftovers apart.
    pub fn create(url: &str, purpose: &str) -> PgResult<TempDatabase> {
        let server: Config = url.parse()?;
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH)?.subsec_nanos();
        let name = format!(
            "acuchart_{purpose}_{}_{}_{nanos}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        // Names come from this function only (no quoting needed), and a database cannot be
        // created inside a transaction, so this is one plain statement.
        server
            .connect(NoTls)?
            .batch_execute(&format!("CREATE DATABASE {name}"))?;
        let mut config = server.clone();
        config.dbname(&name);
        Ok(TempDatabase {
            server,
            server_url: url.to_owned(),
            name,
            config,
        })
    }

    pub fn connect(&self) -> PgResult<Client> {
        Ok(self.config.connect(NoTls)?)
    }

    /// The URL of this database on the test server.
    pub fn url(&self) -> String {
        replace_dbname(&self.server_url, &self.name)
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

impl Drop for TempDatabase {
    fn drop(&mut self) {
        // WITH (FORCE) ends sessions a failed test left open; a failure here only leaves a
        // database in a throwaway cluster.
        let dropped = self.server.connect(NoTls).and_then(|mut c| {
            c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
        });
        if let Err(e) = dropped {
            eprintln!("note: test database {} not dropped: {e}", self.name);
        }
    }
}

/// `url` with its database name (the path after the host) replaced by `name`; the query
/// string, if any, is kept.
fn replace_dbname(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[after_scheme..]
        .find('/')
        .map_or(base.len(), |i| after_scheme + i);
    format!("{}/{name}{query}", &base[..host_end])
}
