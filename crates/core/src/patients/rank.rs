//! Orders a handful of search candidates for people: exact family-name matches first
//! ("Li" lists every Li before Lin and Lim), then whole-word matches, then alphabetically.
//! Comparison folds case and accents the way the search index does.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::PatientSummary;

/// Lower case without accents: `Müller` → `muller`.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// `exact` holds candidates that matched a typed word whole; `prefix` the others.
pub(super) fn rank(
    typed: &str,
    exact: Vec<PatientSummary>,
    prefix: Vec<PatientSummary>,
    limit: usize,
) -> Vec<PatientSummary> {
    let typed_words: Vec<String> = typed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect();
    let whole = fold(typed.trim());
    let exact_ids: Vec<_> = exact.iter().map(|p| p.id).collect();
    let mut all = exact;
    all.extend(prefix.into_iter().filter(|p| !exact_ids.contains(&p.id)));
    let mut keyed: Vec<((u8, String, String), PatientSummary)> = all
        .into_iter()
        .map(|p| {
            let family = fold(&p.family_name);
            let tier = if family == whole || typed_words.contains(&family) {
                0
            } else if exact_ids.contains(&p.id) {
                1
            } else {
                2
            };
            ((tier, family, fold(&p.given_name)), p)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().take(limit).map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folding_removes_case_and_accents_in_any_script() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("ÉLODIE"), "elodie");
        assert_eq!(fold("Nguyễn"), "nguyen");
        assert_eq!(fold("Иван"), "иван");
        assert_eq!(fold("王"), "王");
    }
}
