//! A sciatica patient charted over a course of care, and the poppler tools that read PDFs
//! back (`pdftotext`, `pdffonts`, `pdfinfo`, `pdftoppm`; apt package poppler-utils).
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use acuchart_core::ids::{NoteId, PatientId};
use acuchart_core::patients::NewPatient;
use acuchart_core::visits::{Diagnosis, NoteDraft, PsfsItem, Side, StartNote, TreatmentPoint};

use crate::schedule_support::{Clinic, Res};

/// Points the sources in sciatica.md name, by channel.
pub const SCIATICA_POINTS: &[(&str, Side)] = &[
    ("BL23", Side::Bilateral),
    ("BL25", Side::Bilateral),
    ("EX-B2", Side::Bilateral),
    ("GB30", Side::Left),
    ("BL36", Side::Left),
    ("BL37", Side::Left),
    ("BL40", Side::Left),
    ("BL57", Side::Left),
    ("BL60", Side::Left),
    ("GB31", Side::Left),
    ("GB34", Side::Left),
    ("GB39", Side::Left),
    ("ST36", Side::Left),
    ("GV3", Side::Midline),
];

pub fn point(code: &str, side: Side, electro: Option<(&str, u16)>) -> TreatmentPoint {
    TreatmentPoint {
        code: code.into(),
        side,
        technique: None,
        depth_mm: Some(25),
        retention_minutes: Some(25),
        electro_pair: electro.map(|(p, _)| p.to_owned()),
        electro_hz: electro.map(|_| 2.0),
        electro_minutes: electro.map(|(_, m)| m),
        note: None,
    }
}

pub struct Course {
    pub patient: PatientId,
    pub notes: Vec<NoteId>,
    /// Visit dates, oldest first.
    pub dates: Vec<String>,
}

/// Books `visits` weekly appointments from 2 March 2026 and charts and signs a note for each:
/// pain falling from 8 to 2, points rotating through the sciatica set, e-stim BL40-BL57 for
/// 15 minutes on every other visit, 30-44 face-to-face minutes. A draft is left on the day
/// after the last visit (never printed).
pub fn sciatica_course(s: &Clinic, given: &str, visits: usize) -> Res<Course> {
    course_from(s, given, visits, "2026-03-02T10:00")
}

/// As [`sciatica_course`], the first visit at `first` (a Monday, clinic time).
pub fn course_from(s: &Clinic, given: &str, visits: usize, first: &str) -> Res<Course> {
    let c = &s.fx.clinic;
    let patient = c
        .create_patient(
            &s.desk,
            &NewPatient {
                given_name: given.into(),
                family_name: "Kowalczyk-Łęcka".into(),
                date_of_birth: Some("1971-09-23".into()),
                phone: Some("416-555-0142".into()),
                ..Default::default()
            },
        )?
        .id;
    let series = c.book_appointment(&s.desk, &s.weekly(patient, s.lin, first, visits as u32))?;
    let mut notes = Vec::new();
    let mut dates = Vec::new();
    for (i, appt) in series.appointments.iter().enumerate() {
        let note = c.start_visit_note(
            &s.fx.admin,
            &StartNote {
                patient_id: patient,
                appointment_id: Some(appt.id),
                visit_date: None,
            },
        )?;
        let mut d = NoteDraft::default();
        let k = &mut d.content;
        k.chief_complaint = Some("Pain from the left buttock down the back of the thigh to the calf for four months, worse sitting.".into());
        k.pain_now = Some((8 - (i * 6 / visits.max(1)) as i64).clamp(0, 10) as u8);
        k.pain_worst = Some((9 - (i * 5 / visits.max(1)) as i64).clamp(0, 10) as u8);
        k.tcm_pattern = Some("Qi and Blood stagnation in the Bladder channel".into());
        k.plan = Some("Weekly treatment for four more weeks, then review.".into());
        k.home_advice = Some(
            "Walk 20 minutes daily; heat on the lower back; avoid sitting longer than 40 minutes."
                .into(),
        );
        k.face_to_face_minutes = Some(30 + (i as u16 % 3) * 7);
        if i % 2 == 0 {
            k.moxa = Some("indirect moxa on BL23".into());
        }
        let start = (i * 3) % SCIATICA_POINTS.len();
        let mut points: Vec<TreatmentPoint> = (0..8)
            .map(|j| SCIATICA_POINTS[(start + j) % SCIATICA_POINTS.len()])
            .filter(|(code, _)| *code != "BL40" && *code != "BL57")
            .map(|(code, side)| point(code, side, None))
            .collect();
        let estim = (i % 2 == 1).then_some(15);
        points.push(point("BL40", Side::Left, estim.map(|m| ("BL57", m))));
        points.push(point("BL57", Side::Left, estim.map(|m| ("BL40", m))));
        let needles: u16 = points.iter().map(|p| p.side.needles() as u16).sum();
        d.content.needles_inserted = Some(needles);
        d.content.needles_removed = Some(needles);
        d.points = points;
        d.diagnoses = vec![Diagnosis {
            code: "M54.32".into(),
            title: String::new(),
        }];
        d.psfs = vec![
            PsfsItem {
                activity: "Sitting through a work meeting".into(),
                score: (3 + i * 6 / visits.max(1)).min(10) as u8,
            },
            PsfsItem {
                activity: "Walking to the station".into(),
                score: (4 + i * 5 / visits.max(1)).min(10) as u8,
            },
        ];
        let saved = c.save_visit_note(&s.fx.admin, note.id, note.revision, &d)?;
        let signed = c.sign_visit_note(&s.fx.admin, note.id, saved.revision, None)?;
        dates.push(signed.visit_date.clone());
        notes.push(note.id);
    }
    Ok(Course {
        patient,
        notes,
        dates,
    })
}

