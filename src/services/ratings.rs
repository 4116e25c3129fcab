//! Customer ratings for staff: the rating on an order, a customer's averages and latest
//! comments, and average stars per product for the catalogue. Read-only.
use super::local_time;
use crate::db::e::{orders, ratings};
use crate::db::Db;
use crate::dto::ratings::{CustomerRatings, ProductRating, RatedOrder, RatingView};
use crate::error::AppResult;
use chrono_tz::Tz;
use sea_orm::sea_query::{Alias, Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Statement, Value};
use std::collections::HashMap;

/// How many of a customer's latest ratings their page lists.
pub const RECENT: u64 = 5;

fn view(r: &ratings::Model, tz: Tz) -> RatingView {
    RatingView { stars: r.stars, comment: r.comment.clone(), at: local_time(r.updated_at, tz) }
}

/// The order's rating, if the customer gave one.
pub async fn for_order<C: ConnectionTrait>(c: &C, order_id: i32, tz: Tz) -> AppResult<Option<RatingView>> {
    let r = ratings::Entity::find().filter(ratings::Column::OrderId.eq(order_id)).one(c).await?;
    Ok(r.map(|r| view(&r, tz)))
}

/// Average stars and count per product, all customers, most rated first.
pub async fn product_averages(db: &Db) -> AppResult<Vec<ProductRating>> {
    per_product(&db.read, None).await
}

/// One customer's average and count, per product, and their latest rated orders.
pub async fn customer_summary(db: &Db, customer_id: i32, tz: Tz) -> AppResult<CustomerRatings> {
    let c = &db.read;
    let (count, total): (i64, Option<i64>) = ratings::Entity::find()
        .select_only()
        .column_as(ratings::Column::Id.count(), "n")
        .column_as(sum_stars(), "total")
        .filter(ratings::Column::CustomerId.eq(customer_id))
        .into_tuple()
        .one(c)
        .await?
        .unwrap_or((0, None));
    let latest = ratings::Entity::find()
        .filter(ratings::Column::CustomerId.eq(customer_id))
        .order_by_desc(ratings::Column::UpdatedAt)
        .order_by_desc(ratings::Column::Id)
        .limit(RECENT)
        .all(c)
        .await?;
    let numbers: HashMap<i32, String> = orders::Entity::find()
        .select_only()
        .column(orders::Column::Id)
        .column(orders::Column::Number)
        .filter(orders::Column::Id.is_in(latest.iter().map(|r| r.order_id).collect::<Vec<_>>()))
        .into_tuple::<(i32, String)>()
        .all(c)
        .await?
        .into_iter()
        .collect();
    Ok(CustomerRatings {
        average: average(total.unwrap_or(0), count),
        count: count.max(0) as u32,
        by_product: per_product(c, Some(customer_id)).await?,
        recent: latest
            .iter()
            .map(|r| RatedOrder { order_id: r.order_id, order_number: numbers.get(&r.order_id).cloned().unwrap_or_default(), rating: view(r, tz) })
            .collect(),
    })
}

/// SUM(stars) as BIGINT: PostgreSQL's SUM(integer) is already BIGINT, the cast keeps
/// both backends decoding to i64.
fn sum_stars() -> SimpleExpr {
    Func::cast_as(Func::sum(Expr::col(ratings::Column::Stars)), Alias::new("BIGINT")).into()
}

fn average(total: i64, count: i64) -> Option<f64> {
    (count > 0).then(|| total as f64 / count as f64)
}

/// One aggregate query grouped by product. The DISTINCT subquery makes each (order,
/// product) pair appear once, so an order with a product on two lines counts once in
/// both COUNT and SUM. Sums and counts are integers on both backends (AVG would be NUMERIC
/// on PostgreSQL); the average is divided here.
async fn per_product<C: ConnectionTrait>(c: &C, customer_id: Option<i32>) -> AppResult<Vec<ProductRating>> {
    let backend = c.get_database_backend();
    let (filter, values): (String, Vec<Value>) = match customer_id {
        Some(id) => {
            let ph = if backend == DbBackend::Postgres { "$1" } else { "?" };
            (format!("WHERE r.customer_id = {ph}"), vec![id.into()])
        }
        None => (String::new(), vec![]),
    };
    let sql = format!(
        "SELECT ol.product_id AS product_id, p.name AS product, \
         CAST(COUNT(r.id) AS BIGINT) AS n, CAST(SUM(r.stars) AS BIGINT) AS total \
         FROM ratings r \
         JOIN (SELECT DISTINCT order_id, product_id FROM order_lines) ol ON ol.order_id = r.order_id \
         JOIN products p ON p.id = ol.product_id \
         {filter} \
         GROUP BY ol.product_id, p.name \
         ORDER BY n DESC, p.name"
    );
    let rows = c.query_all(Statement::from_sql_and_values(backend, sql, values)).await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let count: i64 = row.try_get("", "n")?;
        let total: i64 = row.try_get("", "total")?;
        out.push(ProductRating {
            product_id: row.try_get("", "product_id")?,
            product: row.try_get("", "product")?,
            average: average(total, count).unwrap_or(0.0),
            count: count.max(0) as u32,
        });
    }
    Ok(out)
}
