//! The part of the analysis both kinds of file share: text, table, mapping, date order.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::dates::{evidence, is_ambiguous, DateOrder};
use super::fields::{self, ImportField};
use super::table::{self, SourceRow, Table};
use super::{
    decode, ColumnInfo, DuplicateInfo, FieldInfo, ImportKind, ImportOptions, ImportPreview,
    RowProblem, MAX_LISTED_PROBLEMS,
};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::patients::fold;
use crate::settings::{self, DateFormat};

const SAMPLES: usize = 3;
const DATE_FIELDS: [ImportField; 4] = [
    ImportField::DateOfBirth,
    ImportField::Start,
    ImportField::Date,
    ImportField::End,
];

pub(super) struct Frame {
    pub kind: ImportKind,
    pub encoding: &'static str,
    pub bom: bool,
    pub had_errors: bool,
    pub table: Table,
    pub mapping: Vec<Option<ImportField>>,
    pub mapping_problems: Vec<String>,
    pub date_order: DateOrder,
    pub date_order_note: String,
    pub ambiguous_dates: usize,
    pub today: NaiveDate,
    pub tz: Tz,
}

impl Frame {
    pub fn column_of(&self, f: ImportField) -> Option<usize> {
        self.mapping.iter().position(|m| *m == Some(f))
    }

    pub fn has(&self, f: ImportField) -> bool {
        self.column_of(f).is_some()
    }

    /// The row's value for `f`, trimmed; `None` when unmapped or empty.
    pub fn cell<'r>(&self, row: &'r SourceRow, f: ImportField) -> Option<&'r str> {
        let i = self.column_of(f)?;
        row.cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty())
    }

    pub fn header(&self, f: ImportField) -> Option<String> {
        self.column_of(f)
            .and_then(|i| self.table.headers.get(i).cloned())
    }
}

fn parse_delimiter(text: &str) -> Result<u8> {
    match text {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\t" | "tab" | "\\t" => Ok(b'\t'),
        other => Err(Error::invalid(
            "delimiter",
            format!(
                "{other:?} is not a delimiter this app reads; use a comma, a semicolon or a tab."
            ),
        )),
    }
}

