//! Printable documents: the patient's treatment summary, a signed visit note, the superbill /
//! receipt and the reception's day sheet, made as PDFs with printpdf in the embedded fonts
//! (see [`fonts`]).
//!
//! Every generation checks the actor's role (receptionists: day sheet and superbills only),
//! reads only signed notes (with their addenda), stores the PDF with the request it was made
//! from, and writes one audit row naming the document and the patient, never its content.

mod canvas;
pub mod cpt;
mod daysheet;
mod files;
mod fonts;
mod handouts;
mod layout;
mod logo;
mod note;
mod service;
mod settings;
mod summary;
mod superbill;
mod trend;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ids::{DocumentId, HandoutId, NoteId, PatientId};
use crate::settings::DateFormat;

pub use files::document_file_name;
pub use handouts::{handout_blocks, Handout, HandoutBlock, HandoutInput};
pub use logo::{normalise_logo, LogoInfo};
pub use settings::DocumentSettings;

/// The clinic's paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PaperSize {
    #[default]
    A4,
    Letter,
}

impl PaperSize {
    /// Width and height in points.
    pub fn points(self) -> (f32, f32) {
        match self {
            PaperSize::A4 => (595.28, 841.89),
            PaperSize::Letter => (612.0, 792.0),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PaperSize::A4 => "a4",
            PaperSize::Letter => "letter",
        }
    }

    pub fn parse(s: &str) -> Option<PaperSize> {
        [PaperSize::A4, PaperSize::Letter]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Summary,
    VisitNote,
    Superbill,
    DaySheet,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::Summary => "summary",
            DocumentKind::VisitNote => "visit_note",
            DocumentKind::Superbill => "superbill",
            DocumentKind::DaySheet => "day_sheet",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentKind> {
        [
            DocumentKind::Summary,
            DocumentKind::VisitNote,
            DocumentKind::Superbill,
            DocumentKind::DaySheet,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// Treatment summaries and visit notes carry clinical content.
    pub fn is_clinical(self) -> bool {
        matches!(self, DocumentKind::Summary | DocumentKind::VisitNote)
    }
}

/// What goes into a treatment summary. The period defaults to all of the patient's signed
/// notes; the sections default to included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct SummaryRequest {
    pub patient_id: PatientId,
    /// First visit date included (YYYY-MM-DD).
    #[ts(optional = nullable)]
    pub from: Option<String>,
    /// Last visit date included (YYYY-MM-DD).
    #[ts(optional = nullable)]
    pub to: Option<String>,
    /// The points column of the visits table (code, pinyin, characters, English, side).
    pub include_points: bool,
    /// The pain-trend chart.
    pub include_pain_chart: bool,
    pub include_modalities: bool,
    pub include_outcomes: bool,
    pub include_home_advice: bool,
    /// Replaces the latest note's plan as "Next steps" when given.
    #[ts(optional = nullable)]
    pub next_steps: Option<String>,
    /// Condition handouts appended after the summary, each from a new page, in this order.
    pub handouts: Vec<HandoutId>,
}

impl Default for SummaryRequest {
    fn default() -> Self {
        SummaryRequest {
            patient_id: PatientId(0),
            from: None,
            to: None,
            include_points: true,
            include_pain_chart: true,
            include_modalities: true,
            include_outcomes: true,
            include_home_advice: true,
            next_steps: None,
            handouts: Vec::new(),
        }
    }
}

/// A superbill / receipt for one date of service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SuperbillRequest {
    pub patient_id: PatientId,
    /// Date of service (YYYY-MM-DD).
    pub date: String,
    /// What the patient paid, in cents, when the receipt is printed at the desk.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub amount_paid_cents: Option<i64>,
    /// e.g. "Card", "Cash".
    #[serde(default)]
    #[ts(optional = nullable)]
    pub payment_method: Option<String>,
}

/// One generated document as the patient's Documents tab lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentInfo {
    pub id: DocumentId,
    pub kind: DocumentKind,
    #[ts(optional = nullable)]
    pub patient_id: Option<PatientId>,
    pub title: String,
    pub pages: u32,
    /// Size of the PDF in bytes.
    pub bytes: u32,
    /// RFC 3339 UTC.
    pub created_at: String,
    /// Who generated it (display name).
    pub created_by: String,
}

/// A document just generated: what is recorded, and the PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub info: DocumentInfo,
    pub pdf: Vec<u8>,
}

/// A visit note to print: the note's id (it must be signed).
pub type VisitNoteRequest = NoteId;

/// Dates as the clinic writes them on paper: "15 January 2026", "January 15, 2026" or
/// "2026-01-15".
pub(crate) fn human_date(format: DateFormat, date: NaiveDate) -> String {
    match format {
        DateFormat::Dmy => date.format("%-d %B %Y").to_string(),
        DateFormat::Mdy => date.format("%B %-d, %Y").to_string(),
        DateFormat::Ymd => date.format("%Y-%m-%d").to_string(),
    }
}

/// Short dates for table cells: "15 Jan 2026", "Jan 15, 2026", "2026-01-15".
pub(crate) fn short_date(format: DateFormat, date: NaiveDate) -> String {
    match format {
        DateFormat::Dmy => date.format("%-d %b %Y").to_string(),
        DateFormat::Mdy => date.format("%b %-d, %Y").to_string(),
        DateFormat::Ymd => date.format("%Y-%m-%d").to_string(),
    }
}

/// "$1,234.50" (the symbol from the clinic's settings).
pub(crate) fn money(symbol: &str, cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{symbol}{grouped}.{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_keeps_cents() {
        assert_eq!(money("$", 0), "$0.00");
        assert_eq!(money("$", 9500), "$95.00");
        assert_eq!(money("€", 12_345_678), "€123,456.78");
        assert_eq!(money("$", -505), "-$5.05");
    }

    #[test]
    fn dates_follow_the_clinic_format() -> Result<(), String> {
        let d = NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("date")?;
        assert_eq!(human_date(DateFormat::Dmy, d), "5 January 2026");
        assert_eq!(human_date(DateFormat::Mdy, d), "January 5, 2026");
        assert_eq!(short_date(DateFormat::Ymd, d), "2026-01-05");
        Ok(())
    }
}
