//! Each practitioner's weekly hours: several blocks a day (09:00–12:30, 13:30–18:00), and
//! blocks for odd or even ISO weeks only, for practitioners who alternate weeks.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::practitioners;
use super::time::{fmt_hhmm, iso_weekday, parse_hhmm, weekday_name};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::ids::UserId;
use crate::sql_params;

/// Which weeks a block applies to, by ISO week number (years with 53 weeks have two odd
/// weeks in a row at the new year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WeekParity {
    Every,
    Even,
    Odd,
}

impl WeekParity {
    fn as_str(self) -> &'static str {
        match self {
            WeekParity::Every => "every",
            WeekParity::Even => "even",
            WeekParity::Odd => "odd",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [WeekParity::Every, WeekParity::Even, WeekParity::Odd]
            .into_iter()
            .find(|p| p.as_str() == s)
    }

    fn applies(self, date: NaiveDate) -> bool {
        let even = date.iso_week().week() % 2 == 0;
        match self {
            WeekParity::Every => true,
            WeekParity::Even => even,
            WeekParity::Odd => !even,
        }
    }

    fn overlaps(self, other: WeekParity) -> bool {
        self == WeekParity::Every || other == WeekParity::Every || self == other
    }
}

/// One block of a weekly template, in the clinic's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkingBlock {
    /// ISO weekday: 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// `HH:MM`.
    pub start: String,
    /// `HH:MM`; `24:00` for the end of the day.
    pub end: String,
    pub week_parity: WeekParity,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    pub weekday: u8,
    pub start: u32,
    pub end: u32,
    pub parity: WeekParity,
}

/// A practitioner's template, loaded once per request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hours {
    blocks: Vec<Block>,
}

impl Hours {
    /// True when no hours were set up: nothing is then outside hours.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The blocks of one local date, as sorted, merged minute ranges.
    pub fn on(&self, date: NaiveDate) -> Vec<(u32, u32)> {
        let day = iso_weekday(date);
        let mut spans: Vec<(u32, u32)> = self
            .blocks
            .iter()
            .filter(|b| b.weekday == day && b.parity.applies(date))
            .map(|b| (b.start, b.end))
            .collect();
        spans.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(spans.len());
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged
    }
}

