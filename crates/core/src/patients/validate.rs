//! Checks and tidies what a form sent. Every problem is reported at once, each naming its
//! field, so the form can mark all of them and keep everything that was typed.

use chrono::{Datelike, NaiveDate};

use super::{MedicalHistory, NewPatient, PatientDetails, SafetyFlags};
use crate::error::FieldError;

const MAX_AGE_YEARS: i32 = 130;
const MAX_SHORT: usize = 200;
const MAX_NOTES: usize = 20_000;

fn tidy(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    fn text(
        &mut self,
        field: &str,
        label: &str,
        value: &Option<String>,
        max: usize,
    ) -> Option<String> {
        let value = tidy(value)?;
        if value.chars().count() > max {
            self.fail(field, format!("{label} is longer than {max} characters."));
        } else if max == MAX_SHORT && value.chars().any(char::is_control) {
            self.fail(
                field,
                format!("{label} contains a line break or control character."),
            );
        }
        Some(value)
    }

    fn required_name(&mut self, field: &str, label: &str, value: &str) -> String {
        let value = value.trim().to_owned();
        if value.is_empty() {
            self.fail(field, format!("Enter the patient's {label}."));
        } else {
            self.text(field, &format!("The {label}"), &Some(value.clone()), 100);
        }
        value
    }

    fn date(&mut self, field: &str, label: &str, value: &Option<String>) -> Option<NaiveDate> {
        let text = tidy(value)?;
        match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(
                    field,
                    format!(
                        "{label} {text:?} is not a date; write it as YYYY-MM-DD, e.g. 1984-03-07."
                    ),
                );
                None
            }
        }
    }

    fn phone(&mut self, field: &str, label: &str, value: &Option<String>) -> Option<String> {
        let p = tidy(value)?;
        let digits = p.chars().filter(char::is_ascii_digit).count();
        if digits == 0 {
            self.fail(field, format!("{label} has no digits."));
        } else if digits > 20 || p.chars().count() > 40 {
            self.fail(field, format!("{label} is too long."));
        } else if let Some(bad) = p
            .chars()
            .find(|c| !(c.is_ascii_digit() || " +-().x/#".contains(*c)))
        {
            self.fail(
                field,
                format!("{label} contains {bad:?}; use digits, spaces and + - ( ) only."),
            );
        }
        Some(p)
    }

    fn email(&mut self, value: &Option<String>) -> Option<String> {
        let e = tidy(value)?;
        let well_formed = match e.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !e.chars().any(|c| c.is_whitespace() || c == ',' || c == ';')
            }
            None => false,
        };
        if !well_formed || e.len() > 254 {
            self.fail(
                "email",
                format!("Email {e:?} is not a valid address (like name@example.com)."),
            );
        }
        Some(e)
    }
}

