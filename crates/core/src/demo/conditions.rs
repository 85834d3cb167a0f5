//! What the demo clinic treats: a few common conditions, each with the points a practitioner
//! would typically start from (the sciatica ones follow `reference/acupoints/sciatica.md`, as
//! the shipped protocols do), the body-map regions, a diagnosis code per side and the words of
//! a note. Generated charts draw from these, so they read like a real clinic's.

/// Which side a point is needled on, relative to the side the complaint is on.
#[derive(Clone, Copy)]
pub(crate) enum At {
    Both,
    Affected,
    Midline,
}

pub(crate) struct Condition {
    pub complaint: &'static str,
    /// Relative frequency among courses of care.
    pub weight: u32,
    /// Whether the complaint is on one side (then regions, points and codes follow it).
    pub one_sided: bool,
    pub regions: &'static [&'static str],
    /// (left, right, no side) ICD-10 codes from `data/icd10.csv`.
    pub icd10: (&'static str, &'static str, &'static str),
    pub points: &'static [(&'static str, At)],
    pub patterns: &'static [&'static str],
    /// A Patient-Specific Functional Scale activity, for musculoskeletal complaints.
    pub activity: Option<&'static str>,
    /// Whether pain is scored (not for insomnia).
    pub painful: bool,
    pub advice: &'static str,
}

use At::{Affected, Both, Midline};

pub(crate) const CONDITIONS: &[Condition] = &[
    Condition {
        complaint: "Pain from the low back down the back of the leg",
        weight: 14,
        one_sided: true,
        regions: &["low_back", "buttock", "thigh_back", "calf"],
        icd10: ("M54.32", "M54.31", "M54.30"),
        points: &[
            ("EX-B2", Both),
            ("BL25", Both),
            ("GB30", Affected),
            ("BL36", Affected),
            ("BL37", Affected),
            ("BL40", Affected),
            ("BL57", Affected),
            ("BL60", Affected),
        ],
        patterns: &[
            "Qi and Blood stagnation in the Bladder channel",
            "Cold-Damp obstruction of the Bladder channel",
        ],
        activity: Some("Sitting for 30 minutes"),
        painful: true,
        advice: "Heat on the low back for 15 minutes twice a day; short walks; avoid long sitting.",
    },
    Condition {
        complaint: "Pain from the buttock down the side of the leg",
        weight: 9,
        one_sided: true,
        regions: &["buttock", "hip_side", "thigh_side", "leg_side"],
        icd10: ("M54.42", "M54.41", "M54.40"),
        points: &[
            ("EX-B2", Both),
            ("GB30", Affected),
            ("GB31", Affected),
            ("GB34", Affected),
            ("GB39", Affected),
            ("GB40", Affected),
        ],
        patterns: &["Qi stagnation in the Gallbladder channel"],
        activity: Some("Walking for 20 minutes"),
        painful: true,
        advice: "Gentle hip and iliotibial stretches daily; sleep with a pillow between the knees.",
    },
    Condition {
        complaint: "Pain from the hip down the front of the thigh",
        weight: 4,
        one_sided: true,
        regions: &["groin_hip", "thigh_front", "shin"],
        icd10: ("M54.32", "M54.31", "M54.30"),
        points: &[
            ("EX-B2", Both),
            ("GB30", Affected),
            ("ST31", Affected),
            ("ST36", Affected),
            ("ST41", Affected),
        ],
        patterns: &["Qi and Blood stagnation in the Stomach channel"],
        activity: Some("Climbing stairs"),
        painful: true,
        advice: "Keep moving little and often; heat on the front of the hip; no heavy lifting.",
    },
    Condition {
        complaint: "Low back pain",
        weight: 18,
        one_sided: false,
        regions: &["low_back", "sacrum"],
        icd10: ("M54.50", "M54.50", "M54.50"),
        points: &[
            ("EX-B2", Both),
            ("BL23", Both),
            ("BL24", Both),
            ("BL25", Both),
            ("BL32", Both),
            ("BL40", Both),
        ],
        patterns: &[
            "Kidney deficiency with Blood stasis",
            "Qi and Blood stagnation in the lumbar region",
        ],
        activity: Some("Bending to put on socks"),
        painful: true,
        advice: "Pelvic tilts and knee hugs morning and evening; heat pack; walk daily.",
    },
    Condition {
        complaint: "Neck and shoulder tension",
        weight: 12,
        one_sided: false,
        regions: &["neck_back", "occiput"],
        icd10: ("M54.2", "M54.2", "M54.2"),
        points: &[
            ("GB20", Both),
            ("GB21", Both),
            ("BL10", Both),
            ("SI3", Both),
            ("TE5", Both),
            ("GV14", Midline),
        ],
        patterns: &[
            "Wind-Cold obstructing the Taiyang channel",
            "Liver Qi stagnation",
        ],
        activity: Some("Turning the head to reverse the car"),
        painful: true,
        advice: "Screen at eye level; shoulder rolls every hour; a scarf against the wind.",
    },
    Condition {
        complaint: "Headaches",
        weight: 10,
        one_sided: false,
        regions: &["head"],
        icd10: ("G44.209", "G44.209", "G44.209"),
        points: &[
            ("GV20", Midline),
            ("EX-HN5", Both),
            ("GB20", Both),
            ("LI4", Both),
            ("LR3", Both),
        ],
        patterns: &[
            "Liver Yang rising",
            "Blood deficiency failing to nourish the head",
        ],
        activity: None,
        painful: true,
        advice: "Regular meals and sleep; a headache diary; less caffeine after noon.",
    },
    Condition {
        complaint: "Knee pain",
        weight: 9,
        one_sided: true,
        regions: &["knee_front"],
        icd10: ("M25.562", "M25.561", "M17.0"),
        points: &[
            ("ST35", Affected),
            ("EX-LE5", Affected),
            ("ST36", Affected),
            ("SP9", Affected),
            ("GB34", Affected),
            ("SP10", Affected),
        ],
        patterns: &[
            "Wind-Damp painful obstruction (Bi)",
            "Kidney and Liver deficiency",
        ],
        activity: Some("Walking downstairs"),
        painful: true,
        advice: "Quadriceps sets twice a day; cycling or swimming rather than running.",
    },
    Condition {
        complaint: "Shoulder pain",
        weight: 8,
        one_sided: true,
        regions: &["shoulder", "upper_arm"],
        icd10: ("M25.512", "M25.511", "M25.511"),
        points: &[
            ("LI15", Affected),
            ("TE14", Affected),
            ("SI9", Affected),
            ("LI11", Affected),
            ("ST38", Affected),
            ("LI4", Affected),
        ],
        patterns: &["Qi and Blood stagnation in the shoulder channels"],
        activity: Some("Reaching to a high shelf"),
        painful: true,
        advice: "Pendulum swings and wall walks within comfort, three times a day.",
    },
    Condition {
        complaint: "Difficulty sleeping",
        weight: 8,
        one_sided: false,
        regions: &[],
        icd10: ("G47.00", "G47.00", "G47.00"),
        points: &[
            ("HT7", Both),
            ("PC6", Both),
            ("SP6", Both),
            ("KI3", Both),
            ("GV20", Midline),
            ("EX-HN3", Midline),
        ],
        patterns: &[
            "Heart and Spleen deficiency",
            "Heart and Kidney not communicating",
        ],
        activity: None,
        painful: false,
        advice: "Screens off an hour before bed; the same waking time every day; a warm foot bath.",
    },
];

