//! Hand-checked examples; the general rules are property-tested in `proptests.rs`.
use super::*;
use chrono::NaiveDate;

/// Monday 2025-01-06 00:00.
const MON: Minute = 20_094 * 1440;

pub(super) fn at(day: i64, h: i64, m: i64) -> Minute {
    MON + day * 1440 + h * 60 + m
}

/// Mon–Sat, 9:30–13:30 and 14:00–19:00.
pub(super) fn shop_cal() -> Calendar {
    Calendar {
        days: [true, true, true, true, true, true, false],
        shifts: vec![Shift { start: 570, end: 810 }, Shift { start: 840, end: 1140 }],
        downtime: vec![],
        overtime: vec![],
    }
}

fn always() -> Calendar {
    Calendar { days: [true; 7], shifts: vec![Shift { start: 0, end: 1440 }], downtime: vec![], overtime: vec![] }
}

fn res(id: i32, kind: &str, calendar: Calendar) -> Resource {
    Resource { id, name: format!("{kind} {id}"), kind: kind.into(), calendar }
}

fn task(job_id: i32, seq: u16, kind: &str, minutes: i64) -> Task {
    Task { job_id, seq, stage_id: i32::from(seq), kind: kind.into(), minutes, fixed_resource: None, in_progress: false }
}

fn job(id: i32, due: Option<Minute>, tasks: Vec<Task>) -> Job {
    Job { id, order_id: id, due, rush: false, on_hold: false, release: 0, tasks }
}

fn input(now: Minute, resources: Vec<Resource>, jobs: Vec<Job>) -> Input {
    Input { now, resources, jobs, rule: Rule::EarliestDueDate, improve: false }
}

fn seg(start: Minute, end: Minute) -> Segment {
    Segment { start, end }
}

fn planned(p: &Plan, job_id: i32, seq: u16) -> &PlannedTask {
    p.tasks.iter().find(|t| t.job_id == job_id && t.seq == seq).expect("task planned")
}

#[test]
fn minute_conversions() {
    let d = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    assert_eq!(day_of_date(d), 20_094);
    assert_eq!(date_of_day(20_094), Some(d));
    assert_eq!(calendar::weekday_of_day(20_094), 0); // Monday
    let dt = d.and_hms_opt(9, 30, 59).expect("time");
    assert_eq!(minute_of(dt), at(0, 9, 30));
    assert_eq!(datetime_of(at(0, 9, 30)), d.and_hms_opt(9, 30, 0));
    // Before 1970 floors: 1969-12-31 23:59:30 is minute -1.
    let before = NaiveDate::from_ymd_opt(1969, 12, 31).and_then(|d| d.and_hms_opt(23, 59, 30)).expect("dt");
    assert_eq!(minute_of(before), -1);
    assert_eq!(datetime_of(i64::MAX), None);
}

#[test]
fn splits_across_the_lunch_break() {
    // 300 min from Monday 08:00: 9:30–13:30 (240) + 14:00–15:00 (60).
    let p = schedule(&input(at(0, 8, 0), vec![res(1, "cutter", shop_cal())], vec![job(1, None, vec![task(1, 1, "cutter", 300)])]));
    let t = planned(&p, 1, 1);
    assert_eq!(t.segments, vec![seg(at(0, 9, 30), at(0, 13, 30)), seg(at(0, 14, 0), at(0, 15, 0))]);
    assert_eq!((t.start, t.end, t.resource_id), (at(0, 9, 30), at(0, 15, 0), Some(1)));
}

#[test]
fn skips_sunday() {
    // 200 min from Saturday 17:00: Sat 17:00–19:00 (120), Sunday off, Mon 9:30–10:50 (80).
    let p = schedule(&input(at(5, 17, 0), vec![res(1, "cutter", shop_cal())], vec![job(1, None, vec![task(1, 1, "cutter", 200)])]));
    assert_eq!(planned(&p, 1, 1).segments, vec![seg(at(5, 17, 0), at(5, 19, 0)), seg(at(7, 9, 30), at(7, 10, 50))]);
}

