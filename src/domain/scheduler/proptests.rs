//! Property tests: the plan rules of the module docs on small random shops.
use super::*;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeSet;

/// Monday 2025-01-06 00:00.
const BASE: Minute = 20_094 * 1440;
const KINDS: [&str; 3] = ["press", "cutter", "designer"];

fn arb_shifts() -> impl Strategy<Value = Vec<Shift>> {
    prop_oneof![
        (0u16..1380, 30u16..720).prop_map(|(s, l)| vec![Shift { start: s, end: (s + l).min(1440) }]),
        (0u16..700, 30u16..300, 0u16..120, 30u16..500).prop_map(|(s, l, gap, l2)| {
            let (e1, s2) = (s + l, s + l + gap);
            vec![Shift { start: s, end: e1 }, Shift { start: s2, end: (s2 + l2).min(1440) }]
        }),
        // Overlapping shifts are merged by the planner.
        (0u16..900, 60u16..400).prop_map(|(s, l)| vec![Shift { start: s, end: s + l }, Shift { start: s + l / 2, end: s + l + 30 }]),
    ]
}

fn arb_calendar() -> impl Strategy<Value = Calendar> {
    (
        prop::array::uniform7(prop::bool::weighted(0.75)),
        arb_shifts(),
        prop::collection::vec((0i64..14 * 1440, 1i64..720), 0..4),
        prop::collection::vec((0i64..14, 0u16..300), 0..3),
    )
        .prop_map(|(days, shifts, down, over)| Calendar {
            days,
            shifts,
            downtime: down.into_iter().map(|(a, l)| (BASE + a, BASE + a + l)).collect(),
            overtime: over.into_iter().filter_map(|(d, m)| date_of_day(20_094 + d).map(|d| (d, m))).collect(),
        })
}

type RawTask = (String, i64, Option<usize>, bool);
type RawJob = (Option<i64>, bool, bool, i64, Vec<RawTask>);

fn arb_job(nk: usize, nr: usize) -> impl Strategy<Value = RawJob> {
    let kind = prop_oneof![
        16 => (0..nk).prop_map(|k| KINDS[k].to_string()),
        3 => Just(NO_RESOURCE.to_string()),
        1 => Just("laminator".to_string()),
    ];
    let task = (kind, 0i64..600, prop::option::weighted(0.1, 0..=nr), prop::bool::weighted(0.1));
    (
        prop::option::weighted(0.8, -2000i64..20_000),
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.05),
        prop_oneof![3 => Just(0i64), 1 => 0i64..3 * 1440],
        prop::collection::vec(task, 0..=5),
    )
}

fn arb_input() -> impl Strategy<Value = Input> {
    (1usize..=3, 1usize..=8, 1usize..=30)
        .prop_flat_map(|(nk, nr, nj)| {
            (
                prop::collection::vec((0..nk, arb_calendar()), nr),
                prop::collection::vec(arb_job(nk, nr), nj),
                0i64..7 * 1440,
                any::<bool>(),
                any::<bool>(),
            )
        })
        .prop_map(|(rs, js, now_off, cr, improve)| {
            let now = BASE + now_off;
            let resources = rs
                .into_iter()
                .enumerate()
                .map(|(i, (k, calendar))| Resource { id: 10 * (i as i32 + 1), name: format!("r{i}"), kind: KINDS[k].into(), calendar })
                .collect();
            let jobs = js
                .into_iter()
                .enumerate()
                .map(|(j, (due, rush, on_hold, rel, tasks))| {
                    let id = j as i32 + 1;
                    let tasks = tasks
                        .into_iter()
                        .enumerate()
                        .map(|(s, (kind, minutes, fixed, in_progress))| Task {
                            job_id: id,
                            seq: s as u16 + 1,
                            stage_id: s as i32 + 1,
                            kind,
                            minutes,
                            fixed_resource: fixed.map(|r| 10 * (r as i32 + 1)),
                            in_progress,
                        })
                        .collect();
                    Job { id, order_id: id / 2, due: due.map(|d| now + d), rush, on_hold, release: now + rel, tasks }
                })
                .collect();
            let rule = if cr { Rule::CriticalRatio } else { Rule::EarliestDueDate };
            Input { now, resources, jobs, rule, improve }
        })
}

