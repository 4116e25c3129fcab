//! Working-time arithmetic. A resource's weekly [`Calendar`] becomes absolute working
//! windows, and a [`Timeline`] numbers the working minutes inside a horizon so the planner
//! can book work as plain integer intervals ("working minute 120 to 300") and convert back
//! to wall-clock segments only for the output.
use super::{Calendar, Minute, Segment};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use std::collections::BTreeMap;

pub const MINUTES_PER_DAY: i64 = 1440;

fn epoch_date() -> NaiveDate {
    // Always valid; the fallback only keeps the code free of unwrap.
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Local date-time → scheduler minute (floored to the minute).
pub fn minute_of(dt: NaiveDateTime) -> Minute {
    let secs = dt.signed_duration_since(epoch_date().and_time(Default::default())).num_seconds();
    secs.div_euclid(60)
}

/// Scheduler minute → local date-time; `None` outside chrono's range.
pub fn datetime_of(m: Minute) -> Option<NaiveDateTime> {
    epoch_date().and_time(Default::default()).checked_add_signed(TimeDelta::try_minutes(m)?)
}

/// Day number (days since 1970-01-01) containing minute `m`.
pub fn day_of(m: Minute) -> i64 {
    m.div_euclid(MINUTES_PER_DAY)
}

pub fn day_of_date(d: NaiveDate) -> i64 {
    d.signed_duration_since(epoch_date()).num_days()
}

pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    epoch_date().checked_add_signed(TimeDelta::try_days(day)?)
}

/// 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
pub fn weekday_of_day(day: i64) -> usize {
    ((day.rem_euclid(7) + 3) % 7) as usize
}

