//! Orders: pricing lines against the catalogue, numbering, status changes with history,
//! optimistic locking, lists and detail.
use super::{Actor, fmt_date, local_time};
use crate::domain::floor::JobState;
use crate::db::versioned::{self, Versioned};
use crate::db::{contains_ci, e::*, Db};
use crate::domain::events::DomainEvent;
use crate::domain::money::Money;
use crate::domain::order::{check_transition, Channel, OrderStatus, Priority};
use crate::domain::pricing::{options_summary, ChosenOption};
use crate::domain::totals::{self, LineInput, Totals};
use crate::domain::validate::{check_quantity, FieldErrors};
use crate::domain::{numbering, tax::TaxMode};
use crate::dto::orders::*;
use crate::dto::{paging, Page};
use crate::error::{AppError, AppResult};
use crate::settings::ShopSettings;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Set, TransactionTrait,
};
use std::collections::HashMap;

/// A line after pricing: what gets stored.
#[derive(Debug, Clone)]
pub struct PricedLine {
    pub product_id: i32,
    pub description: String,
    pub options: Vec<ChosenOption>,
    pub quantity: i64,
    pub unit_price: Money,
    pub discount: Money,
    pub tax_rate_bp: i32,
    pub hsn_sac: String,
}

impl PricedLine {
    pub fn input(&self) -> LineInput {
        LineInput { quantity: self.quantity, unit_price: self.unit_price, discount: self.discount, tax_rate_bp: self.tax_rate_bp }
    }
}

pub fn parse_due(s: &str) -> Result<Option<NaiveDate>, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| "Use a date like 2026-12-31".into())
}

/// Prices every line against the catalogue and checks it. Errors name the line's fields
/// ("lines.1.quantity") so the editor can show them in place.
pub async fn price_lines<C: ConnectionTrait>(c: &C, lines: &[LineDraft]) -> AppResult<Vec<PricedLine>> {
    let mut e = FieldErrors::new();
    if lines.is_empty() {
        e.add("lines", "Add at least one item");
    }
    if lines.len() > crate::domain::limits::MAX_LINES {
        e.add("lines", format!("At most {} items per order", crate::domain::limits::MAX_LINES));
    }
    let ids: Vec<i32> = lines.iter().map(|l| l.product_id).collect();
    let catalogue: HashMap<i32, products::Model> = products::Entity::find()
        .filter(products::Column::Id.is_in(ids))
        .all(c)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let f = |name: &str| format!("lines.{i}.{name}");
        let Some(p) = catalogue.get(&l.product_id).filter(|p| p.active) else {
            e.add(f("product_id"), "Choose a product from the catalogue");
            continue;
        };
        if let Err(m) = check_quantity(l.quantity) {
            e.add(f("quantity"), m);
            continue;
        }
        let product = super::products::from_model(p);
        let catalogue_price = match product.price_config().unit_price(l.quantity, &l.options) {
            Ok(price) => price,
            Err(err) => {
                let field = if matches!(err, crate::domain::pricing::PricingError::BelowMinimum(_)) { "quantity" } else { "options" };
                e.add(f(field), err.to_string());
                continue;
            }
        };
        let unit_price = l.unit_price.unwrap_or(catalogue_price);
        if l.description.chars().count() > 300 {
            e.add(f("description"), "At most 300 characters");
        }
        let description = if l.description.trim().is_empty() {
            let opts = options_summary(&l.options);
            if opts.is_empty() { p.name.clone() } else { format!("{} ({opts})", p.name) }
        } else {
            l.description.trim().to_string()
        };
        out.push(PricedLine {
            product_id: p.id,
            description,
            options: l.options.clone(),
            quantity: l.quantity,
            unit_price,
            discount: l.discount,
            tax_rate_bp: p.tax_rate_bp,
            hsn_sac: p.hsn_sac.clone(),
        });
    }
    e.into_result()?;
    Ok(out)
}

/// `NotFound` unless the order exists: views about an order answer 404 for an unknown id.
pub async fn must_exist<C: ConnectionTrait>(c: &C, id: i32) -> AppResult<()> {
    match orders::Entity::find_by_id(id).one(c).await? {
        Some(_) => Ok(()),
        None => Err(AppError::not_found("Order")),
    }
}

