//! Condition handouts appended to the treatment summary, and the clinic's logo on the
//! letterhead, on a real clinic (SQLCipher and PostgreSQL) read back with poppler
//! (`pdftotext`, `pdfimages`).

mod common;
mod documents_support;
mod schedule_support;

use std::process::Command;

use acuchart_core::documents::{DocumentSettings, HandoutInput, SummaryRequest};
use acuchart_core::ErrorCode;
use documents_support::*;
use schedule_support::Res;

fn png(width: u32, height: u32) -> Res<Vec<u8>> {
    // A teal disc on a transparent square: the corners must print white.
    let img = image::RgbaImage::from_fn(width, height, |x, y| {
        let (dx, dy) = (
            x as f32 - width as f32 / 2.0,
            y as f32 - height as f32 / 2.0,
        );
        if dx * dx + dy * dy < (height as f32 / 2.2).powi(2) {
            image::Rgba([30, 110, 120, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = Vec::new();
    image::DynamicImage::ImageRgba8(img)
        .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)?;
    Ok(out)
}

/// The images `pdfimages -list` finds: (page, width, height).
fn pdf_images(pdf: &std::path::Path) -> Res<Vec<(u32, u32, u32)>> {
    let out = Command::new("pdfimages").arg("-list").arg(pdf).output()?;
    let text = String::from_utf8(out.stdout)?;
    Ok(text
        .lines()
        .skip(2)
        .filter_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            Some((
                w.first()?.parse().ok()?,
                w.get(3)?.parse().ok()?,
                w.get(4)?.parse().ok()?,
            ))
        })
        .collect())
}

schedule_test!(
    handouts_follow_the_summary_on_their_own_pages_under_the_clinic_logo,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Priya", 3)?;
        let c = &s.fx.clinic;
        c.update_document_settings(
            &s.fx.admin,
            &DocumentSettings {
                address: Some("120 Harbour Street, Suite 4\nToronto ON M5J 2L2".into()),
                phone: Some("416-555-0100".into()),
                currency_symbol: "$".into(),
                ..Default::default()
            },
        )?;
        let logo = c.set_clinic_logo(&s.fx.admin, &png(900, 600)?)?;
        assert_eq!((logo.width, logo.height), (360, 240), "fitted to 720 × 240");

        let listed = c.list_handouts(&s.fx.admin, false)?;
        let titles: Vec<&str> = listed.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Acupuncture for low back pain", "Acupuncture for sciatica"]
        );
        let ids: Vec<_> = listed.iter().rev().map(|h| h.id).collect();
        let plain = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                ..Default::default()
            },
        )?;
        let made = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                handouts: ids,
                ..Default::default()
            },
        )?;
        assert_eq!(
            made.info.pages,
            plain.info.pages + 2,
            "each handout starts a page of its own"
        );
        let path = s.fx.dir.path().join("with-handouts.pdf");
        std::fs::write(&path, &made.pdf)?;
        let text = flat(&pdftotext(&path)?);
        let sciatica = text
            .find("Acupuncture for sciatica")
            .ok_or("the sciatica handout is printed")?;
        let back = text
            .find("Acupuncture for low back pain")
            .ok_or("the back pain handout is printed")?;
        assert!(sciatica < back, "handouts follow the order chosen");
        assert!(
            text.contains("Information for patients · Sciatica"),
            "{text}"
        );
        assert!(text.contains("When to seek help at once"), "{text}");
        assert!(
            text.contains("Keep moving: short, frequent walks help more than bed rest."),
            "{text}"
        );
        assert!(text.contains(&format!("Page {0} of {0}", made.info.pages)));
        let images = pdf_images(&path)?;
        assert!(
            images
                .iter()
                .any(|(page, w, h)| *page == 1 && (*w, *h) == (360, 240)),
            "the logo is on the first page: {images:?}"
        );
        let dir = std::env::temp_dir().join("acuchart-documents");
        std::fs::create_dir_all(&dir)?;
        assert!(!render_pngs(&path, &dir, "handouts")?.is_empty());
        Ok(())
    }
);

