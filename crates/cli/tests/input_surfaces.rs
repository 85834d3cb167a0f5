//! A smaller sample of surfaces 3 to 7 and 9 through the real `acuchart-cli` binary (the
//! core's input properties try many more in-process): point entries, note drafts as files,
//! bookings, CSV files, backups given to verify and document options. The same rules as
//! input_properties.rs: each invocation ends, never panics, succeeds with JSON or exits 2
//! with one JSON error and stores nothing; afterwards the database opens and `audit verify`
//! passes. Each value is sometimes a valid one, so that accepted input is checked too.

mod support;

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;
use serde_json::{json, Value};
use support::*;

/// Each case spawns the binary (a sign-in with Argon2): a few per surface.
const CASES: u32 = 16;

/// A clinic with a patient, a room, a bookable type and an open note; the note's id.
fn clinic() -> Res<(Clinic, String)> {
    let c = Clinic::new()?;
    for line in [
        "patient add --given Ngozi --family Okafor",
        "schedule setup practitioner mei --colour #336699",
        "schedule setup room --name Room-1",
        "schedule setup type --name Follow-up --minutes 45 --colour #2a9d8f",
    ] {
        c.ok(&split(line))?;
    }
    let note = c.ok(&split("note start --patient 1"))?.ok_or("no note")?;
    Ok((c, note["id"].to_string()))
}

fn split(line: &str) -> Vec<std::ffi::OsString> {
    line.split_whitespace().map(Into::into).collect()
}

/// One of `valid`, or any word of a command line.
fn or_word(valid: &[&str]) -> impl Strategy<Value = String> {
    let valid = prop::sample::select(valid.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>());
    prop_oneof![1 => valid, 2 => word()]
}

#[test]
fn point_entries_and_note_drafts_through_the_cli() -> TestResult {
    let (c, id) = clinic()?;
    let entries = or_word(&["st36 l", "LI4 b", "gv20", "ub40 r", "sj5"]);
    c.check("CLI: point entries", CASES, entries, |entry| {
        let mut argv = split(&format!("note add-point {id}"));
        argv.push(entry.into());
        c.attempt(&argv).map(|_| ())
    })?;
    let draft = json!({"content": {"chief_complaint": "Neck pain", "pain_now": 5},
        "points": [{"code": "LI4", "side": "bilateral", "retention_minutes": 20}]});
    let value = prop_oneof![
        hostile_text().prop_map(Value::String),
        prop::sample::select(vec![
            json!(3),
            json!(256),
            json!(-1),
            json!(null),
            json!({})
        ]),
    ];
    let file = c.dir.path().join("draft.json");
    let input = (any::<Index>(), any::<bool>(), value, "[a-z_]{1,12}");
    c.check(
        "CLI: note drafts (files)",
        CASES,
        input,
        |(i, typo, value, unknown)| {
            let spots: [&[&str]; 4] = [
                &["content", "chief_complaint"],
                &["content", "pain_now"],
                &["points", "0", "code"],
                &["points", "0", "retention_minutes"],
            ];
            let mut d = draft.clone();
            set_path(&mut d, spots[i.index(spots.len())], value);
            if typo {
                set_path(&mut d, &["content", unknown.as_str()], json!("x"));
            }
            std::fs::write(&file, d.to_string()).map_err(fail)?;
            let mut argv = split(&format!("note save {id} --file"));
            argv.push(file.clone().into());
            c.attempt(&argv).map(|_| ())
        },
    )?;
    c.intact()
}

#[test]
fn bookings_and_document_options_through_the_cli() -> TestResult {
    let (c, id) = clinic()?;
    let at = prop_oneof![
        word(),
        "20(30|31)-0[1-9]-[0-2][1-9] 1[0-6]:[0-5]0",
        "20(30|31)-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]"
    ];
    let input = (
        at,
        or_word(&["45", "30"]),
        prop::option::of(or_word(&["3"])),
    );
    c.check("CLI: bookings", CASES, input, |(at, minutes, count)| {
        let mut argv = split("schedule book --patient 1 --practitioner mei --type Follow-up");
        argv.extend([
            "--override".into(),
            "Requested".into(),
            "--at".into(),
            at.into(),
        ]);
        argv.extend(["--minutes".into(), minutes.into()]);
        if let Some(count) = count {
            argv.extend(["--count".into(), count.into()]);
        }
        c.attempt(&argv).map(|_| ())
    })?;

    // A superbill needs a signed note on its date.
    let file = c.dir.path().join("draft.json");
    let complete = json!({"content": {"chief_complaint": "Neck pain", "needles_inserted": 2,
        "needles_removed": 2}, "points": [{"code": "LI4", "side": "bilateral"}]});
    std::fs::write(&file, complete.to_string())?;
    let mut save = split(&format!("note save {id} --file"));
    save.push(file.into());
    c.ok(&save)?;
    let signed = c
        .ok(&split(&format!("note sign {id}")))?
        .ok_or("not signed")?;
    let day = signed["visit_date"].as_str().unwrap_or("").to_owned();
    let out = c.dir.path().join("bill.pdf");
    let input = (
        or_word(&[&day]),
        or_word(&["9000", "0"]),
        or_word(&["Card", "Cash"]),
    );
    c.check(
        "CLI: document options",
        CASES,
        input,
        |(date, paid, method)| {
            let mut argv = split("--force doc superbill --patient 1");
            for (flag, value) in [
                ("--date", date),
                ("--paid-cents", paid),
                ("--payment-method", method),
            ] {
                argv.extend([flag.into(), value.into()]);
            }
            argv.extend(["--out".into(), out.clone().into()]);
            c.attempt(&argv).map(|_| ())
        },
    )?;
    c.intact()
}

#[test]
fn csv_files_and_backups_through_the_cli() -> TestResult {
    let c = Clinic::new()?;
    let backup = c.ok(&split("backup create"))?.ok_or("no backup")?;
    let good = std::fs::read(backup["path"].as_str().ok_or("no backup path")?)?;
    let file = c.dir.path().join("given");
    let csv = b"Patient ID,First Name,Surname,DOB,Email\nP-1,Ana,Lee,12/03/1981,ana@example.com\n";
    let files = prop_oneof![1 => Just(csv.to_vec()), 3 => damaged(csv.to_vec())];
    c.check("CLI: CSV import", CASES, files, |bytes| {
        std::fs::write(&file, bytes).map_err(fail)?;
        let mut argv = split("import patients");
        argv.push(file.clone().into());
        c.attempt(&argv).map(|_| ())
    })?;
    let backups = prop_oneof![1 => Just(good.clone()), 3 => damaged(good.clone())];
    c.check("CLI: backups given to verify", CASES, backups, |bytes| {
        std::fs::write(&file, &bytes).map_err(fail)?;
        let mut argv = split("backup verify");
        argv.push(file.clone().into());
        let done = c.attempt(&argv)?;
        prop_assert_eq!(
            done.is_some(),
            bytes == good,
            "a damaged backup passed, or a good one failed"
        );
        Ok(())
    })?;
    c.intact()
}

fn set_path(v: &mut Value, path: &[&str], value: Value) {
    let mut slot = v;
    for key in path {
        slot = match key.parse::<usize>() {
            Ok(i) => match slot.get_mut(i) {
                Some(s) => s,
                None => return,
            },
            Err(_) => &mut slot[*key],
        };
    }
    *slot = value;
}

fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}
