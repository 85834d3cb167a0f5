//! The acupuncture point catalogue: the 361 WHO 2008 points, GV29 and the 48 WHO extra points,
//! with a body region and general needling cautions for each.
//!
//! It is public reference data compiled into the binary (`data/acupoints.csv`), so it needs no
//! database and no sign-in. It is parsed once, on first use; see `data/README.md` for where the
//! names come from and how regions and cautions were assigned.

mod codes;
mod parse;
mod search;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

pub use codes::{channel_name, resolve_channel, resolve_code};
/// The catalogue file's parser, public for the bad-input property tests.
pub use parse::parse as parse_catalogue_csv;
pub use search::search_points;

/// One acupuncture point. Names are as in the WHO standards (pinyin without tone marks,
/// simplified hanzi); the English name follows Deadman's *Manual of Acupuncture*.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Point {
    /// The WHO code: `ST36`, `GV29`, `EX-HN3`.
    pub code: String,
    /// The WHO channel code (`LU` … `CV`), or `EX` for an extra point.
    pub channel: String,
    /// The number within the channel, or within the extra point's body area (`EX-HN3` → 3).
    pub number: u8,
    pub pinyin: String,
    pub hanzi: String,
    pub english: String,
    pub region: BodyRegion,
    /// General needling cautions (empty for most points). Guidance, not clinical advice.
    pub cautions: Vec<Caution>,
}

/// Where on the body a point lies, coarse enough for a picker. Buttock and hip count as lower
/// limb, the wrist and ankle as limb (not hand or foot), following the WHO location texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BodyRegion {
    HeadFace,
    Neck,
    Chest,
    Abdomen,
    UpperBack,
    LowerBackSacrum,
    UpperLimb,
    Hand,
    LowerLimb,
    Foot,
}

impl BodyRegion {
    pub const ALL: [BodyRegion; 10] = [
        BodyRegion::HeadFace,
        BodyRegion::Neck,
        BodyRegion::Chest,
        BodyRegion::Abdomen,
        BodyRegion::UpperBack,
        BodyRegion::LowerBackSacrum,
        BodyRegion::UpperLimb,
        BodyRegion::Hand,
        BodyRegion::LowerLimb,
        BodyRegion::Foot,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BodyRegion::HeadFace => "head_face",
            BodyRegion::Neck => "neck",
            BodyRegion::Chest => "chest",
            BodyRegion::Abdomen => "abdomen",
            BodyRegion::UpperBack => "upper_back",
            BodyRegion::LowerBackSacrum => "lower_back_sacrum",
            BodyRegion::UpperLimb => "upper_limb",
            BodyRegion::Hand => "hand",
            BodyRegion::LowerLimb => "lower_limb",
            BodyRegion::Foot => "foot",
        }
    }

    pub fn parse(s: &str) -> Option<BodyRegion> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Why a point needs care. General guidance shown next to the point; the practitioner decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Caution {
    /// Classically avoided, or used with caution, in pregnancy.
    Pregnancy,
    /// Over the lung: deep or oblique-inward needling risks a pneumothorax.
    DeepOrgan,
    /// A major artery lies under or beside the point.
    Artery,
    /// Needled inside the orbit, next to the eyeball.
    Eye,
}

impl Caution {
    pub fn as_str(self) -> &'static str {
        match self {
            Caution::Pregnancy => "pregnancy",
            Caution::DeepOrgan => "deep_organ",
            Caution::Artery => "artery",
            Caution::Eye => "eye",
        }
    }

    pub fn parse(s: &str) -> Option<Caution> {
        [
            Caution::Pregnancy,
            Caution::DeepOrgan,
            Caution::Artery,
            Caution::Eye,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// Narrows a point search. Both parts are optional; the channel may be an alias (`UB`, `SJ`)
/// or `EX` for the extra points.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PointFilter {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub channel: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub region: Option<BodyRegion>,
}

/// The embedded catalogue with what lookups and searches need, built once.
struct Catalogue {
    points: Vec<Point>,
    keys: Vec<search::Keys>,
    by_code: HashMap<String, usize>,
    /// The highest point number on each channel (and each extra-point area, e.g. `EX-HN`).
    last_number: HashMap<String, u8>,
}

const EMBEDDED: &str = include_str!("../../data/acupoints.csv");

/// The parse result is kept, not unwrapped: a damaged embedded file becomes an error on each
/// call rather than a panic in the app (a unit test proves the shipped file parses).
static CATALOGUE: OnceLock<Result<Catalogue, String>> = OnceLock::new();

fn loaded() -> Result<&'static Catalogue> {
    CATALOGUE
        .get_or_init(|| build(EMBEDDED))
        .as_ref()
        .map_err(|msg| Error::Internal(format!("the built-in point catalogue is damaged: {msg}")))
}

fn build(text: &str) -> Result<Catalogue, String> {
    let points = parse::parse(text)?;
    let mut by_code = HashMap::with_capacity(points.len());
    let mut last_number: HashMap<String, u8> = HashMap::new();
    for (i, p) in points.iter().enumerate() {
        by_code.insert(p.code.clone(), i);
        let last = last_number
            .entry(codes::series(&p.code).to_owned())
            .or_default();
        *last = (*last).max(p.number);
    }
    let keys = points.iter().map(search::Keys::new).collect();
    Ok(Catalogue {
        points,
        keys,
        by_code,
        last_number,
    })
}

/// Every point, in channel order (LU … CV, GV29, then the extra points).
pub fn catalogue() -> Result<&'static [Point]> {
    Ok(&loaded()?.points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalogue_parses_and_is_complete() -> Result<()> {
        let cat = build(EMBEDDED).map_err(Error::Internal)?;
        assert_eq!(cat.points.len(), 410);
        assert_eq!(cat.by_code.len(), 410, "codes are unique");
        assert_eq!(cat.last_number.get("BL"), Some(&67));
        assert_eq!(cat.last_number.get("GV"), Some(&29));
        assert_eq!(cat.last_number.get("EX-HN"), Some(&15));
        assert_eq!(catalogue()?.len(), 410);
        Ok(())
    }

    #[test]
    fn a_damaged_catalogue_is_an_error_not_a_panic() {
        let text = "code,channel,number,pinyin,hanzi,english,region,cautions\n\
                    ST36,ST,36,Zusanli,足三里,Leg Three Miles,knee,\n";
        let err = build(text).err().unwrap_or_default();
        assert!(err.contains("line 2") && err.contains("knee"), "{err}");
    }

    #[test]
    fn regions_and_cautions_round_trip_their_names() {
        for r in BodyRegion::ALL {
            assert_eq!(BodyRegion::parse(r.as_str()), Some(r));
        }
        assert_eq!(Caution::parse("deep_organ"), Some(Caution::DeepOrgan));
        assert_eq!(Caution::parse("lungs"), None);
    }
}
