//! The clinic's letterhead and billing identifiers, and its paper size.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PaperSize;
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DocumentSettings {
    /// Street address; line breaks are kept on the letterhead.
    #[ts(optional = nullable)]
    pub address: Option<String>,
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[ts(optional = nullable)]
    pub email: Option<String>,
    /// Tax id (EIN or the local equivalent) for superbills.
    #[ts(optional = nullable)]
    pub tax_id: Option<String>,
    /// The clinic's (group) NPI for superbills.
    #[ts(optional = nullable)]
    pub npi: Option<String>,
    pub paper_size: PaperSize,
    /// Printed before amounts, e.g. "$", "€", "CA$".
    pub currency_symbol: String,
}

type Text = Option<String>;
type SettingsRow = (Text, Text, Text, Text, Text, String, String);

pub(crate) fn load(conn: &Connection) -> Result<DocumentSettings> {
    let row: SettingsRow = conn.query_row(
        "SELECT address, phone, email, tax_id, npi, paper_size, currency_symbol
             FROM clinic_settings WHERE id = 1",
        [],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )?;
    let paper_size = PaperSize::parse(&row.5)
        .ok_or_else(|| Error::Internal(format!("stored paper size {:?} is unknown", row.5)))?;
    Ok(DocumentSettings {
        address: row.0,
        phone: row.1,
        email: row.2,
        tax_id: row.3,
        npi: row.4,
        paper_size,
        currency_symbol: row.6,
    })
}

fn tidy(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

impl Clinic {
    pub fn document_settings(&self, actor: &Actor) -> Result<DocumentSettings> {
        actor.require(Operation::ReadClinicSettings)?;
        self.read(load)
    }

    /// Changes the letterhead, billing identifiers and paper size.
    pub fn update_document_settings(
        &self,
        actor: &Actor,
        input: &DocumentSettings,
    ) -> Result<DocumentSettings> {
        actor.require(Operation::ManageClinicSettings)?;
        let mut errors = Vec::new();
        let symbol = input.currency_symbol.trim();
        if symbol.is_empty() || symbol.chars().count() > 4 {
            errors.push(FieldError::new(
                "currency_symbol",
                "Write the currency symbol printed before amounts, e.g. $ or €.",
            ));
        }
        for (field, value, max) in [
            ("address", &input.address, 300),
            ("phone", &input.phone, 40),
            ("email", &input.email, 120),
            ("tax_id", &input.tax_id, 40),
            ("npi", &input.npi, 20),
        ] {
            if value
                .as_deref()
                .is_some_and(|v| v.trim().chars().count() > max)
            {
                errors.push(FieldError::new(
                    field,
                    format!("Keep this to {max} characters or fewer."),
                ));
            }
        }
        if let Some(npi) = tidy(&input.npi) {
            if npi.len() != 10 || !npi.chars().all(|c| c.is_ascii_digit()) {
                errors.push(FieldError::new("npi", "An NPI is 10 digits."));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE clinic_settings SET address = ?1, phone = ?2, email = ?3, tax_id = ?4,
                        npi = ?5, paper_size = ?6, currency_symbol = ?7 WHERE id = 1",
                rusqlite::params![
                    tidy(&input.address),
                    tidy(&input.phone),
                    tidy(&input.email),
                    tidy(&input.tax_id),
                    tidy(&input.npi),
                    input.paper_size.as_str(),
                    symbol,
                ],
            )?;
            audit::record(
                tx,
                Some(actor),
                Action::ChangeSettings,
                "clinic_settings",
                None,
            )?;
            load(tx)
        })
    }
}
