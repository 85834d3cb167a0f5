//! The PostgreSQL side: the core's PostgreSQL migrations applied to a new database, read back
//! from the system catalogue (pg_catalog, which states keys, collations and trigger events
//! more exactly than information_schema does).

use acuchart_core::db::postgres_migrations::POSTGRES_MIGRATIONS;
use postgres::Client;

use crate::model::{Column, Key, Schema, Table, STAMPED};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Applies every PostgreSQL migration in order, each in one transaction with its row in
/// schema_migrations, as the core's SQLite `apply_migrations` does (and as the PostgreSQL
/// backend is to do).
pub fn migrate(client: &mut Client) -> Res<()> {
    for (version, name, sql) in POSTGRES_MIGRATIONS {
        let mut tx = client.transaction()?;
        tx.batch_execute(sql)
            .map_err(|e| format!("PostgreSQL migration {name} failed: {}", describe(&e)))?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[version, name, &chrono::Utc::now().to_rfc3339()],
        )?;
        tx.commit()?;
    }
    Ok(())
}

/// The server's message with its detail and position, which `Display` leaves out.
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!(
            "{} ({}){}{}",
            db.message(),
            db.code().code(),
            db.detail().map(|d| format!("; {d}")).unwrap_or_default(),
            db.where_().map(|w| format!("; at {w}")).unwrap_or_default()
        ),
        None => e.to_string(),
    }
}

pub fn read(client: &mut Client) -> Res<Schema> {
    let mut schema = Schema {
        version: client
            .query_one("SELECT max(version) AS v FROM schema_migrations", &[])?
            .get("v"),
        migrations: client
            .query(
                "SELECT version, name FROM schema_migrations ORDER BY version",
                &[],
            )?
            .iter()
            .map(|r| (r.get("version"), r.get("name")))
            .collect(),
        ..Schema::default()
    };
    let names: Vec<String> = client
        .query(
            "SELECT relname FROM pg_class
             WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')",
            &[],
        )?
        .iter()
        .map(|r| r.get("relname"))
        .collect();
    for name in names {
        let table = read_table(client, &name)?;
        schema.tables.insert(name, table);
    }
    Ok(schema)
}

fn read_table(client: &mut Client, name: &str) -> Res<Table> {
    let mut table = Table::default();
    for r in client.query(
        "SELECT a.attname, t.typname, a.attnotnull FROM pg_attribute a
         JOIN pg_type t ON t.oid = a.atttypid
         WHERE a.attrelid = $1::text::regclass AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum",
        &[&name],
    )? {
        table.columns.push(Column {
            name: r.get("attname"),
            family: family(r.get("typname")).to_owned(),
            not_null: r.get("attnotnull"),
        });
    }
    // Every unique index, whether a PRIMARY KEY, a UNIQUE constraint or CREATE UNIQUE INDEX;
    // its key columns in order with their collations. Expression keys (attnum 0) are named
    // by the expression so that they show up in a difference instead of vanishing.
    let keys = client.query(
        "SELECT i.indisprimary,
                array_agg(coalesce(a.attname, pg_get_indexdef(i.indexrelid, k.n::int, true))
                          ORDER BY k.n) AS cols,
                bool_or(coalesce(c.collname = 'nocase', false)) AS nocase
         FROM pg_index i
         CROSS JOIN LATERAL unnest(i.indkey::int2[], i.indcollation::oid[])
             WITH ORDINALITY AS k(attnum, coll, n)
         LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
         LEFT JOIN pg_collation c ON c.oid = k.coll
         WHERE i.indrelid = $1::text::regclass AND i.indisunique
         GROUP BY i.indexrelid, i.indisprimary",
        &[&name],
    )?;
    for r in keys {
        let key = Key {
            columns: r.get("cols"),
            nocase: r.get("nocase"),
        };
        if r.get("indisprimary") {
            table.primary_key = Some(key);
        } else {
            table.uniques.insert(key);
        }
    }
    table.foreign_keys = client
        .query(
            "SELECT a.attname || ' -> ' || c.confrelid::regclass::text || '.' || af.attname AS fk
             FROM pg_constraint c
             CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(col, ref)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
             JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = k.ref
             WHERE c.contype = 'f' AND c.conrelid = $1::text::regclass",
            &[&name],
        )?
        .iter()
        .map(|r| r.get("fk"))
        .collect();
    let checks: i64 = client
        .query_one(
            "SELECT count(*) AS n FROM pg_constraint
             WHERE contype = 'c' AND conrelid = $1::text::regclass",
            &[&name],
        )?
        .get("n");
    table.checks = usize::try_from(checks)?;
    // Indexes that no constraint made (CREATE INDEX), unique or not.
    table.indexes = client
        .query(
            "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = $1::text::regclass
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)",
            &[&name],
        )?
        .iter()
        .map(|r| r.get("relname"))
        .collect();
    // tgtype bits: 2 BEFORE, 64 INSTEAD OF (else AFTER); 4 INSERT, 8 DELETE, 16 UPDATE,
    // 32 TRUNCATE. Each trigger here has one event, as SQLite's do.
    for r in client.query(
        "SELECT tgname,
                CASE WHEN tgtype & 2 <> 0 THEN 'before'
                     WHEN tgtype & 64 <> 0 THEN 'instead of' ELSE 'after' END || ' ' ||
                concat_ws(' or ',
                    CASE WHEN tgtype & 4 <> 0 THEN 'insert' END,
                    CASE WHEN tgtype & 8 <> 0 THEN 'delete' END,
                    CASE WHEN tgtype & 16 <> 0 THEN 'update' END,
                    CASE WHEN tgtype & 32 <> 0 THEN 'truncate' END) AS event
         FROM pg_trigger WHERE tgrelid = $1::text::regclass AND NOT tgisinternal",
        &[&name],
    )? {
        table.triggers.insert(r.get("tgname"), r.get("event"));
    }
    table.rows = rows(client, name, &table)?;
    Ok(table)
}

/// PostgreSQL types by the SQLite storage class they stand for.
fn family(typname: &str) -> &'static str {
    match typname {
        "int2" | "int4" | "int8" => "integer",
        "text" | "varchar" | "bpchar" | "citext" => "text",
        "float4" | "float8" | "numeric" => "real",
        "bytea" => "blob",
        "bool" => "bool",
        _ => "other",
    }
}

fn rows(client: &mut Client, name: &str, table: &Table) -> Res<Vec<Vec<Option<String>>>> {
    let kept: Vec<String> = table
        .columns
        .iter()
        .filter(|c| !STAMPED.contains(&(name, c.name.as_str())) && c.family != "blob")
        .map(|c| format!("\"{}\"::text", c.name))
        .collect();
    // Qualified, so the key orders by its own type: a bare name would pick the output
    // column of the same name, cast to text ("10" before "2").
    let order = table.primary_key.as_ref().map_or("1".to_owned(), |k| {
        k.columns
            .iter()
            .map(|c| format!("\"{name}\".\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let sql = format!(
        "SELECT {} FROM \"{name}\" ORDER BY {order}",
        kept.join(", ")
    );
    Ok(client
        .query(&sql, &[])?
        .iter()
        .map(|r| (0..kept.len()).map(|i| r.get(i)).collect())
        .collect())
}
