use super::*;

fn approx(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// Ten orders, one job each (job id = order id), through stage 1 (prepress) then stage 2
// (print). Minutes in stage 1, and the minutes worked there:
const S1: [i64; 10] = [30, 45, 60, 60, 90, 120, 150, 180, 240, 600];
const W1: [i32; 10] = [10, 15, 20, 30, 30, 40, 50, 60, 60, 90];
// Stage 2 takes 60 minutes for everyone, 40 of them worked.

fn at(minute: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_700_000_000 + minute * 60, 0).unwrap()
}

fn ten_orders() -> Vec<StageEvent> {
    let mut v = Vec::new();
    for i in 0..10 {
        let id = i as i32 + 1;
        let start = i * 1000;
        let mid = start + S1[i as usize];
        v.push(StageEvent {
            order_id: id,
            job_id: id,
            stage_id: 1,
            entered_at: at(start),
            left_at: Some(at(mid)),
            worked_minutes: W1[i as usize],
        });
        v.push(StageEvent {
            order_id: id,
            job_id: id,
            stage_id: 2,
            entered_at: at(mid),
            left_at: Some(at(mid + 60)),
            worked_minutes: 40,
        });
    }
    v
}

#[test]
fn stage_times_of_ten_orders_by_hand() {
    let t = stage_times(&ten_orders());
    assert_eq!(t.len(), 2);
    let s1 = &t[0];
    assert_eq!((s1.stage_id, s1.jobs), (1, 10));
    // sorted totals 30 45 60 60 90 120 150 180 240 600
    // median: h = 4.5 → 90 + 0.5·30 = 105; p85: h = 7.65 → 180 + 0.65·60 = 219;
    // p95: h = 8.55 → 240 + 0.55·360 = 438
    assert!(approx(s1.total.median, 105.0) && approx(s1.total.p85, 219.0) && approx(s1.total.p95, 438.0));
    // queue = total − worked: 20 30 40 30 60 80 100 120 180 510 → sorted
    // 20 30 30 40 60 80 100 120 180 510: median 70, p85 = 120 + 0.65·60 = 159
    assert!(approx(s1.queue.median, 70.0) && approx(s1.queue.p85, 159.0));
    // worked sorted 10 15 20 30 30 40 50 60 60 90: median 35
    assert!(approx(s1.work.median, 35.0));
    // Σ queue 1170 / Σ total 1575
    assert!(approx(s1.queue_share.unwrap(), 1170.0 / 1575.0));
    let s2 = &t[1];
    assert!(approx(s2.total.median, 60.0) && approx(s2.queue.p95, 20.0) && approx(s2.work.mean, 40.0));
}

#[test]
fn rework_adds_up_and_open_visits_are_left_out() {
    let mut ev = ten_orders();
    // Job 1 comes back to prepress for 30 minutes, 10 of them worked: 60 in total, 20 worked.
    ev.push(StageEvent {
        order_id: 1,
        job_id: 1,
        stage_id: 1,
        entered_at: at(500),
        left_at: Some(at(530)),
        worked_minutes: 10,
    });
    // Job 11 is in prepress now, job 12 came back and is there again.
    ev.push(StageEvent {
        order_id: 11,
        job_id: 11,
        stage_id: 1,
        entered_at: at(20_000),
        left_at: None,
        worked_minutes: 0,
    });
    ev.push(StageEvent {
        order_id: 12,
        job_id: 12,
        stage_id: 1,
        entered_at: at(20_000),
        left_at: Some(at(20_010)),
        worked_minutes: 5,
    });
    ev.push(StageEvent {
        order_id: 12,
        job_id: 12,
        stage_id: 1,
        entered_at: at(20_100),
        left_at: None,
        worked_minutes: 0,
    });
    let stays = stage_stays(&ev);
    let job1 = stays.iter().find(|s| s.job_id == 1 && s.stage_id == 1).unwrap();
    assert_eq!((job1.total, job1.work, job1.queue), (60.0, 20.0, 40.0));
    assert!(!stays.iter().any(|s| s.job_id == 11 || s.job_id == 12));
    assert_eq!(stage_times(&ev)[0].jobs, 10);
}

