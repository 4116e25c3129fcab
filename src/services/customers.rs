//! Customers: validation, create/update with optimistic locking, search and paging.
use super::{audit, Actor};
use crate::domain::events::DomainEvent;
use crate::db::{contains_ci, e::customers, e::orders, Db};
use crate::domain::india;
use crate::domain::validate::{is_email, normalize_phone, validate_gstin, FieldErrors};
use crate::dto::customers::{split_tags, Customer, CustomerInput, CustomerOption, CustomerRow};
use crate::dto::{paging, Page};
use crate::error::{AppError, AppResult};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    TransactionTrait,
};
use std::collections::HashMap;

/// Checks and normalises a customer form. Phone becomes E.164, GSTIN upper-case, and the
/// state code follows the GSTIN when one is given.
pub fn validate(input: &CustomerInput, country_code: &str) -> Result<CustomerInput, FieldErrors> {
    let mut e = FieldErrors::new();
    let mut out = input.clone();
    out.name = input.name.trim().to_string();
    out.company = input.company.trim().to_string();
    e.required("name", &out.name, 120);
    e.max_len("company", &out.company, 120);
    e.max_len("billing_address", &input.billing_address, 500);
    e.max_len("shipping_address", &input.shipping_address, 500);
    e.max_len("tags", &input.tags, 200);
    e.max_len("notes", &input.notes, 2000);
    out.phone = String::new();
    if !input.phone.trim().is_empty() {
        match normalize_phone(&input.phone, country_code) {
            Ok(p) => out.phone = p,
            Err(m) => e.add("phone", m),
        }
    }
    out.email = input.email.trim().to_lowercase();
    if !out.email.is_empty() && !is_email(&out.email) {
        e.add("email", "Enter a valid e-mail address, e.g. name@example.com");
    }
    if out.phone.is_empty() && out.email.is_empty() {
        e.add("phone", "Enter a phone number or an e-mail address");
    }
    out.gstin = String::new();
    if !input.gstin.trim().is_empty() {
        match validate_gstin(&input.gstin) {
            Ok(g) => {
                out.state_code = g[..2].to_string();
                out.gstin = g;
            }
            Err(m) => e.add("gstin", m),
        }
    }
    out.state_code = out.state_code.trim().to_string();
    if !out.state_code.is_empty() && india::state_name(&out.state_code).is_none() {
        e.add("state_code", "Choose a state from the list");
    }
    if input.whatsapp_opt_in && out.phone.is_empty() {
        e.add("whatsapp_opt_in", "WhatsApp updates need a phone number");
    }
    out.tags = split_tags(&input.tags).join(", ");
    out.billing_address = input.billing_address.trim().to_string();
    out.shipping_address = input.shipping_address.trim().to_string();
    out.notes = input.notes.trim().to_string();
    e.into_result().map(|_| out)
}

fn opt(s: &str) -> Option<String> {
    if s.is_empty() {
        None
    } else {
        Some(s.to_string())
    }
}

/// One identity per contact: no other customer may hold this e-mail or phone (both already
/// normalised by `validate`). The unique indexes back this up under a race; see `clash`.
/// Staff are told who holds the contact; a customer editing their profile is not.
pub async fn ensure_contacts_free<C: ConnectionTrait>(c: &C, actor: &Actor, phone: &str, email: &str, except: Option<i32>) -> AppResult<()> {
    let mut e = FieldErrors::new();
    for (field, col, value, what) in [
        ("phone", customers::Column::Phone, phone, "phone number"),
        ("email", customers::Column::Email, email, "e-mail address"),
    ] {
        if value.is_empty() {
            continue;
        }
        let mut q = customers::Entity::find().filter(col.eq(value));
        if let Some(id) = except {
            q = q.filter(customers::Column::Id.ne(id));
        }
        if let Some(other) = q.one(c).await? {
            match actor {
                Actor::Customer { .. } => e.add(field, format!("Another customer already uses this {what}")),
                _ => e.add(field, format!("{} already has this {what}", other.name)),
            }
        }
    }
    e.into_result()?;
    Ok(())
}

/// A unique-index violation that slipped past `ensure_contacts_free` (two saves at once)
/// answers the same field message.
pub fn clash(err: sea_orm::DbErr) -> AppError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(m)) if m.contains("email") => AppError::field("email", "Another customer already uses this e-mail address"),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(m)) if m.contains("phone") => AppError::field("phone", "Another customer already uses this phone number"),
        _ => err.into(),
    }
}

