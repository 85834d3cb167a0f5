//! Type-ahead patient search over the index `patient_search`.
//!
//! Names are matched word by word as prefixes, folded for case and accents by the index (so
//! `jose` finds `José`). A query that is only digits and separators is matched against phone,
//! birth-date and chart-number digits, so `555-0142` finds `(555) 014-2…`.
//!
//! The index differs by engine (see the migrations): on SQLite an FTS5 table keyed by rowid,
//! queried with `MATCH`; on PostgreSQL an ordinary table keyed by `patient_id` with a GIN index
//! over `acuchart_patient_search_document(…)`, queried with `@@` and a `tsquery`. The same
//! typed text becomes the same terms for both ([`Term`]), candidates are taken in id order on
//! both, and the ranking is done here in Rust, so the two return the same patients in the
//! same order. One difference stays, in the schema: PostgreSQL's fold (`unaccent`) also
//! folds letters FTS5's `unicode61` keeps (ø, ł, ß, œ, Greek tonos, Ё), so `soren` finds
//! `Søren` on PostgreSQL only (pinned by tests/patients.rs).

use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

use super::{PatientDetails, PatientSummary};
use crate::db::{Backend, Db, Row};
use crate::error::{Error, Result};
use crate::ids::PatientId;
use crate::sql_params;

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
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

/// Where a term is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Names and e-mail (FTS5 columns `names contact`; weight A on PostgreSQL).
    Words,
    /// Digits of phones, birth date and chart number (`numbers`; weight B).
    Numbers,
}

/// One searched word: every term must match.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Term {
    field: Field,
    /// Letters and digits only (never FTS5 or tsquery syntax).
    text: String,
    /// Matches words starting with `text` rather than the whole word.
    prefix: bool,
}

/// The terms for what was typed, or `None` when nothing searchable was typed.
fn terms(text: &str) -> Option<Vec<Term>> {
    let trimmed = text.trim();
    if let Some(date_digits) = typed_date_digits(trimmed) {
        return Some(vec![Term {
            field: Field::Numbers,
            text: date_digits,
            prefix: false,
        }]);
    }
    let compact: String = trimmed
        .chars()
        .filter(|c| !SEPARATORS.contains(c))
        .collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        return Some(vec![Term {
            field: Field::Numbers,
            text: compact,
            prefix: true,
        }]);
    }
    let terms: Vec<Term> = trimmed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| Term {
            field: if t.chars().all(|c| c.is_ascii_digit()) {
                Field::Numbers
            } else {
                Field::Words
            },
            text: t.to_owned(),
            prefix: true,
        })
        .collect();
    (!terms.is_empty()).then_some(terms)
}

