use chrono::{Datelike, NaiveDate};

use super::NewPatient;
use crate::error::FieldError;

/// A registration with every field checked and tidied; built only by [`check`].
pub(super) struct ValidPatient {
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub phone: Option<String>,
}

const MAX_AGE_YEARS: i32 = 130;
const MAX_NAME_LEN: usize = 100;

fn tidy(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn check_name(errors: &mut Vec<FieldError>, field: &str, label: &str, value: &str, required: bool) {
    if required && value.is_empty() {
        errors.push(FieldError::new(
            field,
            format!("Enter the patient's {label}."),
        ));
    } else if value.chars().count() > MAX_NAME_LEN {
        errors.push(FieldError::new(
            field,
            format!("The {label} is longer than {MAX_NAME_LEN} characters."),
        ));
    } else if value.chars().any(char::is_control) {
        errors.push(FieldError::new(
            field,
            format!("The {label} contains a line break or control character."),
        ));
    }
}

/// Checks every field and returns all problems at once, so the form can mark each of them.
pub(super) fn check(input: &NewPatient, today: NaiveDate) -> Result<ValidPatient, Vec<FieldError>> {
    let mut errors = Vec::new();
    let given_name = input.given_name.trim().to_owned();
    let family_name = input.family_name.trim().to_owned();
    let preferred_name = tidy(&input.preferred_name);
    check_name(&mut errors, "given_name", "given name", &given_name, true);
    check_name(
        &mut errors,
        "family_name",
        "family name",
        &family_name,
        true,
    );
    if let Some(p) = &preferred_name {
        check_name(&mut errors, "preferred_name", "preferred name", p, false);
    }

    let date_of_birth = match tidy(&input.date_of_birth) {
        None => None,
        Some(text) => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Err(_) => {
                errors.push(FieldError::new(
                    "date_of_birth",
                    format!("Date of birth {text:?} is not a date; write it as YYYY-MM-DD, e.g. 1984-03-07."),
                ));
                None
            }
            Ok(d) if d > today => {
                errors.push(FieldError::new(
                    "date_of_birth",
                    "Date of birth is in the future.",
                ));
                None
            }
            Ok(d) if today.year() - d.year() > MAX_AGE_YEARS => {
                errors.push(FieldError::new(
                    "date_of_birth",
                    format!(
                        "Date of birth is more than {MAX_AGE_YEARS} years ago; check the year."
                    ),
                ));
                None
            }
            Ok(d) => Some(d),
        },
    };

    let phone = tidy(&input.phone);
    if let Some(p) = &phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        if digits == 0 {
            errors.push(FieldError::new("phone", "Phone number has no digits."));
        } else if digits > 20 || p.chars().count() > 40 {
            errors.push(FieldError::new("phone", "Phone number is too long."));
        } else if let Some(bad) = p
            .chars()
            .find(|c| !(c.is_ascii_digit() || " +-().x/#".contains(*c)))
        {
            errors.push(FieldError::new(
                "phone",
                format!("Phone number contains {bad:?}; use digits, spaces and + - ( ) only."),
            ));
        }
    }

    if errors.is_empty() {
        Ok(ValidPatient {
            given_name,
            family_name,
            preferred_name,
            date_of_birth,
            phone,
        })
    } else {
        Err(errors)
    }
}
