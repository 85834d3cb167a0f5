//! The role × operation matrix for the command line: every command the CLI has (walked from
//! its own command tree) runs through the real binary as an admin, a practitioner and a
//! receptionist (each holding only that role) on a real database. The roles the permission
//! table allows must succeed; the others must be refused with `permission_denied`. Nothing a
//! receptionist runs may print a clinical field.
//!
//! Added a CLI command? Add a `case` line to CASES below (the test says so when you forget).

use std::path::{Path, PathBuf};
use std::process::Command;

use acuchart_core::auth::{allowed_roles, Actor, Operation, Role};
use acuchart_core::ids::PatientId;
use acuchart_core::keys::KeyStore;
use acuchart_core::patients::{MedicalHistory, NewPatient};
use acuchart_core::settings::DateFormat;
use acuchart_core::users::NewUser;
use acuchart_core::vault::{SetupInput, Vault};
use acuchart_core::visits::{NoteDraft, StartNote, VisitNote};
use acuchart_core::Clinic;
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;
type Res<T> = Result<T, Box<dyn std::error::Error>>;

const PASSWORD: &str = "matrix password 2026";
const OTHER_PASSWORD: &str = "another matrix password";
const MARKERS: &[&str] = &["Marker-History-Cli", "Marker-Complaint-Cli"];

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
    case("settings show", &[], Op(Operation::ReadClinicSettings)),
    case(
        "settings set",
        &["--idle-lock-seconds", "300"],
        Op(Operation::ManageClinicSettings),
    ),
];

struct World {
    dir: tempfile::TempDir,
    clinic: Clinic,
    admin: Actor,
    prac: Actor,
    marked: PatientId,
    serial: u32,
}

impl Drop for World {
    fn drop(&mut self) {
        let _ = KeyStore::default().delete(&self.db());
    }
}

impl World {
    fn db(&self) -> PathBuf {
        self.dir.path().join("clinic.db")
    }

    fn new() -> Res<World> {
        let dir = tempfile::tempdir()?;
        let vault = Vault::new(dir.path().join("clinic.db"), KeyStore::default());
        let (clinic, _) = vault.set_up(&SetupInput {
            clinic_name: "Matrix Clinic".into(),
            time_zone: "Europe/Lisbon".into(),
            date_format: DateFormat::Ymd,
            admin_display_name: "Owner".into(),
            admin_username: "owner".into(),
            admin_password: PASSWORD.into(),
            admin_is_practitioner: true,
        })?;
        let admin = clinic.login("owner", PASSWORD)?;
        for role in Role::ALL {
            add_user(&clinic, &admin, &format!("only-{}", role.as_str()), role)?;
        }
        let prac = clinic.login("only-practitioner", PASSWORD)?;
        let marked = clinic
            .create_patient(
                &admin,
                &NewPatient {
                    given_name: "Morwenna".into(),
                    family_name: "Quist".into(),
                    ..Default::default()
                },
            )?
            .id;
        clinic.update_patient_medical(
            &prac,
            marked,
            &MedicalHistory {
                medical_history: Some(MARKERS[0].into()),
                ..Default::default()
            },
        )?;
        let note = clinic.start_visit_note(
            &prac,
            &StartNote {
                patient_id: marked,
                appointment_id: None,
                visit_date: None,
            },
        )?;
        let mut draft = NoteDraft::default();
        draft.content.chief_complaint = Some(MARKERS[1].into());
        draft.content.needles_inserted = Some(0);
        draft.content.needles_removed = Some(0);
        let saved = clinic.save_visit_note(&prac, note.id, note.revision, &draft)?;
        // Signed, so that a later draft for this patient is a new note with a visit before it.
        clinic.sign_visit_note(&prac, note.id, saved.revision, None)?;
        Ok(World {
            dir,
            clinic,
            admin,
            prac,
            marked,
            serial: 0,
        })
    }

