//! The clinic's letterhead and billing identifiers, and its paper size.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PaperSize;
use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, FieldError, Result};
use crate::settings::store::{letterhead, set_letterhead, LetterheadRow};
use crate::text::{self, Lines};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
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

pub(crate) fn load(db: &Db<'_>) -> Result<DocumentSettings> {
    let row = letterhead(db)?;
    let paper_size = PaperSize::parse(&row.paper_size).ok_or_else(|| {
        Error::Internal(format!("stored paper size {:?} is unknown", row.paper_size))
    })?;
    Ok(DocumentSettings {
        address: row.address,
        phone: row.phone,
        email: row.email,
        tax_id: row.tax_id,
        npi: row.npi,
        paper_size,
        currency_symbol: row.currency_symbol,
    })
}

impl Clinic {
    pub fn document_settings(&self, actor: &Actor) -> Result<DocumentSettings> {
        actor.require(Operation::ReadClinicSettings)?;
        self.read_db(load)
    }

    /// Changes the letterhead, billing identifiers and paper size.
    pub fn update_document_settings(
        &self,
        actor: &Actor,
        input: &DocumentSettings,
    ) -> Result<DocumentSettings> {
        actor.require(Operation::ManageClinicSettings)?;
        // The letterhead is free text like any other: the one text policy, with its limits.
        let mut errors = Vec::new();
        let fields = [
            (
                "address",
                "The address",
                input.address.as_deref(),
                Lines::Many,
                300,
            ),
            (
                "phone",
                "The phone number",
                input.phone.as_deref(),
                Lines::One,
                40,
            ),
            (
                "email",
                "The email address",
                input.email.as_deref(),
                Lines::One,
                120,
            ),
            (
                "tax_id",
                "The tax id",
                input.tax_id.as_deref(),
                Lines::One,
                40,
            ),
            ("npi", "The NPI", input.npi.as_deref(), Lines::One, 20),
            (
                "currency_symbol",
                "The currency symbol",
                Some(input.currency_symbol.as_str()),
                Lines::One,
                4,
            ),
        ];
        let [address, phone, email, tax_id, npi, symbol] =
            fields.map(|(name, label, value, lines, max_chars)| {
                let policy = text::Policy { lines, max_chars };
                text::check(label, value.unwrap_or(""), policy).unwrap_or_else(|problem| {
                    errors.push(FieldError::new(name, problem));
                    None
                })
            });
        if symbol.is_none() && !errors.iter().any(|e| e.field == "currency_symbol") {
            errors.push(FieldError::new(
                "currency_symbol",
                "Write the currency symbol printed before amounts, e.g. $ or €.",
            ));
        }
        if let Some(npi) = &npi {
            if npi.len() != 10 || !npi.chars().all(|c| c.is_ascii_digit()) {
                errors.push(FieldError::new("npi", "An NPI is 10 digits."));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let symbol = symbol.unwrap_or_default();
        self.write_db(|db| {
            set_letterhead(
                db,
                &LetterheadRow {
                    address,
                    phone,
                    email,
                    tax_id,
                    npi,
                    paper_size: input.paper_size.as_str().to_owned(),
                    currency_symbol: symbol,
                },
            )?;
            audit::record(
                db,
                Some(actor),
                Action::ChangeSettings,
                "clinic_settings",
                None,
            )?;
            load(db)
        })
    }
}
