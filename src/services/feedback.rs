//! The follow-ups a low rating opens, for staff (ratings themselves: `services::ratings`).
use crate::db::e::{customers, follow_ups, orders};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::services::local_time;
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use crate::dto::portal::FollowUp;
use std::collections::HashMap;

pub async fn open_follow_ups(db: &Db, tz: Tz) -> AppResult<Vec<FollowUp>> {
    let list = follow_ups::Entity::find().filter(follow_ups::Column::Status.eq("open")).order_by_asc(follow_ups::Column::CreatedAt).all(&db.read).await?;
    let numbers: HashMap<i32, String> =
        orders::Entity::find().filter(orders::Column::Id.is_in(list.iter().map(|f| f.order_id).collect::<Vec<_>>())).all(&db.read).await?.into_iter().map(|o| (o.id, o.number)).collect();
    let names: HashMap<i32, String> = customers::Entity::find()
        .filter(customers::Column::Id.is_in(list.iter().map(|f| f.customer_id).collect::<Vec<_>>()))
        .all(&db.read)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    Ok(list
        .into_iter()
        .map(|f| FollowUp {
            id: f.id,
            order_id: f.order_id,
            order_number: numbers.get(&f.order_id).cloned().unwrap_or_default(),
            customer: names.get(&f.customer_id).cloned().unwrap_or_default(),
            note: f.note,
            at: local_time(f.created_at, tz),
        })
        .collect())
}

pub async fn close_follow_up(db: &Db, id: i32, by: &str) -> AppResult<()> {
    let res = follow_ups::Entity::update_many()
        .col_expr(follow_ups::Column::Status, Expr::value("done"))
        .col_expr(follow_ups::Column::ClosedAt, Expr::value(Some(crate::clock::now())))
        .col_expr(follow_ups::Column::ClosedBy, Expr::value(by))
        .filter(follow_ups::Column::Id.eq(id))
        .filter(follow_ups::Column::Status.eq("open"))
        .exec(&db.write)
        .await?;
    if res.rows_affected == 0 {
        return Err(AppError::not_found("Follow-up"));
    }
    Ok(())
}
