//! Finite-capacity production scheduler: pure and deterministic (no I/O, no clock, no hash
//! iteration), so the server and the browser (what-if planning) compute the same plan.
//!
//! Time is [`Minute`]: minutes since 1970-01-01 00:00 in the shop's *local* time; the
//! caller converts (see [`minute_of`] / [`datetime_of`]).
//!
//! Algorithm (`plan.rs`): serial list scheduling. Jobs are put in priority order (rush
//! first, then the [`Rule`], ties by job id) and each job in turn has its tasks placed in
//! stage order, each on the capable resource giving the earliest finish (ties: lowest
//! resource id). A task may fill an earlier idle gap of a resource when the whole task fits
//! there; tasks are split only at calendar boundaries (shift/day/downtime), never around
//! another task. Tasks flagged `in_progress` (the first remaining stage of a job) are placed
//! before everything else, as early as possible from `now`. With `improve`, a bounded local
//! search (`improve.rs`) moves late jobs ahead of their neighbour in the priority order when
//! that lowers total tardiness (or, at equal tardiness, the makespan).
//!
//! Everything happens inside a planning horizon of [`HORIZON_DAYS`] from `now`: work that
//! cannot finish inside it makes its job unschedulable (with a reason) instead of searching
//! forever. Jobs without tasks are reported as finishing at `now`.
use serde::{Deserialize, Serialize};

pub mod calendar;
mod bench;
mod improve;
mod plan;
mod report;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use bench::bench_input;
pub use calendar::{date_of_day, datetime_of, day_of, day_of_date, minute_of, working_minutes_on};
pub use report::{compare, load_by_day, order_finishes, ResourceLoad, MAX_LOAD_DAYS};

/// Minutes since 1970-01-01 00:00, shop-local time.
pub type Minute = i64;

/// Task kind that needs no resource (waiting stages such as customer proof approval).
pub use super::floor::NO_RESOURCE;
/// How far ahead of `now` the planner looks before giving up on a job.
pub const HORIZON_DAYS: i64 = 400;

/// A working period of the day, `[start, end)` in minutes after midnight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub start: u16,
    pub end: u16,
}

/// Weekly working pattern of a resource. Invalid shifts (start >= end or end > 1440) and
/// empty/reversed downtime intervals are ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    /// Monday .. Sunday.
    pub days: [bool; 7],
    pub shifts: Vec<Shift>,
    /// Absolute `[start, end)` intervals when the resource is unavailable.
    pub downtime: Vec<(Minute, Minute)>,
    /// Extra minutes after the last shift on a working date (capped at midnight).
    pub overtime: Vec<(chrono::NaiveDate, u16)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resource {
    pub id: i32,
    pub name: String,
    /// Resource type, e.g. "digital_press".
    pub kind: String,
    pub calendar: Calendar,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub job_id: i32,
    /// Order within the job.
    pub seq: u16,
    pub stage_id: i32,
    /// Resource type needed; [`NO_RESOURCE`] = calendar time only.
    pub kind: String,
    /// Remaining work in minutes (negative counts as 0).
    pub minutes: i64,
    /// Assigned by hand; must be a resource of `kind`. Ignored for [`NO_RESOURCE`] tasks.
    pub fixed_resource: Option<i32>,
    pub in_progress: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    pub id: i32,
    pub order_id: i32,
    pub due: Option<Minute>,
    pub rush: bool,
    pub on_hold: bool,
    /// Earliest start.
    pub release: Minute,
    /// Remaining stages (sorted by `seq` again by the planner).
    pub tasks: Vec<Task>,
}

/// Priority rule applied after "rush first".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// Earliest due first; jobs without a due date last.
    #[default]
    EarliestDueDate,
    /// Smallest (due - now) / remaining work minutes first (work = all remaining task
    /// minutes, waiting stages included); jobs without a due date last.
    CriticalRatio,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Input {
    pub now: Minute,
    pub resources: Vec<Resource>,
    pub jobs: Vec<Job>,
    pub rule: Rule,
    /// Run the local improvement pass.
    pub improve: bool,
}

/// A worked interval inside working time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub start: Minute,
    pub end: Minute,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedTask {
    pub job_id: i32,
    pub seq: u16,
    pub stage_id: i32,
    /// `None` for [`NO_RESOURCE`] tasks.
    pub resource_id: Option<i32>,
    pub start: Minute,
    pub end: Minute,
    /// Empty for zero-minute tasks (then `start == end`).
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobOutcome {
    pub job_id: i32,
    pub order_id: i32,
    pub finish: Minute,
    pub due: Option<Minute>,
    /// Minutes late (wall clock), 0 if on time or no due date.
    pub late_by: i64,
}

/// Output lists are sorted: `tasks` by (job id, seq), `jobs` and `unschedulable` by job id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub tasks: Vec<PlannedTask>,
    pub jobs: Vec<JobOutcome>,
    pub unschedulable: Vec<(i32, String)>,
}

impl Plan {
    /// Sum of `late_by` over planned jobs.
    pub fn total_tardiness(&self) -> i64 {
        self.jobs.iter().fold(0i64, |acc, j| acc.saturating_add(j.late_by))
    }

    /// Latest job finish (`None` when nothing was planned).
    pub fn makespan(&self) -> Option<Minute> {
        self.jobs.iter().map(|j| j.finish).max()
    }
}

/// Plan `input`; see the module docs for the rules.
pub fn schedule(input: &Input) -> Plan {
    plan::run(input)
}
