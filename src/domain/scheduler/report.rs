//! Read-only views over a [`Plan`]: what-if comparison, order finish dates, resource load.
use super::calendar::{date_of_day, day_of, day_of_date, NormCalendar, MINUTES_PER_DAY};
use super::{Minute, Plan, Resource};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest range `load_by_day` will expand (ten years), so a bad `days` cannot exhaust memory.
pub const MAX_LOAD_DAYS: u32 = 3660;

/// Planned vs available minutes of one resource on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceLoad {
    pub resource_id: i32,
    pub date: chrono::NaiveDate,
    pub planned: i64,
    pub capacity: i64,
}

impl ResourceLoad {
    /// More work than working time (possible with manual bookings, never in our own plans).
    pub fn overloaded(&self) -> bool {
        self.planned > self.capacity
    }
}

/// Effect of a what-if: `(job, finish before, finish after)` for every job planned in both,
/// by job id.
pub fn compare(base: &Plan, what_if: &Plan) -> Vec<(i32, Minute, Minute)> {
    let before: BTreeMap<i32, Minute> = base.jobs.iter().map(|j| (j.job_id, j.finish)).collect();
    let mut out: Vec<_> = what_if
        .jobs
        .iter()
        .filter_map(|j| before.get(&j.job_id).map(|&b| (j.job_id, b, j.finish)))
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|x| x.0);
    out
}

/// Per order (ascending id): predicted finish = latest of its planned jobs, and the largest
/// `late_by`. Unschedulable jobs are not in `plan.jobs`, so they do not count here.
pub fn order_finishes(plan: &Plan) -> Vec<(i32, Minute, i64)> {
    let mut by_order: BTreeMap<i32, (Minute, i64)> = BTreeMap::new();
    for j in &plan.jobs {
        let e = by_order.entry(j.order_id).or_insert((j.finish, j.late_by));
        e.0 = e.0.max(j.finish);
        e.1 = e.1.max(j.late_by);
    }
    by_order.into_iter().map(|(o, (f, l))| (o, f, l)).collect()
}

/// Planned minutes vs capacity per resource (ascending id) per day, for `days` days from
/// `from` (capped at [`MAX_LOAD_DAYS`]). Works for any plan, including hand-made ones.
pub fn load_by_day(plan: &Plan, resources: &[Resource], from: chrono::NaiveDate, days: u32) -> Vec<ResourceLoad> {
    let days = i64::from(days.min(MAX_LOAD_DAYS));
    let d0 = day_of_date(from);
    let (Some(lo), Some(hi)) = (d0.checked_mul(MINUTES_PER_DAY), (d0 + days).checked_mul(MINUTES_PER_DAY)) else {
        return Vec::new();
    };
    // Planned minutes per resource per day offset, splitting segments at midnight.
    let mut planned: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for t in &plan.tasks {
        let Some(rid) = t.resource_id else { continue };
        for s in &t.segments {
            let (mut a, b) = (s.start.max(lo), s.end.min(hi));
            while a < b {
                let day = day_of(a);
                let e = b.min((day + 1) * MINUTES_PER_DAY);
                let row = planned.entry(rid).or_insert_with(|| vec![0; days as usize]);
                if let Some(cell) = row.get_mut((day - d0) as usize) {
                    *cell += e - a;
                }
                a = e;
            }
        }
    }
    let mut rs: Vec<&Resource> = resources.iter().collect();
    rs.sort_by_key(|r| r.id);
    rs.dedup_by_key(|r| r.id);
    let mut out = Vec::with_capacity(rs.len() * days as usize);
    for r in rs {
        let cal = NormCalendar::new(&r.calendar);
        let row = planned.get(&r.id);
        for k in 0..days {
            let Some(date) = date_of_day(d0 + k) else { continue };
            let planned = row.and_then(|v| v.get(k as usize)).copied().unwrap_or(0);
            out.push(ResourceLoad { resource_id: r.id, date, planned, capacity: cal.day_capacity(d0 + k) });
        }
    }
    out
}
