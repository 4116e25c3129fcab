//! Applies what webhooks reported about our messages (stored first by `intake`): delivery
//! statuses onto outbox rows, marketing stop/resume preferences onto contacts, and template
//! review and quality events onto the template rows (`template_sync`). Each item is
//! applied once, in the transaction that marks it processed. Statuses only move forward
//! (`domain::whatsapp::status::apply`), so a duplicate or a late "delivered" after "read"
//! changes nothing; a status that arrives before its send was recorded names its row by the
//! callback key and settles it, so the message is not sent again.
use crate::db::e::{outbox, wa_contacts, wa_inbound};
use crate::db::Db;
use crate::domain::whatsapp::outbox::{parse_callback_key, OutboxStatus};
use crate::domain::whatsapp::status::{apply, DeliveryStatus};
use crate::error::AppResult;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};
use serde_json::Value;

/// Items per transaction.
const BATCH: u64 = 200;
/// A status naming no message we know is kept unapplied this long (its send may still be
/// settling), then dropped.
pub(super) const ORPHAN_HOURS: i64 = 24;

/// Applies pending statuses, preferences and template events; returns how many items were applied.
pub async fn apply_pending(db: &Db) -> AppResult<usize> {
    let mut applied = 0;
    let mut after = 0;
    loop {
        let txn = db.write.begin().await?;
        let items = wa_inbound::Entity::find()
            .filter(wa_inbound::Column::ProcessedAt.is_null())
            .filter(wa_inbound::Column::Kind.is_in(["status", "preference", "template"]))
            .filter(wa_inbound::Column::Id.gt(after))
            .order_by_asc(wa_inbound::Column::Id)
            .limit(BATCH)
            .all(&txn)
            .await?;
        let n = items.len();
        for item in items {
            after = item.id;
            let done = match item.kind.as_str() {
                "status" => apply_status(&txn, &item).await?,
                "template" => super::template_sync::apply_event(&txn, &item).await?,
                _ => apply_preference(&txn, &item).await?,
            };
            if done {
                applied += 1;
                wa_inbound::Entity::update_many()
                    .col_expr(wa_inbound::Column::ProcessedAt, Expr::value(Some(crate::clock::now())))
                    .filter(wa_inbound::Column::Id.eq(item.id))
                    .exec(&txn)
                    .await?;
            }
        }
        txn.commit().await?;
        if (n as u64) < BATCH {
            return Ok(applied);
        }
    }
}

/// Whether the item is finished with (applied, or an orphan too old to wait for).
async fn apply_status<C: ConnectionTrait>(c: &C, item: &wa_inbound::Model) -> AppResult<bool> {
    let detail: Value = serde_json::from_str(&item.detail).unwrap_or(Value::Null);
    let Some(incoming) = detail["status"].as_str().and_then(DeliveryStatus::from_wire) else { return Ok(true) };
    let row = match parse_callback_key(&item.callback) {
        Some(id) => outbox::Entity::find_by_id(id).one(c).await?,
        None if !item.wamid.is_empty() => outbox::Entity::find().filter(outbox::Column::Wamid.eq(item.wamid.clone())).one(c).await?,
        None => None,
    };
    let Some(row) = row else {
        return Ok((crate::clock::now() - item.received_at).num_hours() >= ORPHAN_HOURS);
    };
    let now = crate::clock::now();
    let current = DeliveryStatus::from_wire(&row.delivery).unwrap_or(DeliveryStatus::Queued);
    let mut q = outbox::Entity::update_many().filter(outbox::Column::Id.eq(row.id));
    let mut changed = false;
    if let Some(next) = apply(current, incoming) {
        changed = true;
        q = q.col_expr(outbox::Column::Delivery, Expr::value(next.as_str()));
        if next.reached_phone() && row.delivered_at.is_none() {
            q = q.col_expr(outbox::Column::DeliveredAt, Expr::value(Some(now)));
        }
        if next == DeliveryStatus::Read {
            q = q.col_expr(outbox::Column::ReadAt, Expr::value(Some(now)));
        }
        if next == DeliveryStatus::Failed {
            let code = detail["error_code"].as_i64().map(|c| format!(" (code {c})")).unwrap_or_default();
            let text = detail["error"].as_str().unwrap_or("Meta reported the message failed");
            q = q.col_expr(outbox::Column::LastError, Expr::value(format!("{text}{code}")));
        }
    }
    if row.wamid.is_empty() && !item.wamid.is_empty() {
        changed = true;
        q = q.col_expr(outbox::Column::Wamid, Expr::value(item.wamid.clone()));
    }
    if let Some(cat) = detail["category"].as_str().filter(|c| !c.is_empty() && row.pricing_category.is_empty()) {
        changed = true;
        q = q.col_expr(outbox::Column::PricingCategory, Expr::value(cat));
    }
    // Meta has it although our send never saw the answer (a timeout): it counts as sent and
    // is not sent again. A row mid-send is left to its worker, whose settle follows.
    if row.status == OutboxStatus::Pending.as_str() {
        changed = true;
        q = q.col_expr(outbox::Column::Status, Expr::value(OutboxStatus::Sent.as_str())).col_expr(outbox::Column::SentAt, Expr::value(Some(now)));
    }
    if changed {
        q.exec(c).await?;
    }
    Ok(true)
}

async fn apply_preference<C: ConnectionTrait>(c: &C, item: &wa_inbound::Model) -> AppResult<bool> {
    let detail: Value = serde_json::from_str(&item.detail).unwrap_or(Value::Null);
    if detail["category"].as_str() != Some("marketing_messages") {
        return Ok(true);
    }
    let stop = match detail["value"].as_str() {
        Some("stop") => true,
        Some("resume") => false,
        _ => return Ok(true),
    };
    let contact = super::contacts::find_or_create(c, &item.wa_id, &item.user_id, "").await?;
    let mut a: wa_contacts::ActiveModel = contact.into();
    a.marketing_stopped = Set(stop);
    a.updated_at = Set(crate::clock::now());
    a.update(c).await?;
    Ok(true)
}

/// Applies statuses whenever webhooks were stored, until the task is dropped.
pub async fn run(db: Db, mut wake: tokio::sync::watch::Receiver<u64>) {
    loop {
        if let Err(e) = apply_pending(&db).await {
            tracing::warn!(error = %e, "whatsapp statuses: apply failed");
        }
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), wake.changed()).await;
    }
}
