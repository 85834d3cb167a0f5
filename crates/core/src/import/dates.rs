//! Dates and times as other systems write them: ISO (`1984-03-07`), day-first (`07/03/1984`,
//! `7.3.84`), month-first (`03/07/1984`), and with month names (`7 Mar 1984`, `March 7, 1984`).
//! `03/07/1984` is ambiguous: the file's unambiguous dates decide (a `25/03/1984` elsewhere
//! means day-first), and without any, the clinic's date-format setting.

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How `03/07/1984` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 07/03/1984 is 7 March.
    DayFirst,
    /// 03/07/1984 is 7 March.
    MonthFirst,
}

impl DateOrder {
    pub fn example(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day first (DD/MM/YYYY)",
            DateOrder::MonthFirst => "month first (MM/DD/YYYY)",
        }
    }
}

/// Two numbers and a year, as written, when a date is written that way with the year last.
fn year_last(text: &str) -> Option<(u32, u32, &str)> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).map(str::trim).collect();
    match parts.as_slice() {
        [a, b, y]
            if [a, b, y]
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
                && a.len() <= 2
                && b.len() <= 2
                && (y.len() == 4 || y.len() == 2) =>
        {
            Some((a.parse().ok()?, b.parse().ok()?, y))
        }
        _ => None,
    }
}

/// What an unambiguous date says about the order (`25/03/1984` → day first).
pub(super) fn evidence(text: &str) -> Option<DateOrder> {
    let (a, b, _) = year_last(date_part(text).0.as_str())?;
    match (a > 12, b > 12) {
        (true, false) if b >= 1 => Some(DateOrder::DayFirst),
        (false, true) if a >= 1 => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// Whether `a/b/yyyy` could be read either way.
pub(super) fn is_ambiguous(text: &str) -> bool {
    year_last(date_part(text).0.as_str())
        .is_some_and(|(a, b, _)| a != b && (1..=12).contains(&a) && (1..=12).contains(&b))
}

fn full_year(y: &str, today: NaiveDate, past: bool) -> Option<i32> {
    let n: i32 = y.parse().ok()?;
    if y.len() == 4 {
        return Some(n);
    }
    let this_century = today.year() / 100 * 100;
    let candidate = this_century + n;
    Some(if past && candidate > today.year() {
        candidate - 100
    } else {
        candidate
    })
}

const NAMED_FORMATS: [&str; 8] = [
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%a %d %b %Y",
    "%A %d %B %Y",
];

/// Reads a date. `past` says two-digit years are in the past (birth dates).
pub(super) fn parse_date(
    text: &str,
    order: DateOrder,
    today: NaiveDate,
    past: bool,
) -> Result<NaiveDate, String> {
    let t = text.trim();
    let impossible = || format!("{t:?} is not a real date");
    let iso: Vec<&str> = t.split(['-', '/', '.']).collect();
    if let [y, m, d] = iso.as_slice() {
        if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) {
            let (y, m, d) = (y.parse().ok(), m.trim().parse().ok(), d.trim().parse().ok());
            return match (y, m, d) {
                (Some(y), Some(m), Some(d)) => {
                    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(impossible)
                }
                _ => Err(format!("{t:?} is not a date (write it like 1984-03-07)")),
            };
        }
    }
    if let Some((a, b, y)) = year_last(t) {
        let (day, month) = match order {
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        let year = full_year(y, today, past).ok_or_else(impossible)?;
        return NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| match order {
            DateOrder::DayFirst => format!("{t:?} is not a real date read day first"),
            DateOrder::MonthFirst => format!("{t:?} is not a real date read month first"),
        });
    }
    let cleaned = t.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    NAMED_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&cleaned, f).ok())
        .ok_or_else(|| format!("{t:?} is not a date this app can read (write it like 1984-03-07)"))
}

/// `10:00`, `10:00:00`, `9:30 am`, `2pm`, `14h30`.
pub(super) fn parse_time(text: &str) -> Result<NaiveTime, String> {
    let t = text.trim().to_lowercase().replace('.', "");
    let (clock, meridiem) = if let Some(x) = t.strip_suffix("am") {
        (x.trim(), Some(false))
    } else if let Some(x) = t.strip_suffix("pm") {
        (x.trim(), Some(true))
    } else {
        (t.as_str(), None)
    };
    let clock = clock.replace('h', ":");
    let mut parts = clock.split(':');
    let hour: Option<u32> = parts.next().and_then(|h| h.trim().parse().ok());
    let minute: Option<u32> = match parts.next() {
        None => Some(0),
        Some("") => Some(0),
        Some(m) => m.trim().parse().ok(),
    };
    let second: Option<u32> = parts.next().map_or(Some(0), |s| s.trim().parse().ok());
    let bad = || format!("{:?} is not a time (write it like 14:30)", text.trim());
    let (Some(mut hour), Some(minute), Some(second)) = (hour, minute, second) else {
        return Err(bad());
    };
    if parts.next().is_some() || (meridiem.is_none() && !clock.contains(':')) {
        return Err(bad());
    }
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return Err(bad());
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    NaiveTime::from_hms_opt(hour, minute, second).ok_or_else(bad)
}

