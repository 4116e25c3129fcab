//! The list scheduler: validation and priority order, placement of tasks in working-minute
//! space (see `calendar::Timeline`), and assembly of the output [`Plan`].
use super::calendar::{NormCalendar, Timeline, MINUTES_PER_DAY};
use super::{improve, Input, Job, JobOutcome, Minute, Plan, PlannedTask, Rule, Segment};
use super::{HORIZON_DAYS, NO_RESOURCE};
use std::cmp::Ordering;
use std::collections::BTreeMap;

pub(super) struct Res {
    pub id: i32,
    pub tl: Timeline,
    /// Booked working-minute intervals: ascending, disjoint, merged when touching, so the
    /// gap search only walks real idle gaps.
    pub busy: Vec<(i64, i64)>,
}

/// Where one task went. `w0..w1` are working minutes on `res` (empty for zero-minute and
/// no-resource tasks); `start..end` is wall clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Slot {
    pub res: Option<usize>,
    pub w0: i64,
    pub w1: i64,
    pub start: Minute,
    pub end: Minute,
}

pub(super) struct PTask {
    pub seq: u16,
    pub stage_id: i32,
    pub minutes: i64,
    /// Indices into `Engine::res`, ascending id; empty = no-resource task.
    pub cands: Vec<usize>,
    pub in_progress: bool,
}

pub(super) struct PJob {
    pub id: i32,
    pub order_id: i32,
    pub due: Option<Minute>,
    pub rush: bool,
    pub release: Minute,
    pub tasks: Vec<PTask>,
    /// Remaining work minutes, at least 1 (critical-ratio denominator).
    pub work: i64,
    /// Every resource any task could use, ascending (cheap "do these jobs interact?").
    pub uses: Vec<usize>,
}

impl PJob {
    pub fn ready(&self, now: Minute) -> Minute {
        self.release.max(now)
    }

    pub fn late(&self, finish: Minute) -> i64 {
        self.due.map_or(0, |d| finish.saturating_sub(d).max(0))
    }
}

pub(super) struct Engine {
    pub horizon_end: Minute,
    pub res: Vec<Res>,
}

/// Earliest start `s >= from` with `[s, s + len)` free in `busy` and inside `total`.
fn find_gap(busy: &[(i64, i64)], from: i64, len: i64, total: i64) -> Option<i64> {
    let mut s = from;
    let mut k = busy.partition_point(|b| b.1 <= s);
    while let Some(&(b0, b1)) = busy.get(k) {
        if b0 >= s + len {
            break;
        }
        s = s.max(b1);
        k += 1;
    }
    (s + len <= total).then_some(s)
}

impl Engine {
    /// Best slot for `t` ready at `ready`: earliest finish, ties to the lowest resource id.
    pub fn best_slot(&self, t: &PTask, ready: Minute) -> Option<Slot> {
        if t.minutes == 0 {
            // Takes no time: shown on the first capable resource, books nothing.
            let r = t.cands.first().copied();
            return Some(Slot { res: r, w0: 0, w1: 0, start: ready, end: ready });
        }
        if t.cands.is_empty() {
            // No resource: plain wall-clock time.
            let end = ready.checked_add(t.minutes).filter(|&e| e <= self.horizon_end)?;
            return Some(Slot { res: None, w0: 0, w1: 0, start: ready, end });
        }
        let mut best: Option<Slot> = None;
        for &r in &t.cands {
            let res = &self.res[r];
            let w = res.tl.work_before(ready);
            let Some(s) = find_gap(&res.busy, w, t.minutes, res.tl.total()) else { continue };
            let Some(end) = res.tl.end_time(s + t.minutes) else { continue };
            if best.is_none_or(|b| end < b.end) {
                let Some(start) = res.tl.time_at(s) else { continue };
                best = Some(Slot { res: Some(r), w0: s, w1: s + t.minutes, start, end });
            }
        }
        best
    }

    pub fn book(&mut self, s: &Slot) {
        let Some(r) = s.res else { return };
        if s.w0 >= s.w1 {
            return;
        }
        let busy = &mut self.res[r].busy;
        let k = busy.partition_point(|b| b.0 < s.w0);
        let joins_prev = k > 0 && busy[k - 1].1 == s.w0;
        let joins_next = busy.get(k).is_some_and(|b| b.0 == s.w1);
        match (joins_prev, joins_next) {
            (true, true) => {
                busy[k - 1].1 = busy[k].1;
                busy.remove(k);
            }
            (true, false) => busy[k - 1].1 = s.w1,
            (false, true) => busy[k].0 = s.w0,
            (false, false) => busy.insert(k, (s.w0, s.w1)),
        }
    }

