//! Reorder: a past order's items and options at today's prices (changed prices shown),
//! quantities editable; confirming creates a portal order that goes straight to the board.
//! The approved artwork of each item comes along and its job starts after proof approval,
//! unless the customer asks for new artwork for it (then it starts in Design, as new work).
use crate::db::e::{approval_steps, order_lines, products, proofs};
use crate::db::Db;
use crate::domain::events::DomainEvent;
use crate::domain::money::Money;
use crate::domain::order::{Channel, Priority};
use crate::domain::pricing::{options_summary, ChosenOption};
use crate::domain::quality::{ProofStatus, StepKind, StepStatus};
use crate::dto::orders::{LineDraft, OrderInput};
use crate::dto::portal::{ReorderDraft, ReorderLine};
use crate::error::{AppError, AppResult};
use crate::services::{orders as order_svc, Actor};
use crate::settings::ShopSettings;
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};
use std::collections::HashMap;

pub async fn draft(db: &Db, customer_id: i32, order_id: i32) -> AppResult<ReorderDraft> {
    let o = super::orders::own(db, customer_id, order_id).await?;
    let lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(o.id)).order_by_asc(order_lines::Column::Position).all(&db.read).await?;
    let mut approved: HashMap<i32, i32> = HashMap::new();
    for p in proofs::Entity::find().filter(proofs::Column::OrderId.eq(o.id)).filter(proofs::Column::Status.eq(ProofStatus::Approved.as_str())).all(&db.read).await? {
        let v = approved.entry(p.order_line_id).or_insert(p.version);
        *v = (*v).max(p.version);
    }
    let catalogue: HashMap<i32, products::Model> = products::Entity::find().all(&db.read).await?.into_iter().map(|p| (p.id, p)).collect();
    Ok(ReorderDraft {
        from_order_id: o.id,
        from_number: o.number,
        lines: lines
            .iter()
            .map(|l| {
                let options: Vec<ChosenOption> = serde_json::from_str(&l.options_json).unwrap_or_default();
                let product = catalogue.get(&l.product_id);
                let price = product
                    .filter(|p| p.active)
                    .and_then(|p| crate::services::products::from_model(p).price_config().unit_price(l.quantity, &options).ok());
                ReorderLine {
                    product_id: l.product_id,
                    product: product.map(|p| p.name.clone()).unwrap_or_else(|| l.description.clone()),
                    options_text: options_summary(&options),
                    options,
                    quantity: l.quantity,
                    min_qty: product.map(|p| p.min_qty as i64).unwrap_or(1),
                    unit: product.map(|p| p.unit.clone()).unwrap_or_default(),
                    old_unit_price: Money(l.unit_price),
                    new_unit_price: price,
                    artwork_version: approved.get(&l.id).copied(),
                }
            })
            .collect(),
    })
}

