//! Clinic-wide settings: name, time zone, how dates are written.

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{self, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::Db;
use crate::error::{Error, Result};

pub(crate) mod store;

/// The shortest and longest idle times before the screen locks.
pub const IDLE_LOCK_SECONDS: std::ops::RangeInclusive<u32> = 5..=4 * 60 * 60;

/// How the clinic writes dates; decides how an ambiguous `03/07/1984` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// 07/03/1984
    Dmy,
    /// 03/07/1984
    Mdy,
    /// 1984-03-07
    Ymd,
}

impl DateFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            DateFormat::Dmy => "dmy",
            DateFormat::Mdy => "mdy",
            DateFormat::Ymd => "ymd",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [DateFormat::Dmy, DateFormat::Mdy, DateFormat::Ymd]
            .into_iter()
            .find(|f| f.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ClinicSettings {
    pub name: String,
    /// IANA zone, e.g. `America/Toronto`.
    pub time_zone: String,
    pub date_format: DateFormat,
    /// Seconds without keyboard or mouse activity before the window locks (default 300).
    pub idle_lock_seconds: u32,
}

/// What an admin may change about how sessions are protected.
#[derive(Default, Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct SecuritySettings {
    pub idle_lock_seconds: u32,
}

pub fn parse_time_zone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

/// Every IANA zone name this build knows, for the setup form's picker.
pub fn time_zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

/// The computer's own zone, offered as the default at setup.
pub fn system_time_zone() -> String {
    iana_time_zone::get_timezone()
        .ok()
        .filter(|tz| parse_time_zone(tz).is_some())
        .unwrap_or_else(|| "UTC".to_owned())
}

pub(crate) fn load<'c>(db: impl Into<Db<'c>>) -> Result<ClinicSettings> {
    let store::GeneralRow {
        name,
        time_zone,
        date_format: format,
        idle_lock_seconds: idle,
    } = store::general(db)?;
    let idle_lock_seconds = u32::try_from(idle)
        .map_err(|_| Error::Internal(format!("stored idle lock time {idle} is impossible")))?;
    let date_format = DateFormat::parse(&format)
        .ok_or_else(|| Error::Internal(format!("stored date format {format:?} is unknown")))?;
    Ok(ClinicSettings {
        name,
        time_zone,
        date_format,
        idle_lock_seconds,
    })
}

impl Clinic {
    pub fn settings(&self, actor: &Actor) -> Result<ClinicSettings> {
        actor.require(Operation::ReadClinicSettings)?;
        self.read_db(|db| load(db))
    }

    /// Changes how long the window may stay idle before it locks.
    pub fn update_security_settings(
        &self,
        actor: &Actor,
        input: &SecuritySettings,
    ) -> Result<ClinicSettings> {
        actor.require(Operation::ManageClinicSettings)?;
        if !IDLE_LOCK_SECONDS.contains(&input.idle_lock_seconds) {
            return Err(Error::invalid(
                "idle_lock_seconds",
                "Choose an idle time from 5 seconds to 4 hours (240 minutes).",
            ));
        }
        self.write_db(|db| {
            store::set_idle_lock_seconds(db, input.idle_lock_seconds)?;
            audit::record(db, Some(actor), Action::Update, "clinic_settings", None)?;
            load(db)
        })
    }

    /// The clinic's name for the sign-in screen; shown before anyone signs in.
    pub fn display_name(&self) -> Result<String> {
        self.read_db(|db| Ok(load(db)?.name))
    }
}
