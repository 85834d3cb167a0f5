//! Point codes as people type them: WHO codes, the older channel abbreviations still printed in
//! many books and charts (SJ, LIV, UB, K, P, H, DU, REN …), any case, with spaces, hyphens,
//! dots or zero padding (`St.36`, `ST-036`, `ex hn 3`).

use super::{loaded, Point};
use crate::error::{Error, Result};

/// The 14 WHO channels and their English names (WHO 2008).
const CHANNELS: [(&str, &str); 14] = [
    ("LU", "Lung"),
    ("LI", "Large Intestine"),
    ("ST", "Stomach"),
    ("SP", "Spleen"),
    ("HT", "Heart"),
    ("SI", "Small Intestine"),
    ("BL", "Bladder"),
    ("KI", "Kidney"),
    ("PC", "Pericardium"),
    ("TE", "Triple Energizer"),
    ("GB", "Gallbladder"),
    ("LR", "Liver"),
    ("GV", "Governor Vessel"),
    ("CV", "Conception Vessel"),
];

/// Older abbreviations → WHO code, as listed in the reference `meridians.csv` (after dots are
/// removed: `L.I.` → `LI`, `S.I.` → `SI`). `L` alone is left out: books use it for both Lung
/// and Liver.
const ALIASES: [(&str, &str); 15] = [
    ("H", "HT"),
    ("HE", "HT"),
    ("UB", "BL"),
    ("K", "KI"),
    ("KID", "KI"),
    ("P", "PC"),
    ("SJ", "TE"),
    ("TH", "TE"),
    ("TB", "TE"),
    ("TW", "TE"),
    ("LIV", "LR"),
    ("LV", "LR"),
    ("DU", "GV"),
    ("REN", "CV"),
    ("EX", "EX"),
];

/// The body areas of the WHO extra points: head and neck, chest and abdomen, back, upper and
/// lower extremities.
pub(super) const EX_AREAS: [&str; 5] = ["HN", "CA", "B", "UE", "LE"];

const SEPARATORS: [char; 5] = [' ', '-', '.', '_', '\t'];

pub(super) fn is_channel(code: &str) -> bool {
    CHANNELS.iter().any(|(c, _)| *c == code)
}

/// The English name of a WHO channel code (`BL` → `Bladder`); `Extra points` for `EX`.
pub fn channel_name(code: &str) -> Option<&'static str> {
    if code == "EX" {
        return Some("Extra points");
    }
    CHANNELS.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// A code without its number: `ST36` → `ST`, `EX-HN3` → `EX-HN`.
pub(super) fn series(code: &str) -> &str {
    code.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// The WHO channel code for a typed channel or alias (`ub` → `BL`, `SJ` → `TE`, `ex` → `EX`).
pub fn resolve_channel(input: &str) -> Result<&'static str> {
    let typed: String = compact(input);
    channel_code(&typed).ok_or_else(|| {
        Error::invalid(
            "channel",
            format!(
                "{:?} is not a channel. Use a WHO code (LU, LI, ST, SP, HT, SI, BL, KI, PC, TE, \
                 GB, LR, GV, CV), a common alias such as SJ, LIV, UB or DU, or EX for the extra \
                 points.",
                input.trim()
            ),
        )
    })
}

fn channel_code(letters: &str) -> Option<&'static str> {
    CHANNELS
        .iter()
        .map(|(c, _)| (*c, *c))
        .chain(ALIASES)
        .find(|(alias, _)| *alias == letters)
        .map(|(_, code)| code)
}

/// Upper case without separators: ` St.036 ` → `ST036`.
fn compact(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !SEPARATORS.contains(c))
        .collect::<String>()
        .to_ascii_uppercase()
}

/// What was typed, split into its series (`ST`, `EX-HN`) and its number digits. `None`
/// unless it reads as `<letters><digits>`.
struct Typed {
    /// The channel letters as typed (`SJ`), for messages.
    letters: String,
    /// The WHO series (`TE`, `EX-HN`), or `None` when the letters are not a channel.
    series: Option<String>,
    /// As typed, zero padding included (empty when no number was typed).
    digits: String,
}

fn split(input: &str) -> Option<Typed> {
    let s = compact(input);
    let letters_end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let (letters, digits) = s.split_at(letters_end);
    if letters.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let series = match letters.strip_prefix("EX") {
        Some(area) if EX_AREAS.contains(&area) => Some(format!("EX-{area}")),
        Some(_) => None,
        None => channel_code(letters).map(str::to_owned),
    };
    Some(Typed {
        letters: letters.to_owned(),
        series,
        digits: digits.to_owned(),
    })
}