    fn fresh_patient(&mut self) -> Res<PatientId> {
        self.serial += 1;
        Ok(self
            .clinic
            .create_patient(
                &self.admin,
                &NewPatient {
                    given_name: format!("Fresh{}", self.serial),
                    family_name: "Matrix".into(),
                    ..Default::default()
                },
            )?
            .id)
    }

    fn fresh_user(&mut self, role: Role) -> Res<String> {
        self.serial += 1;
        let name = format!("fresh-{}", self.serial);
        add_user(&self.clinic, &self.admin, &name, role)?;
        Ok(name)
    }

    /// Who writes set-up data for `signer`: the signer when its role may, else the practitioner.
    fn author(&self, signer: &Actor, op: Operation) -> Actor {
        if signer.may(op) {
            signer.clone()
        } else {
            self.prac.clone()
        }
    }

    fn draft(
        &mut self,
        signer: &Actor,
        patient: Option<PatientId>,
        signable: bool,
    ) -> Res<VisitNote> {
        let patient = match patient {
            Some(p) => p,
            None => self.fresh_patient()?,
        };
        let author = self.author(signer, Operation::WriteVisitNotes);
        let note = self.clinic.start_visit_note(
            &author,
            &StartNote {
                patient_id: patient,
                appointment_id: None,
                visit_date: None,
            },
        )?;
        if !signable {
            return Ok(note);
        }
        let mut d = NoteDraft::default();
        d.content.chief_complaint = Some("Low back pain".into());
        d.content.needles_inserted = Some(0);
        d.content.needles_removed = Some(0);
        Ok(self
            .clinic
            .save_visit_note(&author, note.id, note.revision, &d)?)
    }

    fn file(&mut self, name: &str, text: &str) -> Res<String> {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text)?;
        Ok(path.display().to_string())
    }

    fn fill(&mut self, arg: &str, signer: &Actor) -> Res<String> {
        Ok(match arg {
            "{draft}" => self.draft(signer, None, false)?.id.to_string(),
            "{draft_marked}" => self.draft(signer, Some(self.marked), false)?.id.to_string(),
            "{signable}" => self.draft(signer, None, true)?.id.to_string(),
            "{signed}" => {
                let note = self.draft(signer, None, true)?;
                let author = self.author(signer, Operation::SignVisitNote);
                self.clinic
                    .sign_visit_note(&author, note.id, note.revision, None)?
                    .id
                    .to_string()
            }
            "{own_protocol}" => {
                let author = self.author(signer, Operation::ManageProtocols);
                let copy = self.clinic.protocol(&self.admin, "sciatica-bladder")?.id;
                self.clinic.copy_protocol(&author, copy)?.id.to_string()
            }
            "{draft_file}" => self.file(
                "draft.json",
                r#"{"content": {"chief_complaint": "Stiff neck", "pain_now": 4}}"#,
            )?,
            "{protocol_file}" => self.file(
                "protocol.json",
                r#"{"name": "Neck", "shared": false, "points": [{"code": "GB20", "side": "bilateral"}]}"#,
            )?,
            "{marked}" => self.marked.to_string(),
            "{patient}" | "{patient2}" => self.fresh_patient()?.to_string(),
            "{archived}" => {
                let id = self.fresh_patient()?;
                self.clinic.set_patient_archived(&self.admin, id, true)?;
                id.to_string()
            }
            "{user}" => self.fresh_user(Role::Receptionist)?,
            other if other.contains("{n}") => {
                self.serial += 1;
                other.replace("{n}", &self.serial.to_string())
            }
            other => other.to_owned(),
        })
    }
}

fn add_user(clinic: &Clinic, admin: &Actor, name: &str, role: Role) -> Res<()> {
    clinic.create_user(
        admin,
        NewUser {
            username: name.into(),
            display_name: format!("{name} (matrix)"),
            password: PASSWORD.into(),
            roles: vec![role],
        },
    )?;
    Ok(())
}

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
