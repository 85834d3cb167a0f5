//! Type-ahead patient search over the FTS5 index `patient_search`.
//!
//! Names are matched word by word as prefixes, folded for case and accents by the index's
//! tokenizer (so `jose` finds `José`). A query that is only digits and separators is matched
//! against phone, birth-date and chart-number digits, so `555-0142` finds `(555) 014-2…`.

use chrono::NaiveDate;
use rusqlite::{Connection, Row};
use serde::Deserialize;
use ts_rs::TS;

use super::{PatientDetails, PatientSummary};
use crate::error::{Error, Result};
use crate::ids::PatientId;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct PatientQuery {
    pub text: String,
    #[serde(default)]
    pub include_archived: bool,
    /// At most this many results (1–200, default 50).
    #[ts(optional = nullable)]
    pub limit: Option<u32>,
}

const SEPARATORS: &[char] = &[' ', '-', '(', ')', '.', '+', '/'];
const DEFAULT_LIMIT: u32 = 50;
const MAX_LIMIT: u32 = 200;

/// The FTS5 expression for what was typed, or `None` when nothing searchable was typed.
/// Every term is quoted, so FTS5 syntax in the input is searched for, never interpreted.
pub fn build_match_query(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if let Some(date_digits) = typed_date_digits(trimmed) {
        return Some(format!("numbers : \"{date_digits}\""));
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !SEPARATORS.contains(c))
        .collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("numbers : \"{compact}\"*"));
    }
    let terms: Vec<String> = trimmed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| {
            if t.chars().all(|c| c.is_ascii_digit()) {
                format!("numbers : \"{t}\"*")
            } else {
                format!("{{names contact}} : \"{t}\"*")
            }
        })
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

/// `7/3/1984`, `1984-3-7` or `07.03.1984` as the zero-padded digit run the index holds (both
/// day-first and month-first readings are indexed, so the clinic's order needs no guess here).
fn typed_date_digits(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.split(['/', '.', '-']).collect();
    let numeric = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !numeric {
        return None;
    }
    let pad = |p: &str| format!("{p:0>2}");
    match (parts[0].len(), parts[1].len(), parts[2].len()) {
        (4, 1..=2, 1..=2) => Some(format!("{}{}{}", parts[0], pad(parts[1]), pad(parts[2]))),
        (1..=2, 1..=2, 4) => Some(format!("{}{}{}", pad(parts[0]), pad(parts[1]), parts[2])),
        _ => None,
    }
}

/// The digits of a phone number, as indexed and compared.
pub(super) fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// The searchable text of one patient, as stored in the index.
pub(crate) fn index_row(
    conn: &Connection,
    id: PatientId,
    chart_number: i64,
    d: &PatientDetails,
) -> Result<()> {
    let mut numbers = vec![chart_number.to_string()];
    for phone in [&d.phone, &d.phone_alt].into_iter().flatten() {
        numbers.push(digits(phone));
    }
    if let Some(dob) = d
        .date_of_birth
        .as_deref()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
    {
        // ISO, day-first and month-first digit runs: whichever way the date is typed.
        for fmt in ["%Y%m%d", "%d%m%Y", "%m%d%Y"] {
            numbers.push(dob.format(fmt).to_string());
        }
    }
    let names = [
        Some(&d.given_name),
        Some(&d.family_name),
        d.preferred_name.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect::<Vec<_>>()
    .join(" ");
    conn.prepare_cached("DELETE FROM patient_search WHERE rowid = ?1")?
        .execute([id])?;
    conn.prepare_cached(
        "INSERT INTO patient_search (rowid, names, numbers, contact) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute((
        id,
        names,
        numbers.join(" "),
        d.email.as_deref().unwrap_or(""),
    ))?;
    Ok(())
}

pub(super) const SUMMARY_COLUMNS: &str = "p.id, p.chart_number, p.given_name, p.family_name, \
     p.preferred_name, p.date_of_birth, p.phone, p.email, p.archived_at IS NOT NULL";

