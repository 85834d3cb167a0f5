//! What a person types for a moment in the clinic's zone (`2026-03-10 10:00`, or
//! `2026-10-25 01:30+01:00` with its UTC offset), and the one instant it names: a time the
//! clocks skip is refused, and so is one they pass twice unless the offset says which.

use chrono::{
    DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;

use super::{plausible, LOCAL_FORMAT};
use crate::error::{Error, Result};

/// A wall-clock time in the clinic's zone as a person wrote it, with the UTC offset when they
/// named one: the only way to say which of the two 01:30s of the night the clocks go back is
/// meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LocalInput {
    pub at: NaiveDateTime,
    pub offset: Option<FixedOffset>,
}

impl LocalInput {
    pub fn date(self) -> NaiveDate {
        self.at.date()
    }

    pub fn time(self) -> NaiveTime {
        self.at.time()
    }

    /// The same wall-clock time on `date` (a course's other visits, a moved series). An offset
    /// was said for the typed date only: another date's repeated hour must be said again.
    pub fn on(self, date: NaiveDate) -> Self {
        Self {
            at: date.and_time(self.at.time()),
            offset: self.offset.filter(|_| date == self.at.date()),
        }
    }

    /// The instant meant, or why there is none (see [`resolve`]).
    pub fn instant(self, tz: Tz, field: &str) -> Result<DateTime<Utc>> {
        resolve(tz, self.at, self.offset, field)
    }

    /// The instant meant, or the first of two when the clocks pass it twice and no offset was
    /// said: for bounds of a search, where an hour more is harmless.
    pub fn earliest_instant(self, tz: Tz, field: &str) -> Result<DateTime<Utc>> {
        match (self.offset, tz.from_local_datetime(&self.at)) {
            (None, LocalResult::Ambiguous(first, _)) => Ok(first.with_timezone(&Utc)),
            _ => self.instant(tz, field),
        }
    }

    /// As typed, for previews of a visit that could not be placed.
    pub fn text(self) -> String {
        let at = self.at.format(LOCAL_FORMAT);
        match self.offset {
            Some(o) => format!("{at}{o}"),
            None => at.to_string(),
        }
    }
}

