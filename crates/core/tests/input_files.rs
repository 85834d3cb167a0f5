//! Input surfaces 7 and 9, property-tested on one real SQLCipher clinic each: backups given
//! to verify and restore (cut short, bytes changed, junk appended, random, a hostile recovery
//! key), and document options (dates, amounts at the limits of i64, hostile payment methods
//! and next steps, the letterhead). A refusal is clear and stores nothing; a damaged backup
//! is never accepted and never replaces the clinic's data. CSV imports: input_import.rs.

mod common;
mod hostile;

use acuchart_core::documents::{DocumentSettings, PaperSize, SummaryRequest, SuperbillRequest};
use acuchart_core::ids::HandoutId;
use acuchart_core::patients::NewPatient;
use acuchart_core::visits::{NoteDraft, StartNote};
use common::*;
use hostile::*;
use proptest::prelude::*;

const CASES: u32 = 128;

#[test]
fn damaged_backups_are_refused_and_never_restored() -> TestResult {
    let f = fixture()?;
    let conn = raw(&f)?;
    f.clinic.create_patient(
        &f.admin,
        &NewPatient {
            given_name: "Kept".into(),
            family_name: "Safe".into(),
            ..Default::default()
        },
    )?;
    let made = f.clinic.create_backup(&f.admin, &mut |_| {})?;
    let good = std::fs::read(&made.path)?;
    let spot = f.dir.path().join("given.db");
    let keys = prop_oneof![
        3 => Just(None),
        1 => hostile_text().prop_map(Some),
        1 => "[A-Z2-7]{4}(-[A-Z2-7]{4}){13}".prop_map(Some),
    ];
    check(
        "backups given to verify",
        CASES,
        // The backup as made now and then, so that passing is checked too.
        (
            prop_oneof![1 => Just(good.clone()), 7 => damaged(good.clone())],
            keys,
        ),
        |(bytes, key)| {
            std::fs::write(&spot, &bytes).map_err(fail)?;
            let before = digest(&conn)?;
            let r = f.clinic.verify_backup(&f.admin, &spot, key.as_deref());
            tally(&r);
            match r {
                Ok(_) => prop_assert!(bytes == good && key.is_none(), "a damaged backup passed"),
                Err(e) => clear(&e)?,
            }
            prop_assert_eq!(before, digest(&conn)?);
            Ok(())
        },
    )?;
    check(
        "backups given to restore",
        24,
        damaged(good.clone()),
        |bytes| {
            prop_assume!(bytes != good);
            std::fs::write(&spot, &bytes).map_err(fail)?;
            let before = digest(&conn)?;
            let r = f.clinic.restore_backup(&f.admin, &spot, None, &mut |_| {});
            tally(&r);
            match r {
                Ok(_) => prop_assert!(false, "a damaged backup was restored"),
                Err(e) => clear(&e)?,
            }
            prop_assert_eq!(before, digest(&conn)?, "the clinic's data changed");
            Ok(())
        },
    )?;
    intact(&f)
}

fn i64_limits() -> impl Strategy<Value = Option<i64>> {
    prop::option::of(prop_oneof![
        prop::sample::select(vec![
            i64::MIN,
            -1,
            0,
            1,
            9_000,
            100_000_000,
            100_000_001,
            i64::MAX
        ]),
        any::<i64>(),
    ])
}

fn day() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just("2025-06-02".to_owned()),
        1 => prop::sample::select(vec!["0000-01-01", "2201-01-01", "2025-02-30", "02/06/2025",
            "+10000-01-01", "", " 2025-06-02 "]).prop_map(str::to_owned),
        1 => hostile_text(),
    ]
}