/// The FTS5 expression for the terms. Every term is quoted, so FTS5 syntax in the input is
/// searched for, never interpreted.
fn fts5(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let column = match t.field {
                Field::Words => "{names contact}",
                Field::Numbers => "numbers",
            };
            let star = if t.prefix { "*" } else { "" };
            format!("{column} : \"{}\"{star}", t.text)
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The `tsquery` for the GIN index (folded by the statement with `acuchart_fold`, as the
/// document is): `'jo':* & '555':*`. Terms hold letters and digits only, so the quotes need
/// no escaping.
///
/// Weights (A names and e-mail, B numbers) are left out where they change nothing, because a
/// weighted query makes PostgreSQL recheck every candidate row by computing its document
/// again (hundreds of milliseconds when the first keystroke matches every patient). A word
/// term holds a letter, so it never matches the numbers' all-digit words anyway; one holding
/// another kind of digit (`５`, `²`, which the fold may turn into ASCII digits) keeps its `A`.
/// Number terms are held to the numbers by [`numbers_tsquery`].
fn index_tsquery(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            let star = if t.prefix { "*" } else { "" };
            let weight = match t.field {
                Field::Words if t.text.chars().any(char::is_numeric) => "A",
                Field::Words | Field::Numbers => "",
            };
            let mark = if star.is_empty() && weight.is_empty() {
                ""
            } else {
                ":"
            };
            format!("'{}'{mark}{star}{weight}", t.text)
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The number terms as a `tsquery` over the numbers alone (FTS5's `numbers : …`), or `None`
/// when there are none: a cheap check of the rows the index found.
fn numbers_tsquery(terms: &[Term]) -> Option<String> {
    let numbers: Vec<String> = terms
        .iter()
        .filter(|t| t.field == Field::Numbers)
        .map(|t| format!("'{}'{}", t.text, if t.prefix { ":*" } else { "" }))
        .collect();
    (!numbers.is_empty()).then(|| numbers.join(" & "))
}

/// On PostgreSQL, the ids of patients whose index row matches `?1` (an [`index_tsquery`])
/// and whose numbers match `?2` (a [`numbers_tsquery`] or NULL). MATERIALIZED keeps the GIN
/// index in use: left to itself, an `ORDER BY id LIMIT n` around it makes the planner walk
/// the primary key and compute every row's document (a full scan when nothing matches).
const PG_MATCHED: &str = "WITH matched AS MATERIALIZED (
         SELECT s.patient_id FROM patient_search s
         WHERE acuchart_patient_search_document(s.names, s.numbers, s.contact)
               @@ to_tsquery('simple'::regconfig, acuchart_fold(?1))
           AND (CAST(?2 AS TEXT) IS NULL
                OR to_tsvector('simple'::regconfig, coalesce(s.numbers, ''))
                   @@ to_tsquery('simple'::regconfig, CAST(?2 AS TEXT))))";

/// The same terms matching whole words only (what an exact surname needs).
fn whole_words(terms: &[Term]) -> Vec<Term> {
    terms
        .iter()
        .map(|t| Term {
            prefix: false,
            ..t.clone()
        })
        .collect()
}

/// The FTS5 expression for what was typed, or `None` when nothing searchable was typed.
/// Every term is quoted, so FTS5 syntax in the input is searched for, never interpreted.
pub fn build_match_query(text: &str) -> Option<String> {
    terms(text).map(|t| fts5(&t))
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

/// The index's key column: FTS5's rowid, or PostgreSQL's `patient_id`.
fn key_column(db: &Db<'_>) -> &'static str {
    match db.backend() {
        Backend::Sqlite => "rowid",
        Backend::Postgres => "patient_id",
    }
}

/// The searchable text of one patient, as stored in the index.
pub(crate) fn index_row(
    db: &Db<'_>,
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
    // Delete and insert rather than an upsert: FTS5 tables take no ON CONFLICT.
    let key = key_column(db);
    db.execute(
        &format!("DELETE FROM patient_search WHERE {key} = ?1"),
        sql_params![id],
    )?;
    db.execute(
        &format!(
            "INSERT INTO patient_search ({key}, names, numbers, contact) VALUES (?1, ?2, ?3, ?4)"
        ),
        sql_params![
            id,
            names,
            numbers.join(" "),
            d.email.as_deref().unwrap_or("")
        ],
    )?;
    Ok(())
}

pub(super) const SUMMARY_COLUMNS: &str = "p.id, p.chart_number, p.given_name, p.family_name, \
     p.preferred_name, p.date_of_birth, p.phone, p.email, p.archived_at IS NOT NULL AS archived";

pub(super) fn summary_from_row(row: &Row) -> Result<PatientSummary> {
    let dob: Option<String> = row.get("date_of_birth")?;
    let date_of_birth = dob
        .map(|s| {
            NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
                Error::Internal(format!("column date_of_birth: {s:?} is not a date: {e}"))
            })
        })
        .transpose()?;
    Ok(PatientSummary {
        id: row.get("id")?,
        chart_number: row.get("chart_number")?,
        given_name: row.get("given_name")?,
        family_name: row.get("family_name")?,
        preferred_name: row.get("preferred_name")?,
        date_of_birth,
        phone: row.get("phone")?,
        email: row.get("email")?,
        archived: row.get("archived")?,
    })
}

/// Summaries from a query selecting [`SUMMARY_COLUMNS`].
pub(super) fn summaries(
    db: &Db<'_>,
    sql: &str,
    params: &[&dyn crate::db::ToValue],
) -> Result<Vec<PatientSummary>> {
    db.query(sql, params)?
        .iter()
        .map(summary_from_row)
        .collect()
}

pub(super) fn run(db: &Db<'_>, query: &PatientQuery) -> Result<Vec<PatientSummary>> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(Error::invalid(
            "limit",
            format!("Ask for between 1 and {MAX_LIMIT} results."),
        ));
    }
    let Some(terms) = terms(&query.text) else {
        return recent(db, query.include_archived, limit);
    };
    // Candidates in id order, so that both engines take the same rows. On SQLite the scan
    // stops after `limit` rows however many match, so the first keystroke costs no more than
    // the fifth; PostgreSQL collects the matching ids from its index first (see PG_MATCHED).
    // Whole-word matches are fetched too, so that an exact surname is never crowded out by
    // longer names sharing its prefix.
    let prefix = matches(db, &terms, query.include_archived, limit)?;
    let exact = if terms.iter().any(|t| t.prefix) {
        matches(db, &whole_words(&terms), query.include_archived, limit)?
    } else {
        Vec::new()
    };
    Ok(super::rank::rank(
        &query.text,
        exact,
        prefix,
        limit as usize,
    ))
}

