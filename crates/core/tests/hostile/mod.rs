//! Shared pieces of the input property tests (input_*.rs): hostile generators, a runner that
//! counts what it tried per surface, a digest of every stored row (to prove a refusal stored
//! nothing) and the text rules an accepted value must meet whatever the field.
#![allow(dead_code)]

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::time::{Duration, Instant};

use acuchart_core::db::{self, OpenMode};
use acuchart_core::keys::KeyStore;
use acuchart_core::{Error, ErrorCode};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::common::{Fixture, ADMIN, PASSWORD};

pub type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// A case that takes longer than this counts as a hang: every service answers a person.
pub const PER_CASE: Duration = Duration::from_secs(5);

/// Runs `test` on `cases` inputs from `strategy`, fails on the first counterexample (after
/// shrinking), fails a case that runs past [`PER_CASE`], and prints how many were tried, so
/// docs/TESTING.md's table can be checked against a run (`-- --nocapture`).
pub fn check<S: Strategy>(
    surface: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> Res<u64>
where
    S::Value: std::fmt::Debug,
{
    let tried = std::cell::Cell::new(0u64);
    TALLY.with(|t| t.set((0, 0)));
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        // Shrinking re-runs services against a real database: keep it bounded.
        max_shrink_iters: 256,
        ..Config::default()
    });
    runner
        .run(&strategy, |v| {
            tried.set(tried.get() + 1);
            let started = Instant::now();
            test(v)?;
            let took = started.elapsed();
            prop_assert!(took < PER_CASE, "took {took:?}: a hang for a person");
            Ok(())
        })
        .map_err(|e| format!("{surface}: {e}"))?;
    let (accepted, refused) = TALLY.with(std::cell::Cell::get);
    let outcomes = if accepted + refused > 0 {
        format!(" ({accepted} accepted, {refused} refused)")
    } else {
        String::new()
    };
    eprintln!("hostile input: {surface}: {} inputs{outcomes}", tried.get());
    Ok(tried.get())
}

thread_local! {
    /// Accepted and refused inputs of the property running on this thread: a property whose
    /// inputs are all refused (or all accepted) tests only half of its rule.
    static TALLY: std::cell::Cell<(u64, u64)> = const { std::cell::Cell::new((0, 0)) };
}

/// Counts one input's outcome for the line [`check`] prints.
pub fn tally<T, E>(r: &Result<T, E>) {
    TALLY.with(|t| {
        let (a, b) = t.get();
        t.set(if r.is_ok() { (a + 1, b) } else { (a, b + 1) });
    });
}

/// Single characters from every hostile class, one class a line.
pub fn hostile_char() -> impl Strategy<Value = char> {
    let classes = [
        // Controls: NUL, BEL, BS, TAB, LF, CR, ESC, DEL, NEL, C1 CSI.
        "\0\u{7}\u{8}\t\n\r\u{1b}\u{7f}\u{85}\u{9b}",
        // Direction overrides, embeddings, isolates and marks.
        "\u{202A}\u{202B}\u{202C}\u{202D}\u{202E}\u{2066}\u{2067}\u{2068}\u{2069}\u{61C}\u{200E}\u{200F}",
        // Invisible: zero-width, joiners, BOM, soft hyphen, fillers, combining marks.
        "\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{AD}\u{3164}\u{115F}\u{FFA0}\u{301}\u{308}\u{34F}\u{FE0F}",
        // Look-alikes: long s, dotless i, Kelvin, full-width, Cyrillic, Greek.
        "ſı\u{212A}ＳＴ３аеоΟΑ",
        // Line and paragraph separators, NBSP, ideographic space, non-characters, private
        // use, the last code point, the replacement character.
        "\u{2028}\u{2029}\u{A0}\u{3000}\u{FFFE}\u{FFFF}\u{E000}\u{10FFFF}\u{FFFD}",
    ];
    prop::sample::select(classes.concat().chars().collect::<Vec<_>>())
}

/// Pieces people paste and attackers try, each as one token.
fn hostile_token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z]{1,8}",
        2 => "[0-9]{1,6}",
        1 => Just(" ".to_owned()),
        4 => hostile_char().prop_map(String::from),
        1 => Just("\u{1b}[31m".to_owned()),
        1 => Just("\u{1b}]0;owned\u{7}".to_owned()),
        1 => Just("'; DROP TABLE patients; --".to_owned()),
        1 => Just("<script>alert(1)</script>".to_owned()),
        1 => Just("=HYPERLINK(\"http://x\")".to_owned()),
        1 => Just("%s%n{0}${x}".to_owned()),
        1 => Just("\"*NEAR(".to_owned()),
        1 => Just("👩\u{200D}⚕\u{FE0F}".to_owned()),
        1 => Just("陈伟".to_owned()),
        1 => Just("E\u{0301}loi\u{0308}se".to_owned()),
        1 => Just("\r\n".to_owned()),
    ]
}