async fn customer_for<C: ConnectionTrait>(c: &C, id: i32) -> AppResult<customers::Model> {
    customers::Entity::find_by_id(id)
        .one(c)
        .await?
        .ok_or_else(|| AppError::field("customer_id", "Choose a customer"))
}

fn check_header(input: &OrderInput, today: NaiveDate, new: bool) -> Result<Option<NaiveDate>, FieldErrors> {
    let mut e = FieldErrors::new();
    let due = match parse_due(&input.due_date) {
        Ok(d) => d,
        Err(m) => {
            e.add("due_date", m);
            None
        }
    };
    if new && due.is_some_and(|d| d < today) {
        e.add("due_date", "The due date is in the past");
    }
    e.max_len("notes", &input.notes, 2000);
    e.into_result().map(|_| due)
}

async fn insert_lines<C: ConnectionTrait>(c: &C, order_id: i32, lines: &[PricedLine], t: &Totals) -> AppResult<()> {
    let rows: Vec<order_lines::ActiveModel> = lines
        .iter()
        .zip(&t.lines)
        .enumerate()
        .map(|(i, (l, lt))| order_lines::ActiveModel {
            order_id: Set(order_id),
            position: Set(i as i32),
            product_id: Set(l.product_id),
            description: Set(l.description.clone()),
            options_json: Set(serde_json::to_string(&l.options).unwrap_or_else(|_| "[]".into())),
            quantity: Set(l.quantity),
            unit_price: Set(l.unit_price.0),
            discount: Set(l.discount.0),
            tax_rate_bp: Set(l.tax_rate_bp),
            hsn_sac: Set(l.hsn_sac.clone()),
            line_subtotal: Set(lt.subtotal.0),
            line_tax: Set(lt.tax.total().0),
            line_total: Set(lt.total.0),
            ..Default::default()
        })
        .collect();
    if !rows.is_empty() {
        order_lines::Entity::insert_many(rows).exec(c).await?;
    }
    Ok(())
}

