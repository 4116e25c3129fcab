use crate::dto::products::{Product, ProductInput};
use crate::dto::ratings::ProductRating;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[server]
pub async fn list_products(active_only: bool) -> Result<Vec<Product>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::products::list(&state.db, active_only).await
}

#[server]
pub async fn get_product(id: i32) -> Result<Product, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::products::get(&state.db, id).await
}

/// Average stars and count of rated orders per product (products never rated are absent).
#[server]
pub async fn product_ratings() -> Result<Vec<ProductRating>, AppError> {
    use crate::domain::roles::can;
    crate::auth::require_staff(can::VIEW).await?;
    let state = crate::auth::context::state()?;
    crate::services::ratings::product_averages(&state.db).await
}

#[server(input = Json)]
pub async fn save_product(id: Option<i32>, input: ProductInput) -> Result<i32, AppError> {
    use crate::domain::roles::can;
    let user = crate::auth::require_staff(can::CATALOGUE).await?;
    let state = crate::auth::context::state()?;
    crate::services::products::save(&state.db, &(&user).into(), id, &input).await
}
