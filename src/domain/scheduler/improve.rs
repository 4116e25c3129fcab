//! Bounded local search. A late job `b` is swapped with a neighbour `a` that runs before it,
//! by re-placing just that pair (`b` first, then `a`) around everyone else; the move is kept
//! only when total tardiness drops or, at equal tardiness, the makespan does. Two kinds of
//! neighbour are tried for each late job: the job just ahead of it in the priority order
//! (the classic adjacent swap) and the job just ahead of it on a resource it waited for
//! (that is where a swap can actually gain time). Every other job keeps its bookings, so a
//! move costs two job placements and the plan stays feasible whatever is accepted.
use super::plan::{Engine, PJob, Slot};
use super::Minute;
use std::collections::BTreeMap;

/// Work budget, in task placements per planned task: bounds the pass on overloaded shops.
const BUDGET_PER_TASK: usize = 4;
const MAX_PASSES: usize = 3;
/// Accepted moves per late job and pass, so one hopeless job cannot eat the budget.
const MAX_MOVES_PER_JOB: usize = 8;

/// Multiset of job finishes, for the makespan after a move.
#[derive(Default)]
struct Finishes(BTreeMap<Minute, u32>);

impl Finishes {
    fn add(&mut self, m: Minute) {
        *self.0.entry(m).or_insert(0) += 1;
    }

    fn remove(&mut self, m: Minute) {
        if let Some(c) = self.0.get_mut(&m) {
            *c -= 1;
            if *c == 0 {
                self.0.remove(&m);
            }
        }
    }

    fn max(&self) -> Minute {
        self.0.keys().next_back().copied().unwrap_or(Minute::MIN)
    }
}

fn end_of(s: &[Slot]) -> Minute {
    s.last().map_or(Minute::MIN, |s| s.end)
}