/// Text for any free-text field: mostly short mixes of tokens (often valid, so the accepted
/// side is exercised too), some blank or invisible-only, some around and far past the
/// limits, some arbitrary Unicode.
pub fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(hostile_token(), 1..8).prop_map(|v| v.concat()),
        3 => "[A-Za-z][A-Za-z '.-]{0,30}",
        1 => prop::collection::vec(
            prop::sample::select(vec![' ', '\u{200B}', '\u{FEFF}', '\u{3164}', '\u{0301}', '\t']),
            0..6
        )
        .prop_map(|v| v.into_iter().collect()),
        2 => (
            prop::sample::select(vec![99usize, 100, 101, 120, 121, 199, 200, 201, 1000, 1001,
                2000, 2001, 19_999, 20_000, 20_001, 100_000]),
            "[a-z]",
        )
            .prop_map(|(n, c)| c.repeat(n)),
        2 => any::<String>(),
    ]
}

/// Bytes for a file input: random, mostly-text, or a valid file cut short or damaged.
pub fn damaged(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len().max(1);
    let cut = valid.clone();
    let flip = valid.clone();
    let add = valid;
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2048),
        (0..len).prop_map(move |n| cut[..n.min(cut.len())].to_vec()),
        (prop::collection::vec((0..len, any::<u8>()), 1..8)).prop_map(move |edits| {
            let mut b = flip.clone();
            for (at, byte) in edits {
                if let Some(slot) = b.get_mut(at) {
                    *slot = slot.wrapping_add(byte.max(1));
                }
            }
            b
        }),
        prop::collection::vec(any::<u8>(), 1..64).prop_map(move |tail| {
            let mut b = add.clone();
            b.extend(tail);
            b
        }),
    ]
}

/// A refusal a person can act on: a clear code and a non-empty message; never a storage or
/// internal error.
pub fn clear(e: &Error) -> Result<(), TestCaseError> {
    let ok = matches!(
        e.code(),
        ErrorCode::InvalidInput
            | ErrorCode::Conflict
            | ErrorCode::NotFound
            | ErrorCode::NeedsAcknowledgement
            | ErrorCode::InvalidRecoveryKey
    ) && !e.to_string().trim().is_empty();
    prop_assert!(ok, "unclear refusal {:?}: {}", e.code(), e);
    Ok(())
}

/// Whether `e` is about `field` (the form can mark it).
pub fn names_field(e: &Error, field: &str) -> bool {
    match e {
        Error::Invalid(fields) => fields.iter().any(|f| f.field == field),
        _ => false,
    }
}

/// A second connection on the clinic's database, to read what is really stored.
pub fn raw(f: &Fixture) -> Res<rusqlite::Connection> {
    let key = KeyStore::default()
        .load(f.vault.db_path())?
        .ok_or("no key")?;
    Ok(db::open(f.vault.db_path(), &key, OpenMode::Existing)?)
}

/// Tables that change when nothing was stored: the audit log records reads and refusals,
/// sessions and sign-in attempts record who is signed in.
fn volatile(table: &str) -> bool {
    table.starts_with("audit") || table.contains("session") || table.contains("login")
}

/// A digest of every row of every table but the volatile ones: equal digests before and
/// after a refused input mean it stored nothing.
pub fn digest(conn: &rusqlite::Connection) -> Result<u64, TestCaseError> {
    fn go(conn: &rusqlite::Connection) -> rusqlite::Result<u64> {
        let mut h = DefaultHasher::new();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get("name"))?
            .collect::<rusqlite::Result<_>>()?;
        for t in tables.iter().filter(|t| !volatile(t)) {
            t.hash(&mut h);
            let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\""))?;
            let width = stmt.column_count();
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                for i in 0..width {
                    format!("{:?}", row.get_ref(i)?).hash(&mut h);
                }
            }
        }
        Ok(h.finish())
    }
    go(conn).map_err(|e| TestCaseError::fail(format!("reading the database: {e}")))
}

