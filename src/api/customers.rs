use crate::dto::customers::{Customer, CustomerInput, CustomerOption, CustomerRow};
use crate::dto::Page;
use crate::error::AppError;
use leptos::prelude::*;

#[server]
pub async fn list_customers(q: String, page: u64) -> Result<Page<CustomerRow>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::customers::list(&state.db, &q, page, 25).await
}

#[server]
pub async fn get_customer(id: i32) -> Result<Customer, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::customers::get(&state.db, id, state.config.timezone()).await
}

/// The customer's average rating, per product, and their latest comments. (The DTO is
/// named in full: `#[server]` makes a `CustomerRatings` struct for this fn's arguments.)
#[server]
pub async fn customer_ratings(customer_id: i32) -> Result<crate::dto::ratings::CustomerRatings, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::ratings::customer_summary(&state.db, customer_id, state.config.timezone()).await
}

/// Photos and documents a customer sent on WhatsApp: all of theirs (`customer_id`), or those
/// that named one order (`order_id`). Any staff member may look.
#[server]
pub async fn customer_files(customer_id: Option<i32>, order_id: Option<i32>) -> Result<Vec<crate::dto::customers::CustomerFile>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::whatsapp::media::list(&state.db, customer_id, order_id).await
}

/// Creates (no id) or updates a customer. Forms post here directly.
#[server]
pub async fn save_customer(id: Option<i32>, version: Option<i32>, input: CustomerInput) -> Result<i32, AppError> {
    use crate::domain::roles::can;
    use crate::services::{customers, Actor};
    let user = crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    let actor = Actor::from(&user);
    let cc = state.config.shop.country_code();
    let id = match id {
        Some(id) => {
            customers::update(&state.db, &actor, id, version.unwrap_or(0), &input, cc).await?;
            id
        }
        None => customers::create(&state.db, &actor, &input, cc).await?,
    };
    super::redirect(&format!("/customers/{id}"), "/customers");
    Ok(id)
}

#[server]
pub async fn customer_pick(id: i32) -> Result<CustomerOption, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    crate::services::customers::option(&state.db, id).await
}

#[server]
pub async fn customer_options(q: String) -> Result<Vec<CustomerOption>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    crate::services::customers::search_options(&state.db, &q, 12).await
}
