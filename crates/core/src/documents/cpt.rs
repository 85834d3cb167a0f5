//! CPT acupuncture codes for a superbill, derived from the chart: the face-to-face minutes a
//! signed note records and whether (and for how long) electrical stimulation was used.
//!
//! The rules, as `../shared/reference/acupoints/sciatica.md` §7 states them from its sources:
//! * units are 15-minute increments of personal (face-to-face) contact, "not the duration of
//!   acupuncture needle(s) placement" [15][16];
//! * an increment with electrical stimulation of any needle is 97813/97814, without it
//!   97810/97811; only one code per increment [15][16];
//! * 97810 or 97813 for the initial increment, and "Only one initial code is reported per
//!   day" [15][16]; 97811 and 97814 are add-on codes [14][17].
//!
//! **Rounding: strict 15-minute increments** — a unit is counted only when its full 15 minutes
//! of contact were given (14 min → nothing to bill, 29 → 1 unit, 44 → 2). The descriptors
//! quoted in sciatica.md say "initial 15 minutes" and "each additional 15 minutes" and the
//! sources it cites state no midpoint rule for these codes; the 8-minute (midpoint) rule
//! comes from Medicare's policy for therapy time codes, which sciatica.md does not cite for
//! acupuncture. Strict increments never bill time that was not given; a clinic whose payer
//! applies the midpoint rule would change [`units`] and its tests together.

use serde::Serialize;
use ts_rs::TS;

/// Minutes in one billing increment.
pub const INCREMENT_MINUTES: u32 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub enum CptCode {
    #[serde(rename = "97810")]
    Initial,
    #[serde(rename = "97811")]
    Additional,
    #[serde(rename = "97813")]
    InitialWithEstim,
    #[serde(rename = "97814")]
    AdditionalWithEstim,
}

impl CptCode {
    pub fn code(self) -> &'static str {
        match self {
            CptCode::Initial => "97810",
            CptCode::Additional => "97811",
            CptCode::InitialWithEstim => "97813",
            CptCode::AdditionalWithEstim => "97814",
        }
    }

    /// A short description for the superbill (the AMA descriptors abbreviated).
    pub fn description(self) -> &'static str {
        match self {
            CptCode::Initial => "Acupuncture, without electrical stimulation, initial 15 min",
            CptCode::Additional => "Acupuncture, without electrical stimulation, each add'l 15 min",
            CptCode::InitialWithEstim => "Acupuncture, with electrical stimulation, initial 15 min",
            CptCode::AdditionalWithEstim => {
                "Acupuncture, with electrical stimulation, each add'l 15 min"
            }
        }
    }

    fn for_increment(initial: bool, estim: bool) -> CptCode {
        match (initial, estim) {
            (true, false) => CptCode::Initial,
            (true, true) => CptCode::InitialWithEstim,
            (false, false) => CptCode::Additional,
            (false, true) => CptCode::AdditionalWithEstim,
        }
    }
}

/// One superbill line: a code and how many units of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct CptLine {
    pub code: CptCode,
    pub units: u32,
}

/// Billable units for `minutes` of face-to-face contact (strict increments, see above).
pub fn units(minutes: u32) -> u32 {
    minutes / INCREMENT_MINUTES
}

/// Which of a session's increments had electrical stimulation, from what the chart records:
/// whether any needle was stimulated and, when known, for how many minutes. Stimulation is
/// attached after the needles are placed, so it falls in the session's last increments; an
/// increment with any stimulation counts (so 10 minutes of e-stim marks one increment). When
/// the minutes were not recorded, every increment is counted as stimulated.
pub fn estim_increments(units: u32, estim_used: bool, estim_minutes: Option<u32>) -> Vec<bool> {
    let stimulated = match (estim_used, estim_minutes) {
        (false, _) => 0,
        (true, None) => units,
        (true, Some(m)) => m
            .div_ceil(INCREMENT_MINUTES)
            .clamp(1, units.max(1))
            .min(units),
    };
    (0..units).map(|i| i >= units - stimulated).collect()
}

