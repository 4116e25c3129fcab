//! Production board, timeline, resources and scheduling data shapes.
use crate::domain::bottleneck::StageFigures;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageInfo {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub customer_label: String,
    pub position: i32,
    pub wip_limit: Option<i32>,
    pub color: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Urgency {
    Overdue,
    Today,
    Soon,
    Later,
    NoDate,
}

impl Urgency {
    pub fn class(self) -> &'static str {
        match self {
            Urgency::Overdue => "due-overdue",
            Urgency::Today => "due-today",
            Urgency::Soon => "due-soon",
            Urgency::Later => "due-later",
            Urgency::NoDate => "due-none",
        }
    }
}

/// A Kanban card: one production job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub id: i32,
    pub version: i32,
    pub order_id: i32,
    pub order_number: String,
    pub customer: String,
    pub title: String,
    pub product_id: i32,
    pub quantity: i64,
    pub unit: String,
    pub due_date: Option<String>,
    pub urgency: Urgency,
    pub rush: bool,
    pub on_hold: bool,
    pub stage_id: i32,
    pub position: i32,
    pub assignee_id: Option<i32>,
    pub assignee: Option<String>,
    pub resource_id: Option<i32>,
    pub resource: Option<String>,
    pub percent: f64,
    /// Stage ids of the job's routing, in order (the board greys out other columns).
    pub route: Vec<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BottleneckSummary {
    pub stage_id: i32,
    pub stage: String,
    pub utilisation: f64,
    pub avg_queue_min: f64,
    pub wip: u32,
    /// Utilisation of that stage per week, oldest first (4 weeks).
    pub trend: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Board {
    pub stages: Vec<StageInfo>,
    pub cards: Vec<Card>,
    /// Per stage: cards in the column in all, and how many of them are work in progress.
    pub columns: Vec<ColumnCount>,
    /// Every card is here (no column was cut short).
    pub complete: bool,
    pub resources: Vec<(i32, String)>,
    pub assignees: Vec<(i32, String)>,
    pub products: Vec<(i32, String)>,
    pub bottleneck: Option<BottleneckSummary>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ColumnCount {
    pub stage_id: i32,
    pub cards: u32,
    /// Unfinished cards (what the WIP limit counts).
    pub wip: u32,
}

/// Live update of a few cards (see `services::production::board::update`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BoardUpdate {
    pub cards: Vec<Card>,
    /// Asked-for jobs that are no longer on the board.
    pub gone: Vec<i32>,
    pub columns: Vec<ColumnCount>,
}

/// Sent to every open board when something on it changed (server-sent events): the cards
/// to read again, or `reload` for everything. `id` is the domain event's id (the SSE id, so
/// a board that reconnects is sent what it missed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardEvent {
    pub id: i64,
    pub jobs: Vec<i32>,
    pub reload: bool,
    pub by: String,
}

/// One bar of the timeline: a stage of a job, planned and actual.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineBar {
    pub job_id: i32,
    pub order_id: i32,
    pub label: String,
    pub stage: String,
    pub resource: Option<String>,
    /// RFC 3339 local times ("2026-11-25T10:30:00").
    pub planned_start: Option<String>,
    pub planned_end: Option<String>,
    pub actual_start: Option<String>,
    pub actual_end: Option<String>,
    pub late: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineRow {
    pub key: String,
    pub label: String,
    pub bars: Vec<TimelineBar>,
    pub due: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Timeline {
    pub rows: Vec<TimelineRow>,
    /// Shop-local now, for the today line.
    pub now: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ResourceInput {
    pub name: String,
    pub kind: String,
    pub is_person: bool,
    pub stage_codes: Vec<String>,
    /// Mon..Sun.
    pub days: [bool; 7],
    /// "09:30-13:30, 14:00-19:00"
    pub shifts: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRow {
    pub id: i32,
    pub input: ResourceInput,
    pub downtime: Vec<(String, String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadCell {
    pub date: String,
    pub planned: i64,
    pub capacity: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResourceLoadRow {
    pub resource_id: i32,
    pub name: String,
    pub cells: Vec<LoadCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct ScheduleSummary {
    pub planned_at: String,
    pub jobs: usize,
    pub late_orders: Vec<LateOrder>,
    pub load: Vec<ResourceLoadRow>,
    pub unschedulable: Vec<(i32, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LateOrder {
    pub order_id: i32,
    pub number: String,
    pub customer: String,
    pub due: String,
    pub finish: String,
    pub late_hours: f64,
}

/// A "what if" question for the scheduler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WhatIf {
    /// Extra minutes after the last shift, for `days` working days from today.
    Overtime { resource_id: i32, minutes: u16, days: u16 },
    /// Treat an order as rush.
    Rush { order_id: i32 },
    /// A resource is down for the next `hours`.
    Down { resource_id: i32, hours: u16 },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WhatIfRow {
    pub order_id: i32,
    pub number: String,
    pub due: String,
    pub before: String,
    pub after: String,
    /// Hours earlier (negative) or later (positive).
    pub delta_hours: f64,
    pub late_before: bool,
    pub late_after: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct WhatIfResult {
    pub rows: Vec<WhatIfRow>,
    pub late_before: usize,
    pub late_after: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct BottleneckView {
    pub stages: Vec<StageFigures>,
    pub bottleneck: Option<i32>,
    pub trend: Vec<(String, Vec<StageFigures>)>,
}

/// Per-stage progress of a job, for the order page's stepper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageStep {
    pub stage: String,
    pub state: crate::domain::floor::StageState,
    pub entered: Option<String>,
    pub left: Option<String>,
    pub planned_end: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobProgress {
    pub job_id: i32,
    pub title: String,
    pub stage: String,
    pub percent: f64,
    pub steps: Vec<StageStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct OrderProduction {
    pub percent: f64,
    pub jobs: Vec<JobProgress>,
    pub predicted_finish: Option<String>,
    pub late_hours: f64,
}

/// One stage of a product's routing, as the routing editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RoutingStep {
    pub stage_id: i32,
    pub stage: String,
    pub included: bool,
    pub resource_kind: String,
    pub setup_minutes: i32,
    pub run_minutes_per_1000: i32,
}
