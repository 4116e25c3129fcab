//! Deterministic synthetic workload for benchmarks and load tests: a plausible shop
//! (Mon–Sat, 9:30–13:30 + 14:00–19:00, some downtime and overtime) and a mix of routings.
use super::calendar::MINUTES_PER_DAY;
use super::{Calendar, Input, Job, Minute, Resource, Rule, Shift, Task, NO_RESOURCE};

/// The shop's resource kinds, as the scheduler sees them.
const KINDS: &[crate::domain::floor::ResourceKind] = crate::domain::floor::ResourceKind::ALL;

/// Tiny LCG (Knuth's MMIX constants): enough for test data, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo).max(0) as u64 + 1) as i64
    }

    fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
}

/// Synthetic input: `jobs` jobs of `tasks_per_job` stages over `resources` resources.
/// Routing per job: design (skipped work for supplied artwork), proof approval (no
/// resource), print (one of the press kinds), finishing, quality check; longer routings
/// repeat the pattern. `now` is Monday 2025-01-06 08:00; rule EDD with improvement on.
pub fn bench_input(jobs: usize, tasks_per_job: usize, resources: usize, seed: u64) -> Input {
    let mut rng = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
    rng.next();
    let now: Minute = 20_094 * MINUTES_PER_DAY + 8 * 60;
    let day = |d: i64| now - 8 * 60 + d * MINUTES_PER_DAY;
    let kinds_avail = resources.clamp(1, KINDS.len());
    let mut res = Vec::with_capacity(resources);
    for r in 0..resources {
        let kind = KINDS[r % KINDS.len()].as_str();
        let mut downtime = Vec::new();
        for _ in 0..rng.below(3) {
            let start = day(rng.range(0, 60)) + rng.range(9 * 60, 17 * 60);
            downtime.push((start, start + rng.range(60, 480)));
        }
        let overtime = (0..rng.below(3))
            .filter_map(|_| super::date_of_day(20_094 + rng.range(0, 30)).map(|d| (d, rng.range(60, 120) as u16)))
            .collect();
        let calendar = Calendar {
            days: [true, true, true, true, true, true, false],
            shifts: vec![Shift { start: 570, end: 810 }, Shift { start: 840, end: 1140 }],
            downtime,
            overtime,
        };
        let n = r / KINDS.len() + 1;
        res.push(Resource { id: r as i32 + 1, name: format!("{kind} {n}"), kind: kind.to_string(), calendar });
    }
    let mut out = Vec::with_capacity(jobs);
    for j in 0..jobs {
        let id = j as i32 + 1;
        let mut tasks = Vec::with_capacity(tasks_per_job);
        for s in 0..tasks_per_job {
            let (kind_ix, minutes) = match s % 5 {
                0 => (Some(0), if rng.pct(40) { 0 } else { rng.range(20, 120) }),
                1 => (None, rng.range(60, 1440)),
                2 => (Some(rng.range(1, 3) as usize), rng.range(15, 45) + rng.range(20, 240)),
                3 => (Some(rng.range(4, 6) as usize), rng.range(20, 120)),
                _ => (Some(7), rng.range(10, 40)),
            };
            let kind = kind_ix.map_or(NO_RESOURCE, |k| KINDS[k % kinds_avail].as_str());
            // A few hand assignments, always to a resource of the right kind.
            let fixed_resource = (kind != NO_RESOURCE && resources > 0 && rng.pct(3))
                .then(|| {
                    let same: Vec<usize> = (0..resources).filter(|&r| KINDS[r % KINDS.len()].as_str() == kind).collect();
                    same.get(rng.below(same.len() as u64) as usize).map(|&r| r as i32 + 1)
                })
                .flatten();
            tasks.push(Task { job_id: id, seq: s as u16 + 1, stage_id: s as i32 + 1, kind: kind.to_string(), minutes, fixed_resource, in_progress: false });
        }
        if let Some(first) = tasks.first_mut() {
            first.in_progress = first.kind != NO_RESOURCE && rng.pct(5);
        }
        let release = if rng.pct(90) { now } else { now + rng.range(60, 3 * MINUTES_PER_DAY) };
        let due = rng.pct(95).then(|| day(rng.range(1, 90)) + 18 * 60);
        out.push(Job { id, order_id: id / 3 + 1, due, rush: rng.pct(5), on_hold: rng.pct(2), release, tasks });
    }
    Input { now, resources: res, jobs: out, rule: Rule::EarliestDueDate, improve: true }
}