#[test]
fn overtime_and_downtime() {
    let mut cal = shop_cal();
    // Friday (day 4) overtime of 60 min: the day ends 20:00 instead of 19:00.
    cal.overtime.push((NaiveDate::from_ymd_opt(2025, 1, 10).expect("date"), 60));
    // Monday 10:00–11:00 maintenance.
    cal.downtime.push((at(0, 10, 0), at(0, 11, 0)));
    let r = vec![res(1, "press", cal.clone())];
    // 100 min from Friday 18:00 fits in one go: 18:00–19:40.
    let p = schedule(&input(at(4, 18, 0), r.clone(), vec![job(1, None, vec![task(1, 1, "press", 100)])]));
    assert_eq!(planned(&p, 1, 1).segments, vec![seg(at(4, 18, 0), at(4, 19, 40))]);
    // 120 min from Monday 9:30: 9:30–10:00 (30), downtime, 11:00–12:30 (90).
    let p = schedule(&input(at(0, 9, 30), r.clone(), vec![job(1, None, vec![task(1, 1, "press", 120)])]));
    assert_eq!(planned(&p, 1, 1).segments, vec![seg(at(0, 9, 30), at(0, 10, 0)), seg(at(0, 11, 0), at(0, 12, 30))]);
    // Capacity: Friday 540 + 60, Monday 540 - 60, Sunday 0.
    let fri = NaiveDate::from_ymd_opt(2025, 1, 10).expect("date");
    assert_eq!(working_minutes_on(&cal, fri), 600);
    assert_eq!(working_minutes_on(&cal, fri - chrono::Days::new(4)), 480);
    assert_eq!(working_minutes_on(&cal, fri + chrono::Days::new(2)), 0);
}

#[test]
fn waiting_stage_uses_wall_clock_and_order_is_kept() {
    // Design 60 (Mon 9:30–10:30), proof wait 24 h (till Tue 10:30), print 60 (Tue 10:30–11:30).
    let r = vec![res(1, "designer", shop_cal()), res(2, "press", shop_cal())];
    let j = job(1, None, vec![task(1, 1, "designer", 60), task(1, 2, NO_RESOURCE, 1440), task(1, 3, "press", 60)]);
    let p = schedule(&input(at(0, 8, 0), r, vec![j]));
    let proof = planned(&p, 1, 2);
    assert_eq!((proof.resource_id, proof.start, proof.end), (None, at(0, 10, 30), at(1, 10, 30)));
    assert_eq!(proof.segments, vec![seg(at(0, 10, 30), at(1, 10, 30))]);
    assert_eq!((planned(&p, 1, 3).start, planned(&p, 1, 3).end), (at(1, 10, 30), at(1, 11, 30)));
    assert_eq!(p.jobs[0].finish, at(1, 11, 30));
}

#[test]
fn earliest_finish_then_lowest_id() {
    // Two idle presses given as ids 7 then 3: the tie goes to 3. The second job (due later)
    // then finds 3 busy and takes 7.
    let r = vec![res(7, "press", always()), res(3, "press", always())];
    let jobs = vec![job(1, Some(MON + 100), vec![task(1, 1, "press", 60)]), job(2, Some(MON + 200), vec![task(2, 1, "press", 60)])];
    let p = schedule(&input(MON, r, jobs));
    assert_eq!(planned(&p, 1, 1).resource_id, Some(3));
    assert_eq!((planned(&p, 2, 1).resource_id, planned(&p, 2, 1).start), (Some(7), MON));
}

#[test]
fn fills_an_earlier_gap() {
    // Job 1 (urgent): cut 60 then press 60, so the press idles for the first hour. Job 2
    // only needs the press for 30 min and slips into that hour.
    let r = vec![res(1, "cutter", always()), res(2, "press", always())];
    let jobs = vec![
        job(1, Some(MON + 120), vec![task(1, 1, "cutter", 60), task(1, 2, "press", 60)]),
        job(2, Some(MON + 999), vec![task(2, 1, "press", 30)]),
    ];
    let p = schedule(&input(MON, r, jobs));
    assert_eq!((planned(&p, 1, 2).start, planned(&p, 2, 1).start), (MON + 60, MON));
}

