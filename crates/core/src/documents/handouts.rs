//! Condition handouts: texts the clinic writes once per condition ("Acupuncture for sciatica":
//! what it is, what to expect, home care) and appends to a patient's treatment summary, each
//! from a new page. The body is plain text with two marks: "# " starts a heading and "- " a
//! bullet; a blank line ends a paragraph.

use chrono::Utc;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::canvas::{span, Canvas, Style, ACCENT, MUTED};
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, Row};
use crate::error::{Error, FieldError, Result};
use crate::ids::HandoutId;
use crate::sql_params;
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Handout {
    pub id: HandoutId,
    pub title: String,
    /// The condition it is for, e.g. "Sciatica".
    #[ts(optional = nullable)]
    pub condition: Option<String>,
    pub body: String,
    pub archived: bool,
    /// RFC 3339 UTC.
    pub updated_at: String,
    /// Who last changed it (display name); none for the starter texts.
    #[ts(optional = nullable)]
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct HandoutInput {
    /// Absent for a new handout.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<HandoutId>,
    pub title: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub condition: Option<String>,
    pub body: String,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub archived: bool,
}

/// One piece of a handout's body, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoutBlock {
    Heading(String),
    Paragraph(String),
    Bullet(String),
}

/// Splits a body into headings, paragraphs (lines joined until a blank line) and bullets.
pub fn handout_blocks(body: &str) -> Vec<HandoutBlock> {
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, out: &mut Vec<HandoutBlock>| {
        if !para.is_empty() {
            out.push(HandoutBlock::Paragraph(para.join(" ")));
            para.clear();
        }
    };
    for line in body.lines().map(str::trim) {
        if line.is_empty() {
            flush(&mut para, &mut out);
        } else if let Some(h) = line.strip_prefix("# ") {
            flush(&mut para, &mut out);
            out.push(HandoutBlock::Heading(h.trim().to_owned()));
        } else if let Some(b) = line.strip_prefix("- ").or_else(|| line.strip_prefix("• ")) {
            flush(&mut para, &mut out);
            out.push(HandoutBlock::Bullet(b.trim().to_owned()));
        } else {
            para.push(line);
        }
    }
    flush(&mut para, &mut out);
    out
}

/// Prints one handout from a new page: its title, then its blocks.
pub(crate) fn render(c: &mut Canvas, handout: &Handout) {
    c.new_page();
    let title = Style::title().colour(ACCENT);
    c.paragraph(&[span(handout.title.clone(), title)], 0.0, 2.0);
    if let Some(condition) = &handout.condition {
        c.paragraph(
            &[span(
                format!("Information for patients · {condition}"),
                Style::body().colour(MUTED),
            )],
            0.0,
            6.0,
        );
    }
    let body = Style::body();
    for block in handout_blocks(&handout.body) {
        match block {
            HandoutBlock::Heading(h) => c.heading(&h, body.leading() * 2.0),
            HandoutBlock::Paragraph(p) => c.paragraph(&[span(p, body)], 0.0, 5.0),
            HandoutBlock::Bullet(b) => {
                c.ensure(body.leading());
                let (x, baseline) = (c.left + 4.0, c.y + body.size);
                c.text(x, baseline, "•", body.colour(ACCENT));
                c.paragraph(&[span(b, body)], 16.0, 2.0);
            }
        }
    }
}

const SELECT: &str =
    "SELECT h.id, h.title, h.condition, h.body, h.archived, h.updated_at, u.display_name
     FROM condition_handouts h LEFT JOIN users u ON u.id = h.updated_by";

fn from_row(r: &Row) -> Result<Handout> {
    Ok(Handout {
        id: r.get("id")?,
        title: r.get("title")?,
        condition: r.get("condition")?,
        body: r.get("body")?,
        archived: r.get("archived")?,
        updated_at: r.get("updated_at")?,
        updated_by: r.get("display_name")?,
    })
}

fn load(db: &Db<'_>, id: HandoutId) -> Result<Handout> {
    db.query_opt(&format!("{SELECT} WHERE h.id = ?1"), sql_params![id])?
        .as_ref()
        .map(from_row)
        .transpose()?
        .ok_or_else(|| Error::invalid("handouts", format!("There is no handout {id}.")))
}

/// The handouts a summary appends, in the order chosen; archived ones are refused.
pub(crate) fn for_summary(db: &Db<'_>, ids: &[HandoutId]) -> Result<Vec<Handout>> {
    let mut out: Vec<Handout> = Vec::new();
    for id in ids {
        if out.iter().any(|h| h.id == *id) {
            continue;
        }
        let h = load(db, *id)?;
        if h.archived {
            return Err(Error::invalid(
                "handouts",
                format!(
                    "“{}” is archived: restore it under Handouts, or leave it out.",
                    h.title
                ),
            ));
        }
        out.push(h);
    }
    Ok(out)
}

fn tidy(text: &str) -> String {
    text.trim().replace("\r\n", "\n")
}

