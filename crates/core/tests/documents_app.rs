//! What the app's Documents tab adds to the core: the summary's section choices, and Save as…
//! (a stored document written to the path the native dialog returned, byte for byte, with the
//! same permission as opening it, and a clear message when the folder is missing).

mod common;
mod documents_support;
mod schedule_support;

use acuchart_core::documents::{document_file_name, SummaryRequest, SuperbillRequest};
use acuchart_core::files::Overwrite;
use acuchart_core::ErrorCode;
use documents_support::*;
use schedule_support::Res;

schedule_test!(
    a_saved_document_is_the_stored_pdf_and_the_desk_saves_only_billing_documents,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Ines", 2)?;
        let c = &s.fx.clinic;
        let summary = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                ..Default::default()
            },
        )?;
        let path = s.fx.dir.path().join("Ines summary.pdf");
        let info = c.save_document_pdf(&s.fx.admin, summary.info.id, &path, Overwrite::Replace)?;
        assert_eq!(info.id, summary.info.id);
        assert_eq!(std::fs::read(&path)?, summary.pdf);
        assert!(flat(&pdftotext(&path)?).contains("Ines"));
        assert_eq!(
            document_file_name(&info),
            format!("summary-{}.pdf", info.id)
        );

        let refused = c
            .save_document_pdf(
                &s.desk,
                summary.info.id,
                &s.fx.dir.path().join("desk.pdf"),
                Overwrite::Replace,
            )
            .err()
            .ok_or("the desk saved a summary")?;
        assert_eq!(refused.code(), ErrorCode::PermissionDenied);
        assert!(!s.fx.dir.path().join("desk.pdf").exists());

        let bill = c.generate_superbill(
            &s.desk,
            &SuperbillRequest {
                patient_id: course.patient,
                date: course.dates[0].clone(),
                amount_paid_cents: None,
                payment_method: None,
            },
        )?;
        let bill_path = s.fx.dir.path().join("bill.pdf");
        c.save_document_pdf(&s.desk, bill.info.id, &bill_path, Overwrite::Replace)?;
        assert_eq!(std::fs::read(&bill_path)?, bill.pdf);

        let missing = s.fx.dir.path().join("no such folder").join("x.pdf");
        let refused = c
            .save_document_pdf(&s.fx.admin, bill.info.id, &missing, Overwrite::Replace)
            .err()
            .ok_or("saved into a missing folder")?;
        assert_eq!(refused.code(), ErrorCode::InvalidInput);
        assert!(refused.to_string().contains("does not exist"), "{refused}");
        Ok(())
    }
);

schedule_test!(
    the_summary_leaves_out_the_points_and_the_pain_chart_when_asked,
    "America/Toronto",
    |s| {
        let course = sciatica_course(s, "Olek", 3)?;
        let c = &s.fx.clinic;
        let full = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                ..Default::default()
            },
        )?;
        let lean = c.generate_treatment_summary(
            &s.fx.admin,
            &SummaryRequest {
                patient_id: course.patient,
                include_points: false,
                include_pain_chart: false,
                ..Default::default()
            },
        )?;
        let text = |pdf: &[u8], name: &str| -> Res<String> {
            let path = s.fx.dir.path().join(name);
            std::fs::write(&path, pdf)?;
            Ok(flat(&pdftotext(&path)?))
        };
        let (full, lean) = (text(&full.pdf, "full.pdf")?, text(&lean.pdf, "lean.pdf")?);
        for t in [&full, &lean] {
            assert!(t.contains("Olek"), "{t}");
        }
        // BL40 Weizhong is in every visit of the course.
        assert!(full.contains("BL40 Weizhong"), "{full}");
        assert!(full.contains("Pain over the course of care"), "{full}");
        assert!(!lean.contains("Weizhong"), "points left in: {lean}");
        assert!(!lean.contains("Pain over the course of care"), "{lean}");
        assert!(lean.contains("Visits"), "the visits table stays: {lean}");
        Ok(())
    }
);
