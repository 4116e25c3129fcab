//! What staff see of customer feedback: the rating on an order, averages per product and
//! per customer, and the follow-ups a low rating opens.
use crate::db::e::{customers, follow_ups, order_lines, orders, products, ratings};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::services::local_time;
use chrono::Utc;
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use crate::dto::portal::FollowUp;
use std::collections::{BTreeMap, HashMap};

pub async fn for_order(db: &Db, order_id: i32) -> AppResult<Option<(i32, String)>> {
    Ok(ratings::Entity::find().filter(ratings::Column::OrderId.eq(order_id)).one(&db.read).await?.map(|r| (r.stars, r.comment)))
}

/// Average stars per product (a rating counts for every product on its order).
pub async fn by_product(db: &Db) -> AppResult<Vec<(i32, String, f64, u64)>> {
    let all = ratings::Entity::find().all(&db.read).await?;
    let stars: HashMap<i32, i32> = all.iter().map(|r| (r.order_id, r.stars)).collect();
    let lines = order_lines::Entity::find().filter(order_lines::Column::OrderId.is_in(stars.keys().copied().collect::<Vec<_>>())).all(&db.read).await?;
    let names: HashMap<i32, String> = products::Entity::find().all(&db.read).await?.into_iter().map(|p| (p.id, p.name)).collect();
    let mut acc: BTreeMap<i32, (i64, u64)> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for l in lines {
        if seen.insert((l.order_id, l.product_id)) {
            let e = acc.entry(l.product_id).or_default();
            e.0 += stars.get(&l.order_id).copied().unwrap_or(0) as i64;
            e.1 += 1;
        }
    }
    Ok(acc.into_iter().map(|(id, (sum, n))| (id, names.get(&id).cloned().unwrap_or_default(), sum as f64 / n as f64, n)).collect())
}

pub async fn for_customer(db: &Db, customer_id: i32) -> AppResult<Option<(f64, u64)>> {
    let list = ratings::Entity::find().filter(ratings::Column::CustomerId.eq(customer_id)).all(&db.read).await?;
    if list.is_empty() {
        return Ok(None);
    }
    Ok(Some((list.iter().map(|r| r.stars as f64).sum::<f64>() / list.len() as f64, list.len() as u64)))
}

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
        .col_expr(follow_ups::Column::ClosedAt, Expr::value(Some(Utc::now())))
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
