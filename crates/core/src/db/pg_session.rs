//! A PostgreSQL session for [`Db`](super::Db): one client, its prepared statements, and the
//! conversions between [`Value`] and PostgreSQL's types. The schema keeps SQLite's shapes
//! (bigint for whole numbers and 0/1 flags, text for times that are hashed), so the
//! conversions are few and every other one is refused with a message naming the type.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::Arc;

use postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};
use postgres::{Client, Statement};

use super::row::Row;
use super::value::{ToValue, Value};
use crate::error::{Error, Result};

/// A prepared statement and its column names, kept per statement text.
type Prepared = (Statement, Arc<[String]>);

/// One PostgreSQL connection with its statement cache. Not shared between threads: a pool
/// hands each request its own.
pub struct PgSession {
    client: RefCell<Client>,
    statements: RefCell<HashMap<String, Prepared>>,
}

impl PgSession {
    pub fn new(client: Client) -> Self {
        Self {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        }
    }

    fn prepare(&self, sql: &str) -> Result<Prepared> {
        if let Some(found) = self.statements.borrow().get(sql) {
            return Ok(found.clone());
        }
        let rewritten = numbered_placeholders(sql)?;
        let statement = self.client.borrow_mut().prepare(&rewritten)?;
        let columns: Arc<[String]> = statement
            .columns()
            .iter()
            .map(|c| c.name().to_owned())
            .collect();
        self.statements
            .borrow_mut()
            .insert(sql.to_owned(), (statement.clone(), columns.clone()));
        Ok((statement, columns))
    }

    pub(crate) fn execute(&self, sql: &str, params: &[&dyn ToValue]) -> Result<u64> {
        let (statement, _) = self.prepare(sql)?;
        let values = pg_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        Ok(self.client.borrow_mut().execute(&statement, &refs)?)
    }

    pub(crate) fn for_each(
        &self,
        sql: &str,
        params: &[&dyn ToValue],
        mut f: impl FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let (statement, columns) = self.prepare(sql)?;
        let values = pg_params(params);
        let refs: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        let rows = self.client.borrow_mut().query(&statement, &refs)?;
        for row in rows {
            let mut values = Vec::with_capacity(columns.len());
            for i in 0..columns.len() {
                values.push(row.try_get::<_, PgValue>(i)?.0);
            }
            f(Row::new(columns.clone(), values))?;
        }
        Ok(())
    }

    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    /// A round trip to the server: whether the pool may hand this session out again.
    pub(crate) fn ping(&mut self) -> std::result::Result<(), postgres::Error> {
        self.client.get_mut().simple_query("").map(|_| ())
    }

    pub(crate) fn is_closed(&mut self) -> bool {
        self.client.get_mut().is_closed()
    }
}

/// `?1`, `?2`… become `$1`, `$2`…; text in quotes and comments is left alone. A bare `?`
/// is refused: parameters are numbered so one statement reads the same on both engines.
pub(crate) fn numbered_placeholders(sql: &str) -> Result<String> {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == '\n' {
                        break;
                    }
                }
            }
            '?' => {
                if !chars.peek().is_some_and(char::is_ascii_digit) {
                    return Err(Error::Internal(format!(
                        "a statement uses an unnumbered parameter: {sql}"
                    )));
                }
                out.push('$');
            }
            _ => out.push(c),
        }
    }
    Ok(out)
}

fn pg_params(params: &[&dyn ToValue]) -> Vec<PgValue> {
    params.iter().map(|p| PgValue(p.to_value())).collect()
}

/// A [`Value`] on the wire: written as the type the statement's parameter has, read from
/// the column's type.
#[derive(Debug)]
struct PgValue(Value);

type BoxError = Box<dyn StdError + Sync + Send>;

fn refuse(value: &Value, ty: &Type) -> BoxError {
    format!("{} cannot be sent as PostgreSQL type {ty}", value.kind()).into()
}

impl ToSql for PgValue {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match (&self.0, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Integer(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Integer(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Integer(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Value::Integer(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            (Value::Integer(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Value::Real(r), &Type::FLOAT8) => r.to_sql(ty, out),
            (Value::Real(r), &Type::FLOAT4) => (*r as f32).to_sql(ty, out),
            (Value::Text(t), &Type::TEXT | &Type::VARCHAR | &Type::BPCHAR | &Type::NAME) => {
                t.as_str().to_sql(ty, out)
            }
            (Value::Text(t), &Type::UNKNOWN) => t.as_str().to_sql(&Type::TEXT, out),
            (Value::Blob(b), &Type::BYTEA) => b.as_slice().to_sql(ty, out),
            (value, ty) => Err(refuse(value, ty)),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl<'a> FromSql<'a> for PgValue {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        let value = match *ty {
            Type::INT8 => Value::Integer(i64::from_sql(ty, raw)?),
            Type::INT4 => Value::Integer(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => Value::Integer(i64::from(i16::from_sql(ty, raw)?)),
            Type::OID => Value::Integer(i64::from(u32::from_sql(ty, raw)?)),
            Type::BOOL => Value::Integer(i64::from(bool::from_sql(ty, raw)?)),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => Value::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                Value::Text(String::from_sql(ty, raw)?)
            }
            Type::BYTEA => Value::Blob(Vec::<u8>::from_sql(ty, raw)?),
            ref other => {
                // numeric (from sum() over bigint) and the like: the statement casts to
                // BIGINT, which both engines accept.
                return Err(format!(
                    "a column of PostgreSQL type {other} cannot be read; CAST it to BIGINT, TEXT or REAL in the statement"
                )
                .into());
            }
        };
        Ok(PgValue(value))
    }

    fn from_sql_null(_: &Type) -> Result<Self, BoxError> {
        Ok(PgValue(Value::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::numbered_placeholders;

    #[test]
    fn numbered_parameters_become_dollar_parameters_outside_quotes_and_comments() {
        let sql = "SELECT a FROM t WHERE b = ?1 AND c = '?2' AND \"?3\" = ?12 -- ?4\n AND d = ?2";
        assert_eq!(
            numbered_placeholders(sql).ok().as_deref(),
            Some("SELECT a FROM t WHERE b = $1 AND c = '?2' AND \"?3\" = $12 -- ?4\n AND d = $2")
        );
        assert!(numbered_placeholders("SELECT ? + 1").is_err());
        assert!(numbered_placeholders("SELECT 'it''s ?' || ?1").is_ok());
    }
}
