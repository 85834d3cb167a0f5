//! The one policy for text people type into AcuChart (names, addresses, notes, reasons):
//! normalised to NFC and trimmed; control characters refused (a single-line field takes none,
//! a multi-line field takes line breaks and tabs); a value made only of invisible characters
//! (zero-width spaces, byte-order marks, fillers, combining marks) refused as blank; and a
//! length limit per field. Every service checks its free text through [`check`], so the app,
//! the CLI and a clinic server refuse the same things with the same words.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Whether a field may hold more than one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Many,
}

/// A field's limits.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    pub lines: Lines,
    pub max_chars: usize,
}

/// A person's name or a name part.
pub const NAME: Policy = Policy {
    lines: Lines::One,
    max_chars: 100,
};
/// The name of something set up once and picked from a list: a room, an appointment type.
pub const SETUP_NAME: Policy = Policy {
    lines: Lines::One,
    max_chars: 120,
};
/// Any other one-line field (an address line, an occupation, a reason).
pub const LINE: Policy = Policy {
    lines: Lines::One,
    max_chars: 200,
};
/// A short note or reason at the front desk (an appointment's note, a cancel reason): a few
/// lines at most.
pub const FRONT_DESK: Policy = Policy {
    lines: Lines::Many,
    max_chars: 2_000,
};
/// A note, history or handout: many lines.
pub const NOTE: Policy = Policy {
    lines: Lines::Many,
    max_chars: 20_000,
};

/// Characters that show nothing: a value made only of these (and spaces) is blank.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || is_combining_mark(c)
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
        )
}

/// The lines of `text` (a quoted CSV cell may hold LF, CR LF or CR breaks), trimmed, blank
/// ones left out, joined by `joiner`: how a one-line field keeps text written on several lines.
pub fn joined_lines(text: &str, joiner: &str) -> String {
    text.split(['\r', '\n'])
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(joiner)
}

/// `n` with its noun in the right number: "1 row", "3 rows".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Direction overrides and isolates can make text display differently from what is stored.
fn reorders_display(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `value` checked against `policy`: `Ok(None)` when empty, the tidy text when it passes, or
/// what is wrong, in words that start with the field's `label`.
pub fn check(label: &str, value: &str, policy: Policy) -> Result<Option<String>, String> {
    let normal: String = value.nfc().collect();
    let trimmed = normal.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    // Many lines: line breaks (LF, or CR LF as some systems write them) and tabs.
    let many = policy.lines == Lines::Many;
    let mut chars = trimmed.chars().peekable();
    let mut found = None;
    while let Some(c) = chars.next() {
        let allowed =
            many && (c == '\n' || c == '\t' || (c == '\r' && chars.peek() == Some(&'\n')));
        if c.is_control() && !allowed {
            found = Some(c);
            break;
        }
    }
    if let Some(bad) = found {
        let what = match bad {
            '\n' | '\r' => "a line break".to_owned(),
            '\t' => "a tab".to_owned(),
            c => format!("a control character (U+{:04X})", u32::from(c)),
        };
        return Err(format!("{label} contains {what}: remove it."));
    }
    if let Some(bad) = trimmed.chars().find(|&c| reorders_display(c)) {
        return Err(format!(
            "{label} contains a text-direction control (U+{:04X}) that changes how it displays: remove it.",
            u32::from(bad)
        ));
    }
    if trimmed.chars().all(invisible) {
        return Err(format!(
            "{label} holds only invisible characters: type the text itself."
        ));
    }
    let count = trimmed.chars().count();
    if count > policy.max_chars {
        return Err(format!(
            "{label} is {count} characters long; it may be at most {}.",
            policy.max_chars
        ));
    }
    Ok(Some(trimmed.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_invisible_only_values_are_refused_and_the_rest_tidied() {
        for bad in [
            "A\u{1b}[31mB",
            "a\rb",
            "a\nb",
            "a\tb",
            "a\u{7f}",
            "a\u{7}",
            "a\u{85}b",
            "a\0b",
        ] {
            assert!(check("Given name", bad, NAME).is_err(), "{bad:?}");
        }
        for blank in [
            "\u{200B}",
            "\u{FEFF}\u{200B}",
            "\u{3164}",
            "\u{0301}\u{0302}",
            "\u{115F}",
        ] {
            let err = check("Given name", blank, NAME).err().unwrap_or_default();
            assert!(err.contains("invisible"), "{blank:?}: {err}");
        }
        assert!(check("Family name", "a\u{202E}b", NAME).is_err());
        assert_eq!(check("x", "  ", NAME), Ok(None));
        // NFC: e + combining acute is stored as é.
        assert_eq!(
            check("x", "Eloi\u{0308}se", NAME),
            Ok(Some("Eloïse".into()))
        );
        assert_eq!(
            check("Plan", "line one\r\nline two\twith a tab", NOTE),
            Ok(Some("line one\r\nline two\twith a tab".into()))
        );
        assert!(
            check("Plan", "a\rb", NOTE).is_err(),
            "a lone CR moves the cursor back"
        );
        assert!(check("Plan", "a\0b", NOTE).is_err());
        let long = "x".repeat(101);
        assert!(check("Given name", &long, NAME)
            .err()
            .is_some_and(|e| e.contains("at most 100")));
        assert_eq!(check("x", "陈 伟", NAME), Ok(Some("陈 伟".into())));
    }

    #[test]
    fn lines_join_for_a_one_line_field_and_counts_take_the_right_noun() {
        assert_eq!(
            joined_lines("12 High St\r\nFlat 2", ", "),
            "12 High St, Flat 2"
        );
        assert_eq!(joined_lines(" a \r\r\n\n b\rc ", " "), "a b c");
        assert_eq!(joined_lines("one", ", "), "one");
        assert_eq!(count(1, "row", "rows"), "1 row");
        assert_eq!(count(0, "row", "rows"), "0 rows");
        assert_eq!(count(3, "row has", "rows have"), "3 rows have");
    }
}
