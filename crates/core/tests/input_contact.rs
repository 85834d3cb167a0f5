//! Input surface 2, property-tested on one real SQLCipher clinic: emails, phones and dates
//! (birth, consent, due date) as typed, well formed, malformed, at the edges of the years a
//! clinic's records hold, and hostile. They are stored only when well formed and plausible,
//! exactly as typed; a refusal names the field and stores nothing.

mod common;
mod hostile;

use acuchart_core::patients::{NewPatient, PatientDetails};
use chrono::{Datelike, Local, NaiveDate};
use common::*;
use hostile::*;
use proptest::prelude::*;

const CASES: u32 = 192;

/// A value with what the rules say of it: `Some(true)` must be accepted, `Some(false)` must
/// be refused, `None` either (an accepted one must still be well formed).
type Tagged = (String, Option<bool>);

fn emails() -> impl Strategy<Value = Tagged> {
    let valid = "[a-z][a-z0-9._+-]{0,10}[a-z0-9]@[a-z][a-z0-9-]{0,8}[a-z0-9]\\.[a-z]{2,6}";
    prop_oneof![
        3 => valid.prop_map(|e: String| {
            let ok = !e.contains("..");
            (e, Some(ok))
        }),
        3 => (valid, any::<prop::sample::Index>(), hostile_char()).prop_map(|(e, at, c)| {
            let mut chars: Vec<char> = e.chars().collect();
            chars.insert(at.index(chars.len() + 1), c);
            (chars.into_iter().collect(), None)
        }),
        1 => prop::sample::select(vec!["a@b..c", ".@a.b", "a@b", "a@@b.cd", "a@b.c1", "@b.cd",
            "a@", "a b@c.de", "a@b.cd<script>", "a\u{1b}@b.cd", "a@-b.cd", "a.@b.cd"])
            .prop_map(|e| (e.to_owned(), Some(false))),
        2 => hostile_text().prop_map(|t| (t, None)),
    ]
}

fn phones() -> impl Strategy<Value = Tagged> {
    prop_oneof![
        3 => "\\+?[0-9]{1,3}[ -]?\\(?[0-9]{3}\\)?[ -]?[0-9]{3}[ -]?[0-9]{4}"
            .prop_map(|p| (p, Some(true))),
        1 => "[0-9]{21,40}".prop_map(|p| (p, Some(false))),
        1 => prop::sample::select(vec!["٣٣٣ ٤٤٤", "５５５ ０１００", "call me", "555\u{0}0100",
            "555\u{202E}0100", "--", "+1 555 0100 ext"])
            .prop_map(|p| (p.to_owned(), Some(false))),
        2 => hostile_text().prop_map(|t| (t, None)),
    ]
}

fn birth_dates(today: NaiveDate) -> impl Strategy<Value = Tagged> {
    let start = today.num_days_from_ce() - 129 * 365;
    prop_oneof![
        3 => (start..=today.num_days_from_ce()).prop_map(|d| {
            let day = NaiveDate::from_num_days_from_ce_opt(d).unwrap_or_default();
            (day.format("%Y-%m-%d").to_string(), Some(true))
        }),
        2 => prop::sample::select(vec!["0000-01-01", "0001-01-01", "1800-05-05", "9999-12-31",
            "+10000-01-01", "-0001-01-01", "2999-01-01", "1980-02-30", "1980-13-01",
            "31/12/1980", "1980-1-1x", "1980-01-01T00:00", "19800101", "١٩٨٠-٠١-٠١"])
            .prop_map(|d| (d.to_owned(), Some(false))),
        2 => hostile_text().prop_map(|t| (t, None)),
    ]
}

/// An address a mail server would take, checked apart from the core's own check.
fn well_formed_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    let tld = domain.rsplit('.').next().unwrap_or("");
    let bad = |c: char| c.is_control() || c.is_whitespace() || "<>\"()[]\\,;:@".contains(c);
    !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !e.contains("..")
        && domain.contains('.')
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
        && !local.chars().any(bad)
        && !domain.chars().any(bad)
}

