//! Reading the log for the admin screen and the CLI, and exporting it as CSV (an export that is
//! itself recorded).

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{record, Action};
use crate::auth::{Actor, Operation};
use crate::clinic::Clinic;
use crate::db::{Db, ToValue, Value};
use crate::error::{Error, FieldError, Result};
use crate::files::spreadsheet::SafeCsv;
use crate::files::Overwrite;
use crate::ids::{PatientId, UserId};
use crate::schedule::time::clinic_zone;

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

/// Which rows to show; every part is optional. Dates are the clinic's own days, inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AuditFilter {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub user_id: Option<UserId>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub patient_id: Option<PatientId>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub action: Option<Action>,
    /// `YYYY-MM-DD`, the first day shown.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub from: Option<String>,
    /// `YYYY-MM-DD`, the last day shown.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub to: Option<String>,
    /// Paging: only rows older than this id (the last id of the page before).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub before_id: Option<i64>,
    /// Rows per page (default 100, at most 1,000).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub limit: Option<u32>,
}

/// One row as the audit screen shows it: who, when, what. Never clinical content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditEntry {
    pub id: i64,
    /// RFC 3339, UTC.
    pub at: String,
    /// The same moment in the clinic's time zone, `YYYY-MM-DD HH:MM:SS`.
    pub at_local: String,
    pub user_id: Option<UserId>,
    pub user_name: Option<String>,
    pub username: Option<String>,
    pub action: String,
    /// The record type (`patient`, `visit_note`, `user`, …).
    pub entity: String,
    pub entity_id: Option<String>,
    pub patient_id: Option<PatientId>,
    pub patient_chart_number: Option<i64>,
    /// "Family, Given" for the admin's screen (blurred in privacy mode); not in the CSV.
    pub patient_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditPage {
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// More rows match: ask again with `before_id` = the last entry's id.
    pub has_more: bool,
}

/// A written CSV export of the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditExport {
    pub path: String,
    pub rows: u32,
}

fn parse_day(field: &str, text: &str) -> std::result::Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| FieldError::new(field, "Write the date as YYYY-MM-DD."))
}

/// The UTC instant at which `day` starts in the clinic's zone.
fn start_of(day: NaiveDate, tz: Tz) -> String {
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    let local = tz
        .from_local_datetime(&midnight)
        .earliest()
        // A zone whose clocks skip midnight: the day starts at the first hour that exists.
        .or_else(|| {
            tz.from_local_datetime(&(midnight + chrono::TimeDelta::hours(1)))
                .earliest()
        });
    match local {
        Some(t) => t.with_timezone(&Utc).to_rfc3339(),
        None => Utc.from_utc_datetime(&midnight).to_rfc3339(),
    }
}

struct Where {
    sql: String,
    params: Vec<Value>,
}