pub(super) fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<PatientSummary> {
    let dob: Option<String> = row.get(5)?;
    let date_of_birth = dob
        .map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    5,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
        })
        .transpose()?;
    Ok(PatientSummary {
        id: row.get(0)?,
        chart_number: row.get(1)?,
        given_name: row.get(2)?,
        family_name: row.get(3)?,
        preferred_name: row.get(4)?,
        date_of_birth,
        phone: row.get(6)?,
        email: row.get(7)?,
        archived: row.get(8)?,
    })
}

pub(super) fn run(conn: &Connection, query: &PatientQuery) -> Result<Vec<PatientSummary>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Error::invalid(
            "limit",
            format!("Ask for between 1 and {MAX_LIMIT} results."),
        ));
    }
    let Some(expr) = build_match_query(&query.text) else {
        return recent(conn, query.include_archived, limit);
    };
    // Candidates in index order: the scan stops after `limit` rows however many match, so
    // the first keystroke costs no more than the fifth. Whole-word matches are fetched too,
    // so that an exact surname is never crowded out by longer names sharing its prefix.
    let prefix = matches(conn, &expr, query.include_archived, limit)?;
    let exact = match build_match_query(&query.text) {
        Some(e) if e.contains('*') => {
            matches(conn, &e.replace("\"*", "\""), query.include_archived, limit)?
        }
        _ => Vec::new(),
    };
    Ok(super::rank::rank(
        &query.text,
        exact,
        prefix,
        limit as usize,
    ))
}

fn matches(
    conn: &Connection,
    expr: &str,
    include_archived: bool,
    limit: u32,
) -> Result<Vec<PatientSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}
         FROM patient_search s JOIN patients p ON p.id = s.rowid
         WHERE patient_search MATCH ?1 AND (?2 OR p.archived_at IS NULL)
         LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map((expr, include_archived, limit), summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// With nothing typed, the most recently registered or changed patients.
fn recent(conn: &Connection, include_archived: bool, limit: u32) -> Result<Vec<PatientSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM patients p
         WHERE (?1 OR p.archived_at IS NULL)
         ORDER BY p.updated_at DESC, p.id DESC LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map((include_archived, limit), summary_from_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

#[cfg(test)]
mod tests {
    use super::build_match_query;

    #[test]
    fn digits_with_separators_become_one_number_prefix() {
        assert_eq!(
            build_match_query("(555) 014-2").as_deref(),
            Some("numbers : \"5550142\"*")
        );
        assert_eq!(
            build_match_query("1984-03").as_deref(),
            Some("numbers : \"198403\"*")
        );
    }

    #[test]
    fn typed_dates_become_whole_padded_digit_runs() {
        assert_eq!(
            build_match_query("1984-03-07").as_deref(),
            Some("numbers : \"19840307\"")
        );
        assert_eq!(
            build_match_query("7/3/1984").as_deref(),
            Some("numbers : \"07031984\"")
        );
        assert_eq!(
            build_match_query("07.03.1984").as_deref(),
            Some("numbers : \"07031984\"")
        );
        assert_eq!(
            build_match_query("555-014-2").as_deref(),
            Some("numbers : \"5550142\"*")
        );
    }

    #[test]
    fn words_become_quoted_name_prefixes_and_syntax_is_not_interpreted() {
        assert_eq!(
            build_match_query("jo SMI").as_deref(),
            Some("{names contact} : \"jo\"* AND {names contact} : \"SMI\"*")
        );
        assert_eq!(
            build_match_query("\"OR* NEAR(").as_deref(),
            Some("{names contact} : \"OR\"* AND {names contact} : \"NEAR\"*")
        );
        assert_eq!(build_match_query("  ").as_deref(), None);
        assert_eq!(build_match_query("\"*()").as_deref(), None);
    }
}