    pub fn unbook(&mut self, s: &Slot) {
        let Some(r) = s.res else { return };
        if s.w0 >= s.w1 {
            return;
        }
        let busy = &mut self.res[r].busy;
        let k = busy.partition_point(|b| b.1 < s.w1);
        let Some(&(b0, b1)) = busy.get(k) else { return };
        if b0 > s.w0 {
            return; // not booked; nothing to undo
        }
        match (b0 < s.w0, s.w1 < b1) {
            (true, true) => {
                busy[k].1 = s.w0;
                busy.insert(k + 1, (s.w1, b1));
            }
            (true, false) => busy[k].1 = s.w0,
            (false, true) => busy[k].0 = s.w1,
            (false, false) => {
                busy.remove(k);
            }
        }
    }

    /// Place and book tasks `from..` of `job` starting at `ready`. On failure nothing stays
    /// booked and the index of the task that did not fit is returned.
    pub fn place_job(&mut self, job: &PJob, from: usize, to: usize, ready: Minute) -> Result<Vec<Slot>, usize> {
        let mut out = Vec::with_capacity(to.saturating_sub(from));
        let mut ready = ready;
        for (i, t) in job.tasks.iter().enumerate().take(to).skip(from) {
            match self.best_slot(t, ready) {
                Some(s) => {
                    self.book(&s);
                    ready = s.end;
                    out.push(s);
                }
                None => {
                    out.iter().for_each(|s| self.unbook(s));
                    return Err(i);
                }
            }
        }
        Ok(out)
    }
}

fn horizon_msg(job: &PJob, i: usize) -> String {
    let stage = job.tasks.get(i).map_or(0, |t| t.stage_id);
    format!("stage {stage} cannot be finished within the {HORIZON_DAYS}-day planning horizon")
}

fn prepare(job: &Job, res: &[Res], kinds: &BTreeMap<&str, Vec<usize>>) -> Result<PJob, String> {
    let max_minutes = HORIZON_DAYS * MINUTES_PER_DAY;
    let mut sorted: Vec<_> = job.tasks.iter().collect();
    sorted.sort_by_key(|t| t.seq);
    let mut tasks = Vec::with_capacity(sorted.len());
    for t in sorted {
        let minutes = t.minutes.max(0);
        if minutes > max_minutes {
            return Err(format!("stage {} needs {minutes} minutes, more than the {HORIZON_DAYS}-day planning horizon", t.stage_id));
        }
        let cands = if t.kind == NO_RESOURCE {
            Vec::new()
        } else if let Some(fid) = t.fixed_resource {
            let ix = res.binary_search_by_key(&fid, |r| r.id).map_err(|_| format!("assigned resource {fid} not found"))?;
            if !kinds.get(t.kind.as_str()).is_some_and(|v| v.contains(&ix)) {
                return Err(format!("assigned resource {fid} cannot do {}", t.kind));
            }
            if res[ix].tl.total() == 0 {
                return Err(format!("assigned resource {fid} has no working time in the next {HORIZON_DAYS} days"));
            }
            vec![ix]
        } else {
            let all = kinds.get(t.kind.as_str()).filter(|v| !v.is_empty());
            let all = all.ok_or_else(|| format!("no resource can do {}", t.kind))?;
            let able: Vec<usize> = all.iter().copied().filter(|&r| res[r].tl.total() > 0).collect();
            if able.is_empty() {
                return Err(format!("no working time for {} in the next {HORIZON_DAYS} days", t.kind));
            }
            able
        };
        tasks.push(PTask { seq: t.seq, stage_id: t.stage_id, minutes, cands, in_progress: t.in_progress });
    }
    let mut uses: Vec<usize> = tasks.iter().flat_map(|t| t.cands.iter().copied()).collect();
    uses.sort_unstable();
    uses.dedup();
    let work = tasks.iter().map(|t| t.minutes).sum::<i64>().max(1);
    Ok(PJob { id: job.id, order_id: job.order_id, due: job.due, rush: job.rush, release: job.release, tasks, work, uses })
}

