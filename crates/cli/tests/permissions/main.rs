//! The role × operation matrix for the command line: every command the CLI has (walked from
//! its own command tree) runs through the real binary as an admin, a practitioner and a
//! receptionist (each holding only that role) on a real database. The roles the permission
//! table allows must succeed; the others must be refused with `permission_denied`. Nothing a
//! receptionist runs may print a clinical field.
//!
//! Added a CLI command? Add a `case` line to CASES below (the test says so when you forget).

use std::path::Path;
use std::process::Command;

mod schedule;
mod world;

use acuchart_core::auth::{allowed_roles, Operation, Role};
use serde_json::Value;
use world::{Res, World, MARKERS, OTHER_PASSWORD, PASSWORD};

type TestResult = Result<(), Box<dyn std::error::Error>>;

enum Access {
    /// Signs in and needs this operation.
    Op(Operation),
    /// Runs without signing in; the reason says why that is safe.
    NoSignIn(&'static str),
    /// Signs in (any role) but needs no operation: reference data with no patient in it.
    SignedIn(&'static str),
}

use Access::{NoSignIn, Op, SignedIn};

struct Case {
    /// The command's words, as `leaf_commands` lists them.
    path: &'static str,
    /// Arguments after the words. `{marked}` is the patient with clinical content, `{patient}`
    /// and `{patient2}` fresh patients, `{archived}` a fresh archived patient, `{user}` a fresh
    /// staff account, `{n}` a number used once; `{draft}` a new draft note (on a fresh
    /// patient; `{draft_marked}` on the marked one), `{signable}` a draft ready to sign,
    /// `{signed}` a signed note and `{own_protocol}` a protocol, each written by the signer
    /// when its role may, else by a practitioner; `{draft_file}` and `{protocol_file}` JSON
    /// files for `note save` and `protocol create`.
    args: &'static [&'static str],
    access: Access,
    /// Run as a fresh account with the role (the command changes the signer's own account).
    own_account: bool,
}

const fn case(path: &'static str, args: &'static [&'static str], access: Access) -> Case {
    Case {
        path,
        args,
        access,
        own_account: false,
    }
}

const CASES: &[Case] = &[
    case(
        "init",
        &[],
        NoSignIn("creates a new clinic; refused where one exists"),
    ),
    case(
        "status",
        &[],
        NoSignIn("says whether a database is there; no patient data"),
    ),
    case(
        "points search",
        &["zusanli"],
        NoSignIn("public reference data"),
    ),
    case("points show", &["ST36"], NoSignIn("public reference data")),
    case(
        "patient add",
        &["--given", "Cli", "--family", "Walkin{n}"],
        Op(Operation::CreatePatient),
    ),
    case("patient search", &["quist"], Op(Operation::SearchPatients)),
    case("patient show", &["{marked}"], Op(Operation::ReadPatient)),
    case(
        "patient show",
        &["{marked}", "--medical"],
        Op(Operation::ReadPatientMedical),
    ),
    case(
        "patient edit",
        &["{marked}", "--set", "city=Lyon"],
        Op(Operation::UpdatePatientDetails),
    ),
    case(
        "patient flags",
        &["{patient}", "--set", "diabetes=true"],
        Op(Operation::UpdateSafetyFlags),
    ),
    case(
        "patient medical",
        &["{patient}", "--set", "medications=Ibuprofen"],
        Op(Operation::UpdatePatientMedical),
    ),
    case(
        "patient archive",
        &["{patient}"],
        Op(Operation::ArchivePatient),
    ),
    case(
        "patient unarchive",
        &["{archived}"],
        Op(Operation::ArchivePatient),
    ),
    case(
        "patient merge",
        &["{patient}", "{patient2}"],
        Op(Operation::MergePatients),
    ),
    case("demo", &["--scale", "1"], Op(Operation::LoadDemoData)),
    case("audit verify", &[], Op(Operation::VerifyAudit)),
    case("audit list", &["--limit", "5"], Op(Operation::ReadAuditLog)),
    case("audit export", &[], Op(Operation::ExportAuditLog)),
    case("audit reanchor", &[], Op(Operation::VerifyAudit)),
    case(
        "user add",
        &[
            "--username",
            "made{n}",
            "--name",
            "Made",
            "--role",
            "receptionist",
        ],
        Op(Operation::CreateUser),
    ),
    case("user list", &[], Op(Operation::ListUsers)),
    case("user disable", &["{user}"], Op(Operation::DisableUser)),
    case("user enable", &["{user}"], Op(Operation::DisableUser)),
    case(
        "user reset-password",
        &["{user}"],
        Op(Operation::ResetUserPassword),
    ),
    case(
        "user roles",
        &["{user}", "--role", "practitioner"],
        Op(Operation::ChangeUserRoles),
    ),
    Case {
        path: "user passwd",
        args: &[],
        access: Op(Operation::ChangeOwnPassword),
        own_account: true,
    },
    case(
        "note start",
        &["--patient", "{patient}"],
        Op(Operation::WriteVisitNotes),
    ),
    case("note show", &["{draft}"], Op(Operation::ReadVisitNotes)),
    case(
        "note save",
        &["{draft}", "--file", "{draft_file}"],
        Op(Operation::WriteVisitNotes),
    ),
    case(
        "note add-point",
        &["{draft}", "gb30 b"],
        Op(Operation::WriteVisitNotes),
    ),
    case(
        "note copy-last",
        &["{draft_marked}"],
        Op(Operation::WriteVisitNotes),
    ),
    case(
        "note acknowledge",
        &[
            "{draft}",
            "--alert",
            "pregnancy",
            "--reason",
            "Checked with the patient",
        ],
        Op(Operation::WriteVisitNotes),
    ),
    case("note sign", &["{signable}"], Op(Operation::SignVisitNote)),
    case(
        "note addendum",
        &["{signed}", "Later: no bruising"],
        Op(Operation::AddAddendum),
    ),
    case("note history", &["{marked}"], Op(Operation::ReadVisitNotes)),
    case("note today", &["--all"], Op(Operation::ReadVisitNotes)),
    case(
        "note icd10",
        &["sciatica"],
        SignedIn("the ICD-10 code list, compiled in"),
    ),
    case("protocol list", &[], Op(Operation::ReadProtocols)),
    case(
        "protocol show",
        &["sciatica-bladder"],
        Op(Operation::ReadProtocols),
    ),
    case(
        "protocol create",
        &["--file", "{protocol_file}"],
        Op(Operation::ManageProtocols),
    ),
    case(
        "protocol copy",
        &["sciatica-bladder"],
        Op(Operation::ManageProtocols),
    ),
    case(
        "protocol archive",
        &["{own_protocol}"],
        Op(Operation::ManageProtocols),
    ),
    case("schedule setup show", &[], Op(Operation::ReadSchedule)),
    case(
        "schedule setup practitioner",
        &["column-prac", "--colour", "#336699"],
        Op(Operation::ManageScheduleSetup),
    ),
    case(
        "schedule setup room",
        &["--name", "Room {n}"],
        Op(Operation::ManageScheduleSetup),
    ),
    case(
        "schedule setup type",
        &[
            "--name",
            "Type {n}",
            "--minutes",
            "30",
            "--colour",
            "#2a9d8f",
            "--no-room",
        ],
        Op(Operation::ManageScheduleSetup),
    ),
    case(
        "schedule setup hours",
        &[
            "column-prac",
            "--block",
            "mon 08:00-20:00",
            "--block",
            "tue 08:00-20:00",
            "--block",
            "wed 08:00-20:00",
            "--block",
            "thu 08:00-20:00",
            "--block",
            "fri 08:00-20:00",
            "--block",
            "sat 08:00-20:00",
            "--block",
            "sun 08:00-20:00",
        ],
        Op(Operation::ManageScheduleSetup),
    ),
    case(
        "schedule setup time-off",
        &["column-prac", "--from", "2033-06-01", "--to", "2033-06-02"],
        Op(Operation::ManageScheduleSetup),
    ),
    case(
        "schedule setup remove-time-off",
        &["{s:time_off}"],
        Op(Operation::ManageScheduleSetup),
    ),
    case(
        "schedule setup clinic",
        &["--late-cancel-hours", "24"],
        Op(Operation::ManageScheduleSetup),
    ),
    case(
        "schedule book",
        &[
            "--patient",
            "{patient}",
            "--practitioner",
            "column-prac",
            "--type",
            "Probe visit",
            "--at",
            "{s:at}",
        ],
        Op(Operation::BookAppointments),
    ),
    case(
        "schedule series",
        &[
            "--patient",
            "{patient}",
            "--practitioner",
            "column-prac",
            "--type",
            "Probe visit",
            "--at",
            "{s:series_at}",
            "--count",
            "2",
        ],
        Op(Operation::BookAppointments),
    ),
    case(
        "schedule move",
        &["{s:appt_other}", "--at", "{s:at}"],
        Op(Operation::BookAppointments),
    ),
    case(
        "schedule cancel",
        &["{s:appt_other}", "--reason", "Flu"],
        Op(Operation::BookAppointments),
    ),
    case(
        "schedule arrive",
        &["{s:appt}"],
        Op(Operation::UpdateAppointmentStatus),
    ),
    case(
        "schedule start",
        &["{s:appt}"],
        Op(Operation::UpdateAppointmentStatus),
    ),
    case(
        "schedule complete",
        &["{s:arrived}"],
        Op(Operation::UpdateAppointmentStatus),
    ),
    case(
        "schedule no-show",
        &["{s:past}"],
        Op(Operation::UpdateAppointmentStatus),
    ),
    case(
        "schedule undo",
        &["{s:arrived}"],
        Op(Operation::UpdateAppointmentStatus),
    ),
    // Another practitioner's column: the front desk may act in it, a practitioner may not.
    case(
        "schedule arrive",
        &["{s:appt_other}"],
        Op(Operation::ReadAllSchedules),
    ),
    case(
        "schedule slots",
        &["--type", "Probe visit", "--from", "2030-06-01"],
        Op(Operation::ReadSchedule),
    ),
    case(
        "schedule waitlist add",
        &["--patient", "{patient}"],
        Op(Operation::ManageWaitlist),
    ),
    case("schedule waitlist list", &[], Op(Operation::ManageWaitlist)),
    case(
        "schedule waitlist resolve",
        &["{s:waitlist}"],
        Op(Operation::ManageWaitlist),
    ),
    case(
        "schedule waitlist offers",
        &["{s:appt_other}"],
        Op(Operation::ManageWaitlist),
    ),
    case("schedule day", &["2030-01-01"], Op(Operation::ReadSchedule)),
    case(
        "schedule week",
        &["--from", "2030-01-01"],
        Op(Operation::ReadSchedule),
    ),
    case(
        "schedule week",
        &["--from", "2030-01-01", "--practitioner", "column-prac"],
        Op(Operation::ReadAllSchedules),
    ),
    case(
        "schedule sheet",
        &["2030-01-01"],
        Op(Operation::ReadSchedule),
    ),
    case("schedule list", &["{patient}"], Op(Operation::ReadSchedule)),
    case(
        "schedule ics",
        &[
            "--practitioner",
            "{s:column}",
            "--from",
            "2030-01-01",
            "--to",
            "2030-01-31",
            "--out",
            "{s:ics}",
        ],
        Op(Operation::ExportSchedule),
    ),
    case("settings show", &[], Op(Operation::ReadClinicSettings)),
    case(
        "settings set",
        &["--idle-lock-seconds", "300"],
        Op(Operation::ManageClinicSettings),
    ),
];

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
