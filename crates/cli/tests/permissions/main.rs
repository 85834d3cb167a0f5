//! The role × operation matrix for the command line: every command the CLI has (walked from
//! its own command tree) runs through the real binary as an admin, a practitioner and a
//! receptionist (each holding only that role) on a real database. The roles the permission
//! table allows must succeed; the others must be refused with `permission_denied`. Nothing a
//! receptionist runs may print a clinical field.
//!
//! Added a CLI command? Add a `case` line to CASES below (the test says so when you forget).

use std::path::Path;
use std::process::Command;

mod cases;
mod schedule;
mod world;

use acuchart_core::auth::{allowed_roles, Role};
use cases::{
    Access::{NoSignIn, Op, SignedIn},
    CASES,
};
use serde_json::Value;
use world::{Res, World, MARKERS, OTHER_PASSWORD, PASSWORD};

type TestResult = Result<(), Box<dyn std::error::Error>>;

struct Run {
    ok: bool,
    stdout: String,
    error_code: Option<String>,
    stderr: String,
}

fn run(db: &Path, user: &str, words: &str, args: &[String]) -> Res<Run> {
    let out = Command::new(env!("CARGO_BIN_EXE_acuchart-cli"))
        .arg("--db")
        .arg(db)
        .args(["--json", "--user", user])
        .args(words.split(' '))
        .args(args)
        .env("ACUCHART_PASSWORD", PASSWORD)
        .env("ACUCHART_NEW_USER_PASSWORD", OTHER_PASSWORD)
        .env_remove("ACUCHART_RECOVERY_KEY")
        .output()?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let error_code = stderr
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str::<Value>(l).ok())
        .and_then(|v| v["code"].as_str().map(str::to_owned));
    Ok(Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        error_code,
        stderr,
    })
}

#[test]
fn every_cli_command_is_in_the_matrix() {
    let leaves = acuchart_cli::leaf_commands();
    let mut problems = Vec::new();
    for leaf in &leaves {
        if !CASES.iter().any(|c| c.path == leaf) {
            problems.push(format!(
                "CLI command `{leaf}` has no permission case. Add a line to CASES in \
                 crates/cli/tests/permissions.rs:\n    case(\"{leaf}\", &[<arguments that work>], Op(Operation::<what it needs>)),"
            ));
        }
    }
    for c in CASES {
        if !leaves.iter().any(|l| l == c.path) {
            problems.push(format!(
                "CASES lists `{}`, which the CLI does not have",
                c.path
            ));
        }
    }
    for c in CASES {
        if let NoSignIn(why) | SignedIn(why) = c.access {
            assert!(why.len() > 10, "say why `{}` needs no operation", c.path);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(leaves.len() >= 25, "{leaves:?}");
}

#[test]
fn no_command_argument_can_replace_the_signed_in_user() {
    let shadows = acuchart_cli::arguments_shadowing_globals();
    assert!(
        shadows.is_empty(),
        "these arguments share an id with a global option, so their value would replace it \
         (e.g. sign in as someone else): {shadows:?}; give each `#[arg(id = \"...\")]`"
    );
}

#[test]
fn every_cli_command_answers_exactly_the_roles_the_table_allows() -> TestResult {
    let mut w = World::new()?;
    let mut failures = Vec::new();
    let mut runs = 0;
    for c in CASES {
        if let SignedIn(_) = c.access {
            for role in Role::ALL {
                let args: Vec<String> = c.args.iter().map(|a| a.to_string()).collect();
                let r = run(&w.db(), &format!("only-{}", role.as_str()), c.path, &args)?;
                if !r.ok {
                    failures.push(format!(
                        "`{}` as {} failed: {}",
                        c.path,
                        role.as_str(),
                        r.stderr
                    ));
                }
            }
        }
        let Op(op) = c.access else { continue };
        for role in Role::ALL {
            let mut own_world;
            let w = if c.isolated {
                own_world = World::new()?;
                &mut own_world
            } else {
                &mut w
            };
            let signer = if c.own_account {
                w.fresh_user(role)?
            } else {
                format!("only-{}", role.as_str())
            };
            let actor = w.clinic.login(&signer, PASSWORD)?;
            let args = c
                .args
                .iter()
                .map(|a| w.fill(a, &actor))
                .collect::<Res<Vec<_>>>()?;
            let r = run(&w.db(), &signer, c.path, &args)?;
            runs += 1;
            let allowed = allowed_roles(op).contains(&role);
            let what = format!("`{} {}` as {}", c.path, args.join(" "), role.as_str());
            if allowed && !r.ok {
                failures.push(format!(
                    "{what}: the table allows {op:?} but it failed: {}",
                    r.stderr
                ));
            }
            if !allowed && r.error_code.as_deref() != Some("permission_denied") {
                failures.push(format!(
                    "{what}: the table refuses {op:?} but it answered {} ({:?}): {}",
                    if r.ok {
                        "successfully"
                    } else {
                        "with another error"
                    },
                    r.error_code,
                    r.stderr
                ));
            }
            if role == Role::Receptionist && r.ok {
                for m in MARKERS {
                    if r.stdout.contains(m) {
                        failures.push(format!("{what} printed the clinical marker {m}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(runs >= 60, "{runs} runs");
    // The markers are there for those who may read them, so their absence above means something.
    let shown = run(
        &w.db(),
        "only-practitioner",
        "patient show",
        &[w.marked.to_string(), "--medical".into()],
    )?;
    assert!(shown.stdout.contains(MARKERS[0]), "{}", shown.stderr);
    let chart = w.clinic.patient_chart(&w.prac, w.marked)?;
    assert!(serde_json::to_string(&chart)?.contains(MARKERS[1]));
    Ok(())
}
