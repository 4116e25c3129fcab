//! The one clock of the server: every "now", and through `AppConfig::today` the shop's
//! "today", comes from here. Tests (and only they, through the test hooks) may move it, to
//! run date-sensitive flows at the awkward hours, such as 00:30 in the shop's time zone
//! while it is still yesterday in UTC.
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::sync::atomic::{AtomicI64, Ordering};

/// How far the clock is moved from the machine's, in milliseconds (0 outside tests).
static SHIFT_MS: AtomicI64 = AtomicI64::new(0);

pub fn now() -> DateTime<Utc> {
    Utc::now() + Duration::milliseconds(SHIFT_MS.load(Ordering::Relaxed))
}

/// Today's date in a time zone, by this clock.
pub fn today_in(tz: chrono_tz::Tz) -> NaiveDate {
    now().with_timezone(&tz).date_naive()
}

/// Moves the clock so that it reads `at` now (and runs on from there); `None` puts it back.
pub fn set(at: Option<DateTime<Utc>>) {
    let shift = at.map_or(0, |t| (t - Utc::now()).num_milliseconds());
    SHIFT_MS.store(shift, Ordering::Relaxed);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_moved_clock_gives_the_shops_date() {
        // 00:30 in Kolkata is 19:00 UTC of the day before.
        let at = DateTime::parse_from_rfc3339("2026-12-02T19:00:00Z").unwrap().with_timezone(&Utc);
        set(Some(at));
        assert_eq!(today_in(chrono_tz::Asia::Kolkata), NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
        assert_eq!(now().date_naive(), NaiveDate::from_ymd_opt(2026, 12, 2).unwrap());
        assert!((now() - at).num_seconds().abs() < 5);
        set(None);
        assert!((now() - Utc::now()).num_seconds().abs() < 1);
    }
}
