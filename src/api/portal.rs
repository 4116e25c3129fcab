//! Customer portal server functions. The portal is server-rendered without WebAssembly
//! (fast on slow phones), so its forms post here as plain HTML forms: on success the
//! browser is sent on, on failure back to the form with the error in the address.
use crate::dto::portal::{PortalCustomer, PortalOrder, PortalOrderRow, Profile, ReorderDraft};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use super::form;

#[cfg(feature = "ssr")]
async fn customer() -> Result<crate::db::e::customers::Model, AppError> {
    crate::auth::context::require_customer().await
}

#[server]
pub async fn portal_me() -> Result<Option<PortalCustomer>, AppError> {
    let s = crate::auth::context::state()?;
    Ok(crate::auth::context::current_customer().await?.map(|c| PortalCustomer { id: c.id, name: c.name, shop_name: s.config.shop.name.clone() }))
}

#[cfg(feature = "ssr")]
fn start_session(token: &str) {
    use crate::auth::{context::*, session};
    let Ok(s) = state() else { return };
    if let Some(old) = session_token(session::Kind::Customer) {
        let db = s.db.clone();
        tokio::spawn(async move { let _ = session::destroy(&db.write, &old).await; });
    }
    set_cookie(session::set_cookie(session::Kind::Customer, token, cookies_secure(&s), s.config.security.session_days));
    // A new person on this phone: drop whatever the last one left in the offline cache.
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::HeaderName::from_static("clear-site-data"), http::HeaderValue::from_static("\"cache\""));
    }
}

#[server]
pub async fn portal_login(login: String, password: String) -> Result<(), AppError> {
    use crate::auth::context::*;
    let s = state()?;
    let r = crate::services::portal::auth::sign_in_password(&s.db, &login, &password, &request_meta(), s.config.shop.country_code(), s.config.security.session_days).await;
    let r = r.map(|token| start_session(&token));
    form::outcome(r, Some("/portal/orders".into()), "signed_in")
}

#[server]
pub async fn portal_request_code(login: String) -> Result<(), AppError> {
    use crate::auth::context::*;
    let s = state()?;
    let r = crate::services::portal::auth::request_code(&s.db, &login, "sign_in", &request_meta(), s.config.shop.country_code()).await.map(|_| ());
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.append_pair("login", login.trim());
    form::outcome(r, Some(format!("/portal/code?{}", ser.finish())), "sent")
}

#[server]
pub async fn portal_code_login(login: String, code: String) -> Result<(), AppError> {
    use crate::auth::context::*;
    let s = state()?;
    let r = crate::services::portal::auth::sign_in_code(&s.db, &login, &code, &request_meta(), s.config.shop.country_code(), s.config.security.session_days).await;
    let r = r.map(|token| start_session(&token));
    form::outcome(r, Some("/portal/orders".into()), "signed_in")
}

#[server]
pub async fn portal_logout() -> Result<(), AppError> {
    use crate::auth::{context::*, session};
    let s = state()?;
    if let Some(token) = session_token(session::Kind::Customer) {
        session::destroy(&s.db.write, &token).await?;
    }
    set_cookie(session::clear_cookie(session::Kind::Customer, cookies_secure(&s)));
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(http::HeaderName::from_static("clear-site-data"), http::HeaderValue::from_static("\"cache\""));
    }
    crate::api::redirect("/portal?ok=signed_out", "/portal");
    Ok(())
}

#[server]
pub async fn portal_orders(q: String) -> Result<Vec<PortalOrderRow>, AppError> {
    let c = customer().await?;
    let s = crate::auth::context::state()?;
    crate::services::portal::orders::list(&s.db, c.id, &q, s.config.timezone()).await
}

#[server]
pub async fn load_portal_order(id: i32) -> Result<PortalOrder, AppError> {
    let c = customer().await?;
    let s = crate::auth::context::state()?;
    let key = crate::services::quality::links::secret(&s.db).await?;
    let exp = (crate::clock::now() + chrono::Duration::days(crate::services::quality::links::DEFAULT_DAYS)).timestamp();
    crate::services::portal::orders::detail(&s.db, c.id, id, s.config.timezone(), |pid| crate::services::quality::links::path(&key, pid, exp)).await
}