pub async fn create(db: &Db, actor: &Actor, input: &CustomerInput, country_code: &str) -> AppResult<i32> {
    let v = validate(input, country_code)?;
    let txn = db.write.begin().await?;
    ensure_contacts_free(&txn, actor, &v.phone, &v.email, None).await?;
    let now = crate::clock::now();
    let row = customers::ActiveModel {
        name: Set(v.name.clone()),
        company: Set(v.company.clone()),
        phone: Set(opt(&v.phone)),
        email: Set(opt(&v.email)),
        billing_address: Set(v.billing_address.clone()),
        shipping_address: Set(v.shipping_address.clone()),
        state_code: Set(v.state_code.clone()),
        gstin: Set(opt(&v.gstin)),
        tags: Set(v.tags.clone()),
        notes: Set(v.notes.clone()),
        whatsapp_opt_in: Set(v.whatsapp_opt_in),
        password_hash: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(clash)?;
    audit::record(&txn, actor, "create", "customer", Some(row.id), &row.name).await?;
    let events = if row.whatsapp_opt_in { vec![DomainEvent::ConsentChanged { customer_id: row.id, whatsapp: true }] } else { vec![] };
    super::events::commit(db, txn, actor, events).await?;
    Ok(row.id)
}

pub async fn update(db: &Db, actor: &Actor, id: i32, version: i32, input: &CustomerInput, country_code: &str) -> AppResult<()> {
    let v = validate(input, country_code)?;
    let txn = db.write.begin().await?;
    ensure_contacts_free(&txn, actor, &v.phone, &v.email, Some(id)).await?;
    let before = customers::Entity::find_by_id(id).one(&txn).await?.map(|c| c.whatsapp_opt_in);
    let set = vec![
        (customers::Column::Name, Expr::value(v.name.clone())),
        (customers::Column::Company, Expr::value(v.company.clone())),
        (customers::Column::Phone, Expr::value(opt(&v.phone))),
        (customers::Column::Email, Expr::value(opt(&v.email))),
        (customers::Column::BillingAddress, Expr::value(v.billing_address.clone())),
        (customers::Column::ShippingAddress, Expr::value(v.shipping_address.clone())),
        (customers::Column::StateCode, Expr::value(v.state_code.clone())),
        (customers::Column::Gstin, Expr::value(opt(&v.gstin))),
        (customers::Column::Tags, Expr::value(v.tags.clone())),
        (customers::Column::Notes, Expr::value(v.notes.clone())),
        (customers::Column::WhatsappOptIn, Expr::value(v.whatsapp_opt_in)),
    ];
    crate::db::versioned::update::<customers::Entity, _>(&txn, id, version, set).await?;
    audit::record(&txn, actor, "update", "customer", Some(id), &v.name).await?;
    let events = if before != Some(v.whatsapp_opt_in) { vec![DomainEvent::ConsentChanged { customer_id: id, whatsapp: v.whatsapp_opt_in }] } else { vec![] };
    super::events::commit(db, txn, actor, events).await
}

pub fn to_input(m: &customers::Model) -> CustomerInput {
    CustomerInput {
        name: m.name.clone(),
        company: m.company.clone(),
        phone: m.phone.clone().unwrap_or_default(),
        email: m.email.clone().unwrap_or_default(),
        billing_address: m.billing_address.clone(),
        shipping_address: m.shipping_address.clone(),
        state_code: m.state_code.clone(),
        gstin: m.gstin.clone().unwrap_or_default(),
        tags: m.tags.clone(),
        notes: m.notes.clone(),
        whatsapp_opt_in: m.whatsapp_opt_in,
    }
}

pub async fn get(db: &Db, id: i32, tz: chrono_tz::Tz) -> AppResult<Customer> {
    let m = customers::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Customer"))?;
    Ok(Customer { id: m.id, version: m.version, input: to_input(&m), created_at: super::fmt_date(m.created_at.with_timezone(&tz).date_naive()) })
}

fn search_condition(q: &str) -> Condition {
    let q = q.trim();
    let digits: String = q.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut cond = Condition::any()
        .add(contains_ci(customers::Column::Name, q))
        .add(contains_ci(customers::Column::Company, q))
        .add(contains_ci(customers::Column::Email, q))
        .add(contains_ci(customers::Column::Tags, q));
    if digits.len() >= 3 {
        cond = cond.add(customers::Column::Phone.contains(&digits));
    }
    cond
}

pub async fn list(db: &Db, q: &str, page: u64, per_page: u64) -> AppResult<Page<CustomerRow>> {
    let (page, per_page) = paging(page, per_page);
    let mut query = customers::Entity::find();
    if !q.trim().is_empty() {
        query = query.filter(search_condition(q));
    }
    let total = query.clone().count(&db.read).await?;
    let rows = query
        .order_by_asc(customers::Column::Name)
        .offset((page - 1) * per_page)
        .limit(per_page)
        .all(&db.read)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let counts: HashMap<i32, i64> = orders::Entity::find()
        .select_only()
        .column(orders::Column::CustomerId)
        .column_as(orders::Column::Id.count(), "n")
        .filter(orders::Column::CustomerId.is_in(ids))
        .group_by(orders::Column::CustomerId)
        .into_tuple::<(i32, i64)>()
        .all(&db.read)
        .await?
        .into_iter()
        .collect();
    let items = rows
        .into_iter()
        .map(|m| CustomerRow {
            id: m.id,
            orders: counts.get(&m.id).copied().unwrap_or(0) as u64,
            tags: split_tags(&m.tags),
            name: m.name,
            company: m.company,
            phone: m.phone.unwrap_or_default(),
            email: m.email.unwrap_or_default(),
            whatsapp_opt_in: m.whatsapp_opt_in,
        })
        .collect();
    Ok(Page { items, total, page, per_page })
}

/// Quick pick for the order form.
pub async fn search_options(db: &Db, q: &str, limit: u64) -> AppResult<Vec<CustomerOption>> {
    let mut query = customers::Entity::find();
    if !q.trim().is_empty() {
        query = query.filter(search_condition(q));
    }
    Ok(query
        .order_by_asc(customers::Column::Name)
        .limit(limit.min(50))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|m| to_option(&m))
        .collect())
}

pub fn to_option(m: &customers::Model) -> CustomerOption {
    CustomerOption {
        id: m.id,
        label: option_label(m),
        state_code: m.state_code.clone(),
        billing_address: m.billing_address.clone(),
        shipping_address: m.shipping_address.clone(),
    }
}

/// One customer as the order form's pick (the "+ New order" button of a customer page).
pub async fn option(db: &Db, id: i32) -> AppResult<CustomerOption> {
    let m = customers::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::not_found("Customer"))?;
    Ok(to_option(&m))
}

pub fn option_label(m: &customers::Model) -> String {
    let mut label = m.name.clone();
    if !m.company.is_empty() {
        label.push_str(&format!(" · {}", m.company));
    }
    if let Some(p) = &m.phone {
        label.push_str(&format!(" · {p}"));
    }
    label
}
