//! Which automatic backups to keep: the newest of each of the last `keep_daily` days that
//! have a backup, then the newest of each of the `keep_weekly` weeks before those. Days and
//! weeks are the clinic's, in its time zone.

use std::collections::HashSet;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::BackupInfo;

/// The backups in `backups` (any order) that the rule does not keep.
pub fn to_prune(
    backups: &[BackupInfo],
    keep_daily: u32,
    keep_weekly: u32,
    tz: Tz,
) -> Vec<BackupInfo> {
    let mut newest_first: Vec<&BackupInfo> = backups.iter().collect();
    newest_first.sort_by_key(|b| std::cmp::Reverse(b.created_at));
    let day = |b: &BackupInfo| -> NaiveDate { b.created_at.with_timezone(&tz).date_naive() };
    let week = |d: NaiveDate| {
        let w = d.iso_week();
        (w.year(), w.week())
    };

    let mut kept: HashSet<&str> = HashSet::new();
    let mut days: Vec<NaiveDate> = Vec::new();
    for b in &newest_first {
        let d = day(b);
        if days.contains(&d) {
            continue;
        }
        if days.len() as u32 == keep_daily {
            break;
        }
        days.push(d);
        kept.insert(&b.file_name);
    }
    let mut weeks: HashSet<(i32, u32)> = days.iter().map(|d| week(*d)).collect();
    let mut added_weeks = 0;
    for b in &newest_first {
        if added_weeks == keep_weekly {
            break;
        }
        let w = week(day(b));
        if weeks.insert(w) {
            kept.insert(&b.file_name);
            added_weeks += 1;
        }
    }
    newest_first
        .into_iter()
        .filter(|b| !kept.contains(b.file_name.as_str()))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{file_name, BackupKind};
    use chrono::{Duration, TimeZone, Utc};

    fn auto(at: chrono::DateTime<Utc>) -> BackupInfo {
        BackupInfo {
            file_name: file_name(at, BackupKind::Automatic),
            path: String::new(),
            kind: BackupKind::Automatic,
            created_at: at,
            size_bytes: 1,
        }
    }

    #[test]
    fn sixty_days_of_daily_backups_keep_seven_days_and_four_older_weeks() {
        let Some(start) = Utc.with_ymd_and_hms(2026, 1, 1, 3, 0, 0).single() else {
            panic!("start date")
        };
        let all: Vec<BackupInfo> = (0..60).map(|d| auto(start + Duration::days(d))).collect();
        let pruned = to_prune(&all, 7, 4, chrono_tz::UTC);
        let kept: Vec<&BackupInfo> = all
            .iter()
            .filter(|b| !pruned.iter().any(|p| p.file_name == b.file_name))
            .collect();
        assert_eq!(kept.len(), 11, "7 daily + 4 weekly");
        let newest = start + Duration::days(59);
        for d in 0..7 {
            let at = newest - Duration::days(d);
            assert!(kept.iter().any(|b| b.created_at == at), "day -{d} kept");
        }
        // The four weekly ones each sit in a different, older ISO week.
        let older: Vec<_> = kept
            .iter()
            .filter(|b| b.created_at < newest - Duration::days(6))
            .map(|b| b.created_at.date_naive().iso_week())
            .collect();
        assert_eq!(older.len(), 4);
        let distinct: HashSet<_> = older.iter().map(|w| (w.year(), w.week())).collect();
        assert_eq!(distinct.len(), 4);
        assert!(kept
            .iter()
            .all(|b| b.created_at > newest - Duration::days(7 + 5 * 7)));
    }

    #[test]
    fn several_backups_on_one_day_keep_only_that_days_newest() {
        let Some(day) = Utc.with_ymd_and_hms(2026, 3, 10, 8, 0, 0).single() else {
            panic!("date")
        };
        let all: Vec<BackupInfo> = (0..5).map(|h| auto(day + Duration::hours(h))).collect();
        let pruned = to_prune(&all, 7, 4, chrono_tz::UTC);
        assert_eq!(pruned.len(), 4);
        assert!(!pruned
            .iter()
            .any(|b| b.created_at == day + Duration::hours(4)));
    }

    #[test]
    fn days_follow_the_clinics_time_zone() {
        // 23:30 and 00:30 Toronto time are two days there, one day in UTC.
        let tz: Tz = chrono_tz::America::Toronto;
        let Some(a) = tz.with_ymd_and_hms(2026, 6, 1, 23, 30, 0).single() else {
            panic!("date")
        };
        let a = a.with_timezone(&Utc);
        let b = a + Duration::hours(1);
        let pruned = to_prune(&[auto(a), auto(b)], 7, 0, tz);
        assert!(pruned.is_empty());
        let pruned_utc = to_prune(&[auto(a), auto(b)], 7, 0, chrono_tz::UTC);
        assert_eq!(pruned_utc.len(), 1, "03:30Z and 04:30Z are one UTC day");
    }
}
