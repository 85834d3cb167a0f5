//! The treatment summary the patient takes home: the course of care from signed notes only.

use chrono::NaiveDate;

use super::canvas::{span, Canvas, RunningText, Span, Style, MUTED};
use super::layout::{col, details, letterhead, signature, table, Align, Letterhead};
use super::service::{Context, PatientHead, PractitionerHead};
use super::trend::{pain_chart, TrendPoint};
use super::{human_date, short_date, Handout, SummaryRequest};
use crate::error::Result;
use crate::visits::{Side, VisitNote};

/// "both sides" etc., as a patient reads it; nothing for a midline point.
pub(crate) fn side_words(side: Side) -> &'static str {
    match side {
        Side::Left => "left",
        Side::Right => "right",
        Side::Bilateral => "both sides",
        Side::Midline => "",
    }
}

/// `BL40 Weizhong 委中 Middle of the Crook · both sides`, code in bold.
pub(crate) fn point_spans(note_point: &crate::visits::TreatmentPoint, style: Style) -> Vec<Span> {
    let mut out = Vec::new();
    match note_point.catalogue_point() {
        Ok(p) => {
            out.push(span(format!("{} ", p.code), style.bold()));
            out.push(span(
                format!("{} {} {}", p.pinyin, p.hanzi, p.english),
                style,
            ));
        }
        Err(_) => out.push(span(note_point.code.clone(), style.bold())),
    }
    let side = side_words(note_point.side);
    if !side.is_empty() {
        out.push(span(format!(" · {side}"), style.colour(MUTED)));
    }
    out
}

/// The modalities besides needles a note records, as short phrases.
pub(crate) fn modalities(note: &VisitNote) -> Vec<String> {
    let c = &note.draft.content;
    let mut out = Vec::new();
    if note.draft.points.iter().any(|p| p.uses_electro()) {
        out.push("Electro-acupuncture".to_owned());
    }
    for (label, value) in [
        ("Moxa", &c.moxa),
        ("Cupping", &c.cupping),
        ("Gua sha", &c.gua_sha),
        ("Tui na", &c.tui_na),
        ("Heat lamp", &c.heat_lamp),
        ("Herbs", &c.herbs),
    ] {
        if let Some(v) = value {
            out.push(format!("{label}: {v}"));
        }
    }
    out
}

fn date_of(note: &VisitNote) -> Option<NaiveDate> {
    note.visit_date.parse().ok()
}

fn para(c: &mut Canvas, heading: &str, text: &str) {
    c.heading(heading, Style::body().leading() * 2.0);
    c.paragraph(&[span(text, Style::body())], 0.0, 4.0);
}

