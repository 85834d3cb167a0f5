//! Input surface 3, property-tested: point codes and point search (hostile characters inside
//! real codes, look-alike letters, huge numbers, anything at all), and favourite points on a
//! real SQLCipher clinic. A code resolves only from ASCII letters, digits and separators, to
//! its canonical code; a search stays within its limit and answers the same twice; a refused
//! favourite stores nothing.

mod common;
mod hostile;

use acuchart_core::points::{
    catalogue, resolve_channel, resolve_code, search_points, BodyRegion, PointFilter,
};
use acuchart_core::visits::parse_point_entry;
use common::*;
use hostile::*;
use proptest::prelude::*;
use proptest::sample::Index;

const CASES: u32 = 256;

/// What may surround a code's letters and digits: the separators people type.
fn typed_as_code(text: &str) -> bool {
    text.trim()
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || " -._\t".contains(c))
}

/// A real code with a hostile character put inside it or a letter swapped for a look-alike,
/// a code with an absurd number, or any text at all.
fn typed_codes() -> impl Strategy<Value = String> {
    let codes: Vec<String> = catalogue()
        .map(|c| c.iter().map(|p| p.code.clone()).collect())
        .unwrap_or_default();
    let inside = (
        prop::sample::select(codes.clone()),
        any::<Index>(),
        hostile_char(),
    )
        .prop_map(|(code, at, c)| {
            let mut chars: Vec<char> = code.chars().collect();
            let i = at.index(chars.len() + 1);
            chars.insert(i, c);
            chars.into_iter().collect()
        });
    let look_alike = (prop::sample::select(codes), any::<Index>()).prop_map(|(code, at)| {
        let swap = |c: char| match c {
            'S' => 'ſ',
            'I' => 'ı',
            'K' => '\u{212A}',
            'T' => 'Ｔ',
            'B' => 'В',
            'C' => 'С',
            'E' => 'Е',
            'H' => 'Н',
            'P' => 'Р',
            'X' => 'Х',
            other => other,
        };
        let i = at.index(code.len());
        code.chars()
            .enumerate()
            .map(|(j, c)| if j == i { swap(c) } else { c })
            .collect()
    });
    prop_oneof![
        3 => inside,
        2 => look_alike,
        1 => ("(ST|LI|EX-HN|GV)", "0{0,400}", "[0-9]{0,40}").prop_map(|(a, z, n)| format!("{a}{z}{n}")),
        2 => hostile_text(),
    ]
}

#[test]
fn codes_resolve_only_from_ascii_and_search_stays_bounded() -> TestResult {
    check("point codes", CASES * 4, typed_codes(), |typed| {
        let found = resolve_code(&typed);
        tally(&found);
        match found {
            Ok(p) => {
                prop_assert!(typed_as_code(&typed), "{typed:?} resolved to {}", p.code);
                let again =
                    resolve_code(&p.code).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(&again.code, &p.code, "not canonical");
            }
            Err(e) => clear(&e)?,
        }
        match parse_point_entry(&typed) {
            Ok(entry) => prop_assert!(resolve_code(&entry.point.code).is_ok()),
            Err(e) => clear(&e)?,
        }
        if let Err(e) = resolve_channel(&typed) {
            clear(&e)?;
        }
        Ok(())
    })?;
    let regions = prop::option::of(prop::sample::select(BodyRegion::ALL.to_vec()));
    check(
        "point search",
        CASES * 4,
        (
            typed_codes(),
            prop::option::of(hostile_text()),
            regions,
            0usize..1000,
        ),
        |(query, channel, region, limit)| {
            let filter = PointFilter { channel, region };
            let found = search_points(&query, &filter, limit);
            prop_assert!(found.len() <= limit);
            let again = search_points(&query, &filter, limit);
            prop_assert!(found == again, "the same query answered differently");
            if let (Ok(exact), true, None) = (resolve_code(&query), limit > 0, &filter.channel) {
                if filter.region.is_none_or(|r| r == exact.region) {
                    prop_assert_eq!(found.first().map(|p| &p.code), Some(&exact.code));
                }
            }
            Ok(())
        },
    )?;
    Ok(())
}

#[test]
fn favourite_points_take_only_real_codes() -> TestResult {
    let f = fixture()?;
    let a = &f.admin;
    let conn = raw(&f)?;
    // The same codes as a note takes: a refused one stores nothing.
    check("point favourites", CASES, typed_codes(), |typed| {
        let before = digest(&conn)?;
        let starred = f.clinic.set_point_favourite(a, &typed, true);
        tally(&starred);
        match starred {
            Ok(picks) => {
                prop_assert!(typed_as_code(&typed), "{typed:?} starred");
                for p in picks.favourites {
                    prop_assert!(resolve_code(&p.code).is_ok());
                }
            }
            Err(e) => {
                clear(&e)?;
                prop_assert_eq!(before, digest(&conn)?);
            }
        }
        Ok(())
    })?;
    intact(&f)
}