fn matches(
    db: &Db<'_>,
    terms: &[Term],
    include_archived: bool,
    limit: u32,
) -> Result<Vec<PatientSummary>> {
    match db.backend() {
        // FTS5 yields rows in rowid order; ORDER BY rowid is consumed by the index.
        Backend::Sqlite => summaries(
            db,
            &format!(
                "SELECT {SUMMARY_COLUMNS}
                 FROM patient_search s JOIN patients p ON p.id = s.rowid
                 WHERE patient_search MATCH ?1 AND (?2 = 1 OR p.archived_at IS NULL)
                 ORDER BY s.rowid LIMIT ?3"
            ),
            sql_params![fts5(terms), include_archived, limit],
        ),
        // The document expression is the GIN index's, word for word, so the index is used.
        Backend::Postgres => summaries(
            db,
            &format!(
                "{PG_MATCHED}
                 SELECT {SUMMARY_COLUMNS} FROM matched m JOIN patients p ON p.id = m.patient_id
                 WHERE (?3 = 1 OR p.archived_at IS NULL)
                 ORDER BY p.id LIMIT ?4"
            ),
            sql_params![
                index_tsquery(terms),
                numbers_tsquery(terms),
                include_archived,
                limit
            ],
        ),
    }
}

/// With nothing typed, the most recently registered or changed patients.
fn recent(db: &Db<'_>, include_archived: bool, limit: u32) -> Result<Vec<PatientSummary>> {
    summaries(
        db,
        &format!(
            "SELECT {SUMMARY_COLUMNS} FROM patients p
             WHERE (?1 = 1 OR p.archived_at IS NULL)
             ORDER BY p.updated_at DESC, p.id DESC LIMIT ?2"
        ),
        sql_params![include_archived, limit],
    )
}

