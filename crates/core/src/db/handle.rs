//! [`Db`]: the one way the core's stores run a statement, on an SQLCipher connection or a
//! PostgreSQL session alike. Statements are written once, in the SQL both engines accept,
//! with numbered parameters `?1`, `?2`… (rewritten to `$1`, `$2`… for PostgreSQL). Where the
//! engines truly differ a store asks [`Db::backend`] and says why.

use std::sync::Arc;

use rusqlite::types::{Value as SqliteValue, ValueRef};

use super::pg_session::PgSession;
use super::row::Row;
use super::value::{ToValue, Value};
use crate::error::{Error, Result};

/// Which engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A connection (or transaction) to run statements on; cheap to make and copy.
#[derive(Clone, Copy)]
pub struct Db<'c> {
    on: On<'c>,
}

#[derive(Clone, Copy)]
enum On<'c> {
    Sqlite(&'c rusqlite::Connection),
    Postgres(&'c PgSession),
}

/// Parameters for a statement: `params![a, b]` binds `?1 = a`, `?2 = b`.
#[macro_export]
macro_rules! sql_params {
    () => { &[] as &[&dyn $crate::db::ToValue] };
    ($($p:expr),+ $(,)?) => { &[$(&$p as &dyn $crate::db::ToValue),+] as &[&dyn $crate::db::ToValue] };
}

impl<'c> Db<'c> {
    pub fn sqlite(conn: &'c rusqlite::Connection) -> Self {
        Self {
            on: On::Sqlite(conn),
        }
    }

    pub fn postgres(session: &'c PgSession) -> Self {
        Self {
            on: On::Postgres(session),
        }
    }

    pub fn backend(&self) -> Backend {
        match self.on {
            On::Sqlite(_) => Backend::Sqlite,
            On::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLCipher connection underneath, for the work only SQLite has (page-level
    /// backup, rekey, integrity check); `None` on PostgreSQL.
    pub fn as_sqlite(&self) -> Option<&'c rusqlite::Connection> {
        match self.on {
            On::Sqlite(conn) => Some(conn),
            On::Postgres(_) => None,
        }
    }

    /// Runs a statement that returns no rows; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> Result<u64> {
        match self.on {
            On::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let changed = stmt.execute(rusqlite::params_from_iter(sqlite_params(params)))?;
                Ok(changed as u64)
            }
            On::Postgres(session) => session.execute(sql, params),
        }
    }

    /// Every row of a query.
    pub fn query(&self, sql: &str, params: &[&dyn ToValue]) -> Result<Vec<Row>> {
        let mut rows = Vec::new();
        self.for_each(sql, params, |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok(rows)
    }

    /// Hands each row to `f` as it is read (large exports need not hold them all).
    pub fn for_each(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        mut f: impl FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        match self.on {
            On::Sqlite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let columns: Arc<[String]> = stmt.column_names().map(str::to_owned).collect();
                let mut rows = stmt.query(rusqlite::params_from_iter(sqlite_params(params)))?;
                while let Some(row) = rows.next()? {
                    let mut values = Vec::with_capacity(columns.len());
                    for (i, name) in columns.iter().enumerate() {
                        values.push(from_sqlite(name, row.get_ref(i)?)?);
                    }
                    f(Row::new(columns.clone(), values))?;
                }
                Ok(())
            }
            On::Postgres(session) => session.for_each(sql, params, f),
        }
    }

    /// The first row, or `None` when there is none.
    pub fn query_opt(&self, sql: &str, params: &[&dyn ToValue]) -> Result<Option<Row>> {
        let mut first = None;
        self.for_each(sql, params, |row| {
            if first.is_none() {
                first = Some(row);
            }
            Ok(())
        })?;
        Ok(first)
    }

    /// The one row a query must return; none is an internal error (callers that expect
    /// "not found" use [`Db::query_opt`] and say what was not found).
    pub fn query_one(&self, sql: &str, params: &[&dyn ToValue]) -> Result<Row> {
        self.query_opt(sql, params)?
            .ok_or_else(|| Error::Internal(format!("expected a row from: {}", first_line(sql))))
    }

    /// An INSERT … RETURNING id: the new row's id.
    pub fn insert_returning_id(&self, sql: &str, params: &[&dyn ToValue]) -> Result<i64> {
        self.query_one(sql, params)?.get("id")
    }

    /// Several statements without parameters (schema work, session settings).
    pub fn batch(&self, sql: &str) -> Result<()> {
        match self.on {
            On::Sqlite(conn) => Ok(conn.execute_batch(sql)?),
            On::Postgres(session) => session.batch(sql),
        }
    }
}

/// While stores move onto [`Db`], code that still holds a rusqlite connection or transaction
/// passes it as `&conn.into()`.
impl<'c> From<&'c rusqlite::Connection> for Db<'c> {
    fn from(conn: &'c rusqlite::Connection) -> Self {
        Db::sqlite(conn)
    }
}

impl<'c> From<&'c rusqlite::Transaction<'_>> for Db<'c> {
    fn from(tx: &'c rusqlite::Transaction<'_>) -> Self {
        Db::sqlite(tx)
    }
}

impl<'c> From<&Db<'c>> for Db<'c> {
    fn from(db: &Db<'c>) -> Self {
        *db
    }
}

fn first_line(sql: &str) -> &str {
    sql.trim().lines().next().unwrap_or_default()
}

fn sqlite_params(params: &[&dyn ToValue]) -> Vec<SqliteValue> {
    params
        .iter()
        .map(|p| match p.to_value() {
            Value::Null => SqliteValue::Null,
            Value::Integer(i) => SqliteValue::Integer(i),
            Value::Real(r) => SqliteValue::Real(r),
            Value::Text(t) => SqliteValue::Text(t),
            Value::Blob(b) => SqliteValue::Blob(b),
        })
        .collect()
}

fn from_sqlite(column: &str, value: ValueRef<'_>) -> Result<Value> {
    Ok(match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(r) => Value::Real(r),
        ValueRef::Text(t) => Value::Text(String::from_utf8(t.to_vec()).map_err(|_| {
            Error::Internal(format!("column {column} holds text that is not UTF-8"))
        })?),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    })
}
