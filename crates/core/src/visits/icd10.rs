//! The diagnosis code list: ICD-10-CM codes for the conditions an acupuncture clinic sees most
//! (`data/icd10.csv`; low back and sciatica codes from `reference/acupoints/sciatica.md`).
//! Codes are checked against it on save so that a typo never reaches a superbill. Each row also
//! has search terms in the words practitioners use ("frozen shoulder", "LBP", "piriformis").

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Icd10Code {
    pub code: String,
    pub title: String,
}

const EMBEDDED: &str = include_str!("../../data/icd10.csv");

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    code: String,
    title: String,
    #[serde(default)]
    terms: String,
}

/// A listed code with its folded search keys, built once.
struct Entry {
    code: Icd10Code,
    folded_code: String,
    title_words: Vec<String>,
    term_words: Vec<String>,
}

static CODES: OnceLock<Result<Vec<Entry>, String>> = OnceLock::new();

fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.replace('\'', ""))
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse(text: &str) -> Result<Vec<Entry>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut codes = Vec::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let row = row.map_err(|e| format!("row {}: {e}", i + 2))?;
        codes.push(Entry {
            folded_code: fold(&row.code),
            title_words: words(&row.title),
            term_words: words(&row.terms),
            code: Icd10Code {
                code: row.code,
                title: row.title,
            },
        });
    }
    if codes.is_empty() {
        return Err("no codes".to_owned());
    }
    Ok(codes)
}

fn entries() -> Result<&'static [Entry]> {
    CODES
        .get_or_init(|| parse(EMBEDDED))
        .as_deref()
        .map_err(|m| Error::Internal(format!("the built-in diagnosis list is damaged: {m}")))
}

/// Every listed code, in list order (the clinic's most common first).
pub fn codes() -> Result<Vec<Icd10Code>> {
    Ok(entries()?.iter().map(|e| e.code.clone()).collect())
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('.', "")
}

/// 0 code prefix, 1 every word starts a title word, 2 every word starts a title or term word.
fn tier(e: &Entry, code_query: &str, query_words: &[String]) -> Option<u8> {
    if !code_query.is_empty() && e.folded_code.starts_with(code_query) {
        return Some(0);
    }
    if query_words.is_empty() {
        return None;
    }
    let starts = |list: &[String], q: &str| list.iter().any(|w| w.starts_with(q));
    if query_words.iter().all(|q| starts(&e.title_words, q)) {
        return Some(1);
    }
    if query_words
        .iter()
        .all(|q| starts(&e.title_words, q) || starts(&e.term_words, q))
    {
        return Some(2);
    }
    None
}

/// Codes matching the query by code prefix (`m54.3`, `m543`), title words (`sciatica left`) or
/// the words practitioners use (`frozen shoulder`), best first; an empty query lists them all.
pub fn search_icd10(query: &str, limit: usize) -> Result<Vec<Icd10Code>> {
    let all = entries()?;
    let text = query.trim();
    if text.is_empty() {
        return Ok(all.iter().take(limit).map(|e| e.code.clone()).collect());
    }
    let code_query: String = fold(text).split_whitespace().collect();
    let query_words = words(text);
    // Code matches in code order (M51.14 before M51.16), word matches in list order.
    let mut ranked: Vec<(u8, &str, usize)> = all
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            tier(e, &code_query, &query_words)
                .map(|t| (t, if t == 0 { e.folded_code.as_str() } else { "" }, i))
        })
        .collect();
    ranked.sort_unstable();
    Ok(ranked
        .into_iter()
        .take(limit)
        .map(|(_, _, i)| all[i].code.clone())
        .collect())
}

/// The listed entry for `code` (case and dot insensitive), or a message saying what to do.
pub fn lookup(code: &str) -> Result<Icd10Code> {
    let wanted = fold(code.trim());
    entries()?
        .iter()
        .find(|e| e.folded_code == wanted)
        .map(|e| e.code.clone())
        .ok_or_else(|| {
            Error::invalid(
                "diagnoses",
                format!(
                    "{} is not in the diagnosis list; search by name and pick a code.",
                    code.trim()
                ),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_parses_and_finds_by_code_and_words() -> Result<()> {
        assert!(codes()?.len() >= 70);
        assert_eq!(search_icd10("m54.3", 10)?.len(), 3);
        assert_eq!(search_icd10("M54 3", 10)?.len(), 3);
        let hits = search_icd10("sciatica left", 10)?;
        let found: Vec<_> = hits.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(found, ["M54.32", "M54.42"]);
        assert_eq!(lookup("m5450")?.title, "Low back pain, unspecified");
        let first = |q: &str| -> Result<String> {
            Ok(search_icd10(q, 5)?
                .first()
                .map(|c| c.code.clone())
                .unwrap_or_default())
        };
        assert_eq!(first("frozen shoulder left")?, "M75.02");
        assert_eq!(first("piriformis right")?, "G57.01");
        assert_eq!(first("tennis")?, "M77.11");
        assert_eq!(first("low back pain")?, "M54.50");
        assert_eq!(first("disc lumbar radic")?, "M51.16");
        assert!(search_icd10("zzz", 5)?.is_empty());
        assert!(
            lookup("M54.5").is_err(),
            "deleted in 2021, must not be offered"
        );
        Ok(())
    }
}
