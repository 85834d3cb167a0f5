//! The diagnosis code list: ICD-10-CM codes for the conditions an acupuncture clinic sees most
//! (`data/icd10.csv`; low back and sciatica codes from `reference/acupoints/sciatica.md`).
//! Codes are checked against it on save so that a typo never reaches a superbill.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Icd10Code {
    pub code: String,
    pub title: String,
}

const EMBEDDED: &str = include_str!("../../data/icd10.csv");

static CODES: OnceLock<Result<Vec<Icd10Code>, String>> = OnceLock::new();

fn parse(text: &str) -> Result<Vec<Icd10Code>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut codes = Vec::new();
    for (i, row) in reader.deserialize::<Icd10Code>().enumerate() {
        codes.push(row.map_err(|e| format!("row {}: {e}", i + 2))?);
    }
    if codes.is_empty() {
        return Err("no codes".to_owned());
    }
    Ok(codes)
}

pub fn codes() -> Result<&'static [Icd10Code]> {
    CODES
        .get_or_init(|| parse(EMBEDDED))
        .as_deref()
        .map_err(|m| Error::Internal(format!("the built-in diagnosis list is damaged: {m}")))
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace('.', "")
}

/// Codes whose code starts with, or whose title contains every word of, the query.
pub fn search_icd10(query: &str, limit: usize) -> Result<Vec<Icd10Code>> {
    let q = fold(query.trim());
    let words: Vec<&str> = q.split_whitespace().collect();
    Ok(codes()?
        .iter()
        .filter(|c| {
            words.is_empty()
                || fold(&c.code).starts_with(&q)
                || words.iter().all(|w| fold(&c.title).contains(w))
        })
        .take(limit)
        .cloned()
        .collect())
}

/// The listed entry for `code` (case and dot insensitive), or a message saying what to do.
pub fn lookup(code: &str) -> Result<Icd10Code> {
    let wanted = fold(code.trim());
    codes()?
        .iter()
        .find(|c| fold(&c.code) == wanted)
        .cloned()
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
        assert!(codes()?.len() >= 50);
        assert_eq!(search_icd10("m54.3", 10)?.len(), 3);
        let hits = search_icd10("sciatica left", 10)?;
        let found: Vec<_> = hits.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(found, ["M54.32", "M54.42"]);
        assert_eq!(lookup("m5450")?.title, "Low back pain, unspecified");
        assert!(
            lookup("M54.5").is_err(),
            "deleted in 2021, must not be offered"
        );
        Ok(())
    }
}
