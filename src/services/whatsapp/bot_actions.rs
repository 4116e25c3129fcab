//! What the support bot does for a customer beyond answering: sends the latest invoice as
//! its PDF (a signed, expiring link WhatsApp fetches the document from) and prepares a
//! reorder of the last order as a draft for staff to confirm. Both run inside the inbound
//! message's transaction, so a message is answered once, with what it caused.
use super::inbox::BotContext;
use crate::db::e::{invoices, order_lines, orders, products};
use crate::domain::events::DomainEvent;
use crate::domain::invoice::PaymentStatus;
use crate::domain::money::Money;
use crate::domain::order::{Channel, OrderStatus, Priority};
use crate::domain::pricing::{options_summary, ChosenOption};
use crate::domain::whatsapp::message::{Body, MediaRef, Outgoing, Recipient};
use crate::dto::orders::{LineDraft, OrderInput};
use crate::error::{AppError, AppResult};
use crate::services::quality::links;
use crate::services::Actor;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

pub fn no_account(ctx: &BotContext) -> String {
    format!("We could not find an account for this number at {}. Send your order number, or choose \"Talk to a person\".", ctx.shop_name)
}

/// The customer's newest invoice that is not cancelled, as a PDF document.
pub async fn latest_invoice<C: ConnectionTrait>(c: &C, ctx: &BotContext, customer_id: Option<i32>, to: Recipient) -> AppResult<Outgoing> {
    let Some(customer_id) = customer_id else { return Ok(Outgoing::text(to, no_account(ctx))) };
    let inv = invoices::Entity::find()
        .filter(invoices::Column::CustomerId.eq(customer_id))
        .filter(invoices::Column::Status.ne(PaymentStatus::Credited.as_str()))
        .order_by_desc(invoices::Column::Id)
        .one(c)
        .await?;
    let Some(inv) = inv else {
        return Ok(Outgoing::text(to, "You have no invoices with us yet. We send each one here when it is issued.".to_string()));
    };
    let order = orders::Entity::find_by_id(inv.order_id).one(c).await?.map(|o| o.number).unwrap_or_default();
    let secret = links::secret_in(c).await?;
    let exp = crate::clock::now().timestamp() + links::DEFAULT_DAYS * 86_400;
    let url = format!("{}{}", ctx.public_url.trim_end_matches('/'), links::invoice_path(&secret, inv.id, exp));
    let owed = Money(inv.total - inv.amount_paid - inv.amount_credited);
    let state = if owed.0 > 0 { format!("{owed} due by {}", inv.due_date.format("%-d %b %Y")) } else { "paid, thank you".to_string() };
    let caption = format!("Invoice {} for order {order}: {} ({state})", inv.number, Money(inv.total));
    let filename = format!("{}.pdf", inv.number.replace('/', "-"));
    Ok(Outgoing::new(to, Body::Document { media: MediaRef::Link(url), caption: Some(caption), filename: Some(filename) }))
}

/// The notes a WhatsApp reorder draft carries: staff and a repeated "reorder" both find it by them.
fn draft_note(from_number: &str) -> String {
    format!("Reorder of {from_number} asked for on WhatsApp: confirm quantities and price with the customer")
}

/// Prepares the last order again as a draft (today's prices, products no longer offered
/// left out) and answers what was prepared. Asking twice gives the same draft.
pub async fn reorder_draft<C: ConnectionTrait>(c: &C, ctx: &BotContext, customer: Option<(i32, String)>, events: &mut Vec<DomainEvent>) -> AppResult<String> {
    let Some((customer_id, name)) = customer else { return Ok(no_account(ctx)) };
    let placed = [OrderStatus::Draft.as_str(), OrderStatus::Cancelled.as_str()];
    let Some(last) = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(orders::Column::Status.is_not_in(placed))
        .order_by_desc(orders::Column::Id)
        .one(c)
        .await?
    else {
        return Ok("You have no earlier order to repeat. Tell us what you need, or choose \"Talk to a person\".".into());
    };
    let waiting = orders::Entity::find()
        .filter(orders::Column::CustomerId.eq(customer_id))
        .filter(orders::Column::Status.eq(OrderStatus::Draft.as_str()))
        .filter(orders::Column::Notes.eq(draft_note(&last.number)))
        .one(c)
        .await?;
    if let Some(d) = waiting {
        return Ok(format!("Your reorder {} of {} is already with our team; they will confirm it with you here.", d.number, last.number));
    }
    let lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(last.id)).order_by_asc(order_lines::Column::Position).all(c).await?;
    let ids: Vec<i32> = lines.iter().map(|l| l.product_id).collect();
    let active: HashMap<i32, products::Model> =
        products::Entity::find().filter(products::Column::Id.is_in(ids)).filter(products::Column::Active.eq(true)).all(c).await?.into_iter().map(|p| (p.id, p)).collect();
    let (kept, dropped): (Vec<_>, Vec<_>) = lines.iter().partition(|l| active.contains_key(&l.product_id));
    if kept.is_empty() {
        return Ok(format!("The items of {} are no longer offered. A member of our team will suggest what we have now.", last.number));
    }
    let input = OrderInput {
        customer_id,
        channel: Channel::WhatsApp,
        priority: Priority::Normal,
        due_date: String::new(),
        notes: draft_note(&last.number),
        draft: true,
        lines: kept
            .iter()
            .map(|l| LineDraft {
                product_id: l.product_id,
                options: serde_json::from_str::<Vec<ChosenOption>>(&l.options_json).unwrap_or_default(),
                quantity: l.quantity,
                unit_price: None,
                discount: Money::ZERO,
                description: String::new(),
            })
            .collect(),
    };
    let actor = Actor::Customer { id: customer_id, name };
    let (id, number) = match crate::services::orders::create_in(c, &actor, &ctx.shop, ctx.today(), &input, events).await {
        Ok(created) => created,
        // A product's minimum or options changed since: staff sort it out with the customer.
        Err(AppError::Validation(_)) => {
            return Ok(format!("We could not repeat {} as it was (the products have changed). A member of our team will reply here.", last.number));
        }
        Err(e) => return Err(e),
    };
    let total = orders::Entity::find_by_id(id).one(c).await?.map(|o| Money(o.total)).unwrap_or(Money::ZERO);
    let items: Vec<String> = kept
        .iter()
        .map(|l| {
            let options = options_summary(&serde_json::from_str::<Vec<ChosenOption>>(&l.options_json).unwrap_or_default());
            let product = active.get(&l.product_id).map(|p| p.name.as_str()).unwrap_or("");
            if options.is_empty() { format!("• {} × {product}", l.quantity) } else { format!("• {} × {product} ({options})", l.quantity) }
        })
        .collect();
    let left_out = if dropped.is_empty() { String::new() } else { format!("\n{} item(s) are no longer offered and were left out.", dropped.len()) };
    Ok(format!(
        "We have prepared {number}, the same as {}:\n{}\nAbout {total} at today's prices.{left_out}\nOur team will confirm it with you here before we start.",
        last.number,
        items.join("\n")
    ))
}
