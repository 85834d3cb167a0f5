//! One signed visit note with its addenda, for referrals and records requests.

use chrono::NaiveDate;

use super::canvas::{span, Canvas, RunningText, Span, Style, MUTED};
use super::layout::{col, details, letterhead, table, Align, Letterhead};
use super::service::{Context, PatientHead, PractitionerHead};
use super::summary::{modalities, point_spans};
use super::{human_date, short_date};
use crate::error::Result;
use crate::visits::{Technique, VisitNote};

/// Label: value lines for the fields that were filled in; nothing when none were.
fn fields(c: &mut Canvas, heading: &str, items: &[(&str, Option<String>)]) {
    let present: Vec<_> = items
        .iter()
        .filter_map(|(l, v)| v.as_ref().map(|v| (*l, v.clone())))
        .collect();
    if present.is_empty() {
        return;
    }
    c.heading(heading, Style::body().leading() * 2.0);
    for (label, value) in present {
        c.paragraph(
            &[
                span(format!("{label}: "), Style::body().bold()),
                span(value, Style::body()),
            ],
            0.0,
            2.0,
        );
    }
}

fn technique(t: Option<Technique>) -> &'static str {
    match t {
        Some(Technique::Tonify) => "tonify",
        Some(Technique::Reduce) => "reduce",
        Some(Technique::Even) => "even",
        None => "",
    }
}

