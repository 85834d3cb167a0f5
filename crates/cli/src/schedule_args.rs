//! `acuchart-cli schedule …`: setup, booking, courses, changes, the day's workflow, free
//! slots, the waitlist, views and ICS export. Times are local wall-clock times in the
//! clinic's zone (`2030-03-04 10:00`).

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum ScheduleCommand {
    /// Practitioners, rooms, appointment types, hours, time off, the clinic's zone (admins).
    #[command(subcommand)]
    Setup(SetupCommand),
    /// Book one appointment (add --count or --until for a weekly course).
    Book(BookArgs),
    /// Book a recurring course; --preview shows which visits clash without booking.
    Series(BookArgs),
    /// Move, resize or reassign an appointment (or the following visits, or the whole course).
    Move(MoveArgs),
    /// Cancel with a reason; prints the waiting patients who fit the freed time.
    Cancel {
        id: i64,
        #[arg(long)]
        reason: String,
        #[arg(long, value_enum, default_value_t = ScopeArg::This)]
        scope: ScopeArg,
    },
    /// The patient has arrived (records the check-in time).
    Arrive { id: i64 },
    /// The patient has gone into treatment.
    Start { id: i64 },
    /// The visit is over.
    Complete { id: i64 },
    /// The patient did not come (on the day or after).
    NoShow { id: i64 },
    /// Back to booked: undoes a check-in, a no-show or a cancellation made by mistake.
    Undo { id: i64 },
    /// The next free slots for an appointment type.
    Slots(SlotArgs),
    /// The waitlist.
    #[command(subcommand)]
    Waitlist(WaitlistCommand),
    /// A day for every practitioner (default today).
    Day { date: Option<String> },
    /// Seven days from --from (default today), for one practitioner or all.
    Week {
        #[arg(long)]
        from: Option<String>,
        /// Id or part of the name.
        #[arg(long)]
        practitioner: Option<String>,
    },
    /// The reception day sheet: by practitioner, names, phones and types (default today).
    Sheet { date: Option<String> },
    /// A patient's appointments with their no-show and late-cancel counts.
    List { patient: i64 },
    /// A practitioner's schedule as an .ics calendar file.
    Ics {
        #[arg(long)]
        practitioner: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// Put patients' names in the events (the file leaves the encrypted database).
        #[arg(long)]
        names: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScopeArg {
    This,
    Following,
    All,
}

#[derive(Debug, Subcommand)]
pub enum SetupCommand {
    /// Everything set up so far.
    Show,
    /// Make a staff member with the practitioner role bookable, or change their details.
    Practitioner {
        /// The staff member's id or user name. (Its own id: an argument named like the global
        /// --user would replace the signed-in user.)
        #[arg(id = "staff_member", value_name = "USER")]
        user: String,
        #[arg(long)]
        licence: Option<String>,
        #[arg(long)]
        npi: Option<String>,
        #[arg(long)]
        signature: Option<String>,
        /// `#rrggbb`.
        #[arg(long)]
        colour: Option<String>,
        #[arg(long)]
        order: Option<i64>,
        /// No new bookings (history is kept).
        #[arg(long)]
        inactive: bool,
    },
    /// Add a room, or rename one with --id.
    Room {
        #[arg(long)]
        name: String,
        #[arg(long)]
        id: Option<i64>,
        #[arg(long)]
        order: Option<i64>,
        #[arg(long)]
        inactive: bool,
    },
    /// Add an appointment type, or change one with --id.
    Type {
        #[arg(long)]
        name: String,
        #[arg(long)]
        minutes: u32,
        #[arg(long)]
        colour: String,
        /// The type needs no treatment room (e.g. a phone review).
        #[arg(long)]
        no_room: bool,
        /// Default fee in cents.
        #[arg(long)]
        fee_cents: Option<i64>,
        #[arg(long)]
        billing_code: Option<String>,
        #[arg(long)]
        id: Option<i64>,
        #[arg(long)]
        inactive: bool,
    },
    /// Replace a practitioner's weekly hours: --block "mon 09:00-12:30" (repeatable; add
    /// "odd" or "even" for alternating ISO weeks, e.g. "fri 13:00-17:00 odd").
    Hours {
        practitioner: String,
        #[arg(long = "block", value_name = "DAY HH:MM-HH:MM [odd|even]")]
        blocks: Vec<String>,
    },
    /// Add time off: --from and --to are dates (whole days) or "YYYY-MM-DD HH:MM".
    TimeOff {
        practitioner: String,
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Remove a block of time off by its id.
    RemoveTimeOff { id: i64 },
    /// The clinic's IANA time zone and late-cancel notice.
    Clinic {
        #[arg(long)]
        time_zone: Option<String>,
        #[arg(long)]
        late_cancel_hours: Option<u32>,
    },
}

#[derive(Debug, Clone, Args)]
pub struct BookArgs {
    #[arg(long)]
    pub patient: i64,
    /// Id or part of the name.
    #[arg(long)]
    pub practitioner: String,
    /// Id or name of the appointment type.
    #[arg(long = "type")]
    pub kind: String,
    /// Local start, `YYYY-MM-DD HH:MM`; in the hour the clocks go back through, add the UTC
    /// offset to say which of the two is meant (`2026-10-25 01:30+01:00`).
    #[arg(long)]
    pub at: String,
    /// Id or name; default: the first free room when the type needs one.
    #[arg(long)]
    pub room: Option<String>,
    #[arg(long)]
    pub minutes: Option<u32>,
    #[arg(long)]
    pub note: Option<String>,
    /// Book outside working hours or into time off, for this reason (recorded).
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
    /// Visits in the course (weekly unless --weekdays).
    #[arg(long)]
    pub count: Option<u32>,
    /// Last date of the course, `YYYY-MM-DD`.
    #[arg(long)]
    pub until: Option<String>,
    #[arg(long, default_value_t = 1)]
    pub every_weeks: u32,
    /// Days of the week for the course: mon,thu.
    #[arg(long, value_delimiter = ',')]
    pub weekdays: Vec<String>,
    /// Skip visit N of the course (repeatable).
    #[arg(long = "skip", value_name = "N")]
    pub skip: Vec<u32>,
    /// Book visit N at another time: N=YYYY-MM-DD HH:MM (repeatable).
    #[arg(long = "move", value_name = "N=TIME")]
    pub moves: Vec<String>,
    /// Show what would be booked, visit by visit, and book nothing.
    #[arg(long)]
    pub preview: bool,
}

#[derive(Debug, Clone, Args)]
pub struct MoveArgs {
    pub id: i64,
    /// New local start, `YYYY-MM-DD HH:MM` (`+HH:MM` after it in a repeated hour).
    #[arg(long)]
    pub at: Option<String>,
    #[arg(long)]
    pub minutes: Option<u32>,
    #[arg(long)]
    pub practitioner: Option<String>,
    #[arg(long)]
    pub room: Option<String>,
    #[arg(long = "type")]
    pub kind: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
    #[arg(long, value_enum, default_value_t = ScopeArg::This)]
    pub scope: ScopeArg,
}

#[derive(Debug, Clone, Args)]
pub struct SlotArgs {
    #[arg(long = "type")]
    pub kind: String,
    /// Default: any practitioner.
    #[arg(long)]
    pub practitioner: Option<String>,
    #[arg(long)]
    pub room: Option<String>,
    /// Local date or `YYYY-MM-DD HH:MM` to search from (default now).
    #[arg(long)]
    pub from: Option<String>,
    #[arg(long, value_delimiter = ',')]
    pub weekdays: Vec<String>,
    /// `HH:MM`.
    #[arg(long)]
    pub earliest: Option<String>,
    /// `HH:MM`.
    #[arg(long)]
    pub latest: Option<String>,
    #[arg(long, default_value_t = 5)]
    pub limit: u32,
}

#[derive(Debug, Clone, Subcommand)]
pub enum WaitlistCommand {
    Add {
        #[arg(long)]
        patient: i64,
        #[arg(long = "type")]
        kind: Option<String>,
        /// Preferred practitioner (repeatable); default any.
        #[arg(long = "practitioner")]
        practitioners: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        weekdays: Vec<String>,
        #[arg(long)]
        earliest: Option<String>,
        #[arg(long)]
        latest: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    List,
    /// Take an entry off the list.
    Resolve {
        id: i64,
    },
    /// Waiting patients who fit an appointment's time.
    Offers {
        appointment: i64,
    },
}
