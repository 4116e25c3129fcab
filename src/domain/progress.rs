//! Progress maths: how far along a job or an order is, weighted by standard minutes so a
//! two-hour print run counts more than a five-minute quality check.
use serde::{Deserialize, Serialize};

pub use super::floor::StageState;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageProgress {
    pub std_minutes: i64,
    pub state: StageState,
    pub worked_minutes: i64,
}

/// An active stage never shows as finished until it is marked done.
const ACTIVE_CAP: f64 = 0.9;

/// % complete (0..=100) of a job weighted by standard minutes: done stages count fully, the
/// active stage counts `min(worked / std, 0.9)`, pending 0, skipped stages are left out.
/// Negative minutes count as 0. When the remaining stages carry no standard minutes at all,
/// the job is 100 if every non-skipped stage is done (an all-skipped job counts as done),
/// else 0; no stages at all gives 0.
pub fn job_percent(stages: &[StageProgress]) -> f64 {
    if stages.is_empty() {
        return 0.0;
    }
    let mut total = 0.0;
    let mut done = 0.0;
    for s in stages {
        let std = s.std_minutes.max(0) as f64;
        match s.state {
            StageState::Skipped => continue,
            StageState::Done => done += std,
            StageState::Active if std > 0.0 => done += std * (s.worked_minutes.max(0) as f64 / std).min(ACTIVE_CAP),
            StageState::Active | StageState::Pending => {}
        }
        total += std;
    }
    if total <= 0.0 {
        let all_done = stages.iter().all(|s| matches!(s.state, StageState::Done | StageState::Skipped));
        return if all_done { 100.0 } else { 0.0 };
    }
    (100.0 * done / total).clamp(0.0, 100.0)
}

/// % complete (0..=100) of an order: jobs weighted by their total standard minutes.
/// Negative weights count as 0 and non-finite percents as 0; if no job has any standard
/// minutes the plain average is used; no jobs gives 0.
pub fn order_percent(jobs: &[(i64, f64)]) -> f64 {
    let clean = |p: f64| if p.is_finite() { p.clamp(0.0, 100.0) } else { 0.0 };
    let weight: f64 = jobs.iter().map(|&(w, _)| w.max(0) as f64).sum();
    if weight > 0.0 {
        let sum: f64 = jobs.iter().map(|&(w, p)| w.max(0) as f64 * clean(p)).sum();
        (sum / weight).clamp(0.0, 100.0)
    } else if jobs.is_empty() {
        0.0
    } else {
        jobs.iter().map(|&(_, p)| clean(p)).sum::<f64>() / jobs.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::StageState::*;
    use super::*;

    fn st(std_minutes: i64, state: StageState, worked_minutes: i64) -> StageProgress {
        StageProgress { std_minutes, state, worked_minutes }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn weighted_by_standard_minutes() {
        // Done 60 + active 120 with 60 worked (0.5 -> 60) + pending 20 = 120 / 200 = 60%.
        let s = [st(60, Done, 55), st(120, Active, 60), st(20, Pending, 0)];
        assert!(close(job_percent(&s), 60.0));
    }

    #[test]
    fn active_stage_capped_at_ninety_percent() {
        // Active 100 with 300 worked: min(3.0, 0.9) * 100 = 90 of 100 -> 90%.
        assert!(close(job_percent(&[st(100, Active, 300)]), 90.0));
        // Done 50 + active 50 worked 50 (cap 45) = 95 / 100 -> 95%.
        assert!(close(job_percent(&[st(50, Done, 0), st(50, Active, 50)]), 95.0));
    }

    #[test]
    fn skipped_stages_leave_the_total() {
        // Done 30, skipped 400, pending 90: 30 / (30 + 90) = 25%.
        let s = [st(30, Done, 30), st(400, Skipped, 0), st(90, Pending, 0)];
        assert!(close(job_percent(&s), 25.0));
    }

    #[test]
    fn degenerate_jobs() {
        assert!(close(job_percent(&[]), 0.0));
        assert!(close(job_percent(&[st(0, Done, 0), st(0, Skipped, 0)]), 100.0));
        assert!(close(job_percent(&[st(0, Done, 0), st(0, Pending, 0)]), 0.0));
        assert!(close(job_percent(&[st(10, Skipped, 0)]), 100.0));
        // Negative standard minutes count as 0: only the 40-minute done stage is left.
        assert!(close(job_percent(&[st(-50, Pending, 0), st(40, Done, 0)]), 100.0));
        // Active stage with 0 standard minutes adds nothing: 20 / (20 + 20) = 50%.
        assert!(close(job_percent(&[st(20, Done, 0), st(0, Active, 5), st(20, Pending, 0)]), 50.0));
    }

    #[test]
    fn order_weighted_by_job_minutes() {
        // (300 * 50 + 100 * 100) / 400 = 25000 / 400 = 62.5%.
        assert!(close(order_percent(&[(300, 50.0), (100, 100.0)]), 62.5));
        // No weights: plain average (20 + 40) / 2 = 30%.
        assert!(close(order_percent(&[(0, 20.0), (0, 40.0)]), 30.0));
        assert!(close(order_percent(&[]), 0.0));
        // NaN percent counts as 0: (100 * 0 + 100 * 80) / 200 = 40%.
        assert!(close(order_percent(&[(100, f64::NAN), (100, 80.0)]), 40.0));
    }
}
