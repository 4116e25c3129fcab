use crate::dto::auth::StaffUser;
use crate::error::AppError;
use crate::settings::ShopSettings;
use leptos::prelude::*;

#[server]
pub async fn staff_login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::{context::*, session};
    let state = state()?;
    let meta = request_meta();
    // Rotate: whatever session this browser had is ended before a new one starts.
    if let Some(old) = session_token(session::Kind::Staff) {
        session::destroy(&state.db.write, &old).await?;
    }
    let signed = crate::services::auth::staff_sign_in(&state.db, &email, &password, &meta, state.config.security.session_days).await?;
    set_cookie(session::set_cookie(session::Kind::Staff, &signed.token, cookies_secure(&state), state.config.security.session_days));
    super::redirect(next.as_deref().unwrap_or("/"), "/");
    Ok(())
}

#[server]
pub async fn staff_logout() -> Result<(), AppError> {
    use crate::auth::{context::*, session};
    let state = state()?;
    if let Some(token) = session_token(session::Kind::Staff) {
        crate::services::auth::sign_out(&state.db, &token).await?;
    }
    set_cookie(session::clear_cookie(session::Kind::Staff, cookies_secure(&state)));
    super::redirect("/login", "/login");
    Ok(())
}

/// The signed-in staff member (None when signed out).
#[server]
pub async fn me() -> Result<Option<StaffUser>, AppError> {
    crate::auth::current_staff().await
}

/// Today in the shop's time zone ("2026-12-03"): the default of every date field, so the
/// browser never proposes its own (or UTC's) date.
#[server]
pub async fn shop_today() -> Result<String, AppError> {
    let state = crate::auth::context::state()?;
    Ok(crate::services::fmt_date(state.config.today()))
}

/// Shop name, tax profile and state: needed by every page and the live totals.
#[server]
pub async fn shop_info() -> Result<ShopSettings, AppError> {
    let state = crate::auth::context::state()?;
    Ok(state.config.shop.clone())
}