/// Splits `2026-03-10T10:00`, `10/03/2026 10:00 AM` or `Tue 10 Mar 2026 10:00` into the date
/// and the time (absent when only a date is written).
fn date_part(text: &str) -> (String, Option<String>) {
    let t = text.trim();
    let t = match t.char_indices().find(|(i, c)| {
        *c == 'T'
            && t[..*i].ends_with(|p: char| p.is_ascii_digit())
            && t[i + 1..].starts_with(|n: char| n.is_ascii_digit())
    }) {
        Some((i, _)) => format!("{} {}", &t[..i], &t[i + 1..]),
        None => t.to_owned(),
    };
    let tokens: Vec<&str> = t.split_whitespace().collect();
    let is_time = |tok: &str| {
        let l = tok.to_lowercase();
        tok.contains(':')
            || ((l.ends_with("am") || l.ends_with("pm"))
                && l[..l.len() - 2].chars().all(|c| c.is_ascii_digit())
                && l.len() > 2)
    };
    match tokens.iter().position(|tok| is_time(tok)) {
        Some(i) if i > 0 => (tokens[..i].join(" "), Some(tokens[i..].join(" "))),
        _ => (t.clone(), None),
    }
}

/// A local date and time in one cell.
pub(super) fn parse_date_time(
    text: &str,
    order: DateOrder,
    today: NaiveDate,
) -> Result<(NaiveDate, Option<NaiveTime>), String> {
    let (date, time) = date_part(text);
    let date = parse_date(&date, order, today, false)?;
    let time = time.map(|t| parse_time(&t)).transpose()?;
    Ok((date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn dates_in_the_common_formats() {
        let today = d(2026, 1, 15);
        let day = DateOrder::DayFirst;
        let month = DateOrder::MonthFirst;
        assert_eq!(
            parse_date("1984-03-07", month, today, true),
            Ok(d(1984, 3, 7))
        );
        assert_eq!(parse_date("1984/3/7", day, today, true), Ok(d(1984, 3, 7)));
        assert_eq!(
            parse_date("07/03/1984", day, today, true),
            Ok(d(1984, 3, 7))
        );
        assert_eq!(
            parse_date("03/07/1984", month, today, true),
            Ok(d(1984, 3, 7))
        );
        assert_eq!(parse_date("7.3.84", day, today, true), Ok(d(1984, 3, 7)));
        assert_eq!(parse_date("7.3.20", day, today, true), Ok(d(2020, 3, 7)));
        assert_eq!(
            parse_date("7 Mar 1984", month, today, true),
            Ok(d(1984, 3, 7))
        );
        assert_eq!(
            parse_date("March 7, 1984", day, today, true),
            Ok(d(1984, 3, 7))
        );
        assert!(parse_date("1984-02-30", day, today, true).is_err());
        assert!(parse_date("31/31/1984", day, today, true).is_err());
        assert!(parse_date("soon", day, today, true).is_err());
    }

    #[test]
    fn evidence_and_ambiguity() {
        assert_eq!(evidence("25/03/1984"), Some(DateOrder::DayFirst));
        assert_eq!(evidence("03/25/1984 10:00"), Some(DateOrder::MonthFirst));
        assert_eq!(evidence("03/04/1984"), None);
        assert!(is_ambiguous("03/04/1984"));
        assert!(!is_ambiguous("04/04/1984"));
        assert!(!is_ambiguous("1984-03-04"));
    }

    #[test]
    fn times_and_date_times() -> Result<(), String> {
        assert_eq!(
            parse_time("9:30 am")?,
            NaiveTime::from_hms_opt(9, 30, 0).unwrap_or_default()
        );
        assert_eq!(
            parse_time("2pm")?,
            NaiveTime::from_hms_opt(14, 0, 0).unwrap_or_default()
        );
        assert_eq!(
            parse_time("12:15 AM")?,
            NaiveTime::from_hms_opt(0, 15, 0).unwrap_or_default()
        );
        assert_eq!(
            parse_time("14h30")?,
            NaiveTime::from_hms_opt(14, 30, 0).unwrap_or_default()
        );
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("10").is_err());
        let today = d(2026, 1, 15);
        let (date, time) = parse_date_time("2026-03-10T10:00", DateOrder::DayFirst, today)?;
        assert_eq!(
            (date, time),
            (d(2026, 3, 10), NaiveTime::from_hms_opt(10, 0, 0))
        );
        let (date, time) = parse_date_time("10/03/2026 2:15 PM", DateOrder::DayFirst, today)?;
        assert_eq!(
            (date, time),
            (d(2026, 3, 10), NaiveTime::from_hms_opt(14, 15, 0))
        );
        let (date, time) = parse_date_time("Tue 10 Mar 2026 09:00", DateOrder::DayFirst, today)?;
        assert_eq!(
            (date, time),
            (d(2026, 3, 10), NaiveTime::from_hms_opt(9, 0, 0))
        );
        Ok(())
    }
}
