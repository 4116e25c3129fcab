//! Stores what a signed webhook delivered, each item once: a redelivery (Meta retries for
//! hours) or a duplicate inside one body changes nothing. Acting on the items (the inbox,
//! delivery statuses on the outbox, marketing opt-outs) reads them from here.
use crate::db::e::wa_inbound;
use crate::db::Db;
use crate::domain::whatsapp::inbound::{self, Inbound};
use crate::domain::whatsapp::webhook::WebhookBody;
use crate::error::AppResult;
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, Set, TransactionTrait};
use serde_json::json;

/// What one webhook body brought: items new to us, and items seen before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Intake {
    pub stored: usize,
    pub repeated: usize,
}

fn row(item: &Inbound, now: chrono::DateTime<chrono::Utc>) -> wa_inbound::ActiveModel {
    let callback = match item {
        Inbound::Status(s) => s.callback_data.clone().unwrap_or_default(),
        _ => String::new(),
    };
    let (kind, wamid, who, detail) = match item {
        Inbound::Message(m) => (
            "message",
            m.message.id.clone(),
            m.sender.clone(),
            json!({
                "text": inbound::summary(&m.message.content),
                "name": m.sender.name,
                "timestamp": m.message.timestamp,
                "context": m.message.context_id,
                "to": m.phone_number_id,
                "message": m.message,
            }),
        ),
        Inbound::Status(s) => (
            "status",
            s.message_id.clone(),
            s.recipient.clone(),
            json!({
                "status": s.raw_status,
                "timestamp": s.timestamp,
                "billable": s.billable,
                "callback": s.callback_data,
                "errors": s.errors.len(),
                "category": s.pricing_category,
                "error_code": s.errors.first().map(|e| e.code),
                "error": s.errors.first().map(|e| e.message.clone().unwrap_or_else(|| e.title.clone())),
            }),
        ),
        Inbound::Preference(p) => (
            "preference",
            String::new(),
            p.user.clone(),
            json!({ "category": p.category, "value": p.raw_value, "timestamp": p.timestamp, "detail": p.detail }),
        ),
        Inbound::Template(t) => (
            "template",
            String::new(),
            Default::default(),
            json!({
                "template_id": t.template_id,
                "name": t.name,
                "language": t.language,
                "status": t.status,
                "quality": t.quality,
                "reason": t.reason,
                "time": t.time,
            }),
        ),
    };
    wa_inbound::ActiveModel {
        key: Set(item.key()),
        kind: Set(kind.into()),
        wamid: Set(wamid),
        wa_id: Set(who.wa_id.unwrap_or_default()),
        user_id: Set(who.user_id.unwrap_or_default()),
        detail: Set(detail.to_string()),
        received_at: Set(now),
        processed_at: Set(None),
        callback: Set(callback),
        ..Default::default()
    }
}

/// Stores the items of a parsed (and already signature-checked) body in one transaction.
pub async fn store(db: &Db, body: &WebhookBody) -> AppResult<Intake> {
    let items = inbound::flatten(body);
    let now = crate::clock::now();
    let txn = db.write.begin().await?;
    let mut out = Intake::default();
    for item in &items {
        // Insert-or-nothing on the unique key: safe with several app instances too.
        let res = wa_inbound::Entity::insert(row(item, now))
            .on_conflict(OnConflict::column(wa_inbound::Column::Key).do_nothing().to_owned())
            .exec_without_returning(&txn)
            .await?;
        if res > 0 {
            out.stored += 1;
        } else {
            out.repeated += 1;
        }
    }
    txn.commit().await?;
    Ok(out)
}
