//! The body map: named regions a practitioner clicks to show where it hurts, and the protocol
//! suggestion that follows from them (pain down the back, side or front of the leg → the
//! sciatica protocol for the Bladder, Gallbladder or Stomach channel).

use serde::Serialize;
use ts_rs::TS;

use super::{PainRegion, Side};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BodyView {
    Front,
    Back,
    Side,
}

/// Which way a leg region faces, for the sciatica suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LegAspect {
    Posterior,
    Lateral,
    Anterior,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BodyMapRegion {
    pub code: &'static str,
    pub label: &'static str,
    pub view: BodyView,
    /// False for regions on the midline (one of them, no left or right).
    pub sided: bool,
}

const fn region(
    code: &'static str,
    label: &'static str,
    view: BodyView,
    sided: bool,
) -> BodyMapRegion {
    BodyMapRegion {
        code,
        label,
        view,
        sided,
    }
}

use BodyView::{Back, Front, Side as Lateral};

pub const REGIONS: &[BodyMapRegion] = &[
    region("head", "Head", Front, false),
    region("face", "Face", Front, true),
    region("neck_front", "Front of neck", Front, false),
    region("chest", "Chest", Front, true),
    region("upper_abdomen", "Upper abdomen", Front, false),
    region("lower_abdomen", "Lower abdomen", Front, false),
    region("shoulder", "Shoulder", Front, true),
    region("upper_arm", "Upper arm", Front, true),
    region("elbow", "Elbow", Front, true),
    region("forearm", "Forearm", Front, true),
    region("hand_wrist", "Wrist and hand", Front, true),
    region("groin_hip", "Groin and front of hip", Front, true),
    region("thigh_front", "Front of thigh", Front, true),
    region("knee_front", "Front of knee", Front, true),
    region("shin", "Shin", Front, true),
    region("ankle_foot", "Ankle and foot", Front, true),
    region("occiput", "Back of head", Back, false),
    region("neck_back", "Back of neck", Back, false),
    region("upper_back", "Upper back", Back, true),
    region("mid_back", "Mid back", Back, true),
    region("low_back", "Low back", Back, true),
    region("sacrum", "Sacrum", Back, false),
    region("buttock", "Buttock", Back, true),
    region("thigh_back", "Back of thigh", Back, true),
    region("knee_back", "Back of knee", Back, true),
    region("calf", "Calf", Back, true),
    region("heel", "Heel and sole", Back, true),
    region("hip_side", "Side of hip", Lateral, true),
    region("thigh_side", "Side of thigh", Lateral, true),
    region("leg_side", "Side of lower leg", Lateral, true),
    region("ankle_side", "Outer ankle", Lateral, true),
];

pub fn find_region(code: &str) -> Option<&'static BodyMapRegion> {
    REGIONS.iter().find(|r| r.code == code)
}

fn leg_aspect(code: &str) -> Option<LegAspect> {
    match code {
        "thigh_back" | "knee_back" | "calf" | "heel" => Some(LegAspect::Posterior),
        "hip_side" | "thigh_side" | "leg_side" | "ankle_side" => Some(LegAspect::Lateral),
        "thigh_front" | "shin" => Some(LegAspect::Anterior),
        _ => None,
    }
}

fn is_lumbar(code: &str) -> bool {
    matches!(code, "low_back" | "sacrum" | "buttock")
}

/// A protocol the body map points to; the practitioner decides whether to use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProtocolSuggestion {
    /// The shipped protocol's key, e.g. `sciatica-bladder`.
    pub protocol_key: String,
    pub reason: String,
    /// The side the leg pain is on, used for the protocol's "affected side" points.
    pub affected_side: Side,
}

