//! Production workflow: which board moves are legal for a job, and how jobs' positions
//! turn into the order's status. The quality gates (proofs, checklists) are asked by the
//! service after this check passes.
use super::order::OrderStatus;
use serde::{Deserialize, Serialize};

/// Default stages of a print shop, in order: (code, name, what the customer sees, resource kind).
pub const DEFAULT_STAGES: &[(&str, &str, &str, &str)] = &[
    ("design", "Design", "Designing", "designer"),
    ("proof", "Proof approval", "Awaiting your approval", "none"),
    ("prepress", "Prepress", "Preparing to print", "designer"),
    ("printing", "Printing", "Printing", "press"),
    ("finishing", "Finishing", "Finishing", "finishing"),
    ("qc", "Quality check", "Finishing", "operator"),
    ("dispatch", "Ready / Dispatch", "Ready", "operator"),
    ("delivered", "Delivered", "Delivered", "none"),
];

pub use super::floor::stage::{DELIVERED, DISPATCH};
use super::floor::JobState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MoveKind {
    /// To the next stage of the job's routing.
    Forward,
    /// Back to an earlier stage (rework).
    Back,
    /// Same column, new position.
    Reorder,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoveError {
    /// The target stage is not part of this job's routing.
    NotInRouting,
    /// Moving forward past stages that are not done; holds the first skipped stage.
    Skips(i32),
    /// The job is finished (delivered or cancelled) or on hold.
    Closed(&'static str),
}

/// Checks a move of a job from `current` to `to` along `route` (the stage ids of its
/// routing, in order).
pub fn check_move(route: &[i32], current: i32, to: i32, state: JobState) -> Result<MoveKind, MoveError> {
    match state {
        JobState::Done => return Err(MoveError::Closed("delivered")),
        JobState::Cancelled => return Err(MoveError::Closed("cancelled")),
        JobState::OnHold => return Err(MoveError::Closed("on hold")),
        JobState::Active => {}
    }
    if current == to {
        return Ok(MoveKind::Reorder);
    }
    let to_idx = route.iter().position(|s| *s == to).ok_or(MoveError::NotInRouting)?;
    // A job sitting in a stage outside its routing (routing edited later) may go anywhere in it.
    let Some(cur_idx) = route.iter().position(|s| *s == current) else { return Ok(MoveKind::Forward) };
    if to_idx < cur_idx {
        Ok(MoveKind::Back)
    } else if to_idx == cur_idx + 1 {
        Ok(MoveKind::Forward)
    } else {
        Err(MoveError::Skips(route[cur_idx + 1]))
    }
}

/// The order status implied by where its jobs are. `stages` are the stage codes of the
/// order's active jobs; None when the order should keep its status.
pub fn order_status_from_jobs(current: OrderStatus, stages: &[&str]) -> Option<OrderStatus> {
    if stages.is_empty() || matches!(current, OrderStatus::Cancelled | OrderStatus::Draft | OrderStatus::OnHold) {
        return None;
    }
    let all = |code: &str| stages.iter().all(|s| *s == code);
    let target = if all(DELIVERED) {
        OrderStatus::Delivered
    } else if stages.iter().all(|s| *s == DISPATCH || *s == DELIVERED) {
        OrderStatus::Ready
    } else if stages.iter().any(|s| *s != "design") || current == OrderStatus::InProduction {
        OrderStatus::InProduction
    } else {
        OrderStatus::Confirmed
    };
    (target != current).then_some(target)
}

/// New position for a card dropped at `index` in a column whose current positions (other
/// cards, in order) are `others`. Gaps of 1024 leave room for later drops without renumbering.
pub fn position_at(others: &[i32], index: usize) -> Result<i32, ()> {
    let idx = index.min(others.len());
    let before = if idx == 0 { None } else { Some(others[idx - 1]) };
    let after = others.get(idx).copied();
    match (before, after) {
        (None, None) => Ok(1024),
        (None, Some(a)) => Ok(a - 1024),
        (Some(b), None) => Ok(b + 1024),
        (Some(b), Some(a)) if a - b > 1 => Ok(b + (a - b) / 2),
        // No room between neighbours: the caller renumbers the column.
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTE: [i32; 5] = [1, 3, 4, 5, 7];

    #[test]
    fn forward_one_stage_at_a_time() {
        assert_eq!(check_move(&ROUTE, 3, 4, JobState::Active), Ok(MoveKind::Forward));
        assert_eq!(check_move(&ROUTE, 3, 5, JobState::Active), Err(MoveError::Skips(4)));
        assert_eq!(check_move(&ROUTE, 3, 2, JobState::Active), Err(MoveError::NotInRouting));
    }

    #[test]
    fn back_for_rework_and_reorder() {
        assert_eq!(check_move(&ROUTE, 5, 1, JobState::Active), Ok(MoveKind::Back));
        assert_eq!(check_move(&ROUTE, 5, 5, JobState::Active), Ok(MoveKind::Reorder));
    }

    #[test]
    fn closed_jobs_do_not_move() {
        assert_eq!(check_move(&ROUTE, 7, 5, JobState::Done), Err(MoveError::Closed("delivered")));
        assert_eq!(check_move(&ROUTE, 3, 4, JobState::OnHold), Err(MoveError::Closed("on hold")));
    }

    #[test]
    fn order_status_follows_jobs() {
        use OrderStatus::*;
        assert_eq!(order_status_from_jobs(Confirmed, &["printing", "design"]), Some(InProduction));
        assert_eq!(order_status_from_jobs(InProduction, &["dispatch", "delivered"]), Some(Ready));
        assert_eq!(order_status_from_jobs(Ready, &["delivered", "delivered"]), Some(Delivered));
        assert_eq!(order_status_from_jobs(Confirmed, &["design"]), None);
        assert_eq!(order_status_from_jobs(Cancelled, &["printing"]), None);
        assert_eq!(order_status_from_jobs(Ready, &["finishing"]), Some(InProduction));
    }

    #[test]
    fn positions_leave_gaps() {
        assert_eq!(position_at(&[], 0), Ok(1024));
        assert_eq!(position_at(&[1024, 2048], 0), Ok(0));
        assert_eq!(position_at(&[1024, 2048], 1), Ok(1536));
        assert_eq!(position_at(&[1024, 2048], 5), Ok(3072));
        assert_eq!(position_at(&[10, 11], 1), Err(()));
    }
}