#[test]
fn unschedulable_reasons() {
    let mut no_days = shop_cal();
    no_days.days = [false; 7];
    let r = vec![res(1, "cutter", shop_cal()), res(2, "binding", no_days)];
    let mut held = job(1, None, vec![task(1, 1, "cutter", 10)]);
    held.on_hold = true;
    let mut wrong = job(3, None, vec![task(3, 1, "laminator", 10)]);
    wrong.tasks[0].fixed_resource = Some(1);
    let mut missing = job(4, None, vec![task(4, 1, "cutter", 10)]);
    missing.tasks[0].fixed_resource = Some(99);
    let jobs = vec![
        held,
        job(2, None, vec![task(2, 1, "cutter", 10), task(2, 2, "laminator", 10)]),
        wrong,
        missing,
        job(5, None, vec![task(5, 1, "binding", 10)]),
        job(6, None, vec![task(6, 1, "cutter", 1_000_000_000)]),
        // Fits the horizon on paper (< 576000 min) but not in 400 days of 540-min shifts.
        job(7, None, vec![task(7, 1, "cutter", 300_000)]),
    ];
    let p = schedule(&input(MON, r, jobs));
    let why: Vec<(i32, &str)> = p.unschedulable.iter().map(|(j, w)| (*j, w.as_str())).collect();
    assert_eq!(
        why,
        vec![
            (1, "on hold"),
            (2, "no resource can do laminator"),
            (3, "assigned resource 1 cannot do laminator"),
            (4, "assigned resource 99 not found"),
            (5, "no working time for binding in the next 400 days"),
            (6, "stage 1 needs 1000000000 minutes, more than the 400-day planning horizon"),
            (7, "stage 1 cannot be finished within the 400-day planning horizon"),
        ]
    );
    assert!(p.tasks.is_empty() && p.jobs.is_empty());
}

#[test]
fn failed_job_releases_its_bookings() {
    // Job 1's cut fits but its 300000-min press run cannot: the cutter is freed for job 2.
    let r = vec![res(1, "cutter", shop_cal()), res(2, "press", shop_cal())];
    let jobs = vec![
        job(1, Some(MON), vec![task(1, 1, "cutter", 60), task(1, 2, "press", 300_000)]),
        job(2, Some(MON + 5000), vec![task(2, 1, "cutter", 60)]),
    ];
    let p = schedule(&input(at(0, 9, 30), r, jobs));
    assert_eq!(p.unschedulable.len(), 1);
    assert_eq!(planned(&p, 2, 1).start, at(0, 9, 30));
}

#[test]
fn jobs_without_tasks_finish_now() {
    let p = schedule(&input(MON + 50, vec![], vec![job(1, Some(MON + 20), vec![]), job(2, None, vec![])]));
    let f: Vec<(i32, Minute, i64)> = p.jobs.iter().map(|j| (j.job_id, j.finish, j.late_by)).collect();
    assert_eq!(f, vec![(1, MON + 50, 30), (2, MON + 50, 0)]);
}

#[test]
fn priority_rules() {
    // One 24/7 press. A: due +1000, 500 min of work -> CR 2. B: due +600, 100 min -> CR 6.
    let r = vec![res(1, "press", always())];
    let a = job(1, Some(MON + 1000), vec![task(1, 1, "press", 500)]);
    let b = job(2, Some(MON + 600), vec![task(2, 1, "press", 100)]);
    let mut inp = input(MON, r, vec![a, b]);
    let p = schedule(&inp);
    assert_eq!((planned(&p, 2, 1).start, planned(&p, 1, 1).start), (MON, MON + 100)); // EDD: B first
    inp.rule = Rule::CriticalRatio;
    let p = schedule(&inp);
    assert_eq!((planned(&p, 1, 1).start, planned(&p, 2, 1).start), (MON, MON + 500)); // CR: A first
    // Rush beats both rules; no due date goes last.
    inp.jobs.push(job(3, None, vec![task(3, 1, "press", 10)]));
    inp.jobs[1].rush = true;
    inp.rule = Rule::EarliestDueDate;
    let p = schedule(&inp);
    let order: Vec<(i32, Minute)> = vec![(2, planned(&p, 2, 1).start), (1, planned(&p, 1, 1).start), (3, planned(&p, 3, 1).start)];
    assert_eq!(order, vec![(2, MON), (1, MON + 100), (3, MON + 600)]);
}

#[test]
fn improvement_swaps_when_tardiness_drops() {
    // A: 100 min due +50; B: 10 min due +60. EDD: A 0–100 (50 late), B 100–110 (50 late),
    // total 100. Swapped: B 0–10 (on time), A 10–110 (60 late), total 60.
    let r = vec![res(1, "press", always())];
    let jobs = vec![job(1, Some(MON + 50), vec![task(1, 1, "press", 100)]), job(2, Some(MON + 60), vec![task(2, 1, "press", 10)])];
    let mut inp = input(MON, r, jobs);
    assert_eq!(schedule(&inp).total_tardiness(), 100);
    inp.improve = true;
    let p = schedule(&inp);
    assert_eq!(p.total_tardiness(), 60);
    assert_eq!((planned(&p, 2, 1).start, planned(&p, 1, 1).start), (MON, MON + 10));
}

