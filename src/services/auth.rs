//! Staff sign-in and staff accounts.
use super::{audit, Actor};
use crate::auth::{password, rate_limit, session, RequestMeta};
use crate::db::{e::users, Db};
use crate::domain::roles::Role;
use crate::domain::validate::{is_email, FieldErrors};
use crate::dto::auth::{StaffRow, StaffUser};
use crate::error::{AppError, AppResult};
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait};

/// Failed sign-ins allowed per account, and per address, in a 15-minute window.
pub const ACCOUNT_LIMIT: i32 = 5;
pub const ADDRESS_LIMIT: i32 = 20;
pub fn window() -> Duration {
    Duration::minutes(15)
}

pub struct SignedIn {
    pub token: String,
    pub user: StaffUser,
}

async fn verify_blocking(pw: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => password::verify(&pw, &h),
        None => {
            password::verify_dummy(&pw);
            false
        }
    })
    .await
    .unwrap_or(false)
}

pub async fn staff_sign_in(db: &Db, email: &str, pw: &str, meta: &RequestMeta, days: i64) -> AppResult<SignedIn> {
    let email = email.trim().to_lowercase();
    let mut errs = FieldErrors::new();
    errs.required("email", &email, 254);
    if pw.is_empty() {
        errs.add("password", "Enter your password");
    }
    errs.into_result()?;

    let acct_key = format!("signin:acct:{email}");
    let ip_key = format!("signin:ip:{}", meta.ip);
    for key in [&acct_key, &ip_key] {
        let limit = if key == &acct_key { ACCOUNT_LIMIT } else { ADDRESS_LIMIT };
        if let Some(minutes) = rate_limit::blocked(&db.read, key, limit, window()).await? {
            return Err(AppError::RateLimited(minutes));
        }
    }

    let user = users::Entity::find().filter(users::Column::Email.eq(email.clone())).one(&db.read).await?;
    let ok = verify_blocking(pw.to_string(), user.as_ref().map(|u| u.password_hash.clone())).await;
    let txn = db.write.begin().await?;
    match user {
        Some(u) if ok && u.active => {
            rate_limit::clear(&txn, &acct_key).await?;
            let token = session::create(&txn, session::Kind::Staff, u.id, &meta.ip, &meta.user_agent, days).await?;
            let staff = crate::auth::context::to_staff(&u).ok_or_else(|| AppError::Internal("bad role".into()))?;
            audit::record(&txn, &Actor::from(&staff), "sign_in", "user", Some(u.id), &meta.ip).await?;
            txn.commit().await?;
            Ok(SignedIn { token, user: staff })
        }
        other => {
            let _ = rate_limit::hit(&txn, &acct_key, ACCOUNT_LIMIT, window()).await?;
            let _ = rate_limit::hit(&txn, &ip_key, ADDRESS_LIMIT, window()).await?;
            audit::record(&txn, &Actor::System, "sign_in_failed", "user", other.map(|u| u.id), &format!("{email} from {}", meta.ip)).await?;
            txn.commit().await?;
            Err(AppError::field("password", "Wrong e-mail or password"))
        }
    }
}

pub async fn sign_out(db: &Db, token: &str) -> AppResult<()> {
    session::destroy(&db.write, token).await?;
    Ok(())
}

pub fn validate_new_user(email: &str, name: &str, role: &str, pw: &str) -> Result<Role, FieldErrors> {
    let mut errs = FieldErrors::new();
    if !is_email(email) {
        errs.add("email", "Enter a valid e-mail address");
    }
    errs.required("name", name, 100);
    let role = Role::parse(role);
    if role.is_none() {
        errs.add("role", "Choose a role");
    }
    if let Err(m) = password::check_strength(pw) {
        errs.add("password", m);
    }
    errs.into_result()?;
    Ok(role.unwrap_or(Role::FrontDesk))
}

pub async fn create_user(db: &Db, actor: &Actor, email: &str, name: &str, role: &str, pw: &str) -> AppResult<i32> {
    let email = email.trim().to_lowercase();
    let role = validate_new_user(&email, name, role, pw)?;
    let hash = tokio::task::spawn_blocking({
        let pw = pw.to_string();
        move || password::hash(&pw)
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(AppError::Internal)?;
    let txn = db.write.begin().await?;
    if users::Entity::find().filter(users::Column::Email.eq(email.clone())).one(&txn).await?.is_some() {
        return Err(AppError::field("email", "A staff account with this e-mail already exists"));
    }
    let user = users::ActiveModel {
        email: Set(email),
        name: Set(name.trim().to_string()),
        role: Set(role.as_str().into()),
        password_hash: Set(hash),
        active: Set(true),
        created_at: Set(crate::clock::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(&txn, actor, "create_user", "user", Some(user.id), role.as_str()).await?;
    txn.commit().await?;
    Ok(user.id)
}

pub async fn list_staff(db: &Db) -> AppResult<Vec<StaffRow>> {
    Ok(users::Entity::find()
        .order_by_asc(users::Column::Name)
        .all(&db.read)
        .await?
        .into_iter()
        .filter_map(|u| Some(StaffRow { id: u.id, name: u.name, email: u.email, role: Role::parse(&u.role)?, active: u.active }))
        .collect())
}

pub async fn count_users(db: &Db) -> AppResult<u64> {
    use sea_orm::PaginatorTrait;
    Ok(users::Entity::find().count(&db.read).await?)
}