#[test]
fn worked_minutes_over_the_stay_are_capped() {
    let ev = [StageEvent {
        order_id: 1,
        job_id: 1,
        stage_id: 3,
        entered_at: at(0),
        left_at: Some(at(30)),
        worked_minutes: 45,
    }];
    let s = stage_stays(&ev)[0];
    assert_eq!((s.total, s.work, s.queue), (30.0, 30.0, 0.0));
}

#[test]
fn lead_times_from_events_by_hand() {
    let spans = spans_from_events(&ten_orders());
    let leads: Vec<f64> = spans.iter().map(|s| s.lead_minutes().unwrap()).collect();
    // stage 1 + 60: 90 105 120 120 150 180 210 240 300 660
    assert_eq!(leads, vec![90.0, 105.0, 120.0, 120.0, 150.0, 180.0, 210.0, 240.0, 300.0, 660.0]);
    let s = summarize(&leads).unwrap();
    assert!(approx(s.median, 165.0) && approx(s.p85, 279.0));
    assert_eq!(slowest_orders(&spans, 3), vec![(10, 660.0), (9, 300.0), (8, 240.0)]);
    // Ties keep the lower order id first.
    assert_eq!(slowest_orders(&spans, 10)[6..8], [(3, 120.0), (4, 120.0)]);
    let mut ev = ten_orders();
    ev.push(StageEvent {
        order_id: 5,
        job_id: 55,
        stage_id: 1,
        entered_at: at(4000),
        left_at: None,
        worked_minutes: 0,
    });
    let open = spans_from_events(&ev);
    assert_eq!(open[4].finished_at, None);
    assert_eq!(open[4].lead_minutes(), None);
}

#[test]
fn due_dates_end_at_local_midnight() {
    let ist = FixedOffset::east_opt(5 * 3600 + 1800).unwrap();
    let due = due_by(date(2024, 3, 10), ist).unwrap();
    assert_eq!(due.to_rfc3339(), "2024-03-10T18:30:00+00:00");
}

#[test]
fn on_time_rate_by_hand() {
    let due = at(1000);
    let span = |id, done: Option<i64>, due_by| OrderSpan {
        order_id: id,
        started_at: at(0),
        finished_at: done.map(at),
        due_by,
    };
    let spans = [
        span(1, Some(900), Some(due)),  // on time
        span(2, Some(1000), Some(due)), // on time, to the minute
        span(3, Some(1001), Some(due)), // late
        span(4, None, Some(due)),       // open and overdue at 1500: late
        span(5, None, Some(at(2000))),  // open, not due yet: not counted
        span(6, Some(5000), None),      // no due date: not counted
    ];
    let r = on_time_rate(&spans, at(1500));
    assert_eq!((r.on_time, r.late, r.open_overdue), (2, 2, 1));
    assert!(approx(r.rate.unwrap(), 0.5));
    assert_eq!(on_time_rate(&spans[4..], at(1500)).rate, None);
}

#[test]
fn age_bands_against_the_stage_history() {
    let ev = ten_orders();
    let norms = stage_norms(&ev);
    let n1 = norms[0];
    assert_eq!((n1.stage_id, n1.samples), (1, 10));
    assert!(approx(n1.p50, 105.0) && approx(n1.p85, 219.0));
    assert_eq!(n1.band(60.0), AgeBand::Under50);
    assert_eq!(n1.band(105.0), AgeBand::P50to85);
    assert_eq!(n1.band(n1.p85), AgeBand::P50to85);
    assert_eq!(n1.band(219.5), AgeBand::Over85);
    assert_eq!(age_band(1.0, 2.0, 3.0), AgeBand::Under50);
    assert_eq!(AgeBand::parse("over_p85"), Some(AgeBand::Over85));
    assert_eq!(AgeBand::ALL.len(), 3);
    // Four finished jobs are too few for a norm.
    assert_eq!(StageNorm::from_durations(9, &[1.0, 2.0, 3.0, 4.0]), None);
}
