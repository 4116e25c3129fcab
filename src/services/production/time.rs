//! Conversions between stored UTC timestamps and the scheduler's shop-local minutes.
use crate::domain::scheduler::{datetime_of, minute_of, Minute};
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Tz;

pub fn to_minute(ts: DateTime<Utc>, tz: Tz) -> Minute {
    minute_of(ts.with_timezone(&tz).naive_local())
}

pub fn from_minute(m: Minute, tz: Tz) -> Option<DateTime<Utc>> {
    let local = datetime_of(m)?;
    tz.from_local_datetime(&local).earliest().map(|d| d.with_timezone(&Utc))
}

/// "2026-11-25T10:30:00" in shop-local time, for charts.
pub fn local_iso(ts: DateTime<Utc>, tz: Tz) -> String {
    ts.with_timezone(&tz).naive_local().format("%Y-%m-%dT%H:%M:%S").to_string()
}

pub fn local_short(ts: DateTime<Utc>, tz: Tz) -> String {
    ts.with_timezone(&tz).format("%a %d %b, %H:%M").to_string()
}

/// End of the shop day of a due date (19:00 local), when work is promised.
pub fn due_minute(d: chrono::NaiveDate) -> Minute {
    minute_of(d.and_hms_opt(19, 0, 0).unwrap_or_default())
}
