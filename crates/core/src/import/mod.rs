//! CSV import of patients and appointments from other clinic systems.
//!
//! A file goes through the same analysis for the preview and for the import: its encoding,
//! delimiter and header row are detected (or given), its columns mapped to fields (proposed
//! from the headers, changeable), every row checked (line number, column, what is wrong),
//! duplicates of existing patients found with the registration rules, and for appointments
//! patients and practitioners matched. The import repeats the analysis inside its one
//! transaction and writes all of it or nothing.

mod analyse;
mod appointments;
mod dates;
mod decode;
mod fields;
mod patients;
mod service;
mod table;

pub use dates::DateOrder;
pub use fields::ImportField;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::patients::PatientSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Patients,
    Appointments,
}

impl ImportKind {
    pub const ALL: [ImportKind; 2] = [ImportKind::Patients, ImportKind::Appointments];

    pub fn as_str(self) -> &'static str {
        match self {
            ImportKind::Patients => "patients",
            ImportKind::Appointments => "appointments",
        }
    }
}

/// What to do with a row that is the same person as an existing patient (or an earlier row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateAction {
    /// Leave the row out.
    #[default]
    Skip,
    /// Fill the existing record's empty fields from the row (nothing is overwritten) and keep
    /// the row's patient ID with it.
    Merge,
    /// A different person after all (a family sharing a phone): register them too.
    Import,
}

/// One column's field, by its header (as in the file, any case) or by `#N` (1-based).
#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ColumnChoice {
    pub column: String,
    /// `null`: leave the column out.
    pub field: Option<ImportField>,
}

#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct DuplicateDecision {
    pub line: u64,
    pub action: DuplicateAction,
}

/// Everything the person may change about how a file is read. Absent = detected / proposed.
/// The CLI's `--mapping FILE` is this, as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default, deny_unknown_fields)]
pub struct ImportOptions {
    /// An encoding label: `utf-8`, `utf-16le`, `utf-16be`, `windows-1252`…
    #[ts(optional = nullable)]
    pub encoding: Option<String>,
    /// `,` `;` or a tab (also `comma`, `semicolon`, `tab`).
    #[ts(optional = nullable)]
    pub delimiter: Option<String>,
    #[ts(optional = nullable)]
    pub has_header: Option<bool>,
    /// Changes to the proposed mapping; columns not listed keep the proposal.
    #[ts(as = "Option<Vec<ColumnChoice>>", optional)]
    pub columns: Vec<ColumnChoice>,
    #[ts(optional = nullable)]
    pub date_order: Option<DateOrder>,
    /// For every duplicate without a decision of its own (default: skip).
    #[ts(optional = nullable)]
    pub duplicates: Option<DuplicateAction>,
    #[ts(as = "Option<Vec<DuplicateDecision>>", optional)]
    pub decisions: Vec<DuplicateDecision>,
    /// Import the good rows and leave out those with problems (listed in the summary).
    /// Without it, any problem stops the import and nothing is written.
    #[ts(as = "Option<bool>", optional)]
    pub skip_invalid_rows: bool,
}

#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnInfo {
    /// 0-based.
    pub index: u32,
    pub header: String,
    pub field: Option<ImportField>,
    /// The first few non-empty values, to recognise the column by.
    pub samples: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldInfo {
    pub field: ImportField,
    pub label: String,
}

/// One thing wrong with one row.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct RowProblem {
    /// The line in the file where the row starts.
    pub line: u64,
    /// The column's header, when the problem is in one column.
    pub column: Option<String>,
    pub message: String,
}

#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct DuplicateInfo {
    pub line: u64,
    /// The row's patient, as written in the file.
    pub name: String,
    pub date_of_birth: Option<String>,
    /// Why it looks like the same person.
    pub reason: String,
    /// The existing record it matches…
    pub existing: Option<PatientSummary>,
    /// …or the earlier row of the same file.
    pub earlier_line: Option<u64>,
    pub action: DuplicateAction,
}