pub fn pdftotext(pdf: &Path) -> Res<String> {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()?;
    if !out.status.success() {
        return Err(format!("pdftotext failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// Whitespace collapsed, so that a phrase matches across the PDF's line breaks.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `pdfinfo -isodates`: the document's properties as (key, value), e.g. ("CreationDate", "2026-…").
pub fn pdfinfo(pdf: &Path) -> Res<Vec<(String, String)>> {
    let out = Command::new("pdfinfo").arg("-isodates").arg(pdf).output()?;
    if !out.status.success() {
        return Err("pdfinfo failed".into());
    }
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect())
}

/// `pdffonts` rows: (name, embedded, subset).
pub fn pdffonts(pdf: &Path) -> Res<Vec<(String, bool, bool)>> {
    let out = Command::new("pdffonts").arg(pdf).output()?;
    if !out.status.success() {
        return Err("pdffonts failed".into());
    }
    let text = String::from_utf8(out.stdout)?;
    // name type encoding emb sub uni object ID: the flags are the 5th, 4th and 3rd words from
    // the end (object ID takes two).
    Ok(text
        .lines()
        .skip(2)
        .filter_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w.len() >= 7).then(|| {
                let n = w.len();
                (w[0].to_owned(), w[n - 5] == "yes", w[n - 4] == "yes")
            })
        })
        .collect())
}

/// Renders every page to PNG under `dir` (for looking at the layout); returns the files.
pub fn render_pngs(pdf: &Path, dir: &Path, prefix: &str) -> Res<Vec<std::path::PathBuf>> {
    let status = Command::new("pdftoppm")
        .args(["-png", "-r", "70"])
        .arg(pdf)
        .arg(dir.join(prefix))
        .status()?;
    if !status.success() {
        return Err("pdftoppm failed".into());
    }
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".png"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// `pdftotext -layout`: table rows stay on one line.
pub fn pdftotext_layout(pdf: &Path) -> Res<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()?;
    if !out.status.success() {
        return Err("pdftotext -layout failed".into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// The superbill's service line for `code`, whitespace collapsed (e.g. `97814 Acupuncture,
/// with electrical stimulation, each add'l 15 min A 2`).
pub fn cpt_line(layout: &str, code: &str) -> Option<String> {
    layout
        .lines()
        .find(|l| l.trim_start().starts_with(code))
        .map(flat)
}