/// Independent reference for "is minute `t` working time of `cal`".
fn is_working(cal: &Calendar, t: Minute) -> bool {
    let (day, tod) = (t.div_euclid(1440), t.rem_euclid(1440));
    if !cal.days[((day.rem_euclid(7) + 3) % 7) as usize] || cal.downtime.iter().any(|&(a, b)| a <= t && t < b) {
        return false;
    }
    let valid: Vec<&Shift> = cal.shifts.iter().filter(|s| s.start < s.end && s.end <= 1440).collect();
    if valid.iter().any(|s| i64::from(s.start) <= tod && tod < i64::from(s.end)) {
        return true;
    }
    let extra = cal.overtime.iter().filter(|(d, _)| Some(*d) == date_of_day(day)).map(|&(_, m)| i64::from(m)).max();
    let last_end = valid.iter().map(|s| i64::from(s.end)).max();
    matches!((extra, last_end), (Some(x), Some(e)) if e <= tod && tod < (e + x).min(1440))
}

fn check_plan(inp: &Input, p: &Plan) -> Result<(), TestCaseError> {
    // Every job appears exactly once: planned or unschedulable.
    let planned: BTreeSet<i32> = p.jobs.iter().map(|j| j.job_id).collect();
    let failed: BTreeSet<i32> = p.unschedulable.iter().map(|u| u.0).collect();
    prop_assert_eq!(planned.len(), p.jobs.len());
    prop_assert!(planned.is_disjoint(&failed));
    prop_assert_eq!(planned.len() + failed.len(), inp.jobs.len());
    let mut booked: Vec<(i32, Minute, Minute)> = Vec::new();
    for j in &inp.jobs {
        if j.on_hold {
            prop_assert!(p.unschedulable.contains(&(j.id, "on hold".to_string())));
            continue;
        }
        let Some(out) = p.jobs.iter().find(|o| o.job_id == j.id) else { continue };
        let tasks: Vec<&PlannedTask> = p.tasks.iter().filter(|t| t.job_id == j.id).collect();
        prop_assert_eq!(tasks.len(), j.tasks.len());
        let mut ready = inp.now.max(j.release);
        if j.tasks.is_empty() {
            prop_assert_eq!(out.finish, inp.now);
            ready = inp.now;
        }
        for (t, pt) in j.tasks.iter().zip(&tasks) {
            prop_assert_eq!((pt.seq, pt.stage_id), (t.seq, t.stage_id));
            // Stage order.
            prop_assert!(pt.start >= ready, "job {} seq {} starts before it is ready", j.id, t.seq);
            ready = pt.end;
            // Segments: ordered, non-empty, adding up to the work.
            let m = t.minutes.max(0);
            prop_assert_eq!(pt.segments.iter().map(|s| s.end - s.start).sum::<i64>(), m);
            prop_assert!(pt.segments.iter().all(|s| s.start < s.end));
            prop_assert!(pt.segments.windows(2).all(|w| w[0].end <= w[1].start));
            match (pt.segments.first(), pt.segments.last()) {
                (Some(f), Some(l)) => prop_assert_eq!((pt.start, pt.end), (f.start, l.end)),
                _ => prop_assert_eq!(pt.start, pt.end),
            }
            // Capability and working time.
            if t.kind == NO_RESOURCE {
                prop_assert_eq!(pt.resource_id, None);
                prop_assert_eq!(pt.end - pt.start, m);
                continue;
            }
            let rid = pt.resource_id.ok_or_else(|| TestCaseError::fail("resource task without resource"))?;
            let r = inp.resources.iter().find(|r| r.id == rid).ok_or_else(|| TestCaseError::fail("unknown resource"))?;
            prop_assert_eq!(&r.kind, &t.kind);
            if let Some(f) = t.fixed_resource {
                prop_assert_eq!(rid, f);
            }
            for s in &pt.segments {
                prop_assert!((s.start..s.end).all(|x| is_working(&r.calendar, x)), "job {} seq {} outside working time", j.id, t.seq);
                booked.push((rid, s.start, s.end));
            }
        }
        prop_assert_eq!(out.finish, ready);
        prop_assert_eq!(out.late_by, out.due.map_or(0, |d| (out.finish - d).max(0)));
    }
    // No resource double-booked.
    booked.sort_unstable();
    prop_assert!(booked.windows(2).all(|w| w[0].0 != w[1].0 || w[0].2 <= w[1].1), "double booking");
    // Reasons are truthful where checkable.
    for (j, why) in &p.unschedulable {
        if let Some(kind) = why.strip_prefix("no resource can do ") {
            prop_assert!(inp.resources.iter().all(|r| r.kind != kind), "job {} wrongly refused", j);
        }
    }
    Ok(())
}

