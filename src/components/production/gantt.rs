//! The production timeline (Gantt): planned bars above actual ones, a today line, due-date
//! markers, late work in red; zoom by day, week or month; scrolls sideways.
use crate::dto::production::{Timeline, TimelineBar};
use chrono::{Duration, NaiveDateTime};
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Zoom {
    Day,
    Week,
    Month,
}

impl Zoom {
    fn px_per_hour(self) -> f64 {
        match self {
            Zoom::Day => 48.0,
            Zoom::Week => 8.0,
            Zoom::Month => 2.0,
        }
    }
}

const ROW: f64 = 30.0;
const AXIS: f64 = 26.0;

fn parse(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok()
}

fn minutes(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp() / 60
}

/// The span shown: from the day before the earliest bar (or now) to the day after the latest.
fn range(tl: &Timeline) -> (NaiveDateTime, NaiveDateTime) {
    let now = parse(&tl.now).unwrap_or_default();
    let mut lo = now;
    let mut hi = now;
    let mut see = |s: &Option<String>| {
        if let Some(t) = s.as_deref().and_then(parse) {
            lo = lo.min(t);
            hi = hi.max(t);
        }
    };
    for r in &tl.rows {
        see(&r.due);
        for b in &r.bars {
            see(&b.planned_start);
            see(&b.planned_end);
            see(&b.actual_start);
            see(&b.actual_end);
        }
    }
    let start = (lo - Duration::days(1)).date().and_hms_opt(0, 0, 0).unwrap_or(lo);
    let mut end = (hi + Duration::days(1)).date().and_hms_opt(0, 0, 0).unwrap_or(hi) + Duration::days(1);
    if end - start > Duration::days(62) {
        end = start + Duration::days(62);
    }
    (start, end)
}

#[component]
pub fn Gantt(timeline: Timeline) -> impl IntoView {
    let zoom = RwSignal::new(Zoom::Week);
    let tl = StoredValue::new(timeline);
    let labels = tl.with_value(|t| t.rows.iter().map(|r| r.label.clone()).collect::<Vec<_>>());
    view! {
        <div class="gantt-tools" role="group" aria-label="Zoom">
            {[(Zoom::Day, "Day"), (Zoom::Week, "Week"), (Zoom::Month, "Month")].into_iter().map(|(z, l)| view! {
                <button type="button" class="btn btn-small" class:btn-primary=move || zoom.get() == z aria-pressed=move || (zoom.get() == z).to_string()
                    on:click=move |_| zoom.set(z)>{l}</button>
            }).collect_view()}
            <span class="gantt-legend">
                <span class="legend-planned"></span>"Planned"
                <span class="legend-actual"></span>"Actual"
                <span class="legend-late"></span>"Late"
                <span class="legend-due"></span>"Due"
            </span>
        </div>
        {labels.is_empty().then(|| view! { <p class="empty">"Nothing is planned here yet."</p> })}
        <div class="gantt">
            <div class="gantt-labels" style=format!("padding-top:{AXIS}px")>
                {labels.into_iter().map(|l| { let tip = l.clone(); view! { <div class="gantt-label" style=format!("height:{ROW}px") title=tip>{l}</div> } }).collect_view()}
            </div>
            <div class="gantt-scroll">
                {move || tl.with_value(|t| chart(t, zoom.get()))}
            </div>
        </div>
    }
}

fn chart(t: &Timeline, zoom: Zoom) -> impl IntoView {
    let (start, end) = range(t);
    let pxh = zoom.px_per_hour();
    let x = move |dt: NaiveDateTime| ((minutes(dt) - minutes(start)) as f64 / 60.0 * pxh).max(0.0);
    let width = x(end).max(300.0);
    let height = AXIS + ROW * t.rows.len().max(1) as f64;
    let days = (end - start).num_days().max(1);
    let day_step = match zoom {
        Zoom::Month => 7,
        _ => 1,
    };
    let grid = (0..=days)
        .filter(|d| d % day_step == 0)
        .map(|d| {
            let day = start + Duration::days(d);
            let xx = x(day);
            let label = if zoom == Zoom::Day { day.format("%a %d %b").to_string() } else { day.format("%d %b").to_string() };
            view! {
                <line class="gantt-grid" x1=format!("{xx:.1}") y1="0" x2=format!("{xx:.1}") y2=format!("{height:.1}")></line>
                <text class="gantt-axis" x=format!("{:.1}", xx + 3.0) y="16">{label}</text>
            }
        })
        .collect_view();
    let now = parse(&t.now).unwrap_or(start);
    let now_x = x(now);
    let rows = t
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let y = AXIS + i as f64 * ROW;
            let due = r.due.as_deref().and_then(parse).map(|d| {
                let dx = x(d);
                view! { <path class="due-marker" d=format!("M{dx:.1} {:.1} l5 6 l-5 6 l-5 -6 z", y + 9.0)><title>{format!("Due {}", d.format("%d %b %H:%M"))}</title></path> }
            });
            let bars = r.bars.iter().map(|b| bar_view(b, y, &x, now)).collect_view();
            view! {
                <rect class=if i % 2 == 0 { "gantt-row even" } else { "gantt-row" } x="0" y=format!("{y:.1}") width=format!("{width:.1}") height=format!("{ROW}")></rect>
                {bars}
                {due}
            }
        })
        .collect_view();
    view! {
        <svg class="gantt-svg" width=format!("{width:.0}") height=format!("{height:.0}") role="img" aria-label="Production timeline">
            {grid}
            {rows}
            <line class="today-line" x1=format!("{now_x:.1}") y1="0" x2=format!("{now_x:.1}") y2=format!("{height:.1}")></line>
            <text class="today-label" x=format!("{:.1}", now_x + 3.0) y=format!("{:.1}", height - 4.0)>"Now"</text>
        </svg>
    }
    .into_any()
}

fn bar_view(b: &TimelineBar, y: f64, x: &impl Fn(NaiveDateTime) -> f64, now: NaiveDateTime) -> impl IntoView {
    let planned = match (b.planned_start.as_deref().and_then(parse), b.planned_end.as_deref().and_then(parse)) {
        (Some(s), Some(e)) => {
            let (x1, x2) = (x(s), x(e));
            let tip = format!("{} · {}: planned {} – {}{}", b.label, b.stage, s.format("%d %b %H:%M"), e.format("%d %b %H:%M"), b.resource.as_ref().map(|r| format!(" on {r}")).unwrap_or_default());
            Some(view! {
                <rect class="bar-planned" class:late=b.late data-testid="planned-bar" x=format!("{x1:.1}") y=format!("{:.1}", y + 4.0)
                    width=format!("{:.1}", (x2 - x1).max(2.0)) height="10" rx="2">
                    <title>{tip}</title>
                </rect>
            })
        }
        _ => None,
    };
    let actual = b.actual_start.as_deref().and_then(parse).map(|s| {
        let e = b.actual_end.as_deref().and_then(parse).unwrap_or(now);
        let (x1, x2) = (x(s), x(e));
        let running = b.actual_end.is_none();
        view! {
            <rect class="bar-actual" class:running=running x=format!("{x1:.1}") y=format!("{:.1}", y + 16.0)
                width=format!("{:.1}", (x2 - x1).max(2.0)) height="10" rx="2">
                <title>{format!("{} · {}: actual from {}{}", b.label, b.stage, s.format("%d %b %H:%M"), if running { " (in progress)".to_string() } else { format!(" to {}", e.format("%d %b %H:%M")) })}</title>
            </rect>
        }
    });
    view! { {planned} {actual} }
}
