//! Helpers for server functions: the app state, who is calling, and role checks.
use super::session::{self, Kind};
use crate::db::e::{customers, users};
use crate::domain::roles::Role;
use crate::dto::auth::StaffUser;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::ConnectInfo;
use leptos::prelude::*;
use sea_orm::EntityTrait;
use std::net::SocketAddr;

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::Internal("no app state".into()))
}

fn parts() -> Result<http::request::Parts, AppError> {
    use_context::<http::request::Parts>().ok_or_else(|| AppError::Internal("no request".into()))
}

#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    pub ip: String,
    pub user_agent: String,
    pub https: bool,
}

pub fn meta_from(parts: &http::request::Parts, trust_proxy: bool) -> RequestMeta {
    let forwarded = |name: &str| {
        parts.headers.get(name).and_then(|v| v.to_str().ok()).map(|s| s.split(',').next().unwrap_or("").trim().to_string())
    };
    let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
    let ip = if trust_proxy { forwarded("x-forwarded-for").or(peer) } else { peer };
    RequestMeta {
        ip: ip.unwrap_or_else(|| "unknown".into()),
        user_agent: parts
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
        https: trust_proxy && forwarded("x-forwarded-proto").as_deref() == Some("https"),
    }
}

pub fn request_meta() -> RequestMeta {
    let trust = use_context::<AppState>().map(|s| s.config.security.trust_proxy).unwrap_or(false);
    parts().map(|p| meta_from(&p, trust)).unwrap_or_default()
}

/// Adds a Set-Cookie header to the server function's response.
pub fn set_cookie(value: String) {
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&value)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}

pub fn cookies_secure(state: &AppState) -> bool {
    state.config.cookies_secure() || request_meta().https
}

pub fn session_token(kind: Kind) -> Option<String> {
    parts().ok().and_then(|p| session::token_from_headers(&p.headers, kind))
}

pub fn to_staff(u: &users::Model) -> Option<StaffUser> {
    Some(StaffUser { id: u.id, name: u.name.clone(), email: u.email.clone(), role: Role::parse(&u.role)? })
}

/// The staff member whose session cookie is in these headers (also used by plain axum
/// handlers such as PDF downloads).
pub async fn staff_from_headers(db: &crate::db::Db, headers: &http::HeaderMap) -> Result<Option<StaffUser>, AppError> {
    let Some(token) = session::token_from_headers(headers, Kind::Staff) else { return Ok(None) };
    let Some(sess) = session::find(&db.read, Kind::Staff, &token).await? else { return Ok(None) };
    let user = users::Entity::find_by_id(sess.subject_id).one(&db.read).await?;
    Ok(user.filter(|u| u.active).as_ref().and_then(to_staff))
}

/// The signed-in staff member, if any.
pub async fn current_staff() -> Result<Option<StaffUser>, AppError> {
    let state = state()?;
    let parts = parts()?;
    staff_from_headers(&state.db, &parts.headers).await
}

/// The signed-in staff member with one of `roles`, or the error to answer with.
pub async fn require_staff(roles: &[Role]) -> Result<StaffUser, AppError> {
    let user = current_staff().await?.ok_or(AppError::Unauthenticated)?;
    if user.role.allowed(roles) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The signed-in customer (portal), if any.
pub async fn current_customer() -> Result<Option<customers::Model>, AppError> {
    let state = state()?;
    let Some(token) = session_token(Kind::Customer) else { return Ok(None) };
    let Some(sess) = session::find(&state.db.read, Kind::Customer, &token).await? else { return Ok(None) };
    Ok(customers::Entity::find_by_id(sess.subject_id).one(&state.db.read).await?)
}

pub async fn require_customer() -> Result<customers::Model, AppError> {
    current_customer().await?.ok_or(AppError::Unauthenticated)
}
