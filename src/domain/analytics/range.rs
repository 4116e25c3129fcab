//! The dashboard's time axis: checking a date range, granularity and filter values as typed
//! (each refusal names its field and says what to do in plain words, so the form can show it
//! beside the control), the buckets of a range, and trend series over them.
use super::stats::percentile;
use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate, Timelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

labelled_enum!(
    Granularity {
        Day = "day": "Daily",
        Week = "week": "Weekly",
        Month = "month": "Monthly",
    }
);

impl Granularity {
    /// Longest range, in days, drawn at this granularity: beyond it a chart has too many
    /// points to read (and to send); ~2 years of days, ~10 years of weeks, 50 of months.
    pub fn max_days(self) -> i64 {
        match self {
            Granularity::Day => 732,
            Granularity::Week => 3_653,
            Granularity::Month => 18_263,
        }
    }

    fn max_words(self) -> &'static str {
        match self {
            Granularity::Day => "2 years",
            Granularity::Week => "10 years",
            Granularity::Month => "50 years",
        }
    }

    /// The first day of the bucket holding `d`: itself, its week's Monday (ISO weeks), or the
    /// first of its month.
    pub fn bucket_start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Granularity::Day => d,
            Granularity::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            Granularity::Month => d.with_day(1).unwrap_or(d),
        }
    }

    /// The start of the bucket after the one starting at `start`.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Granularity::Day => start.succ_opt(),
            Granularity::Week => start.checked_add_signed(Duration::days(7)),
            Granularity::Month => start.checked_add_months(Months::new(1)),
        }
    }
}

/// Why a dashboard query was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeError {
    field: &'static str,
    message: String,
}

impl RangeError {
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        RangeError { field, message: message.into() }
    }

    /// The query parameter at fault, e.g. "from", "granularity", "segment".
    pub fn field(&self) -> &'static str {
        self.field
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for RangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for RangeError {}

impl From<RangeError> for (&'static str, String) {
    fn from(e: RangeError) -> Self {
        (e.field, e.message)
    }
}

/// Both ends inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DateRange {
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// The `months` months ending `today`, e.g. 12 → the day after today a year ago … today.
    pub fn last_months(today: NaiveDate, months: u32) -> Option<DateRange> {
        let from = today.checked_sub_months(Months::new(months))?.succ_opt()?;
        Some(DateRange { from: from.min(today), to: today })
    }

    /// The range of the same length just before this one, for period-over-period figures.
    pub fn previous(&self) -> Option<DateRange> {
        let to = self.from.pred_opt()?;
        let from = to.checked_sub_signed(Duration::days(self.days() - 1))?;
        Some(DateRange { from, to })
    }

    /// Bucket starts covering the range, oldest first; the first may start before `from`
    /// (a week begun on the Monday before), it still stands for the range's part of it.
    pub fn buckets(&self, g: Granularity) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut b = Some(g.bucket_start(self.from));
        while let Some(start) = b.filter(|s| *s <= self.to) {
            out.push(start);
            b = g.next(start);
        }
        out
    }
}

/// A date as typed, `YYYY-MM-DD`.
pub fn parse_date(field: &'static str, raw: &str) -> Result<NaiveDate, RangeError> {
    let raw = raw.trim();
    if raw.is_empty() {
        let which = if field == "to" { "an end" } else { "a start" };
        return Err(RangeError::new(field, format!("Choose {which} date.")));
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
        RangeError::new(field, format!("\u{201c}{raw}\u{201d} is not a date; use YYYY-MM-DD, e.g. 2024-03-31."))
    })
}

pub fn parse_granularity(raw: &str) -> Result<Granularity, RangeError> {
    let raw = raw.trim();
    Granularity::parse(raw).ok_or_else(|| {
        RangeError::new("granularity", format!("Unknown granularity \u{201c}{raw}\u{201d}; choose day, week or month."))
    })
}