#[test]
fn in_progress_work_keeps_its_machine() {
    // Job 2 is less urgent but already running on the only press: it continues at `now`.
    let r = vec![res(1, "press", always())];
    let mut running = job(2, Some(MON + 5000), vec![task(2, 1, "press", 30)]);
    running.tasks[0].in_progress = true;
    let mut inp = input(MON, r, vec![job(1, Some(MON + 10), vec![task(1, 1, "press", 60)]), running]);
    inp.improve = true;
    let p = schedule(&inp);
    assert_eq!((planned(&p, 2, 1).start, planned(&p, 1, 1).start), (MON, MON + 30));
}

#[test]
fn reports() {
    let mk = |job_id: i32, order_id: i32, finish: Minute, late_by: i64| JobOutcome { job_id, order_id, finish, due: None, late_by };
    let base = Plan { jobs: vec![mk(1, 10, 100, 0), mk(2, 10, 300, 20), mk(3, 11, 50, 5)], ..Plan::default() };
    let what_if = Plan { jobs: vec![mk(2, 10, 250, 0), mk(1, 10, 120, 0), mk(4, 12, 1, 0)], ..Plan::default() };
    assert_eq!(compare(&base, &what_if), vec![(1, 100, 120), (2, 300, 250)]);
    assert_eq!(order_finishes(&base), vec![(10, 300, 20), (11, 50, 5)]);

    // A hand-made plan may overload a day: 600 planned on a 540-minute Monday, and a
    // segment across midnight is split between the days.
    let mut p = Plan::default();
    let t = |seq: u16, segments: Vec<Segment>| PlannedTask { job_id: 1, seq, stage_id: 1, resource_id: Some(5), start: 0, end: 0, segments };
    p.tasks.push(t(1, vec![seg(at(0, 8, 0), at(0, 18, 0))]));
    p.tasks.push(t(2, vec![seg(at(1, 23, 0), at(2, 1, 0))]));
    let from = NaiveDate::from_ymd_opt(2025, 1, 6).expect("date");
    let load = load_by_day(&p, &[res(5, "press", shop_cal())], from, 3);
    let cells: Vec<(i64, i64, bool)> = load.iter().map(|l| (l.planned, l.capacity, l.overloaded())).collect();
    assert_eq!(cells, vec![(600, 540, true), (60, 540, false), (60, 540, false)]);
    assert_eq!(load[2].date, from + chrono::Days::new(2));
}

#[test]
fn bench_input_is_deterministic_and_feasible() {
    let a = bench_input(300, 5, 12, 7);
    assert_eq!(a, bench_input(300, 5, 12, 7));
    assert_ne!(a, bench_input(300, 5, 12, 8));
    assert_eq!((a.jobs.len(), a.resources.len()), (300, 12));
    assert!(a.jobs.iter().all(|j| j.tasks.len() == 5));
    let p = schedule(&a);
    assert_eq!(p, schedule(&a));
    // Only held jobs are left out: every kind exists and hand assignments match kinds.
    assert!(p.unschedulable.iter().all(|(_, why)| why == "on hold"));
    let mut base = a.clone();
    base.improve = false;
    assert!(p.total_tardiness() <= schedule(&base).total_tardiness());
    // Degenerate sizes do not panic.
    for (j, t, r) in [(0, 0, 0), (5, 0, 3), (5, 3, 0), (3, 12, 1)] {
        let _ = schedule(&bench_input(j, t, r, 1));
    }
}

#[test]
fn extreme_times_do_not_panic() {
    for now in [i64::MIN, i64::MIN + 1441, -1, 0, i64::MAX - 10, i64::MAX] {
        let mut j = job(1, Some(i64::MIN), vec![task(1, 1, "press", 30), task(1, 2, NO_RESOURCE, i64::MAX)]);
        j.release = i64::MAX;
        let jobs = vec![j, job(2, Some(i64::MAX), vec![task(2, 1, "press", 30), task(2, 2, NO_RESOURCE, 5)])];
        let p = schedule(&input(now, vec![res(1, "press", always())], jobs));
        assert_eq!(p.jobs.len() + p.unschedulable.len(), 2);
        let _ = load_by_day(&p, &[res(1, "press", always())], NaiveDate::MIN, u32::MAX);
    }
}

#[test]
fn plan_round_trips_through_json() {
    let p = schedule(&bench_input(20, 5, 8, 3));
    let s = serde_json::to_string(&p).expect("serialise");
    assert_eq!(serde_json::from_str::<Plan>(&s).expect("parse"), p);
}
