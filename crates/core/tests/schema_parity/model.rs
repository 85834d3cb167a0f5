//! One description of a schema that both catalogues are read into, and the comparison that
//! lists every difference in words.

use std::collections::{BTreeMap, BTreeSet};

/// A column as both engines can state it: the type only as its family, because SQLite's
/// INTEGER is PostgreSQL's bigint, REAL double precision and BLOB bytea.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// integer, text, real, blob, bool; empty for an FTS5 column (no type).
    pub family: String,
    pub not_null: bool,
}

/// A key: its columns in order, and whether it compares them case-insensitively (SQLite's
/// COLLATE NOCASE, PostgreSQL's `nocase` collation).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub columns: Vec<String>,
    pub nocase: bool,
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({})", self.columns.join(", "))?;
        if self.nocase {
            f.write_str(" nocase")?;
        }
        Ok(())
    }
}

#[derive(Debug, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub primary_key: Option<Key>,
    /// UNIQUE constraints and unique indexes.
    pub uniques: BTreeSet<Key>,
    /// `column -> table.column`.
    pub foreign_keys: BTreeSet<String>,
    pub checks: usize,
    /// Indexes made by CREATE INDEX (not by a key), by name.
    pub indexes: BTreeSet<String>,
    /// Trigger name -> event (`before update`, `before truncate`, …).
    pub triggers: BTreeMap<String, String>,
    /// Every row after the migrations (seed data), each value as text; the columns a
    /// migration stamps with its own time are left out.
    pub rows: Vec<Vec<Option<String>>>,
}

#[derive(Debug, Default)]
pub struct Schema {
    pub tables: BTreeMap<String, Table>,
    /// SQLite's virtual (FTS5) tables: their column names.
    pub virtual_tables: BTreeMap<String, Vec<String>>,
    /// `PRAGMA user_version` / the largest version in schema_migrations.
    pub version: i64,
    /// (version, name) of every applied migration.
    pub migrations: Vec<(i64, String)>,
}

/// Columns whose seeded value is the time the migration ran, different on every run.
pub const STAMPED: &[(&str, &str)] = &[
    ("schema_migrations", "applied_at"),
    ("condition_handouts", "updated_at"),
];

/// SQLite virtual tables and the PostgreSQL column that stands for their rowid.
pub const VIRTUAL_ROWID: &[(&str, &str)] = &[("patient_search", "patient_id")];

/// Indexes only PostgreSQL has, and why.
pub const POSTGRES_ONLY_INDEXES: &[(&str, &str)] = &[(
    "patient_search_document",
    "the text search index that stands for the FTS5 table's own index",
)];

/// Every difference between the SQLite schema `lite` and the PostgreSQL schema `pg`.
pub fn differences(lite: &Schema, pg: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    if lite.version != pg.version {
        out.push(format!(
            "schema version: SQLite {} vs PostgreSQL {}",
            lite.version, pg.version
        ));
    }
    if lite.migrations != pg.migrations {
        out.push(format!(
            "applied migrations: SQLite {:?} vs PostgreSQL {:?}",
            lite.migrations, pg.migrations
        ));
    }
    for name in lite.tables.keys().filter(|t| !pg.tables.contains_key(*t)) {
        out.push(format!("table {name}: only in SQLite"));
    }
    for name in pg.tables.keys() {
        if !lite.tables.contains_key(name) && !lite.virtual_tables.contains_key(name) {
            out.push(format!("table {name}: only in PostgreSQL"));
        }
    }
    for (name, l) in &lite.tables {
        if let Some(p) = pg.tables.get(name) {
            compare_table(name, l, p, &mut out);
        }
    }
    for (name, columns) in &lite.virtual_tables {
        compare_virtual(name, columns, pg.tables.get(name), &mut out);
    }
    out
}

fn compare_table(name: &str, l: &Table, p: &Table, out: &mut Vec<String>) {
    compare_columns(name, &l.columns, &p.columns, out);
    if l.primary_key != p.primary_key {
        let show = |k: &Option<Key>| k.as_ref().map_or("none".to_owned(), Key::to_string);
        out.push(format!(
            "table {name}: primary key SQLite {} vs PostgreSQL {}",
            show(&l.primary_key),
            show(&p.primary_key)
        ));
    }
    set_diff(name, "unique key", &l.uniques, &p.uniques, out);
    set_diff(name, "foreign key", &l.foreign_keys, &p.foreign_keys, out);
    if l.checks != p.checks {
        out.push(format!(
            "table {name}: {} CHECK constraints in SQLite, {} in PostgreSQL",
            l.checks, p.checks
        ));
    }
    let pg_indexes: BTreeSet<String> = p
        .indexes
        .iter()
        .filter(|i| !POSTGRES_ONLY_INDEXES.iter().any(|(n, _)| n == i))
        .cloned()
        .collect();
    set_diff(name, "index", &l.indexes, &pg_indexes, out);
    compare_triggers(name, l, p, out);
    if l.rows != p.rows {
        out.push(format!(
            "table {name}: rows after the migrations differ\n    SQLite: {:?}\n    PostgreSQL: {:?}",
            l.rows, p.rows
        ));
    }
}

