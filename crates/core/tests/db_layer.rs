//! The database layer runs the same statements on SQLCipher and on a real PostgreSQL server
//! and reads the same values back by column name. PostgreSQL comes from `make test`
//! (see `pg_support`).

use acuchart_core::db::{Backend, Db, PgSession, Value};
use acuchart_core::ids::PatientId;
use acuchart_core::sql_params;

type TestResult = Result<(), Box<dyn std::error::Error>>;

mod pg_support;

const SQLITE_TABLE: &str = "CREATE TABLE things (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    patient_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    note TEXT,
    done INTEGER NOT NULL CHECK (done IN (0, 1)),
    weight REAL,
    picture BLOB
)";

const POSTGRES_TABLE: &str = "CREATE TABLE things (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id bigint NOT NULL,
    name text NOT NULL,
    note text,
    done bigint NOT NULL CHECK (done IN (0, 1)),
    weight double precision,
    picture bytea
)";

/// The statements under test, written once.
fn exercise(db: Db<'_>) -> TestResult {
    let first = db.insert_returning_id(
        "INSERT INTO things (patient_id, name, note, done, weight, picture)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        sql_params![
            PatientId(7),
            "Zoë Ångström — 张伟",
            None::<String>,
            true,
            61.5,
            vec![0u8, 255, 10]
        ],
    )?;
    let second = db.insert_returning_id(
        "INSERT INTO things (patient_id, name, note, done, weight, picture)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
        sql_params![
            PatientId(7),
            "it's ?1 -- not a parameter",
            Some("x"),
            false,
            None::<f64>,
            None::<Vec<u8>>
        ],
    )?;
    assert_eq!(second, first + 1, "ids count up on {:?}", db.backend());

    let row = db.query_one("SELECT * FROM things WHERE id = ?1", sql_params![first])?;
    assert_eq!(row.get::<PatientId>("patient_id")?, PatientId(7));
    assert_eq!(row.get::<String>("name")?, "Zoë Ångström — 张伟");
    assert_eq!(row.get::<Option<String>>("note")?, None);
    assert!(row.get::<bool>("done")?);
    assert_eq!(row.get::<f64>("weight")?, 61.5);
    assert_eq!(row.get::<Vec<u8>>("picture")?, vec![0u8, 255, 10]);

    // A literal that looks like a parameter is left alone.
    let row = db.query_one(
        "SELECT name, note FROM things WHERE name = 'it''s ?1 -- not a parameter'",
        sql_params![],
    )?;
    assert_eq!(row.get::<Option<String>>("note")?, Some("x".into()));

    // NULL read as a value that must exist, and the wrong kind, are errors naming the column.
    let row = db.query_one(
        "SELECT note, name FROM things WHERE id = ?1",
        sql_params![first],
    )?;
    let err = row.get::<String>("note").err().ok_or("NULL read as text")?;
    assert!(err.to_string().contains("column note"), "{err}");
    let err = row
        .get::<i64>("name")
        .err()
        .ok_or("text read as a number")?;
    assert!(err.to_string().contains("expected a whole number"), "{err}");
    assert!(row.get::<String>("missing").is_err());

    // Aggregates: count is bigint on both; sum is cast so PostgreSQL does not answer numeric.
    let row = db.query_one(
        "SELECT count(*) AS n, CAST(sum(done) AS BIGINT) AS done_count FROM things WHERE patient_id = ?1",
        sql_params![PatientId(7)],
    )?;
    assert_eq!(row.get::<i64>("n")?, 2);
    assert_eq!(row.get::<i64>("done_count")?, 1);

    let changed = db.execute(
        "UPDATE things SET done = ?2 WHERE patient_id = ?1",
        sql_params![PatientId(7), true],
    )?;
    assert_eq!(changed, 2);
    let names: Vec<String> = db
        .query("SELECT name FROM things ORDER BY id", sql_params![])?
        .iter()
        .map(|r| r.get("name"))
        .collect::<Result<_, _>>()?;
    assert_eq!(names.len(), 2);
    assert!(db
        .query_opt("SELECT id FROM things WHERE id = ?1", sql_params![-1i64])?
        .is_none());

    // An unnumbered parameter is refused on PostgreSQL rather than guessed at.
    if db.backend() == Backend::Postgres {
        let err = db.query("SELECT id FROM things WHERE id = ?", sql_params![1i64]);
        assert!(err.is_err());
    }
    let row = db.query_one("SELECT ?1 AS v", sql_params![Value::Null])?;
    assert_eq!(row.get::<Option<i64>>("v")?, None);
    Ok(())
}

#[test]
fn the_same_statements_run_on_sqlcipher() -> TestResult {
    let conn = rusqlite::Connection::open_in_memory()?;
    conn.execute_batch(SQLITE_TABLE)?;
    let db = Db::sqlite(&conn);
    assert_eq!(db.backend(), Backend::Sqlite);
    exercise(db)
}

#[test]
fn the_same_statements_run_on_postgres() -> TestResult {
    let Some(url) = pg_support::database_url() else {
        return Ok(());
    };
    let database = pg_support::TempDatabase::create(&url, "db_layer")?;
    let session = PgSession::new(database.connect()?);
    let db = Db::postgres(&session);
    db.batch(POSTGRES_TABLE)?;
    assert_eq!(db.backend(), Backend::Postgres);
    exercise(db)
}