pub async fn record_status<C: ConnectionTrait>(
    c: &C,
    order_id: i32,
    from: Option<OrderStatus>,
    to: OrderStatus,
    actor: &Actor,
    comment: &str,
) -> AppResult<()> {
    order_status_history::ActiveModel {
        order_id: Set(order_id),
        from_status: Set(from.map(|s| s.as_str().to_string())),
        to_status: Set(to.as_str().into()),
        changed_by: Set(actor.staff_id()),
        changed_by_name: Set(actor.label()),
        comment: Set(comment.trim().to_string()),
        changed_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(c)
    .await?;
    Ok(())
}

/// Header, customer and lines checked together, so the form shows every problem at once.
async fn check_all<C: ConnectionTrait>(c: &C, input: &OrderInput, today: NaiveDate, new: bool) -> AppResult<(Option<NaiveDate>, customers::Model, Vec<PricedLine>)> {
    let header = check_header(input, today, new);
    let customer = customer_for(c, input.customer_id).await;
    let lines = price_lines(c, &input.lines).await;
    match (header, customer, lines) {
        (Ok(due), Ok(customer), Ok(lines)) => Ok((due, customer, lines)),
        (header, customer, lines) => {
            let mut all = FieldErrors::new();
            for e in [header.err().map(AppError::Validation), customer.err(), lines.err()].into_iter().flatten() {
                match e {
                    AppError::Validation(f) => f.0.into_iter().for_each(|x| all.add(x.field, x.message)),
                    other => return Err(other),
                }
            }
            Err(AppError::Validation(all))
        }
    }
}

/// Creates an order with its lines, number, first history entry and jobs in one transaction.
pub async fn create(db: &Db, actor: &Actor, shop: &ShopSettings, today: NaiveDate, input: &OrderInput) -> AppResult<(i32, String)> {
    let txn = db.write.begin().await?;
    let mut events = Vec::new();
    let created = create_in(&txn, actor, shop, today, input, &mut events).await?;
    super::events::commit(db, txn, actor, events).await?;
    Ok(created)
}

/// `create` inside a caller's transaction (a re-order adds its artwork to the same one).
pub async fn create_in<C: ConnectionTrait>(txn: &C, actor: &Actor, shop: &ShopSettings, today: NaiveDate, input: &OrderInput, events: &mut Vec<DomainEvent>) -> AppResult<(i32, String)> {
    let (due, customer, lines) = check_all(txn, input, today, true).await?;
    let t = totals::check(&lines.iter().map(PricedLine::input).collect::<Vec<_>>(), shop.tax_mode_for(&customer.state_code))?;
    let seq = super::numbering::next(txn, &numbering::order_series_key(today.year())).await?;
    let number = numbering::order_number(&shop.order_prefix, today.year(), seq);
    let status = if input.draft { OrderStatus::Draft } else { OrderStatus::Confirmed };
    let now = crate::clock::now();
    let order = orders::ActiveModel {
        number: Set(number.clone()),
        customer_id: Set(customer.id),
        channel: Set(input.channel.as_str().into()),
        status: Set(status.as_str().into()),
        priority: Set(input.priority.as_str().into()),
        due_date: Set(due),
        notes: Set(input.notes.trim().to_string()),
        subtotal: Set(t.subtotal.0),
        discount_total: Set(t.discount.0),
        tax_total: Set(t.tax_total().0),
        total: Set(t.total.0),
        created_by: Set(actor.staff_id()),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    insert_lines(txn, order.id, &lines, &t).await?;
    record_status(txn, order.id, None, status, actor, "Order created").await?;
    if status == OrderStatus::Confirmed {
        super::production::jobs::create_for_order(txn, order.id, actor).await?;
    }
    events.push(DomainEvent::OrderCreated { order_id: order.id, customer_id: customer.id, number: number.clone() });
    Ok((order.id, number))
}

pub async fn update(db: &Db, actor: &Actor, shop: &ShopSettings, today: NaiveDate, id: i32, version: i32, input: &OrderInput) -> AppResult<()> {
    let txn = db.write.begin().await?;
    let current = orders::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::not_found("Order"))?;
    let status = OrderStatus::parse(&current.status).unwrap_or(OrderStatus::Draft);
    if !status.is_editable() {
        return Err(AppError::Rejected(format!("An order that is {} can no longer be edited", status.label().to_lowercase())));
    }
    let (due, customer, lines) = check_all(&txn, input, today, false).await?;
    let t = totals::check(&lines.iter().map(PricedLine::input).collect::<Vec<_>>(), shop.tax_mode_for(&customer.state_code))?;
    versioned::update::<orders::Entity, _>(
        &txn,
        id,
        version,
        vec![
            (orders::Column::CustomerId, Expr::value(customer.id)),
            (orders::Column::Channel, Expr::value(input.channel.as_str())),
            (orders::Column::Priority, Expr::value(input.priority.as_str())),
            (orders::Column::DueDate, Expr::value(due)),
            (orders::Column::Notes, Expr::value(input.notes.trim())),
            (orders::Column::Subtotal, Expr::value(t.subtotal.0)),
            (orders::Column::DiscountTotal, Expr::value(t.discount.0)),
            (orders::Column::TaxTotal, Expr::value(t.tax_total().0)),
            (orders::Column::Total, Expr::value(t.total.0)),
        ],
    )
    .await?;
    // Jobs point at order lines: they are rebuilt from the new lines (refused once started).
    super::production::jobs::reset_for_order(&txn, id).await?;
    order_lines::Entity::delete_many().filter(order_lines::Column::OrderId.eq(id)).exec(&txn).await?;
    insert_lines(&txn, id, &lines, &t).await?;
    if status != OrderStatus::Draft {
        super::production::jobs::create_for_order(&txn, id, actor).await?;
    }
    super::audit::record(&txn, actor, "update", "order", Some(id), &current.number).await?;
    super::events::commit(db, txn, actor, vec![DomainEvent::OrderUpdated { order_id: id }]).await
}

/// Moves an order to another status, with a history line, refusing illegal or stale moves.
pub async fn change_status(db: &Db, actor: &Actor, id: i32, version: i32, to: OrderStatus, comment: &str) -> AppResult<()> {
    if comment.chars().count() > 500 {
        return Err(AppError::field("comment", "At most 500 characters"));
    }
    let txn = db.write.begin().await?;
    let current = orders::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::not_found("Order"))?;
    let from = OrderStatus::parse(&current.status).unwrap_or(OrderStatus::Draft);
    if current.version != version {
        return Err(AppError::Conflict(<orders::Entity as Versioned>::CONFLICT.into()));
    }
    check_transition(from, to).map_err(AppError::Rejected)?;
    if to == OrderStatus::Cancelled && comment.trim().is_empty() {
        return Err(AppError::field("comment", "Say why the order is cancelled"));
    }
    versioned::update::<orders::Entity, _>(&txn, id, version, vec![(orders::Column::Status, Expr::value(to.as_str()))]).await?;
    record_status(&txn, id, Some(from), to, actor, comment).await?;
    use super::production::jobs as pj;
    match to {
        OrderStatus::Confirmed | OrderStatus::InProduction => {
            pj::set_state_for_order(&txn, id, &[JobState::OnHold.as_str()], JobState::Active.as_str()).await?;
            pj::create_for_order(&txn, id, actor).await?;
        }
        OrderStatus::OnHold => pj::set_state_for_order(&txn, id, &[JobState::Active.as_str()], JobState::OnHold.as_str()).await?,
        OrderStatus::Cancelled => pj::set_state_for_order(&txn, id, &[JobState::Active.as_str(), JobState::OnHold.as_str()], JobState::Cancelled.as_str()).await?,
        OrderStatus::Ready => pj::finish_for_order(&txn, id, false, actor).await?,
        OrderStatus::Delivered => pj::finish_for_order(&txn, id, true, actor).await?,
        OrderStatus::Draft => {}
    }
    super::events::commit(db, txn, actor, vec![DomainEvent::OrderStatusChanged { order_id: id, from: Some(from), to }]).await
}

