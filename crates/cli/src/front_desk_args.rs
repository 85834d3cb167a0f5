//! The front desk's everyday commands under the names receptionists use — `appointment …`,
//! `slots next`, `waitlist …`, `ics export` — each one the same operation as its `schedule …`
//! counterpart, so both spellings check the same roles and print the same output.

use std::path::PathBuf;

use clap::Subcommand;

use crate::schedule_args::{
    BookArgs, MoveArgs, ScheduleCommand, ScopeArg, SlotArgs, WaitlistCommand,
};

#[derive(Debug, Clone, Subcommand)]
pub enum AppointmentCommand {
    /// Book one appointment (add --count or --until for a weekly course).
    Book(BookArgs),
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
    /// The patient did not come.
    NoShow { id: i64 },
    /// A patient's appointments with their no-show and late-cancel counts.
    List { patient: i64 },
}

#[derive(Debug, Clone, Subcommand)]
pub enum SlotsCommand {
    /// The next free slots for an appointment type.
    Next(SlotArgs),
}

#[derive(Debug, Clone, Subcommand)]
pub enum IcsCommand {
    /// A practitioner's schedule as an .ics calendar file.
    Export {
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

impl From<AppointmentCommand> for ScheduleCommand {
    fn from(cmd: AppointmentCommand) -> Self {
        match cmd {
            AppointmentCommand::Book(a) => ScheduleCommand::Book(a),
            AppointmentCommand::Move(a) => ScheduleCommand::Move(a),
            AppointmentCommand::Cancel { id, reason, scope } => {
                ScheduleCommand::Cancel { id, reason, scope }
            }
            AppointmentCommand::Arrive { id } => ScheduleCommand::Arrive { id },
            AppointmentCommand::NoShow { id } => ScheduleCommand::NoShow { id },
            AppointmentCommand::List { patient } => ScheduleCommand::List { patient },
        }
    }
}

impl From<SlotsCommand> for ScheduleCommand {
    fn from(cmd: SlotsCommand) -> Self {
        match cmd {
            SlotsCommand::Next(a) => ScheduleCommand::Slots(a),
        }
    }
}

impl From<WaitlistCommand> for ScheduleCommand {
    fn from(cmd: WaitlistCommand) -> Self {
        ScheduleCommand::Waitlist(cmd)
    }
}

impl From<IcsCommand> for ScheduleCommand {
    fn from(cmd: IcsCommand) -> Self {
        match cmd {
            IcsCommand::Export {
                practitioner,
                from,
                to,
                names,
                out,
            } => ScheduleCommand::Ics {
                practitioner,
                from,
                to,
                names,
                out,
            },
        }
    }
}
