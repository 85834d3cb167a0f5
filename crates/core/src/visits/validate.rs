//! Checks a draft from the UI or the CLI and puts it in canonical form (WHO codes, listed
//! diagnosis titles, trimmed text), reporting every problem by field.

use super::body_map::find_region;
use super::entry::is_midline;
use super::{icd10, NoteDraft, PainRegion, Side, TreatmentPoint};
use crate::error::{Error, FieldError, Result};
use crate::points;
use crate::text;

const MAX_POINTS: usize = 120;

fn check_point(p: &TreatmentPoint, errors: &mut Vec<FieldError>) -> Option<TreatmentPoint> {
    let found = match points::resolve_code(&p.code) {
        Ok(found) => found,
        Err(e) => {
            errors.push(FieldError::new("points", e.to_string()));
            return None;
        }
    };
    let code = &found.code;
    let midline = is_midline(found);
    if midline && p.side != Side::Midline {
        errors.push(FieldError::new(
            "points",
            format!(
                "{code} is on the midline: choose midline, not {}.",
                p.side.as_str()
            ),
        ));
    }
    if !midline && p.side == Side::Midline {
        errors.push(FieldError::new(
            "points",
            format!("{code} is not on the midline: choose left, right or both."),
        ));
    }
    if p.retention_minutes.is_some_and(|m| m > 120) {
        errors.push(FieldError::new(
            "points",
            format!("{code}: retention is at most 120 minutes."),
        ));
    }
    if p.depth_mm.is_some_and(|d| d == 0 || d > 150) {
        errors.push(FieldError::new(
            "points",
            format!("{code}: depth is between 1 and 150 mm."),
        ));
    }
    if p.electro_hz.is_some_and(|hz| !(hz > 0.0 && hz <= 200.0)) {
        errors.push(FieldError::new(
            "points",
            format!("{code}: electro frequency is between 0.1 and 200 Hz."),
        ));
    }
    if p.electro_minutes.is_some_and(|m| m == 0 || m > 120) {
        errors.push(FieldError::new(
            "points",
            format!("{code}: electro duration is between 1 and 120 minutes."),
        ));
    }
    let electro_pair = match p
        .electro_pair
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(pair) => match points::resolve_code(pair) {
            Ok(other) => Some(other.code.clone()),
            Err(e) => {
                errors.push(FieldError::new(
                    "points",
                    format!("{code} is paired with {pair}: {e}"),
                ));
                None
            }
        },
        None => None,
    };
    // A point's note is free text like any other: the one text policy, one line.
    let note = match text::check(
        &format!("The note on {code}"),
        p.note.as_deref().unwrap_or(""),
        text::LINE,
    ) {
        Ok(note) => note,
        Err(problem) => {
            errors.push(FieldError::new("points", problem));
            None
        }
    };
    Some(TreatmentPoint {
        code: code.clone(),
        electro_pair,
        note,
        ..p.clone()
    })
}

fn check_region(r: &PainRegion, errors: &mut Vec<FieldError>) -> Option<PainRegion> {
    let Some(def) = find_region(&r.region) else {
        errors.push(FieldError::new(
            "pain_regions",
            format!("{:?} is not a body-map region.", r.region),
        ));
        return None;
    };
    let side_ok = if def.sided {
        matches!(r.side, Side::Left | Side::Right)
    } else {
        r.side == Side::Midline
    };
    if !side_ok {
        let want = if def.sided {
            "left or right"
        } else {
            "midline"
        };
        errors.push(FieldError::new(
            "pain_regions",
            format!("{}: the side must be {want}.", def.label),
        ));
        return None;
    }
    Some(r.clone())
}

/// More acknowledgements than a note could raise alerts for (every pregnancy point, electro,
/// each bleeding-risk technique) is input gone wrong.
const MAX_ACKNOWLEDGEMENTS: usize = 50;
const MAX_ALERT_KEY: usize = 40;
const MAX_ACK_REASON: usize = 1000;

pub(super) fn check_draft(draft: &NoteDraft) -> Result<NoteDraft> {
    let (content, mut errors) = draft.content.normalized();
    if draft.points.len() > MAX_POINTS {
        errors.push(FieldError::new(
            "points",
            format!("A note holds at most {MAX_POINTS} points."),
        ));
    }
    let points: Vec<_> = draft
        .points
        .iter()
        .filter_map(|p| check_point(p, &mut errors))
        .collect();
    let mut pain_regions: Vec<PainRegion> = Vec::new();
    for r in &draft.pain_regions {
        if let Some(r) = check_region(r, &mut errors) {
            if !pain_regions.contains(&r) {
                pain_regions.push(r);
            }
        }
    }
    let mut diagnoses: Vec<super::Diagnosis> = Vec::new();
    for d in &draft.diagnoses {
        match icd10::lookup(&d.code) {
            Ok(found) if !diagnoses.iter().any(|x| x.code == found.code) => {
                diagnoses.push(super::Diagnosis {
                    code: found.code,
                    title: found.title,
                })
            }
            Ok(_) => {}
            Err(Error::Invalid(mut f)) => errors.append(&mut f),
            Err(e) => return Err(e),
        }
    }
    if draft.psfs.len() > 3 {
        errors.push(FieldError::new(
            "psfs",
            "The functional scale takes up to three activities.",
        ));
    }
    let mut psfs = Vec::new();
    for item in draft.psfs.iter().take(3) {
        let activity = match text::check("The activity", &item.activity, text::LINE) {
            Ok(Some(activity)) => activity,
            Ok(None) => {
                errors.push(FieldError::new(
                    "psfs",
                    "Name the activity the patient scored.",
                ));
                continue;
            }
            Err(problem) => {
                errors.push(FieldError::new("psfs", problem));
                continue;
            }
        };
        if item.score > 10 {
            errors.push(FieldError::new(
                "psfs",
                format!("{activity}: the score is 0 to 10."),
            ));
        } else {
            psfs.push(super::PsfsItem {
                activity,
                score: item.score,
            });
        }
    }
    let mut acknowledgements = Vec::new();
    if draft.acknowledgements.len() > MAX_ACKNOWLEDGEMENTS {
        errors.push(FieldError::new(
            "acknowledgements",
            format!(
                "A note carries at most {MAX_ACKNOWLEDGEMENTS} acknowledgements; this one has {}.",
                draft.acknowledgements.len()
            ),
        ));
    }
    for a in draft.acknowledgements.iter().take(MAX_ACKNOWLEDGEMENTS) {
        let reason = a.reason.trim();
        if a.alert_key.trim().is_empty() || a.alert_key.chars().count() > MAX_ALERT_KEY {
            errors.push(FieldError::new(
                "acknowledgements",
                "An acknowledgement names the alert it answers (such as pregnancy:LI4).",
            ));
        } else if reason.is_empty() {
            errors.push(FieldError::new(
                "acknowledgements",
                "Give a reason for going ahead despite the alert.",
            ));
        } else if reason.chars().count() > MAX_ACK_REASON {
            errors.push(FieldError::new(
                "acknowledgements",
                format!("Keep the reason under {MAX_ACK_REASON} characters."),
            ));
        } else {
            acknowledgements.push(super::AlertAcknowledgement {
                alert_key: a.alert_key.clone(),
                reason: reason.to_owned(),
                acknowledged_by: None,
                acknowledged_at: None,
                basis: a.basis.clone(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    Ok(NoteDraft {
        content,
        points,
        pain_regions,
        diagnoses,
        psfs,
        acknowledgements,
    })
}
