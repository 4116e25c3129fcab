//! Server-side sessions stored in the database. The cookie holds a random token; the table
//! holds its SHA-256. Staff and customer sessions use different cookies and kinds.
use super::tokens;
use crate::db::e::sessions;
use chrono::Duration;
use cookie::{Cookie, SameSite};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Staff,
    Customer,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Staff => "staff",
            Kind::Customer => "customer",
        }
    }

    pub fn cookie(self) -> &'static str {
        match self {
            Kind::Staff => "pd_staff",
            Kind::Customer => "pd_customer",
        }
    }
}

/// Creates a session and returns the cookie token.
pub async fn create<C: ConnectionTrait>(
    c: &C,
    kind: Kind,
    subject_id: i32,
    ip: &str,
    user_agent: &str,
    days: i64,
) -> Result<String, sea_orm::DbErr> {
    let token = tokens::new_token();
    let now = crate::clock::now();
    sessions::ActiveModel {
        id: Set(tokens::digest(&token)),
        kind: Set(kind.as_str().into()),
        subject_id: Set(subject_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(days)),
        last_seen_at: Set(now),
        ip: Set(ip.chars().take(64).collect()),
        user_agent: Set(user_agent.chars().take(255).collect()),
    }
    .insert(c)
    .await?;
    Ok(token)
}

/// The live session for this token, if any.
pub async fn find<C: ConnectionTrait>(c: &C, kind: Kind, token: &str) -> Result<Option<sessions::Model>, sea_orm::DbErr> {
    let now = crate::clock::now();
    let row = sessions::Entity::find_by_id(tokens::digest(token))
        .filter(sessions::Column::Kind.eq(kind.as_str()))
        .one(c)
        .await?;
    Ok(row.filter(|s| s.expires_at > now))
}

pub async fn destroy<C: ConnectionTrait>(c: &C, token: &str) -> Result<(), sea_orm::DbErr> {
    sessions::Entity::delete_by_id(tokens::digest(token)).exec(c).await?;
    Ok(())
}

/// Signs a person out everywhere (password change, deactivation).
pub async fn destroy_all<C: ConnectionTrait>(c: &C, kind: Kind, subject_id: i32) -> Result<(), sea_orm::DbErr> {
    sessions::Entity::delete_many()
        .filter(sessions::Column::Kind.eq(kind.as_str()))
        .filter(sessions::Column::SubjectId.eq(subject_id))
        .exec(c)
        .await?;
    Ok(())
}

pub async fn purge_expired<C: ConnectionTrait>(c: &C) -> Result<u64, sea_orm::DbErr> {
    Ok(sessions::Entity::delete_many()
        .filter(sessions::Column::ExpiresAt.lt(crate::clock::now()))
        .exec(c)
        .await?
        .rows_affected)
}

/// Set-Cookie value: HttpOnly, SameSite=Lax, Secure when served over https.
pub fn set_cookie(kind: Kind, token: &str, secure: bool, days: i64) -> String {
    Cookie::build((kind.cookie(), token.to_string()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::days(days))
        .build()
        .to_string()
}

pub fn clear_cookie(kind: Kind, secure: bool) -> String {
    Cookie::build((kind.cookie(), ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .to_string()
}

/// Reads a cookie from request headers.
pub fn token_from_headers(headers: &http::HeaderMap, kind: Kind) -> Option<String> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| Cookie::parse(pair.trim().to_string()).ok())
        .find(|c| c.name() == kind.cookie() && !c.value().is_empty())
        .map(|c| c.value().to_string())
}
