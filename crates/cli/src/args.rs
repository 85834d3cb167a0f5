use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// AcuChart's command line. It works on the same encrypted database as the app, unlocked
/// through the OS keyring (or a recovery key), and checks the same roles.
///
/// Commands that act for a person sign in first: the user name comes from --user or
/// ACUCHART_USER, the password from ACUCHART_PASSWORD or --password-stdin.
#[derive(Debug, Parser)]
#[command(name = "acuchart-cli", version, about, long_about)]
pub struct Cli {
    /// The database file (default: acuchart.db in ACUCHART_DATA_DIR or the app's data folder).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Work on a clinic kept on a PostgreSQL server instead of a database file
    /// (postgres://user:password@host/database). A server on another computer is reached over
    /// TLS only; ACUCHART_DATABASE_CA names the clinic's certificate authority file when the
    /// system does not know the server's certificate.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "ACUCHART_DATABASE_URL",
        hide_env_values = true,
        conflicts_with_all = ["db", "recovery_key"]
    )]
    pub database_url: Option<String>,

    /// Print results (and errors, as {code, message, fields}) as JSON.
    #[arg(long, global = true)]
    pub json: bool,

    /// Unlock with this recovery key when the keyring has no key for the database; the key
    /// is then stored in the keyring again.
    #[arg(
        long,
        global = true,
        env = "ACUCHART_RECOVERY_KEY",
        hide_env_values = true
    )]
    pub recovery_key: Option<String>,

    /// Sign in as this user.
    #[arg(long, global = true, env = "ACUCHART_USER")]
    pub user: Option<String>,

    /// Read the password from the first line of standard input instead of ACUCHART_PASSWORD.
    #[arg(long, global = true)]
    pub password_stdin: bool,

    /// Let a file written with --out (or by an export) replace an existing file. The clinic's
    /// database, its backups and its data folder are never written over.
    #[arg(long, global = true)]
    pub force: bool,

    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    pub fn overwrite(&self) -> acuchart_core::files::Overwrite {
        if self.force {
            acuchart_core::files::Overwrite::Replace
        } else {
            acuchart_core::files::Overwrite::Refuse
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new clinic database, its key in the keyring and the first admin account;
    /// prints the recovery key once. The admin password comes from ACUCHART_PASSWORD or
    /// --password-stdin.
    Init(InitArgs),
    /// Show whether the database exists, is unlocked by the keyring, and its schema version.
    Status,
    /// Patient records.
    #[command(subcommand)]
    Patient(PatientCommand),
    /// Add a generated, deterministic demo clinic (admins): per unit of scale 6,000 patients,
    /// a practitioner (at least two), 60,000 appointments over twenty years and about 50,000
    /// signed visit notes. Scale 10 is a large clinic.
    Demo {
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// The same seed always gives the same clinic.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Only patients: no staff, appointments or notes.
        #[arg(long)]
        patients_only: bool,
    },
    /// The audit log (admins).
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Staff accounts (admins; `user passwd` is for everyone).
    #[command(subcommand)]
    User(UserCommand),
    /// Encrypted backups (admins): make, list, check and restore them. Progress goes to
    /// standard error.
    #[command(subcommand)]
    Backup(BackupCommand),
    /// The database key (admins).
    #[command(subcommand)]
    Key(KeyCommand),
    /// Clinic settings (show: everyone; set: admins).
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// The acupuncture point catalogue. Reference data: needs no database and no sign-in.
    #[command(subcommand)]
    Points(PointsCommand),
    /// Visit notes (practitioners write; admins read).
    #[command(subcommand)]
    Note(NoteCommand),
    /// Treatment protocols: named point sets.
    #[command(subcommand)]
    Protocol(ProtocolCommand),
    /// Printable documents (PDF): treatment summary, visit note, superbill, day sheet.
    #[command(subcommand)]
    Doc(DocCommand),
    /// The schedule: setup, booking and courses, changes and cancels, the day's workflow,
    /// free slots, the waitlist, day and week views, the day sheet, ICS export.
    #[command(subcommand)]
    Schedule(crate::schedule_args::ScheduleCommand),
    /// Book, move, cancel, check in and list appointments (the same as `schedule book` …).
    #[command(subcommand)]
    Appointment(crate::front_desk_args::AppointmentCommand),
    /// Free slots: `slots next --type …` (the same as `schedule slots`).
    #[command(subcommand)]
    Slots(crate::front_desk_args::SlotsCommand),
    /// The waitlist (the same as `schedule waitlist`).
    #[command(subcommand)]
    Waitlist(crate::schedule_args::WaitlistCommand),
    /// Calendar files: `ics export` (the same as `schedule ics`).
    #[command(subcommand)]
    Ics(crate::front_desk_args::IcsCommand),
    /// Import patients or appointments from another system's CSV file (admins). Prints how
    /// the file was read, every problem (line, column, what is wrong), the date order used and
    /// a summary; without --dry-run writes every row or nothing.
    Import {
        kind: ImportKindArg,
        file: PathBuf,
        /// Only check the file and show what an import would do.
        #[arg(long)]
        dry_run: bool,
        /// Column mapping and reading options as JSON (the ImportOptions shape).
        #[arg(long, value_name = "FILE")]
        mapping: Option<PathBuf>,
    },
    /// Export everything (admins): CSV files into a folder, or a FHIR R4 JSON Bundle.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ImportKindArg {
    Patients,
    Appointments,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// patients.csv, practitioners.csv, appointments.csv, visit_notes.csv, visit_points.csv
    /// and visit_diagnoses.csv in DIR (created if needed).
    Csv { dir: PathBuf },
    /// One FHIR R4 Bundle (JSON) at FILE.
    Fhir { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Start the note for a session (or reopen the appointment's or today's walk-in draft).
    #[command(alias = "create")]
    Start {
        #[arg(long)]
        patient: i64,
        /// The appointment this session was booked as.
        #[arg(long)]
        appointment: Option<i64>,
        /// Visit date, YYYY-MM-DD (default: today, or the appointment's date).
        #[arg(long)]
        date: Option<String>,
    },
    /// Show a note: SOAP, points with their names, alerts, signature and addenda.
    Show { id: i64 },
    /// Save a whole draft from a JSON file (the NoteDraft shape; `note show --json` prints
    /// one under "draft"). Use - for standard input.
    Save {
        id: i64,
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// Add a point as typed at the keyboard: "gb30 b", "lv3 l", "du20".
    AddPoint { id: i64, entry: String },
    /// Copy the previous visit's treatment into this draft.
    CopyLast { id: i64 },
    /// Acknowledge a safety alert with the reason for going ahead (key from `note show`).
    Acknowledge {
        id: i64,
        #[arg(long)]
        alert: String,
        #[arg(long)]
        reason: String,
    },
    /// Sign the note. Needles removed must equal needles inserted, or give --explain.
    Sign {
        id: i64,
        /// Why the needle counts differ (kept with the note).
        #[arg(long)]
        explain: Option<String>,
    },
    /// Add an addendum under a signed note.
    Addendum { id: i64, text: String },
    /// A patient's visit history, newest first.
    History { patient: i64 },
    /// Today's appointments with the state of each note (--all for every practitioner).
    Today {
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        all: bool,
    },
    /// Search the diagnosis list by code or words ("sciatica left", "m54.3").
    Icd10 {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProtocolCommand {
    /// The protocols you can use: shipped starters, shared ones and your own.
    List,
    /// One protocol by id or by a shipped key (sciatica-bladder).
    Show { id: String },
    /// Create a protocol from a JSON file ({name, condition, description, shared, points}).
    Create {
        #[arg(long, value_name = "FILE")]
        file: PathBuf,
    },
    /// Save a copy of a protocol as your own.
    Copy { id: String },
    /// Archive one of your own protocols.
    Archive { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum PointsCommand {
    /// Find points by code or alias (ST36, SJ5), pinyin (zusanli, "zú sān lǐ"), Chinese
    /// characters (足三里, 三里) or English words ("three miles"). Best matches first.
    Search {
        /// What to look for; empty lists the points that pass the filters.
        #[arg(default_value = "")]
        query: String,
        /// Only this channel: a WHO code (BL), an alias (UB, SJ, LIV) or EX for extra points.
        #[arg(long)]
        channel: Option<String>,
        /// Only this body region: head_face, neck, chest, abdomen, upper_back,
        /// lower_back_sacrum, upper_limb, hand, lower_limb or foot.
        #[arg(long)]
        region: Option<String>,
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=500))]
        limit: u32,
    },
    /// Show one point by its code or an alias (ST36, SJ5, LIV3, UB40, EX-HN3).
    Show { code: String },
}

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Back up the database now into the backup folder.
    Create,
    /// List the backups in the backup folder, newest first.
    List,
    /// Check a backup file: its key, PRAGMA integrity_check and schema version. Changes
    /// nothing. --recovery-key for a backup made under an older key.
    Verify { file: PathBuf },
    /// Replace the clinic's data with a backup's, after checking it; the current data is
    /// kept as a pre-restore backup first. With no database at --db (a new computer), the
    /// backup is restored there and needs --recovery-key; no sign-in is needed then.
    Restore { file: PathBuf },
    /// Change where and how often automatic backups are made.
    Settings {
        /// An absolute folder, e.g. on an external drive; "default" for backups/ beside the
        /// database.
        #[arg(long)]
        folder: Option<String>,
        #[arg(long)]
        interval_hours: Option<u32>,
        #[arg(long)]
        keep_daily: Option<u32>,
        #[arg(long)]
        keep_weekly: Option<u32>,
        /// Turn automatic backups on or off.
        #[arg(long)]
        automatic: Option<bool>,
    },
    /// Make the automatic backup if one is due, and prune old ones (for a scheduler such as
    /// cron or a systemd timer when the app is not running). Needs no sign-in.
    Scheduled,
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Re-encrypt the database (and the backups in the backup folder) under a new random key;
    /// prints the new recovery key once. The old key and recovery key stop working.
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute the hash chain, compare its head with the copy kept beside the database, and
    /// report the first row altered, removed or inserted by hand (exit code 3 when broken).
    Verify,
    /// List rows, newest first.
    List(AuditFilterArgs),
    /// Write the matching rows as CSV (oldest first) to --out, or to standard output. The
    /// export is itself recorded in the log.
    Export {
        #[command(flatten)]
        filter: AuditFilterArgs,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Accept the log's current head as the copy kept beside the database, after checking why
    /// they differ (a database restored from a backup has fewer rows). Refused while the
    /// chain itself is broken.
    Reanchor,
}

#[derive(Debug, Args)]
pub struct AuditFilterArgs {
    /// Only rows by this staff member (user name).
    #[arg(long, value_name = "USERNAME")]
    pub by: Option<String>,
    /// Only rows about this patient (its id).
    #[arg(long)]
    pub patient: Option<i64>,
    /// Only this action (login, login_failed, read, update, export, lock, unlock, …).
    #[arg(long)]
    pub action: Option<String>,
    /// From this day (YYYY-MM-DD, the clinic's time zone).
    #[arg(long)]
    pub from: Option<String>,
    /// Up to and including this day.
    #[arg(long)]
    pub to: Option<String>,
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account. Its password comes from ACUCHART_NEW_USER_PASSWORD.
    Add {
        #[arg(long)]
        username: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// admin, practitioner or receptionist; repeat for several.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// Every staff account, disabled ones included.
    List,
    /// Disable an account: it can no longer sign in and its open session ends. Nothing it
    /// wrote changes; accounts are never deleted.
    Disable { username: String },
    /// Let a disabled account sign in again.
    Enable { username: String },
    /// Set a new password (from ACUCHART_NEW_USER_PASSWORD) for someone who forgot theirs;
    /// ends their open session.
    ResetPassword { username: String },
    /// Replace an account's roles.
    Roles {
        username: String,
        /// admin, practitioner or receptionist; repeat for several.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// Change your own password: the current one signs in (ACUCHART_PASSWORD or
    /// --password-stdin), the new one comes from ACUCHART_NEW_USER_PASSWORD.
    Passwd,
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// The clinic's settings.
    Show,
    /// Change settings (admins).
    Set {
        /// Seconds without activity before the app's window locks (5 to 14400; default 300).
        #[arg(long)]
        idle_lock_seconds: Option<u32>,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(long)]
    pub clinic_name: String,
    /// IANA time zone, e.g. Europe/London (default: this computer's).
    #[arg(long)]
    pub time_zone: Option<String>,
    #[arg(long, value_enum, default_value_t = DateFormatArg::Dmy)]
    pub date_format: DateFormatArg,
    /// The first admin's user name.
    #[arg(long)]
    pub admin_username: String,
    /// The first admin's full name.
    #[arg(long)]
    pub admin_name: String,
    /// Also give the admin the practitioner role.
    #[arg(long)]
    pub practitioner: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DateFormatArg {
    Dmy,
    Mdy,
    Ymd,
}

#[derive(Debug, Subcommand)]
pub enum PatientCommand {
    /// Register a patient.
    Add {
        #[arg(long)]
        given: String,
        #[arg(long)]
        family: String,
        #[arg(long)]
        preferred: Option<String>,
        /// Date of birth, YYYY-MM-DD.
        #[arg(long)]
        dob: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        #[arg(long)]
        email: Option<String>,
        /// Register even if a patient with the same name and birth date or phone exists.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// Show a patient's record (demographics and safety flags; --medical adds the clinical
    /// history, for practitioners and admins).
    Show {
        id: i64,
        #[arg(long)]
        medical: bool,
    },
    /// Change details: --set FIELD=VALUE, repeatable (an empty VALUE clears the field).
    /// Fields: given_name, family_name, preferred_name, date_of_birth, sex, gender, phone,
    /// phone_alt, email, address_line1, address_line2, city, region, postal_code, country,
    /// emergency_contact_name, emergency_contact_relationship, emergency_contact_phone,
    /// physician_name, physician_phone, occupation, referral_source, front_desk_notes,
    /// consent_date, consent_form_version.
    Edit {
        id: i64,
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        sets: Vec<String>,
    },
    /// Change needling safety flags: --set pregnant=true, pacemaker, anticoagulants,
    /// needle_phobia, diabetes, metal_allergy, epilepsy, pregnancy_due_date,
    /// pregnancy_trimester, other.
    Flags {
        id: i64,
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        sets: Vec<String>,
    },
    /// Change the clinical history: --set medical_history|medications|allergies|surgeries|
    /// clinical_notes=TEXT.
    Medical {
        id: i64,
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        sets: Vec<String>,
    },
    /// Archive a patient (hidden from search; nothing is deleted).
    Archive { id: i64 },
    /// Bring an archived patient back.
    Unarchive { id: i64 },
    /// Merge the duplicate record MERGE into KEEP: its records move to KEEP and it is archived.
    Merge { keep: i64, merge: i64 },
    /// Find patients by name, phone digits, date of birth or chart number.
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        /// Include archived patients.
        #[arg(long)]
        archived: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// The patient's treatment summary from signed notes (practitioners, admins).
    Summary {
        #[arg(long)]
        patient: i64,
        /// First visit date included (YYYY-MM-DD); default: the first signed note.
        #[arg(long)]
        from: Option<String>,
        /// Last visit date included (YYYY-MM-DD); default: the latest signed note.
        #[arg(long)]
        to: Option<String>,
        /// A condition handout to append (its id from `doc handouts`); repeat for more.
        #[arg(long = "handout")]
        handouts: Vec<i64>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The clinic's condition handouts (practitioners, admins).
    Handouts {
        /// Include archived handouts.
        #[arg(long)]
        archived: bool,
    },
    /// One signed visit note with its addenda (practitioners, admins).
    Note {
        id: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The superbill / receipt for one date of service.
    Superbill {
        #[arg(long)]
        patient: i64,
        /// Date of service (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// Amount paid, in cents.
        #[arg(long)]
        paid_cents: Option<i64>,
        #[arg(long)]
        payment_method: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The reception's day sheet.
    Daysheet {
        /// YYYY-MM-DD.
        #[arg(long)]
        date: String,
        #[arg(long)]
        out: PathBuf,
    },
}
