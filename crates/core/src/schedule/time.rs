//! Instants, local wall-clock times and the clinic's zone.
//!
//! The database stores UTC instants as fixed-width text (`2026-03-10T15:00:00Z`); people type
//! and read local times in the clinic's zone (`2026-03-10T10:00`). Conversions go through
//! chrono-tz so that DST changes are handled: a local time that does not exist (clocks go
//! forward) is refused with a message, one that happens twice (clocks go back) means the
//! first of the two.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
    Timelike, Utc,
};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::settings;

const UTC_FORMAT: &str = "%Y-%m-%dT%H:%M:%SZ";
const LOCAL_FORMAT: &str = "%Y-%m-%dT%H:%M";

/// The longest appointment the core accepts. Conflict checks rely on it: an appointment that
/// overlaps `[start, end)` must start after `start - MAX_APPOINTMENT_MINUTES`.
pub const MAX_APPOINTMENT_MINUTES: i64 = 480;

pub(crate) fn fmt_utc(t: DateTime<Utc>) -> String {
    t.format(UTC_FORMAT).to_string()
}

/// Reads a stored instant; a malformed one is corruption, reported with the row it came from.
pub(crate) fn parse_utc(text: &str, row: &str) -> Result<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text, UTC_FORMAT)
        .map(|n| n.and_utc())
        .map_err(|e| Error::Internal(format!("{row} has a malformed time {text:?}: {e}")))
}

pub(crate) fn fmt_local(tz: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).format(LOCAL_FORMAT).to_string()
}

/// A person's `2026-03-10T10:00` (or `2026-03-10 10:00`).
pub(crate) fn parse_local(field: &str, text: &str) -> Result<NaiveDateTime> {
    let t = text.trim().replacen(' ', "T", 1);
    NaiveDateTime::parse_from_str(&t, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| {
            Error::invalid(
                field,
                format!("Write the date and time as YYYY-MM-DD HH:MM (got {text:?})."),
            )
        })
}

pub(crate) fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            format!("Write the date as YYYY-MM-DD (got {text:?})."),
        )
    })
}

/// `HH:MM` → minutes after midnight; `24:00` is allowed as the end of a day.
pub(crate) fn parse_hhmm(field: &str, text: &str) -> Result<u32> {
    let t = text.trim();
    if t == "24:00" {
        return Ok(1440);
    }
    NaiveTime::parse_from_str(t, "%H:%M")
        .map(|t| t.hour() * 60 + t.minute())
        .map_err(|_| Error::invalid(field, format!("Write the time as HH:MM (got {text:?}).")))
}

pub fn fmt_hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// The instant a local wall-clock time names in `tz`.
pub(crate) fn local_to_utc(tz: Tz, local: NaiveDateTime, field: &str) -> Result<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        // Clocks go back: the time happens twice; the first is meant.
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            format!(
                "{} does not exist in {} (the clocks go forward that night); choose another time.",
                local.format("%H:%M on %Y-%m-%d"),
                tz.name()
            ),
        )),
    }
}

/// The first instant of a local date (midnight, or the first time after it where a zone
/// changes its clocks at midnight).
pub(crate) fn day_start(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let mut local = date.and_time(NaiveTime::MIN);
    for _ in 0..48 {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => return t.with_timezone(&Utc),
            LocalResult::None => local += Duration::minutes(30),
        }
    }
    local.and_utc()
}

/// Minutes after local midnight, and the local date, of an instant.
pub(crate) fn local_parts(tz: Tz, t: DateTime<Utc>) -> (NaiveDate, u32) {
    let l = t.with_timezone(&tz);
    (l.date_naive(), l.hour() * 60 + l.minute())
}

/// `Tue 10 Mar 10:00`, for messages.
pub(crate) fn human(tz: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).format("%a %-d %b %H:%M").to_string()
}

pub(crate) fn human_time(tz: Tz, t: DateTime<Utc>) -> String {
    t.with_timezone(&tz).format("%H:%M").to_string()
}

/// ISO weekday, 1 = Monday.
pub(crate) fn iso_weekday(date: NaiveDate) -> u8 {
    date.weekday().number_from_monday() as u8
}

pub(crate) fn weekday_name(day: u8) -> &'static str {
    match day {
        1 => "Monday",
        2 => "Tuesday",
        3 => "Wednesday",
        4 => "Thursday",
        5 => "Friday",
        6 => "Saturday",
        _ => "Sunday",
    }
}

/// The clinic's zone from its settings.
pub(crate) fn clinic_zone(conn: &Connection) -> Result<Tz> {
    let name = settings::load(conn)?.time_zone;
    settings::parse_time_zone(&name)
        .ok_or_else(|| Error::Internal(format!("stored time zone {name:?} is unknown")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_that_does_not_exist_is_refused_and_a_repeated_one_means_the_first() -> Result<()> {
        let ny: Tz = chrono_tz::America::New_York;
        let gap = parse_local("starts_at", "2026-03-08 02:30")?;
        assert!(matches!(
            local_to_utc(ny, gap, "starts_at"),
            Err(Error::Invalid(_))
        ));
        let twice = parse_local("starts_at", "2026-11-01T01:30")?;
        // 01:30 EDT (UTC-4) comes before 01:30 EST (UTC-5).
        assert_eq!(
            fmt_utc(local_to_utc(ny, twice, "starts_at")?),
            "2026-11-01T05:30:00Z"
        );
        Ok(())
    }

    #[test]
    fn days_start_at_local_midnight() {
        let london: Tz = chrono_tz::Europe::London;
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or_default();
        assert_eq!(fmt_utc(day_start(london, summer)), "2026-06-30T23:00:00Z");
    }

    #[test]
    fn times_of_day_parse_and_print() -> Result<()> {
        assert_eq!(parse_hhmm("t", "09:30")?, 570);
        assert_eq!(parse_hhmm("t", "24:00")?, 1440);
        assert!(parse_hhmm("t", "9h").is_err());
        assert_eq!(fmt_hhmm(570), "09:30");
        Ok(())
    }
}