fn priority(a: &PJob, b: &PJob, rule: Rule, now: Minute) -> Ordering {
    let by_rule = match (a.due, b.due) {
        (Some(x), Some(y)) => match rule {
            Rule::EarliestDueDate => x.cmp(&y),
            // (x-now)/wa vs (y-now)/wb, cross-multiplied exactly (work >= 1).
            Rule::CriticalRatio => {
                let sa = (i128::from(x) - i128::from(now)) * i128::from(b.work);
                let sb = (i128::from(y) - i128::from(now)) * i128::from(a.work);
                sa.cmp(&sb)
            }
        },
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    b.rush.cmp(&a.rush).then(by_rule).then(a.id.cmp(&b.id))
}

pub(super) fn run(input: &Input) -> Plan {
    let now = input.now;
    let horizon_end = now.saturating_add(HORIZON_DAYS * MINUTES_PER_DAY);
    // Resources sorted by id (duplicates: first one wins) so ties go to the lowest id.
    let mut rs: Vec<_> = input.resources.iter().collect();
    rs.sort_by_key(|r| r.id);
    rs.dedup_by_key(|r| r.id);
    let res: Vec<Res> = rs
        .iter()
        .map(|r| Res { id: r.id, tl: Timeline::build(&NormCalendar::new(&r.calendar), now, horizon_end), busy: Vec::new() })
        .collect();
    let mut kinds: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in rs.iter().enumerate() {
        kinds.entry(r.kind.as_str()).or_default().push(i);
    }
    let mut eng = Engine { horizon_end, res };

    let mut jobs_in: Vec<&Job> = input.jobs.iter().collect();
    jobs_in.sort_by_key(|j| j.id);
    let mut plan = Plan::default();
    let mut pjobs = Vec::with_capacity(jobs_in.len());
    let mut prev = None;
    for j in jobs_in {
        if prev == Some(j.id) {
            plan.unschedulable.push((j.id, "duplicate job id".to_string()));
            continue;
        }
        prev = Some(j.id);
        if j.on_hold {
            plan.unschedulable.push((j.id, "on hold".to_string()));
        } else if j.tasks.is_empty() {
            // Nothing left to do: done "now".
            let late_by = j.due.map_or(0, |d| now.saturating_sub(d).max(0));
            plan.jobs.push(JobOutcome { job_id: j.id, order_id: j.order_id, finish: now, due: j.due, late_by });
        } else {
            match prepare(j, &eng.res, &kinds) {
                Ok(p) => pjobs.push(p),
                Err(why) => plan.unschedulable.push((j.id, why)),
            }
        }
    }

    let mut order: Vec<usize> = (0..pjobs.len()).collect();
    order.sort_by(|&a, &b| priority(&pjobs[a], &pjobs[b], input.rule, now));

    let mut slots: Vec<Option<Vec<Slot>>> = vec![None; pjobs.len()];
    let mut failed: Vec<Option<String>> = vec![None; pjobs.len()];
    // Pass 0: work already under way keeps its machine from `now` on.
    for &j in &order {
        let job = &pjobs[j];
        if job.tasks.first().is_some_and(|t| t.in_progress) {
            match eng.place_job(job, 0, 1, job.ready(now)) {
                Ok(s) => slots[j] = Some(s),
                Err(i) => failed[j] = Some(horizon_msg(job, i)),
            }
        }
    }
    // Pass 1: everything else, most urgent job first.
    for &j in &order {
        let job = &pjobs[j];
        if failed[j].is_some() {
            continue;
        }
        let mut done = slots[j].take().unwrap_or_default();
        let ready = done.last().map_or(job.ready(now), |s| s.end);
        match eng.place_job(job, done.len(), job.tasks.len(), ready) {
            Ok(rest) => {
                done.extend(rest);
                slots[j] = Some(done);
            }
            Err(i) => {
                done.iter().for_each(|s| eng.unbook(s));
                failed[j] = Some(horizon_msg(job, i));
            }
        }
    }
    if input.improve {
        improve::run(&mut eng, &pjobs, &order, &mut slots, now);
    }
    build(&eng, &pjobs, &slots, failed, plan)
}

fn build(eng: &Engine, pjobs: &[PJob], slots: &[Option<Vec<Slot>>], failed: Vec<Option<String>>, mut plan: Plan) -> Plan {
    for ((job, sl), why) in pjobs.iter().zip(slots).zip(failed) {
        if let Some(why) = why {
            plan.unschedulable.push((job.id, why));
            continue;
        }
        let Some(sl) = sl else { continue };
        for (t, s) in job.tasks.iter().zip(sl) {
            let (resource_id, segments) = match s.res {
                Some(r) => (Some(eng.res[r].id), eng.res[r].tl.segments(s.w0, s.w1)),
                None if s.end > s.start => (None, vec![Segment { start: s.start, end: s.end }]),
                None => (None, Vec::new()),
            };
            plan.tasks.push(PlannedTask { job_id: job.id, seq: t.seq, stage_id: t.stage_id, resource_id, start: s.start, end: s.end, segments });
        }
        let finish = sl.last().map_or(0, |s| s.end);
        plan.jobs.push(JobOutcome { job_id: job.id, order_id: job.order_id, finish, due: job.due, late_by: job.late(finish) });
    }
    plan.jobs.sort_by_key(|j| j.job_id);
    plan.unschedulable.sort_by_key(|u| u.0);
    plan.tasks.sort_by_key(|t| (t.job_id, t.seq));
    plan
}
