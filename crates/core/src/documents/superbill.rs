//! The superbill / receipt for one date of service: ICD-10 codes from the signed notes, CPT
//! 97810-97814 units derived from their face-to-face minutes and electrical stimulation (see
//! [`super::cpt`]), the fee of each visit's appointment type, totals and payment.

use chrono::NaiveDate;

use super::canvas::{span, RunningText, Span, Style, MUTED};
use super::cpt::{estim_increments, session_lines, units, CptLine};
use super::layout::{col, details, letterhead, table, Align, Letterhead};
use super::service::{practitioner_head, signed_notes, Context, PatientHead, PractitionerHead};
use super::{human_date, money, SuperbillRequest};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::sql_params;
use crate::visits::VisitNote;

pub(crate) struct Session {
    pub note: VisitNote,
    pub type_name: Option<String>,
    pub fee_cents: Option<i64>,
    pub lines: Vec<CptLine>,
}

pub(crate) struct Bill {
    pub date: NaiveDate,
    pub provider: PractitionerHead,
    pub diagnoses: Vec<(String, String)>,
    pub sessions: Vec<Session>,
}

impl Bill {
    pub fn total_cents(&self) -> i64 {
        self.sessions.iter().filter_map(|s| s.fee_cents).sum()
    }
}

/// Whether a note's treatment used electrical stimulation and, when every stimulated point
/// records it, for how long (the longest).
fn estim(note: &VisitNote) -> (bool, Option<u32>) {
    let stimulated: Vec<_> = note
        .draft
        .points
        .iter()
        .filter(|p| p.uses_electro())
        .collect();
    if stimulated.is_empty() {
        return (false, None);
    }
    let minutes: Option<Vec<u32>> = stimulated
        .iter()
        .map(|p| p.electro_minutes.map(u32::from))
        .collect();
    (true, minutes.and_then(|m| m.into_iter().max()))
}

pub(crate) fn gather(db: &Db<'_>, patient: &PatientHead, date: NaiveDate) -> Result<Bill> {
    let notes = signed_notes(db, patient.id, Some(date), Some(date))?;
    let Some(first) = notes.first() else {
        return Err(Error::invalid(
            "date",
            format!(
                "{} has no signed visit note on {date}; a superbill's codes come from the signed chart. Sign the note first, or choose another date.",
                patient.name
            ),
        ));
    };
    let provider = practitioner_head(db, first.practitioner_id)?;
    let mut diagnoses: Vec<(String, String)> = Vec::new();
    let mut sessions = Vec::new();
    let mut initial_billed = false;
    for note in notes {
        for d in &note.draft.diagnoses {
            if !diagnoses.iter().any(|(c, _)| *c == d.code) {
                diagnoses.push((d.code.clone(), d.title.clone()));
            }
        }
        let (type_name, fee_cents) = match note.appointment_id {
            Some(a) => match db.query_opt(
                "SELECT t.name, t.fee_cents FROM appointments a
                 JOIN appointment_types t ON t.id = a.type_id WHERE a.id = ?1",
                sql_params![a],
            )? {
                Some(r) => (
                    Some(r.get::<String>("name")?),
                    r.get::<Option<i64>>("fee_cents")?,
                ),
                None => (None, None),
            },
            None => (None, None),
        };
        let n = units(note.draft.content.face_to_face_minutes.map_or(0, u32::from));
        let (used, minutes) = estim(&note);
        let lines = session_lines(&estim_increments(n, used, minutes), &mut initial_billed);
        sessions.push(Session {
            note,
            type_name,
            fee_cents,
            lines,
        });
    }
    Ok(Bill {
        date,
        provider,
        diagnoses,
        sessions,
    })
}

fn pointer(i: usize) -> String {
    char::from(b'A' + (i % 26) as u8).to_string()
}

