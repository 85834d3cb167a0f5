//! One generated, signed visit note: written the way the charting screen would have left it
//! (SOAP, points with side and technique, body-map regions, diagnosis, PSFS, needles in =
//! needles out), then signed, through the visits module's history writer.

use crate::db::Db;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::conditions::{At, Condition, EXTRAS, PULSE, TONGUE_BODY, TONGUE_COAT};
use super::names::pick;
use crate::error::{Error, Result};
use crate::ids::{AppointmentId, NoteId, PatientId, UserId};
use crate::visits::body_map::find_region;
use crate::visits::history::{self, HistoricNote, HistoricPoint};
use crate::visits::icd10;

/// Which side a one-sided complaint is on.
#[derive(Clone, Copy)]
pub(crate) enum Affected {
    Left,
    Right,
    Neither,
}

/// What stays the same across one course of care.
pub(crate) struct Course<'a> {
    pub condition: &'a Condition,
    pub affected: Affected,
    pub pattern: &'static str,
    pub extras: Vec<(&'static str, At)>,
    pub electro: bool,
    pub first_pain: f64,
    pub visits_planned: u32,
}

/// One visit of a course.
pub(crate) struct Visit {
    pub patient: PatientId,
    pub practitioner: UserId,
    pub appointment: AppointmentId,
    pub date: String,
    pub signed_at: String,
    pub index: u32,
}

impl Course<'_> {
    pub(crate) fn new<'c>(
        rng: &mut ChaCha8Rng,
        condition: &'c Condition,
        visits_planned: u32,
    ) -> Course<'c> {
        let affected = match (condition.one_sided, rng.random_bool(0.5)) {
            (false, _) => Affected::Neither,
            (true, true) => Affected::Left,
            (true, false) => Affected::Right,
        };
        let extras = (0..rng.random_range(1..=4))
            .map(|_| EXTRAS[rng.random_range(0..EXTRAS.len())])
            .filter(|(code, _)| !condition.points.iter().any(|(c, _)| c == code))
            .fold(Vec::new(), |mut v, e| {
                if !v.iter().any(|(c, _)| *c == e.0) {
                    v.push(e);
                }
                v
            });
        Course {
            condition,
            affected,
            pattern: pick(rng, condition.patterns),
            extras,
            electro: condition.painful && rng.random_bool(0.2),
            first_pain: rng.random_range(5.0..8.5),
            visits_planned,
        }
    }

    fn side_of(&self, at: At) -> &'static str {
        match (at, self.affected) {
            (At::Midline, _) => "midline",
            (At::Both, _) | (At::Affected, Affected::Neither) => "bilateral",
            (At::Affected, Affected::Left) => "left",
            (At::Affected, Affected::Right) => "right",
        }
    }

    fn diagnosis(&self) -> &'static str {
        match self.affected {
            Affected::Left => self.condition.icd10.0,
            Affected::Right => self.condition.icd10.1,
            Affected::Neither => self.condition.icd10.2,
        }
    }

    fn complaint(&self) -> String {
        match self.affected {
            Affected::Left => format!("{} (left)", self.condition.complaint),
            Affected::Right => format!("{} (right)", self.condition.complaint),
            Affected::Neither => self.condition.complaint.to_owned(),
        }
    }
}

/// Pain eases over a course, with good and bad weeks.
fn pain_at(rng: &mut ChaCha8Rng, course: &Course<'_>, index: u32) -> u8 {
    let trend = course.first_pain - 0.55 * f64::from(index);
    (trend + rng.random_range(-1.2..1.2))
        .round()
        .clamp(0.0, 10.0) as u8
}

