//! Incoming customer messages: each stored message is taken once into its contact's
//! conversation (unread count, the 24-hour window) and answered by the support bot unless a
//! person has taken the chat. The bot's understanding is `domain::whatsapp::bot`; here it looks
//! up orders, records proof decisions through the same service the portal uses, and queues its
//! answers in the outbox with the processing of the message (one transaction).
use super::contacts;
use super::outbox::{enqueue, NewMessage};
use crate::db::e::{orders, proofs, wa_contacts, wa_inbound};
use crate::db::Db;
use crate::domain::order::OrderStatus;
use crate::domain::quality::{Decision, ProofStatus};
use crate::domain::whatsapp::bot::{classify_content, menu, Intent};
use crate::domain::whatsapp::inbound::summary;
use crate::domain::whatsapp::message::Outgoing;
use crate::domain::whatsapp::outbox::Topic;
use crate::domain::whatsapp::webhook::{Content, Message};
use crate::domain::whatsapp::window::Purpose;
use crate::error::{AppError, AppResult};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};
use serde_json::Value;

/// What the bot may tell customers about the shop.
#[derive(Debug, Clone, Default)]
pub struct BotContext {
    pub shop_name: String,
    pub address: String,
    pub opening_hours: String,
    pub public_url: String,
    /// For the orders the bot prepares (numbering, tax, the shop's time zone).
    pub shop: crate::settings::ShopSettings,
    /// Where customers' photos and documents are fetched from and kept (None: not kept).
    pub media: Option<super::media::MediaFetch>,
}

impl BotContext {
    pub fn today(&self) -> chrono::NaiveDate {
        crate::clock::today_in(self.shop.timezone.parse().unwrap_or(chrono_tz::Asia::Kolkata))
    }
}

/// Processes stored messages not yet taken in; returns how many.
pub async fn process_pending(db: &Db, ctx: &BotContext) -> AppResult<usize> {
    let items = wa_inbound::Entity::find()
        .filter(wa_inbound::Column::ProcessedAt.is_null())
        .filter(wa_inbound::Column::Kind.eq("message"))
        .order_by_asc(wa_inbound::Column::Id)
        .limit(200)
        .all(&db.read)
        .await?;
    let n = items.len();
    for item in items {
        if let Err(e) = take_in(db, ctx, &item).await {
            tracing::warn!(id = item.id, error = %e, "whatsapp inbox: message not processed");
        }
    }
    Ok(n)
}

/// Outcome of a proof decision made from a button, decided before the message's transaction
/// (the decision has its own, as on the portal).
enum ProofAnswer {
    Decided(Decision),
    AlreadyDecided,
    NotFound,
}

async fn decide_proof(db: &Db, customer_id: Option<i32>, proof: Option<&str>, decision: Decision, name: &str) -> AppResult<ProofAnswer> {
    let Some(customer_id) = customer_id else { return Ok(ProofAnswer::NotFound) };
    // Without an id (typed "approve"), the customer's one proof that waits for them.
    let candidate = match proof.and_then(|p| p.parse::<i32>().ok()) {
        Some(id) => proofs::Entity::find_by_id(id).one(&db.read).await?,
        None => {
            let theirs: Vec<i32> = orders::Entity::find().select_only().column(orders::Column::Id).filter(orders::Column::CustomerId.eq(customer_id)).into_tuple().all(&db.read).await?;
            let waiting = proofs::Entity::find()
                .filter(proofs::Column::OrderId.is_in(theirs))
                .filter(proofs::Column::Status.eq(ProofStatus::AwaitingCustomer.as_str()))
                .all(&db.read)
                .await?;
            if waiting.len() == 1 { waiting.into_iter().next() } else { None }
        }
    };
    let Some(p) = candidate else { return Ok(ProofAnswer::NotFound) };
    let owner = orders::Entity::find_by_id(p.order_id).one(&db.read).await?.map(|o| o.customer_id);
    if owner != Some(customer_id) {
        return Ok(ProofAnswer::NotFound);
    }
    if p.status != ProofStatus::AwaitingCustomer.as_str() {
        return Ok(ProofAnswer::AlreadyDecided);
    }
    let comment = if decision == Decision::RequestChanges { "Changes requested on WhatsApp; the details follow in the chat" } else { "" };
    match crate::services::quality::proofs::customer_decision(db, p.id, decision, name, true, comment, &[], "whatsapp").await {
        Ok(_) => Ok(ProofAnswer::Decided(decision)),
        Err(AppError::Conflict(_) | AppError::Rejected(_)) => Ok(ProofAnswer::AlreadyDecided),
        Err(e) => Err(e),
    }
}