/// Patients whose names hold every word of `words` whole (folded for case and accents),
/// born on `dob`, not merged away: the duplicate check's name rule. Names only, not e-mail.
pub(super) fn same_names_and_birth_date(
    db: &Db<'_>,
    words: &[&str],
    dob: &str,
) -> Result<Vec<PatientSummary>> {
    match db.backend() {
        Backend::Sqlite => {
            let expr = words
                .iter()
                .map(|w| format!("names : \"{w}\""))
                .collect::<Vec<_>>()
                .join(" AND ");
            summaries(
                db,
                &format!(
                    "SELECT {SUMMARY_COLUMNS} FROM patient_search s JOIN patients p ON p.id = s.rowid
                     WHERE patient_search MATCH ?1 AND p.date_of_birth = ?2 AND p.merged_into IS NULL
                     ORDER BY p.id LIMIT 20"
                ),
                sql_params![expr, dob],
            )
        }
        // The index's document joins names and e-mail: it narrows the rows (every word
        // whole), and the names alone, made a document the same way, decide. The birth date
        // has no index of its own.
        Backend::Postgres => {
            let indexed = terms_of_words(words)
                .map(|t| index_tsquery(&t))
                .unwrap_or_default();
            let names_only = words
                .iter()
                .map(|w| format!("'{w}'"))
                .collect::<Vec<_>>()
                .join(" & ");
            summaries(
                db,
                &format!(
                    "{PG_MATCHED}
                     SELECT {SUMMARY_COLUMNS}
                     FROM matched m JOIN patient_search s ON s.patient_id = m.patient_id
                          JOIN patients p ON p.id = m.patient_id
                     WHERE to_tsvector('simple'::regconfig, regexp_replace(
                               acuchart_fold(coalesce(s.names, '')), '[[:punct:][:space:]]+', ' ', 'g'))
                           @@ to_tsquery('simple'::regconfig, acuchart_fold(?3))
                       AND p.date_of_birth = ?4 AND p.merged_into IS NULL
                     ORDER BY p.id LIMIT 20"
                ),
                sql_params![indexed, Option::<String>::None, names_only, dob],
            )
        }
    }
}

/// Whole words of a name, each to be found under names and e-mail (weight A).
fn terms_of_words(words: &[&str]) -> Option<Vec<Term>> {
    (!words.is_empty()).then(|| {
        words
            .iter()
            .map(|w| Term {
                field: Field::Words,
                text: (*w).to_owned(),
                prefix: false,
            })
            .collect()
    })
}

/// Patients with `digits` as a whole phone (or chart-number or birth-date) digit run, not
/// merged away: the duplicate check's phone rule.
pub(super) fn same_number(db: &Db<'_>, digits: &str) -> Result<Vec<PatientSummary>> {
    let term = [Term {
        field: Field::Numbers,
        text: digits.to_owned(),
        prefix: false,
    }];
    match db.backend() {
        Backend::Sqlite => summaries(
            db,
            &format!(
                "SELECT {SUMMARY_COLUMNS} FROM patient_search s JOIN patients p ON p.id = s.rowid
                 WHERE patient_search MATCH ?1 AND p.merged_into IS NULL ORDER BY p.id LIMIT 20"
            ),
            sql_params![fts5(&term)],
        ),
        Backend::Postgres => summaries(
            db,
            &format!(
                "{PG_MATCHED}
                 SELECT {SUMMARY_COLUMNS} FROM matched m JOIN patients p ON p.id = m.patient_id
                 WHERE p.merged_into IS NULL ORDER BY p.id LIMIT 20"
            ),
            sql_params![index_tsquery(&term), numbers_tsquery(&term)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{build_match_query, index_tsquery, numbers_tsquery, terms, whole_words};

    fn ts(text: &str) -> Option<(String, Option<String>)> {
        terms(text).map(|t| (index_tsquery(&t), numbers_tsquery(&t)))
    }

    fn pair(index: &str, numbers: Option<&str>) -> Option<(String, Option<String>)> {
        Some((index.to_owned(), numbers.map(str::to_owned)))
    }

    #[test]
    fn the_postgres_queries_hold_the_same_terms_as_the_fts5_one() {
        assert_eq!(ts("jo SMI"), pair("'jo':* & 'SMI':*", None));
        assert_eq!(ts("(555) 014-2"), pair("'5550142':*", Some("'5550142':*")));
        assert_eq!(ts("7/3/1984"), pair("'07031984'", Some("'07031984'")));
        assert_eq!(ts("li 1984"), pair("'li':* & '1984':*", Some("'1984':*")));
        assert_eq!(ts("li ５５５"), pair("'li':* & '５５５':*A", None));
        assert_eq!(ts("\"OR* NEAR("), pair("'OR':* & 'NEAR':*", None));
        assert_eq!(ts("'; !&|:*"), None);
        let exact = terms("jo 555").map(|t| index_tsquery(&whole_words(&t)));
        assert_eq!(exact.as_deref(), Some("'jo' & '555'"));
    }

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