pub(crate) fn render(
    ctx: &Context,
    patient: &PatientHead,
    practitioner: &PractitionerHead,
    notes: &[VisitNote],
    req: &SummaryRequest,
    handouts: &[Handout],
) -> Result<(Vec<u8>, u32)> {
    let fmt = ctx.date_format;
    let dates: Vec<NaiveDate> = notes.iter().filter_map(date_of).collect();
    let first = dates.first().copied().unwrap_or(ctx.today);
    let last = dates.last().copied().unwrap_or(ctx.today);
    let mut c = Canvas::new(
        ctx.settings.paper_size,
        RunningText {
            header: format!("Treatment summary — {}", patient.name),
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
        "Treatment summary",
        &format!("Issued {issued}"),
    )?;
    details(
        &mut c,
        &[
            ("Patient", patient.name.clone()),
            (
                "Period",
                format!("{} – {}", human_date(fmt, first), human_date(fmt, last)),
            ),
            (
                "Date of birth",
                patient
                    .date_of_birth
                    .map_or("—".into(), |d| human_date(fmt, d)),
            ),
            ("Visits", notes.len().to_string()),
            ("Chart no.", patient.chart_number.to_string()),
            ("Practitioner", practitioner.name.clone()),
        ],
    );

    let complaint = notes
        .iter()
        .find_map(|n| n.draft.content.chief_complaint.clone());
    if let Some(text) = complaint {
        para(&mut c, "Presenting complaint", &text);
    }
    let mut diagnoses: Vec<(String, String)> = Vec::new();
    for d in notes.iter().flat_map(|n| &n.draft.diagnoses) {
        if !diagnoses.iter().any(|(code, _)| *code == d.code) {
            diagnoses.push((d.code.clone(), d.title.clone()));
        }
    }
    let pattern = notes
        .iter()
        .rev()
        .find_map(|n| n.draft.content.tcm_pattern.clone());
    if !diagnoses.is_empty() || pattern.is_some() {
        c.heading("Diagnoses", Style::body().leading() * 2.0);
        for (code, title) in &diagnoses {
            c.paragraph(
                &[
                    span(format!("{code}  "), Style::body().bold()),
                    span(title.clone(), Style::body()),
                ],
                0.0,
                1.0,
            );
        }
        if let Some(p) = pattern {
            c.paragraph(
                &[
                    span("TCM pattern  ", Style::body().bold()),
                    span(p, Style::body()),
                ],
                0.0,
                1.0,
            );
        }
        c.y += 3.0;
    }

    let trend: Vec<TrendPoint> = notes
        .iter()
        .map(|n| TrendPoint {
            label: date_of(n).map_or(n.visit_date.clone(), |d| d.format("%-d %b").to_string()),
            pain_now: n.draft.content.pain_now,
            pain_worst: n.draft.content.pain_worst,
        })
        .collect();
    let scored: Vec<u8> = notes
        .iter()
        .filter_map(|n| n.draft.content.pain_now)
        .collect();
    if req.include_pain_chart && !scored.is_empty() {
        c.heading("Pain over the course of care", 170.0);
        if let (Some(a), Some(b)) = (scored.first(), scored.last()) {
            let text = if scored.len() > 1 {
                format!("Pain was {a}/10 at the first scored visit and {b}/10 at the latest.")
            } else {
                format!("Pain was {a}/10.")
            };
            c.paragraph(&[span(text, Style::body())], 0.0, 4.0);
        }
        pain_chart(&mut c, &trend, 160.0);
    }

    if req.include_outcomes {
        outcomes(&mut c, notes);
    }

    c.heading("Visits", 60.0);
    let body = Style::body().size(8.8);
    let rows: Vec<Vec<Vec<Span>>> = notes
        .iter()
        .map(|n| {
            let date = date_of(n).map_or(n.visit_date.clone(), |d| short_date(fmt, d));
            let pain = n
                .draft
                .content
                .pain_now
                .map_or("—".to_owned(), |p| format!("{p}/10"));
            let mut points: Vec<Span> = Vec::new();
            for (i, p) in n.draft.points.iter().enumerate() {
                if i > 0 {
                    points.push(span("\n", body));
                }
                points.extend(point_spans(p, body));
            }
            if points.is_empty() {
                points.push(span("No points", body.colour(MUTED)));
            }
            let mut row = vec![vec![span(date, body)], vec![span(pain, body)]];
            if req.include_points {
                row.push(points);
            }
            if req.include_modalities {
                let m = modalities(n);
                row.push(vec![span(
                    if m.is_empty() {
                        "—".to_owned()
                    } else {
                        m.join("\n")
                    },
                    body,
                )]);
            }
            row
        })
        .collect();
    let mut columns = vec![
        col("Date", 0.15, Align::Left),
        col("Pain", 0.08, Align::Left),
    ];
    if req.include_points {
        columns.push(col(
            "Points (code, pinyin, characters, English, side)",
            0.53,
            Align::Left,
        ));
    }
    if req.include_modalities {
        let share = if req.include_points { 0.24 } else { 0.77 };
        columns.push(col("Other treatment", share, Align::Left));
    }
    table(&mut c, &columns, &rows);

    if req.include_home_advice {
        let mut advice: Vec<String> = Vec::new();
        for a in notes
            .iter()
            .rev()
            .filter_map(|n| n.draft.content.home_advice.clone())
        {
            if !advice.contains(&a) {
                advice.push(a);
            }
        }
        if !advice.is_empty() {
            c.heading("Home advice", Style::body().leading() * 2.0);
            for a in advice.iter().take(3) {
                c.paragraph(&[span(format!("•  {a}"), Style::body())], 0.0, 2.0);
            }
        }
    }
    let next = req
        .next_steps
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            notes
                .iter()
                .rev()
                .find_map(|n| n.draft.content.plan.clone())
        });
    if let Some(next) = next {
        para(&mut c, "Next steps", &next);
    }
    let addenda: Vec<_> = notes
        .iter()
        .flat_map(|n| n.addenda.iter().map(move |a| (n, a)))
        .collect();
    if !addenda.is_empty() {
        c.heading("Addenda", Style::body().leading() * 2.0);
        for (n, a) in addenda {
            let when = date_of(n).map_or(n.visit_date.clone(), |d| short_date(fmt, d));
            c.paragraph(
                &[
                    span(
                        format!(
                            "Visit of {when} — {}, {}: ",
                            a.author,
                            &a.created_at[..10.min(a.created_at.len())]
                        ),
                        Style::body().bold(),
                    ),
                    span(a.body.clone(), Style::body()),
                ],
                0.0,
                3.0,
            );
        }
    }
    signature(&mut c, &practitioner.name, &practitioner.lines(), &issued);
    for handout in handouts {
        super::handouts::render(&mut c, handout);
    }
    Ok(c.finish(&format!("Treatment summary — {}", patient.name), &issued))
}

/// Patient-Specific Functional Scale: each activity's first and latest score.
fn outcomes(c: &mut Canvas, notes: &[VisitNote]) {
    let mut items: Vec<(String, u8, u8)> = Vec::new();
    for item in notes.iter().flat_map(|n| &n.draft.psfs) {
        match items.iter_mut().find(|(a, _, _)| *a == item.activity) {
            Some(row) => row.2 = item.score,
            None => items.push((item.activity.clone(), item.score, item.score)),
        }
    }
    if items.is_empty() {
        return;
    }
    c.heading(
        "Function (Patient-Specific Functional Scale, 0 = unable, 10 = as before)",
        60.0,
    );
    let body = Style::body();
    let rows: Vec<Vec<Vec<Span>>> = items
        .into_iter()
        .map(|(activity, first, last)| {
            let change = i16::from(last) - i16::from(first);
            vec![
                vec![span(activity, body)],
                vec![span(first.to_string(), body)],
                vec![span(last.to_string(), body)],
                vec![span(format!("{change:+}"), body.bold())],
            ]
        })
        .collect();
    table(
        c,
        &[
            col("Activity", 0.55, Align::Left),
            col("First", 0.15, Align::Right),
            col("Latest", 0.15, Align::Right),
            col("Change", 0.15, Align::Right),
        ],
        &rows,
    );
}
