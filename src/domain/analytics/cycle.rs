//! Cycle times from stage events: queue vs work time per stage, lead time per order, the
//! on-time rate against due dates, the slowest orders, and the age band that colours a board
//! card against its stage's own history.
//!
//! Conventions: a job's time in a stage is the sum of its visits there (rework sends a job
//! back, and the stage's cost is all of it); a job still in the stage is left out of the
//! history, its time is not known yet. Work time is the worked minutes reported, capped at the
//! time in stage; the rest is queue time (waiting for a machine, a person or the customer).
use super::stats::{percentile_sorted, sorted, summarize, Summary};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One visit of a job to a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEvent {
    pub order_id: i32,
    pub job_id: i32,
    pub stage_id: i32,
    pub entered_at: DateTime<Utc>,
    /// `None` while the job is still in the stage.
    pub left_at: Option<DateTime<Utc>>,
    pub worked_minutes: i32,
}

fn minutes(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_seconds() as f64 / 60.0
}

/// A finished job's time in one stage, in minutes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageStay {
    pub job_id: i32,
    pub stage_id: i32,
    pub total: f64,
    pub work: f64,
    pub queue: f64,
}

/// Per (job, stage), the summed visits; pairs with an open visit are left out.
pub fn stage_stays(events: &[StageEvent]) -> Vec<StageStay> {
    let mut by: BTreeMap<(i32, i32), Option<(f64, f64)>> = BTreeMap::new();
    for e in events {
        let slot = by.entry((e.stage_id, e.job_id)).or_insert(Some((0.0, 0.0)));
        match (e.left_at, slot.as_mut()) {
            (Some(left), Some((total, worked))) => {
                *total += minutes(e.entered_at, left).max(0.0);
                *worked += f64::from(e.worked_minutes.max(0));
            }
            (None, _) => *slot = None,
            (Some(_), None) => {}
        }
    }
    by.into_iter()
        .filter_map(|((stage_id, job_id), t)| {
            let (total, worked) = t?;
            let work = worked.min(total);
            Some(StageStay { job_id, stage_id, total, work, queue: total - work })
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageTimes {
    pub stage_id: i32,
    /// Finished jobs the figures are over.
    pub jobs: usize,
    pub total: Summary,
    pub queue: Summary,
    pub work: Summary,
    /// Σ queue / Σ total: how much of the stage's time is waiting; `None` if all took 0.
    pub queue_share: Option<f64>,
}

/// Queue, work and total time per stage over finished jobs, by stage id.
pub fn stage_times(events: &[StageEvent]) -> Vec<StageTimes> {
    let mut by: BTreeMap<i32, Vec<StageStay>> = BTreeMap::new();
    for s in stage_stays(events) {
        by.entry(s.stage_id).or_default().push(s);
    }
    by.into_iter()
        .filter_map(|(stage_id, stays)| {
            let col = |f: fn(&StageStay) -> f64| stays.iter().map(f).collect::<Vec<f64>>();
            let (total, queue) = (col(|s| s.total), col(|s| s.queue));
            let sum_total: f64 = total.iter().sum();
            Some(StageTimes {
                stage_id,
                jobs: stays.len(),
                total: summarize(&total)?,
                queue: summarize(&queue)?,
                work: summarize(&col(|s| s.work))?,
                queue_share: (sum_total > 0.0).then(|| queue.iter().sum::<f64>() / sum_total),
            })
        })
        .collect()
}

/// An order from start to finish, with its deadline if it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSpan {
    pub order_id: i32,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub due_by: Option<DateTime<Utc>>,
}

impl OrderSpan {
    pub fn lead_minutes(&self) -> Option<f64> {
        self.finished_at.map(|f| minutes(self.started_at, f).max(0.0))
    }
}

/// Spans from stage events alone: first entry to last exit, unfinished while any visit is
/// open; no due date. (The dashboard's lead time is created → delivered from the orders
/// themselves; this is the production part of it.)
pub fn spans_from_events(events: &[StageEvent]) -> Vec<OrderSpan> {
    // order → (first entry, last exit, some visit still open)
    type Seen = (DateTime<Utc>, Option<DateTime<Utc>>, bool);
    let mut by: BTreeMap<i32, Seen> = BTreeMap::new();
    for e in events {
        let s = by.entry(e.order_id).or_insert((e.entered_at, e.left_at, false));
        s.0 = s.0.min(e.entered_at);
        s.1 = s.1.max(e.left_at);
        s.2 |= e.left_at.is_none();
    }
    by.into_iter()
        .map(|(order_id, (start, end, open))| OrderSpan {
            order_id,
            started_at: start,
            finished_at: if open { None } else { end },
            due_by: None,
        })
        .collect()
}

/// The instant a due date ends in the shop's time zone (the start of the next local day):
/// an order delivered any time on its due date is on time.
pub fn due_by(due_date: NaiveDate, shop_offset: FixedOffset) -> Option<DateTime<Utc>> {
    let next_midnight = due_date.succ_opt()?.and_hms_opt(0, 0, 0)?;
    Some((next_midnight - Duration::seconds(i64::from(shop_offset.local_minus_utc()))).and_utc())
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct OnTime {
    pub on_time: usize,
    /// Finished after the deadline, plus `open_overdue`.
    pub late: usize,
    /// Not finished and already past the deadline at `as_of`: late whatever happens next, so
    /// counted, or a shop that never finishes its late jobs would look punctual.
    pub open_overdue: usize,
    /// on_time / (on_time + late); `None` when nothing with a deadline is decided yet.
    pub rate: Option<f64>,
}

/// On-time rate at `as_of`. Orders without a deadline, and unfinished ones not yet due, are
/// not counted.
pub fn on_time_rate(spans: &[OrderSpan], as_of: DateTime<Utc>) -> OnTime {
    let (mut on_time, mut late, mut open_overdue) = (0, 0, 0);
    for s in spans {
        match (s.due_by, s.finished_at) {
            (Some(due), Some(done)) if done <= due => on_time += 1,
            (Some(_), Some(_)) => late += 1,
            (Some(due), None) if as_of > due => {
                late += 1;
                open_overdue += 1;
            }
            _ => {}
        }
    }
    let decided = on_time + late;
    OnTime { on_time, late, open_overdue, rate: (decided > 0).then(|| on_time as f64 / decided as f64) }
}

/// The `n` finished orders with the longest lead time, longest first (ties: lower id first).
pub fn slowest_orders(spans: &[OrderSpan], n: usize) -> Vec<(i32, f64)> {
    let mut v: Vec<(i32, f64)> = spans.iter().filter_map(|s| Some((s.order_id, s.lead_minutes()?))).collect();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

labelled_enum!(
    /// How a card's age in its stage compares with the stage's finished jobs.
    AgeBand {
        Under50 = "under_p50": "Under the median",
        P50to85 = "p50_p85": "Median to p85",
        Over85 = "over_p85": "Over p85",
    }
);

/// A stage's usual time, from its history.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageNorm {
    pub stage_id: i32,
    pub p50: f64,
    pub p85: f64,
    pub samples: usize,
}

/// Below this many finished jobs a stage has no norm: two or three jobs would colour the
/// board at random.
pub const MIN_NORM_SAMPLES: usize = 5;

impl StageNorm {
    pub fn from_durations(stage_id: i32, minutes: &[f64]) -> Option<StageNorm> {
        let s = sorted(minutes);
        if s.len() < MIN_NORM_SAMPLES {
            return None;
        }
        Some(StageNorm {
            stage_id,
            p50: percentile_sorted(&s, 0.5)?,
            p85: percentile_sorted(&s, 0.85)?,
            samples: s.len(),
        })
    }

    pub fn band(&self, age_minutes: f64) -> AgeBand {
        age_band(age_minutes, self.p50, self.p85)
    }
}

/// Under p50 → `Under50`; from p50 up to and including p85 → `P50to85`; beyond → `Over85`.
pub fn age_band(age_minutes: f64, p50: f64, p85: f64) -> AgeBand {
    if age_minutes < p50 {
        AgeBand::Under50
    } else if age_minutes <= p85 {
        AgeBand::P50to85
    } else {
        AgeBand::Over85
    }
}

/// Norms for every stage with enough finished jobs, by stage id.
pub fn stage_norms(events: &[StageEvent]) -> Vec<StageNorm> {
    let mut by: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    for s in stage_stays(events) {
        by.entry(s.stage_id).or_default().push(s.total);
    }
    by.into_iter().filter_map(|(id, d)| StageNorm::from_durations(id, &d)).collect()
}

#[cfg(test)]
#[path = "cycle_tests.rs"]
mod tests;