/// Sort and merge intervals, dropping empty or reversed ones.
pub(crate) fn merge_intervals(mut v: Vec<(i64, i64)>) -> Vec<(i64, i64)> {
    v.retain(|&(a, b)| a < b);
    v.sort_unstable();
    let mut out: Vec<(i64, i64)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// A calendar cleaned up once (invalid shifts dropped, shifts and downtime merged) so the
/// per-day expansion is cheap.
#[derive(Clone, Debug, Default)]
pub struct NormCalendar {
    days: [bool; 7],
    shifts: Vec<(i64, i64)>,
    /// Day number → extra minutes; duplicate dates keep the largest value.
    overtime: BTreeMap<i64, i64>,
    downtime: Vec<(Minute, Minute)>,
}

impl NormCalendar {
    pub fn new(cal: &Calendar) -> Self {
        let shifts = cal
            .shifts
            .iter()
            .filter(|s| s.start < s.end && i64::from(s.end) <= MINUTES_PER_DAY)
            .map(|s| (i64::from(s.start), i64::from(s.end)))
            .collect();
        let mut overtime = BTreeMap::new();
        for (date, extra) in &cal.overtime {
            let e = overtime.entry(day_of_date(*date)).or_insert(0);
            *e = (*e).max(i64::from(*extra));
        }
        NormCalendar {
            days: cal.days,
            shifts: merge_intervals(shifts),
            overtime,
            downtime: merge_intervals(cal.downtime.clone()),
        }
    }

    /// Working windows of day `day` in absolute minutes, ascending and disjoint: the
    /// shifts of a working day, the last one extended by that date's overtime (capped at
    /// midnight; overtime on a non-working day is ignored: there is no shift to extend),
    /// minus downtime.
    pub fn day_windows(&self, day: i64, out: &mut Vec<(Minute, Minute)>) {
        out.clear();
        if !self.days[weekday_of_day(day)] || self.shifts.is_empty() {
            return;
        }
        let Some(base) = day.checked_mul(MINUTES_PER_DAY) else { return };
        let Some(day_end) = base.checked_add(MINUTES_PER_DAY) else { return };
        out.extend(self.shifts.iter().map(|&(s, e)| (base + s, base + e)));
        if let (Some(extra), Some(last)) = (self.overtime.get(&day), out.last_mut()) {
            last.1 = last.1.saturating_add(*extra).min(day_end);
        }
        let first = self.downtime.partition_point(|d| d.1 <= base);
        let cuts = &self.downtime[first..];
        if cuts.first().is_some_and(|d| d.0 < day_end) {
            let kept = subtract(out, cuts);
            *out = kept;
        }
    }

    /// Working minutes on one day (capacity).
    pub fn day_capacity(&self, day: i64) -> i64 {
        let mut w = Vec::new();
        self.day_windows(day, &mut w);
        w.iter().map(|(a, b)| b - a).sum()
    }
}

/// `windows` minus `cuts`; both ascending and disjoint.
fn subtract(windows: &[(i64, i64)], cuts: &[(i64, i64)]) -> Vec<(i64, i64)> {
    let mut out = Vec::with_capacity(windows.len() + 1);
    let mut k = 0;
    for &(mut a, b) in windows {
        while k < cuts.len() && cuts[k].1 <= a {
            k += 1;
        }
        let mut j = k;
        while j < cuts.len() && cuts[j].0 < b {
            if cuts[j].0 > a {
                out.push((a, cuts[j].0));
            }
            a = a.max(cuts[j].1);
            j += 1;
        }
        if a < b {
            out.push((a, b));
        }
    }
    out
}

/// Working minutes of `cal` on `date` (shifts + overtime − downtime).
pub fn working_minutes_on(cal: &Calendar, date: NaiveDate) -> i64 {
    NormCalendar::new(cal).day_capacity(day_of_date(date))
}

#[derive(Clone, Copy, Debug)]
struct Win {
    start: Minute,
    end: Minute,
    /// Working minutes before this window.
    cum: i64,
}

/// The working windows of one resource inside `[from, until)`, numbered by working minute.
#[derive(Clone, Debug, Default)]
pub struct Timeline {
    wins: Vec<Win>,
    total: i64,
}

impl Timeline {
    pub fn build(cal: &NormCalendar, from: Minute, until: Minute) -> Self {
        let mut wins: Vec<Win> = Vec::new();
        let mut total = 0;
        let mut day_buf = Vec::new();
        let (d0, d1) = (day_of(from), day_of(until.saturating_sub(1)));
        let mut day = d0;
        while day <= d1 {
            cal.day_windows(day, &mut day_buf);
            for &(a, b) in &day_buf {
                let (a, b) = (a.max(from), b.min(until));
                if a >= b {
                    continue;
                }
                // Merge windows that touch (e.g. across midnight) so segments stay whole.
                match wins.last_mut() {
                    Some(last) if last.end == a => last.end = b,
                    _ => wins.push(Win { start: a, end: b, cum: total }),
                }
                total += b - a;
            }
            day += 1;
        }
        Timeline { wins, total }
    }

    /// Working minutes available in the whole horizon.
    pub fn total(&self) -> i64 {
        self.total
    }

    /// Working minutes strictly before `t` (so work "ready at t" starts at this index).
    pub fn work_before(&self, t: Minute) -> i64 {
        let k = self.wins.partition_point(|w| w.end <= t);
        match self.wins.get(k) {
            Some(w) if t > w.start => w.cum + (t - w.start),
            Some(w) => w.cum,
            None => self.total,
        }
    }

    fn win_of(&self, w: i64) -> Option<&Win> {
        let k = self.wins.partition_point(|x| x.cum + (x.end - x.start) <= w);
        self.wins.get(k).filter(|x| w >= x.cum)
    }

    /// Wall-clock start of working minute `w`.
    pub fn time_at(&self, w: i64) -> Option<Minute> {
        self.win_of(w).map(|x| x.start + (w - x.cum))
    }

    /// Wall-clock end of the work occupying working minutes `[.., w_end)`.
    pub fn end_time(&self, w_end: i64) -> Option<Minute> {
        self.time_at(w_end - 1).map(|t| t + 1)
    }

    /// Wall-clock segments covering working minutes `[a, b)`.
    pub fn segments(&self, a: i64, b: i64) -> Vec<Segment> {
        let mut out = Vec::new();
        if a >= b {
            return out;
        }
        let mut k = self.wins.partition_point(|x| x.cum + (x.end - x.start) <= a);
        while let Some(x) = self.wins.get(k) {
            if x.cum >= b {
                break;
            }
            let s = x.start + (a.max(x.cum) - x.cum);
            let e = x.start + (b.min(x.cum + (x.end - x.start)) - x.cum);
            if s < e {
                out.push(Segment { start: s, end: e });
            }
            k += 1;
        }
        out
    }
}