#[server]
pub async fn portal_rate(order_id: i32, stars: i32, comment: String) -> Result<(), AppError> {
    let r = async {
        let c = customer().await?;
        let s = crate::auth::context::state()?;
        crate::services::portal::ratings::rate(&s.db, c.id, order_id, stars, &comment).await
    }
    .await;
    form::outcome(r, None, "rated")
}

#[server]
pub async fn portal_reorder_draft(order_id: i32) -> Result<ReorderDraft, AppError> {
    let c = customer().await?;
    let s = crate::auth::context::state()?;
    crate::services::portal::reorder::draft(&s.db, c.id, order_id).await
}

#[server]
pub async fn portal_reorder(order_id: i32, quantities: Vec<String>, new_artwork: Option<Vec<String>>, changes: Option<String>) -> Result<i32, AppError> {
    let r = async {
        let c = customer().await?;
        let s = crate::auth::context::state()?;
        let mut qty = Vec::new();
        for (i, q) in quantities.iter().enumerate() {
            match q.trim().parse::<i64>() {
                Ok(n) if n >= 0 => qty.push(n),
                _ => return Err(AppError::field(&format!("lines.{i}.quantity"), "Enter a whole number (0 to leave it out)")),
            }
        }
        // Ticked "change the artwork" boxes send their line's index.
        let redo: Vec<usize> = new_artwork.unwrap_or_default().iter().filter_map(|i| i.trim().parse().ok()).collect();
        let changes = changes.unwrap_or_default();
        let (id, _) = crate::services::portal::reorder::confirm(&s.db, (c.id, c.name.clone()), order_id, &qty, &redo, &changes, &s.config.shop, s.config.today()).await?;
        Ok(id)
    }
    .await;
    let to = r.as_ref().ok().map(|id| format!("/portal/orders/{id}?ok=reordered"));
    form::outcome(r, to, "reordered")
}

#[server]
pub async fn portal_profile() -> Result<Profile, AppError> {
    let c = customer().await?;
    let s = crate::auth::context::state()?;
    crate::services::portal::profile::get(&s.db, c.id).await
}

#[server]
pub async fn portal_save_profile(profile: Profile) -> Result<(), AppError> {
    let r = async {
        let c = customer().await?;
        let s = crate::auth::context::state()?;
        crate::services::portal::profile::save(&s.db, c.id, &profile, s.config.shop.country_code()).await
    }
    .await;
    form::outcome(r, None, "saved")
}

#[server]
pub async fn portal_password(current_password: String, new_password: String) -> Result<(), AppError> {
    let r = async {
        let c = customer().await?;
        let s = crate::auth::context::state()?;
        let current = if c.password_hash.is_some() { Some(current_password.as_str()) } else { None };
        crate::services::portal::auth::set_password(&s.db, c.id, current, &new_password).await
    }
    .await;
    form::outcome(r, None, "password_set")
}

/// Forgotten password: a code on WhatsApp, then a new password with the code.
#[server]
pub async fn portal_reset_request(login: String) -> Result<(), AppError> {
    use crate::auth::context::*;
    let s = state()?;
    let r = crate::services::portal::auth::request_code(&s.db, &login, "reset", &request_meta(), s.config.shop.country_code()).await.map(|_| ());
    let mut ser = form_urlencoded::Serializer::new(String::new());
    ser.append_pair("login", login.trim());
    form::outcome(r, Some(format!("/portal/reset?{}", ser.finish())), "sent")
}

#[server]
pub async fn portal_reset(login: String, code: String, new_password: String) -> Result<(), AppError> {
    use crate::auth::context::*;
    let s = state()?;
    let r = async {
        crate::auth::password::check_strength(&new_password).map_err(|m| AppError::field("new_password", &m))?;
        let cc = s.config.shop.country_code();
        let c = crate::services::portal::auth::verify_code(&s.db, &login, &code, "reset", &request_meta(), cc).await?;
        crate::services::portal::auth::set_password(&s.db, c.id, None, &new_password).await?;
        crate::auth::session::destroy_all(&s.db.write, crate::auth::session::Kind::Customer, c.id).await?;
        Ok(())
    }
    .await;
    form::outcome(r, Some("/portal?ok=password_reset".into()), "password_reset")
}
