//! The WhatsApp outbox for staff: every staff role may look at the queue; owners and managers
//! put failed messages back in it or stop them.
use crate::dto::whatsapp::OutboxView;
use crate::error::AppError;
use leptos::prelude::*;

/// How many of the newest messages the page lists.
pub const OUTBOX_ROWS: u64 = 200;

/// Counts per state, the oldest wait and the newest messages, in one state (`status`, as
/// `OutboxStatus::as_str`) or all of them (none or empty).
#[server]
pub async fn whatsapp_outbox(status: Option<String>) -> Result<OutboxView, AppError> {
    use crate::domain::roles::can;
    use crate::domain::whatsapp::outbox::OutboxStatus;
    use crate::services::whatsapp::outbox;
    let user = crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    let status = match status.as_deref().map(str::trim).unwrap_or("") {
        "" => None,
        s => Some(OutboxStatus::parse(s).ok_or_else(|| AppError::field("status", "Unknown status"))?),
    };
    let (counts, oldest_secs) = outbox::counts(&state.db).await?;
    let models = outbox::list(&state.db, status, OUTBOX_ROWS).await?;
    let (now, tz) = (crate::clock::now(), state.config.timezone());
    Ok(OutboxView { counts, oldest_secs, rows: models.into_iter().map(|m| row(m, now, tz)).collect(), can_act: user.role.allowed(can::PLAN) })
}

/// Puts a failed or cancelled message back in the queue with fresh attempts.
#[server]
pub async fn retry_outbox_message(id: i32) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::PLAN).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::outbox::retry(&state.db, &(&user).into(), id).await
}

/// Stops a queued or failed message for good.
#[server]
pub async fn cancel_outbox_message(id: i32) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::PLAN).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::outbox::cancel(&state.db, &(&user).into(), id).await
}

/// One stored message as the page shows it. Only the service writes states and topics; one
/// it does not know is shown as stored (topic) or as failed (status) rather than hidden.
#[cfg(feature = "ssr")]
fn row(m: crate::db::e::outbox::Model, now: chrono::DateTime<chrono::Utc>, tz: chrono_tz::Tz) -> crate::dto::whatsapp::OutboxRow {
    use crate::domain::whatsapp::outbox::{OutboxStatus, Topic};
    crate::dto::whatsapp::OutboxRow {
        id: m.id,
        created: crate::services::local_time(m.created_at, tz),
        age_secs: (now - m.created_at).num_seconds().max(0),
        topic: Topic::parse(&m.topic).map(|t| t.label().to_string()).unwrap_or(m.topic),
        status: OutboxStatus::parse(&m.status).unwrap_or(OutboxStatus::Dead),
        lane: m.lane,
        preview: m.preview,
        delivery: m.delivery,
        attempts: m.attempts,
        last_error: m.last_error,
        order_id: m.order_id,
    }
}
