//! What SQLite's triggers refuse, PostgreSQL's refuse too, with the same messages (the core
//! and its tests match on them), plus TRUNCATE, which SQLite does not have.

use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::parents::{self, refused, AT};
use crate::pg_support::PgResult;

const SIGNED: &str = "a signed visit note cannot be changed; add an addendum";
const CONSTRAINT: &str = "23000";

/// Runs each statement (`$1` = `id`) and expects a refusal whose message contains `words`.
fn all_refused(c: &mut postgres::Client, id: i64, words: &str, statements: &[&str]) {
    for sql in statements {
        let (code, message) = refused(sql, c.execute(*sql, &[&id]));
        assert!(message.contains(words), "{sql}: {message}");
        assert_eq!(code, CONSTRAINT, "{sql}: {message}");
    }
}

#[test]
fn a_signed_note_and_its_rows_never_change() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("notes")? else {
        return Ok(());
    };
    let p = parents::insert(&mut c)?;
    let note = parents::note(&mut c, &p, true)?;
    all_refused(
        &mut c,
        note,
        SIGNED,
        &[
            "UPDATE visit_notes SET pain_now = 1 WHERE id = $1",
            "UPDATE visit_notes SET signed_at = NULL, signed_by = NULL WHERE id = $1",
            "UPDATE visit_points SET point_code = 'ST36' WHERE note_id = $1",
            "DELETE FROM visit_points WHERE note_id = $1",
            "INSERT INTO visit_points (note_id, position, point_code, side)
             VALUES ($1, 99, 'ST36', 'left')",
            "INSERT INTO visit_pain_regions (note_id, region, side) VALUES ($1, 'knee', 'left')",
            "INSERT INTO visit_diagnoses (note_id, position, code, title) VALUES ($1, 1, 'x', 'y')",
            "INSERT INTO visit_psfs (note_id, position, activity, score) VALUES ($1, 1, 'walk', 3)",
            "INSERT INTO visit_alert_acks (note_id, alert_key, reason, acknowledged_by,
                 acknowledged_at) VALUES ($1, 'x', 'y', 1, '2026-01-01')",
        ],
    );
    all_refused(
        &mut c,
        note,
        "a signed visit note cannot be deleted",
        &["DELETE FROM visit_notes WHERE id = $1"],
    );
    // A row of a draft cannot be moved onto a signed note either.
    let draft = parents::note(&mut c, &p, false)?;
    all_refused(
        &mut c,
        draft,
        SIGNED,
        &[&format!(
            "UPDATE visit_points SET note_id = {note} WHERE note_id = $1"
        )],
    );
    // Merging duplicate patients moves the note: the one update allowed.
    let moved = c.execute(
        "UPDATE visit_notes SET patient_id = $2 WHERE id = $1",
        &[&note, &p.duplicate],
    )?;
    assert_eq!(moved, 1);

    // Addenda: only on signed notes, and then never changed or removed.
    let add = "INSERT INTO visit_addenda (note_id, author_id, created_at, body)
               VALUES ($1, $2, $3, 'Pain 2/10 the next day.')";
    let (_, message) = refused(
        "an addendum on a draft",
        c.execute(add, &[&draft, &p.user, &AT]),
    );
    assert!(
        message.contains("addenda are added to signed notes"),
        "{message}"
    );
    c.execute(add, &[&note, &p.user, &AT])?;
    all_refused(
        &mut c,
        note,
        "an addendum cannot be changed",
        &["UPDATE visit_addenda SET body = 'x' WHERE note_id = $1"],
    );
    all_refused(
        &mut c,
        note,
        "an addendum cannot be deleted",
        &["DELETE FROM visit_addenda WHERE note_id = $1"],
    );

    // A draft and its rows stay free to change and to discard.
    c.execute(
        "UPDATE visit_points SET point_code = 'ST36' WHERE note_id = $1",
        &[&draft],
    )?;
    c.execute("DELETE FROM visit_points WHERE note_id = $1", &[&draft])?;
    c.execute("DELETE FROM visit_notes WHERE id = $1", &[&draft])?;
    Ok(())
}

