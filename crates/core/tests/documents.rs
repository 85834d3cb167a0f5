//! Printable documents from a real SQLCipher clinic, read back with poppler: the treatment
//! summary, the visit note, the superbill and the day sheet; embedded subset fonts; signed
//! notes only; the receptionist's limits; every generation recorded and audited.

mod common;
mod documents_support;
mod schedule_support;

use std::path::PathBuf;

use acuchart_core::documents::{DocumentKind, SummaryRequest, SuperbillRequest};
use acuchart_core::points::resolve_code;
use acuchart_core::ErrorCode;
use documents_support::*;
use schedule_support::{clinic, Res};

/// Where PNGs of the pages are written for a person to look at (kept after the test).
fn look_dir() -> Res<PathBuf> {
    let dir = std::env::temp_dir().join("acuchart-documents");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

#[test]
fn the_treatment_summary_names_every_point_in_full_and_numbers_its_pages() -> Res<()> {
    let s = clinic("America/Toronto")?;
    let course = sciatica_course(&s, "Zofia", 12)?;
    let c = &s.fx.clinic;
    let made = c.generate_treatment_summary(
        &s.fx.admin,
        &SummaryRequest {
            patient_id: course.patient,
            ..Default::default()
        },
    )?;
    let path = s.fx.dir.path().join("summary.pdf");
    std::fs::write(&path, &made.pdf)?;
    let text = pdftotext(&path)?;
    let flat = flat(&text);
    assert!(flat.contains("Zofia Kowalczyk-Łęcka"), "{flat}");
    assert!(flat.contains("23 September 1971"), "date of birth: {flat}");
    assert!(flat.contains("Harbour Acupuncture"));
    assert!(flat.contains("M54.32"));
    for (code, _) in SCIATICA_POINTS {
        let p = resolve_code(code)?;
        let full = format!("{} {} {} {}", p.code, p.pinyin, p.hanzi, p.english);
        assert!(flat.contains(&full), "missing {full:?} in {flat}");
    }
    let pages = made.info.pages;
    assert!(pages >= 2, "12 visits take more than one page");
    for n in 1..=pages {
        assert!(flat.contains(&format!("Page {n} of {pages}")), "page {n}");
    }
    assert_eq!(made.info.kind, DocumentKind::Summary);
    let fonts = pdffonts(&path)?;
    assert!(fonts.len() >= 2, "{fonts:?}");
    for (name, emb, sub) in &fonts {
        assert!(*emb && *sub, "{name} is not an embedded subset: {fonts:?}");
    }
    render_pngs(&path, &look_dir()?, "summary")?;
    Ok(())
}

#[test]
fn only_signed_notes_reach_a_summary_and_a_draft_cannot_be_printed() -> Res<()> {
    let s = clinic("America/Toronto")?;
    let course = sciatica_course(&s, "Ada", 2)?;
    let c = &s.fx.clinic;
    let draft = c.start_visit_note(
        &s.fx.admin,
        &acuchart_core::visits::StartNote {
            patient_id: course.patient,
            appointment_id: None,
            visit_date: Some("2026-11-30".into()),
        },
    )?;
    let mut d = acuchart_core::visits::NoteDraft::default();
    d.content.chief_complaint = Some("Draft-only-complaint".into());
    c.save_visit_note(&s.fx.admin, draft.id, draft.revision, &d)?;
    let made = c.generate_treatment_summary(
        &s.fx.admin,
        &SummaryRequest {
            patient_id: course.patient,
            ..Default::default()
        },
    )?;
    let path = s.fx.dir.path().join("s.pdf");
    std::fs::write(&path, &made.pdf)?;
    let text = flat(&pdftotext(&path)?);
    assert!(!text.contains("Draft-only-complaint"));
    assert!(text.contains("VISITS 2"), "{text}");
    let err = c
        .generate_visit_note_pdf(&s.fx.admin, draft.id)
        .err()
        .ok_or("draft printed")?;
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    assert!(err.to_string().contains("sign it"), "{err}");
    Ok(())
}

#[test]
fn the_front_desk_prints_superbills_and_day_sheets_but_not_summaries_or_notes() -> Res<()> {
    let s = clinic("America/Toronto")?;
    let course = sciatica_course(&s, "Ben", 2)?;
    let c = &s.fx.clinic;
    let refused = c
        .generate_treatment_summary(
            &s.desk,
            &SummaryRequest {
                patient_id: course.patient,
                ..Default::default()
            },
        )
        .err()
        .ok_or("summary allowed")?;
    assert_eq!(refused.code(), ErrorCode::PermissionDenied);
    let refused = c
        .generate_visit_note_pdf(&s.desk, course.notes[0])
        .err()
        .ok_or("note allowed")?;
    assert_eq!(refused.code(), ErrorCode::PermissionDenied);
    let bill = c.generate_superbill(
        &s.desk,
        &SuperbillRequest {
            patient_id: course.patient,
            date: course.dates[0].clone(),
            amount_paid_cents: Some(5000),
            payment_method: Some("Card".into()),
        },
    )?;
    let sheet = c.generate_day_sheet(&s.desk, &course.dates[0])?;
    // The desk lists the patient's documents but cannot open a clinical one.
    let summary = c.generate_treatment_summary(
        &s.fx.admin,
        &SummaryRequest {
            patient_id: course.patient,
            ..Default::default()
        },
    )?;
    let listed = c.patient_documents(&s.desk, course.patient)?;
    assert_eq!(
        listed.iter().map(|d| d.kind).collect::<Vec<_>>(),
        [DocumentKind::Summary, DocumentKind::Superbill]
    );
    assert_eq!(listed[1].created_by, "desk (test)");
    let refused = c
        .document_pdf(&s.desk, summary.info.id)
        .err()
        .ok_or("opened")?;
    assert_eq!(refused.code(), ErrorCode::PermissionDenied);
    let (_, pdf) = c.document_pdf(&s.desk, bill.info.id)?;
    assert_eq!(pdf, bill.pdf);
    assert!(sheet.info.patient_id.is_none());
    Ok(())
}
