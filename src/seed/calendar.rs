//! The seeded period in shop-local time: how many orders each day gets (season, weekday,
//! growth) and working-hours timestamps.
use super::pick::Rng;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, TimeZone, Utc, Weekday};
use sea_orm::sea_query::Value;
use chrono_tz::Tz;
use rand::Rng as _;

/// Counter opens 09:30 and closes 20:30 (minutes after midnight).
pub const OPEN_MIN: u32 = 9 * 60 + 30;
pub const CLOSE_MIN: u32 = 20 * 60 + 30;

/// Overall order volume per month (Jan..Dec): Diwali and wedding season busy, monsoon quiet.
const MONTH_VOLUME: [f64; 12] = [1.10, 1.05, 1.05, 0.95, 1.0, 1.0, 0.70, 0.72, 0.95, 1.40, 1.35, 1.15];

#[derive(Debug, Clone)]
pub struct Clock {
    pub tz: Tz,
    /// Shop-local "now".
    pub now: NaiveDateTime,
    pub today: NaiveDate,
    /// First day of the seeded period.
    pub start: NaiveDate,
    /// Write dates as text (SQLite), formatted exactly as sqlx stores them.
    pub text_dates: bool,
}

impl Clock {
    pub fn new(now_utc: DateTime<Utc>, tz: Tz, months: u32) -> Clock {
        let now = now_utc.with_timezone(&tz).naive_local();
        let today = now.date();
        let start = today.checked_sub_months(Months::new(months.max(1))).unwrap_or(today) + Duration::days(1);
        Clock { tz, now, today, start, text_dates: false }
    }

    /// Shop-local time to UTC (the earlier instant when a DST change makes it ambiguous).
    pub fn utc(&self, t: NaiveDateTime) -> DateTime<Utc> {
        match self.tz.from_local_datetime(&t).earliest() {
            Some(l) => l.with_timezone(&Utc),
            None => (t + Duration::hours(1)).and_utc(),
        }
    }

    /// A shop-local time as a database value. On SQLite the text is formatted here, on the
    /// generator's thread, instead of on the writer's.
    pub fn ts(&self, t: NaiveDateTime) -> Value {
        let utc = self.utc(t);
        if self.text_dates {
            Value::from(utc.to_rfc3339_opts(SecondsFormat::AutoSi, false))
        } else {
            Value::from(utc)
        }
    }