async fn order_status_text<C: ConnectionTrait>(c: &C, ctx: &BotContext, customer_id: Option<i32>, number: Option<&str>) -> AppResult<String> {
    let Some(customer_id) = customer_id else { return Ok(super::bot_actions::no_account(ctx)) };
    let mut q = orders::Entity::find().filter(orders::Column::CustomerId.eq(customer_id)).filter(orders::Column::Status.ne(OrderStatus::Draft.as_str()));
    if let Some(n) = number {
        q = q.filter(crate::db::ends_with_ci(orders::Column::Number, n));
    }
    let list = q.order_by_desc(orders::Column::Id).limit(3).all(c).await?;
    if list.is_empty() {
        return Ok(match number {
            Some(n) => format!("We could not find order {n} for this number. Please check the number, or choose \"Talk to a person\"."),
            None => "You have no orders with us yet.".to_string(),
        });
    }
    let lines: Vec<String> = list
        .iter()
        .map(|o| {
            let status = OrderStatus::parse(&o.status).map(|s| s.label()).unwrap_or("In progress");
            let due = o.due_date.map(|d| format!(", due {}", d.format("%-d %b"))).unwrap_or_default();
            format!("• {}: {status}{due}", o.number)
        })
        .collect();
    Ok(format!("{}\nDetails: {}/portal/orders", lines.join("\n"), ctx.public_url.trim_end_matches('/')))
}