/// A range from its two ends, refusing inverted ranges and ranges too long for `g`.
pub fn validate_range(from: NaiveDate, to: NaiveDate, g: Granularity) -> Result<DateRange, RangeError> {
    if to < from {
        return Err(RangeError::new("to", format!("The end date {to} is before the start date {from}.")));
    }
    let range = DateRange { from, to };
    if range.days() > g.max_days() {
        return Err(RangeError::new(
            "granularity",
            format!(
                "{} figures cover at most {} ({} days); this range has {} days. Choose a coarser granularity or a shorter range.",
                g.label(),
                g.max_words(),
                g.max_days(),
                range.days()
            ),
        ));
    }
    Ok(range)
}

/// The three controls as typed, checked in the order a person reads them.
pub fn parse_range(from: &str, to: &str, granularity: &str) -> Result<(DateRange, Granularity), RangeError> {
    let from = parse_date("from", from)?;
    let to = parse_date("to", to)?;
    let g = parse_granularity(granularity)?;
    Ok((validate_range(from, to, g)?, g))
}

/// A choice filter (segment, channel, priority…): empty or "all" means no filter; anything else
/// must be the `key` of one of `all`. Works with this module's enums and the crate's
/// `text_enum!` ones alike: `parse_filter("channel", raw, Channel::ALL, Channel::as_str)`.
pub fn parse_filter<T: Copy>(
    field: &'static str,
    raw: &str,
    all: &[T],
    key: fn(T) -> &'static str,
) -> Result<Option<T>, RangeError> {
    let raw = raw.trim();
    if raw.is_empty() || raw == "all" {
        return Ok(None);
    }
    all.iter().copied().find(|&v| key(v) == raw).map(Some).ok_or_else(|| {
        let choices: Vec<&str> = all.iter().map(|&v| key(v)).collect();
        RangeError::new(field, format!("Unknown {field} \u{201c}{raw}\u{201d}; choose one of: {}.", choices.join(", ")))
    })
}

/// An id filter (product, resource, customer): empty means none, otherwise a number among
/// `known`.
pub fn parse_id_filter(field: &'static str, raw: &str, known: &[i32]) -> Result<Option<i32>, RangeError> {
    let raw = raw.trim();
    if raw.is_empty() || raw == "all" {
        return Ok(None);
    }
    match raw.parse::<i32>() {
        Ok(id) if known.contains(&id) => Ok(Some(id)),
        Ok(id) => Err(RangeError::new(field, format!("There is no {field} {id}."))),
        Err(_) => Err(RangeError::new(field, format!("\u{201c}{raw}\u{201d} is not a {field} number."))),
    }
}

/// One bucket of a trend line.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendPoint {
    pub bucket: NaiveDate,
    pub count: usize,
    pub sum: f64,
    /// `None` for an empty bucket, so a line shows a gap, not a fall to 0.
    pub mean: Option<f64>,
    pub median: Option<f64>,
}

/// `(date, value)` points of `range` summed per bucket, every bucket present (empty ones with
/// count 0), e.g. order totals → revenue, order count and average order value per week.
pub fn trend(points: &[(NaiveDate, f64)], range: &DateRange, g: Granularity) -> Vec<TrendPoint> {
    let mut by: BTreeMap<NaiveDate, Vec<f64>> = range.buckets(g).into_iter().map(|b| (b, Vec::new())).collect();
    for &(d, v) in points.iter().filter(|p| range.contains(p.0)) {
        if let Some(values) = by.get_mut(&g.bucket_start(d)) {
            values.push(v);
        }
    }
    by.into_iter()
        .map(|(bucket, v)| {
            let sum: f64 = v.iter().sum();
            TrendPoint {
                bucket,
                count: v.len(),
                sum,
                mean: (!v.is_empty()).then(|| sum / v.len() as f64),
                median: percentile(&v, 0.5),
            }
        })
        .collect()
}

/// Orders per weekday (Monday first) and hour of the day, in the shop's time zone, since a
/// Monday 9 o'clock rush is a local fact.
pub fn weekday_hour_heatmap(times: &[DateTime<Utc>], shop_offset: FixedOffset) -> [[u32; 24]; 7] {
    let mut grid = [[0u32; 24]; 7];
    for t in times {
        let local = t.with_timezone(&shop_offset);
        grid[local.weekday().num_days_from_monday() as usize][local.hour() as usize] += 1;
    }
    grid
}

#[cfg(test)]
#[path = "range_tests.rs"]
mod tests;
