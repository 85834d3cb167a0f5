//! Point search for a picker: by code or alias, pinyin (with or without tone marks, spaces or
//! tone numbers), Chinese characters (whole or part of a name) and English words.
//!
//! The catalogue is small (410 points), so every query scans all of it; what makes that cheap
//! is that each point's folded keys are computed once, with the catalogue, and a query is
//! folded once. Results are ranked in tiers: the exact code, exact names, code prefixes (`BL`
//! lists the Bladder points before `Sea of Blood`), name prefixes, then substrings; within a
//! tier, catalogue (channel) order.

use super::codes::{code_prefix, looks_like_code, resolve_channel};
use super::{loaded, resolve_code, Point, PointFilter};
use crate::patients::fold;

/// One point's text as queries are compared with it.
pub(super) struct Keys {
    /// The code without hyphens: `ST36`, `EXHN3`.
    code: String,
    /// Lower-case letters only: `zusanli`.
    pinyin: String,
    hanzi: String,
    /// Folded words joined by single spaces, apostrophes dropped: `heavens tripod`.
    english: String,
}

impl Keys {
    pub(super) fn new(p: &Point) -> Keys {
        Keys {
            code: p.code.replace('-', ""),
            pinyin: pinyin_key(&p.pinyin),
            hanzi: p.hanzi.clone(),
            english: words(&p.english).join(" "),
        }
    }
}

/// `Zú Sān Lǐ`, `zu3 san1 li3` → `zusanli`.
fn pinyin_key(text: &str) -> String {
    fold(text)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect()
}

/// Folded words; apostrophes join (`Heaven's` → `heavens`), other punctuation splits.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .replace(['\'', '’'], "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A query, folded once.
struct Query {
    exact: Option<&'static Point>,
    code_prefix: Option<String>,
    /// Empty when the query is a code: codes are not matched against names.
    pinyin: String,
    hanzi: String,
    english_words: Vec<String>,
    english: String,
}

impl Query {
    fn new(text: &str) -> Query {
        let is_code = looks_like_code(text);
        let english_words = if is_code { Vec::new() } else { words(text) };
        Query {
            exact: if is_code {
                resolve_code(text).ok()
            } else {
                None
            },
            code_prefix: code_prefix(text),
            pinyin: if is_code {
                String::new()
            } else {
                pinyin_key(text)
            },
            hanzi: if text.is_ascii() {
                String::new()
            } else {
                text.split_whitespace().collect()
            },
            english: english_words.join(" "),
            english_words,
        }
    }

    /// 0 exact code, 1 exact name, 2 code prefix, 3 name prefix, 4 substring; `None` when
    /// nothing matches.
    fn tier(&self, point: &Point, k: &Keys) -> Option<u8> {
        let (py, hz, en) = (&self.pinyin, &self.hanzi, &self.english);
        if self.exact.is_some_and(|e| std::ptr::eq(e, point)) {
            return Some(0);
        }
        if (!py.is_empty() && k.pinyin == *py)
            || (!hz.is_empty() && k.hanzi == *hz)
            || (!en.is_empty() && k.english == *en)
        {
            return Some(1);
        }
        let english_word_prefixes = !self.english_words.is_empty()
            && self
                .english_words
                .iter()
                .all(|q| k.english.split(' ').any(|w| w.starts_with(q.as_str())));
        if self
            .code_prefix
            .as_ref()
            .is_some_and(|p| k.code.starts_with(p.as_str()))
        {
            return Some(2);
        }
        if (!py.is_empty() && k.pinyin.starts_with(py.as_str()))
            || (!hz.is_empty() && k.hanzi.starts_with(hz.as_str()))
            || english_word_prefixes
        {
            return Some(3);
        }
        if (!py.is_empty() && k.pinyin.contains(py.as_str()))
            || (!hz.is_empty() && k.hanzi.contains(hz.as_str()))
            || (!en.is_empty() && k.english.contains(en.as_str()))
        {
            return Some(4);
        }
        None
    }
}

/// Points matching `query` within `filter`, best first, at most `limit`. An empty query lists
/// the filtered catalogue in order. A filter channel that is not a channel matches nothing
/// (callers that take a typed channel check it with [`resolve_channel`] first).
pub fn search_points(query: &str, filter: &PointFilter, limit: usize) -> Vec<&'static Point> {
    let cat = match loaded() {
        Ok(cat) => cat,
        Err(err) => {
            tracing::error!("{err}");
            return Vec::new();
        }
    };
    let channel = match filter.channel.as_deref().map(resolve_channel) {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(_)) => return Vec::new(),
    };
    let in_filter = |p: &Point| {
        channel.is_none_or(|c| p.channel == c) && filter.region.is_none_or(|r| p.region == r)
    };
    let text = query.trim();
    if text.is_empty() {
        return cat
            .points
            .iter()
            .filter(|p| in_filter(p))
            .take(limit)
            .collect();
    }
    let q = Query::new(text);
    let mut ranked: Vec<(u8, usize)> = cat
        .points
        .iter()
        .zip(&cat.keys)
        .enumerate()
        .filter(|(_, (p, _))| in_filter(p))
        .filter_map(|(i, (p, k))| q.tier(p, k).map(|t| (t, i)))
        .collect();
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(limit)
        .map(|(_, i)| &cat.points[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_tones_spaces_case_and_apostrophes() {
        assert_eq!(pinyin_key("Zú Sān Lǐ"), "zusanli");
        assert_eq!(pinyin_key("zu3 san1 li3"), "zusanli");
        assert_eq!(words("Heaven's Tripod"), ["heavens", "tripod"]);
        assert_eq!(words("Mid-Spine Shu"), ["mid", "spine", "shu"]);
    }

    #[test]
    fn codes_are_not_matched_as_names() {
        let q = Query::new("li4");
        assert!(q.pinyin.is_empty() && q.english.is_empty());
        assert_eq!(q.exact.map(|p| p.code.as_str()), Some("LI4"));
        let q = Query::new("zu3 san1 li3");
        assert_eq!(q.pinyin, "zusanli");
        assert!(q.exact.is_none());
    }
}