/// Points a practitioner often adds to a base prescription.
pub(crate) const EXTRAS: &[(&str, At)] = &[
    ("ST36", Both),
    ("LI4", Both),
    ("LR3", Both),
    ("SP6", Both),
    ("KI3", Both),
    ("PC6", Both),
    ("LI11", Both),
    ("GB34", Both),
    ("BL17", Both),
    ("BL18", Both),
    ("GV20", Midline),
    ("CV6", Midline),
    ("EX-HN3", Midline),
];

pub(crate) const TONGUE_BODY: &[&str] = &[
    "Pale",
    "Pale red",
    "Red",
    "Purple",
    "Dusky",
    "Pale, swollen",
];
pub(crate) const TONGUE_COAT: &[&str] = &[
    "Thin white",
    "Thick white",
    "Thin yellow",
    "Yellow greasy",
    "Peeled",
];
pub(crate) const PULSE: &[&str] = &[
    "Wiry",
    "Choppy",
    "Thready, weak",
    "Slippery",
    "Wiry, rapid",
    "Deep, weak at the chi position",
];
pub(crate) const CANCEL_REASONS: &[&str] = &[
    "Unwell",
    "Work commitment",
    "Childcare",
    "Travel",
    "Transport problem",
    "Feeling much better",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::points::resolve_code;
    use crate::visits::body_map::find_region;
    use crate::visits::icd10;

    /// A typo here would put a point, region or code in generated charts that the app itself
    /// would refuse.
    #[test]
    fn every_point_region_and_code_is_one_the_app_accepts() {
        for c in CONDITIONS {
            for (code, at) in c.points.iter().chain(EXTRAS) {
                let point = resolve_code(code).unwrap_or_else(|e| panic!("{code}: {e}"));
                assert_eq!(point.code, *code, "{code} should be a WHO code");
                let midline = crate::visits::entry::is_midline(point);
                assert_eq!(midline, matches!(at, At::Midline), "{code} midline");
            }
            for r in c.regions {
                assert!(find_region(r).is_some(), "region {r}");
            }
            for code in [c.icd10.0, c.icd10.1, c.icd10.2] {
                icd10::lookup(code).unwrap_or_else(|e| panic!("{code}: {e}"));
            }
        }
    }
}
