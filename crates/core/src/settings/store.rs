//! Every statement on `clinic_settings` (one row, `id = 1`). The features that keep their
//! settings in it (schedule, documents, the logo, security) validate their values
//! themselves and read and write through these functions.

use crate::db::Db;
use crate::error::{Error, Result};
use crate::sql_params;

/// The clinic's first settings row, made when the database is set up.
/// Whether the clinic has been set up (its settings row exists).
pub(crate) fn exists(db: &Db<'_>) -> Result<bool> {
    Ok(db
        .query_opt("SELECT id FROM clinic_settings WHERE id = 1", sql_params![])?
        .is_some())
}

pub(crate) fn create<'c>(
    db: impl Into<Db<'c>>,
    name: &str,
    time_zone: &str,
    date_format: &str,
    created_at: &str,
) -> Result<()> {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random)
        .map_err(|e| Error::Internal(format!("no randomness for the clinic's identifier: {e}")))?;
    db.into().execute(
        "INSERT INTO clinic_settings (id, name, time_zone, date_format, created_at, uid)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        sql_params![
            name,
            time_zone,
            date_format,
            created_at,
            hex::encode(random)
        ],
    )?;
    Ok(())
}

/// The clinic's random identifier (made at set-up or by migration 0010), which keeps its
/// exported calendar events apart from another clinic's.
pub(crate) fn uid<'c>(db: impl Into<Db<'c>>) -> Result<String> {
    let uid: String = db
        .into()
        .query_one(
            "SELECT uid FROM clinic_settings WHERE id = 1",
            sql_params![],
        )?
        .get("uid")?;
    if uid.len() != 32 || !uid.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Error::Internal(format!(
            "the clinic's identifier is damaged ({uid:?})"
        )));
    }
    Ok(uid)
}

/// The general settings as stored: name, zone, date format, idle lock.
pub(crate) struct GeneralRow {
    pub name: String,
    pub time_zone: String,
    pub date_format: String,
    pub idle_lock_seconds: i64,
}

pub(crate) fn general<'c>(db: impl Into<Db<'c>>) -> Result<GeneralRow> {
    let row = db.into().query_one(
        "SELECT name, time_zone, date_format, idle_lock_seconds FROM clinic_settings WHERE id = 1",
        sql_params![],
    )?;
    Ok(GeneralRow {
        name: row.get("name")?,
        time_zone: row.get("time_zone")?,
        date_format: row.get("date_format")?,
        idle_lock_seconds: row.get("idle_lock_seconds")?,
    })
}

/// The clinic's name, or `None` when the file has no settings row (not a clinic database).
pub(crate) fn clinic_name<'c>(db: impl Into<Db<'c>>) -> Result<Option<String>> {
    db.into()
        .query_opt(
            "SELECT name FROM clinic_settings WHERE id = 1",
            sql_params![],
        )?
        .map(|r| r.get("name"))
        .transpose()
}

pub(crate) fn set_idle_lock_seconds<'c>(db: impl Into<Db<'c>>, seconds: u32) -> Result<()> {
    db.into().execute(
        "UPDATE clinic_settings SET idle_lock_seconds = ?1 WHERE id = 1",
        sql_params![seconds],
    )?;
    Ok(())
}

pub(crate) fn idle_lock_seconds<'c>(db: impl Into<Db<'c>>) -> Result<i64> {
    db.into()
        .query_one(
            "SELECT idle_lock_seconds FROM clinic_settings WHERE id = 1",
            sql_params![],
        )?
        .get("idle_lock_seconds")
}

pub(crate) fn late_cancel_notice_hours<'c>(db: impl Into<Db<'c>>) -> Result<u32> {
    db.into()
        .query_one(
            "SELECT late_cancel_notice_hours FROM clinic_settings WHERE id = 1",
            sql_params![],
        )?
        .get("late_cancel_notice_hours")
}

pub(crate) fn set_schedule<'c>(
    db: impl Into<Db<'c>>,
    time_zone: &str,
    notice_hours: u32,
) -> Result<()> {
    db.into().execute(
        "UPDATE clinic_settings SET time_zone = ?1, late_cancel_notice_hours = ?2 WHERE id = 1",
        sql_params![time_zone, notice_hours],
    )?;
    Ok(())
}

pub(crate) fn logo_png<'c>(db: impl Into<Db<'c>>) -> Result<Option<Vec<u8>>> {
    db.into()
        .query_one(
            "SELECT logo_png FROM clinic_settings WHERE id = 1",
            sql_params![],
        )?
        .get("logo_png")
}

/// Replaces the logo; `None` takes it off the letterhead.
pub(crate) fn set_logo_png<'c>(db: impl Into<Db<'c>>, png: Option<&[u8]>) -> Result<()> {
    db.into().execute(
        "UPDATE clinic_settings SET logo_png = ?1 WHERE id = 1",
        sql_params![png],
    )?;
    Ok(())
}

/// The letterhead's columns as stored (the documents module gives them meaning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LetterheadRow {
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub tax_id: Option<String>,
    pub npi: Option<String>,
    pub paper_size: String,
    pub currency_symbol: String,
}

pub(crate) fn letterhead<'c>(db: impl Into<Db<'c>>) -> Result<LetterheadRow> {
    let r = db.into().query_one(
        "SELECT address, phone, email, tax_id, npi, paper_size, currency_symbol
         FROM clinic_settings WHERE id = 1",
        sql_params![],
    )?;
    Ok(LetterheadRow {
        address: r.get("address")?,
        phone: r.get("phone")?,
        email: r.get("email")?,
        tax_id: r.get("tax_id")?,
        npi: r.get("npi")?,
        paper_size: r.get("paper_size")?,
        currency_symbol: r.get("currency_symbol")?,
    })
}

pub(crate) fn set_letterhead<'c>(db: impl Into<Db<'c>>, row: &LetterheadRow) -> Result<()> {
    db.into().execute(
        "UPDATE clinic_settings SET address = ?1, phone = ?2, email = ?3, tax_id = ?4,
                npi = ?5, paper_size = ?6, currency_symbol = ?7 WHERE id = 1",
        sql_params![
            row.address,
            row.phone,
            row.email,
            row.tax_id,
            row.npi,
            row.paper_size,
            row.currency_symbol,
        ],
    )?;
    Ok(())
}
