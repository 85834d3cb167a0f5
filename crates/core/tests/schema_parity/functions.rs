//! The helper functions the PostgreSQL migrations define, held to what they stand for in
//! SQLite: date(x) = x, the text instants, COLLATE NOCASE and the FTS5 search.

use rusqlite::Connection;

use crate::pg_support::PgResult;

/// An index expression or a constraint's may only use IMMUTABLE functions; PostgreSQL takes
/// the mark on trust, so it is checked here together with what the functions compute.
#[test]
fn the_helper_functions_are_immutable() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("functions")? else {
        return Ok(());
    };
    let marks = c.query(
        "SELECT proname, provolatile::text AS v FROM pg_proc
         WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'acuchart\\_%'
           AND prorettype <> 'trigger'::regtype
         ORDER BY proname",
        &[],
    )?;
    let marks: Vec<(String, String)> = marks.iter().map(|r| (r.get(0), r.get(1))).collect();
    let names: Vec<&str> = marks.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "acuchart_fold",
            "acuchart_instant",
            "acuchart_is_date",
            "acuchart_patient_search_document"
        ]
    );
    for (name, mark) in &marks {
        assert_eq!(mark, "i", "{name} must be IMMUTABLE");
    }
    // Whatever the session's time zone, the text is read as UTC.
    c.batch_execute("SET TimeZone = 'America/Toronto'")?;
    let row = c.query_one(
        "SELECT acuchart_instant('2026-03-08T07:30:00Z') = '2026-03-08 07:30:00+00' AS same,
                extract(epoch FROM acuchart_instant('1970-01-01T00:00:01Z'))::float8 AS epoch",
        &[],
    )?;
    assert!(row.get::<_, bool>("same"));
    assert_eq!(row.get::<_, f64>("epoch"), 1.0);
    Ok(())
}

/// acuchart_is_date(x) accepts exactly what SQLite's `date(x) = x` accepts.
#[test]
fn a_date_check_agrees_with_sqlite() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("dates")? else {
        return Ok(());
    };
    let lite = Connection::open_in_memory()?;
    for text in [
        "2026-03-02",
        "2024-02-29",
        "2000-02-29",
        "1900-02-29",
        "2025-02-29",
        "2025-04-31",
        "2025-12-31",
        "2025-13-01",
        "2025-00-10",
        "2025-01-00",
        "2025-1-01",
        "2025-01-01T00:00",
        "20250101",
        " 2025-01-01",
        "",
    ] {
        let sqlite: bool =
            lite.query_row("SELECT coalesce(date(?1) = ?1, 0)", [text], |r| r.get(0))?;
        let pg: bool = c
            .query_one("SELECT acuchart_is_date($1) AS ok", &[&text])?
            .get("ok");
        assert_eq!(
            pg, sqlite,
            "{text:?}: SQLite says {sqlite}, PostgreSQL {pg}"
        );
    }
    Ok(())
}

/// COLLATE NOCASE in SQLite compares names without case everywhere, not only in the unique
/// index: signing in as 'OWNER' finds 'owner', and failed sign-ins count together.
#[test]
fn user_names_compare_without_case() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("nocase")? else {
        return Ok(());
    };
    let insert = "INSERT INTO users (username, display_name, password_hash, created_at)
                  VALUES ($1, 'x', 'x', '2026-01-01T00:00:00Z')";
    c.execute(insert, &[&"owner"])?;
    let (code, _) =
        crate::parents::refused("'Owner' beside 'owner'", c.execute(insert, &[&"Owner"]));
    assert_eq!(code, "23505");
    let found: i64 = c
        .query_one(
            "SELECT count(*) AS n FROM users WHERE username = $1",
            &[&"OWNER"],
        )?
        .get("n");
    assert_eq!(found, 1);
    for typed in ["Owner", "OWNER", "owner"] {
        c.execute(
            "INSERT INTO login_failures (username, failures, last_failed_at) VALUES ($1, 1, $2)
             ON CONFLICT (username) DO UPDATE SET failures = login_failures.failures + 1",
            &[&typed, &"2026-01-01T00:00:00Z"],
        )?;
    }
    let row = c.query_one(
        "SELECT count(*) AS n, max(failures) AS f FROM login_failures",
        &[],
    )?;
    assert_eq!((row.get::<_, i64>("n"), row.get::<_, i64>("f")), (1, 3));
    Ok(())
}

/// The search table finds what FTS5 finds: names and e-mail by folded prefix, digits by
/// prefix and only among the numbers.
#[test]
fn the_search_document_folds_names_and_keeps_numbers_apart() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("search")? else {
        return Ok(());
    };
    let p = crate::parents::insert(&mut c)?;
    c.execute(
        "INSERT INTO patient_search (patient_id, names, numbers, contact)
         VALUES ($1, 'José Núñez-Zoë 李明', '1001 5550142 19840307', 'jose.nunez@example.com')",
        &[&p.patient],
    )?;
    let found = |c: &mut postgres::Client, query: &str| -> PgResult<bool> {
        Ok(c.query_one(
            "SELECT count(*) AS n FROM patient_search
             WHERE acuchart_patient_search_document(names, numbers, contact)
                   @@ to_tsquery('simple', $1)",
            &[&query],
        )?
        .get::<_, i64>("n")
            == 1)
    };
    for hit in [
        "jose:*A",
        "nun:*A",
        "zoe:*A",
        "李:*A",
        "李明:*A",
        "example:*A",
        "com:*A",
        "555:*B",
        "1984:*B",
        "1001:*B",
    ] {
        assert!(found(&mut c, hit)?, "{hit} finds nothing");
    }
    for miss in ["555:*A", "nunez:*B", "xavier:*"] {
        assert!(!found(&mut c, miss)?, "{miss} finds the patient");
    }
    Ok(())
}
