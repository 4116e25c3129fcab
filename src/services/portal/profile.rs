//! The customer's own details: contact, addresses, GSTIN, WhatsApp opt-in.
use crate::db::e::customers;
use crate::db::Db;
use crate::dto::customers::CustomerInput;
use crate::dto::portal::Profile;
use crate::error::{AppError, AppResult};
use crate::services::{customers as customer_svc, Actor};
use sea_orm::EntityTrait;

pub async fn get(db: &Db, customer_id: i32) -> AppResult<Profile> {
    let c = customers::Entity::find_by_id(customer_id).one(&db.read).await?.ok_or(AppError::not_found("Customer"))?;
    Ok(Profile {
        name: c.name,
        company: c.company,
        phone: c.phone.unwrap_or_default(),
        email: c.email.unwrap_or_default(),
        billing_address: c.billing_address,
        shipping_address: c.shipping_address,
        gstin: c.gstin.unwrap_or_default(),
        whatsapp_opt_in: c.whatsapp_opt_in,
        has_password: c.password_hash.is_some(),
        version: c.version,
    })
}

/// Saves the customer's own changes; fields staff keep (tags, notes) are left alone.
pub async fn save(db: &Db, customer_id: i32, p: &Profile, country_code: &str) -> AppResult<()> {
    let c = customers::Entity::find_by_id(customer_id).one(&db.read).await?.ok_or(AppError::not_found("Customer"))?;
    let mut input: CustomerInput = customer_svc::to_input(&c);
    input.name = p.name.clone();
    input.company = p.company.clone();
    input.phone = p.phone.clone();
    input.email = p.email.clone();
    input.billing_address = p.billing_address.clone();
    input.shipping_address = p.shipping_address.clone();
    input.gstin = p.gstin.clone();
    input.whatsapp_opt_in = p.whatsapp_opt_in;
    if !p.gstin.trim().is_empty() {
        input.state_code = String::new();
    }
    let actor = Actor::Customer { id: c.id, name: c.name.clone() };
    customer_svc::update(db, &actor, customer_id, p.version, &input, country_code).await
}