schedule_test!(
    handouts_are_edited_archived_and_refused_with_clear_messages,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Tomas", 2)?;
        let c = &s.fx.clinic;
        let mine = c.save_handout(
            &s.kai_actor,
            &HandoutInput {
                title: "Acupuncture for neck pain".into(),
                condition: Some("Neck pain".into()),
                body: "# Home care\n- Turn your head gently side to side every hour.".into(),
                ..Default::default()
            },
        )?;
        assert_eq!(mine.updated_by.as_deref(), Some("kai (test)"));

        let taken = c
            .save_handout(
                &s.fx.admin,
                &HandoutInput {
                    title: "acupuncture for SCIATICA".into(),
                    body: "Another text".into(),
                    ..Default::default()
                },
            )
            .err()
            .ok_or("a second handout took the same title")?;
        assert_eq!(taken.code(), ErrorCode::InvalidInput);
        assert!(taken.to_string().contains("already a handout"), "{taken}");

        let edited = c.save_handout(
            &s.fx.admin,
            &HandoutInput {
                id: Some(mine.id),
                title: mine.title.clone(),
                condition: mine.condition.clone(),
                body: "# Home care\n- Use a warm towel across the shoulders.".into(),
                archived: false,
            },
        )?;
        let made = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                handouts: vec![edited.id],
                ..Default::default()
            },
        )?;
        let path = s.fx.dir.path().join("neck.pdf");
        std::fs::write(&path, &made.pdf)?;
        let text = flat(&pdftotext(&path)?);
        assert!(
            text.contains("Use a warm towel across the shoulders."),
            "{text}"
        );
        assert!(
            !text.contains("Turn your head"),
            "the old text is gone: {text}"
        );

        let archived = c.save_handout(
            &s.fx.admin,
            &HandoutInput {
                id: Some(mine.id),
                title: mine.title.clone(),
                condition: mine.condition.clone(),
                body: edited.body.clone(),
                archived: true,
            },
        )?;
        assert!(archived.archived);
        assert!(!c
            .list_handouts(&s.fx.admin, false)?
            .iter()
            .any(|h| h.id == mine.id));
        assert!(c
            .list_handouts(&s.fx.admin, true)?
            .iter()
            .any(|h| h.id == mine.id));
        let before = c.patient_documents(&s.fx.admin, course.patient)?.len();
        let refused = c
            .generate_treatment_summary(
                &s.fx.admin,
                &SummaryRequest {
                    patient_id: course.patient,
                    handouts: vec![mine.id],
                    ..Default::default()
                },
            )
            .err()
            .ok_or("an archived handout was printed")?;
        assert_eq!(refused.code(), ErrorCode::InvalidInput);
        assert!(refused.to_string().contains("archived"), "{refused}");
        assert_eq!(
            c.patient_documents(&s.fx.admin, course.patient)?.len(),
            before,
            "nothing was recorded"
        );

        let desk = c
            .list_handouts(&s.desk, false)
            .err()
            .ok_or("the desk read handouts")?;
        assert_eq!(desk.code(), ErrorCode::PermissionDenied);
        Ok(())
    }
);

schedule_test!(
    a_file_that_is_not_an_image_leaves_the_logo_as_it_was,
    "America/Toronto",
    |s| {
        let c = &s.fx.clinic;
        let logo = c.set_clinic_logo(&s.fx.admin, &png(200, 80)?)?;
        let refused = c
            .set_clinic_logo(&s.fx.admin, b"%PDF-1.7 this is not a picture")
            .err()
            .ok_or("a PDF was taken as a logo")?;
        assert_eq!(refused.code(), ErrorCode::InvalidInput);
        assert!(refused.to_string().contains("PNG or JPEG"), "{refused}");
        assert_eq!(c.clinic_logo(&s.fx.admin)?, Some(logo));
        let denied = c
            .set_clinic_logo(&s.kai_actor, &png(200, 80)?)
            .err()
            .ok_or("a practitioner changed the logo")?;
        assert_eq!(denied.code(), ErrorCode::PermissionDenied);
        c.remove_clinic_logo(&s.fx.admin)?;
        assert_eq!(c.clinic_logo(&s.fx.admin)?, None);
        Ok(())
    }
);
