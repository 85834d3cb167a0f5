//! The SQLite side: a fresh in-memory database migrated by the core's own `apply_migrations`,
//! read back through SQLite's pragmas.

use acuchart_core::db::{apply_migrations, schema_version, MIGRATIONS};
use regex::Regex;
use rusqlite::Connection;

use crate::model::{Column, Key, Schema, Table, STAMPED};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// A new clinic's schema. In memory and unkeyed: the schema does not depend on encryption.
pub fn fresh_schema() -> Res<Schema> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    apply_migrations(&mut conn, MIGRATIONS)?;
    read(&conn)
}

pub fn read(conn: &Connection) -> Res<Schema> {
    let mut schema = Schema {
        version: schema_version(conn)?,
        ..Schema::default()
    };
    schema.migrations = conn
        .prepare("SELECT version, name FROM schema_migrations ORDER BY version")?
        .query_map([], |r| Ok((r.get("version")?, r.get("name")?)))?
        .collect::<rusqlite::Result<_>>()?;
    // pragma_table_list tells FTS5's shadow tables (type 'shadow') from the app's own.
    let listed: Vec<(String, String)> = conn
        .prepare(
            "SELECT name, type FROM pragma_table_list WHERE schema = 'main'
             AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?
        .query_map([], |r| Ok((r.get("name")?, r.get("type")?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (name, kind) in listed {
        match kind.as_str() {
            "table" => {
                let table = read_table(conn, &name)?;
                schema.tables.insert(name, table);
            }
            "virtual" => {
                let columns = columns(conn, &name)?.into_iter().map(|c| c.name).collect();
                schema.virtual_tables.insert(name, columns);
            }
            _ => {}
        }
    }
    Ok(schema)
}

fn read_table(conn: &Connection, name: &str) -> Res<Table> {
    let sql: String = conn.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [name],
        |r| r.get("sql"),
    )?;
    let mut table = Table {
        columns: columns(conn, name)?,
        checks: count_checks(&sql)?,
        ..Table::default()
    };
    let pk: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?
        .query_map([name], |r| r.get("name"))?
        .collect::<rusqlite::Result<_>>()?;
    let indexes: Vec<(String, bool, String)> = conn
        .prepare("SELECT name, \"unique\", origin FROM pragma_index_list(?1)")?
        .query_map([name], |r| {
            Ok((r.get("name")?, r.get("unique")?, r.get("origin")?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // An INTEGER PRIMARY KEY is the rowid and has no index (so no collation to read).
    let mut pk_nocase = false;
    for (index, unique, origin) in &indexes {
        let key = index_key(conn, index)?;
        if origin == "pk" {
            pk_nocase = key.nocase;
        } else if *unique {
            table.uniques.insert(key);
        }
    }
    if !pk.is_empty() {
        table.primary_key = Some(Key {
            columns: pk,
            nocase: pk_nocase,
        });
    }
    table.foreign_keys = conn
        .prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?1)")?
        .query_map([name], |r| {
            Ok(format!(
                "{} -> {}.{}",
                r.get::<_, String>("from")?,
                r.get::<_, String>("table")?,
                r.get::<_, String>("to")?
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    table.indexes = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1
             AND sql IS NOT NULL",
        )?
        .query_map([name], |r| r.get("name"))?
        .collect::<rusqlite::Result<_>>()?;
    let event = Regex::new(r"(?i)\b(before|after|instead of)\s+(insert|update|delete)\b")?;
    let triggers: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1")?
        .query_map([name], |r| Ok((r.get("name")?, r.get("sql")?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (trigger, sql) in triggers {
        let found = event
            .captures(&sql)
            .map(|c| format!("{} {}", &c[1], &c[2]).to_lowercase())
            .ok_or_else(|| format!("trigger {trigger}: no event in {sql}"))?;
        table.triggers.insert(trigger, found);
    }
    table.rows = rows(conn, name, &table)?;
    Ok(table)
}

fn columns(conn: &Connection, table: &str) -> Res<Vec<Column>> {
    Ok(conn
        .prepare("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid")?
        .query_map([table], |r| {
            let declared: String = r.get("type")?;
            let (not_null, pk): (bool, i64) = (r.get("notnull")?, r.get("pk")?);
            Ok(Column {
                name: r.get("name")?,
                family: family(&declared).to_owned(),
                // Primary keys are NOT NULL in STRICT and WITHOUT ROWID tables, and an
                // INTEGER PRIMARY KEY is the rowid, which is never NULL.
                not_null: not_null || pk > 0,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// SQLite's type affinity rules, named as PostgreSQL families.
fn family(declared: &str) -> &'static str {
    let t = declared.to_ascii_uppercase();
    if t.is_empty() {
        ""
    } else if t.contains("INT") {
        "integer"
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        "text"
    } else if t.contains("BLOB") {
        "blob"
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        "real"
    } else {
        "numeric"
    }
}

fn index_key(conn: &Connection, index: &str) -> Res<Key> {
    let cols: Vec<(String, String)> = conn
        .prepare("SELECT name, coll FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno")?
        .query_map([index], |r| Ok((r.get("name")?, r.get("coll")?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Key {
        nocase: cols
            .iter()
            .any(|(_, coll)| coll.eq_ignore_ascii_case("nocase")),
        columns: cols.into_iter().map(|(n, _)| n).collect(),
    })
}

/// CHECK constraints in a CREATE TABLE statement as SQLite stores it (ALTER TABLE ADD COLUMN
/// appends to that text), not counting the word in comments or string literals.
fn count_checks(sql: &str) -> Res<usize> {
    let mut code = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("--") {
            rest = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if rest.starts_with("/*") {
            rest = rest.find("*/").map_or("", |i| &rest[i + 2..]);
        } else if c == '\'' {
            // '' inside a literal is an escaped quote: two literals back to back, same result.
            rest = rest[1..].find('\'').map_or("", |i| &rest[i + 2..]);
            code.push(' ');
        } else {
            code.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    Ok(Regex::new(r"(?i)\bcheck\s*\(")?.find_iter(&code).count())
}

fn rows(conn: &Connection, name: &str, table: &Table) -> Res<Vec<Vec<Option<String>>>> {
    let kept: Vec<String> = table
        .columns
        .iter()
        .filter(|c| !STAMPED.contains(&(name, c.name.as_str())) && c.family != "blob")
        .map(|c| format!("CAST(\"{}\" AS TEXT)", c.name))
        .collect();
    let order = table
        .primary_key
        .as_ref()
        .map_or("rowid".to_owned(), |k| k.columns.join(", "));
    let sql = format!(
        "SELECT {} FROM \"{name}\" ORDER BY {order}",
        kept.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let n = kept.len();
    let rows = stmt
        .query_map([], |r| {
            (0..n)
                .map(|i| r.get::<_, Option<String>>(i))
                .collect::<rusqlite::Result<Vec<_>>>()
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
