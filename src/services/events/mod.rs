//! Domain events in the database. A use case collects the events of its change and hands
//! them to `commit`, which writes them in the same transaction and commits; the dispatcher
//! (`dispatch`) then passes them to the subscribers.
//!
//! Ids are handed out in commit order: on PostgreSQL the event rows are written last, under
//! a transaction-level advisory lock, so a reader that has seen id N never later finds a
//! smaller id committing (SQLite has one writer, so the same holds by itself).
pub mod dispatch;
pub mod feed;
pub mod subscribers;

use crate::db::e::events;
use crate::db::Db;
use crate::domain::events::DomainEvent;
use crate::error::AppResult;
use crate::services::Actor;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement};

/// PostgreSQL channel that wakes the dispatchers of every instance after a commit.
pub const CHANNEL: &str = "pressdesk_events";
/// Advisory lock key that orders event ids by commit (any constant unique to this use).
const ORDER_LOCK: i64 = 0x5052_4553_5345_5654;

/// An event as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEvent {
    pub id: i64,
    pub event: DomainEvent,
    pub actor: String,
    pub at: DateTime<Utc>,
}

/// Writes `events` inside `txn` and commits; then wakes this instance's dispatcher.
pub async fn commit(db: &Db, txn: DatabaseTransaction, actor: &Actor, events: Vec<DomainEvent>) -> AppResult<()> {
    write(&txn, actor, &events).await?;
    txn.commit().await?;
    if !events.is_empty() {
        db.wake();
    }
    Ok(())
}

/// The writing half of `commit`, for callers that commit themselves (tests, the seeder).
pub async fn write<C: ConnectionTrait>(c: &C, actor: &Actor, events: &[DomainEvent]) -> AppResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let pg = c.get_database_backend() == DbBackend::Postgres;
    if pg {
        c.execute(Statement::from_sql_and_values(DbBackend::Postgres, "SELECT pg_advisory_xact_lock($1)", [ORDER_LOCK.into()])).await?;
    }
    let now = crate::clock::now();
    let label = actor.label();
    let rows: Vec<events::ActiveModel> = events
        .iter()
        .map(|e| {
            let (subject, subject_id) = e.subject();
            events::ActiveModel {
                kind: Set(e.kind().as_str().into()),
                subject: Set(subject.as_str().into()),
                subject_id: Set(subject_id),
                order_id: Set(e.order_id()),
                payload: Set(serde_json::to_string(e).unwrap_or_default()),
                actor: Set(label.clone()),
                created_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    events::Entity::insert_many(rows).exec(c).await?;
    if pg {
        // Delivered by PostgreSQL at commit, to every instance listening.
        c.execute(Statement::from_sql_and_values(DbBackend::Postgres, "SELECT pg_notify($1, '')", [CHANNEL.into()])).await?;
    }
    Ok(())
}

fn stored(m: events::Model) -> Option<StoredEvent> {
    match serde_json::from_str::<DomainEvent>(&m.payload) {
        Ok(event) => Some(StoredEvent { id: m.id, event, actor: m.actor, at: m.created_at }),
        Err(e) => {
            // A row written by a newer version this one cannot read: skip it, say so.
            tracing::warn!(id = m.id, error = %e, "unreadable event skipped");
            None
        }
    }
}

/// Events after `after`, oldest first, at most `limit`; also the last id looked at (so a
/// skipped unreadable row is not read again).
pub async fn after<C: ConnectionTrait>(c: &C, after: i64, limit: u64) -> AppResult<(Vec<StoredEvent>, i64)> {
    let rows = events::Entity::find().filter(events::Column::Id.gt(after)).order_by_asc(events::Column::Id).limit(limit).all(c).await?;
    let last = rows.last().map(|r| r.id).unwrap_or(after);
    Ok((rows.into_iter().filter_map(stored).collect(), last))
}

/// The newest event id (0 when there is none).
pub async fn last_id<C: ConnectionTrait>(c: &C) -> AppResult<i64> {
    let max: Option<i64> = events::Entity::find().select_only().column_as(events::Column::Id.max(), "m").into_tuple::<Option<i64>>().one(c).await?.flatten();
    Ok(max.unwrap_or(0))
}

/// Events about one record, oldest first (history views and tests).
pub async fn about<C: ConnectionTrait>(c: &C, subject: crate::domain::events::Subject, id: i32) -> AppResult<Vec<StoredEvent>> {
    let rows = events::Entity::find()
        .filter(events::Column::Subject.eq(subject.as_str()))
        .filter(events::Column::SubjectId.eq(id))
        .order_by_asc(events::Column::Id)
        .all(c)
        .await?;
    Ok(rows.into_iter().filter_map(stored).collect())
}

/// Events of (or about) one order, oldest first.
pub async fn for_order<C: ConnectionTrait>(c: &C, order_id: i32) -> AppResult<Vec<StoredEvent>> {
    let rows = events::Entity::find().filter(events::Column::OrderId.eq(order_id)).order_by_asc(events::Column::Id).all(c).await?;
    Ok(rows.into_iter().filter_map(stored).collect())
}
