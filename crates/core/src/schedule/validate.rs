//! Small checks shared by the schedule's setup forms.

use crate::error::{Error, Result};

/// `#rrggbb`, lower-cased.
pub(super) fn check_colour(field: &str, text: &str) -> Result<String> {
    let t = text.trim();
    let ok = t.len() == 7 && t.starts_with('#') && t[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Ok(t.to_ascii_lowercase())
    } else {
        Err(Error::invalid(
            field,
            format!("Write the colour as #rrggbb, e.g. #2f6f9f (got {text:?})."),
        ))
    }
}

/// Trimmed text, or nothing when blank.
pub(super) fn clean(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

pub(super) fn required(field: &str, value: &str, what: &str) -> Result<String> {
    let t = value.trim();
    if t.is_empty() {
        Err(Error::invalid(field, format!("Enter {what}.")))
    } else if t.chars().count() > 120 {
        Err(Error::invalid(
            field,
            format!("Keep {what} under 120 characters."),
        ))
    } else {
        Ok(t.to_owned())
    }
}

/// Turns a UNIQUE violation on `name` into a message for the form.
pub(super) fn name_taken(e: rusqlite::Error, what: &str, name: &str) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _)
            if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            Error::invalid("name", format!("There is already {what} called {name:?}."))
        }
        _ => Error::Storage(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_six_hex_digits() {
        assert_eq!(
            check_colour("c", " #2F6F9F ").ok().as_deref(),
            Some("#2f6f9f")
        );
        assert!(check_colour("c", "blue").is_err());
        assert!(check_colour("c", "#12345").is_err());
    }
}
