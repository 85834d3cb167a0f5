//! Every CLI command with arguments that work, and what it needs. Added a CLI command? Add
//! a `case` line here (the matrix test says so when you forget).

use acuchart_core::auth::Operation;

pub enum Access {
    /// Signs in and needs this operation.
    Op(Operation),
    /// Runs without signing in; the reason says why that is safe.
    NoSignIn(&'static str),
    /// Signs in (any role) but needs no operation: reference data with no patient in it.
    SignedIn(&'static str),
}

use Access::{NoSignIn, Op, SignedIn};

pub struct Case {
    /// The command's words, as `leaf_commands` lists them.
    pub path: &'static str,
    /// Arguments after the words. `{marked}` is the patient with clinical content, `{patient}`
    /// and `{patient2}` fresh patients, `{archived}` a fresh archived patient, `{user}` a fresh
    /// staff account, `{n}` a number used once; `{draft}` a new draft note (on a fresh
    /// patient; `{draft_marked}` on the marked one), `{signable}` a draft ready to sign,
    /// `{signed}` a signed note and `{own_protocol}` a protocol, each written by the signer
    /// when its role may, else by a practitioner; `{draft_file}` and `{protocol_file}` JSON
    /// files for `note save` and `protocol create`; `{out}` a fresh file path and `{today}`
    /// the clinic's date.
    pub args: &'static [&'static str],
    pub access: Access,
    /// Run as a fresh account with the role (the command changes the signer's own account).
    pub own_account: bool,
    /// Run on a database of its own: the command replaces the data or the key, which would
    /// pull the ground from under the cases after it.
    pub isolated: bool,
}

pub const fn case(path: &'static str, args: &'static [&'static str], access: Access) -> Case {
    Case {
        path,
        args,
        access,
        own_account: false,
        isolated: false,
    }
}

/// A case that runs on a fresh database of its own (see [`Case::isolated`]).
pub const fn isolated(path: &'static str, args: &'static [&'static str], access: Access) -> Case {
    Case {
        path,
        args,
        access,
        own_account: false,
        isolated: true,
    }
}

pub const CASES: &[Case] = &[
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
        isolated: false,
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
            "{alerting_draft}",
            "--alert",
            "pregnancy:LI4",
            "--reason",
            "Checked with the patient",
        ],
        Op(Operation::WriteVisitNotes),
    ),
    case("note sign", &["{signable}"], Op(Operation::SignVisitNote)),
    // documents (`{out}` a fresh PDF path, `{today}` the clinic's date)
    case(
        "doc summary",
        &["--patient", "{marked}", "--out", "{out}"],
        Op(Operation::PrintClinicalDocuments),
    ),
    case(
        "doc note",
        &["{signed}", "--out", "{out}"],
        Op(Operation::PrintClinicalDocuments),
    ),
    case(
        "doc superbill",
        &[
            "--patient",
            "{marked}",
            "--date",
            "{today}",
            "--out",
            "{out}",
        ],
        Op(Operation::PrintBillingDocuments),
    ),
    case(
        "doc daysheet",
        &["--date", "{today}", "--out", "{out}"],
        Op(Operation::PrintBillingDocuments),
    ),
    case("doc handouts", &["--archived"], Op(Operation::ReadHandouts)),
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
            "--force",
            "--out",
            "{s:ics}",
        ],
        Op(Operation::ExportSchedule),
    ),
    // The same operations under the front desk's names.
    case(
        "appointment book",
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
        "appointment move",
        &["{s:appt_other}", "--at", "{s:at}"],
        Op(Operation::BookAppointments),
    ),
    case(
        "appointment cancel",
        &["{s:appt_other}", "--reason", "Flu"],
        Op(Operation::BookAppointments),
    ),
    case(
        "appointment arrive",
        &["{s:appt}"],
        Op(Operation::UpdateAppointmentStatus),
    ),
    case(
        "appointment no-show",
        &["{s:past}"],
        Op(Operation::UpdateAppointmentStatus),
    ),
    case(
        "appointment list",
        &["{patient}"],
        Op(Operation::ReadSchedule),
    ),
    case(
        "slots next",
        &["--type", "Probe visit", "--from", "2030-06-01"],
        Op(Operation::ReadSchedule),
    ),
    case(
        "waitlist add",
        &["--patient", "{patient}"],
        Op(Operation::ManageWaitlist),
    ),
    case("waitlist list", &[], Op(Operation::ManageWaitlist)),
    case(
        "waitlist resolve",
        &["{s:waitlist}"],
        Op(Operation::ManageWaitlist),
    ),
    case(
        "waitlist offers",
        &["{s:appt_other}"],
        Op(Operation::ManageWaitlist),
    ),
    case(
        "ics export",
        &[
            "--practitioner",
            "{s:column}",
            "--from",
            "2030-01-01",
            "--to",
            "2030-01-31",
            "--force",
            "--out",
            "{s:ics}",
        ],
        Op(Operation::ExportSchedule),
    ),
    case(
        "import",
        &["patients", "{patients_csv}", "--dry-run"],
        Op(Operation::ImportPatients),
    ),
    case(
        "export csv",
        &["{export_dir}"],
        Op(Operation::ExportClinicData),
    ),
    case("export fhir", &["{fhir}"], Op(Operation::ExportClinicData)),
    case("settings show", &[], Op(Operation::ReadClinicSettings)),
    case(
        "settings set",
        &["--idle-lock-seconds", "300"],
        Op(Operation::ManageClinicSettings),
    ),
    // Backups and the database key (admins). `{backup}` is a backup of the case's database.
    case("backup create", &[], Op(Operation::ManageBackups)),
    case("backup list", &[], Op(Operation::ManageBackups)),
    case("backup verify", &["{backup}"], Op(Operation::ManageBackups)),
    case(
        "backup settings",
        &["--keep-daily", "7"],
        Op(Operation::ManageBackups),
    ),
    case(
        "backup scheduled",
        &[],
        NoSignIn("makes the automatic backup when one is due, as the app would; shows no data"),
    ),
    isolated(
        "backup restore",
        &["{backup}"],
        Op(Operation::RestoreBackup),
    ),
    isolated("key rotate", &[], Op(Operation::RotateKey)),
];