fn iso(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

pub(super) fn details_from_new(input: &NewPatient) -> PatientDetails {
    PatientDetails {
        given_name: input.given_name.clone(),
        family_name: input.family_name.clone(),
        preferred_name: input.preferred_name.clone(),
        date_of_birth: input.date_of_birth.clone(),
        phone: input.phone.clone(),
        email: input.email.clone(),
        ..PatientDetails::default()
    }
}

/// The details, tidied, or every problem with them.
pub(super) fn check_details(
    d: &PatientDetails,
    today: NaiveDate,
) -> Result<PatientDetails, Vec<FieldError>> {
    let mut c = Checker { errors: Vec::new() };
    let given_name = c.required_name("given_name", "given name", &d.given_name);
    let family_name = c.required_name("family_name", "family name", &d.family_name);
    let dob = c.date("date_of_birth", "Date of birth", &d.date_of_birth);
    if let Some(dob) = dob {
        if dob > today {
            c.fail("date_of_birth", "Date of birth is in the future.");
        } else if today.year() - dob.year() > MAX_AGE_YEARS {
            c.fail(
                "date_of_birth",
                format!("Date of birth is more than {MAX_AGE_YEARS} years ago; check the year."),
            );
        }
    }
    let consent = c.date("consent_date", "Consent date", &d.consent_date);
    if consent.is_some_and(|day| day > today) {
        c.fail("consent_date", "Consent date is in the future.");
    }
    let short = |c: &mut Checker, field: &str, label: &str, v: &Option<String>| {
        c.text(field, label, v, MAX_SHORT)
    };
    let tidied = PatientDetails {
        preferred_name: short(
            &mut c,
            "preferred_name",
            "Preferred name",
            &d.preferred_name,
        ),
        date_of_birth: iso(dob),
        sex: d.sex,
        gender: short(&mut c, "gender", "Gender", &d.gender),
        phone: c.phone("phone", "Phone number", &d.phone),
        phone_alt: c.phone("phone_alt", "Second phone number", &d.phone_alt),
        email: c.email(&d.email),
        address_line1: short(&mut c, "address_line1", "Address", &d.address_line1),
        address_line2: short(&mut c, "address_line2", "Address line 2", &d.address_line2),
        city: short(&mut c, "city", "City", &d.city),
        region: short(&mut c, "region", "Region", &d.region),
        postal_code: short(&mut c, "postal_code", "Postal code", &d.postal_code),
        country: short(&mut c, "country", "Country", &d.country),
        emergency_contact_name: short(
            &mut c,
            "emergency_contact_name",
            "Emergency contact",
            &d.emergency_contact_name,
        ),
        emergency_contact_relationship: short(
            &mut c,
            "emergency_contact_relationship",
            "Relationship",
            &d.emergency_contact_relationship,
        ),
        emergency_contact_phone: c.phone(
            "emergency_contact_phone",
            "Emergency contact phone",
            &d.emergency_contact_phone,
        ),
        physician_name: short(
            &mut c,
            "physician_name",
            "Family physician",
            &d.physician_name,
        ),
        physician_phone: c.phone("physician_phone", "Physician's phone", &d.physician_phone),
        occupation: short(&mut c, "occupation", "Occupation", &d.occupation),
        referral_source: short(
            &mut c,
            "referral_source",
            "Referral source",
            &d.referral_source,
        ),
        front_desk_notes: c.text(
            "front_desk_notes",
            "Front-desk notes",
            &d.front_desk_notes,
            MAX_NOTES,
        ),
        consent_date: iso(consent),
        consent_form_version: short(
            &mut c,
            "consent_form_version",
            "Consent form version",
            &d.consent_form_version,
        ),
        given_name,
        family_name,
    };
    if c.errors.is_empty() {
        Ok(tidied)
    } else {
        Err(c.errors)
    }
}

pub(super) fn check_safety(f: &SafetyFlags) -> Result<SafetyFlags, Vec<FieldError>> {
    let mut c = Checker { errors: Vec::new() };
    let due = c.date(
        "pregnancy_due_date",
        "Expected due date",
        &f.pregnancy_due_date,
    );
    if !f.pregnant && (due.is_some() || f.pregnancy_trimester.is_some()) {
        c.fail(
            "pregnant",
            "A due date or trimester is given but “pregnant” is not ticked.",
        );
    }
    if f.pregnancy_trimester.is_some_and(|t| !(1..=3).contains(&t)) {
        c.fail("pregnancy_trimester", "Trimester is 1, 2 or 3.");
    }
    let other = c.text("other", "Other safety notes", &f.other, 2_000);
    if c.errors.is_empty() {
        Ok(SafetyFlags {
            pregnancy_due_date: iso(due),
            other,
            ..f.clone()
        })
    } else {
        Err(c.errors)
    }
}

pub(super) fn check_medical(m: &MedicalHistory) -> Result<MedicalHistory, Vec<FieldError>> {
    let mut c = Checker { errors: Vec::new() };
    let tidied = MedicalHistory {
        medical_history: c.text(
            "medical_history",
            "Medical history",
            &m.medical_history,
            MAX_NOTES,
        ),
        medications: c.text("medications", "Medications", &m.medications, MAX_NOTES),
        allergies: c.text("allergies", "Allergies", &m.allergies, MAX_NOTES),
        surgeries: c.text("surgeries", "Surgeries", &m.surgeries, MAX_NOTES),
        clinical_notes: c.text(
            "clinical_notes",
            "Clinical notes",
            &m.clinical_notes,
            MAX_NOTES,
        ),
    };
    if c.errors.is_empty() {
        Ok(tidied)
    } else {
        Err(c.errors)
    }
}
