//! The reception's day sheet: the day's appointments by practitioner, with times, names,
//! phones, types and rooms. No clinical content.

use chrono::NaiveDate;

use super::canvas::{span, Canvas, RunningText, Span, Style, MUTED};
use super::human_date;
use super::layout::{col, letterhead, table, Align, Letterhead};
use super::service::Context;
use crate::error::Result;
use crate::schedule::DaySheet;

pub(crate) fn render(ctx: &Context, sheet: &DaySheet, day: NaiveDate) -> Result<(Vec<u8>, u32)> {
    let fmt = ctx.date_format;
    let when = format!("{}, {}", day.format("%A"), human_date(fmt, day));
    let mut c = Canvas::new(
        ctx.settings.paper_size,
        RunningText {
            header: format!("Day sheet — {when}"),
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
        "Day sheet",
        &when,
    )?;
    let count: usize = sheet.columns.iter().map(|col| col.rows.len()).sum();
    c.paragraph(
        &[span(
            format!(
                "{count} appointment{} · {} practitioner{} · times in {}",
                if count == 1 { "" } else { "s" },
                sheet.columns.len(),
                if sheet.columns.len() == 1 { "" } else { "s" },
                sheet.time_zone
            ),
            Style::body().colour(MUTED),
        )],
        0.0,
        4.0,
    );
    if sheet.columns.is_empty() {
        c.paragraph(
            &[span(
                "No appointments are booked for this day.",
                Style::body(),
            )],
            0.0,
            0.0,
        );
    }
    let body = Style::body().size(8.8);
    for column in &sheet.columns {
        c.heading(
            &format!(
                "{} — {} appointment{}",
                column.practitioner_name,
                column.rows.len(),
                if column.rows.len() == 1 { "" } else { "s" }
            ),
            50.0,
        );
        if column.rows.is_empty() {
            c.paragraph(&[span("Nothing booked.", body.colour(MUTED))], 0.0, 4.0);
            continue;
        }
        let rows: Vec<Vec<Vec<Span>>> = column
            .rows
            .iter()
            .map(|r| {
                let mut who = vec![
                    span(r.patient_name.clone(), body.bold()),
                    span(format!("  #{}", r.chart_number), body.colour(MUTED)),
                ];
                if let Some(note) = &r.front_desk_note {
                    who.push(span(format!("\n{note}"), body.colour(MUTED)));
                }
                vec![
                    vec![span(format!("{}–{}", r.start, r.end), body)],
                    who,
                    vec![span(r.phone.clone().unwrap_or_default(), body)],
                    vec![span(r.type_name.clone(), body)],
                    vec![span(r.room_name.clone().unwrap_or_default(), body)],
                    vec![span(r.status.as_str().replace('_', " "), body)],
                    vec![span("", body)],
                ]
            })
            .collect();
        table(
            &mut c,
            &[
                col("Time", 0.12, Align::Left),
                col("Patient", 0.3, Align::Left),
                col("Phone", 0.15, Align::Left),
                col("Type", 0.17, Align::Left),
                col("Room", 0.1, Align::Left),
                col("Status", 0.11, Align::Left),
                col("In", 0.05, Align::Left),
            ],
            &rows,
        );
    }
    Ok(c.finish(&format!("Day sheet — {when}"), &issued))
}