#[test]
fn document_options_are_refused_clearly_or_printed() -> TestResult {
    let f = fixture()?;
    let a = &f.admin;
    let conn = raw(&f)?;
    let p = f.clinic.create_patient(
        a,
        &NewPatient {
            given_name: "Paper".into(),
            family_name: "Trail".into(),
            ..Default::default()
        },
    )?;
    let start = StartNote {
        patient_id: p.id,
        appointment_id: None,
        visit_date: Some("2025-06-02".into()),
    };
    let note = f.clinic.start_visit_note(a, &start)?;
    let mut draft = NoteDraft::default();
    draft.content.chief_complaint = Some("Neck pain".into());
    draft.content.needles_inserted = Some(0);
    draft.content.needles_removed = Some(0);
    let saved = f
        .clinic
        .save_visit_note(a, note.id, note.revision, &draft)?;
    f.clinic.sign_visit_note(a, note.id, saved.revision, None)?;

    let bill = (day(), i64_limits(), prop::option::of(hostile_text()));
    check(
        "documents: superbill options",
        CASES / 2,
        bill,
        |(date, paid, method)| {
            let before = digest(&conn)?;
            let req = SuperbillRequest {
                patient_id: p.id,
                date,
                amount_paid_cents: paid,
                payment_method: method.clone(),
            };
            let r = f.clinic.generate_superbill(a, &req);
            tally(&r);
            match r {
                Ok(doc) => {
                    prop_assert!(doc.pdf.starts_with(b"%PDF"));
                    prop_assert!(paid.is_none_or(|c| (0..=100_000_000).contains(&c)));
                    if let Some(m) = method {
                        prop_assert!(!must_refuse(&m, false, 200), "payment method {m:?} printed");
                    }
                }
                Err(e) => {
                    clear(&e)?;
                    prop_assert_eq!(before, digest(&conn)?);
                }
            }
            Ok(())
        },
    )?;
    let summary = (
        prop::option::of(day()),
        prop::option::of(day()),
        prop::option::of(hostile_text()),
        prop::collection::vec(any::<i64>(), 0..2),
    );
    check(
        "documents: summary options",
        CASES / 2,
        summary,
        |(from, to, next, handouts)| {
            let before = digest(&conn)?;
            let req = SummaryRequest {
                patient_id: p.id,
                from,
                to,
                next_steps: next.clone(),
                handouts: handouts.into_iter().map(HandoutId).collect(),
                ..SummaryRequest::default()
            };
            let r = f.clinic.generate_treatment_summary(a, &req);
            tally(&r);
            match r {
                Ok(doc) => {
                    prop_assert!(doc.pdf.starts_with(b"%PDF"));
                    if let Some(n) = next {
                        prop_assert!(!must_refuse(&n, true, 20_000), "next steps {n:?} printed");
                    }
                }
                Err(e) => {
                    clear(&e)?;
                    prop_assert_eq!(before, digest(&conn)?);
                }
            }
            Ok(())
        },
    )?;
    let texts = prop::collection::vec(prop::option::weighted(0.3, hostile_text()), 5);
    let paper = prop::sample::select(vec![PaperSize::A4, PaperSize::Letter]);
    check(
        "documents: letterhead settings",
        CASES / 2,
        (
            texts,
            prop_oneof![3 => Just("CA$".to_owned()), 1 => hostile_text()],
            paper,
        ),
        |(t, symbol, paper_size)| {
            let before = digest(&conn)?;
            let input = DocumentSettings {
                address: t[0].clone(),
                phone: t[1].clone(),
                email: t[2].clone(),
                tax_id: t[3].clone(),
                npi: t[4].clone(),
                paper_size,
                currency_symbol: symbol,
            };
            let r = f.clinic.update_document_settings(a, &input);
            tally(&r);
            match r {
                Ok(s) => {
                    for (v, many, max) in [
                        (&s.address, true, 300),
                        (&s.phone, false, 40),
                        (&s.email, false, 120),
                        (&s.tax_id, false, 40),
                        (&s.npi, false, 20),
                    ] {
                        if let Some(v) = v {
                            tidy_text(v, many, max)?;
                        }
                    }
                    tidy_text(&s.currency_symbol, false, 4)?;
                }
                Err(e) => {
                    clear(&e)?;
                    prop_assert_eq!(before, digest(&conn)?);
                }
            }
            Ok(())
        },
    )?;
    intact(&f)
}