pub(crate) fn render(
    ctx: &Context,
    patient: &PatientHead,
    practitioner: &PractitionerHead,
    note: &VisitNote,
) -> Result<(Vec<u8>, u32)> {
    let fmt = ctx.date_format;
    let date: Option<NaiveDate> = note.visit_date.parse().ok();
    let when = date.map_or(note.visit_date.clone(), |d| human_date(fmt, d));
    let mut c = Canvas::new(
        ctx.settings.paper_size,
        RunningText {
            header: format!("Visit note — {} — {when}", patient.name),
            footer_left: ctx.clinic_name.clone(),
        },
    )?;
    let issued = human_date(fmt, ctx.today);
    letterhead(
        &mut c,
        &Letterhead {
            clinic_name: &ctx.clinic_name,
            settings: &ctx.settings,
            logo: ctx.logo_png.as_deref(),
            identifiers: Vec::new(),
        },
        "Visit note",
        &format!("Printed {issued}"),
    )?;
    let signed = note
        .signed_at
        .as_deref()
        .map(|s| {
            format!(
                "{} by {}",
                &s[..16.min(s.len())].replace('T', " "),
                note.signed_by.clone().unwrap_or_default()
            )
        })
        .unwrap_or_default();
    details(
        &mut c,
        &[
            ("Patient", patient.name.clone()),
            ("Visit date", when.clone()),
            (
                "Date of birth",
                patient
                    .date_of_birth
                    .map_or("—".into(), |d| human_date(fmt, d)),
            ),
            ("Practitioner", practitioner.name.clone()),
            ("Chart no.", patient.chart_number.to_string()),
            ("Signed (UTC)", signed),
        ],
    );
    let k = &note.draft.content;
    let pain = |v: Option<u8>| v.map(|p| format!("{p}/10"));
    let pain_line = [
        ("now", pain(k.pain_now)),
        ("at best", pain(k.pain_best)),
        ("at worst", pain(k.pain_worst)),
    ]
    .into_iter()
    .filter_map(|(l, v)| v.map(|v| format!("{v} {l}")))
    .collect::<Vec<_>>()
    .join(", ");
    let regions = note
        .draft
        .pain_regions
        .iter()
        .map(|r| format!("{} ({})", r.region.replace('_', " "), r.side.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    fields(
        &mut c,
        "Subjective",
        &[
            ("Chief complaint", k.chief_complaint.clone()),
            ("Pain", (!pain_line.is_empty()).then_some(pain_line)),
            ("Where", (!regions.is_empty()).then_some(regions)),
            ("Onset", k.onset.clone()),
            ("Aggravating", k.aggravating.clone()),
            ("Relieving", k.relieving.clone()),
            ("Notes", k.subjective_notes.clone()),
        ],
    );
    let tongue = [&k.tongue_body, &k.tongue_coat, &k.tongue_shape]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    let pulse_positions = [
        ("L cun", &k.pulse_left_cun),
        ("L guan", &k.pulse_left_guan),
        ("L chi", &k.pulse_left_chi),
        ("R cun", &k.pulse_right_cun),
        ("R guan", &k.pulse_right_guan),
        ("R chi", &k.pulse_right_chi),
    ]
    .into_iter()
    .filter_map(|(l, v)| v.as_ref().map(|v| format!("{l} {v}")))
    .collect::<Vec<_>>();
    let pulse = k
        .pulse_qualities
        .iter()
        .cloned()
        .chain((!pulse_positions.is_empty()).then(|| pulse_positions.join(", ")))
        .collect::<Vec<_>>()
        .join("; ");
    fields(
        &mut c,
        "Objective",
        &[
            ("Tongue", (!tongue.is_empty()).then_some(tongue)),
            ("Pulse", (!pulse.is_empty()).then_some(pulse)),
            ("Palpation", k.palpation.clone()),
            ("Range of motion", k.range_of_motion.clone()),
            ("Orthopaedic tests", k.orthopaedic_tests.clone()),
        ],
    );
    let dx = note
        .draft
        .diagnoses
        .iter()
        .map(|d| format!("{} {}", d.code, d.title))
        .collect::<Vec<_>>()
        .join("; ");
    fields(
        &mut c,
        "Assessment",
        &[
            ("Diagnoses (ICD-10)", (!dx.is_empty()).then_some(dx)),
            ("TCM pattern", k.tcm_pattern.clone()),
            ("Notes", k.assessment_notes.clone()),
        ],
    );
    if !note.draft.points.is_empty() {
        c.heading("Points", 60.0);
        let body = Style::body().size(8.8);
        let rows: Vec<Vec<Vec<Span>>> = note
            .draft
            .points
            .iter()
            .map(|p| {
                let mut detail = Vec::new();
                let t = technique(p.technique);
                if !t.is_empty() {
                    detail.push(t.to_owned());
                }
                if let Some(d) = p.depth_mm {
                    detail.push(format!("{d} mm"));
                }
                if let Some(r) = p.retention_minutes {
                    detail.push(format!("{r} min"));
                }
                if p.uses_electro() {
                    let mut e = "electro".to_owned();
                    if let Some(pair) = &p.electro_pair {
                        e.push_str(&format!(" to {pair}"));
                    }
                    if let Some(hz) = p.electro_hz {
                        e.push_str(&format!(", {hz} Hz"));
                    }
                    if let Some(m) = p.electro_minutes {
                        e.push_str(&format!(", {m} min"));
                    }
                    detail.push(e);
                }
                if let Some(n) = &p.note {
                    detail.push(n.clone());
                }
                vec![
                    point_spans(p, body),
                    vec![span(detail.join(", "), body.colour(MUTED))],
                ]
            })
            .collect();
        table(
            &mut c,
            &[
                col("Point", 0.6, Align::Left),
                col("Technique, depth, retention, electro", 0.4, Align::Left),
            ],
            &rows,
        );
    }
    let m = modalities(note);
    let needles = match (k.needles_inserted, k.needles_removed) {
        (Some(i), Some(r)) => Some(format!("{i} inserted, {r} removed")),
        (Some(i), None) => Some(format!("{i} inserted")),
        _ => None,
    };
    fields(
        &mut c,
        "Treatment",
        &[
            ("Other treatment", (!m.is_empty()).then(|| m.join("; "))),
            ("Needles", needles),
            ("Needle count", note.needle_count_explanation.clone()),
            (
                "Face-to-face time",
                k.face_to_face_minutes.map(|m| format!("{m} minutes")),
            ),
            ("Adverse events", k.adverse_events.clone()),
            ("Home advice", k.home_advice.clone()),
        ],
    );
    fields(&mut c, "Plan", &[("Plan", k.plan.clone())]);
    if !note.addenda.is_empty() {
        c.heading("Addenda", Style::body().leading() * 2.0);
        for a in &note.addenda {
            let at = a.created_at[..16.min(a.created_at.len())].replace('T', " ");
            c.paragraph(
                &[
                    span(format!("{} — {at} UTC: ", a.author), Style::body().bold()),
                    span(a.body.clone(), Style::body()),
                ],
                0.0,
                3.0,
            );
        }
    }
    c.ensure(40.0);
    c.y += 10.0;
    let stamp = format!(
        "Electronically signed by {}{}. Signed notes are not changed; corrections are added as addenda.",
        note.signed_by.clone().unwrap_or_else(|| practitioner.name.clone()),
        date.map_or(String::new(), |d| format!(" for the visit of {}", short_date(fmt, d)))
    );
    c.paragraph(&[span(stamp, Style::small())], 0.0, 2.0);
    let creds = practitioner.lines().join(" · ");
    if !creds.is_empty() {
        c.paragraph(&[span(creds, Style::small())], 0.0, 0.0);
    }
    Ok(c.finish(&format!("Visit note — {} — {when}", patient.name), &issued))
}