async fn take_in(db: &Db, ctx: &BotContext, item: &wa_inbound::Model) -> AppResult<()> {
    let detail: Value = serde_json::from_str(&item.detail).unwrap_or(Value::Null);
    let name = detail["name"].as_str().unwrap_or("").to_string();
    let message: Option<Message> = serde_json::from_value(detail["message"].clone()).ok();
    let intent = message.as_ref().and_then(|m| classify_content(&m.content));
    let existing = contacts::find_or_create(&db.write, &item.wa_id, &item.user_id, &name).await?;
    // Proof buttons act through the proof service first (its own transaction).
    let proof = match (&intent, existing.bot_muted) {
        (Some(Intent::ApproveProof { proof }), false) => Some(decide_proof(db, existing.customer_id, proof.as_deref(), Decision::Approve, &display(&existing, &name)).await?),
        (Some(Intent::RequestChanges { proof }), false) => Some(decide_proof(db, existing.customer_id, proof.as_deref(), Decision::RequestChanges, &display(&existing, &name)).await?),
        _ => None,
    };
    // So is fetching a photo or document the customer sent (network time outside the writer).
    let media = match (message.as_ref().map(|m| &m.content), &ctx.media) {
        (Some(Content::Image(m) | Content::Document(m)), Some(f)) => Some((m.clone(), super::media::fetch(db, f, m, item.received_at).await?)),
        _ => None,
    };
    let txn = db.write.begin().await?;
    // Marked processed first, conditionally: another instance that got here first wins.
    let claimed = wa_inbound::Entity::update_many()
        .col_expr(wa_inbound::Column::ProcessedAt, Expr::value(Some(crate::clock::now())))
        .filter(wa_inbound::Column::Id.eq(item.id))
        .filter(wa_inbound::Column::ProcessedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Ok(());
    }
    let contact = wa_contacts::Entity::find_by_id(existing.id).one(&txn).await?.ok_or(AppError::not_found("Contact"))?;
    let now = crate::clock::now();
    let text = message.as_ref().map(|m| summary(&m.content)).unwrap_or_default();
    let mut a: wa_contacts::ActiveModel = contact.clone().into();
    a.last_inbound_at = Set(Some(now));
    a.last_message_at = Set(Some(now));
    a.last_text = Set(text.chars().take(200).collect());
    a.unread = Set(contact.unread + 1);
    a.updated_at = Set(now);
    let to = contacts::address(&contact);
    let mut reply: Option<Outgoing> = None;
    let mut events = Vec::new();
    let say = |s: String| Some(Outgoing::text(to.clone(), s));
    match &intent {
        Some(Intent::Stop) => {
            a.marketing_stopped = Set(true);
            reply = say("You will not get offers from us any more. Order updates still come here. Reply START to get offers again.".into());
        }
        Some(Intent::Start) => {
            a.marketing_stopped = Set(false);
            reply = say(format!("Welcome back! You will get offers from {} again. Reply STOP at any time.", ctx.shop_name));
        }
        _ if contact.bot_muted => {}
        Some(Intent::Human) => {
            a.bot_muted = Set(true);
            reply = say("Thank you. A member of our team will reply here shortly.".into());
        }
        Some(Intent::OrderStatus { order }) => reply = say(order_status_text(&txn, ctx, contact.customer_id, order.as_deref()).await?),
        Some(Intent::Hours) => reply = say(format!("{} is open {}.", ctx.shop_name, ctx.opening_hours)),
        Some(Intent::Address) => reply = say(format!("{}\n{}", ctx.shop_name, ctx.address)),
        Some(Intent::ApproveProof { .. } | Intent::RequestChanges { .. }) => {
            reply = say(match proof {
                Some(ProofAnswer::Decided(Decision::Approve)) => "Thank you, your proof is approved. We will start printing and keep you posted here.".into(),
                Some(ProofAnswer::Decided(_)) => "Thank you. Please tell us here what to change; our designer will send a new proof.".into(),
                Some(ProofAnswer::AlreadyDecided) => "This proof was already decided. You can see it on your order page.".into(),
                _ => "There is no proof waiting for your approval right now.".into(),
            });
        }
        Some(Intent::LatestInvoice) => reply = Some(super::bot_actions::latest_invoice(&txn, ctx, contact.customer_id, to.clone()).await?),
        Some(Intent::Reorder) => {
            let who = contact.customer_id.map(|id| (id, display(&contact, &name)));
            reply = say(super::bot_actions::reorder_draft(&txn, ctx, who, &mut events).await?);
        }
        Some(Intent::Greeting) => reply = say(format!("Namaste! This is {}. Ask \"where is my order\", or reply MENU for options.", ctx.shop_name)),
        Some(Intent::Unknown) => reply = Some(menu(to.clone())),
        None => {}
    }
    if let Some((m, fetched)) = &media {
        let order = super::media::record(&txn, &contact, item.id, m, fetched).await?;
        if !contact.bot_muted {
            reply = say(match (fetched, order) {
                (super::media::Fetched::Stored { .. }, Some(n)) => format!("Thank you, we have your file with order {n}. Our team will look at it."),
                (super::media::Fetched::Stored { .. }, None) => "Thank you, we have your file. Our team will look at it; mention the order number if it is for one.".into(),
                (super::media::Fetched::Refused(r), _) => format!("We could not keep this file: {r}. Please send a PNG or JPEG photo, or a PDF."),
                (super::media::Fetched::Failed(_), _) => "We could not receive this file. Please send it again.".into(),
            });
        }
    }
    a.update(&txn).await?;
    if let Some(mut out) = reply {
        out.reply_to = message.as_ref().map(|m| m.id.clone());
        let mut m = NewMessage::new(out, Topic::Bot, Purpose::ServiceReply);
        m.customer_id = contact.customer_id;
        enqueue(&txn, m).await?;
    }
    let actor = match contact.customer_id {
        Some(id) => crate::services::Actor::Customer { id, name: display(&contact, &name) },
        None => crate::services::Actor::System,
    };
    crate::services::events::commit(db, txn, &actor, events).await
}

fn display(c: &wa_contacts::Model, name: &str) -> String {
    if !name.is_empty() { name.to_string() } else { c.name.clone() }
}

/// Takes in messages whenever webhooks were stored, until the task is dropped.
pub async fn run(db: Db, ctx: BotContext, mut wake: tokio::sync::watch::Receiver<u64>) {
    loop {
        if let Err(e) = process_pending(&db, &ctx).await {
            tracing::warn!(error = %e, "whatsapp inbox failed");
        }
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), wake.changed()).await;
    }
}