/// What an accepted value of a free-text field must be whatever was typed: NFC, trimmed, no
/// control characters (line breaks and tabs only where `many` lines are allowed, CR only
/// before LF), no direction overrides, not only invisible characters, within `max`.
pub fn tidy_text(stored: &str, many: bool, max: usize) -> Result<(), TestCaseError> {
    use unicode_normalization::is_nfc;
    prop_assert!(is_nfc(stored), "not NFC: {stored:?}");
    prop_assert_eq!(stored.trim(), stored, "not trimmed");
    prop_assert!(!stored.is_empty(), "blank stored instead of nothing");
    let mut chars = stored.chars().peekable();
    while let Some(c) = chars.next() {
        let line = many && (c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n')));
        prop_assert!(
            !c.is_control() || line,
            "control {c:?} stored in {stored:?}"
        );
        prop_assert!(
            !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'),
            "direction override stored in {stored:?}"
        );
    }
    prop_assert!(
        stored.chars().count() <= max,
        "{} > {max} characters",
        stored.chars().count()
    );
    prop_assert!(
        stored.chars().any(visible),
        "only invisible characters: {stored:?}"
    );
    Ok(())
}

/// Characters that show something (not spaces, zero-width characters, fillers, marks alone).
fn visible(c: char) -> bool {
    !c.is_whitespace()
        && !unicode_normalization::char::is_combining_mark(c)
        && !matches!(
            c,
            '\u{00AD}' | '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{200B}'..='\u{200F}'
                | '\u{2060}'..='\u{2064}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// The value a person typed, as an accepting field must store it: NFC and trimmed.
pub fn expected(typed: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let n: String = typed.nfc().collect();
    let t = n.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Whether a typed value must be refused by a field with these limits, independently of the
/// core's own check: a control character (other than line breaks where allowed), a direction
/// override, or more than `max` characters after tidying.
pub fn must_refuse(typed: &str, many: bool, max: usize) -> bool {
    let Some(t) = expected(typed) else {
        return false;
    };
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        let line = many && (c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n')));
        if (c.is_control() && !line)
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        {
            return true;
        }
    }
    t.chars().count() > max
}

/// `base` with one field set to `value` through its JSON form, as a form or the CLI's
/// `--set` sends it.
pub fn with_field<T: serde::Serialize + serde::de::DeserializeOwned>(
    base: &T,
    path: &[&str],
    value: &str,
) -> Result<T, TestCaseError> {
    let mut json = serde_json::to_value(base).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let mut slot = &mut json;
    for key in path {
        slot = match key.parse::<usize>() {
            Ok(i) => &mut slot[i],
            Err(_) => &mut slot[*key],
        };
    }
    *slot = serde_json::Value::String(value.to_owned());
    serde_json::from_value(json).map_err(|e| TestCaseError::fail(e.to_string()))
}

/// One text field of a record, read through its JSON form (`None` when null or absent).
pub fn field_of<T: serde::Serialize>(record: &T, path: &[&str]) -> Option<String> {
    let mut json = serde_json::to_value(record).ok()?;
    for key in path {
        json = match key.parse::<usize>() {
            Ok(i) => json.get(i)?.clone(),
            Err(_) => json.get(*key)?.clone(),
        };
    }
    json.as_str().map(str::to_owned)
}

/// What a text field must do with `typed`: refuse it (naming `field`) and store nothing, or
/// store it tidy, exactly as typed after NFC and trimming.
pub struct TextRule {
    pub field: &'static str,
    pub many: bool,
    pub max: usize,
    pub required: bool,
}

impl TextRule {
    pub fn judge(
        &self,
        typed: &str,
        outcome: Result<Option<String>, Error>,
        before: u64,
        after: u64,
    ) -> Result<(), TestCaseError> {
        tally(&outcome);
        match outcome {
            Err(e) => {
                clear(&e)?;
                prop_assert!(names_field(&e, self.field), "{} not named: {e}", self.field);
                prop_assert_eq!(before, after, "a refused {} stored something", self.field);
            }
            Ok(stored) => {
                prop_assert!(
                    !must_refuse(typed, self.many, self.max),
                    "{} accepted {typed:?}",
                    self.field
                );
                let want = expected(typed);
                prop_assert!(
                    want.is_some() || !self.required,
                    "blank {} accepted",
                    self.field
                );
                prop_assert_eq!(&stored, &want, "{} not stored as typed", self.field);
                if let Some(s) = stored {
                    tidy_text(&s, self.many, self.max)?;
                }
            }
        }
        Ok(())
    }
}

/// A patient to edit; duplicates allowed, so tests can make as many as they need.
pub fn patient(f: &Fixture, family: &str) -> Res<acuchart_core::ids::PatientId> {
    let input = acuchart_core::patients::NewPatient {
        given_name: "Base".into(),
        family_name: family.into(),
        allow_duplicate: true,
        ..Default::default()
    };
    Ok(f.clinic.create_patient(&f.admin, &input)?.id)
}

/// The audit chain verifies and the clinic opens again from its file.
pub fn intact(f: &Fixture) -> Res<()> {
    let v = f.clinic.verify_audit(&f.admin)?;
    assert_eq!(v.first_broken_id, None, "{:?}", v.problem);
    f.vault.open()?.login(ADMIN, PASSWORD)?;
    Ok(())
}

pub fn fail(e: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(e.to_string())
}
