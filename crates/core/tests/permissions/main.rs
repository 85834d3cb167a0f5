//! The role × operation matrix, walked through every IPC command, on a real database.
//!
//! - every operation in the permission table has a probe, and every probe answers exactly the
//!   roles the table allows (others get `permission_denied`);
//! - every IPC command in `src-tauri/ipc_commands.rs` is mapped (ipc.rs) to the services it
//!   calls, the command's body really calls them, and `lib.rs` registers exactly that list;
//! - nothing a receptionist may call returns a clinical field.
//!
//! The CLI's half is `crates/cli/tests/permissions.rs`, which runs the real binary.

#[path = "../common/mod.rs"]
mod common;
mod cx;
mod ipc;
mod probes;
mod schedule;

use std::collections::BTreeSet;
use std::path::PathBuf;

use acuchart_core::auth::{allowed_roles, Actor, Operation, Role};
use acuchart_core::ErrorCode;

use cx::{Cx, CLINICAL_MARKERS};
use ipc::Ipc;
use probes::PROBES;

include!("../../../../src-tauri/ipc_commands.rs");

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

/// One account per role, holding only that role.
fn single_role_actors(cx: &Cx) -> Result<Vec<(Role, Actor)>, Box<dyn std::error::Error>> {
    Role::ALL
        .iter()
        .map(|r| Ok((*r, cx::user(&cx.f, &format!("only-{}", r.as_str()), &[*r])?)))
        .collect()
}

#[test]
fn every_operation_in_the_table_has_a_probe() {
    let probed: BTreeSet<String> = PROBES.iter().map(|p| format!("{:?}", p.op)).collect();
    let missing: Vec<String> = Operation::ALL
        .iter()
        .map(|op| format!("{op:?}"))
        .filter(|op| !probed.contains(op))
        .collect();
    assert!(
        missing.is_empty(),
        "operations {missing:?} have no probe: add a line to crates/core/tests/permissions/probes.rs \
         calling the service that requires each, e.g.\n    probe!(my_service, {}, |cx, a| cx.clinic().my_service(a, ...)?),",
        missing.first().map_or("", String::as_str)
    );
    let mut seen = BTreeSet::new();
    for p in PROBES {
        assert!(
            seen.insert(p.service),
            "probe {} is listed twice",
            p.service
        );
    }
}

