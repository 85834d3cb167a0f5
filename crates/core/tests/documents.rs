//! Printable documents from a real clinic, on SQLCipher and on PostgreSQL, read back with
//! poppler: the treatment summary, the visit note, the superbill and the day sheet; embedded
//! subset fonts; signed notes only; the receptionist's limits; every generation recorded and
//! audited.

mod common;
mod documents_support;
mod schedule_support;

use std::path::PathBuf;

use acuchart_core::documents::{DocumentKind, SummaryRequest, SuperbillRequest};
use acuchart_core::points::resolve_code;
use acuchart_core::ErrorCode;
use documents_support::*;
use schedule_support::Res;

/// Where PNGs of the pages are written for a person to look at (kept after the test).
fn look_dir() -> Res<PathBuf> {
    let dir = std::env::temp_dir().join("acuchart-documents");
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

schedule_test!(
    the_treatment_summary_names_every_point_in_full_and_numbers_its_pages,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Zofia", 12)?;
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
        assert!(!flat.contains('?'), "a glyph is missing: {flat}");
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
        // The properties carry when it was made (not 1 January 1970) and a title the patient
        // expects to see: what it is and whose.
        let info = pdfinfo(&path)?;
        let prop = |key: &str| {
            info.iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let year = chrono::Utc::now().format("%Y").to_string();
        assert!(prop("CreationDate").starts_with(&year), "{info:?}");
        assert!(prop("ModDate").starts_with(&year), "{info:?}");
        assert_eq!(prop("Title"), "Treatment summary — Zofia Kowalczyk-Łęcka");
        render_pngs(&path, &look_dir()?, "summary")?;
        Ok(())
    }
);

schedule_test!(
    only_signed_notes_reach_a_summary_and_a_draft_cannot_be_printed,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Ada", 2)?;
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
);

schedule_test!(
    the_front_desk_prints_superbills_and_day_sheets_but_not_summaries_or_notes,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Ben", 2)?;
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
);

fn letterhead(s: &schedule_support::Clinic) -> Res<()> {
    s.fx.clinic.update_document_settings(
        &s.fx.admin,
        &acuchart_core::documents::DocumentSettings {
            address: Some("120 Harbour Street, Suite 4\nToronto ON M5J 2L2".into()),
            phone: Some("416-555-0100".into()),
            email: Some("desk@harbour-acu.example".into()),
            tax_id: Some("12-3456789".into()),
            npi: Some("1234567893".into()),
            paper_size: acuchart_core::documents::PaperSize::Letter,
            currency_symbol: "$".into(),
        },
    )?;
    Ok(())
}

schedule_test!(
    the_superbill_derives_cpt_units_from_the_chart_with_one_initial_code_per_day,
    "America/Toronto",
    |s| {
        letterhead(s)?;
        let course = sciatica_course(s, "Chen", 2)?;
        let c = &s.fx.clinic;
        // Visit 1: 30 face-to-face minutes, no e-stim -> 97810 + 97811.
        let first = c.generate_superbill(
            &s.desk,
            &SuperbillRequest {
                patient_id: course.patient,
                date: course.dates[0].clone(),
                amount_paid_cents: Some(5000),
                payment_method: Some("Card".into()),
            },
        )?;
        let path = s.fx.dir.path().join("bill1.pdf");
        std::fs::write(&path, &first.pdf)?;
        let text = flat(&pdftotext(&path)?);
        assert!(text.contains("Chen Kowalczyk-Łęcka"));
        assert!(text.contains("M54.32 Sciatica, left side"), "{text}");
        assert!(
            text.contains("97810 Acupuncture, without electrical stimulation, initial 15 min A 1"),
            "{text}"
        );
        assert!(
            text.contains(
                "97811 Acupuncture, without electrical stimulation, each add'l 15 min A 1"
            ),
            "{text}"
        );
        assert!(
            !text.contains("97813 Acupuncture") && !text.contains("97814 Acupuncture"),
            "{text}"
        );
        assert!(text.contains("Total charges $90.00"), "{text}");
        assert!(text.contains("Amount paid (Card) $50.00"), "{text}");
        assert!(text.contains("Balance due $40.00"), "{text}");
        assert!(
            text.contains("Tax ID 12-3456789") && text.contains("Group NPI 1234567893"),
            "{text}"
        );
        assert!(text.contains("Page 1 of 1"));
        // Visit 2: 37 minutes with 15 minutes of e-stim at the end -> 97810 + 97814.
        let second = c.generate_superbill(
            &s.desk,
            &SuperbillRequest {
                patient_id: course.patient,
                date: course.dates[1].clone(),
                amount_paid_cents: None,
                payment_method: None,
            },
        )?;
        let path2 = s.fx.dir.path().join("bill2.pdf");
        std::fs::write(&path2, &second.pdf)?;
        let text2 = flat(&pdftotext(&path2)?);
        assert!(
            text2.contains("97810 Acupuncture, without electrical stimulation, initial 15 min A 1"),
            "{text2}"
        );
        assert!(
            text2.contains("97814 Acupuncture, with electrical stimulation, each add'l 15 min A 1"),
            "{text2}"
        );
        assert!(text2.contains("Balance due $90.00"), "{text2}");
        // A second session the same day (44 minutes, e-stim throughout) adds units but no
        // second initial code.
        let walk_in = c.start_visit_note(
            &s.fx.admin,
            &acuchart_core::visits::StartNote {
                patient_id: course.patient,
                appointment_id: None,
                visit_date: Some(course.dates[0].clone()),
            },
        )?;
        let mut d = acuchart_core::visits::NoteDraft::default();
        d.content.face_to_face_minutes = Some(44);
        d.content.chief_complaint = Some("Sciatica flare after gardening".into());
        d.points = vec![
            point(
                "BL40",
                acuchart_core::visits::Side::Left,
                Some(("BL57", 44)),
            ),
            point(
                "BL57",
                acuchart_core::visits::Side::Left,
                Some(("BL40", 44)),
            ),
        ];
        d.content.needles_inserted = Some(2);
        d.content.needles_removed = Some(2);
        let saved = c.save_visit_note(&s.fx.admin, walk_in.id, walk_in.revision, &d)?;
        c.sign_visit_note(&s.fx.admin, walk_in.id, saved.revision, None)?;
        let both = c.generate_superbill(
            &s.desk,
            &SuperbillRequest {
                patient_id: course.patient,
                date: course.dates[0].clone(),
                amount_paid_cents: None,
                payment_method: None,
            },
        )?;
        let path3 = s.fx.dir.path().join("bill3.pdf");
        std::fs::write(&path3, &both.pdf)?;
        let text3 = flat(&pdftotext(&path3)?);
        assert_eq!(text3.matches("97810 Acupuncture").count(), 1, "{text3}");
        assert!(!text3.contains("97813 Acupuncture"), "{text3}");
        let layout3 = pdftotext_layout(&path3)?;
        assert_eq!(
            cpt_line(&layout3, "97814").as_deref(),
            Some("97814 Acupuncture, with electrical stimulation, each add'l 15 min A 2"),
            "{layout3}"
        );
        render_pngs(&path, &look_dir()?, "superbill")?;
        render_pngs(&path3, &look_dir()?, "superbill-two-sessions")?;
        Ok(())
    }
);

schedule_test!(
    the_visit_note_pdf_carries_the_signed_note_and_its_addenda,
    "America/Toronto",
    |s| {
        letterhead(s)?;
        let course = sciatica_course(s, "Dara", 2)?;
        let c = &s.fx.clinic;
        c.add_addendum(
            &s.fx.admin,
            course.notes[1],
            "Patient phoned the next day: calf pain eased, no bruising.",
        )?;
        let made = c.generate_visit_note_pdf(&s.fx.admin, course.notes[1])?;
        let path = s.fx.dir.path().join("note.pdf");
        std::fs::write(&path, &made.pdf)?;
        let text = flat(&pdftotext(&path)?);
        assert!(text.contains("Dara Kowalczyk-Łęcka"));
        assert!(
            text.contains("BL40 Weizhong 委中 Middle of the Crook"),
            "{text}"
        );
        assert!(text.contains("electro to BL57, 2 Hz, 15 min"), "{text}");
        assert!(text.contains("calf pain eased, no bruising"), "{text}");
        assert!(
            text.contains("Electronically signed by Dr. Lin Mei"),
            "{text}"
        );
        assert!(text.contains("120 Harbour Street"), "{text}");
        render_pngs(&path, &look_dir()?, "note")?;
        Ok(())
    }
);

schedule_test!(
    the_day_sheet_lists_the_days_appointments_by_practitioner_without_clinical_content,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Eli", 1)?;
        let c = &s.fx.clinic;
        s.book(s.ben, s.kai, "2026-03-02T14:30")?;
        let made = c.generate_day_sheet(&s.desk, &course.dates[0])?;
        let path = s.fx.dir.path().join("day.pdf");
        std::fs::write(&path, &made.pdf)?;
        let text = flat(&pdftotext(&path)?);
        assert!(text.contains("Monday, 2 March 2026"), "{text}");
        assert!(text.contains("Eli Kowalczyk-Łęcka"), "{text}");
        assert!(text.contains("Ben Okafor"), "{text}");
        assert!(
            text.contains("10:00–10:45") && text.contains("14:30–15:15"),
            "{text}"
        );
        assert!(
            text.contains("Dr. Lin Mei") && text.contains("kai (test)"),
            "{text}"
        );
        assert!(!text.contains('?'), "a glyph is missing: {text}");
        assert!(
            !text.contains("buttock") && !text.contains("BL40"),
            "clinical content: {text}"
        );
        render_pngs(&path, &look_dir()?, "daysheet")?;
        Ok(())
    }
);

