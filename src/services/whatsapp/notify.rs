//! Automated order updates: a durable event subscriber that turns shop events into WhatsApp
//! messages for the customer, queued in the outbox inside the transaction that advances its
//! cursor, so each event is messaged once, also across restarts and instances. The rules
//! (on/off, template, language) are per event; consent and the 24-hour window decide text or
//! template (`domain::whatsapp::notify::compose`).
use super::outbox::{enqueue, NewMessage};
use crate::db::e::{customers, orders, proofs, wa_rules};
use crate::domain::events::DomainEvent;
use crate::domain::money::Money;
use crate::domain::order::OrderStatus;
use crate::domain::whatsapp::message::Recipient;
use crate::domain::whatsapp::notify::{compose, compose_proof, Facts, NotifyEvent, ProofLinks, Rule};
use crate::domain::whatsapp::outbox::Topic;
use crate::domain::whatsapp::window::Purpose;
use crate::error::AppResult;
use crate::services::events::dispatch::Subscriber;
use crate::services::events::StoredEvent;
use futures::future::BoxFuture;
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait};

pub struct Notifier {
    /// The portal's address, for links in messages.
    pub public_url: String,
}

/// Which update an event is, if any.
async fn notify_event<C: ConnectionTrait>(c: &C, e: &DomainEvent) -> AppResult<Option<(NotifyEvent, i32, String, Option<proofs::Model>)>> {
    use DomainEvent as E;
    Ok(match e {
        E::OrderStatusChanged { order_id, to, .. } => {
            let ev = match to {
                OrderStatus::Confirmed => Some(NotifyEvent::OrderReceived),
                OrderStatus::InProduction => Some(NotifyEvent::InProduction),
                OrderStatus::Ready => Some(NotifyEvent::ReadyOrDispatched),
                OrderStatus::Delivered => Some(NotifyEvent::Delivered),
                _ => None,
            };
            ev.map(|ev| (ev, *order_id, String::new(), None))
        }
        // (A re-order also writes OrderCreated.) An order taken straight in as confirmed never
        // changes status to it.
        E::OrderCreated { order_id, .. } => {
            let o = orders::Entity::find_by_id(*order_id).one(c).await?;
            o.filter(|o| o.status == OrderStatus::Confirmed.as_str()).map(|_| (NotifyEvent::OrderReceived, *order_id, String::new(), None))
        }
        E::ProofUploaded { proof_id, order_id, .. } | E::ProofDecided { proof_id, order_id, by: crate::domain::events::Decider::Staff, approved: true } => {
            let p = proofs::Entity::find_by_id(*proof_id).one(c).await?;
            p.filter(|p| p.status == crate::domain::quality::ProofStatus::AwaitingCustomer.as_str()).map(|p| (NotifyEvent::ProofReady, *order_id, String::new(), Some(p)))
        }
        E::InvoiceIssued { order_id, number, .. } => Some((NotifyEvent::InvoiceIssued, *order_id, number.clone(), None)),
        E::PaymentRecorded { order_id, amount_paise, .. } => Some((NotifyEvent::PaymentReceived, *order_id, Money(*amount_paise).to_string(), None)),
        _ => None,
    })
}

/// The rule for an event: as stored, or the default (on, its default template, English).
pub async fn rule<C: ConnectionTrait>(c: &C, event: NotifyEvent) -> AppResult<Rule> {
    Ok(match wa_rules::Entity::find_by_id(event.as_str().to_string()).one(c).await? {
        Some(r) => Rule { event, enabled: r.enabled, template: r.template, language: r.language },
        None => Rule::default_for(event),
    })
}