pub(crate) fn render(
    ctx: &Context,
    patient: &PatientHead,
    bill: &Bill,
    req: &SuperbillRequest,
) -> Result<(Vec<u8>, u32)> {
    let fmt = ctx.date_format;
    let sym = ctx.settings.currency_symbol.as_str();
    let mut c = super::canvas::Canvas::new(
        ctx.settings.paper_size,
        RunningText {
            header: format!("Superbill — {} — {}", patient.name, bill.date),
            footer_left: ctx.clinic_name.clone(),
        },
    )?;
    let issued = human_date(fmt, ctx.today);
    let mut identifiers = Vec::new();
    if let Some(t) = &ctx.settings.tax_id {
        identifiers.push(format!("Tax ID {t}"));
    }
    if let Some(n) = &ctx.settings.npi {
        identifiers.push(format!("Group NPI {n}"));
    }
    letterhead(
        &mut c,
        &Letterhead {
            clinic_name: &ctx.clinic_name,
            settings: &ctx.settings,
            logo: ctx.logo_png.as_deref(),
            identifiers,
        },
        "Superbill / Receipt",
        &format!("Issued {issued}"),
    )?;
    let provider_ids = [
        bill.provider
            .licence
            .as_ref()
            .map(|l| format!("Licence {l}")),
        bill.provider.npi.as_ref().map(|n| format!("NPI {n}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    details(
        &mut c,
        &[
            ("Patient", patient.name.clone()),
            ("Date of service", human_date(fmt, bill.date)),
            (
                "Date of birth",
                patient
                    .date_of_birth
                    .map_or("—".into(), |d| human_date(fmt, d)),
            ),
            ("Provider", bill.provider.name.clone()),
            ("Chart no.", patient.chart_number.to_string()),
            (
                "Provider IDs",
                if provider_ids.is_empty() {
                    "—".into()
                } else {
                    provider_ids
                },
            ),
        ],
    );
    let body = Style::body();
    c.heading("Diagnoses (ICD-10-CM)", 40.0);
    if bill.diagnoses.is_empty() {
        c.paragraph(
            &[span(
                "No diagnosis was charted for this date.",
                body.colour(MUTED),
            )],
            0.0,
            4.0,
        );
    } else {
        let rows: Vec<Vec<Vec<Span>>> = bill
            .diagnoses
            .iter()
            .enumerate()
            .map(|(i, (code, title))| {
                vec![
                    vec![span(pointer(i), body.bold())],
                    vec![span(code.clone(), body.bold())],
                    vec![span(title.clone(), body)],
                ]
            })
            .collect();
        table(
            &mut c,
            &[
                col("Ptr", 0.08, Align::Left),
                col("Code", 0.14, Align::Left),
                col("Description", 0.78, Align::Left),
            ],
            &rows,
        );
    }
    let all_pointers = (0..bill.diagnoses.len().min(4))
        .map(pointer)
        .collect::<Vec<_>>()
        .join(",");
    c.heading("Services", 60.0);
    let mut rows: Vec<Vec<Vec<Span>>> = Vec::new();
    for s in &bill.sessions {
        let minutes = s.note.draft.content.face_to_face_minutes;
        for line in &s.lines {
            rows.push(vec![
                vec![span(line.code.code(), body.bold())],
                vec![span(line.code.description(), body)],
                vec![span(all_pointers.clone(), body)],
                vec![span(line.units.to_string(), body)],
                vec![span("", body)],
            ]);
        }
        if s.lines.is_empty() {
            let why = match minutes {
                Some(m) => format!("No acupuncture units: {m} face-to-face minutes charted (a unit is 15 minutes)."),
                None => "No acupuncture units: no face-to-face minutes were charted.".to_owned(),
            };
            rows.push(vec![
                vec![span("—", body)],
                vec![span(why, body.colour(MUTED))],
                vec![span("", body)],
                vec![span("0", body)],
                vec![span("", body)],
            ]);
        }
        let visit = match (&s.type_name, minutes) {
            (Some(t), Some(m)) => format!("Visit fee — {t} ({m} min face-to-face)"),
            (Some(t), None) => format!("Visit fee — {t}"),
            (None, Some(m)) => {
                format!("Visit ({m} min face-to-face); no appointment, no fee on record")
            }
            (None, None) => "Visit; no appointment, no fee on record".to_owned(),
        };
        rows.push(vec![
            vec![span("", body)],
            vec![span(visit, body.colour(MUTED))],
            vec![span("", body)],
            vec![span("", body)],
            vec![span(
                s.fee_cents.map_or("—".to_owned(), |f| money(sym, f)),
                body,
            )],
        ]);
    }
    table(
        &mut c,
        &[
            col("CPT", 0.11, Align::Left),
            col("Description", 0.53, Align::Left),
            col("Dx", 0.11, Align::Left),
            col("Units", 0.09, Align::Right),
            col("Charge", 0.16, Align::Right),
        ],
        &rows,
    );
    let total = bill.total_cents();
    let paid = req.amount_paid_cents.unwrap_or(0);
    let method = req
        .payment_method
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map_or(String::new(), |m| format!(" ({m})"));
    let totals = [
        ("Total charges".to_owned(), money(sym, total), true),
        (format!("Amount paid{method}"), money(sym, paid), false),
        ("Balance due".to_owned(), money(sym, total - paid), true),
    ];
    c.ensure(70.0);
    let x_label = c.right - 220.0;
    for (label, amount, strong) in totals {
        let style = if strong { body.bold() } else { body };
        let y = c.y + body.size;
        c.text(x_label, y, &label, style);
        let right = c.right - 4.0;
        c.text_right(right, y, &amount, style);
        c.y += body.leading() + 3.0;
    }
    c.y += 10.0;
    c.paragraph(
        &[span(
            "CPT units: 15-minute increments of face-to-face contact charted in the signed note; 97813/97814 for increments with electrical stimulation, 97810/97811 without; one initial code per day. CPT descriptors © American Medical Association.",
            Style::small(),
        )],
        0.0,
        4.0,
    );
    Ok(c.finish(
        &format!("Superbill — {} — {}", patient.name, bill.date),
        &issued,
    ))
}