    pub fn day(&self, d: NaiveDate) -> Value {
        if self.text_dates {
            Value::from(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        } else {
            Value::from(d)
        }
    }

    fn day_weight(&self, d: NaiveDate) -> f64 {
        let total = (self.today - self.start).num_days().max(1) as f64;
        let growth = 0.85 + 0.3 * (d - self.start).num_days() as f64 / total;
        let weekday = match d.weekday() {
            Weekday::Sun => 0.3,
            Weekday::Sat => 0.9,
            Weekday::Fri => 1.05,
            _ => 1.0,
        };
        let mut w = MONTH_VOLUME[d.month0() as usize] * weekday * growth;
        if d == self.today {
            // Only the part of today that has passed.
            w *= self.open_fraction_today();
        }
        w
    }

    fn open_fraction_today(&self) -> f64 {
        let m = minutes(self.now);
        (m.saturating_sub(OPEN_MIN) as f64 / (CLOSE_MIN - OPEN_MIN) as f64).clamp(0.0, 1.0)
    }

    /// Orders per day, summing exactly to `n`, in date order.
    pub fn daily_counts(&self, n: u64) -> Vec<(NaiveDate, u64)> {
        let days: Vec<NaiveDate> = self.start.iter_days().take_while(|d| *d <= self.today).collect();
        let weights: Vec<f64> = days.iter().map(|d| self.day_weight(*d)).collect();
        let total: f64 = weights.iter().sum();
        let mut out = Vec::with_capacity(days.len());
        let (mut acc, mut done) = (0.0, 0u64);
        for (i, (d, w)) in days.iter().zip(&weights).enumerate() {
            acc += w;
            let target = if i + 1 == days.len() || total <= 0.0 { n } else { ((n as f64) * acc / total).round() as u64 };
            let target = target.clamp(done, n);
            out.push((*d, target - done));
            done = target;
        }
        out
    }

    /// `count` sorted order times on day `d`, busiest late morning and early evening.
    pub fn order_times(&self, rng: &mut Rng, d: NaiveDate, count: u64) -> Vec<NaiveDateTime> {
        let close = if d == self.today { minutes(self.now).clamp(OPEN_MIN + 1, CLOSE_MIN) } else { CLOSE_MIN };
        let mut secs: Vec<u32> = (0..count)
            .map(|_| {
                let peak = if rng.gen_bool(0.55) { 720.0 } else { 1050.0 };
                let m = peak + (rng.gen::<f64>() - rng.gen::<f64>()) * 180.0;
                let m = if m >= OPEN_MIN as f64 && m < close as f64 { m } else { rng.gen_range(OPEN_MIN as f64..close as f64) };
                (m * 60.0) as u32
            })
            .collect();
        secs.sort_unstable();
        secs.into_iter().map(|s| at(d, s / 60, s % 60)).collect()
    }
}

pub fn minutes(t: NaiveDateTime) -> u32 {
    (t.time() - NaiveTime::MIN).num_minutes() as u32
}

pub fn at(d: NaiveDate, minute: u32, second: u32) -> NaiveDateTime {
    d.and_time(NaiveTime::from_num_seconds_from_midnight_opt(minute.min(24 * 60 - 1) * 60 + second.min(59), 0).unwrap_or(NaiveTime::MIN))
}

/// Moves a timestamp into working hours: after closing or before opening it becomes the
/// next opening (plus a few minutes), so staff actions never happen at 3 a.m.
pub fn working(rng: &mut Rng, t: NaiveDateTime) -> NaiveDateTime {
    let m = minutes(t);
    if m < OPEN_MIN {
        at(t.date(), OPEN_MIN + rng.gen_range(0..90), rng.gen_range(0..60))
    } else if m >= CLOSE_MIN {
        at(t.date() + Duration::days(1), OPEN_MIN + rng.gen_range(0..90), rng.gen_range(0..60))
    } else {
        t
    }
}

/// A time on day `d` between `from` and `to` minutes.
pub fn during(rng: &mut Rng, d: NaiveDate, from: u32, to: u32) -> NaiveDateTime {
    at(d, rng.gen_range(from..to.max(from + 1)), rng.gen_range(0..60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_and_follow_seasons() {
        let now = Utc.with_ymd_and_hms(2026, 11, 25, 10, 0, 0).unwrap();
        let c = Clock::new(now, chrono_tz::Asia::Kolkata, 24);
        assert_eq!(c.start, NaiveDate::from_ymd_opt(2024, 11, 26).unwrap());
        let text = Clock { text_dates: true, ..c.clone() };
        let t = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap().and_hms_opt(9, 45, 7).unwrap();
        assert_eq!(text.ts(t), Value::from("2026-03-05T04:15:07+00:00"));
        assert_eq!(text.day(t.date()), Value::from("2026-03-05"));
        assert_eq!(c.day(t.date()), Value::from(t.date()));
        let counts = c.daily_counts(100_000);
        assert_eq!(counts.iter().map(|c| c.1).sum::<u64>(), 100_000);
        let month = |m: u32| counts.iter().filter(|(d, _)| d.month() == m && d.year() == 2025).map(|c| c.1).sum::<u64>();
        assert!(month(10) > month(7) + month(7) / 3);
        let sundays: u64 = counts.iter().filter(|(d, _)| d.weekday() == Weekday::Sun).map(|c| c.1).sum();
        let mondays: u64 = counts.iter().filter(|(d, _)| d.weekday() == Weekday::Mon).map(|c| c.1).sum();
        assert!(sundays * 2 < mondays);
    }
}
