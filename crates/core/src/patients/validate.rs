//! Checks and tidies what a form sent. Every problem is reported at once, each naming its
//! field, so the form can mark all of them and keep everything that was typed.

use chrono::{Datelike, NaiveDate};

use super::{MedicalHistory, NewPatient, PatientDetails, SafetyFlags};
use crate::error::FieldError;
use crate::schedule::time::PLAUSIBLE_YEARS;
use crate::text;

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

    /// Free text under the one text policy (`crate::text`): single-line fields up to 200
    /// characters, anything longer is a many-line note.
    fn text(
        &mut self,
        field: &str,
        label: &str,
        value: &Option<String>,
        max: usize,
    ) -> Option<String> {
        let lines = if max <= MAX_SHORT {
            text::Lines::One
        } else {
            text::Lines::Many
        };
        let policy = text::Policy {
            lines,
            max_chars: max,
        };
        match text::check(label, value.as_deref().unwrap_or(""), policy) {
            Ok(v) => v,
            Err(problem) => {
                self.fail(field, problem);
                tidy(value)
            }
        }
    }

    fn required_name(&mut self, field: &str, label: &str, value: &str) -> String {
        let checked = text::check(&format!("The {label}"), value, text::NAME);
        match checked {
            Ok(Some(name)) => name,
            Ok(None) => {
                self.fail(field, format!("Enter the patient's {label}."));
                String::new()
            }
            Err(problem) => {
                self.fail(field, problem);
                value.trim().to_owned()
            }
        }
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

    /// The years a clinic's records hold, as for bookings: year 1 or 9999 is a typo.
    fn plausible(&mut self, field: &str, label: &str, date: Option<NaiveDate>) {
        if let Some(d) = date.filter(|d| !PLAUSIBLE_YEARS.contains(&d.year())) {
            self.fail(
                field,
                format!(
                    "{label} {d} is outside the years a clinic's records hold ({} to {}): check the year.",
                    PLAUSIBLE_YEARS.start(),
                    PLAUSIBLE_YEARS.end()
                ),
            );
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
        if !well_formed_email(&e) {
            self.fail(
                "email",
                format!("Email {e:?} is not a valid address (like name@example.com)."),
            );
        }
        Some(e)
    }
}

/// An address a mail server would take: `local@domain`, the local part of letters, digits and
/// ``!#$%&'*+/=?^_`{|}~.-`` without leading, trailing or doubled dots; the domain of at least
/// two labels of letters, digits and inner hyphens, the last all letters.
fn well_formed_email(e: &str) -> bool {
    let Some((local, domain)) = e.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars().count() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok && e.len() <= 254
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
    } else {
        c.plausible("consent_date", "Consent date", consent);
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
    c.plausible("pregnancy_due_date", "Expected due date", due);
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

#[cfg(test)]
mod tests {
    use super::well_formed_email;

    #[test]
    fn emails_a_mail_server_would_refuse_are_refused() {
        for bad in [
            "a@b..c",
            ".@a.b",
            "a.@b.cd",
            "a..b@c.de",
            "<a>@b.cd",
            "a@b.cd<script>",
            "a b@c.de",
            "a@\u{1b}b.cd",
            "a@b",
            "a@-b.cd",
            "a@b.c1",
            "@b.cd",
            "a@",
        ] {
            assert!(!well_formed_email(bad), "{bad}");
        }
        for good in [
            "name@example.com",
            "o'brien+clinic@mail.example.ie",
            "eloïse@exemple.fr",
        ] {
            assert!(well_formed_email(good), "{good}");
        }
    }
}
