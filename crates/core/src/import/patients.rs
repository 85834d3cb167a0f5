//! Patient rows: read each into the registration form's fields, check them with the same
//! rules, find duplicates (the same patient ID, the registration rules against existing
//! patients, and the same rules between rows of the file), then write.

use std::collections::HashMap;

use chrono::Utc;

use super::analyse::{check_width, Frame, Outcome, Problems};
use super::dates::parse_date;
use super::fields::ImportField as F;
use super::table::SourceRow;
use super::{DataProgress, DuplicateAction, DuplicateInfo, ImportOptions, MAX_LISTED_PROBLEMS};
use crate::auth::Actor;
use crate::db::Db;
use crate::error::Result;
use crate::ids::PatientId;
use crate::patients::{bulk, fold, PatientDetails, Sex};
use crate::sql_params;
use crate::text;

const MIN_PHONE_DIGITS: usize = 7;
const PROGRESS_EVERY: usize = 500;

pub(super) struct PatientRow {
    pub line: u64,
    pub external_ids: Vec<String>,
    pub details: PatientDetails,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fate {
    New,
    Skip,
    Invalid,
    MergeExisting(PatientId),
    /// Folded into an earlier row of the file (by index).
    MergedIntoRow(usize),
}

pub(super) struct Plan {
    pub rows: Vec<PatientRow>,
    pub fates: Vec<Fate>,
}

const TITLES: [&str; 8] = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir"];

/// "Surname, Given" or "Given Middle Surname", titles left out.
pub(super) fn split_full_name(full: &str) -> (String, String) {
    if let Some((family, given)) = full.split_once(',') {
        return (strip_titles(given), family.trim().to_owned());
    }
    let name = strip_titles(full);
    match name.rsplit_once(' ') {
        Some((given, family)) => (given.trim().to_owned(), family.trim().to_owned()),
        None => (name, String::new()),
    }
}

fn strip_titles(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !TITLES.contains(&w.trim_end_matches('.').to_lowercase().as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse_sex(text: &str) -> Option<Sex> {
    match fold(text).trim().trim_end_matches('.') {
        "f" | "female" | "w" | "woman" | "femme" | "frau" | "weiblich" | "girl" => {
            Some(Sex::Female)
        }
        "m" | "male" | "man" | "homme" | "mann" | "mannlich" | "boy" | "h" => Some(Sex::Male),
        "x" | "i" | "intersex" => Some(Sex::Intersex),
        "u" | "unknown" | "other" | "o" | "not stated" | "prefer not to say" | "n/a" => {
            Some(Sex::Unknown)
        }
        _ => None,
    }
}

/// A quoted cell written on several lines keeps its lines: the first address line's extra
/// lines go before the second address line, other one-line fields join their lines with a space,
/// and the front desk's notes keep their breaks.
fn address_lines(line1: Option<&str>, line2: Option<&str>) -> (Option<String>, Option<String>) {
    let joined = |t: &str| Some(text::joined_lines(t, ", ")).filter(|t| !t.is_empty());
    let Some(first) = line1 else {
        return (None, line2.and_then(joined));
    };
    let mut lines = first
        .split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let head = lines.next().map(str::to_owned);
    let rest: Vec<&str> = lines.chain(line2).collect();
    (head, joined(&rest.join("\n")))
}

/// Old Mac files end lines with a lone CR, which a note refuses (it moves the cursor back);
/// CR LF and LF are kept as written.
fn lone_returns_as_breaks(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(if c == '\r' && chars.peek() != Some(&'\n') {
            '\n'
        } else {
            c
        });
    }
    out
}

fn read_row(frame: &Frame, row: &SourceRow, problems: &mut Problems) -> Option<PatientRow> {
    let cell = |f| frame.cell(row, f).map(|t| text::joined_lines(t, " "));
    let notes = frame
        .cell(row, F::FrontDeskNotes)
        .map(lone_returns_as_breaks);
    let (address_line1, address_line2) = address_lines(
        frame.cell(row, F::AddressLine1),
        frame.cell(row, F::AddressLine2),
    );
    let (mut given, mut family) = (cell(F::GivenName), cell(F::FamilyName));
    if let Some(full) = cell(F::FullName) {
        let (g, f) = split_full_name(&full);
        given = given.or(Some(g).filter(|g| !g.is_empty()));
        family = family.or(Some(f).filter(|f| !f.is_empty()));
    }
    let before = problems.list.len();
    let date_of_birth = cell(F::DateOfBirth).and_then(|text| {
        match parse_date(&text, frame.date_order, frame.today, true) {
            Ok(d) => Some(d.format("%Y-%m-%d").to_string()),
            Err(message) => {
                problems.add(
                    row.line,
                    frame.header(F::DateOfBirth),
                    format!("Date of birth {message}."),
                );
                None
            }
        }
    });
    let sex = cell(F::Sex).and_then(|text| {
        let parsed = parse_sex(&text);
        if parsed.is_none() {
            problems.add(
                row.line,
                frame.header(F::Sex),
                format!("{text:?} is not a sex this app knows; use F, M, X or U."),
            );
        }
        parsed
    });
    let details = PatientDetails {
        given_name: given.unwrap_or_default(),
        family_name: family.unwrap_or_default(),
        preferred_name: cell(F::PreferredName),
        date_of_birth,
        sex,
        phone: cell(F::Phone),
        phone_alt: cell(F::PhoneAlt),
        email: cell(F::Email),
        address_line1,
        address_line2,
        city: cell(F::City),
        region: cell(F::Region),
        postal_code: cell(F::PostalCode),
        country: cell(F::Country),
        emergency_contact_name: cell(F::EmergencyName),
        emergency_contact_relationship: cell(F::EmergencyRelationship),
        emergency_contact_phone: cell(F::EmergencyPhone),
        physician_name: cell(F::PhysicianName),
        physician_phone: cell(F::PhysicianPhone),
        occupation: cell(F::Occupation),
        referral_source: cell(F::ReferralSource),
        front_desk_notes: notes,
        ..PatientDetails::default()
    };
    let checked = match bulk::check(&details, frame.today) {
        Ok(d) => Some(d),
        Err(errors) => {
            for e in errors {
                let field = F::parse(&e.field);
                let column = field.and_then(|f| frame.header(f)).or_else(|| {
                    matches!(field, Some(F::GivenName | F::FamilyName))
                        .then(|| frame.header(F::FullName))
                        .flatten()
                });
                problems.add(row.line, column, e.message);
            }
            None
        }
    };
    let details = checked.filter(|_| problems.list.len() == before)?;
    Some(PatientRow {
        line: row.line,
        external_ids: cell(F::ExternalId).into_iter().collect(),
        details,
    })
}

fn name_key(d: &PatientDetails) -> Option<String> {
    let dob = d.date_of_birth.as_deref()?;
    let mut words: Vec<String> = fold(&format!("{} {}", d.given_name, d.family_name))
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.sort();
    Some(format!("{}|{dob}", words.join(" ")))
}

fn phone_key(d: &PatientDetails) -> Option<String> {
    let digits: String = d
        .phone
        .as_deref()?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    (digits.len() >= MIN_PHONE_DIGITS).then_some(digits)
}

fn describe(d: &PatientDetails) -> String {
    format!("{} {}", d.given_name, d.family_name)
}

/// Reads, checks and decides the fate of every row.
pub(super) fn plan(
    db: &Db<'_>,
    frame: &Frame,
    options: &ImportOptions,
    progress: &mut dyn FnMut(DataProgress),
) -> Result<(Plan, Outcome)> {
    let mut problems = Problems::default();
    check_width(frame, &mut problems);
    let bad_lines = problems.rows();
    let known_ids: HashMap<String, PatientId> = db
        .query(
            "SELECT external_id, patient_id FROM patient_external_ids",
            sql_params![],
        )?
        .iter()
        .map(|r| Ok((r.get("external_id")?, r.get("patient_id")?)))
        .collect::<Result<_>>()?;
    let decisions: HashMap<u64, DuplicateAction> = options
        .decisions
        .iter()
        .map(|d| (d.line, d.action))
        .collect();
    let default_action = options.duplicates.unwrap_or_default();
    let known = bulk::DuplicateIndex::load(db)?;
    let (mut rows, mut fates, mut duplicates) = (Vec::new(), Vec::new(), Vec::new());
    let (mut by_id, mut by_name, mut by_phone) = (HashMap::new(), HashMap::new(), HashMap::new());
    let total = frame.table.rows.len();
    for (n, source) in frame.table.rows.iter().enumerate() {
        if n % PROGRESS_EVERY == 0 {
            progress(DataProgress::new("checking", n, total));
        }
        let Some(row) =
            read_row(frame, source, &mut problems).filter(|_| !bad_lines.contains(&source.line))
        else {
            rows.push(PatientRow {
                line: source.line,
                external_ids: Vec::new(),
                details: PatientDetails::default(),
            });
            fates.push(Fate::Invalid);
            continue;
        };
        let index = rows.len();
        let ext = row.external_ids.first().cloned();
        let (nk, pk) = (name_key(&row.details), phone_key(&row.details));
        // The existing record or earlier row this one is the same person as, and why.
        let mut existing = None;
        let mut earlier: Option<usize> = None;
        let mut reason = String::new();
        if let Some(id) = ext.as_ref().and_then(|e| known_ids.get(e)) {
            existing = Some(bulk::summary(db, *id)?);
            reason = format!(
                "The same patient ID ({}) was imported before.",
                ext.as_deref().unwrap_or_default()
            );
        } else if let Some(&j) = ext.as_ref().and_then(|e| by_id.get(e)) {
            earlier = Some(j);
            reason = format!(
                "The same patient ID ({}) as an earlier row.",
                ext.as_deref().unwrap_or_default()
            );
        } else if let Some(found) = match known.find(&row.details).first() {
            Some(id) => Some(bulk::summary(db, *id)?),
            None => None,
        } {
            let same_name = found
                .date_of_birth
                .map(|d| d.format("%Y-%m-%d").to_string())
                == row.details.date_of_birth;
            reason = if same_name {
                "Same name and date of birth as an existing patient.".into()
            } else {
                "Same phone number as an existing patient.".into()
            };
            existing = Some(found);
        } else if let Some(&j) = nk.as_ref().and_then(|k| by_name.get(k)) {
            earlier = Some(j);
            reason = "Same name and date of birth as an earlier row.".into();
        } else if let Some(&j) = pk.as_ref().and_then(|k| by_phone.get(k)) {
            earlier = Some(j);
            reason = "Same phone number as an earlier row.".into();
        }
        let fate = if existing.is_none() && earlier.is_none() {
            Fate::New
        } else {
            let action = decisions.get(&row.line).copied().unwrap_or(default_action);
            let fate = match (action, &existing, earlier) {
                (DuplicateAction::Skip, _, _) => Fate::Skip,
                (DuplicateAction::Import, _, _) => Fate::New,
                (DuplicateAction::Merge, Some(p), _) => Fate::MergeExisting(p.id),
                (DuplicateAction::Merge, None, Some(j)) => match fates[j] {
                    Fate::MergeExisting(id) => Fate::MergeExisting(id),
                    Fate::MergedIntoRow(k) => Fate::MergedIntoRow(k),
                    Fate::New => Fate::MergedIntoRow(j),
                    Fate::Skip | Fate::Invalid => Fate::Skip,
                },
                (DuplicateAction::Merge, None, None) => Fate::New,
            };
            duplicates.push(DuplicateInfo {
                line: row.line,
                name: describe(&row.details),
                date_of_birth: row.details.date_of_birth.clone(),
                reason,
                existing,
                earlier_line: earlier.map(|j: usize| rows[j].line),
                action,
            });
            fate
        };
        if fate == Fate::New {
            if let Some(e) = ext {
                by_id.insert(e, index);
            }
            if let Some(k) = nk {
                by_name.entry(k).or_insert(index);
            }
            if let Some(k) = pk {
                by_phone.entry(k).or_insert(index);
            }
        }
        if let Fate::MergedIntoRow(k) = fate {
            let (into, from) = (rows[k].details.clone(), &row.details);
            let mut merged = into;
            bulk::fill_empty(&mut merged, from);
            rows[k].details = merged;
            let ids = row.external_ids.clone();
            rows[k].external_ids.extend(ids);
        }
        rows.push(row);
        fates.push(fate);
    }
    let count = |pred: fn(&Fate) -> bool| fates.iter().filter(|f| pred(f)).count();
    duplicates.truncate(MAX_LISTED_PROBLEMS);
    let outcome = Outcome {
        to_import: count(|f| *f == Fate::New),
        to_merge: count(|f| matches!(f, Fate::MergeExisting(_) | Fate::MergedIntoRow(_))),
        to_skip: count(|f| *f == Fate::Skip),
        problems,
        duplicates,
        new_types: Vec::new(),
        new_rooms: Vec::new(),
        notes: Vec::new(),
    };
    Ok((Plan { rows, fates }, outcome))
}

/// Writes the planned rows inside the caller's transaction. Returns (imported, merged).
pub(super) fn write(
    db: &Db<'_>,
    actor: &Actor,
    plan: &Plan,
    progress: &mut dyn FnMut(DataProgress),
) -> Result<(usize, usize)> {
    let now = Utc::now().to_rfc3339();
    let (mut imported, mut merged) = (0, 0);
    let total = plan.rows.len();
    for (n, (row, fate)) in plan.rows.iter().zip(&plan.fates).enumerate() {
        if n % PROGRESS_EVERY == 0 {
            progress(DataProgress::new("writing", n, total));
        }
        let id = match *fate {
            Fate::New => {
                imported += 1;
                bulk::insert(db, actor, &row.details, &now)?
            }
            Fate::MergeExisting(id) => {
                merged += 1;
                bulk::merge_into(db, actor, id, &row.details)?;
                id
            }
            Fate::MergedIntoRow(_) => {
                merged += 1;
                continue;
            }
            Fate::Skip | Fate::Invalid => continue,
        };
        for external_id in &row.external_ids {
            bulk::add_external_id(db, id, external_id)?;
        }
    }
    progress(DataProgress::new("writing", total, total));
    Ok((imported, merged))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_names_split_either_way_without_titles() {
        assert_eq!(
            split_full_name("Lefèvre, Hélène"),
            ("Hélène".into(), "Lefèvre".into())
        );
        assert_eq!(
            split_full_name("Dr. Anna Maria Smith"),
            ("Anna Maria".into(), "Smith".into())
        );
        assert_eq!(split_full_name("Cher"), ("Cher".into(), String::new()));
    }

    #[test]
    fn sexes_as_other_systems_write_them() {
        assert_eq!(parse_sex("F"), Some(Sex::Female));
        assert_eq!(parse_sex("Männlich"), Some(Sex::Male));
        assert_eq!(parse_sex("Other"), Some(Sex::Unknown));
        assert_eq!(parse_sex("yes"), None);
    }

    #[test]
    fn a_multi_line_address_fills_the_second_line_and_notes_keep_their_breaks() {
        let lines = |a: Option<&str>, b: Option<&str>| address_lines(a, b);
        assert_eq!(
            lines(Some("12 High St\r\nFlat 2"), None),
            (Some("12 High St".into()), Some("Flat 2".into()))
        );
        assert_eq!(
            lines(Some("12 High St\nFlat 2\nRear"), Some("Old Town")),
            (
                Some("12 High St".into()),
                Some("Flat 2, Rear, Old Town".into())
            )
        );
        assert_eq!(
            lines(Some("1 Main St"), Some("Unit 4\nBlock B")),
            (Some("1 Main St".into()), Some("Unit 4, Block B".into()))
        );
        assert_eq!(lines(None, None), (None, None));
        assert_eq!(lone_returns_as_breaks("a\rb\r\nc\nd"), "a\nb\r\nc\nd");
    }
}