fn build_where(f: &AuditFilter, tz: Tz) -> Result<Where> {
    let mut clauses = Vec::new();
    let mut params = Vec::new();
    let mut errors = Vec::new();
    let mut add = |clause: &str, value: Value| {
        params.push(value);
        clauses.push(clause.replace('?', &format!("?{}", params.len())));
    };
    if let Some(u) = f.user_id {
        add("a.user_id = ?", Value::Integer(u.0));
    }
    if let Some(p) = f.patient_id {
        add("a.patient_id = ?", Value::Integer(p.0));
    }
    if let Some(action) = f.action {
        add("a.action = ?", Value::Text(action.as_str().into()));
    }
    if let Some(before) = f.before_id {
        add("a.id < ?", Value::Integer(before));
    }
    let from = f.from.as_deref().filter(|s| !s.trim().is_empty());
    let to = f.to.as_deref().filter(|s| !s.trim().is_empty());
    let from = from
        .map(|s| parse_day("from", s))
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    let to = to
        .map(|s| parse_day("to", s))
        .transpose()
        .unwrap_or_else(|e| {
            errors.push(e);
            None
        });
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            errors.push(FieldError::new(
                "to",
                "The last day comes before the first.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    // The time index finds the first and last row of the range, and the rows are then read
    // newest first by id, so a page stops after its rows however many the range holds. The
    // id bounds are exact even if the clock once went back: every row at or after `from` has
    // an id at least the smallest such id. `a.at || ''` keeps the planner off the time index
    // (on both engines: an expression is not the indexed column).
    if let Some(day) = from {
        let at = Value::Text(start_of(day, tz));
        add(
            "a.id >= (SELECT coalesce(min(id), 9223372036854775807) FROM audit_log WHERE at >= ?)",
            at.clone(),
        );
        add("(a.at || '') >= ?", at);
    }
    if let Some(day) = to.and_then(|d| d.succ_opt()) {
        let at = Value::Text(start_of(day, tz));
        add(
            "a.id <= (SELECT coalesce(max(id), -1) FROM audit_log WHERE at < ?)",
            at.clone(),
        );
        add("(a.at || '') < ?", at);
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    Ok(Where { sql, params })
}

const SELECT: &str = "SELECT a.id, a.at, a.user_id, u.display_name, u.username, a.action,
        a.entity, a.entity_id, a.patient_id, p.chart_number, p.family_name, p.given_name
     FROM audit_log a
     LEFT JOIN users u ON u.id = a.user_id
     LEFT JOIN patients p ON p.id = a.patient_id";

fn load(db: &Db<'_>, f: &AuditFilter, limit: Option<u32>) -> Result<Vec<AuditEntry>> {
    let tz = clinic_zone(db)?;
    let w = build_where(f, tz)?;
    let limit_sql = limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    let params: Vec<&dyn ToValue> = w.params.iter().map(|v| v as &dyn ToValue).collect();
    let mut entries = Vec::new();
    db.for_each(
        &format!("{SELECT} {} ORDER BY a.id DESC{limit_sql}", w.sql),
        &params,
        |r| {
            let at: String = r.get("at")?;
            let family: Option<String> = r.get("family_name")?;
            let given: Option<String> = r.get("given_name")?;
            entries.push(AuditEntry {
                id: r.get("id")?,
                at_local: DateTime::parse_from_rfc3339(&at)
                    .map(|t| t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string())
                    .unwrap_or_else(|_| at.clone()),
                at,
                user_id: r.get::<Option<i64>>("user_id")?.map(UserId),
                user_name: r.get("display_name")?,
                username: r.get("username")?,
                action: r.get("action")?,
                entity: r.get("entity")?,
                entity_id: r.get("entity_id")?,
                patient_id: r.get::<Option<i64>>("patient_id")?.map(PatientId),
                patient_chart_number: r.get("chart_number")?,
                patient_name: family.zip(given).map(|(f, g)| format!("{f}, {g}")),
            });
            Ok(())
        },
    )?;
    Ok(entries)
}

fn to_csv(entries: &[AuditEntry]) -> Result<String> {
    let mut w = SafeCsv::from_writer(Vec::new());
    let csv_err = |e: csv::Error| Error::Internal(format!("writing the CSV: {e}"));
    w.write_record([
        "id",
        "at_utc",
        "at_local",
        "user_id",
        "username",
        "action",
        "record_type",
        "record_id",
        "patient_id",
        "chart_number",
    ])
    .map_err(csv_err)?;
    let text = |v: Option<String>| v.unwrap_or_default();
    for e in entries.iter().rev() {
        w.write_record([
            e.id.to_string(),
            e.at.clone(),
            e.at_local.clone(),
            text(e.user_id.map(|u| u.to_string())),
            text(e.username.clone()),
            e.action.clone(),
            e.entity.clone(),
            text(e.entity_id.clone()),
            text(e.patient_id.map(|p| p.to_string())),
            text(e.patient_chart_number.map(|c| c.to_string())),
        ])
        .map_err(csv_err)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))
}

impl Clinic {
    /// One page of the log, newest first.
    pub fn list_audit(&self, actor: &Actor, filter: &AuditFilter) -> Result<AuditPage> {
        actor.require(Operation::ReadAuditLog)?;
        let limit = filter.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
        self.read_db(|db| {
            let mut entries = load(db, filter, Some(limit + 1))?;
            let has_more = entries.len() > limit as usize;
            entries.truncate(limit as usize);
            Ok(AuditPage { entries, has_more })
        })
    }

    /// Every row matching `filter` as CSV, oldest first (patients by id and chart number, not
    /// by name). The export is recorded in the log, after the rows it contains.
    pub fn export_audit_csv(&self, actor: &Actor, filter: &AuditFilter) -> Result<(String, u32)> {
        actor.require(Operation::ExportAuditLog)?;
        let unpaged = AuditFilter {
            before_id: None,
            limit: None,
            ..filter.clone()
        };
        self.write_db(|db| {
            let entries = load(db, &unpaged, None)?;
            let rows = u32::try_from(entries.len()).unwrap_or(u32::MAX);
            record(
                db,
                Some(actor),
                Action::Export,
                "audit_log",
                Some(format!("{rows} rows")),
            )?;
            Ok((to_csv(&entries)?, rows))
        })
    }
}

impl Clinic {
    /// Writes the CSV export into `dir` (created if needed) as `audit-log-<time>.csv`.
    pub fn export_audit_to(
        &self,
        actor: &Actor,
        filter: &AuditFilter,
        dir: &std::path::Path,
    ) -> Result<AuditExport> {
        let (csv, rows) = self.export_audit_csv(actor, filter)?;
        let name = format!("audit-log-{}.csv", Utc::now().format("%Y%m%d-%H%M%S"));
        let [file] = <[_; 1]>::try_from(self.output_folder(dir, &[&name], Overwrite::Refuse)?)
            .map_err(|_| Error::Internal("one export file expected".into()))?;
        file.write(csv.as_bytes())?;
        Ok(AuditExport {
            path: file.path().display().to_string(),
            rows,
        })
    }
}