#[test]
fn emails_phones_and_birth_dates_are_stored_only_when_well_formed() -> TestResult {
    let f = fixture()?;
    let conn = raw(&f)?;
    let today = Local::now().date_naive();
    check(
        "emails, phones, dates of birth",
        CASES,
        (emails(), phones(), birth_dates(today)),
        |((email, email_ok), (phone, phone_ok), (dob, dob_ok))| {
            let before = digest(&conn)?;
            let input = NewPatient {
                given_name: "Ana".into(),
                family_name: "Contact".into(),
                email: Some(email.clone()),
                phone: Some(phone.clone()),
                date_of_birth: Some(dob.clone()),
                allow_duplicate: true,
                ..Default::default()
            };
            let result = f.clinic.create_patient(&f.admin, &input);
            tally(&result);
            let checks = [
                ("email", email_ok),
                ("phone", phone_ok),
                ("date_of_birth", dob_ok),
            ];
            match result {
                Err(e) => {
                    clear(&e)?;
                    prop_assert_eq!(before, digest(&conn)?, "refused, yet stored");
                    for (field, ok) in checks {
                        if ok == Some(false) {
                            prop_assert!(names_field(&e, field), "{field} not named: {e}");
                        }
                    }
                    prop_assert!(
                        checks.iter().any(|(_, ok)| *ok != Some(true)),
                        "valid values refused: {e}"
                    );
                }
                Ok(p) => {
                    for (field, ok) in checks {
                        prop_assert!(ok != Some(false), "{field} should have been refused");
                    }
                    if let Some(e) = &p.email {
                        prop_assert!(well_formed_email(e), "email {e:?} stored");
                        prop_assert_eq!(e.as_str(), email.trim());
                    }
                    if let Some(ph) = &p.phone {
                        let digits = ph.chars().filter(char::is_ascii_digit).count();
                        prop_assert!((1..=20).contains(&digits), "phone {ph:?}");
                        prop_assert!(ph
                            .chars()
                            .all(|c| c.is_ascii_digit() || " +-().x/#".contains(c)));
                    }
                    if let Some(d) = p.date_of_birth {
                        prop_assert!(d <= today && today.year() - d.year() <= 130, "born {d}");
                        prop_assert_eq!(d.format("%Y-%m-%d").to_string(), dob.trim());
                    }
                }
            }
            Ok(())
        },
    )?;
    // The record's other dates: a consent date is in the past and within the calendar's
    // years; a due date within the calendar's years.
    let id = patient(&f, "Dates")?;
    let dates = prop_oneof![birth_dates(today).prop_map(|(d, _)| d), dates_near(today)];
    let place = prop::sample::select(vec!["consent_date", "pregnancy_due_date"]);
    check(
        "dates (consent, due date)",
        CASES,
        (place, dates),
        |(field, typed)| {
            let before = digest(&conn)?;
            let a = &f.admin;
            let stored = if field == "consent_date" {
                let now = f.clinic.patient(a, id).map_err(fail)?.details;
                let d: PatientDetails = with_field(&now, &[field], &typed)?;
                f.clinic
                    .update_patient_details(a, id, &d)
                    .map(|p| p.details.consent_date)
            } else {
                let mut s = f.clinic.patient(a, id).map_err(fail)?.safety;
                s.pregnant = true;
                s.pregnancy_due_date = Some(typed.clone());
                f.clinic
                    .update_safety_flags(a, id, &s)
                    .map(|p| p.safety.pregnancy_due_date)
            };
            tally(&stored);
            match stored {
                Err(e) => {
                    clear(&e)?;
                    prop_assert!(names_field(&e, field), "{e}");
                    prop_assert_eq!(before, digest(&conn)?);
                }
                Ok(Some(d)) => {
                    let day = NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(fail)?;
                    prop_assert!((1900..=2200).contains(&day.year()), "{field} {d} stored");
                    prop_assert!(field != "consent_date" || day <= today, "consent on {d}");
                }
                Ok(None) => prop_assert!(expected(&typed).is_none(), "{field} {typed:?} dropped"),
            }
            Ok(())
        },
    )?;
    intact(&f)
}

/// Dates around today, and in years no clinic's calendar holds.
fn dates_near(today: NaiveDate) -> impl Strategy<Value = String> {
    let year = today.year();
    prop_oneof![
        (year - 2..=year + 2, 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        prop::sample::select(vec!["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"])
            .prop_map(str::to_owned),
    ]
}