#[test]
fn every_service_answers_exactly_the_roles_the_table_allows() -> TestResult {
    let mut cx = Cx::new()?;
    let actors = single_role_actors(&cx)?;
    let mut failures = Vec::new();
    let mut calls = 0;
    for probe in PROBES {
        for (role, actor) in &actors {
            let allowed = allowed_roles(probe.op).contains(role);
            let answer = (probe.call)(&mut cx, actor);
            calls += 1;
            match (allowed, &answer) {
                (true, Ok(_)) => {}
                (false, Err(e)) if e.code() == ErrorCode::PermissionDenied => {}
                (true, Err(e)) => failures.push(format!(
                    "{} as {}: the table allows it ({:?}) but it failed: {e}",
                    probe.service,
                    role.as_str(),
                    probe.op
                )),
                (false, Err(e)) => failures.push(format!(
                    "{} as {}: the table refuses it ({:?}) but the answer was {:?} ({e}), not permission_denied",
                    probe.service,
                    role.as_str(),
                    probe.op,
                    e.code()
                )),
                (false, Ok(_)) => failures.push(format!(
                    "{} as {}: ANSWERED although the table refuses {:?}",
                    probe.service,
                    role.as_str(),
                    probe.op
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(calls, PROBES.len() * Role::ALL.len());
    // A person with several roles may do what any of them allows.
    let both = cx::user(
        &cx.f,
        "desk-and-prac",
        &[Role::Receptionist, Role::Practitioner],
    )?;
    let marked = cx.marked;
    cx.clinic().patient_medical(&both, marked)?;
    Ok(())
}

/// What each command runs: its line in the command table (`crates/api/src/table.rs`) for a
/// core command, its function in `src-tauri/src/commands/` for a shell command.
fn command_bodies() -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    let table = std::fs::read_to_string(repo("crates/api/src/table.rs"))?;
    let lines = table.split("$callback! {").nth(1).unwrap_or_default();
    let mut current: Option<(String, String)> = None;
    for word_line in lines.lines() {
        let trimmed = word_line.trim_start();
        let starts = ["core ", "shell "]
            .iter()
            .find_map(|k| trimmed.strip_prefix(k));
        if let Some(rest) = starts {
            out.extend(current.take());
            let name = rest
                .trim_start_matches("#[raw]")
                .trim()
                .split('(')
                .next()
                .unwrap_or_default()
                .to_owned();
            current = Some((name, word_line.to_owned()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push('\n');
            body.push_str(word_line);
        }
    }
    out.extend(current);
    for entry in std::fs::read_dir(repo("src-tauri/src/commands"))? {
        let text = std::fs::read_to_string(entry?.path())?;
        for chunk in text.split("pub async fn ").skip(1) {
            let name = chunk
                .split('(')
                .next()
                .unwrap_or_default()
                .trim()
                .to_owned();
            if let Some(found) = out.iter_mut().find(|(n, _)| *n == name) {
                found.1 = chunk.to_owned();
            }
        }
    }
    Ok(out)
}

#[test]
fn every_ipc_command_is_mapped_to_the_services_it_really_calls() -> TestResult {
    let mut problems = Vec::new();
    let bodies = command_bodies()?;
    for command in COMMANDS {
        let Some(mapping) = ipc::find(command) else {
            problems.push(format!(
                "IPC command `{command}` has no permission mapping. Add a line to \
                 crates/core/tests/permissions/ipc.rs:\n    (\"{command}\", Calls(&[\"<the Clinic method it calls>\"])),\n\
                 and, if that method has no probe yet, one to crates/core/tests/permissions/probes.rs:\n    \
                 probe!(<method>, <Operation it requires>, |cx, a| cx.clinic().<method>(a, ...)?),"
            ));
            continue;
        };
        let Some((_, body)) = bodies.iter().find(|(n, _)| n == command) else {
            problems.push(format!(
                "IPC command `{command}` is not a line of the command table (crates/api/src/table.rs)"
            ));
            continue;
        };
        let uses_actor = body.contains(".actor()");
        match mapping {
            Ipc::Calls(services) => {
                if !uses_actor {
                    problems.push(format!(
                        "`{command}` is mapped to services but never takes the signed-in actor()"
                    ));
                }
                for s in *services {
                    if probes::find(s).is_none() {
                        problems.push(format!(
                            "`{command}` calls `{s}`, which has no probe: add \
                             probe!({s}, <Operation>, |cx, a| ...) to crates/core/tests/permissions/probes.rs"
                        ));
                    }
                    if !body.contains(&format!(".{s}(")) {
                        problems.push(format!(
                            "`{command}` is mapped to `{s}` in ipc.rs but its body does not call .{s}(: fix the mapping"
                        ));
                    }
                }
            }
            Ipc::NoActor(why) => {
                assert!(why.len() > 10, "say why `{command}` needs nobody signed in");
                if uses_actor {
                    problems.push(format!(
                        "`{command}` takes the signed-in actor(): map it with Calls(&[...]) instead of NoActor"
                    ));
                }
            }
            Ipc::SignedIn(what) => {
                assert!(what.len() > 10, "say what `{command}` returns");
                if !uses_actor {
                    problems.push(format!(
                        "`{command}` is SignedIn but never takes the signed-in actor()"
                    ));
                }
                if body.contains(".open_clinic()") || body.contains(".clinic()?.") {
                    problems.push(format!(
                        "`{command}` reads the clinic database: map it with Calls(&[...]) to the services it calls"
                    ));
                }
            }
            Ipc::OwnSession => {
                if !body.contains("state.") && !body.contains(".actor()") {
                    problems.push(format!(
                        "`{command}` is OwnSession but does not touch the session"
                    ));
                }
            }
        }
    }
    for (command, _) in ipc::IPC {
        if !COMMANDS.contains(command) {
            problems.push(format!(
                "ipc.rs maps `{command}`, which is not in src-tauri/ipc_commands.rs: remove the line"
            ));
        }
    }
    // The list the capability and the build script use is the table's own.
    if COMMANDS != acuchart_api::COMMANDS {
        problems.push(
            "src-tauri/ipc_commands.rs differs from the command table: run `make bindings`"
                .to_owned(),
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

#[test]
fn nothing_a_receptionist_may_call_returns_a_clinical_field() -> TestResult {
    let mut cx = Cx::new()?;
    let desk = cx::user(&cx.f, "desk", &[Role::Receptionist])?;
    // The markers are really there, for those who may read them.
    let admin = cx.admin().clone();
    let marked = cx.marked;
    let chart = serde_json::to_string(&cx.clinic().patient_chart(&admin, marked)?)?;
    let medical = serde_json::to_string(&cx.clinic().patient_medical(&admin, marked)?)?;
    for m in CLINICAL_MARKERS {
        assert!(
            chart.contains(m) || medical.contains(m),
            "set-up is missing marker {m}"
        );
    }
    let mut scanned = 0;
    for probe in PROBES {
        if !allowed_roles(probe.op).contains(&Role::Receptionist) {
            continue;
        }
        let answer = (probe.call)(&mut cx, &desk)?.to_string();
        scanned += 1;
        for m in CLINICAL_MARKERS {
            assert!(
                !answer.contains(m),
                "{} showed the front desk {m}",
                probe.service
            );
        }
    }
    assert!(
        scanned >= 8,
        "only {scanned} receptionist services were scanned"
    );
    Ok(())
}
