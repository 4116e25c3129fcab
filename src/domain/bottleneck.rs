//! Bottleneck analysis from stage history: per stage WIP, queue and work times, throughput
//! and utilisation over a window ending at `now`, the bottleneck stage, and a 4-week trend.
//!
//! Conventions: a visit "leaves in" a window `(from, to]`; queue and work averages and
//! throughput use the visits that left in the window. Worked minutes are spread evenly
//! over the visit's stay (`entered` .. `left`, or `now` while still there) so a long job
//! straddling two weeks counts in both. Utilisation = worked minutes in the window /
//! (capacity per day × window days); stages that use no resource report 0 utilisation and
//! their queue time is the whole time in stage. WIP is counted at the window's end (`now`
//! for the main figures, each week's end for the trend).
use super::scheduler::{date_of_day, day_of, Minute};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const DAY: i64 = 1440;
const TREND_WEEKS: i64 = 4;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageVisit {
    pub stage_id: i32,
    pub job_id: i32,
    pub entered: Minute,
    pub left: Option<Minute>,
    pub worked_minutes: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCapacity {
    pub stage_id: i32,
    pub name: String,
    pub uses_resources: bool,
    /// Working minutes per day of all resources able to do the stage.
    pub capacity_minutes_per_day: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageFigures {
    pub stage_id: i32,
    pub name: String,
    pub wip: u32,
    pub avg_queue_min: f64,
    pub avg_work_min: f64,
    pub throughput_per_day: f64,
    /// 0..=1, above 1 when more was worked than the stated capacity.
    pub utilisation: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BottleneckReport {
    /// In `capacity` order, then stages only seen in visits (by id, no resource use).
    pub stages: Vec<StageFigures>,
    pub bottleneck: Option<i32>,
    /// Four 7-day windows ending at `now`, oldest first, labelled by their first day.
    pub trend: Vec<(chrono::NaiveDate, Vec<StageFigures>)>,
}

/// Analyse `visits` over the `window_days` (at least 1) before `now`. The bottleneck is the
/// resource-using stage with the highest utilisation (ties: longest average queue, then
/// list order); `None` when no such stage shows any work or queue in the window.
pub fn analyse(visits: &[StageVisit], capacity: &[StageCapacity], now: Minute, window_days: u32) -> BottleneckReport {
    let mut stages: Vec<StageCapacity> = Vec::new();
    for c in capacity {
        if !stages.iter().any(|s| s.stage_id == c.stage_id) {
            stages.push(c.clone());
        }
    }
    let mut by_stage: BTreeMap<i32, Vec<&StageVisit>> = BTreeMap::new();
    for v in visits {
        by_stage.entry(v.stage_id).or_default().push(v);
    }
    for &id in by_stage.keys() {
        if !stages.iter().any(|s| s.stage_id == id) {
            let name = format!("stage {id}");
            stages.push(StageCapacity { stage_id: id, name, uses_resources: false, capacity_minutes_per_day: 0 });
        }
    }
    let all = |from: Minute, to: Minute| -> Vec<StageFigures> {
        let none = Vec::new();
        stages.iter().map(|c| figures(c, by_stage.get(&c.stage_id).unwrap_or(&none), from, to, now)).collect()
    };
    let from = now.saturating_sub(i64::from(window_days.max(1)) * DAY);
    let current = all(from, now);
    let bottleneck = pick(&stages, &current);
    let trend = (0..TREND_WEEKS)
        .rev()
        .filter_map(|w| {
            let to = now.saturating_sub(w * 7 * DAY);
            let start = to.saturating_sub(7 * DAY);
            date_of_day(day_of(start)).map(|d| (d, all(start, to)))
        })
        .collect();
    BottleneckReport { stages: current, bottleneck, trend }
}

fn figures(cap: &StageCapacity, visits: &[&StageVisit], from: Minute, to: Minute, now: Minute) -> StageFigures {
    let span_days = to.saturating_sub(from) as f64 / DAY as f64;
    let mut wip = 0u32;
    let (mut n_left, mut queue, mut work, mut worked_in) = (0u32, 0.0, 0.0, 0.0);
    for v in visits {
        let worked = v.worked_minutes.max(0);
        if v.entered <= to && v.left.is_none_or(|l| l > to) {
            wip = wip.saturating_add(1);
        }
        if let Some(l) = v.left.filter(|&l| l > from && l <= to) {
            let in_stage = l.saturating_sub(v.entered).max(0);
            let waited = if cap.uses_resources { in_stage.saturating_sub(worked).max(0) } else { in_stage };
            n_left = n_left.saturating_add(1);
            queue += waited as f64;
            work += worked as f64;
        }
        worked_in += spread(v.entered, v.left.unwrap_or(now.max(v.entered)), worked, from, to);
    }
    let avg = |x: f64| if n_left > 0 { x / f64::from(n_left) } else { 0.0 };
    let cap_minutes = cap.capacity_minutes_per_day.max(0) as f64 * span_days;
    let utilisation = if cap.uses_resources && cap_minutes > 0.0 { worked_in / cap_minutes } else { 0.0 };
    StageFigures {
        stage_id: cap.stage_id,
        name: cap.name.clone(),
        wip,
        avg_queue_min: avg(queue),
        avg_work_min: avg(work),
        throughput_per_day: if span_days > 0.0 { f64::from(n_left) / span_days } else { 0.0 },
        utilisation,
    }
}

/// Part of `worked` minutes, spread evenly over `[a, b)`, that falls in `[from, to)`.
fn spread(a: Minute, b: Minute, worked: i64, from: Minute, to: Minute) -> f64 {
    if b <= a {
        // Instantaneous stay: all or nothing.
        return if a > from && a <= to { worked as f64 } else { 0.0 };
    }
    let overlap = b.min(to).saturating_sub(a.max(from)).max(0);
    worked as f64 * overlap as f64 / b.saturating_sub(a) as f64
}

fn pick(stages: &[StageCapacity], figs: &[StageFigures]) -> Option<i32> {
    let mut best: Option<&StageFigures> = None;
    for (c, f) in stages.iter().zip(figs) {
        if !c.uses_resources || (f.utilisation <= 0.0 && f.avg_queue_min <= 0.0) {
            continue;
        }
        let better = best.is_none_or(|b| {
            f.utilisation.total_cmp(&b.utilisation).then(f.avg_queue_min.total_cmp(&b.avg_queue_min)).is_gt()
        });
        if better {
            best = Some(f);
        }
    }
    best.map(|f| f.stage_id)
}


#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Minute = 100 * DAY; // 1970-04-11 00:00

    fn visit(stage_id: i32, job_id: i32, entered: Minute, left: Option<Minute>, worked_minutes: i64) -> StageVisit {
        StageVisit { stage_id, job_id, entered, left, worked_minutes }
    }

    fn cap(stage_id: i32, name: &str, uses_resources: bool, per_day: i64) -> StageCapacity {
        StageCapacity { stage_id, name: name.into(), uses_resources, capacity_minutes_per_day: per_day }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    fn sample() -> (Vec<StageVisit>, Vec<StageCapacity>) {
        let visits = vec![
            // Printing (1)
            visit(1, 1, NOW - 3000, Some(NOW - 1000), 600),
            visit(1, 2, NOW - 12000, Some(NOW - 9000), 1500),
            visit(1, 3, NOW - 500, None, 200),
            visit(1, 4, NOW - 100, None, 0),
            // Proof approval (2), no resource
            visit(2, 5, NOW - 5000, Some(NOW - 2000), 0),
            visit(2, 6, NOW - 1000, None, 0),
            // Cutting (3)
            visit(3, 7, NOW - 2000, Some(NOW - 1500), 400),
            visit(3, 8, NOW - 20000, Some(NOW - 15000), 300),
            // A stage the caller did not describe
            visit(9, 9, NOW - 50, None, 0),
        ];
        let caps = vec![cap(1, "Printing", true, 480), cap(2, "Proof", false, 0), cap(3, "Cutting", true, 960)];
        (visits, caps)
    }

    #[test]
    fn figures_over_a_week() {
        let (v, c) = sample();
        let r = analyse(&v, &c, NOW, 7);
        let ids: Vec<i32> = r.stages.iter().map(|s| s.stage_id).collect();
        assert_eq!(ids, vec![1, 2, 3, 9]);
        // Window = (NOW - 10080, NOW].
        let p = &r.stages[0];
        // WIP: jobs 3 and 4 are still in printing.
        assert_eq!(p.wip, 2);
        // Left in window: job 1 (2000 in stage - 600 worked = 1400 queued) and job 2
        // (3000 - 1500 = 1500): queue (1400 + 1500) / 2 = 1450; work (600 + 1500) / 2 = 1050.
        assert!(close(p.avg_queue_min, 1450.0));
        assert!(close(p.avg_work_min, 1050.0));
        // 2 left over 7 days.
        assert!(close(p.throughput_per_day, 2.0 / 7.0));
        // Worked in window: 600 + 1500 * 1080/3000 (= 540, job 2 stayed 3000 min, 1080 of
        // them inside) + 200 (job 3 so far) = 1340 of 480 * 7 = 3360.
        assert!(close(p.utilisation, 1340.0 / 3360.0));

        // Proof: queue = whole time in stage (3000), no utilisation.
        let q = &r.stages[1];
        assert_eq!((q.wip, q.utilisation), (1, 0.0));
        assert!(close(q.avg_queue_min, 3000.0));
        // Cutting: job 7 only (job 8 left before the window): 500 - 400 = 100 queued,
        // 400 / (960 * 7 = 6720) utilisation.
        let k = &r.stages[2];
        assert!(close(k.avg_queue_min, 100.0) && close(k.avg_work_min, 400.0));
        assert!(close(k.utilisation, 400.0 / 6720.0));
        assert_eq!(r.stages[3].name, "stage 9");
        // 0.399 (printing) > 0.060 (cutting); proof uses no resource.
        assert_eq!(r.bottleneck, Some(1));
    }

    #[test]
    fn utilisation_ties_go_to_the_longest_queue() {
        // Both stages: 480 worked of 480 capacity in a 1-day window -> utilisation 1.0.
        // Stage 1 queue 600 - 480 = 120, stage 2 queue 900 - 480 = 420 -> stage 2.
        let v = vec![visit(1, 1, NOW - 600, Some(NOW), 480), visit(2, 1, NOW - 900, Some(NOW), 480)];
        let c = vec![cap(1, "A", true, 480), cap(2, "B", true, 480)];
        let r = analyse(&v, &c, NOW, 1);
        assert!(close(r.stages[0].utilisation, 1.0) && close(r.stages[1].utilisation, 1.0));
        assert_eq!(r.bottleneck, Some(2));
    }

    #[test]
    fn no_data_no_bottleneck() {
        let c = vec![cap(1, "A", true, 480), cap(2, "B", false, 0)];
        let r = analyse(&[], &c, NOW, 0);
        assert_eq!(r.bottleneck, None);
        assert!(r.stages.iter().all(|s| s.wip == 0 && s.throughput_per_day == 0.0));
        // Zero capacity does not divide by zero.
        let r = analyse(&[visit(1, 1, NOW - 60, Some(NOW - 10), 50)], &[cap(1, "A", true, 0)], NOW, 1);
        assert_eq!(r.stages[0].utilisation, 0.0);
        // ...but the queue (50 - 50 = 0) and work are still reported; util 0, queue 0 -> none.
        assert_eq!(r.bottleneck, None);
    }

    #[test]
    fn weekly_trend_oldest_first() {
        let d = DAY;
        let v = vec![
            visit(1, 1, NOW - 22 * d - 60, Some(NOW - 22 * d), 60), // week 0 (oldest)
            visit(1, 2, NOW - 8 * d - 60, Some(NOW - 8 * d), 60),   // week 2
            visit(1, 3, NOW - 17 * d / 2 - 60, Some(NOW - 17 * d / 2), 60), // week 2
            visit(1, 4, NOW - d - 60, Some(NOW - d), 60),           // week 3 (current)
        ];
        let r = analyse(&v, &[cap(1, "Print", true, 600)], NOW, 28);
        let dates: Vec<String> = r.trend.iter().map(|(d, _)| d.to_string()).collect();
        // NOW is day 100 (1970-04-11); weeks start on days 72, 79, 86, 93.
        assert_eq!(dates, vec!["1970-03-14", "1970-03-21", "1970-03-28", "1970-04-04"]);
        let tp: Vec<f64> = r.trend.iter().map(|(_, f)| f[0].throughput_per_day * 7.0).collect();
        assert!(close(tp[0], 1.0) && close(tp[1], 0.0) && close(tp[2], 2.0) && close(tp[3], 1.0));
        // Week 2: 120 worked of 600 * 7 = 4200.
        assert!(close(r.trend[2].1[0].utilisation, 120.0 / 4200.0));
        // Whole 28-day window: 4 left -> 4/28 per day; 240 of 600 * 28 = 16800.
        assert!(close(r.stages[0].throughput_per_day, 4.0 / 28.0));
        assert!(close(r.stages[0].utilisation, 240.0 / 16800.0));
    }
}
