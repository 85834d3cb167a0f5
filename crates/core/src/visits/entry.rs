//! Keyboard point entry: `gb30 b` is GB30 bilateral, `lv3 l` LR3 left, `st 36` ST36 on both
//! sides, `gv20` GV20 on the midline.

use serde::Serialize;
use ts_rs::TS;

use super::Side;
use crate::error::{Error, Result};
use crate::points::{self, Point};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PointEntry {
    pub point: Point,
    pub side: Side,
}

fn side_word(word: &str) -> Option<Side> {
    match word.to_ascii_lowercase().as_str() {
        "b" | "bi" | "bil" | "bilat" | "bilateral" | "both" => Some(Side::Bilateral),
        "l" | "lt" | "left" => Some(Side::Left),
        "r" | "rt" | "right" => Some(Side::Right),
        "m" | "mid" | "midline" => Some(Side::Midline),
        _ => None,
    }
}

/// Points with only one location, on the midline.
pub fn is_midline(point: &Point) -> bool {
    matches!(point.channel.as_str(), "GV" | "CV") || point.code == "EX-HN3"
}

/// The side a point gets when none is typed.
pub fn default_side(point: &Point) -> Side {
    if is_midline(point) {
        Side::Midline
    } else {
        Side::Bilateral
    }
}

pub fn parse_point_entry(input: &str) -> Result<PointEntry> {
    let text = input.trim();
    if text.is_empty() {
        return Err(Error::invalid(
            "point",
            "Type a point code such as GB30, then a side (l, r or b).",
        ));
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let (code_text, typed_side) = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => match side_word(last) {
            Some(side) => (rest.join(" "), Some(side)),
            None => (text.to_owned(), None),
        },
        _ => (text.to_owned(), None),
    };
    let point = points::resolve_code(&code_text)?;
    let side = match typed_side {
        Some(Side::Midline) | None if is_midline(point) => Side::Midline,
        Some(side) if is_midline(point) => {
            return Err(Error::invalid(
                "point",
                format!(
                    "{} is on the midline: it has no {} side.",
                    point.code,
                    side.as_str()
                ),
            ))
        }
        Some(Side::Midline) => {
            return Err(Error::invalid(
                "point",
                format!("{} is not on the midline: type l, r or b.", point.code),
            ))
        }
        Some(side) => side,
        None => default_side(point),
    };
    Ok(PointEntry {
        point: point.clone(),
        side,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(s: &str) -> (String, Side) {
        let e = parse_point_entry(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        (e.point.code, e.side)
    }

    #[test]
    fn code_then_side() {
        assert_eq!(entry("gb30 b"), ("GB30".into(), Side::Bilateral));
        assert_eq!(entry("lv3 l"), ("LR3".into(), Side::Left));
        assert_eq!(entry("ST 36 right"), ("ST36".into(), Side::Right));
        assert_eq!(entry("st-36"), ("ST36".into(), Side::Bilateral));
        assert_eq!(entry("du20"), ("GV20".into(), Side::Midline));
        assert_eq!(entry("EX-B2 b"), ("EX-B2".into(), Side::Bilateral));
    }

    #[test]
    fn impossible_sides_and_unknown_codes_say_what_to_type() {
        let e = parse_point_entry("gv20 l")
            .map(|_| ())
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("midline")));
        let e = parse_point_entry("st36 m")
            .map(|_| ())
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.contains("l, r or b")));
        assert!(parse_point_entry("zz99 b").is_err());
        assert!(parse_point_entry("   ").is_err());
    }
}