#[test]
fn truncate_is_refused_where_rows_are_protected() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("truncate")? else {
        return Ok(());
    };
    for table in [
        "audit_log",
        "documents",
        "visit_notes",
        "visit_points",
        "visit_pain_regions",
        "visit_diagnoses",
        "visit_psfs",
        "visit_alert_acks",
        "visit_addenda",
    ] {
        // CASCADE reaches every table that refers to this one: still refused.
        let sql = format!("TRUNCATE {table} CASCADE");
        let (code, _) = refused(&sql, c.batch_execute(&sql));
        assert_eq!(code, CONSTRAINT, "{sql}");
    }
    Ok(())
}

#[test]
fn the_audit_log_is_append_only() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("audit")? else {
        return Ok(());
    };
    c.execute(
        "INSERT INTO audit_log (id, at, action, entity, hash) VALUES (1, $1, 'create', 'x', $2)",
        &[&AT, &"ab".repeat(32)],
    )?;
    all_refused(
        &mut c,
        1,
        "the audit log is append-only",
        &[
            "UPDATE audit_log SET action = 'read' WHERE id = $1",
            "DELETE FROM audit_log WHERE id = $1",
        ],
    );
    let (_, message) = refused("TRUNCATE audit_log", c.batch_execute("TRUNCATE audit_log"));
    assert!(message.contains("append-only"), "{message}");
    Ok(())
}

#[test]
fn a_document_never_changes_but_moves_with_a_merge() -> PgResult<()> {
    let Some((_db, mut c)) = crate::migrated("documents")? else {
        return Ok(());
    };
    let p = parents::insert(&mut c)?;
    let id: i64 = c
        .query_one(
            "INSERT INTO documents (kind, patient_id, title, request, pages, pdf, created_at,
                 created_by)
             VALUES ('summary', $1, 'Summary', '{}', 1, '\\x255044462d', $2, $3) RETURNING id",
            &[&p.patient, &AT, &p.user],
        )?
        .get("id");
    all_refused(
        &mut c,
        id,
        "a generated document cannot be changed",
        &[
            "UPDATE documents SET title = 'Other' WHERE id = $1",
            "UPDATE documents SET pdf = '\\x00' WHERE id = $1",
        ],
    );
    all_refused(
        &mut c,
        id,
        "a generated document cannot be deleted",
        &["DELETE FROM documents WHERE id = $1"],
    );
    let moved = c.execute(
        "UPDATE documents SET patient_id = $2 WHERE id = $1",
        &[&id, &p.duplicate],
    )?;
    assert_eq!(moved, 1);
    Ok(())
}

/// With many writers a point could be added to a note that another desk is signing at that
/// moment. The trigger waits for the signing (FOR SHARE on the note) and then refuses.
#[test]
fn a_point_added_while_the_note_is_being_signed_is_refused() -> PgResult<()> {
    let Some((db, mut c)) = crate::migrated("signing")? else {
        return Ok(());
    };
    let p = parents::insert(&mut c)?;
    let note = parents::note(&mut c, &p, false)?;

    let mut signer = c.transaction()?;
    parents::sign(&mut signer, &p, note)?;
    let (done, finished) = mpsc::channel();
    let mut other = db.connect()?;
    let adder = thread::spawn(move || {
        let result = other.execute(
            "INSERT INTO visit_points (note_id, position, point_code, side)
             VALUES ($1, 2, 'ST36', 'left')",
            &[&note],
        );
        let _ = done.send(());
        result.map_err(|e| e.as_db_error().map(|d| d.message().to_owned()))
    });
    // The insert must wait for the signer rather than read the note as still a draft.
    assert!(
        finished.recv_timeout(Duration::from_millis(500)).is_err(),
        "the point went in while the note was being signed"
    );
    signer.commit()?;
    let outcome = adder.join().map_err(|_| "the inserting thread panicked")?;
    match outcome {
        Err(Some(message)) => assert!(message.contains(SIGNED), "{message}"),
        other => panic!("a point was added to a note signed meanwhile: {other:?}"),
    }
    Ok(())
}