fn check(input: &HandoutInput) -> Result<(String, Option<String>, String)> {
    let title = input.title.trim().to_owned();
    let condition = input
        .condition
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    let body = tidy(&input.body);
    let mut errors = Vec::new();
    // Control and invisible-only text is refused under the one text policy (`crate::text`).
    let condition_text = input.condition.as_deref().unwrap_or("");
    for (field, label, value, policy) in [
        ("title", "The title", input.title.as_str(), text::LINE),
        ("condition", "The condition", condition_text, text::LINE),
        ("body", "The text", input.body.as_str(), text::NOTE),
    ] {
        if let Err(problem) = text::check(label, value, policy) {
            errors.push(FieldError::new(field, problem));
        }
    }
    if title.is_empty() {
        errors.push(FieldError::new(
            "title",
            "Give the handout a title, e.g. Acupuncture for sciatica.",
        ));
    } else if title.chars().count() > 120 {
        errors.push(FieldError::new(
            "title",
            "Keep the title to 120 characters or fewer.",
        ));
    }
    if condition.as_ref().is_some_and(|c| c.chars().count() > 80) {
        errors.push(FieldError::new(
            "condition",
            "Keep the condition to 80 characters or fewer.",
        ));
    }
    if body.is_empty() {
        errors.push(FieldError::new(
            "body",
            "Write the handout's text: what the condition is, what to expect, home care.",
        ));
    } else if body.chars().count() > 20_000 {
        errors.push(FieldError::new(
            "body",
            "Keep the text under 20,000 characters (about six printed pages).",
        ));
    }
    if errors.is_empty() {
        Ok((title, condition, body))
    } else {
        Err(Error::Invalid(errors))
    }
}

impl Clinic {
    /// The clinic's handouts by title; archived ones only when asked for.
    pub fn list_handouts(&self, actor: &Actor, include_archived: bool) -> Result<Vec<Handout>> {
        actor.require(Operation::ReadHandouts)?;
        self.read_db(|db| {
            db.query(
                &format!("{SELECT} WHERE ?1 OR h.archived = 0 ORDER BY h.archived, h.title"),
                sql_params![include_archived],
            )?
            .iter()
            .map(from_row)
            .collect()
        })
    }

    /// Creates a handout, or changes one (its text, or archiving and restoring it).
    pub fn save_handout(&self, actor: &Actor, input: &HandoutInput) -> Result<Handout> {
        actor.require(Operation::ManageHandouts)?;
        let (title, condition, body) = check(input)?;
        let now = Utc::now().to_rfc3339();
        self.write_db(|db| {
            let taken: Option<HandoutId> = db
                .query_opt(
                    "SELECT id FROM condition_handouts WHERE title = ?1",
                    sql_params![title],
                )?
                .map(|r| r.get("id"))
                .transpose()?;
            if taken.is_some_and(|t| Some(t) != input.id) {
                return Err(Error::invalid(
                    "title",
                    format!("There is already a handout called “{title}”: choose another title, or edit that one."),
                ));
            }
            let by = actor.user_id();
            let (id, action) = match input.id {
                Some(id) => {
                    let before = load(db, id)?;
                    db.execute(
                        "UPDATE condition_handouts SET title = ?1, condition = ?2, body = ?3,
                                archived = ?4, updated_at = ?5, updated_by = ?6 WHERE id = ?7",
                        sql_params![title, condition, body, input.archived, now, by, id],
                    )?;
                    let action = match (before.archived, input.archived) {
                        (false, true) => Action::Archive,
                        (true, false) => Action::Unarchive,
                        _ => Action::Update,
                    };
                    (id, action)
                }
                None => {
                    let id = db.insert_returning_id(
                        "INSERT INTO condition_handouts
                             (title, condition, body, archived, updated_at, updated_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
                        sql_params![title, condition, body, input.archived, now, by],
                    )?;
                    (HandoutId(id), Action::Create)
                }
            };
            audit::record(db, Some(actor), action, "handout", Some(id.to_string()))?;
            load(db, id)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_splits_into_headings_paragraphs_and_bullets() {
        let blocks = handout_blocks(
            "# What it is\nPain down the leg\nthat comes and goes.\n\n- Walk daily\n• Keep warm\n\nLast words.",
        );
        assert_eq!(
            blocks,
            vec![
                HandoutBlock::Heading("What it is".into()),
                HandoutBlock::Paragraph("Pain down the leg that comes and goes.".into()),
                HandoutBlock::Bullet("Walk daily".into()),
                HandoutBlock::Bullet("Keep warm".into()),
                HandoutBlock::Paragraph("Last words.".into()),
            ]
        );
    }

    #[test]
    fn blank_titles_and_bodies_are_refused_with_their_fields() {
        let err = check(&HandoutInput {
            title: "  ".into(),
            body: "\n".into(),
            ..Default::default()
        })
        .err();
        let Some(Error::Invalid(fields)) = err else {
            panic!("expected field errors, got {err:?}");
        };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["title", "body"]);
    }
}
