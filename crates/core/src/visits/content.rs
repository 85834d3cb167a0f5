//! The SOAP and treatment fields of a note, and the one list of their columns so that load,
//! save and the signed-note trigger never disagree about what a note holds.

use crate::db::{Row, Value};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::FieldError;

macro_rules! note_content {
    (
        text: [$($text:ident),* $(,)?],
        numbers: [$($num:ident: $ty:ty => $max:expr),* $(,)?] $(,)?
    ) => {
        /// Subjective, objective, assessment, plan and the treatment besides the points.
        /// Free-text fields are `None` when empty; numbers are `None` when not recorded.
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
        #[serde(deny_unknown_fields)]
        #[serde(default)]
        pub struct NoteContent {
            $(
                #[ts(optional = nullable)]
                pub $text: Option<String>,
            )*
            $(
                #[ts(optional = nullable)]
                pub $num: Option<$ty>,
            )*
        }

        impl NoteContent {
            pub const COLUMNS: &'static [&'static str] = &[$(stringify!($text),)* $(stringify!($num),)*];

            pub(super) fn values(&self) -> Vec<Value> {
                let mut v = Vec::with_capacity(Self::COLUMNS.len());
                $( v.push(self.$text.clone().map_or(Value::Null, Value::Text)); )*
                $( v.push(self.$num.map_or(Value::Null, |n| Value::Integer(i64::from(n)))); )*
                v
            }

            /// Reads each of [`Self::COLUMNS`] by its name: the query selects them unaliased.
            pub(super) fn from_row(row: &Row) -> crate::Result<Self> {
                Ok(Self {
                    $( $text: row.get::<Option<String>>(stringify!($text))?, )*
                    $( $num: row.get::<Option<$ty>>(stringify!($num))?, )*
                })
            }

            /// Trims text (empty → none) and checks number ranges.
            pub(super) fn normalized(&self) -> (Self, Vec<FieldError>) {
                let mut errors = Vec::new();
                let tidy = |s: &Option<String>| {
                    s.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
                };
                $(
                    if let Some(n) = self.$num {
                        if u32::from(n) > $max {
                            errors.push(FieldError::new(
                                stringify!($num),
                                format!("{} must be between 0 and {}.", label(stringify!($num)), $max),
                            ));
                        }
                    }
                )*
                // Every text field under the one text policy: many lines, at most 20,000
                // characters, no control characters, not only invisible ones.
                let mut checked = |field: &str, value: &Option<String>| {
                    let text = value.as_deref().unwrap_or("");
                    match crate::text::check(&text_label(field), text, crate::text::NOTE) {
                        Ok(v) => v,
                        Err(problem) => {
                            errors.push(FieldError::new(field, problem));
                            tidy(value)
                        }
                    }
                };
                let out = Self {
                    $( $text: checked(stringify!($text), &self.$text), )*
                    $( $num: self.$num, )*
                };
                (out, errors)
            }
        }
    };
}

note_content! {
    text: [
        chief_complaint, onset, aggravating, relieving, subjective_notes,
        tongue_body, tongue_coat, tongue_shape, pulse_qualities,
        pulse_left_cun, pulse_left_guan, pulse_left_chi,
        pulse_right_cun, pulse_right_guan, pulse_right_chi,
        palpation, range_of_motion, orthopaedic_tests,
        tcm_pattern, assessment_notes, plan,
        moxa, cupping, gua_sha, bleeding, tui_na, heat_lamp, herbs,
        adverse_events, home_advice,
    ],
    numbers: [
        pain_now: u8 => 10,
        pain_best: u8 => 10,
        pain_worst: u8 => 10,
        needles_inserted: u16 => 500,
        needles_removed: u16 => 500,
        face_to_face_minutes: u16 => 480,
    ],
}

/// Field names as a person reads them, for messages.
/// `chief_complaint` → `Chief complaint`, for messages about a text field.
fn text_label(field: &str) -> String {
    let words = field.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

fn label(field: &str) -> &'static str {
    match field {
        "pain_now" => "Pain now",
        "pain_best" => "Pain at best",
        "pain_worst" => "Pain at worst",
        "needles_inserted" => "Needles inserted",
        "needles_removed" => "Needles removed",
        "face_to_face_minutes" => "Face-to-face minutes",
        _ => "This value",
    }
}

impl NoteContent {
    /// Techniques that break the skin or bruise: relevant to bleeding risk.
    pub fn bleeding_risk_techniques(&self) -> Vec<&'static str> {
        let mut used = Vec::new();
        if self.cupping.is_some() {
            used.push("cupping");
        }
        if self.gua_sha.is_some() {
            used.push("gua sha");
        }
        if self.bleeding.is_some() {
            used.push("bleeding (pricking)");
        }
        used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_numbers_are_reported_by_field() {
        let c = NoteContent {
            pain_now: Some(11),
            needles_removed: Some(501),
            chief_complaint: Some("  ".into()),
            ..Default::default()
        };
        let (tidy, errors) = c.normalized();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["pain_now", "needles_removed"]);
        assert!(errors[0].message.contains("Pain now"));
        assert_eq!(tidy.chief_complaint, None);
    }

    #[test]
    fn columns_and_values_line_up() {
        assert_eq!(
            NoteContent::COLUMNS.len(),
            NoteContent::default().values().len()
        );
        assert_eq!(NoteContent::COLUMNS[0], "chief_complaint");
    }
}
