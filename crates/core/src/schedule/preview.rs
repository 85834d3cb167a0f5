//! What a booking would do, visit by visit, shown to the receptionist before anything is
//! saved: which visits clash (and with whom), which need an override, a free time nearby.

use serde::Serialize;
use ts_rs::TS;

use super::conflicts::Clash;
use crate::ids::RoomId;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OccurrencePreview {
    pub index: u32,
    pub local_start: String,
    pub local_end: String,
    pub room_id: Option<RoomId>,
    pub room_name: Option<String>,
    pub skipped: bool,
    /// Booked at a time chosen for this visit rather than the course's usual time.
    pub moved: bool,
    pub clashes: Vec<Clash>,
    /// Outside working hours or in time off: allowed with a reason.
    pub warnings: Vec<String>,
    /// The time does not exist (DST) or is otherwise unusable.
    pub problem: Option<String>,
    /// The nearest free time that day with the same practitioner, when this one clashes.
    pub suggestion: Option<String>,
}

impl OccurrencePreview {
    fn blocked(&self) -> bool {
        !self.skipped && (!self.clashes.is_empty() || self.problem.is_some())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BookingPreview {
    pub occurrences: Vec<OccurrencePreview>,
    /// Nothing clashes any more (skipped visits aside).
    pub bookable: bool,
    /// Some visit is outside hours or in time off: a reason is needed.
    pub needs_override: bool,
    pub summary: String,
}

pub(super) fn summarise(occurrences: Vec<OccurrencePreview>) -> BookingPreview {
    let blocked: Vec<&OccurrencePreview> = occurrences.iter().filter(|o| o.blocked()).collect();
    let booked = occurrences.iter().filter(|o| !o.skipped).count();
    let needs_override = occurrences
        .iter()
        .any(|o| !o.skipped && !o.warnings.is_empty());
    let summary = if blocked.is_empty() {
        match booked {
            0 => "Every visit is skipped: nothing to book.".to_owned(),
            1 => "The time is free.".to_owned(),
            n => format!("All {n} visits are free."),
        }
    } else if occurrences.len() == 1 {
        let o = blocked[0];
        o.problem.clone().unwrap_or_else(|| {
            o.clashes
                .iter()
                .map(|c| c.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
    } else {
        let list: Vec<String> = blocked
            .iter()
            .map(|o| {
                let why = o.problem.clone().unwrap_or_else(|| {
                    o.clashes
                        .iter()
                        .map(|c| c.message.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                });
                format!(
                    "visit {} ({}): {why}",
                    o.index,
                    o.local_start.replace('T', " ")
                )
            })
            .collect();
        format!(
            "{} of the {} visits clash — {}. Skip them or choose another time for each.",
            blocked.len(),
            occurrences.len(),
            list.join("; ")
        )
    };
    BookingPreview {
        bookable: blocked.is_empty() && booked > 0,
        needs_override,
        summary,
        occurrences,
    }
}