/// Places the reorder. `quantities[i]` is the new quantity of line i (0 drops the line);
/// `new_artwork` lists the lines whose artwork the customer wants changed, `changes` says how.
#[allow(clippy::too_many_arguments)]
pub async fn confirm(
    db: &Db,
    customer: (i32, String),
    order_id: i32,
    quantities: &[i64],
    new_artwork: &[usize],
    changes: &str,
    shop: &ShopSettings,
    today: NaiveDate,
) -> AppResult<(i32, String)> {
    let d = draft(db, customer.0, order_id).await?;
    if quantities.len() != d.lines.len() {
        return Err(AppError::Conflict("The order changed; open the reorder again".into()));
    }
    let chosen: Vec<(usize, &ReorderLine, i64)> = d.lines.iter().enumerate().zip(quantities).filter(|(_, q)| **q > 0).map(|((i, l), q)| (i, l, *q)).collect();
    if chosen.is_empty() {
        return Err(AppError::field("lines", "Keep at least one item"));
    }
    if let Some((i, l, _)) = chosen.iter().find(|(_, l, _)| l.new_unit_price.is_none()) {
        return Err(AppError::field(&format!("lines.{i}.quantity"), &format!("{} is no longer offered; set its quantity to 0", l.product)));
    }
    let changes = changes.trim();
    if changes.chars().count() > 1000 {
        return Err(AppError::field("changes", "At most 1000 characters"));
    }
    if !new_artwork.is_empty() && changes.is_empty() {
        return Err(AppError::field("changes", "Tell us what should change in the artwork"));
    }
    let redo: Vec<&str> = chosen.iter().filter(|(i, _, _)| new_artwork.contains(i)).map(|(_, l, _)| l.product.as_str()).collect();
    let notes = if redo.is_empty() {
        format!("Reorder of {}", d.from_number)
    } else {
        format!("Reorder of {}. New artwork wanted for {}: {changes}", d.from_number, redo.join(", "))
    };
    let input = OrderInput {
        customer_id: customer.0,
        channel: Channel::Portal,
        priority: Priority::Normal,
        due_date: String::new(),
        notes,
        draft: false,
        lines: chosen
            .iter()
            .map(|(_, l, q)| LineDraft { product_id: l.product_id, options: l.options.clone(), quantity: *q, unit_price: None, discount: Money::ZERO, description: String::new() })
            .collect(),
    };
    // Line errors come back named after the reorder's own line numbers.
    let actor = Actor::Customer { id: customer.0, name: customer.1.clone() };
    // The order, its jobs and its artwork commit together, with their events.
    let txn = db.write.begin().await?;
    let mut events = Vec::new();
    let (new_id, number) = order_svc::create_in(&txn, &actor, shop, today, &input, &mut events).await.map_err(|e| match e {
        AppError::Validation(mut f) => {
            for err in f.0.iter_mut() {
                if let Some(rest) = err.field.strip_prefix("lines.") {
                    if let Some((idx, field)) = rest.split_once('.') {
                        if let Some((orig, _, _)) = idx.parse::<usize>().ok().and_then(|k| chosen.get(k)) {
                            err.field = format!("lines.{orig}.{field}");
                        }
                    }
                }
            }
            AppError::Validation(f)
        }
        other => other,
    })?;
    let kept: Vec<(usize, bool)> = chosen.iter().map(|(i, _, _)| (*i, !new_artwork.contains(i))).collect();
    if carry_artwork(&txn, &actor, order_id, new_id, &kept, &d.from_number).await? {
        // Jobs past Design: the order is in production.
        let stages: HashMap<i32, crate::db::e::stages::Model> = crate::db::e::stages::Entity::find().all(&txn).await?.into_iter().map(|s| (s.id, s)).collect();
        if let Some(ev) = crate::services::production::moves::sync_order_status(&txn, new_id, &stages, &actor).await? {
            events.push(ev);
        }
    }
    events.push(DomainEvent::ReorderPlaced { order_id: new_id, from_order_id: order_id, customer_id: customer.0 });
    crate::services::events::commit(db, txn, &actor, events).await?;
    Ok((new_id, number))
}

/// The approved proof of each reordered line whose artwork stays (`kept`: old line index,
/// artwork unchanged) becomes the new line's approved version 1, linked to the original,
/// and the line's job starts after proof approval. Answers whether any job did.
async fn carry_artwork<C: ConnectionTrait>(txn: &C, actor: &Actor, old_order: i32, new_order: i32, kept: &[(usize, bool)], from_number: &str) -> AppResult<bool> {
    let old_lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(old_order)).order_by_asc(order_lines::Column::Position).all(txn).await?;
    let new_lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.eq(new_order)).order_by_asc(order_lines::Column::Position).all(txn).await?;
    let now = crate::clock::now();
    let mut started = false;
    for (new_line, (old_idx, same_artwork)) in new_lines.iter().zip(kept) {
        let Some(old_line) = old_lines.get(*old_idx).filter(|_| *same_artwork) else { continue };
        let Some(p) = proofs::Entity::find()
            .filter(proofs::Column::OrderLineId.eq(old_line.id))
            .filter(proofs::Column::Status.eq(ProofStatus::Approved.as_str()))
            .order_by_desc(proofs::Column::Version)
            .one(txn)
            .await?
        else {
            continue;
        };
        let copy = proofs::ActiveModel {
            order_id: Set(new_order),
            order_line_id: Set(new_line.id),
            version: Set(1),
            file_hash: Set(p.file_hash.clone()),
            file_name: Set(p.file_name.clone()),
            mime: Set(p.mime.clone()),
            size: Set(p.size),
            thumb_hash: Set(p.thumb_hash.clone()),
            change_notes: Set(format!("Approved artwork of order {from_number}, version {}", p.version)),
            carried_from_id: Set(Some(p.id)),
            caused_by_step_id: Set(None),
            status: Set(ProofStatus::Approved.as_str().into()),
            chain_json: Set(p.chain_json.clone()),
            uploaded_by: Set(None),
            uploaded_by_name: Set("Reorder".into()),
            created_at: Set(now),
            decided_at: Set(Some(now)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        approval_steps::ActiveModel {
            proof_id: Set(copy.id),
            seq: Set(0),
            step: Set(StepKind::Customer.as_str().into()),
            status: Set(StepStatus::Approved.as_str().into()),
            decided_by: Set(None),
            decided_by_name: Set("Approved on the earlier order".into()),
            decided_at: Set(Some(now)),
            ip: Set(String::new()),
            comment: Set(format!("Same artwork as {from_number}")),
            signature: Set(String::new()),
            waiting_since: Set(None),
            reminded: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let note = format!("Artwork approved on {from_number} (version {}): no new proof needed", p.version);
        started |= crate::services::production::jobs::start_after_proof(txn, new_line.id, actor, &note).await?;
    }
    Ok(started)
}
