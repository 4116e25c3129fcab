//! The outbox, staff side and producer side: `enqueue` writes a message in the caller's
//! transaction (so it exists exactly when the change that caused it does); staff see the
//! queue with counts and ages, and retry or cancel what failed. The worker sends.
use crate::db::e::outbox;
use crate::db::Db;
use crate::domain::whatsapp::message::Outgoing;
use crate::domain::whatsapp::outbox::{callback_key, lane, preview, OutboxStatus, QueueCounts, Topic};
use crate::domain::whatsapp::window::Purpose;
use crate::error::{AppError, AppResult};
use crate::services::Actor;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub message: Outgoing,
    pub topic: Topic,
    pub purpose: Purpose,
    pub customer_id: Option<i32>,
    pub order_id: Option<i32>,
    pub campaign_id: Option<i32>,
}

impl NewMessage {
    pub fn new(message: Outgoing, topic: Topic, purpose: Purpose) -> Self {
        NewMessage { message, topic, purpose, customer_id: None, order_id: None, campaign_id: None }
    }

    pub fn customer(mut self, id: i32) -> Self {
        self.customer_id = Some(id);
        self
    }

    pub fn order(mut self, id: i32) -> Self {
        self.order_id = Some(id);
        self
    }

    pub fn campaign(mut self, id: i32) -> Self {
        self.campaign_id = Some(id);
        self
    }
}

/// Queues `m` inside the caller's transaction; returns the row id. The message carries the
/// row's callback key, so Meta's status callbacks name the row even before the send returns.
pub async fn enqueue<C: ConnectionTrait>(c: &C, m: NewMessage) -> AppResult<i32> {
    let now = crate::clock::now();
    let row = outbox::ActiveModel {
        topic: Set(m.topic.as_str().into()),
        payload: Set(String::new()),
        status: Set(OutboxStatus::Pending.as_str().into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(String::new()),
        created_at: Set(now),
        sent_at: Set(None),
        lane: Set(lane(&m.message.to)),
        customer_id: Set(m.customer_id),
        order_id: Set(m.order_id),
        campaign_id: Set(m.campaign_id),
        purpose: Set(m.purpose.as_str().into()),
        preview: Set(preview(&m.message)),
        delivery: Set(String::new()),
        wamid: Set(String::new()),
        claimed_by: Set(String::new()),
        claimed_until: Set(None),
        delivered_at: Set(None),
        read_at: Set(None),
        pricing_category: Set(String::new()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    let mut msg = m.message;
    msg.callback_data = Some(callback_key(row.id));
    let payload = serde_json::to_string(&msg).map_err(|e| AppError::Internal(e.to_string()))?;
    outbox::Entity::update_many().col_expr(outbox::Column::Payload, Expr::value(payload)).filter(outbox::Column::Id.eq(row.id)).exec(c).await?;
    Ok(row.id)
}

/// Counts per state, and the age in seconds of the oldest message still waiting.
pub async fn counts(db: &Db) -> AppResult<(QueueCounts, Option<i64>)> {
    let rows: Vec<(String, i64)> = outbox::Entity::find()
        .select_only()
        .column(outbox::Column::Status)
        .column_as(outbox::Column::Id.count(), "n")
        .group_by(outbox::Column::Status)
        .into_tuple()
        .all(&db.read)
        .await?;
    let mut c = QueueCounts::default();
    for (s, n) in rows {
        if let Some(s) = OutboxStatus::parse(&s) {
            c.add(s, n.max(0) as u64);
        }
    }
    let oldest = outbox::Entity::find()
        .filter(outbox::Column::Status.is_in([OutboxStatus::Pending.as_str(), OutboxStatus::Sending.as_str()]))
        .order_by_asc(outbox::Column::Id)
        .one(&db.read)
        .await?
        .map(|r| (crate::clock::now() - r.created_at).num_seconds().max(0));
    Ok((c, oldest))
}

/// The newest messages in one state (all states with `None`), newest first.
pub async fn list(db: &Db, status: Option<OutboxStatus>, limit: u64) -> AppResult<Vec<outbox::Model>> {
    let mut q = outbox::Entity::find().order_by_desc(outbox::Column::Id).limit(limit.clamp(1, 500));
    if let Some(s) = status {
        q = q.filter(outbox::Column::Status.eq(s.as_str()));
    }
    Ok(q.all(&db.read).await?)
}

async fn restate(db: &Db, actor: &Actor, id: i32, from: &[OutboxStatus], to: OutboxStatus, action: &str) -> AppResult<()> {
    let txn = db.write.begin().await?;
    let mut q = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(to.as_str()))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.is_in(from.iter().map(|s| s.as_str())));
    if to == OutboxStatus::Pending {
        // A fresh set of attempts, due now.
        q = q.col_expr(outbox::Column::Attempts, Expr::value(0)).col_expr(outbox::Column::NextAttemptAt, Expr::value(crate::clock::now()));
    }
    let res = q.exec(&txn).await?;
    if res.rows_affected == 0 {
        let exists = outbox::Entity::find_by_id(id).count(&txn).await? > 0;
        return Err(if exists { AppError::Conflict("This message is no longer in a state that allows that; reload the queue".into()) } else { AppError::not_found("Message") });
    }
    crate::services::audit::record(&txn, actor, action, "outbox", Some(id), to.as_str()).await?;
    txn.commit().await?;
    Ok(())
}

/// A failed (or cancelled) message goes back into the queue with fresh attempts.
pub async fn retry(db: &Db, actor: &Actor, id: i32) -> AppResult<()> {
    restate(db, actor, id, &[OutboxStatus::Dead, OutboxStatus::Cancelled], OutboxStatus::Pending, "outbox_retry").await
}

/// A waiting or failed message is not sent.
pub async fn cancel(db: &Db, actor: &Actor, id: i32) -> AppResult<()> {
    restate(db, actor, id, &[OutboxStatus::Pending, OutboxStatus::Dead], OutboxStatus::Cancelled, "outbox_cancel").await
}