fn score(p: &Plan) -> (i64, Option<Minute>) {
    (p.total_tardiness(), p.makespan())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn plans_obey_the_rules(inp in arb_input()) {
        check_plan(&inp, &schedule(&inp))?;
    }

    #[test]
    fn deterministic_and_independent_of_input_order(inp in arb_input()) {
        let p = schedule(&inp);
        prop_assert_eq!(&p, &schedule(&inp));
        let mut rev = inp.clone();
        rev.jobs.reverse();
        rev.resources.reverse();
        prop_assert_eq!(&p, &schedule(&rev));
    }

    #[test]
    fn improvement_never_hurts(inp in arb_input()) {
        let (mut base, mut better) = (inp.clone(), inp);
        base.improve = false;
        better.improve = true;
        let (p0, p1) = (schedule(&base), schedule(&better));
        check_plan(&better, &p1)?;
        prop_assert!(score(&p1) <= score(&p0), "{:?} > {:?}", score(&p1), score(&p0));
        // The same jobs get planned.
        prop_assert_eq!(&p0.unschedulable, &p1.unschedulable);
    }

    #[test]
    fn own_plans_never_overload(inp in arb_input()) {
        let p = schedule(&inp);
        let from = date_of_day(day_of(inp.now)).ok_or_else(|| TestCaseError::fail("date"))?;
        let load = load_by_day(&p, &inp.resources, from, 30);
        prop_assert_eq!(load.len(), inp.resources.len() * 30);
        prop_assert!(load.iter().all(|l| !l.overloaded() && l.planned >= 0));
        // All planned resource minutes fall inside these 30 days? Then they add up exactly.
        let end = (day_of(inp.now) + 30) * 1440;
        let segs: Vec<&Segment> = p.tasks.iter().filter(|t| t.resource_id.is_some()).flat_map(|t| &t.segments).collect();
        if segs.iter().all(|s| s.end <= end) {
            let total: i64 = segs.iter().map(|s| s.end - s.start).sum();
            prop_assert_eq!(load.iter().map(|l| l.planned).sum::<i64>(), total);
        }
    }

    /// Garbage calendars and task sizes: no panic, no endless search, still no overlap.
    #[test]
    fn survives_bad_input(
        inp in arb_input(),
        shifts in prop::collection::vec((any::<u16>(), any::<u16>()), 0..4),
        down in prop::collection::vec((any::<i64>(), any::<i64>()), 0..3),
        minutes in prop::collection::vec(prop_oneof![Just(i64::MIN), Just(i64::MAX), -5000i64..400_000], 1..6),
    ) {
        let mut inp = inp;
        if let Some(r) = inp.resources.first_mut() {
            r.calendar.shifts = shifts.into_iter().map(|(start, end)| Shift { start, end }).collect();
            r.calendar.downtime.extend(down);
        }
        let all_tasks = inp.jobs.iter_mut().flat_map(|j| j.tasks.iter_mut());
        for (t, m) in all_tasks.zip(minutes.iter().cycle()) {
            t.minutes = *m;
        }
        let p = schedule(&inp);
        let mut booked: Vec<(i32, Minute, Minute)> = p.tasks.iter()
            .flat_map(|t| t.segments.iter().filter_map(move |s| t.resource_id.map(|r| (r, s.start, s.end))))
            .collect();
        booked.sort_unstable();
        prop_assert!(booked.windows(2).all(|w| w[0].0 != w[1].0 || w[0].2 <= w[1].1));
        prop_assert_eq!(p.jobs.len() + p.unschedulable.len(), inp.jobs.len());
    }
}