/// Queues the update for the order's customer, inside `c`'s transaction. Returns the outbox
/// id, or `None` when no message goes out (rule off, no phone, no consent).
pub async fn notify_order<C: ConnectionTrait>(c: &C, public_url: &str, event: NotifyEvent, order_id: i32, detail: String, proof: Option<&proofs::Model>) -> AppResult<Option<i32>> {
    let Some(order) = orders::Entity::find_by_id(order_id).one(c).await? else { return Ok(None) };
    let Some(customer) = customers::Entity::find_by_id(order.customer_id).one(c).await? else { return Ok(None) };
    let Some(phone) = customer.phone.clone().filter(|p| !p.trim().is_empty()) else { return Ok(None) };
    let rule = rule(c, event).await?;
    let contact = super::contacts::for_phone(c, &phone).await?;
    let facts = Facts {
        customer_name: customer.name.clone(),
        order_number: order.number.clone(),
        order_url: format!("{}/portal/orders/{}", public_url.trim_end_matches('/'), order.id),
        detail,
    };
    let last_inbound = contact.as_ref().and_then(|x| x.last_inbound_at);
    let to = contact.as_ref().map(super::contacts::address).unwrap_or(Recipient::Phone(phone));
    let now = crate::clock::now();
    let composed = match proof {
        Some(p) => {
            let secret = crate::services::quality::links::secret_in(c).await?;
            let exp = now.timestamp() + crate::services::quality::links::DEFAULT_DAYS * 86_400;
            let sig = crate::services::quality::links::sign(&secret, p.id, exp);
            let base = public_url.trim_end_matches('/');
            let links = ProofLinks {
                proof_id: p.id,
                version: p.version,
                image_url: format!("{base}/proofs/{}/preview?exp={exp}&sig={sig}", p.id),
                approve_url: format!("{base}{}", crate::services::quality::links::path(&secret, p.id, exp)),
            };
            compose_proof(&rule, &facts, to, &links, customer.whatsapp_opt_in, last_inbound, now)
        }
        None => compose(&rule, &facts, to, customer.whatsapp_opt_in, last_inbound, now).map(|r| r.map(|m| vec![m])),
    };
    match composed {
        Some(Ok(msgs)) => {
            let topic = if proof.is_some() { Topic::Proof } else { Topic::OrderUpdate };
            let mut first = None;
            for msg in msgs {
                let m = NewMessage::new(msg, topic, Purpose::Utility).customer(customer.id).order(order.id);
                let id = enqueue(c, m).await?;
                first.get_or_insert(id);
            }
            Ok(first)
        }
        Some(Err(verdict)) => {
            tracing::debug!(order = order.id, ?verdict, event = event.as_str(), "whatsapp update not sent");
            Ok(None)
        }
        None => Ok(None),
    }
}

impl Subscriber for Notifier {
    fn name(&self) -> &'static str {
        "whatsapp"
    }

    /// A shop switching WhatsApp on is not messaging its customers about last year's orders.
    fn from_now(&self) -> bool {
        true
    }

    fn handle<'a>(&'a self, txn: &'a DatabaseTransaction, events: &'a [StoredEvent]) -> BoxFuture<'a, AppResult<()>> {
        Box::pin(async move {
            for e in events {
                if let Some((ev, order_id, detail, proof)) = notify_event(txn, &e.event).await? {
                    notify_order(txn, &self.public_url, ev, order_id, detail, proof.as_ref()).await?;
                }
            }
            Ok(())
        })
    }
}

/// Every rule, stored or default, in `NotifyEvent::ALL` order.
pub async fn rules(db: &crate::db::Db) -> AppResult<Vec<Rule>> {
    let mut stored: std::collections::HashMap<String, wa_rules::Model> = wa_rules::Entity::find().all(&db.read).await?.into_iter().map(|r| (r.event.clone(), r)).collect();
    Ok(NotifyEvent::ALL
        .iter()
        .map(|&event| match stored.remove(event.as_str()) {
            Some(r) => Rule { event, enabled: r.enabled, template: r.template, language: r.language },
            None => Rule::default_for(event),
        })
        .collect())
}

/// Saves one rule (on/off, template, language).
pub async fn save_rule(db: &crate::db::Db, actor: &crate::services::Actor, r: &Rule) -> AppResult<()> {
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{Set, TransactionTrait};
    let mut e = crate::domain::validate::FieldErrors::new();
    if r.template.is_empty() || !r.template.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        e.add("template", "An approved template's name: lower-case letters, digits and _");
    }
    if r.language.trim().is_empty() || r.language.len() > 15 {
        e.add("language", "A language code such as en, hi or en_US");
    }
    if !e.is_empty() {
        return Err(crate::error::AppError::Validation(e));
    }
    let txn = db.write.begin().await?;
    let row = wa_rules::ActiveModel { event: Set(r.event.as_str().into()), enabled: Set(r.enabled), template: Set(r.template.clone()), language: Set(r.language.trim().into()), updated_at: Set(crate::clock::now()) };
    wa_rules::Entity::insert(row)
        .on_conflict(OnConflict::column(wa_rules::Column::Event).update_columns([wa_rules::Column::Enabled, wa_rules::Column::Template, wa_rules::Column::Language, wa_rules::Column::UpdatedAt]).to_owned())
        .exec_without_returning(&txn)
        .await?;
    crate::services::audit::record(&txn, actor, "whatsapp_rule", "wa_rule", None, &format!("{} {}", r.event.as_str(), if r.enabled { "on" } else { "off" })).await?;
    txn.commit().await?;
    Ok(())
}