/// Writes one signed note; returns the number of points needled.
pub(crate) fn write_note(
    db: &Db<'_>,
    rng: &mut ChaCha8Rng,
    course: &Course<'_>,
    visit: &Visit,
) -> Result<u64> {
    let c = course.condition;
    let points: Vec<(&str, &str)> = c
        .points
        .iter()
        .chain(&course.extras)
        .map(|(code, at)| (*code, course.side_of(*at)))
        .collect();
    let needles: i64 = points
        .iter()
        .map(|(_, side)| if *side == "bilateral" { 2 } else { 1 })
        .sum();
    let pain = c.painful.then(|| pain_at(rng, course, visit.index));
    let initial = visit.index == 0;
    let first_affected = points.iter().find(|(_, s)| *s != "midline").map(|p| p.0);
    let plan = format!(
        "Visit {} of {}; review pain and function each visit.",
        visit.index + 1,
        course.visits_planned
    );
    let complaint = course.complaint();
    let note = history::insert_note(
        db,
        &HistoricNote {
            patient: visit.patient,
            practitioner: visit.practitioner,
            appointment: visit.appointment,
            visit_date: &visit.date,
            chief_complaint: &complaint,
            pain_now: pain,
            pain_best: pain.map(|p| p.saturating_sub(2)),
            pain_worst: pain.map(|p| (p + 2).min(10)),
            onset: initial.then(|| format!("{} weeks ago", rng.random_range(2..20))),
            tongue_body: pick(rng, TONGUE_BODY),
            tongue_coat: pick(rng, TONGUE_COAT),
            pulse_qualities: pick(rng, PULSE),
            palpation: first_affected.map(|code| format!("Tender at {code}")),
            tcm_pattern: course.pattern,
            plan: &plan,
            moxa: (c.painful && rng.random_bool(0.15)).then_some("Warm needle on the local points"),
            cupping: (c.painful && rng.random_bool(0.1)).then_some("Stationary cups, 8 minutes"),
            needles,
            face_to_face_minutes: if initial {
                rng.random_range(50..=70)
            } else {
                rng.random_range(25..=45)
            },
            home_advice: c.advice,
            signed_at: &visit.signed_at,
        },
    )?;
    write_points(db, rng, course, note, &points)?;
    write_findings(db, rng, course, note, pain)?;
    history::sign(db, note, &visit.signed_at, visit.practitioner)?;
    if rng.random_bool(0.005) {
        history::insert_addendum(
            db,
            note,
            visit.practitioner,
            &visit.signed_at,
            "Phoned two days later: the ache after treatment had settled.",
        )?;
    }
    Ok(points.len() as u64)
}

fn write_points(
    db: &Db<'_>,
    rng: &mut ChaCha8Rng,
    course: &Course<'_>,
    note: NoteId,
    points: &[(&str, &str)],
) -> Result<()> {
    // Electro-acupuncture joins the first two sided points of the prescription.
    let pair: Vec<usize> = if course.electro {
        points
            .iter()
            .enumerate()
            .filter(|(_, (_, side))| *side != "midline")
            .map(|(i, _)| i)
            .take(2)
            .collect()
    } else {
        Vec::new()
    };
    let mut rows = Vec::with_capacity(points.len());
    for (i, (code, side)) in points.iter().enumerate() {
        let partner = match pair.as_slice() {
            [a, b] if *a == i => Some(points[*b].0),
            [a, b] if *b == i => Some(points[*a].0),
            _ => None,
        };
        let technique = if i == 0 {
            "even"
        } else {
            pick(rng, &["even", "reduce", "tonify"])
        };
        rows.push(HistoricPoint {
            code,
            side,
            technique,
            depth_mm: rng.random_range(10..=40),
            retention_minutes: if rng.random_bool(0.7) { 20 } else { 30 },
            electro: partner.map(|p| (p, 2.0, 20)),
        });
    }
    history::insert_points(db, note, &rows)
}

fn write_findings(
    db: &Db<'_>,
    rng: &mut ChaCha8Rng,
    course: &Course<'_>,
    note: NoteId,
    pain: Option<u8>,
) -> Result<()> {
    for code in course.condition.regions {
        let def = find_region(code)
            .ok_or_else(|| Error::Internal(format!("demo region {code} is not on the body map")))?;
        let sides: &[&str] = match (def.sided, course.affected) {
            (false, _) => &["midline"],
            (true, Affected::Left) => &["left"],
            (true, Affected::Right) => &["right"],
            (true, Affected::Neither) => &["left", "right"],
        };
        for side in sides {
            history::insert_pain_region(db, note, code, side)?;
        }
    }
    let code = course.diagnosis();
    let title = icd10::lookup(code)?.title;
    history::insert_diagnosis(db, note, code, &title)?;
    if let (Some(activity), Some(pain)) = (course.condition.activity, pain) {
        let score = (10 - i32::from(pain) + rng.random_range(-1..=1)).clamp(0, 10);
        history::insert_psfs(db, note, activity, score)?;
    }
    Ok(())
}
