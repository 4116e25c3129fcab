//! The calendar of local seasons and festivals: named seasons with date ranges per year,
//! plain serde data so a shop can store and edit its own (add state elections, a local
//! fair), with defaults for India 2024-2030.
use super::{date_of, day_of, Day};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Inclusive date range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl DateRange {
    pub fn days(&self) -> (Day, Day) {
        (day_of(self.start), day_of(self.end))
    }
}

/// A named season with its date ranges, one or more per year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Season {
    pub name: String,
    pub ranges: Vec<DateRange>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeasonCalendar {
    pub seasons: Vec<Season>,
}

/// One season's occurrence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    pub season: String,
    pub range: DateRange,
}

/// A season recurring every year: name, first year, the range of a given year.
type Yearly = (&'static str, i32, fn(i32) -> DateRange);

/// Diwali (Lakshmi Puja) dates, 2024-2030.
const DIWALI: [(i32, u32, u32); 7] =
    [(2024, 11, 1), (2025, 10, 20), (2026, 11, 8), (2027, 10, 29), (2028, 10, 17), (2029, 11, 5), (2030, 10, 26)];

pub(super) fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub(super) fn range(start: NaiveDate, end: NaiveDate) -> DateRange {
    DateRange { start, end }
}

impl SeasonCalendar {
    /// India, 2024-2030. Diwali: its real date each year; the range is the three weeks of
    /// print demand before it (greeting cards, gift boxes, shop offers) plus the next day.
    /// Elections have no fixed dates: the 2024 Lok Sabha election (announced 16 March,
    /// polling until 1 June) is the example; the shop adds its state's dates.
    pub fn india_default() -> Self {
        let diwali: Vec<DateRange> = DIWALI
            .iter()
            .map(|&(y, m, d)| {
                let day = day_of(ymd(y, m, d));
                range(date_of(day - 21), date_of(day + 1))
            })
            .collect();
        // (name, yearly range builder); winter ranges cross the new year, so start in 2023.
        let yearly: [Yearly; 5] = [
            ("Wedding season (winter)", 2023, |y| {
                range(ymd(y, 11, 1), ymd(y + 1, 3, 1).pred_opt().unwrap_or_default())
            }),
            ("Wedding season (summer)", 2024, |y| range(ymd(y, 4, 15), ymd(y, 6, 30))),
            ("New Year", 2023, |y| range(ymd(y, 12, 20), ymd(y + 1, 1, 5))),
            ("School reopening", 2024, |y| range(ymd(y, 6, 1), ymd(y, 6, 30))),
            ("Financial-year end", 2024, |y| range(ymd(y, 3, 1), ymd(y, 3, 31))),
        ];
        let mut seasons = vec![Season { name: "Diwali".into(), ranges: diwali }];
        for (name, first, f) in yearly {
            seasons.push(Season { name: name.into(), ranges: (first..=2030).map(f).collect() });
        }
        seasons.push(Season { name: "Elections".into(), ranges: vec![range(ymd(2024, 3, 16), ymd(2024, 6, 1))] });
        SeasonCalendar { seasons }
    }

    /// Every occurrence whose range passes `keep`, by start date then name.
    fn occurrences(&self, keep: impl Fn(&DateRange) -> bool) -> Vec<Occurrence> {
        let mut v: Vec<Occurrence> = self
            .seasons
            .iter()
            .flat_map(|s| s.ranges.iter().filter(|r| keep(r)).map(|r| Occurrence { season: s.name.clone(), range: *r }))
            .collect();
        v.sort_by(|a, b| a.range.start.cmp(&b.range.start).then(a.season.cmp(&b.season)));
        v
    }

    /// Occurrences starting on `[today, today + 7 × weeks]`.
    pub fn upcoming(&self, today: NaiveDate, weeks: u32) -> Vec<Occurrence> {
        let (from, to) = (day_of(today), day_of(today).saturating_add(7 * weeks.min(5000) as i32));
        self.occurrences(|r| (from..=to).contains(&day_of(r.start)))
    }

    /// Seasons in progress on `date`.
    pub fn active_on(&self, date: NaiveDate) -> Vec<Occurrence> {
        self.occurrences(|r| r.start <= date && date <= r.end)
    }

    /// Last year's occurrence of `occ`'s season: the latest range starting at least 300
    /// days before it (Diwali moves by weeks; 300 also skips a same-year second range).
    /// Without one, the same dates 52 weeks earlier (same weekdays); `true` says so.
    pub fn last_year(&self, occ: &Occurrence) -> (DateRange, bool) {
        let limit = day_of(occ.range.start) - 300;
        let found = self
            .seasons
            .iter()
            .filter(|s| s.name == occ.season)
            .flat_map(|s| s.ranges.iter())
            .filter(|r| day_of(r.start) <= limit)
            .max_by_key(|r| r.start);
        match found {
            Some(r) => (*r, false),
            None => {
                let (s, e) = occ.range.days();
                (range(date_of(s - 364), date_of(e - 364)), true)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn india_calendar_dates() {
        let c = SeasonCalendar::india_default();
        let diwali = &c.seasons[0];
        assert_eq!(diwali.ranges.len(), 7);
        assert_eq!(diwali.ranges[1], range(ymd(2025, 9, 29), ymd(2025, 10, 21)));
        assert_eq!(diwali.ranges[2].end, ymd(2026, 11, 9));
        let names = |v: Vec<Occurrence>| v.into_iter().map(|o| o.season).collect::<Vec<_>>();
        assert_eq!(names(c.active_on(ymd(2028, 2, 29))), vec!["Wedding season (winter)"]);
        assert_eq!(names(c.active_on(ymd(2027, 1, 2))), vec!["Wedding season (winter)", "New Year"]);
        assert_eq!(names(c.upcoming(ymd(2026, 2, 20), 2)), vec!["Financial-year end"]);
        assert_eq!(names(c.upcoming(ymd(2026, 5, 25), 1)), vec!["School reopening"]);
        let up = c.upcoming(ymd(2026, 10, 1), 5);
        assert_eq!(names(up.clone()), vec!["Diwali", "Wedding season (winter)"]);
        // Last year's Diwali window is the 2025 one, not a date 52 weeks back.
        assert_eq!(c.last_year(&up[0]), (diwali.ranges[1], false));
        let el = Occurrence { season: "Elections".into(), range: range(ymd(2024, 3, 16), ymd(2024, 6, 1)) };
        assert_eq!(c.last_year(&el), (range(ymd(2023, 3, 18), ymd(2023, 6, 3)), true));
        assert!(c.upcoming(ymd(2031, 1, 1), 4).is_empty());
    }
}
