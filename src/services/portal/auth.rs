//! Customer sign-in: phone or e-mail with a password, or a one-time code sent over
//! WhatsApp (written to the outbox). Codes are stored hashed, expire in 10 minutes, allow 5
//! tries and are rate-limited per number and per address.
use crate::auth::{password, rate_limit, session, tokens, RequestMeta};
use crate::db::e::{customers, login_codes};
use crate::domain::whatsapp::message::{Body, ButtonParam, Outgoing, Param, Recipient, TemplateMessage};
use crate::domain::whatsapp::outbox::Topic;
use crate::domain::whatsapp::window::Purpose;
use crate::services::whatsapp::outbox::{enqueue, NewMessage};
use crate::db::Db;
use crate::domain::portal::{check_code, code_message, CodeCheck, CODE_MINUTES, CODE_TRIES};
use crate::domain::validate::{is_email, normalize_phone};
use crate::error::{AppError, AppResult};
use crate::services::{audit, Actor};
use chrono::Duration;
use rand::Rng;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

/// The approved AUTHENTICATION template that carries sign-in codes.
pub const LOGIN_CODE_TEMPLATE: &str = "pressdesk_login_code";

pub const ACCOUNT_LIMIT: i32 = 5;
pub const ADDRESS_LIMIT: i32 = 20;
/// Codes sent per number, and per address, in the window.
pub const CODES_PER_NUMBER: i32 = 3;
pub const CODES_PER_ADDRESS: i32 = 10;

fn window() -> Duration {
    Duration::minutes(15)
}

/// The customer a login names: a phone number (any common way of writing it) or an e-mail.
pub async fn find(db: &Db, login: &str, country_code: &str) -> AppResult<Option<customers::Model>> {
    let login = login.trim();
    if login.is_empty() {
        return Err(AppError::field("login", "Enter your phone number or e-mail"));
    }
    if login.contains('@') {
        if !is_email(login) {
            return Err(AppError::field("login", "Enter a valid e-mail address"));
        }
        return Ok(customers::Entity::find().filter(customers::Column::Email.eq(login.to_lowercase())).one(&db.read).await?);
    }
    let phone = normalize_phone(login, country_code).map_err(|m| AppError::field("login", &m))?;
    Ok(customers::Entity::find().filter(customers::Column::Phone.eq(phone)).one(&db.read).await?)
}

async fn blocked(db: &Db, keys: &[(&str, i32)]) -> AppResult<()> {
    for (key, limit) in keys {
        if let Some(m) = rate_limit::blocked(&db.read, key, *limit, window()).await? {
            return Err(AppError::RateLimited(m));
        }
    }
    Ok(())
}

async fn start_session(db: &Db, c: &customers::Model, meta: &RequestMeta, days: i64, how: &str) -> AppResult<String> {
    let txn = db.write.begin().await?;
    let token = session::create(&txn, session::Kind::Customer, c.id, &meta.ip, &meta.user_agent, days).await?;
    audit::record(&txn, &Actor::Customer { id: c.id, name: c.name.clone() }, "portal_sign_in", "customer", Some(c.id), &format!("{how} from {}", meta.ip)).await?;
    txn.commit().await?;
    Ok(token)
}

pub async fn sign_in_password(db: &Db, login: &str, pw: &str, meta: &RequestMeta, cc: &str, days: i64) -> AppResult<String> {
    if pw.is_empty() {
        return Err(AppError::field("password", "Enter your password"));
    }
    let ip_key = format!("portal:ip:{}", meta.ip);
    blocked(db, &[(&ip_key, ADDRESS_LIMIT)]).await?;
    let customer = find(db, login, cc).await?;
    let acct_key = format!("portal:acct:{}", customer.as_ref().map(|c| c.id).unwrap_or(0));
    if customer.is_some() {
        blocked(db, &[(&acct_key, ACCOUNT_LIMIT)]).await?;
    }
    let hash = customer.as_ref().and_then(|c| c.password_hash.clone());
    let pw2 = pw.to_string();
    let ok = tokio::task::spawn_blocking(move || match hash {
        Some(h) => password::verify(&pw2, &h),
        None => {
            password::verify_dummy(&pw2);
            false
        }
    })
    .await
    .unwrap_or(false);
    match customer {
        Some(c) if ok => {
            rate_limit::clear(&db.write, &acct_key).await?;
            start_session(db, &c, meta, days, "password").await
        }
        other => {
            if other.is_some() {
                let _ = rate_limit::hit(&db.write, &acct_key, ACCOUNT_LIMIT, window()).await?;
            }
            let _ = rate_limit::hit(&db.write, &ip_key, ADDRESS_LIMIT, window()).await?;
            Err(AppError::field("password", "Wrong phone/e-mail or password"))
        }
    }
}

fn code_hash(customer_id: i32, code: &str) -> String {
    tokens::digest(&format!("{customer_id}:{}", code.trim()))
}

