//! Instants, local wall-clock times and the clinic's zone.
//!
//! The database stores UTC instants as fixed-width text (`2026-03-10T15:00:00Z`); people type
//! and read local times in the clinic's zone (`2026-03-10T10:00`). Conversions go through
//! chrono-tz so that DST changes are handled: a local time that does not exist (clocks go
//! forward) is refused with a message. One that happens twice (clocks go back) is refused too
//! unless the person names its UTC offset (`2026-10-25T01:30+01:00`): guessing would book a
//! visit an hour away from the one meant. For the same reason a time shown to people carries
//! its offset when, and only when, it falls in such a repeated hour.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    TimeZone, Timelike, Utc,
};
use chrono_tz::Tz;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::settings;

mod input;
pub(crate) use input::{local_to_utc, parse_local, LocalInput};

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

/// `2026-03-10T10:00`; in a repeated hour `2026-10-25T01:30+01:00`, so that the two 01:30s
/// read differently and the text can be typed back to mean the same instant.
pub(crate) fn fmt_local(tz: Tz, t: DateTime<Utc>) -> String {
    with_offset_if_repeated(tz, t, LOCAL_FORMAT)
}

/// `10:00`, or `01:30+01:00` in a repeated hour.
pub(crate) fn fmt_local_time(tz: Tz, t: DateTime<Utc>) -> String {
    with_offset_if_repeated(tz, t, "%H:%M")
}

fn with_offset_if_repeated(tz: Tz, t: DateTime<Utc>, format: &str) -> String {
    let local = t.with_timezone(&tz);
    let text = local.format(format).to_string();
    if is_repeated(tz, local.naive_local()) {
        format!("{text}{}", local.offset().fix())
    } else {
        text
    }
}

/// Whether a wall-clock time happens twice in `tz` (the hour the clocks go back through).
pub(crate) fn is_repeated(tz: Tz, local: NaiveDateTime) -> bool {
    matches!(tz.from_local_datetime(&local), LocalResult::Ambiguous(..))
}

/// The years a clinic's calendar can plausibly name: a typo such as 0026 or 9026 is refused
/// here, with a clear message, instead of being booked or failing in storage.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn plausible(field: &str, date: NaiveDate) -> Result<NaiveDate> {
    if PLAUSIBLE_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(Error::invalid(
            field,
            format!(
                "{date} is outside the years a clinic's calendar holds ({} to {}): check the year.",
                PLAUSIBLE_YEARS.start(),
                PLAUSIBLE_YEARS.end()
            ),
        ))
    }
}

pub(crate) fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        Error::invalid(
            field,
            format!("Write the date as YYYY-MM-DD (got {text:?})."),
        )
    })?;
    plausible(field, date)
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

/// `Tue 10 Mar 10:00`, for messages (`Sun 25 Oct 01:30+01:00` in a repeated hour).
pub(crate) fn human(tz: Tz, t: DateTime<Utc>) -> String {
    with_offset_if_repeated(tz, t, "%a %-d %b %H:%M")
}

pub(crate) fn human_time(tz: Tz, t: DateTime<Utc>) -> String {
    fmt_local_time(tz, t)
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

/// Today's date in `tz` (the clinic's zone).
pub(crate) fn today_in(tz: Tz) -> chrono::NaiveDate {
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

/// The clinic's zone from its settings.
pub(crate) fn clinic_zone<'c>(db: impl Into<Db<'c>>) -> Result<Tz> {
    let name = settings::load(db)?.time_zone;
    settings::parse_time_zone(&name)
        .ok_or_else(|| Error::Internal(format!("stored time zone {name:?} is unknown")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_outside_a_clinics_calendar_are_refused_by_name() {
        for text in [
            "0000-01-01 09:00",
            "1899-12-31 09:00",
            "2201-01-01 09:00",
            "9999-12-30 09:00",
        ] {
            let err = parse_local("starts_at", text).err().map(|e| e.to_string());
            assert!(err.is_some_and(|e| e.contains("check the year")), "{text}");
        }
        for text in ["0000-01-01", "9999-12-30"] {
            assert!(parse_date("date", text).is_err(), "{text}");
        }
        assert!(parse_local("starts_at", "1900-01-01 09:00").is_ok());
        assert!(parse_date("date", "2200-12-31").is_ok());
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
