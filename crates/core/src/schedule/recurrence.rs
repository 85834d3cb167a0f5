//! Recurring courses: weekly, every N weeks, or on chosen weekdays, for a count or until a
//! date. Dates are computed in the local calendar and each gets the same wall-clock time, so
//! a 10:00 course stays at 10:00 when the clocks change.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::time::parse_date;
use crate::error::{Error, Result};

pub const MAX_OCCURRENCES: u32 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RepeatFrequency {
    /// The first visit's weekday, every `interval_weeks` weeks.
    Weekly,
    /// Each of `weekdays`, every `interval_weeks` weeks.
    Weekdays,
}

impl RepeatFrequency {
    pub fn as_str(self) -> &'static str {
        match self {
            RepeatFrequency::Weekly => "weekly",
            RepeatFrequency::Weekdays => "weekdays",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct RepeatRule {
    pub frequency: RepeatFrequency,
    #[serde(default = "one")]
    #[ts(as = "Option<u32>", optional)]
    pub interval_weeks: u32,
    /// ISO weekdays (1 = Monday) for `weekdays`.
    #[serde(default)]
    #[ts(as = "Option<Vec<u8>>", optional)]
    pub weekdays: Vec<u8>,
    /// How many visits, the first included.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub count: Option<u32>,
    /// The last date a visit may fall on, `YYYY-MM-DD`.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub until: Option<String>,
}

fn one() -> u32 {
    1
}

/// The local dates of a course starting on `first`.
pub fn occurrence_dates(first: NaiveDate, rule: &RepeatRule) -> Result<Vec<NaiveDate>> {
    if !(1..=52).contains(&rule.interval_weeks) {
        return Err(Error::invalid(
            "repeat.interval_weeks",
            "Repeat every 1 to 52 weeks.",
        ));
    }
    let until = rule
        .until
        .as_deref()
        .filter(|u| !u.trim().is_empty())
        .map(|u| parse_date("repeat.until", u))
        .transpose()?;
    match (rule.count, until) {
        (None, None) => {
            return Err(Error::invalid(
                "repeat.count",
                "Say how many visits, or the date of the last one.",
            ))
        }
        (Some(n), _) if n == 0 || n > MAX_OCCURRENCES => {
            return Err(Error::invalid(
                "repeat.count",
                format!("A course has 1 to {MAX_OCCURRENCES} visits."),
            ))
        }
        (_, Some(u)) if u < first => {
            return Err(Error::invalid(
                "repeat.until",
                "The last date is before the first visit.",
            ))
        }
        _ => {}
    }
    let mut days: Vec<u8> = match rule.frequency {
        RepeatFrequency::Weekly => vec![first.weekday().number_from_monday() as u8],
        RepeatFrequency::Weekdays => rule.weekdays.clone(),
    };
    days.sort_unstable();
    days.dedup();
    if days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)) {
        return Err(Error::invalid(
            "repeat.weekdays",
            "Pick at least one weekday (Monday to Sunday).",
        ));
    }
    let monday = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
    let limit = rule.count.unwrap_or(MAX_OCCURRENCES + 1);
    let mut out = Vec::new();
    let mut week = 0i64;
    loop {
        for d in &days {
            let date = monday + Duration::weeks(week) + Duration::days(i64::from(*d) - 1);
            if date < first {
                continue;
            }
            if until.is_some_and(|u| date > u) {
                return Ok(out);
            }
            out.push(date);
            if out.len() as u32 == limit {
                if rule.count.is_none() {
                    return Err(Error::invalid(
                        "repeat.until",
                        format!("That is more than {MAX_OCCURRENCES} visits; choose an earlier last date."),
                    ));
                }
                return Ok(out);
            }
        }
        week += i64::from(rule.interval_weeks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn rule(
        frequency: RepeatFrequency,
        interval_weeks: u32,
        weekdays: &[u8],
        count: Option<u32>,
        until: Option<&str>,
    ) -> RepeatRule {
        RepeatRule {
            frequency,
            interval_weeks,
            weekdays: weekdays.to_vec(),
            count,
            until: until.map(str::to_owned),
        }
    }

    #[test]
    fn weekly_for_a_count() -> Result<()> {
        let dates = occurrence_dates(
            d("2026-03-03"),
            &rule(RepeatFrequency::Weekly, 1, &[], Some(8), None),
        )?;
        assert_eq!(dates.len(), 8);
        assert_eq!(dates[1], d("2026-03-10"));
        assert_eq!(dates[7], d("2026-04-21"));
        Ok(())
    }

    #[test]
    fn every_two_weeks_until_a_date_includes_that_date() -> Result<()> {
        let dates = occurrence_dates(
            d("2026-03-03"),
            &rule(RepeatFrequency::Weekly, 2, &[], None, Some("2026-04-14")),
        )?;
        assert_eq!(
            dates,
            vec![
                d("2026-03-03"),
                d("2026-03-17"),
                d("2026-03-31"),
                d("2026-04-14")
            ]
        );
        Ok(())
    }

    #[test]
    fn chosen_weekdays_start_on_or_after_the_first_date() -> Result<()> {
        // Wednesday 4 March; Mondays and Thursdays.
        let dates = occurrence_dates(
            d("2026-03-04"),
            &rule(RepeatFrequency::Weekdays, 1, &[4, 1], Some(4), None),
        )?;
        assert_eq!(
            dates,
            vec![
                d("2026-03-05"),
                d("2026-03-09"),
                d("2026-03-12"),
                d("2026-03-16")
            ]
        );
        Ok(())
    }

    #[test]
    fn bad_rules_name_the_field() {
        let none = rule(RepeatFrequency::Weekly, 1, &[], None, None);
        assert!(
            matches!(occurrence_dates(d("2026-03-03"), &none), Err(Error::Invalid(f)) if f[0].field == "repeat.count")
        );
        let too_many = rule(RepeatFrequency::Weekly, 1, &[], Some(201), None);
        assert!(occurrence_dates(d("2026-03-03"), &too_many).is_err());
        let no_days = rule(RepeatFrequency::Weekdays, 1, &[], Some(3), None);
        assert!(occurrence_dates(d("2026-03-03"), &no_days).is_err());
        let endless = rule(RepeatFrequency::Weekly, 1, &[], None, Some("2040-01-01"));
        assert!(occurrence_dates(d("2026-03-03"), &endless).is_err());
    }
}
