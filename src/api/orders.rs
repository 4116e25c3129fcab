use crate::dto::orders::{Dashboard, OrderDetail, OrderFilter, OrderInput, OrderRow};
use crate::dto::Page;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server(input = Json)]
pub async fn list_orders(filter: OrderFilter) -> Result<Page<OrderRow>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    let cfg = &state.config;
    crate::services::orders::list(&state.db, &filter, cfg.today(), cfg.timezone()).await
}

#[server]
pub async fn get_order(id: i32) -> Result<OrderDetail, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::orders::get(&state.db, id, &state.config.shop, state.config.timezone()).await
}

/// Creates an order; answers with its id and number.
#[server(input = Json)]
pub async fn create_order(input: OrderInput) -> Result<(i32, String), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    let cfg = &state.config;
    crate::services::orders::create(&state.db, &(&user).into(), &cfg.shop, cfg.today(), &input).await
}

#[server(input = Json)]
pub async fn update_order(id: i32, version: i32, input: OrderInput) -> Result<(), AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::SELL).await?;
    let state = crate::auth::context::state()?;
    let cfg = &state.config;
    crate::services::orders::update(&state.db, &(&user).into(), &cfg.shop, cfg.today(), id, version, &input).await
}

#[server]
pub async fn change_order_status(id: i32, version: i32, to: String, comment: String) -> Result<(), AppError> {
    use crate::domain::{order::OrderStatus, roles::can};
    let user = crate::auth::require_staff(can::STATUS).await?;
    let state = crate::auth::context::state()?;
    let to = OrderStatus::parse(&to).ok_or_else(|| AppError::field("to", "Choose a status"))?;
    crate::services::orders::change_status(&state.db, &(&user).into(), id, version, to, &comment).await
}

#[server]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::dashboard::load(&state.db, state.config.today(), state.config.timezone()).await
}