/// Each column missing on one side or stated differently, by name; then the order, which
/// `SELECT *` and the core's row readers see.
fn compare_columns(table: &str, lite: &[Column], pg: &[Column], out: &mut Vec<String>) {
    let show = |c: &Column| {
        let null = if c.not_null { " not null" } else { "" };
        format!("{} {}{null}", c.name, c.family)
    };
    for l in lite {
        match pg.iter().find(|p| p.name == l.name) {
            None => out.push(format!("table {table}: column {} only in SQLite", show(l))),
            Some(p) if p != l => out.push(format!(
                "table {table}: column SQLite {} vs PostgreSQL {}",
                show(l),
                show(p)
            )),
            Some(_) => {}
        }
    }
    for p in pg.iter().filter(|p| !lite.iter().any(|l| l.name == p.name)) {
        out.push(format!(
            "table {table}: column {} only in PostgreSQL",
            show(p)
        ));
    }
    let names = |cs: &[Column]| cs.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
    let (l, p) = (names(lite), names(pg));
    if l.len() == p.len() && l != p {
        out.push(format!(
            "table {table}: columns in another order\n    SQLite: {}\n    PostgreSQL: {}",
            l.join(", "),
            p.join(", ")
        ));
    }
}

/// The same triggers by name and event; PostgreSQL adds BEFORE TRUNCATE (SQLite has no
/// TRUNCATE), and must have one on every table whose rows SQLite guards against DELETE.
fn compare_triggers(name: &str, l: &Table, p: &Table, out: &mut Vec<String>) {
    let lite: BTreeSet<String> = l.triggers.iter().map(|(n, e)| format!("{n} {e}")).collect();
    let pg: BTreeSet<String> = p
        .triggers
        .iter()
        .filter(|(_, e)| e.as_str() != "before truncate")
        .map(|(n, e)| format!("{n} {e}"))
        .collect();
    set_diff(name, "trigger", &lite, &pg, out);
    let guards_delete = l.triggers.values().any(|e| e == "before delete");
    let guards_truncate = p.triggers.values().any(|e| e == "before truncate");
    if guards_delete && !guards_truncate {
        out.push(format!(
            "table {name}: SQLite guards DELETE but PostgreSQL has no BEFORE TRUNCATE trigger"
        ));
    }
}

/// An FTS5 table is an ordinary PostgreSQL table with its columns and a key for the rowid.
fn compare_virtual(name: &str, columns: &[String], pg: Option<&Table>, out: &mut Vec<String>) {
    let Some(p) = pg else {
        out.push(format!(
            "virtual table {name}: no PostgreSQL table stands for it"
        ));
        return;
    };
    let rowid = VIRTUAL_ROWID
        .iter()
        .find(|(t, _)| *t == name)
        .map_or("", |(_, c)| *c);
    let mut expected = vec![rowid.to_owned()];
    expected.extend(columns.iter().cloned());
    let mut got: Vec<String> = p.columns.iter().map(|c| c.name.clone()).collect();
    // The rowid stand-in comes first in PostgreSQL; later columns append in both.
    got.sort_by_key(|c| c != rowid);
    if got != expected {
        out.push(format!(
            "virtual table {name}: SQLite columns rowid→{rowid} + {columns:?}, PostgreSQL {got:?}"
        ));
    }
    let key = Some(Key {
        columns: vec![rowid.to_owned()],
        nocase: false,
    });
    if p.primary_key != key {
        out.push(format!(
            "virtual table {name}: PostgreSQL's key must be {rowid} (the rowid)"
        ));
    }
}

fn set_diff<T: Ord + std::fmt::Display>(
    table: &str,
    what: &str,
    lite: &BTreeSet<T>,
    pg: &BTreeSet<T>,
    out: &mut Vec<String>,
) {
    for k in lite.difference(pg) {
        out.push(format!("table {table}: {what} {k} only in SQLite"));
    }
    for k in pg.difference(lite) {
        out.push(format!("table {table}: {what} {k} only in PostgreSQL"));
    }
}
