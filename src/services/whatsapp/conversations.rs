//! The staff inbox: conversations with unread counts, one thread (what the customer wrote,
//! what we sent and what became of it), and staff replies: free text inside the 24-hour
//! window, an approved template outside it (`window::check` decides, as for the bot and the
//! automations), queued through the outbox like every other message.
use super::outbox::{enqueue, NewMessage};
use crate::db::e::{customers, orders, outbox, users, wa_contacts, wa_inbound};
use crate::db::Db;
use crate::domain::money::Money;
use crate::domain::order::OrderStatus;
use crate::domain::whatsapp::message::{Body, Outgoing, Param, TemplateMessage};
use crate::domain::whatsapp::outbox::{OutboxStatus, Topic};
use crate::domain::whatsapp::window::{check, composer_hint, window_open, Purpose, Situation, Verdict};
use crate::dto::inbox::{ChatLine, Conversation, OrderBrief, Thread};
use crate::error::{AppError, AppResult};
use crate::services::Actor;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TransactionTrait};
use std::collections::HashMap;

/// The template staff send outside the window: `{{1}}` name, `{{2}}` shop, `{{3}}` message.
pub const STAFF_TEMPLATE: (&str, &str, &str) = ("pd_staff_followup", "en", "Hi {{1}}, this is {{2}}: {{3}}");

fn address(c: &wa_contacts::Model) -> String {
    if c.wa_id.is_empty() {
        c.user_id.clone()
    } else {
        format!("+{}", c.wa_id)
    }
}

fn summary(c: &wa_contacts::Model, customers: &HashMap<i32, String>, staff: &HashMap<i32, String>) -> Conversation {
    Conversation {
        contact_id: c.id,
        name: if c.name.is_empty() { address(c) } else { c.name.clone() },
        address: address(c),
        customer_id: c.customer_id,
        customer_name: c.customer_id.and_then(|id| customers.get(&id).cloned()),
        unread: c.unread,
        last_text: c.last_text.clone(),
        last_message_at: c.last_message_at.map(|t| t.to_rfc3339()),
        assigned_to: c.assigned_to,
        assigned_name: c.assigned_to.and_then(|id| staff.get(&id).cloned()),
        bot_muted: c.bot_muted,
        window_open: window_open(c.last_inbound_at, crate::clock::now()),
        marketing_stopped: c.marketing_stopped,
    }
}

async fn staff_names(db: &Db) -> AppResult<HashMap<i32, String>> {
    Ok(users::Entity::find().all(&db.read).await?.into_iter().map(|u| (u.id, u.name)).collect())
}

async fn customer_names(db: &Db, ids: Vec<i32>) -> AppResult<HashMap<i32, String>> {
    Ok(customers::Entity::find().filter(customers::Column::Id.is_in(ids)).all(&db.read).await?.into_iter().map(|c| (c.id, c.name)).collect())
}

/// Conversations, the most recent first; `mine_only` keeps those assigned to `me`.
pub async fn list(db: &Db, me: Option<i32>, mine_only: bool) -> AppResult<Vec<Conversation>> {
    let mut q = wa_contacts::Entity::find().filter(wa_contacts::Column::LastMessageAt.is_not_null());
    if mine_only {
        q = q.filter(wa_contacts::Column::AssignedTo.eq(me));
    }
    let contacts = q.order_by_desc(wa_contacts::Column::LastMessageAt).limit(200).all(&db.read).await?;
    let customers = customer_names(db, contacts.iter().filter_map(|c| c.customer_id).collect()).await?;
    let staff = staff_names(db).await?;
    Ok(contacts.iter().map(|c| summary(c, &customers, &staff)).collect())
}

async fn contact(db: &Db, id: i32) -> AppResult<wa_contacts::Model> {
    wa_contacts::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Conversation"))
}

/// One conversation with its last 100 lines, the composer's hint and the customer's orders.
pub async fn thread(db: &Db, id: i32) -> AppResult<Thread> {
    let c = contact(db, id).await?;
    let mut who = Condition::any();
    if !c.wa_id.is_empty() {
        who = who.add(wa_inbound::Column::WaId.eq(c.wa_id.clone()));
    }
    if !c.user_id.is_empty() {
        who = who.add(wa_inbound::Column::UserId.eq(c.user_id.clone()));
    }
    let inbound = wa_inbound::Entity::find().filter(wa_inbound::Column::Kind.eq("message")).filter(who).order_by_desc(wa_inbound::Column::Id).limit(100).all(&db.read).await?;
    let sent = outbox::Entity::find().filter(outbox::Column::Lane.eq(c.key.clone())).order_by_desc(outbox::Column::Id).limit(100).all(&db.read).await?;
    let mut lines: Vec<(chrono::DateTime<chrono::Utc>, ChatLine)> = Vec::new();
    for m in inbound {
        let detail: serde_json::Value = serde_json::from_str(&m.detail).unwrap_or_default();
        let text = detail["text"].as_str().unwrap_or("").to_string();
        lines.push((m.received_at, ChatLine { incoming: true, text, at: m.received_at.to_rfc3339(), status: String::new(), source: "customer".into() }));
    }
    for o in sent {
        let status = match OutboxStatus::parse(&o.status) {
            Some(OutboxStatus::Sent) if !o.delivery.is_empty() => o.delivery.clone(),
            Some(s) => s.label().to_lowercase(),
            None => o.status.clone(),
        };
        let source = Topic::parse(&o.topic).map(|t| t.label().to_string()).unwrap_or_default();
        lines.push((o.created_at, ChatLine { incoming: false, text: o.preview.clone(), at: o.created_at.to_rfc3339(), status, source }));
    }
    lines.sort_by_key(|(t, _)| *t);
    let customers = customer_names(db, c.customer_id.into_iter().collect()).await?;
    let staff = staff_names(db).await?;
    let orders = match c.customer_id {
        Some(cid) => orders::Entity::find()
            .filter(orders::Column::CustomerId.eq(cid))
            .order_by_desc(orders::Column::Id)
            .limit(5)
            .all(&db.read)
            .await?
            .into_iter()
            .map(|o| OrderBrief {
                id: o.id,
                number: o.number,
                status: OrderStatus::parse(&o.status).map(|s| s.label().to_string()).unwrap_or(o.status),
                total: Money(o.total).to_string(),
            })
            .collect(),
        None => vec![],
    };
    let mut staff_list: Vec<(i32, String)> = staff.iter().map(|(k, v)| (*k, v.clone())).collect();
    staff_list.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Thread {
        conversation: summary(&c, &customers, &staff),
        lines: lines.into_iter().map(|(_, l)| l).collect(),
        composer_hint: composer_hint(c.last_inbound_at, crate::clock::now()),
        templates: vec![(STAFF_TEMPLATE.0.into(), STAFF_TEMPLATE.1.into(), STAFF_TEMPLATE.2.into())],
        orders,
        staff: staff_list,
    })
}