fn filter_condition(f: &OrderFilter) -> Result<Condition, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut cond = Condition::all();
    if !f.q.trim().is_empty() {
        cond = cond.add(
            Condition::any()
                .add(contains_ci(orders::Column::Number, &f.q))
                .add(contains_ci(customers::Column::Name, &f.q))
                .add(contains_ci(customers::Column::Company, &f.q)),
        );
    }
    if !f.status.is_empty() {
        if f.status == "open" {
            cond = cond.add(orders::Column::Status.is_in(
                OrderStatus::ALL.iter().filter(|s| s.is_open()).map(|s| s.as_str()).collect::<Vec<_>>(),
            ));
        } else {
            match OrderStatus::parse(&f.status) {
                Some(s) => cond = cond.add(orders::Column::Status.eq(s.as_str())),
                None => e.add("status", "Unknown status"),
            }
        }
    }
    if let Some(c) = f.customer_id {
        cond = cond.add(orders::Column::CustomerId.eq(c));
    }
    match parse_due(&f.due_from) {
        Ok(Some(d)) => cond = cond.add(orders::Column::DueDate.gte(d)),
        Ok(None) => {}
        Err(m) => e.add("due_from", m),
    }
    match parse_due(&f.due_to) {
        Ok(Some(d)) => cond = cond.add(orders::Column::DueDate.lte(d)),
        Ok(None) => {}
        Err(m) => e.add("due_to", m),
    }
    e.into_result().map(|_| cond)
}

pub fn is_late(status: OrderStatus, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    status.is_open() && status != OrderStatus::Ready && due.is_some_and(|d| d < today)
}

pub fn row(o: &orders::Model, customer: &str, today: NaiveDate, tz: chrono_tz::Tz) -> OrderRow {
    let status = OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Draft);
    OrderRow {
        id: o.id,
        number: o.number.clone(),
        customer_id: o.customer_id,
        customer: customer.to_string(),
        status,
        priority: Priority::parse(&o.priority).unwrap_or(Priority::Normal),
        channel: Channel::parse(&o.channel).unwrap_or(Channel::WalkIn),
        due_date: o.due_date.map(fmt_date),
        late: is_late(status, o.due_date, today),
        total: Money(o.total),
        created_at: local_time(o.created_at, tz),
    }
}

pub async fn customer_names<C: ConnectionTrait>(c: &C, ids: Vec<i32>) -> AppResult<HashMap<i32, String>> {
    Ok(customers::Entity::find()
        .select_only()
        .column(customers::Column::Id)
        .column(customers::Column::Name)
        .filter(customers::Column::Id.is_in(ids))
        .into_tuple::<(i32, String)>()
        .all(c)
        .await?
        .into_iter()
        .collect())
}

