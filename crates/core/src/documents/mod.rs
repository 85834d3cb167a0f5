//! Printable documents: the patient's treatment summary, a signed visit note, the superbill /
//! receipt and the reception's day sheet, made as PDFs with printpdf in the embedded font
//! (see [`fonts`]). Condition handouts (clinic-editable) can be appended to a summary.
//!
//! Every generation checks the actor's role (receptionists: day sheet and superbills only),
//! reads only signed notes, stores the PDF with what it was made from, and writes one audit
//! row naming the document and the patient, never its content.

#[allow(dead_code)] // used by the documents added next
mod canvas;
pub mod cpt;
#[allow(dead_code)]
mod fonts;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
