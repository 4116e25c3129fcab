//! Customer feedback for staff: the follow-ups low ratings open, proofs waiting on customers.
use crate::dto::portal::FollowUp;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn follow_ups() -> Result<Vec<FollowUp>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let s = crate::auth::context::state()?;
    crate::services::feedback::open_follow_ups(&s.db, s.config.timezone()).await
}

#[server]
pub async fn close_follow_up(id: i32) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::SELL).await?;
    let s = crate::auth::context::state()?;
    crate::services::feedback::close_follow_up(&s.db, id, &user.name).await
}

/// Proofs waiting on the customer for more than a day (the reminder list).
#[server]
pub async fn waiting_proofs() -> Result<Vec<crate::dto::quality::WaitingProof>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let s = crate::auth::context::state()?;
    crate::services::quality::stats::waiting(&s.db, s.config.quality.customer_reminder_hours).await
}