/// The point for a typed code or alias: `SJ5`, `tw5` → TE5; `LIV3` → LR3; `UB40` → BL40;
/// `ST 36`, `St.36`, `ST036` → ST36; `exhn3`, `EX-LE-7` → EX-HN3, EX-LE7. GV29 and EX-HN3 are
/// both Yintang and both resolve, each to its own entry.
pub fn resolve_code(input: &str) -> Result<&'static Point> {
    let cat = loaded()?;
    let typed = input.trim();
    let hint = "Type a channel and a number, such as ST36, LI4 or SJ5, or an extra point such \
                as EX-HN3.";
    if typed.is_empty() {
        return Err(Error::invalid(
            "point",
            format!("Type a point code. {hint}"),
        ));
    }
    // Letters alone that are no channel (`zusanli`) are most likely a name.
    let Some(parts) = split(typed).filter(|t| t.series.is_some() || !t.digits.is_empty()) else {
        return Err(Error::invalid(
            "point",
            format!(
                "{typed:?} is not a point code. {hint} To find a point by its name, search \
                 for it instead."
            ),
        ));
    };
    let Some(series) = parts.series else {
        let why = if parts.letters.starts_with("EX") {
            "an extra point needs its area: EX-HN, EX-CA, EX-B, EX-UE or EX-LE".to_owned()
        } else {
            format!("{} is not a channel", parts.letters)
        };
        return Err(Error::invalid(
            "point",
            format!("{typed:?} is not a point code: {why}. {hint}"),
        ));
    };
    if parts.digits.is_empty() {
        return Err(Error::invalid(
            "point",
            format!("{typed:?} has no point number. {hint}"),
        ));
    }
    let code = format!("{series}{}", parts.digits.trim_start_matches('0'));
    if let Some(&i) = cat.by_code.get(&code) {
        return Ok(&cat.points[i]);
    }
    let last = cat.last_number.get(&series).copied().unwrap_or(0);
    let points = match channel_name(&series) {
        Some(name) => format!("{name} points"),
        None => format!("{series} extra points"),
    };
    Err(Error::invalid(
        "point",
        format!(
            "There is no point {code} (typed {typed:?}): {points} are numbered {series}1 to \
             {series}{last}."
        ),
    ))
}

/// The code prefix a search query stands for, without hyphens (`st3` → `ST3`, `ub` → `BL`,
/// `ex-h` → `EXH`), when its letters are a channel, an alias or the start of an extra-point
/// code. Letters that are not (`zu`) give `None`, so names are not drowned by code matches.
pub(super) fn code_prefix(query: &str) -> Option<String> {
    let s = compact(query);
    let letters_end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let (letters, digits) = s.split_at(letters_end);
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    if let Some(area) = letters.strip_prefix("EX") {
        let fits = EX_AREAS
            .iter()
            .any(|a| a.starts_with(area) && (digits.is_empty() || *a == area));
        return fits.then(|| format!("EX{area}{digits}"));
    }
    channel_code(letters).map(|c| format!("{c}{digits}"))
}

/// Whether the query reads as one code (`ST36`, `k 3`), rather than words with tone numbers
/// (`zu3 san1 li3`).
pub(super) fn looks_like_code(query: &str) -> bool {
    let s = compact(query);
    let letters_end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let digits = &s[letters_end..];
    letters_end > 0 && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_codes_split_into_series_and_unpadded_number() {
        let t = split(" St.036 ");
        assert_eq!(
            t.map(|t| (t.series, t.digits)),
            Some((Some("ST".to_owned()), "036".to_owned()))
        );
        let t = split("ex hn 03");
        assert_eq!(
            t.map(|t| (t.series, t.digits)),
            Some((Some("EX-HN".to_owned()), "03".to_owned()))
        );
        assert!(split("zusanli").is_some_and(|t| t.series.is_none()));
        assert!(split("36").is_none());
        assert!(split("ST36a").is_none());
        assert!(split("EX-XY3").is_some_and(|t| t.series.is_none()));
    }

    #[test]
    fn code_prefixes_only_for_channel_letters() {
        assert_eq!(code_prefix("st3").as_deref(), Some("ST3"));
        assert_eq!(code_prefix("UB").as_deref(), Some("BL"));
        assert_eq!(code_prefix("ex-h").as_deref(), Some("EXH"));
        assert_eq!(code_prefix("EX-HN 1").as_deref(), Some("EXHN1"));
        assert_eq!(code_prefix("EX-H1"), None);
        assert_eq!(code_prefix("zu"), None);
        assert!(looks_like_code("k 3"));
        assert!(!looks_like_code("zu3 san1 li3"));
        assert!(!looks_like_code("BL"));
    }

    #[test]
    fn channels_resolve_from_aliases() -> Result<()> {
        assert_eq!(resolve_channel("ub")?, "BL");
        assert_eq!(resolve_channel("S.J.")?, "TE");
        assert_eq!(resolve_channel("Ex")?, "EX");
        assert_eq!(resolve_channel("Lu")?, "LU");
        assert!(resolve_channel("XX").is_err());
        assert_eq!(channel_name("TE"), Some("Triple Energizer"));
        Ok(())
    }
}