pub(crate) fn load(db: &Db<'_>, practitioner: UserId) -> Result<Hours> {
    let rows = db
        .query(
            "SELECT id, weekday, start_minute, end_minute, week_parity FROM working_hours
             WHERE practitioner_id = ?1 ORDER BY weekday, start_minute, id",
            sql_params![practitioner],
        )?
        .iter()
        .map(|r| {
            Ok((
                r.get::<u8>("weekday")?,
                r.get::<u32>("start_minute")?,
                r.get::<u32>("end_minute")?,
                r.get::<String>("week_parity")?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    let blocks = rows
        .into_iter()
        .map(|(weekday, start, end, parity)| {
            let parity = WeekParity::parse(&parity).ok_or_else(|| {
                Error::Internal(format!(
                    "working hours of practitioner {practitioner} have an unknown week parity {parity:?}"
                ))
            })?;
            Ok(Block { weekday, start, end, parity })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Hours { blocks })
}

fn to_template(hours: &Hours) -> Vec<WorkingBlock> {
    hours
        .blocks
        .iter()
        .map(|b| WorkingBlock {
            weekday: b.weekday,
            start: fmt_hhmm(b.start),
            end: fmt_hhmm(b.end),
            week_parity: b.parity,
        })
        .collect()
}

fn check(blocks: &[WorkingBlock]) -> Result<Vec<Block>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let field = |name: &str| format!("blocks.{i}.{name}");
        if !(1..=7).contains(&b.weekday) {
            errors.push(FieldError::new(
                &field("weekday"),
                "Pick a day from Monday to Sunday.",
            ));
            continue;
        }
        let start = parse_hhmm(&field("start"), &b.start);
        let end = parse_hhmm(&field("end"), &b.end);
        match (start, end) {
            (Ok(s), Ok(e)) if s < e && s < 1440 => parsed.push(Block {
                weekday: b.weekday,
                start: s,
                end: e,
                parity: b.week_parity,
            }),
            (Ok(_), Ok(_)) => errors.push(FieldError::new(
                &field("end"),
                format!(
                    "On {} the block must end after it starts.",
                    weekday_name(b.weekday)
                ),
            )),
            (s, e) => {
                for r in [s, e] {
                    if let Err(Error::Invalid(f)) = r {
                        errors.extend(f);
                    }
                }
            }
        }
    }
    for (i, a) in parsed.iter().enumerate() {
        for b in &parsed[i + 1..] {
            if a.weekday == b.weekday
                && a.parity.overlaps(b.parity)
                && a.start < b.end
                && b.start < a.end
            {
                errors.push(FieldError::new(
                    "blocks",
                    format!(
                        "Two blocks overlap on {}: {}–{} and {}–{}.",
                        weekday_name(a.weekday),
                        fmt_hhmm(a.start),
                        fmt_hhmm(a.end),
                        fmt_hhmm(b.start),
                        fmt_hhmm(b.end)
                    ),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(Error::Invalid(errors))
    }
}

impl Clinic {
    pub fn working_hours(&self, actor: &Actor, practitioner: UserId) -> Result<Vec<WorkingBlock>> {
        actor.require(Operation::ReadSchedule)?;
        self.read_db(|c| {
            practitioners::load(c, practitioner)?;
            Ok(to_template(&load(c, practitioner)?))
        })
    }

    /// Replaces a practitioner's weekly template with `blocks`.
    pub fn set_working_hours(
        &self,
        actor: &Actor,
        practitioner: UserId,
        blocks: &[WorkingBlock],
    ) -> Result<Vec<WorkingBlock>> {
        actor.require(Operation::ManageScheduleSetup)?;
        let parsed = check(blocks)?;
        self.write_db(|tx| {
            practitioners::load(tx, practitioner)?;
            tx.execute("DELETE FROM working_hours WHERE practitioner_id = ?1", sql_params![practitioner])?;
            for b in &parsed {
                tx.execute(
                    "INSERT INTO working_hours (practitioner_id, weekday, start_minute, end_minute, week_parity)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    sql_params![practitioner, b.weekday, b.start, b.end, b.parity.as_str()],
                )?;
            }
            audit::record(tx, Some(actor), Action::Update, "working_hours", Some(practitioner.to_string()))?;
            Ok(to_template(&load(tx, practitioner)?))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(weekday: u8, start: &str, end: &str, week_parity: WeekParity) -> WorkingBlock {
        WorkingBlock {
            weekday,
            start: start.into(),
            end: end.into(),
            week_parity,
        }
    }

    #[test]
    fn alternating_weeks_follow_iso_week_numbers() -> Result<()> {
        let hours = Hours {
            blocks: check(&[
                block(1, "09:00", "12:00", WeekParity::Every),
                block(1, "13:00", "17:00", WeekParity::Even),
            ])?,
        };
        let week_10 = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default(); // Monday, ISO week 10
        let week_11 = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap_or_default();
        assert_eq!(hours.on(week_10), vec![(540, 720), (780, 1020)]);
        assert_eq!(hours.on(week_11), vec![(540, 720)]);
        Ok(())
    }

    #[test]
    fn overlapping_blocks_are_refused_but_odd_and_even_may_share_a_time() {
        assert!(check(&[
            block(2, "09:00", "12:00", WeekParity::Every),
            block(2, "11:00", "13:00", WeekParity::Odd),
        ])
        .is_err());
        assert!(check(&[
            block(2, "09:00", "12:00", WeekParity::Even),
            block(2, "09:00", "12:00", WeekParity::Odd),
        ])
        .is_ok());
        assert!(check(&[block(3, "12:00", "09:00", WeekParity::Every)]).is_err());
    }
}