pub async fn list(db: &Db, f: &OrderFilter, today: NaiveDate, tz: chrono_tz::Tz) -> AppResult<Page<OrderRow>> {
    let (page, per_page) = paging(f.page, f.per_page);
    let cond = filter_condition(f)?;
    let query = orders::Entity::find().join(JoinType::InnerJoin, orders::Relation::Customer.def()).filter(cond);
    let total = query.clone().count(&db.read).await?;
    let rows = query
        .order_by_desc(orders::Column::CreatedAt)
        .order_by_desc(orders::Column::Id)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(&db.read)
        .await?;
    let names = customer_names(&db.read, rows.iter().map(|o| o.customer_id).collect()).await?;
    let items = rows
        .iter()
        .map(|o| row(o, names.get(&o.customer_id).map(String::as_str).unwrap_or(""), today, tz))
        .collect();
    Ok(Page { items, total, page, per_page })
}

pub async fn get(db: &Db, id: i32, shop: &ShopSettings, tz: chrono_tz::Tz) -> AppResult<OrderDetail> {
    let o = orders::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Order"))?;
    let customer = customers::Entity::find_by_id(o.customer_id).one(&db.read).await?.ok_or(AppError::not_found("Customer"))?;
    let lines = order_lines::Entity::find()
        .filter(order_lines::Column::OrderId.eq(id))
        .order_by_asc(order_lines::Column::Position)
        .all(&db.read)
        .await?;
    let product_ids: Vec<i32> = lines.iter().map(|l| l.product_id).collect();
    let products: HashMap<i32, products::Model> = products::Entity::find()
        .filter(products::Column::Id.is_in(product_ids))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mode: TaxMode = shop.tax_mode_for(&customer.state_code);
    let inputs: Vec<LineInput> = lines
        .iter()
        .map(|l| LineInput { quantity: l.quantity, unit_price: Money(l.unit_price), discount: Money(l.discount), tax_rate_bp: l.tax_rate_bp })
        .collect();
    let totals = totals::try_compute(&inputs, mode).unwrap_or_default();
    let history = order_status_history::Entity::find()
        .filter(order_status_history::Column::OrderId.eq(id))
        .order_by_asc(order_status_history::Column::ChangedAt)
        .order_by_asc(order_status_history::Column::Id)
        .all(&db.read)
        .await?
        .into_iter()
        .map(|h| StatusChange {
            from: h.from_status.as_deref().and_then(OrderStatus::parse),
            to: OrderStatus::parse(&h.to_status).unwrap_or(OrderStatus::Draft),
            by: h.changed_by_name,
            comment: h.comment,
            at: local_time(h.changed_at, tz),
        })
        .collect();
    let invoices = invoices::Entity::find()
        .filter(invoices::Column::OrderId.eq(id))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|i| InvoiceRef { id: i.id, number: i.number, total: Money(i.total), status: i.status })
        .collect();
    let created_by = match o.created_by {
        Some(uid) => users::Entity::find_by_id(uid).one(&db.read).await?.map(|u| u.name).unwrap_or_default(),
        None => "Customer (portal)".into(),
    };
    let rating = super::ratings::for_order(&db.read, id, tz).await?;
    Ok(OrderDetail {
        id: o.id,
        number: o.number.clone(),
        version: o.version,
        customer_id: customer.id,
        customer: super::customers::option_label(&customer),
        customer_phone: customer.phone.clone().unwrap_or_default(),
        customer_state: customer.state_code.clone(),
        status: OrderStatus::parse(&o.status).unwrap_or(OrderStatus::Draft),
        priority: Priority::parse(&o.priority).unwrap_or(Priority::Normal),
        channel: Channel::parse(&o.channel).unwrap_or(Channel::WalkIn),
        due_date: o.due_date.map(fmt_date),
        notes: o.notes.clone(),
        lines: lines
            .iter()
            .zip(&totals.lines)
            .map(|(l, lt)| {
                let p = products.get(&l.product_id);
                OrderLine {
                    id: l.id,
                    product_id: l.product_id,
                    product_name: p.map(|p| p.name.clone()).unwrap_or_default(),
                    description: l.description.clone(),
                    options: serde_json::from_str(&l.options_json).unwrap_or_default(),
                    quantity: l.quantity,
                    unit: p.map(|p| p.unit.clone()).unwrap_or_default(),
                    unit_price: Money(l.unit_price),
                    discount: Money(l.discount),
                    tax_rate_bp: l.tax_rate_bp,
                    hsn_sac: l.hsn_sac.clone(),
                    line_total: lt.total,
                }
            })
            .collect(),
        totals,
        history,
        invoices,
        created_by,
        created_at: local_time(o.created_at, tz),
        rating,
    })
}