/// The dry run: what the import would do, before anything is written.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportPreview {
    pub kind: ImportKind,
    /// The WHATWG name: `UTF-8`, `UTF-16LE`, `windows-1252`…
    pub encoding: String,
    pub bom: bool,
    /// `comma`, `semicolon` or `tab`.
    pub delimiter: String,
    pub has_header: bool,
    pub columns: Vec<ColumnInfo>,
    /// The fields this kind of file can fill.
    pub fields: Vec<FieldInfo>,
    /// Problems with the mapping itself (a required field without a column); the import
    /// cannot start until they are fixed.
    pub mapping_problems: Vec<String>,
    pub date_order: DateOrder,
    /// Which order was used for ambiguous dates, and why.
    pub date_order_note: String,
    /// How many dates could be read either way (decided by `date_order`).
    pub ambiguous_dates: u32,
    /// Rows (not counting the header).
    pub rows: u32,
    /// The first problems (at most 1,000), in line order.
    pub problems: Vec<RowProblem>,
    pub problem_count: u32,
    pub problem_rows: u32,
    pub duplicates: Vec<DuplicateInfo>,
    pub to_import: u32,
    pub to_merge: u32,
    pub to_skip: u32,
    /// Appointment types and rooms the import will add (names not found in the clinic).
    pub new_types: Vec<String>,
    pub new_rooms: Vec<String>,
    /// Other things worth knowing (defaults applied, characters that could not be read).
    pub notes: Vec<String>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportSummary {
    pub kind: ImportKind,
    pub imported: u32,
    /// Duplicates left out.
    pub skipped: u32,
    pub merged: u32,
    /// Rows with problems left out (only with `skip_invalid_rows`).
    pub invalid_skipped: u32,
    pub skipped_lines: Vec<u64>,
    pub new_types: Vec<String>,
    pub new_rooms: Vec<String>,
}

/// Long work (import, export) reports where it is. No patient data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DataProgress {
    /// `reading`, `checking`, `writing`, `exporting`.
    pub phase: String,
    pub done: u32,
    pub total: u32,
}

impl DataProgress {
    pub fn new(phase: &str, done: usize, total: usize) -> Self {
        Self {
            phase: phase.to_owned(),
            done: u32::try_from(done).unwrap_or(u32::MAX),
            total: u32::try_from(total).unwrap_or(u32::MAX),
        }
    }
}

/// The most problems a preview lists (all are counted).
pub const MAX_LISTED_PROBLEMS: usize = 1_000;

// Samples, problems and duplicates quote patients' names and details: never in a log.
crate::redacted_debug!(ColumnInfo, RowProblem, DuplicateInfo, ImportPreview);

#[cfg(test)]
mod never_panics {
    use chrono::NaiveDate;
    use proptest::prelude::*;

    use super::dates::{evidence, parse_date, parse_date_time, parse_time, DateOrder};
    use super::{decode, fields, table, ImportKind};

    fn read_everything(bytes: &[u8], forced: Option<&str>) {
        let Ok(decoded) = decode::decode(bytes, forced) else {
            return;
        };
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        for delimiter in [None, Some(b';')] {
            let Ok(t) = table::read(&decoded.text, delimiter, None) else {
                continue;
            };
            for kind in ImportKind::ALL {
                fields::propose(&t.headers, kind);
            }
            for cell in t.rows.iter().flat_map(|r| r.cells.iter()) {
                let _ = evidence(cell);
                let _ = parse_time(cell);
                for order in [DateOrder::DayFirst, DateOrder::MonthFirst] {
                    let _ = parse_date(cell, order, today, true);
                    let _ = parse_date_time(cell, order, today);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            read_everything(&bytes, None);
            read_everything(&bytes, Some("utf-16be"));
        }

        #[test]
        fn csv_like_text(text in "[a-zA-Z0-9 ,;\t\"\r\n/:.\\-éü]{0,300}") {
            read_everything(text.as_bytes(), None);
        }
    }
}