/// Staff read the conversation: its unread count goes to zero.
pub async fn mark_read(db: &Db, id: i32) -> AppResult<()> {
    wa_contacts::Entity::update_many().col_expr(wa_contacts::Column::Unread, Expr::value(0)).filter(wa_contacts::Column::Id.eq(id)).exec(&db.write).await?;
    Ok(())
}

/// A staff reply. Inside the window `text` goes as it is; outside it, as the staff template's
/// message variable (`use_template`), or the reply is refused with the composer's reason.
pub async fn reply(db: &Db, actor: &Actor, id: i32, text: &str, use_template: bool, shop_name: &str) -> AppResult<i32> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::field("text", "Write a message"));
    }
    if text.chars().count() > crate::domain::whatsapp::message::TEXT_MAX {
        return Err(AppError::field("text", "At most 4096 characters"));
    }
    let txn = db.write.begin().await?;
    let c = wa_contacts::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::not_found("Conversation"))?;
    let now = crate::clock::now();
    let situation = Situation { last_inbound: c.last_inbound_at, now, purpose: Purpose::ServiceReply, is_template: use_template, opted_in: true, marketing_stopped: c.marketing_stopped };
    if check(&situation) == Verdict::NeedsTemplate {
        return Err(AppError::field("text", Verdict::NeedsTemplate.message()));
    }
    let to = super::contacts::address(&c);
    let msg = if use_template {
        let first = c.name.split_whitespace().next().unwrap_or("there").to_string();
        let p = |s: String| Param { name: None, text: s };
        Outgoing::new(to, Body::Template(TemplateMessage { name: STAFF_TEMPLATE.0.into(), language: STAFF_TEMPLATE.1.into(), header: None, body: vec![p(first), p(shop_name.into()), p(text.into())], buttons: vec![] }))
    } else {
        Outgoing::text(to, text)
    };
    let mut m = NewMessage::new(msg, Topic::Staff, Purpose::ServiceReply);
    m.customer_id = c.customer_id;
    let out = enqueue(&txn, m).await?;
    wa_contacts::Entity::update_many()
        .col_expr(wa_contacts::Column::LastMessageAt, Expr::value(Some(now)))
        .col_expr(wa_contacts::Column::LastText, Expr::value(text.chars().take(200).collect::<String>()))
        .col_expr(wa_contacts::Column::Unread, Expr::value(0))
        .filter(wa_contacts::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    crate::services::audit::record(&txn, actor, "whatsapp_reply", "wa_contact", Some(id), "").await?;
    txn.commit().await?;
    Ok(out)
}

/// Assigns the chat to a staff member (None: unassigned). Taking a chat mutes the bot.
pub async fn assign(db: &Db, actor: &Actor, id: i32, to: Option<i32>) -> AppResult<()> {
    let txn = db.write.begin().await?;
    if let Some(uid) = to {
        users::Entity::find_by_id(uid).one(&txn).await?.ok_or_else(|| AppError::field("assigned_to", "No such staff member"))?;
    }
    let mut q = wa_contacts::Entity::update_many().col_expr(wa_contacts::Column::AssignedTo, Expr::value(to)).filter(wa_contacts::Column::Id.eq(id));
    if to.is_some() {
        q = q.col_expr(wa_contacts::Column::BotMuted, Expr::value(true));
    }
    if q.exec(&txn).await?.rows_affected == 0 {
        return Err(AppError::not_found("Conversation"));
    }
    crate::services::audit::record(&txn, actor, "whatsapp_assign", "wa_contact", Some(id), &to.map(|u| u.to_string()).unwrap_or_default()).await?;
    txn.commit().await?;
    Ok(())
}

/// Hands the chat back to the bot (`muted = false`) or keeps it with staff.
pub async fn set_bot_muted(db: &Db, actor: &Actor, id: i32, muted: bool) -> AppResult<()> {
    let txn = db.write.begin().await?;
    let res = wa_contacts::Entity::update_many().col_expr(wa_contacts::Column::BotMuted, Expr::value(muted)).filter(wa_contacts::Column::Id.eq(id)).exec(&txn).await?;
    if res.rows_affected == 0 {
        return Err(AppError::not_found("Conversation"));
    }
    crate::services::audit::record(&txn, actor, "whatsapp_bot", "wa_contact", Some(id), if muted { "muted" } else { "on" }).await?;
    txn.commit().await?;
    Ok(())
}
