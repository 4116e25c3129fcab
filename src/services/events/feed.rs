//! What an open board hears: each event turned into the cards to read again.
use super::StoredEvent;
use crate::db::e::jobs;
use crate::domain::events::BoardEffect;
use crate::dto::production::BoardEvent;
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

/// The board message for an event, or None when boards need not hear of it.
pub async fn board_event<C: ConnectionTrait>(c: &C, e: &StoredEvent) -> AppResult<Option<BoardEvent>> {
    let (jobs, reload) = match e.event.board_effect() {
        BoardEffect::None => return Ok(None),
        BoardEffect::Jobs(ids) => (ids, false),
        BoardEffect::OrderJobs(order_id) => {
            let ids: Vec<i32> = jobs::Entity::find().select_only().column(jobs::Column::Id).filter(jobs::Column::OrderId.eq(order_id)).into_tuple().all(c).await?;
            if ids.is_empty() {
                return Ok(None);
            }
            (ids, false)
        }
        BoardEffect::Reload => (Vec::new(), true),
    };
    Ok(Some(BoardEvent { id: e.id, jobs, reload, by: e.actor.clone() }))
}

/// Board messages for the events after `after_id`, for a board that reconnects with
/// Last-Event-ID. Too many to replay: one reload instead.
pub async fn replay<C: ConnectionTrait>(c: &C, after_id: i64) -> AppResult<Vec<BoardEvent>> {
    const MAX: u64 = 200;
    let (events, last) = super::after(c, after_id, MAX + 1).await?;
    if events.len() as u64 > MAX {
        return Ok(vec![BoardEvent { id: last, jobs: Vec::new(), reload: true, by: String::new() }]);
    }
    let mut out = Vec::new();
    for e in &events {
        if let Some(be) = board_event(c, e).await? {
            out.push(be);
        }
    }
    Ok(out)
}
