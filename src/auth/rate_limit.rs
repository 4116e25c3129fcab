//! Fixed-window rate limits kept in the database, so every app instance shares them.
use crate::db::e::rate_limits;
use chrono::Duration;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// Counts one attempt for `key`. Refuses (with minutes to wait) once `limit` attempts were
/// made within `window`.
pub async fn hit<C: ConnectionTrait>(c: &C, key: &str, limit: i32, window: Duration) -> Result<Result<(), u32>, sea_orm::DbErr> {
    let now = crate::clock::now();
    match rate_limits::Entity::find_by_id(key.to_string()).one(c).await? {
        Some(row) if row.window_start + window > now => {
            if row.count >= limit {
                let left = (row.window_start + window - now).num_minutes().max(0) as u32 + 1;
                return Ok(Err(left));
            }
            let count = row.count + 1;
            let mut am: rate_limits::ActiveModel = row.into();
            am.count = Set(count);
            am.update(c).await?;
        }
        Some(row) => {
            let mut am: rate_limits::ActiveModel = row.into();
            am.window_start = Set(now);
            am.count = Set(1);
            am.update(c).await?;
        }
        None => {
            rate_limits::ActiveModel { key: Set(key.to_string()), window_start: Set(now), count: Set(1) }
                .insert(c)
                .await?;
        }
    }
    Ok(Ok(()))
}

/// Whether `key` is currently over its limit, without counting.
pub async fn blocked<C: ConnectionTrait>(c: &C, key: &str, limit: i32, window: Duration) -> Result<Option<u32>, sea_orm::DbErr> {
    let now = crate::clock::now();
    Ok(match rate_limits::Entity::find_by_id(key.to_string()).one(c).await? {
        Some(row) if row.window_start + window > now && row.count >= limit => {
            Some((row.window_start + window - now).num_minutes().max(0) as u32 + 1)
        }
        _ => None,
    })
}

pub async fn clear<C: ConnectionTrait>(c: &C, key: &str) -> Result<(), sea_orm::DbErr> {
    rate_limits::Entity::delete_by_id(key.to_string()).exec(c).await?;
    Ok(())
}