/// A person's `2026-03-10T10:00` (or `2026-03-10 10:00`, seconds allowed), optionally followed
/// by a UTC offset (`2026-10-25T01:30+01:00`).
pub(crate) fn parse_local(field: &str, text: &str) -> Result<LocalInput> {
    let bad = || {
        Error::invalid(
            field,
            format!(
                "Write the date and time as YYYY-MM-DD HH:MM, followed by the UTC offset \
                 (+01:00) only for a time the clocks pass twice (got {text:?})."
            ),
        )
    };
    let t = text.trim().replacen(' ', "T", 1);
    // An offset starts with the first sign after the date (whose own dashes come before).
    let (clock, offset) = match t.get(10..).and_then(|rest| rest.find(['+', '-'])) {
        Some(i) => {
            let (clock, offset) = t.split_at(10 + i);
            (clock, Some(parse_offset(offset).ok_or_else(bad)?))
        }
        None => (t.as_str(), None),
    };
    let at = NaiveDateTime::parse_from_str(clock, LOCAL_FORMAT)
        .or_else(|_| NaiveDateTime::parse_from_str(clock, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| bad())?;
    plausible(field, at.date())?;
    Ok(LocalInput { at, offset })
}

/// `+01:00`, `-05:00`: exactly a sign, two-digit hours and minutes, within ±15 hours.
fn parse_offset(text: &str) -> Option<FixedOffset> {
    let b = text.as_bytes();
    if b.len() != 6 || b[3] != b':' || !b[1..3].iter().chain(&b[4..]).all(u8::is_ascii_digit) {
        return None;
    }
    let hours = i32::from(b[1] - b'0') * 10 + i32::from(b[2] - b'0');
    let minutes = i32::from(b[4] - b'0') * 10 + i32::from(b[5] - b'0');
    if hours > 15 || minutes > 59 {
        return None;
    }
    let seconds = (hours * 60 + minutes) * 60;
    match b[0] {
        b'+' => FixedOffset::east_opt(seconds),
        b'-' => FixedOffset::west_opt(seconds),
        _ => None,
    }
}

/// The instant a local wall-clock time names in `tz`, when it names exactly one.
pub(crate) fn local_to_utc(tz: Tz, local: NaiveDateTime, field: &str) -> Result<DateTime<Utc>> {
    resolve(tz, local, None, field)
}

/// The instant `local` names in `tz`. A time the clocks skip is refused; one they pass twice
/// is refused unless `offset` says which of the two is meant; a stated offset must be one the
/// zone really has at that time.
pub(crate) fn resolve(
    tz: Tz,
    local: NaiveDateTime,
    offset: Option<FixedOffset>,
    field: &str,
) -> Result<DateTime<Utc>> {
    let clock = local.format("%H:%M");
    let when = local.format("%H:%M on %Y-%m-%d");
    let zone = tz.name();
    match tz.from_local_datetime(&local) {
        LocalResult::None => Err(Error::invalid(
            field,
            format!(
                "{when} does not exist in {zone} (the clocks go forward that night); \
                 choose another time."
            ),
        )),
        LocalResult::Single(t) => match offset {
            Some(o) if o != t.offset().fix() => Err(Error::invalid(
                field,
                format!(
                    "{zone} is at UTC{} at {when}, not {o}: leave the offset out or write \
                     {clock}{}.",
                    t.offset().fix(),
                    t.offset().fix()
                ),
            )),
            _ => Ok(t.with_timezone(&Utc)),
        },
        LocalResult::Ambiguous(first, second) => {
            let (a, b) = (first.offset().fix(), second.offset().fix());
            match offset {
                Some(o) if o == a => Ok(first.with_timezone(&Utc)),
                Some(o) if o == b => Ok(second.with_timezone(&Utc)),
                _ => Err(Error::invalid(
                    field,
                    format!(
                        "{when} happens twice in {zone} (the clocks go back that night): \
                         write {clock}{a} for the first or {clock}{b} for the second{}.",
                        offset
                            .map(|o| format!(" ({o} is neither)"))
                            .unwrap_or_default()
                    ),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::time::{fmt_local, fmt_local_time, fmt_utc};
    use chrono::Duration;

    #[test]
    fn a_time_that_does_not_exist_is_refused() -> Result<()> {
        let ny: Tz = chrono_tz::America::New_York;
        let gap = parse_local("starts_at", "2026-03-08 02:30")?;
        let err = gap.instant(ny, "starts_at").err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("does not exist")));
        // Naming an offset does not make a skipped time real.
        let gap = parse_local("starts_at", "2026-03-08 02:30-05:00")?;
        assert!(gap.instant(ny, "starts_at").is_err());
        Ok(())
    }

    #[test]
    fn a_repeated_time_is_refused_unless_its_offset_is_named() -> Result<()> {
        let dublin: Tz = chrono_tz::Europe::Dublin;
        let twice = parse_local("starts_at", "2026-10-25T01:30")?;
        let err = twice
            .instant(dublin, "starts_at")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "01:30 on 2026-10-25 happens twice in Europe/Dublin (the clocks go back that \
                 night): write 01:30+01:00 for the first or 01:30+00:00 for the second."
            )
        );
        let first = parse_local("starts_at", "2026-10-25 01:30+01:00")?.instant(dublin, "s")?;
        let second = parse_local("starts_at", "2026-10-25T01:30:00+00:00")?.instant(dublin, "s")?;
        assert_eq!(fmt_utc(first), "2026-10-25T00:30:00Z");
        assert_eq!(fmt_utc(second), "2026-10-25T01:30:00Z");
        // Shown with their offsets, they read differently and parse back to themselves.
        assert_eq!(fmt_local(dublin, first), "2026-10-25T01:30+01:00");
        assert_eq!(fmt_local(dublin, second), "2026-10-25T01:30+00:00");
        assert_eq!(
            fmt_local_time(dublin, first + Duration::minutes(45)),
            "01:15+00:00"
        );
        for t in [first, second] {
            assert_eq!(
                parse_local("s", &fmt_local(dublin, t))?.instant(dublin, "s")?,
                t
            );
        }
        // Outside the repeated hour nothing changes.
        let noon = parse_local("s", "2026-10-25T12:00")?.instant(dublin, "s")?;
        assert_eq!(fmt_local(dublin, noon), "2026-10-25T12:00");
        // An offset the zone does not have then is refused, naming the right one.
        let wrong = parse_local("s", "2026-10-25T01:30-05:00")?.instant(dublin, "s");
        assert!(wrong
            .err()
            .is_some_and(|e| e.to_string().contains("-05:00 is neither")));
        let wrong = parse_local("s", "2026-07-01T10:00+00:00")?.instant(dublin, "s");
        assert!(wrong
            .err()
            .is_some_and(|e| e.to_string().contains("write 10:00+01:00")));
        assert!(parse_local("s", "2026-07-01T10:00+01:00")?
            .instant(dublin, "s")
            .is_ok());
        Ok(())
    }

    #[test]
    fn an_offset_said_for_one_date_is_not_carried_to_another() -> Result<()> {
        let typed = parse_local("s", "2026-10-25T01:30+01:00")?;
        let next_week = typed.on(typed.date() + Duration::days(7));
        assert_eq!(next_week.offset, None);
        assert_eq!(typed.on(typed.date()), typed);
        Ok(())
    }

    #[test]
    fn malformed_offsets_are_refused() {
        for text in [
            "2026-10-25T01:30+1",
            "2026-10-25T01:30+01",
            "2026-10-25T01:30+0100",
            "2026-10-25T01:30+16:00",
            "2026-10-25T01:30+01:60",
            "2026-10-25T01:30Z",
            "2026-10-25T01:30+01:00:00",
            "2026-10-25T01:30++1:00",
            "2026-10-25T01:30+٠١:00",
        ] {
            assert!(parse_local("s", text).is_err(), "{text}");
        }
    }
}
