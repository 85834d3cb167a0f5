//! The general rules for hostile input, property-tested through the real `acuchart-cli` binary
//! on a real encrypted clinic (surface 8: command lines and `--set` patches; and names,
//! emails, phones and birth dates through `patient add`): each invocation ends within a
//! deadline, never panics, and either succeeds with JSON on standard output or exits 2 with
//! one `{code, message, fields}` line on standard error (after any `\r` progress lines) and
//! nothing on standard output. A refused input stores nothing (every table but the audit log
//! and sign-in records is compared before and after); afterwards the database opens and
//! `audit verify` passes. Other surfaces through the binary: input_surfaces.rs.

mod support;

use std::ffi::OsString;

use proptest::prelude::*;
use support::*;

/// Spawning the binary (a sign-in with Argon2 each time) is the cost: keep these modest.
const CASES: u32 = 32;

/// Under `--json` and in a folder of its own, any command line.
#[test]
fn any_command_line_gets_a_result_or_one_json_error() -> TestResult {
    let c = Clinic::new()?;
    // Half start with a real command, so that more get past the parser into the services.
    let starts = prop::sample::select(vec![
        "",
        "patient search",
        "patient show",
        "points search",
        "note icd10",
        "schedule day",
        "schedule week --from",
        "audit list --limit",
        "patient add --given A --family",
    ]);
    let args = (starts, prop::collection::vec(word(), 1..6)).prop_map(|(start, rest)| {
        let start = start.split_whitespace().map(str::to_owned);
        start.chain(rest).collect::<Vec<_>>()
    });
    c.check("CLI arguments (any command line)", CASES, args, |words| {
        let mut argv: Vec<OsString> = words.iter().map(Into::into).collect();
        // `--help` answers in text by design; it is not an input error.
        argv.retain(|a| a != "help");
        c.attempt(&argv).map(|_| ())
    })?;
    #[cfg(unix)]
    {
        // Arguments that are not UTF-8 at all.
        use std::os::unix::ffi::OsStringExt;
        let bytes = prop::collection::vec(1u8..=255, 1..12);
        c.check(
            "CLI arguments (not UTF-8)",
            CASES / 4,
            (bytes, 0usize..3),
            |(b, at)| {
                let mut argv = os(&["patient", "search", "--limit", "5"]);
                argv.insert(at.min(argv.len()), OsString::from_vec(b));
                c.attempt(&argv).map(|_| ())
            },
        )?;
    }
    c.intact()
}

/// `--set FIELD=VALUE` on the record, the safety flags and the medical history: real fields
/// with a value they take, a hostile value or a misspelt name, one or two at once.
#[test]
fn set_patches_store_tidy_values_or_nothing() -> TestResult {
    let c = Clinic::new()?;
    c.ok(&os(&[
        "patient", "add", "--given", "Ngozi", "--family", "Okafor",
    ]))?;
    // (command, field, a value it takes); the last lines are names no record has.
    let fields = prop::sample::select(vec![
        ("edit", "given_name", "Ana"),
        ("edit", "family_name", "Lee"),
        ("edit", "preferred_name", "Ani"),
        ("edit", "date_of_birth", "1980-02-29"),
        ("edit", "sex", "female"),
        ("edit", "gender", "woman"),
        ("edit", "phone", "555 0100"),
        ("edit", "email", "ana@example.com"),
        ("edit", "city", "Toronto"),
        ("edit", "front_desk_notes", "Parks at the back"),
        ("edit", "consent_date", "2024-05-01"),
        ("flags", "pregnant", "true"),
        ("flags", "pacemaker", "false"),
        ("flags", "other", "Bruises easily"),
        ("medical", "medications", "Warfarin"),
        ("medical", "allergies", "latex"),
        ("medical", "clinical_notes", "Stable"),
        ("edit", "Given_Name", "Ana"),
        ("edit", "id", "7"),
        ("flags", "chart_number", "1"),
    ]);
    let case = (
        fields,
        prop::collection::vec(plausible_or_hostile(), 2),
        0u8..4,
        hostile_text(),
    );
    c.check(
        "--set patches",
        CASES,
        case,
        |((command, field, valid), values, shape, raw)| {
            let set = |v: &str| format!("{field}={v}");
            let sets = match shape {
                0 => vec![set(valid)],
                1 => vec![set(&values[0])],
                2 => vec![set(valid), set(&values[1])],
                _ => vec![raw],
            };
            let mut argv = os(&["patient", command, "1"]);
            for s in &sets {
                argv.push("--set".into());
                argv.push(s.into());
            }
            if let Some(done) = c.attempt(&argv)? {
                // Whatever was accepted is stored tidy: no controls in one-line fields.
                let details = done.get("details").unwrap_or(&done);
                for (name, value) in details.as_object().into_iter().flatten() {
                    if let Some(text) = value.as_str() {
                        let many = name.contains("notes") || command != "edit";
                        tidy(name, text, many)?;
                    }
                }
            }
            Ok(())
        },
    )?;
    c.intact()
}

/// Names, emails, phones and birth dates (surfaces 1 and 2) through `patient add`.
#[test]
fn registrations_through_the_cli_store_tidy_text_or_nothing() -> TestResult {
    let c = Clinic::new()?;
    let flags = prop::sample::select(vec![
        ("--dob", "1980-02-29"),
        ("--email", "ana@example.com"),
        ("--phone", "555 0100"),
        ("--preferred", "Ani"),
    ]);
    let name = prop_oneof![Just("Ana".to_owned()), plausible_or_hostile()];
    let input = (
        name.clone(),
        name,
        flags,
        prop::option::of(plausible_or_hostile()),
    );
    let surface = "patient add (names, email, phone, birth date)";
    c.check(
        surface,
        CASES,
        input,
        |(given, family, (flag, valid), value)| {
            let mut argv = os(&["patient", "add", "--allow-duplicate", "--given"]);
            argv.extend([given.into(), "--family".into(), family.into(), flag.into()]);
            argv.push(value.unwrap_or_else(|| valid.to_owned()).into());
            if let Some(p) = c.attempt(&argv)? {
                for field in [
                    "given_name",
                    "family_name",
                    "preferred_name",
                    "email",
                    "phone",
                ] {
                    if let Some(text) = p[field].as_str() {
                        tidy(field, text, false)?;
                    }
                }
            }
            Ok(())
        },
    )?;
    c.intact()
}

/// A value some field takes (so that accepted input is checked too), or a hostile one.
fn plausible_or_hostile() -> impl Strategy<Value = String> + Clone {
    let plausible = prop::sample::select(vec![
        "Ana",
        "Zoë",
        "female",
        "1980-02-29",
        "true",
        "2",
        "555 0100",
        "ana@example.com",
        "",
    ]);
    prop_oneof![
        2 => plausible.prop_map(str::to_owned),
        3 => hostile_text(),
        1 => word(),
    ]
}