schedule_test!(
    sixty_visits_and_forty_points_flow_across_pages_without_losing_a_row,
    "America/Toronto",
    |s| {
        let course = course_from(
            s,
            "Maximiliana-Konstantina Wilhelmina",
            60,
            "2025-01-06T10:00",
        )?;
        let c = &s.fx.clinic;
        // One more visit with 40 points (a long cell that spans a page break).
        let codes: Vec<String> = acuchart_core::points::catalogue()?
            .iter()
            .filter(|p| p.channel == "BL")
            .take(40)
            .map(|p| p.code.clone())
            .collect();
        let note = c.start_visit_note(
            &s.fx.admin,
            &acuchart_core::visits::StartNote {
                patient_id: course.patient,
                appointment_id: None,
                visit_date: Some("2026-06-01".into()),
            },
        )?;
        let mut d = acuchart_core::visits::NoteDraft {
            points: codes
                .iter()
                .map(|code| point(code, acuchart_core::visits::Side::Bilateral, None))
                .collect(),
            ..Default::default()
        };
        d.content.needles_inserted = Some(80);
        d.content.needles_removed = Some(80);
        d.content.pain_now = Some(1);
        d.content.chief_complaint = Some("Review of the whole course".into());
        let saved = c.save_visit_note(&s.fx.admin, note.id, note.revision, &d)?;
        c.sign_visit_note(&s.fx.admin, note.id, saved.revision, None)?;
        let made = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                ..Default::default()
            },
        )?;
        let path = s.fx.dir.path().join("long.pdf");
        std::fs::write(&path, &made.pdf)?;
        let text = flat(&pdftotext(&path)?);
        assert!(text.contains("VISITS 61"), "{text}");
        for code in &codes {
            let p = resolve_code(code)?;
            assert!(
                text.contains(&format!("{} {} {}", p.code, p.pinyin, p.hanzi)),
                "{code} missing"
            );
        }
        for date in ["6 Jan 2025", "23 Feb 2026", "1 Jun 2026"] {
            assert!(text.contains(date), "{date} missing");
        }
        let pages = made.info.pages;
        assert!(pages >= 10, "{pages} pages");
        assert!(text.contains(&format!("Page {pages} of {pages}")));
        assert!(made.pdf.len() < 300 * 1024, "{} bytes", made.pdf.len());
        render_pngs(&path, &look_dir()?, "long")?;
        Ok(())
    }
);

schedule_test!(
    every_generation_is_recorded_with_who_and_audited,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Fay", 1)?;
        let c = &s.fx.clinic;
        let made = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                ..Default::default()
            },
        )?;
        let listed = c.patient_documents(&s.fx.admin, course.patient)?;
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, made.info.id);
        assert_eq!(listed[0].created_by, "Dr. Lin Mei");
        assert_eq!(listed[0].bytes as usize, made.pdf.len());
        let log = c.list_audit(
            &s.fx.admin,
            &acuchart_core::audit::AuditFilter {
                patient_id: Some(course.patient),
                ..Default::default()
            },
        )?;
        let json = serde_json::to_string(&log)?;
        assert!(json.contains("generate_document"), "{json}");
        assert!(json.contains("document:summary"), "{json}");
        Ok(())
    }
);