/// The lines for one session's increments (in order). `initial_billed` says whether an
/// initial code was already reported for this patient that day; it is set once one is.
pub fn session_lines(increments: &[bool], initial_billed: &mut bool) -> Vec<CptLine> {
    let mut lines: Vec<CptLine> = Vec::new();
    for &estim in increments {
        let code = CptCode::for_increment(!*initial_billed, estim);
        *initial_billed = true;
        match lines.iter_mut().find(|l| l.code == code) {
            Some(line) => line.units += 1,
            None => lines.push(CptLine { code, units: 1 }),
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use CptCode::*;

    /// One session on a day with nothing billed yet.
    fn bill(minutes: u32, estim: bool, estim_minutes: Option<u32>) -> Vec<(&'static str, u32)> {
        let n = units(minutes);
        session_lines(&estim_increments(n, estim, estim_minutes), &mut false)
            .into_iter()
            .map(|l| (l.code.code(), l.units))
            .collect()
    }

    #[test]
    fn units_are_whole_fifteen_minute_increments() {
        assert_eq!(units(14), 0);
        assert_eq!(units(15), 1);
        assert_eq!(units(29), 1);
        assert_eq!(units(30), 2);
        assert_eq!(units(44), 2);
        assert_eq!(units(45), 3);
    }

    #[test]
    fn without_electrical_stimulation() {
        assert_eq!(bill(14, false, None), []);
        assert_eq!(bill(15, false, None), [("97810", 1)]);
        assert_eq!(bill(29, false, None), [("97810", 1)]);
        assert_eq!(bill(30, false, None), [("97810", 1), ("97811", 1)]);
        assert_eq!(bill(44, false, None), [("97810", 1), ("97811", 1)]);
        assert_eq!(bill(60, false, None), [("97810", 1), ("97811", 3)]);
    }

    #[test]
    fn with_electrical_stimulation_throughout() {
        assert_eq!(bill(14, true, None), []);
        assert_eq!(bill(15, true, None), [("97813", 1)]);
        assert_eq!(bill(29, true, None), [("97813", 1)]);
        assert_eq!(bill(30, true, None), [("97813", 1), ("97814", 1)]);
        assert_eq!(bill(44, true, Some(44)), [("97813", 1), ("97814", 1)]);
    }

    #[test]
    fn stimulation_only_in_the_second_increment() {
        assert_eq!(
            session_lines(&[false, true], &mut false),
            [
                CptLine {
                    code: Initial,
                    units: 1
                },
                CptLine {
                    code: AdditionalWithEstim,
                    units: 1
                }
            ]
        );
        // Charted as 10 minutes of e-stim in a 30-minute session: the last increment.
        assert_eq!(bill(30, true, Some(10)), [("97810", 1), ("97814", 1)]);
        assert_eq!(bill(44, true, Some(15)), [("97810", 1), ("97814", 1)]);
        assert_eq!(bill(45, true, Some(20)), [("97810", 1), ("97814", 2)]);
    }

    #[test]
    fn stimulation_only_in_the_first_increment() {
        assert_eq!(
            session_lines(&[true, false, false], &mut false),
            [
                CptLine {
                    code: InitialWithEstim,
                    units: 1
                },
                CptLine {
                    code: Additional,
                    units: 2
                }
            ]
        );
    }

    #[test]
    fn only_one_initial_code_per_day() {
        let mut billed = false;
        let morning = session_lines(&[false, false], &mut billed);
        let afternoon = session_lines(&[true, false], &mut billed);
        assert_eq!(morning[0].code, Initial);
        assert_eq!(
            afternoon,
            [
                CptLine {
                    code: AdditionalWithEstim,
                    units: 1
                },
                CptLine {
                    code: Additional,
                    units: 1
                }
            ]
        );
        // A session too short to bill does not use up the day's initial code.
        let mut billed = false;
        assert_eq!(session_lines(&[], &mut billed), []);
        assert!(!billed);
    }

    #[test]
    fn stimulation_longer_than_the_contact_time_marks_every_increment() {
        assert_eq!(estim_increments(2, true, Some(40)), [true, true]);
        assert_eq!(estim_increments(0, true, Some(40)), Vec::<bool>::new());
    }
}