/// Applies the person's changes to the proposed mapping.
fn apply_choices(
    headers: &[String],
    kind: ImportKind,
    mapping: &mut [Option<ImportField>],
    options: &ImportOptions,
) -> Result<()> {
    for choice in &options.columns {
        let wanted = choice.column.trim();
        let by_number = wanted
            .strip_prefix('#')
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| (1..=headers.len()).contains(n))
            .map(|n| n - 1);
        let index = by_number
            .or_else(|| headers.iter().position(|h| fold(h.trim()) == fold(wanted)))
            .ok_or_else(|| {
                Error::invalid(
                    "columns",
                    format!(
                        "The file has no column {wanted:?}; its columns are {}.",
                        headers
                            .iter()
                            .map(|h| format!("{h:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?;
        if let Some(f) = choice.field {
            if !f.applies_to(kind) {
                return Err(Error::invalid(
                    "columns",
                    format!("{} is not a field of a {} file.", f.label(), kind.as_str()),
                ));
            }
            // The field moves to this column.
            for m in mapping.iter_mut() {
                if *m == Some(f) {
                    *m = None;
                }
            }
        }
        mapping[index] = choice.field;
    }
    Ok(())
}

fn choose_order(
    table: &Table,
    mapping: &[Option<ImportField>],
    forced: Option<DateOrder>,
    setting: DateFormat,
) -> (DateOrder, String, usize) {
    let columns: Vec<usize> = mapping
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_some_and(|f| DATE_FIELDS.contains(&f)))
        .map(|(i, _)| i)
        .collect();
    let (mut day, mut month, mut ambiguous) = (0, 0, 0);
    for row in &table.rows {
        for &i in &columns {
            let Some(cell) = row.cells.get(i) else {
                continue;
            };
            match evidence(cell) {
                Some(DateOrder::DayFirst) => day += 1,
                Some(DateOrder::MonthFirst) => month += 1,
                None if is_ambiguous(cell) => ambiguous += 1,
                None => {}
            }
        }
    }
    if let Some(order) = forced {
        return (
            order,
            format!("Dates are read {} as chosen.", order.example()),
            ambiguous,
        );
    }
    let (order, why) = match (day, month) {
        (d, 0) if d > 0 => (
            DateOrder::DayFirst,
            format!("{d} dates in the file can only be day first"),
        ),
        (0, m) if m > 0 => (
            DateOrder::MonthFirst,
            format!("{m} dates in the file can only be month first"),
        ),
        (d, m) => {
            let by_setting = match setting {
                DateFormat::Mdy => DateOrder::MonthFirst,
                DateFormat::Dmy | DateFormat::Ymd => DateOrder::DayFirst,
            };
            let why = if d + m > 0 {
                format!("the file mixes both ({d} day-first, {m} month-first dates), so the clinic's date format decides; the others are listed as problems")
            } else {
                match setting {
                    DateFormat::Ymd => "nothing in the file decides, and the clinic writes dates year first, so day first is assumed".to_owned(),
                    _ => "nothing in the file decides, so the clinic's date format does".to_owned(),
                }
            };
            (by_setting, why)
        }
    };
    let note = if ambiguous > 0 {
        format!(
            "{ambiguous} ambiguous dates (like 03/04/1984) were read {}: {why}.",
            order.example()
        )
    } else {
        format!(
            "Dates with the year last are read {}: {why}.",
            order.example()
        )
    };
    (order, note, ambiguous)
}

/// Reads and maps the file; row-level checks are the kind's own.
pub(super) fn frame(
    db: &Db<'_>,
    kind: ImportKind,
    bytes: &[u8],
    options: &ImportOptions,
    today: NaiveDate,
) -> Result<Frame> {
    let decoded = decode::decode(bytes, options.encoding.as_deref())?;
    let delimiter = options
        .delimiter
        .as_deref()
        .map(parse_delimiter)
        .transpose()?;
    let table = table::read(&decoded.text, delimiter, options.has_header)
        .map_err(|message| Error::invalid("file", message))?;
    let mut mapping = fields::propose(&table.headers, kind);
    apply_choices(&table.headers, kind, &mut mapping, options)?;
    let mut mapping_problems = Vec::new();
    for alternatives in fields::required(kind) {
        if !alternatives.iter().any(|f| mapping.contains(&Some(*f))) {
            let names: Vec<&str> = alternatives.iter().map(|f| f.label()).collect();
            mapping_problems.push(format!(
                "Choose the column that holds the {}.",
                names.join(" or the ")
            ));
        }
    }
    if kind == ImportKind::Appointments
        && mapping.contains(&Some(ImportField::Date))
        && !mapping.contains(&Some(ImportField::Time))
        && !mapping.contains(&Some(ImportField::Start))
    {
        mapping_problems.push("Choose the column that holds the appointment's time.".into());
    }
    let clinic = settings::load(db)?;
    let tz = settings::parse_time_zone(&clinic.time_zone).ok_or_else(|| {
        Error::Internal(format!(
            "stored time zone {:?} is unknown",
            clinic.time_zone
        ))
    })?;
    let (date_order, date_order_note, ambiguous_dates) =
        choose_order(&table, &mapping, options.date_order, clinic.date_format);
    Ok(Frame {
        kind,
        encoding: decoded.encoding,
        bom: decoded.bom,
        had_errors: decoded.had_errors,
        table,
        mapping,
        mapping_problems,
        date_order,
        date_order_note,
        ambiguous_dates,
        today,
        tz,
    })
}

/// Problems as they are found, kept in line order.
#[derive(Default)]
pub(super) struct Problems {
    pub list: Vec<RowProblem>,
}

impl Problems {
    pub fn add(&mut self, line: u64, column: Option<String>, message: impl Into<String>) {
        self.list.push(RowProblem {
            line,
            column,
            message: message.into(),
        });
    }

    pub fn rows(&self) -> std::collections::BTreeSet<u64> {
        self.list.iter().map(|p| p.line).collect()
    }
}

/// What each kind's analysis adds to the shared preview.
pub(super) struct Outcome {
    pub problems: Problems,
    pub duplicates: Vec<DuplicateInfo>,
    pub to_import: usize,
    pub to_merge: usize,
    pub to_skip: usize,
    pub new_types: Vec<String>,
    pub new_rooms: Vec<String>,
    pub notes: Vec<String>,
}

pub(super) fn preview(frame: &Frame, mut outcome: Outcome) -> ImportPreview {
    let t = &frame.table;
    let columns = t
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| ColumnInfo {
            index: i as u32,
            header: h.clone(),
            field: frame.mapping.get(i).copied().flatten(),
            samples: t
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i).map(|c| c.trim()).filter(|c| !c.is_empty()))
                .take(SAMPLES)
                .map(str::to_owned)
                .collect(),
        })
        .collect();
    let fields = ImportField::ALL
        .iter()
        .filter(|f| f.applies_to(frame.kind))
        .map(|f| FieldInfo {
            field: *f,
            label: f.label().to_owned(),
        })
        .collect();
    let mut notes = Vec::new();
    if frame.had_errors {
        notes.push(format!(
            "Some bytes could not be read as {}; they show as �. Choose another encoding if names look wrong.",
            frame.encoding
        ));
    }
    notes.append(&mut outcome.notes);
    let problem_rows = outcome.problems.rows().len();
    let mut problems = outcome.problems.list;
    problems.sort_by_key(|p| p.line);
    let problem_count = problems.len();
    problems.truncate(MAX_LISTED_PROBLEMS);
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    ImportPreview {
        kind: frame.kind,
        encoding: frame.encoding.to_owned(),
        bom: frame.bom,
        delimiter: table::delimiter_name(t.delimiter).to_owned(),
        has_header: t.has_header,
        columns,
        fields,
        mapping_problems: frame.mapping_problems.clone(),
        date_order: frame.date_order,
        date_order_note: frame.date_order_note.clone(),
        ambiguous_dates: count(frame.ambiguous_dates),
        rows: count(t.rows.len()),
        problems,
        problem_count: count(problem_count),
        problem_rows: count(problem_rows),
        duplicates: outcome.duplicates,
        to_import: count(outcome.to_import),
        to_merge: count(outcome.to_merge),
        to_skip: count(outcome.to_skip),
        new_types: outcome.new_types,
        new_rooms: outcome.new_rooms,
        notes,
    }
}

/// Cells beyond the header's columns that hold something are a problem (a stray delimiter).
pub(super) fn check_width(frame: &Frame, problems: &mut Problems) {
    let width = frame.table.headers.len();
    for row in &frame.table.rows {
        let extra = row
            .cells
            .iter()
            .skip(width)
            .filter(|c| !c.trim().is_empty())
            .count();
        if extra > 0 {
            problems.add(
                row.line,
                None,
                format!(
                    "The row has {} values but the header has {width} columns; check for a stray {} or a missing quote.",
                    row.cells.len(),
                    table::delimiter_name(frame.table.delimiter)
                ),
            );
        }
    }
}