/// Do two ascending index lists share an element?
fn share(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut k) = (0, 0);
    while i < a.len() && k < b.len() {
        match a[i].cmp(&b[k]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => k += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

struct Search<'a> {
    eng: &'a mut Engine,
    jobs: &'a [PJob],
    slots: &'a mut [Option<Vec<Slot>>],
    now: Minute,
    fin: Finishes,
    /// Per resource: booking start (working minute) → job, to find who ran just before.
    owners: Vec<BTreeMap<i64, usize>>,
    /// Priority order of movable jobs and each job's position in it.
    seq: Vec<usize>,
    pos: Vec<usize>,
    budget: usize,
}

pub(super) fn run(eng: &mut Engine, jobs: &[PJob], order: &[usize], slots: &mut [Option<Vec<Slot>>], now: Minute) {
    // Jobs anchored by an in-progress task stay put.
    let anchored = |j: usize| jobs[j].tasks.first().is_some_and(|t| t.in_progress);
    let seq: Vec<usize> = order.iter().copied().filter(|&j| slots[j].is_some() && !anchored(j)).collect();
    let mut pos = vec![usize::MAX; jobs.len()];
    seq.iter().enumerate().for_each(|(i, &j)| pos[j] = i);
    let tasks: usize = seq.iter().map(|&j| jobs[j].tasks.len()).sum();
    let owners = vec![BTreeMap::new(); eng.res.len()];
    let budget = tasks.saturating_mul(BUDGET_PER_TASK).saturating_add(64);
    let mut s = Search { eng, jobs, slots, now, fin: Finishes::default(), owners, seq, pos, budget };
    for j in 0..jobs.len() {
        if let Some(sl) = s.slots[j].take() {
            s.fin.add(end_of(&sl));
            s.own(&sl, j, true);
            s.slots[j] = Some(sl);
        }
    }
    for _ in 0..MAX_PASSES {
        let mut improved = false;
        for i in 0..s.seq.len() {
            let b = s.seq[i];
            let mut moves = 0;
            while moves < MAX_MOVES_PER_JOB && s.late(b) > 0 && s.budget > 0 {
                let mut cands = s.blockers(b);
                let p = s.pos[b];
                if p > 0 && p != usize::MAX {
                    cands.push(s.seq[p - 1]);
                }
                let moved = cands.into_iter().any(|a| s.pos[a] != usize::MAX && s.try_swap(a, b));
                if !moved {
                    break;
                }
                moves += 1;
                improved = true;
            }
        }
        if !improved || s.budget == 0 {
            break;
        }
    }
}

impl Search<'_> {
    fn late(&self, j: usize) -> i64 {
        self.slots[j].as_deref().map_or(0, |s| self.jobs[j].late(end_of(s)))
    }

    fn own(&mut self, sl: &[Slot], j: usize, add: bool) {
        for s in sl.iter().filter(|s| s.w1 > s.w0) {
            if let Some(m) = s.res.and_then(|r| self.owners.get_mut(r)) {
                if add {
                    m.insert(s.w0, j);
                } else {
                    m.remove(&s.w0);
                }
            }
        }
    }

    /// Jobs booked right before a task of `b` that had to wait for its resource, latest
    /// task first.
    fn blockers(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(sl) = self.slots[b].as_deref() else { return out };
        for (i, s) in sl.iter().enumerate().rev() {
            let Some(r) = s.res.filter(|_| s.w1 > s.w0) else { continue };
            let ready = if i == 0 { self.jobs[b].ready(self.now) } else { sl[i - 1].end };
            if s.w0 > self.eng.res[r].tl.work_before(ready) {
                if let Some((_, &a)) = self.owners[r].range(..s.w0).next_back() {
                    if a != b && !out.contains(&a) {
                        out.push(a);
                    }
                }
            }
        }
        out
    }

    /// Re-place `b` then `a` around everyone else; keep the result only if it is better.
    fn try_swap(&mut self, a: usize, b: usize) -> bool {
        let jobs = self.jobs;
        let (ja, jb) = (&jobs[a], &jobs[b]);
        if a == b || !share(&ja.uses, &jb.uses) {
            return false;
        }
        let cost = ja.tasks.len() + jb.tasks.len();
        if self.budget < cost {
            self.budget = 0;
            return false;
        }
        self.budget -= cost;
        let (Some(old_a), Some(old_b)) = (self.slots[a].take(), self.slots[b].take()) else {
            return false;
        };
        let (fa, fb) = (end_of(&old_a), end_of(&old_b));
        let before = (i128::from(ja.late(fa)) + i128::from(jb.late(fb)), self.fin.max());
        old_a.iter().chain(&old_b).for_each(|s| self.eng.unbook(s));
        self.fin.remove(fa);
        self.fin.remove(fb);
        if let Ok(nb) = self.eng.place_job(jb, 0, jb.tasks.len(), jb.ready(self.now)) {
            if let Ok(na) = self.eng.place_job(ja, 0, ja.tasks.len(), ja.ready(self.now)) {
                let (na_f, nb_f) = (end_of(&na), end_of(&nb));
                let after = (i128::from(ja.late(na_f)) + i128::from(jb.late(nb_f)), self.fin.max().max(na_f).max(nb_f));
                if after < before {
                    self.fin.add(na_f);
                    self.fin.add(nb_f);
                    self.own(&old_a, a, false);
                    self.own(&old_b, b, false);
                    self.own(&na, a, true);
                    self.own(&nb, b, true);
                    self.slots[a] = Some(na);
                    self.slots[b] = Some(nb);
                    // `b` now goes first in the priority order too.
                    let (pa, pb) = (self.pos[a], self.pos[b]);
                    if pa < pb {
                        self.seq.swap(pa, pb);
                        self.pos.swap(a, b);
                    }
                    return true;
                }
                na.iter().for_each(|s| self.eng.unbook(s));
            }
            nb.iter().for_each(|s| self.eng.unbook(s));
        }
        // Undo: the old places are free again since only the pair moved.
        old_a.iter().chain(&old_b).for_each(|s| self.eng.book(s));
        self.fin.add(fa);
        self.fin.add(fb);
        self.slots[a] = Some(old_a);
        self.slots[b] = Some(old_b);
        false
    }
}