/// Sends a one-time code (through the outbox) if the login is a customer with a phone.
/// Says nothing about whether the login exists. Returns the code only for tests.
pub async fn request_code(db: &Db, login: &str, purpose: &str, meta: &RequestMeta, cc: &str) -> AppResult<Option<String>> {
    let ip_key = format!("portal:codes:ip:{}", meta.ip);
    blocked(db, &[(&ip_key, CODES_PER_ADDRESS)]).await?;
    let customer = find(db, login, cc).await?;
    let Some(c) = customer.filter(|c| c.phone.is_some()) else {
        let _ = rate_limit::hit(&db.write, &ip_key, CODES_PER_ADDRESS, window()).await?;
        return Ok(None);
    };
    let phone = c.phone.clone().unwrap_or_default();
    let num_key = format!("portal:codes:num:{phone}");
    blocked(db, &[(&num_key, CODES_PER_NUMBER)]).await?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
    let now = crate::clock::now();
    let txn = db.write.begin().await?;
    let _ = rate_limit::hit(&txn, &num_key, CODES_PER_NUMBER, window()).await?;
    let _ = rate_limit::hit(&txn, &ip_key, CODES_PER_ADDRESS, window()).await?;
    // Older codes stop working when a new one is sent.
    login_codes::Entity::update_many()
        .col_expr(login_codes::Column::UsedAt, Expr::value(now))
        .filter(login_codes::Column::CustomerId.eq(c.id))
        .filter(login_codes::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    login_codes::ActiveModel {
        customer_id: Set(c.id),
        purpose: Set(purpose.into()),
        code_hash: Set(code_hash(c.id, &code)),
        attempts: Set(0),
        expires_at: Set(now + Duration::minutes(CODE_MINUTES)),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    // An AUTHENTICATION template: the code in the body and in the copy-code button.
    let template = TemplateMessage {
        name: LOGIN_CODE_TEMPLATE.into(),
        language: "en".into(),
        header: None,
        body: vec![Param { name: None, text: code.clone() }],
        buttons: vec![ButtonParam::Url { index: 0, text: code.clone() }],
    };
    let msg = Outgoing::new(Recipient::Phone(phone.clone()), Body::Template(template));
    enqueue(&txn, NewMessage::new(msg, Topic::LoginCode, Purpose::Authentication).customer(c.id)).await?;
    txn.commit().await?;
    tracing::debug!(customer = c.id, "portal code queued in the outbox");
    Ok(Some(code))
}

/// Checks a code; on success the code is spent and the customer id returned.
pub async fn verify_code(db: &Db, login: &str, code: &str, purpose: &str, meta: &RequestMeta, cc: &str) -> AppResult<customers::Model> {
    let code = code.trim();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::field("code", "The code has 6 digits"));
    }
    let ip_key = format!("portal:ip:{}", meta.ip);
    blocked(db, &[(&ip_key, ADDRESS_LIMIT)]).await?;
    let wrong = || AppError::field("code", code_message(CodeCheck::Wrong));
    let Some(c) = find(db, login, cc).await? else {
        let _ = rate_limit::hit(&db.write, &ip_key, ADDRESS_LIMIT, window()).await?;
        return Err(wrong());
    };
    let txn = db.write.begin().await?;
    let Some(row) = login_codes::Entity::find()
        .filter(login_codes::Column::CustomerId.eq(c.id))
        .filter(login_codes::Column::Purpose.eq(purpose))
        .order_by_desc(login_codes::Column::Id)
        .one(&txn)
        .await?
    else {
        return Err(wrong());
    };
    let now = crate::clock::now();
    let matches = row.code_hash == code_hash(c.id, code);
    let check = check_code(matches, row.attempts, row.expires_at, row.used_at.is_some(), now);
    if check == CodeCheck::Ok {
        login_codes::Entity::update_many()
            .col_expr(login_codes::Column::UsedAt, Expr::value(now))
            .filter(login_codes::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        return Ok(c);
    }
    if check == CodeCheck::Wrong {
        login_codes::Entity::update_many()
            .col_expr(login_codes::Column::Attempts, Expr::value(row.attempts + 1))
            .filter(login_codes::Column::Id.eq(row.id))
            .exec(&txn)
            .await?;
        let _ = rate_limit::hit(&txn, &ip_key, ADDRESS_LIMIT, window()).await?;
    }
    txn.commit().await?;
    let message = if check == CodeCheck::Wrong && row.attempts + 1 >= CODE_TRIES { code_message(CodeCheck::TooManyTries) } else { code_message(check) };
    Err(AppError::field("code", message))
}

pub async fn sign_in_code(db: &Db, login: &str, code: &str, meta: &RequestMeta, cc: &str, days: i64) -> AppResult<String> {
    let c = verify_code(db, login, code, "sign_in", meta, cc).await?;
    start_session(db, &c, meta, days, "WhatsApp code").await
}

/// Sets a password: with the current one, or with a fresh reset code.
pub async fn set_password(db: &Db, customer_id: i32, current: Option<&str>, new: &str) -> AppResult<()> {
    password::check_strength(new).map_err(|m| AppError::field("new_password", &m))?;
    let c = customers::Entity::find_by_id(customer_id).one(&db.read).await?.ok_or(AppError::not_found("Customer"))?;
    if let (Some(cur), Some(h)) = (current, c.password_hash.clone()) {
        let cur = cur.to_string();
        if !tokio::task::spawn_blocking(move || password::verify(&cur, &h)).await.unwrap_or(false) {
            return Err(AppError::field("current_password", "That is not your current password"));
        }
    }
    let new = new.to_string();
    let hash = tokio::task::spawn_blocking(move || password::hash(&new)).await.map_err(|e| AppError::Internal(e.to_string()))?.map_err(AppError::Internal)?;
    customers::Entity::update_many()
        .col_expr(customers::Column::PasswordHash, Expr::value(Some(hash)))
        .filter(customers::Column::Id.eq(customer_id))
        .exec(&db.write)
        .await?;
    Ok(())
}
