//! Small checks shared by the schedule's setup forms.

use crate::error::{Error, Result};
use crate::text;

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

/// Optional free text under the one text policy (`crate::text`): tidy, or nothing when blank.
pub(super) fn clean(field: &str, value: &Option<String>) -> Result<Option<String>> {
    let label = field.replace('_', " ");
    let mut label_chars = label.chars();
    let label: String = match label_chars.next() {
        Some(first) => first.to_uppercase().chain(label_chars).collect(),
        None => label,
    };
    text::check(&label, value.as_deref().unwrap_or(""), text::FRONT_DESK)
        .map_err(|problem| Error::invalid(field, problem))
}

pub(super) fn required(field: &str, value: &str, what: &str) -> Result<String> {
    match text::check(&format!("The {what}"), value, text::SETUP_NAME) {
        Ok(Some(t)) => Ok(t),
        Ok(None) => Err(Error::invalid(field, format!("Enter {what}."))),
        Err(problem) => Err(Error::invalid(field, problem)),
    }
}

/// Turns a UNIQUE violation on `name` (either engine) into a message for the form.
pub(super) fn name_taken(e: Error, what: &str, name: &str) -> Error {
    let unique = match &e {
        Error::Storage(rusqlite::Error::SqliteFailure(f, _)) => {
            f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
        }
        Error::Database(pg) => pg.code() == Some(&postgres::error::SqlState::UNIQUE_VIOLATION),
        _ => false,
    };
    if unique {
        Error::invalid("name", format!("There is already {what} called {name:?}."))
    } else {
        e
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