/// Suggestions in order of how much of the marked pain they explain.
pub fn suggest_protocols(regions: &[PainRegion]) -> Vec<ProtocolSuggestion> {
    let aspects = [
        (
            LegAspect::Posterior,
            "sciatica-bladder",
            "the back of the leg",
            "Bladder",
        ),
        (
            LegAspect::Lateral,
            "sciatica-gallbladder",
            "the side of the leg",
            "Gallbladder",
        ),
        (
            LegAspect::Anterior,
            "sciatica-stomach",
            "the front of the leg",
            "Stomach",
        ),
    ];
    let mut found: Vec<(usize, ProtocolSuggestion)> = Vec::new();
    for (aspect, key, where_, channel) in aspects {
        let hits: Vec<&PainRegion> = regions
            .iter()
            .filter(|r| leg_aspect(&r.region) == Some(aspect))
            .collect();
        if hits.is_empty() {
            continue;
        }
        let names: Vec<&str> = hits
            .iter()
            .filter_map(|r| find_region(&r.region).map(|d| d.label))
            .collect();
        found.push((
            hits.len(),
            ProtocolSuggestion {
                protocol_key: key.to_owned(),
                reason: format!(
                    "Pain runs down {where_} ({}): the {channel} channel.",
                    names.join(", ").to_lowercase()
                ),
                affected_side: side_of(&hits),
            },
        ));
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    let mut out: Vec<ProtocolSuggestion> = found.into_iter().map(|(_, s)| s).collect();
    let lumbar: Vec<&PainRegion> = regions.iter().filter(|r| is_lumbar(&r.region)).collect();
    if out.is_empty() && !lumbar.is_empty() {
        out.push(ProtocolSuggestion {
            protocol_key: "low-back-pain".to_owned(),
            reason: "Pain in the low back without pain down the leg.".to_owned(),
            affected_side: side_of(&lumbar),
        });
    }
    out
}

fn side_of(regions: &[&PainRegion]) -> Side {
    let left = regions.iter().any(|r| r.side == Side::Left);
    let right = regions.iter().any(|r| r.side == Side::Right);
    match (left, right) {
        (true, false) => Side::Left,
        (false, true) => Side::Right,
        _ => Side::Bilateral,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pain(region: &str, side: Side) -> PainRegion {
        PainRegion {
            region: region.into(),
            side,
        }
    }

    #[test]
    fn back_of_the_leg_suggests_the_bladder_protocol_on_that_side() {
        let s = suggest_protocols(&[
            pain("low_back", Side::Left),
            pain("thigh_back", Side::Left),
            pain("calf", Side::Left),
        ]);
        assert_eq!(s[0].protocol_key, "sciatica-bladder");
        assert_eq!(s[0].affected_side, Side::Left);
        assert!(
            s[0].reason.contains("back of thigh, calf"),
            "{}",
            s[0].reason
        );
        assert_eq!(s.len(), 1);
    }

    #[test]
    fn side_and_front_suggest_gallbladder_and_stomach() {
        let s = suggest_protocols(&[
            pain("thigh_side", Side::Right),
            pain("leg_side", Side::Right),
        ]);
        assert_eq!(s[0].protocol_key, "sciatica-gallbladder");
        let s = suggest_protocols(&[pain("shin", Side::Left), pain("thigh_front", Side::Right)]);
        assert_eq!(s[0].protocol_key, "sciatica-stomach");
        assert_eq!(s[0].affected_side, Side::Bilateral);
    }

    #[test]
    fn the_channel_with_most_marked_regions_comes_first() {
        let s = suggest_protocols(&[
            pain("calf", Side::Left),
            pain("thigh_side", Side::Left),
            pain("leg_side", Side::Left),
        ]);
        let keys: Vec<_> = s.iter().map(|x| x.protocol_key.as_str()).collect();
        assert_eq!(keys, ["sciatica-gallbladder", "sciatica-bladder"]);
    }

    #[test]
    fn low_back_alone_suggests_low_back_pain_and_elsewhere_nothing() {
        let s = suggest_protocols(&[pain("low_back", Side::Right)]);
        assert_eq!(s[0].protocol_key, "low-back-pain");
        assert!(suggest_protocols(&[pain("shoulder", Side::Left)]).is_empty());
    }

    #[test]
    fn region_codes_are_unique() {
        for (i, r) in REGIONS.iter().enumerate() {
            assert!(
                REGIONS[i + 1..].iter().all(|o| o.code != r.code),
                "{}",
                r.code
            );
        }
    }
}
